// Structures MOS 2.8.5 reuses across messages: metadata, object paths, items, stories, objects,
// story text. Messages refer to these objects, so a structure is defined exactly once.
import { Particle, attr, leaf, many, mixed, one, open, opt, sequence, some } from './types';
import * as F from './fields';

/** mosScope?, mosSchema, mosPayload; tags added beside them are welcome (that is its purpose). */
export const mosExternalMetadata = open('mosExternalMetadata', [opt(F.mosScope), one(F.mosSchema), one(F.mosPayload)]);
const metadata = many(mosExternalMetadata);

/** Any number of each path kind, in any order. */
export const objPaths = mixed('objPaths', [F.objPath, F.objProxyPath, F.objMetadataPath]);

const ITEM_FIELDS: readonly Particle[] = [
  one(F.itemID), opt(F.itemSlug), one(F.objID), one(F.mosID), opt(F.mosAbstract), opt(objPaths),
  opt(F.itemChannel), opt(F.itemEdStart), opt(F.itemEdDur), opt(F.itemUserTimingDur), opt(F.itemTrigger),
  opt(F.macroIn), opt(F.macroOut), metadata,
];
export const item = sequence('item', ITEM_FIELDS);
/** An item placed in story text (roStorySend): the item's fields under another name. */
export const storyItem = sequence('storyItem', ITEM_FIELDS);

export const story = sequence('story', [one(F.storyID), opt(F.storySlug), opt(F.storyNum), metadata, many(item)]);

/** Paragraph and description markup (mixed content: text with markup in any order). */
export const p = mixed('p', [...F.FORMATTING, F.tab, F.storyPresenter, F.storyPresenterRR, storyItem]);
export const description = mixed('description', [p, ...F.FORMATTING, F.tab]);
export const storyBody = mixed('storyBody', [F.storyPresenter, F.storyPresenterRR, p, storyItem, ...F.FORMATTING.filter((f) => f.name === 'pi' || f.name === 'pkg')], [attr('Read1stMEMasBody', F.BOOLEAN, false)]);

export const mosObj = sequence('mosObj', [
  one(F.objID), one(F.objSlug), opt(F.mosAbstract), opt(F.objGroup), one(F.objType), one(F.objTB), one(F.objRev),
  one(F.objDur), one(F.objectStatus), one(F.objAir), opt(objPaths), one(F.createdBy), one(F.created),
  one(F.changedBy), one(F.changed), one(description), metadata,
]);

const mosProfile = leaf('mosProfile', F.YES_NO, [attr('number', F.PROFILE_NUMBER)]);
export const supportedProfiles = sequence('supportedProfiles', [some(mosProfile)], [attr('deviceType', F.DEVICE_TYPE)]);
export const defaultActiveX = sequence('defaultActiveX', [
  one(leaf('mode', F.ACTIVEX_MODE)), one(leaf('controlFileLocation', F.TEXT)), one(leaf('controlSlug', F.TEXT128)),
  one(leaf('controlName', F.TEXT)), one(leaf('controlDefaultParams', F.TEXT)),
]);

/** The running-order header shared by roCreate, roReplace, roList and roMetadataReplace. */
export const RO_HEADER: readonly Particle[] = [
  one(F.roID), one(F.roSlug), opt(F.roChannel), opt(F.roEdStart), opt(F.roEdDur), opt(F.roTrigger),
];
export const RO_MACROS: readonly Particle[] = [opt(F.macroIn), opt(F.macroOut)];
export { metadata };

/** roListAll's entry per running order. */
export const ro = sequence('ro', [...RO_HEADER, metadata]);

/** Object fields a NCS sends to have an object made (mosObjCreate). */
export const OBJECT_CREATE: readonly Particle[] = [
  one(F.objSlug), opt(F.objGroup), one(F.objType), one(F.objTB), opt(F.objDur), opt(F.time), opt(F.createdBy),
  opt(description), metadata,
];
/** The same for mosReqObjAction NEW and UPDATE, which also carries abstract and change fields. */
export const OBJECT_ACTION: readonly Particle[] = [
  one(F.objSlug), opt(F.mosAbstract), opt(F.objGroup), one(F.objType), one(F.objTB), opt(F.objDur), opt(F.time),
  opt(F.createdBy), opt(F.changedBy), opt(F.changed), opt(description), metadata,
];
