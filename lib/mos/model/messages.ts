// Every message of MOS 2.8.5 profiles 0-7 plus the proposal's keepAlive, as a table:
// profile number and element model. Profile 6 (MOS redirection) adds no message and no element.
import { ElementModel, MessageModel, Particle, anyContent, attr, empty, exactly, leaf, many, mixed, never, one, opt, records, sequence, some, variant } from './types';
import * as F from './fields';
import * as S from './structures';

// ---- profile 0 ----

const heartbeat = sequence('heartbeat', [one(F.time)]);
const reqMachInfo = empty('reqMachInfo');
const listMachInfo = sequence('listMachInfo', [
  one(leaf('manufacturer', F.TEXT128)), one(leaf('model', F.TEXT128)), one(leaf('hwRev', F.TEXT128)),
  one(leaf('swRev', F.TEXT128)), one(leaf('DOM', F.TEXT)), one(leaf('SN', F.TEXT128)), one(leaf('ID', F.TEXT128)),
  one(F.time), opt(leaf('opTime', F.TIME)), one(leaf('mosRev', F.TEXT128)), one(S.supportedProfiles),
  many(S.defaultActiveX), S.metadata,
]);
/** The proposal's addition: an empty element, never answered (no messageID: the envelope's concern). */
const keepAlive = empty('keepAlive');

// ---- profile 1 ----

// objID and objRev may be empty: a mosAck answering mosReqAll, or refusing a mosObjCreate, is about no object.
const mosAck = sequence('mosAck', [
  one(leaf('objID', F.TEXT128)), one(leaf('objRev', F.REVISION_OR_EMPTY)), one(leaf('status', F.ACK_STATUS)),
  opt(leaf('statusDescription', F.TEXT128)),
]);
const mosReqObj = sequence('mosReqObj', [one(F.objID)]);
const mosReqAll = sequence('mosReqAll', [one(leaf('pause', F.UINT32))]);
const mosListAll = sequence('mosListAll', [many(S.mosObj)]);

// ---- profile 2 ----

const RUNNING_ORDER: readonly Particle[] = [...S.RO_HEADER, ...S.RO_MACROS, S.metadata, many(S.story)];
const roCreate = sequence('roCreate', RUNNING_ORDER);
const roReplace = sequence('roReplace', RUNNING_ORDER);
const roList = sequence('roList', RUNNING_ORDER);
const roMetadataReplace = sequence('roMetadataReplace', [...S.RO_HEADER, S.metadata]);
const roDelete = sequence('roDelete', [one(F.roID)]);
const roReq = sequence('roReq', [one(F.roID)]);
const roReadyToAir = sequence('roReadyToAir', [one(F.roID), one(F.roAir)]);

/** roAck: a status for the running order, then one record per object the MOS reports on. */
const roAck = sequence('roAck', [
  one(F.roID), one(F.roStatus),
  records([one(F.storyID), one(F.itemID), one(F.objID), opt(F.itemChannel), one(leaf('status', F.TEXT128))]),
]);

/** roElementStat: what the status is about is named by the element attribute (RO, STORY, ITEM). */
const elementStatBase = sequence('roElementStat', [
  one(F.roID), opt(F.storyID), opt(F.itemID), opt(F.objID), opt(F.itemChannel), one(F.objectStatus), one(F.time),
], [attr('element', F.ELEMENT_KIND)]);
const roElementStat: ElementModel = {
  ...elementStatBase,
  cases: {
    attribute: 'element',
    values: {
      RO: [variant(elementStatBase, 'status of a running order', [one(F.roID), never(F.storyID), never(F.itemID), never(F.objID), never(F.itemChannel), one(F.objectStatus), one(F.time)])],
      STORY: [variant(elementStatBase, 'status of a story', [one(F.roID), one(F.storyID), never(F.itemID), never(F.objID), never(F.itemChannel), one(F.objectStatus), one(F.time)])],
      ITEM: [variant(elementStatBase, 'status of an item', [one(F.roID), one(F.storyID), one(F.itemID), opt(F.objID), opt(F.itemChannel), one(F.objectStatus), one(F.time)])],
    },
  },
};

/**
 * roElementAction: the operation attribute and the kind of element_source decide which target
 * is needed. Stories are addressed by storyID, items by storyID and itemID in element_target.
 */
