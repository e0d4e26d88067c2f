// MOS 2.8.5 fields: text rules (limits, enumerations, formats) and the leaf elements that use
// them. Limits follow the MOS field descriptions; where a field has none, none is imposed.
// Choices and disagreements are explained in docs/interpretations.md ("MOS message content").
import { TextRule, attr, leaf, anyContent, empty } from './types';

// ---- text rules ----

const UINT32_MAX = 0xffffffff;

/** IDs MOS limits to 128 characters and that identify something: empty is not an ID. */
export const ID128: TextRule = { kind: 'text', max: 128, nonEmpty: true };
/** Slugs and descriptive texts limited to 128 characters (may be empty). */
export const TEXT128: TextRule = { kind: 'text', max: 128 };
/** Texts MOS gives no limit. */
export const TEXT: TextRule = { kind: 'text' };
export const NONEMPTY: TextRule = { kind: 'text', nonEmpty: true };
export const TIME: TextRule = { kind: 'time' };
export const DURATION: TextRule = { kind: 'duration' };
/** Sample counts and list indexes: 0XFFFFFFFF max. */
export const UINT32: TextRule = { kind: 'int', min: 0, max: UINT32_MAX };
export const UINT32_OR_EMPTY: TextRule = { kind: 'int', min: 0, max: UINT32_MAX, allowEmpty: true };
/** objRev: 999 max. */
export const REVISION: TextRule = { kind: 'int', min: 0, max: 999 };
export const REVISION_OR_EMPTY: TextRule = { kind: 'int', min: 0, max: 999, allowEmpty: true };
/** objTB: samples per second, a decimal such as 59.94; 0XFFFFFFFF max. */
export const TIME_BASE: TextRule = { kind: 'decimal', min: 0, max: UINT32_MAX };
/** leaseLock: an integer "less than 999". */
export const LEASE_LOCK: TextRule = { kind: 'int', min: 0, max: 998 };
export const PROFILE_NUMBER: TextRule = { kind: 'int', min: 0, max: 7 };

const oneOf = (...values: string[]): TextRule => ({ kind: 'enum', values });

export const OBJECT_STATUS = oneOf('NEW', 'UPDATED', 'MOVED', 'BUSY', 'DELETED', 'NCS CTRL', 'MANUAL CTRL', 'READY', 'NOT READY', 'PLAY', 'STOP');
export const ACK_STATUS = oneOf('ACK', 'NACK');
export const AIR_STATUS = oneOf('READY', 'NOT READY');
export const OBJECT_TYPE = oneOf('STILL', 'AUDIO', 'VIDEO');
export const MOS_SCOPE = oneOf('OBJECT', 'STORY', 'PLAYLIST');
export const YES_NO = oneOf('YES', 'NO');
export const DEVICE_TYPE = oneOf('NCS', 'MOS');
export const ACTIVEX_MODE = oneOf('MODALDIALOG', 'MODELESS', 'CONTAINED', 'TOOLBAR');
export const CONTROL_COMMAND = oneOf('READY', 'EXECUTE', 'PAUSE', 'STOP', 'SIGNAL');
export const ELEMENT_OPERATION = oneOf('INSERT', 'REPLACE', 'MOVE', 'DELETE', 'SWAP');
export const ELEMENT_KIND = oneOf('RO', 'STORY', 'ITEM');
export const OBJECT_ACTION = oneOf('NEW', 'UPDATE', 'DELETE');
export const STORY_ACTION = oneOf('NEW', 'UPDATE', 'DELETE', 'MOVE');
export const SORT_TYPE = oneOf('ASCENDING', 'DESCENDING');
export const BOOLEAN = oneOf('true', 'false');
/** roTrigger / itemTrigger: MANUAL, TIMED, CHAINED, or CHAINED with a signed sample offset. */
export const TRIGGER: TextRule = { kind: 'enum', values: ['MANUAL', 'TIMED', 'CHAINED'], pattern: /^CHAINED [+-]?\d{1,10}$/, patternLabel: 'CHAINED ±samples' };

