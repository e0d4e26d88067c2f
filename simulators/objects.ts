// The MOS objects a simulator knows (profiles 1 and 3): the device's own catalogue, or the
// objects a newsroom was sent. Creation, update, deletion and search, as the messages ask.
import * as M from '../lib/mos/messages';
import { XmlElement } from '../lib/mos/xml';
import { childText } from '../lib/mos/read';

export type MosObjects = Map<string, M.MosObject>;

/** The device simulator's catalogue at start. */
export const SAMPLE_OBJECTS: readonly M.MosObject[] = [
  { objID: 'OBJ-1', objSlug: 'Opening titles', objType: 'VIDEO', objDur: 500, objTB: 50, objGroup: 'Show' },
  { objID: 'OBJ-2', objSlug: 'Weather map', objType: 'STILL', objDur: 0, objTB: 50, objGroup: 'Weather' },
  { objID: 'OBJ-3', objSlug: 'Reporter voice over', objType: 'AUDIO', objDur: 1500, objTB: 50 },
];

/** The searchable schema the device simulator publishes for mosReqObjList. */
export const SEARCHABLE_SCHEMA = 'https://mos-ws-conformance.example/schema/objects-v1.xsd';

let created = 0;

/** The object mosObjCreate or mosReqObjAction NEW/UPDATE describes, under an ID. */
export function objectFrom(body: XmlElement, objID: string): M.MosObject {
  const type = childText(body, 'objType');
  const tb = Number(childText(body, 'objTB'));
  const dur = childText(body, 'objDur');
  return {
    objID,
    objSlug: childText(body, 'objSlug') ?? '',
    objType: type === 'AUDIO' || type === 'STILL' ? type : 'VIDEO',
    objTB: Number.isFinite(tb) && tb > 0 ? tb : 50,
    objDur: dur !== undefined && /^\d+$/.test(dur) ? Number(dur) : 0,
    ...(childText(body, 'objGroup') !== undefined ? { objGroup: childText(body, 'objGroup') } : {}),
    ...(childText(body, 'createdBy') ? { createdBy: childText(body, 'createdBy') } : {}),
    status: 'NEW',
    objAir: 'NOT READY',
  };
}

export function newObjectID(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${++created}`;
}

/** Objects matching mosReqObjList's generalSearch (slug or group contains it; empty: all). */
export function search(objects: MosObjects, generalSearch: string): M.MosObject[] {
  const q = generalSearch.trim().toLowerCase();
  return [...objects.values()].filter((o) => !q || o.objSlug.toLowerCase().includes(q) || (o.objGroup ?? '').toLowerCase().includes(q));
}