const storyTarget = sequence('element_target', [one(F.storyID)]);
const itemTarget = sequence('element_target', [one(F.storyID), one(F.itemID)]);
const source = (p: Particle): ElementModel => sequence('element_source', [p]);
const elementActionBase = sequence('roElementAction', [
  one(F.roID), opt(sequence('element_target', [one(F.storyID), opt(F.itemID)])),
  one(mixed('element_source', [S.story, S.item, F.storyID, F.itemID])),
], [attr('operation', F.ELEMENT_OPERATION)]);
const form = (label: string, target: Particle, src: Particle): ElementModel => variant(elementActionBase, label, [one(F.roID), target, one(source(src))]);
const roElementAction: ElementModel = {
  ...elementActionBase,
  cases: {
    attribute: 'operation',
    values: {
      INSERT: [form('INSERT of stories before a story', one(storyTarget), some(S.story)), form('INSERT of items before an item', one(itemTarget), some(S.item))],
      REPLACE: [form('REPLACE of a story', one(storyTarget), some(S.story)), form('REPLACE of an item', one(itemTarget), some(S.item))],
      MOVE: [form('MOVE of stories before a story', one(storyTarget), some(F.storyID)), form('MOVE of items before an item', one(itemTarget), some(F.itemID))],
      DELETE: [form('DELETE of stories', never(storyTarget), some(F.storyID)), form('DELETE of items of a story', one(storyTarget), some(F.itemID))],
      SWAP: [form('SWAP of two stories', never(storyTarget), exactly(F.storyID, 2)), form('SWAP of two items of a story', one(storyTarget), exactly(F.itemID, 2))],
    },
  },
};

// ---- profile 3 ----

const mosObjCreate = sequence('mosObjCreate', S.OBJECT_CREATE);
const mosItemReplace = sequence('mosItemReplace', [one(F.roID), one(F.storyID), one(S.item)]);
const mosReqSearchableSchema = empty('mosReqSearchableSchema', [F.username]);
const mosListSearchableSchema = sequence('mosListSearchableSchema', [one(F.mosSchema)], [F.username]);
const queryID = leaf('queryID', F.ID128);
const searchField = empty('searchField', [attr('XPath', F.NONEMPTY), attr('sortByOrder', F.UINT32, false), attr('sortType', F.SORT_TYPE, false)]);
const mosReqObjList = sequence('mosReqObjList', [
  one(queryID), one(leaf('listReturnStart', F.UINT32_OR_EMPTY)), one(leaf('listReturnEnd', F.UINT32_OR_EMPTY)),
  one(leaf('generalSearch', F.TEXT128)), one(leaf('mosSchema', F.TEXT)), many(sequence('searchGroup', [some(searchField)])),
], [F.username]);
const mosObjList = sequence('mosObjList', [
  one(queryID), one(leaf('listReturnStart', F.UINT32_OR_EMPTY)), one(leaf('listReturnEnd', F.UINT32_OR_EMPTY)),
  one(leaf('listReturnTotal', F.UINT32)), opt(leaf('listReturnStatus', F.TEXT128)), opt(sequence('list', [some(S.mosObj)])),
], [F.username]);
/** NEW and UPDATE carry the object's fields, DELETE nothing; UPDATE and DELETE name the object. */
const objectActionBase = sequence('mosReqObjAction', S.OBJECT_ACTION, [attr('operation', F.OBJECT_ACTION), attr('objID', F.ID128, false)]);
const namedObject = [attr('operation', F.OBJECT_ACTION), attr('objID', F.ID128)];
const mosReqObjAction: ElementModel = {
  ...objectActionBase,
  cases: {
    attribute: 'operation',
    values: {
      NEW: [variant(objectActionBase, 'NEW object', S.OBJECT_ACTION)],
      UPDATE: [variant(objectActionBase, 'UPDATE of an object', S.OBJECT_ACTION, namedObject)],
      DELETE: [{ ...variant(objectActionBase, 'DELETE of an object', [], namedObject), content: 'empty' }],
    },
  },
};

// ---- profile 4 ----

const roReqAll = empty('roReqAll');
const roListAll = sequence('roListAll', [many(S.ro)]);
const roStorySend = sequence('roStorySend', [one(F.roID), one(F.storyID), opt(F.storySlug), opt(F.storyNum), one(S.storyBody), S.metadata]);