/** Object paths: 255 characters; 2.8.5 names the accepted forms and wants the file name last. */
export const OBJ_PATH: TextRule = { kind: 'path', max: 255, schemes: ['\\\\', 'http://', 'https://', 'ftp://', 'ftps://'], fileName: true };
export const OBJ_PROXY_PATH: TextRule = { kind: 'path', max: 255, schemes: ['\\\\', 'http://', 'https://'], fileName: true };
export const OBJ_METADATA_PATH: TextRule = { kind: 'path', max: 255, schemes: ['\\\\', 'http://', 'https://', 'ftp://', 'ftps://'], fileName: false };

// ---- leaf elements (shared by reference) ----

export const roID = leaf('roID', ID128);
export const roSlug = leaf('roSlug', TEXT128);
export const roChannel = leaf('roChannel', TEXT128);
export const roEdStart = leaf('roEdStart', TIME);
export const roEdDur = leaf('roEdDur', DURATION);
export const roTrigger = leaf('roTrigger', TRIGGER);
export const roStatus = leaf('roStatus', TEXT128);
export const roAir = leaf('roAir', AIR_STATUS);
export const roEventType = leaf('roEventType', TEXT);
export const roEventTime = leaf('roEventTime', TIME);
export const macroIn = leaf('macroIn', TEXT128);
export const macroOut = leaf('macroOut', TEXT128);

export const storyID = leaf('storyID', ID128);
export const storySlug = leaf('storySlug', TEXT128);
export const storyNum = leaf('storyNum', TEXT128);

export const itemID = leaf('itemID', ID128);
export const itemSlug = leaf('itemSlug', TEXT128);
export const itemChannel = leaf('itemChannel', TEXT128);
export const itemEdStart = leaf('itemEdStart', UINT32);
export const itemEdDur = leaf('itemEdDur', UINT32);
export const itemUserTimingDur = leaf('itemUserTimingDur', UINT32);
export const itemTrigger = leaf('itemTrigger', TRIGGER);

export const mosID = leaf('mosID', ID128);
export const objID = leaf('objID', ID128);
export const objSlug = leaf('objSlug', TEXT128);
export const objGroup = leaf('objGroup', TEXT);
export const objType = leaf('objType', OBJECT_TYPE);
export const objTB = leaf('objTB', TIME_BASE);
export const objRev = leaf('objRev', REVISION);
export const objDur = leaf('objDur', UINT32);
export const objAir = leaf('objAir', AIR_STATUS);
export const objectStatus = leaf('status', OBJECT_STATUS);
export const createdBy = leaf('createdBy', TEXT128);
export const created = leaf('created', TIME);
export const changedBy = leaf('changedBy', TEXT128);
export const changed = leaf('changed', TIME);
export const time = leaf('time', TIME);
/** HTML/DHTML markup allowed, contents up to the NCS: not checked. */
export const mosAbstract = anyContent('mosAbstract');

const techDescription = attr('techDescription', TEXT);
export const objPath = leaf('objPath', OBJ_PATH, [techDescription]);
export const objProxyPath = leaf('objProxyPath', OBJ_PROXY_PATH, [techDescription]);
export const objMetadataPath = leaf('objMetadataPath', OBJ_METADATA_PATH, [attr('techDescription', TEXT, false)]);

export const mosScope = leaf('mosScope', MOS_SCOPE);
export const mosSchema = leaf('mosSchema', NONEMPTY);
/** Free-form vendor metadata. */
export const mosPayload = anyContent('mosPayload');

export const command = leaf('command', CONTROL_COMMAND);
export const username = attr('username', NONEMPTY);

// Text markup of description, p and storyBody; what sits inside it is not checked.
export const FORMATTING = ['em', 'b', 'i', 'I', 'u', 'pi', 'pkg'].map((n) => anyContent(n));
export const tab = empty('tab');
export const storyPresenter = leaf('storyPresenter', TEXT);
export const storyPresenterRR = leaf('storyPresenterRR', TEXT);