// ---- profile 5 ----

const roItemCue = sequence('roItemCue', [one(F.mosID), one(F.roID), one(F.storyID), one(F.itemID), one(F.roEventType), one(F.roEventTime), S.metadata]);
// storyID and itemID stay present but may be empty: a command addresses a whole running order or story.
const roCtrl = sequence('roCtrl', [one(F.roID), one(leaf('storyID', F.TEXT128)), one(leaf('itemID', F.TEXT128)), one(F.command), S.metadata]);

// ---- profile 7 ----

/** The roStorySend a MOS sends inside roReqStoryAction, with placement elements for NEW and MOVE. */
const storyActionSend = (storyIdRequired: boolean, placement: readonly Particle[]): ElementModel => sequence('roStorySend', [
  one(F.roID), ...placement, storyIdRequired ? one(F.storyID) : opt(F.storyID), opt(F.storySlug), opt(F.storyNum),
  opt(S.storyBody), S.metadata,
]);
const placementTarget = sequence('element_target', [one(F.storyID)]);
const placementSource = sequence('element_source', [some(F.storyID)]);
const LENIENT_PLACEMENT = [opt(placementTarget), opt(mixed('element_source', [S.story, F.storyID]))];
const storyActionAttributes = [attr('operation', F.STORY_ACTION), attr('leaseLock', F.LEASE_LOCK, false), F.username];
const storyActionBase = sequence('roReqStoryAction', [one(storyActionSend(false, LENIENT_PLACEMENT))], storyActionAttributes);
const roReqStoryAction: ElementModel = {
  ...storyActionBase,
  cases: {
    attribute: 'operation',
    values: {
      NEW: [variant(storyActionBase, 'NEW story', [one(storyActionSend(false, LENIENT_PLACEMENT))])],
      UPDATE: [variant(storyActionBase, 'UPDATE of a story', [one(storyActionSend(true, LENIENT_PLACEMENT))])],
      DELETE: [variant(storyActionBase, 'DELETE of a story', [one(storyActionSend(true, LENIENT_PLACEMENT))])],
      MOVE: [variant(storyActionBase, 'MOVE of stories before a story', [one(storyActionSend(false, [one(placementTarget), one(placementSource)]))])],
    },
  },
};
/** Listed in lib/mos/catalogue.ts but not defined by MOS 2.8.5: kept so the cross-check holds, content unchecked. */
const roStoryAction = anyContent('roStoryAction');

export const MESSAGE_MODELS: readonly MessageModel[] = [
  { profile: 0, element: heartbeat },
  { profile: 0, element: reqMachInfo },
  { profile: 0, element: listMachInfo },
  { profile: 0, element: keepAlive, note: 'MOS over WebSocket proposal, rev. 1.3: added to profile 0' },
  { profile: 1, element: mosAck },
  { profile: 1, element: S.mosObj },
  { profile: 1, element: mosReqObj },
  { profile: 1, element: mosReqAll },
  { profile: 1, element: mosListAll },
  { profile: 2, element: roAck },
  { profile: 2, element: roCreate },
  { profile: 2, element: roReplace },
  { profile: 2, element: roDelete },
  { profile: 2, element: roReq },
  { profile: 2, element: roList },
  { profile: 2, element: roMetadataReplace },
  { profile: 2, element: roElementStat },
  { profile: 2, element: roReadyToAir },
  { profile: 2, element: roElementAction },
  { profile: 3, element: mosObjCreate },
  { profile: 3, element: mosItemReplace },
  { profile: 3, element: mosReqSearchableSchema },
  { profile: 3, element: mosListSearchableSchema },
  { profile: 3, element: mosReqObjList },
  { profile: 3, element: mosObjList },
  { profile: 3, element: mosReqObjAction },
  { profile: 4, element: roReqAll },
  { profile: 4, element: roListAll },
  { profile: 4, element: roStorySend },
  { profile: 5, element: roItemCue },
  { profile: 5, element: roCtrl },
  { profile: 7, element: roReqStoryAction },
  { profile: 7, element: roStoryAction, note: 'in the catalogue only: MOS 2.8.5 defines no roStoryAction (profile 7 is roReqStoryAction, answered by roAck)' },
];
