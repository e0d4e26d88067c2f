// MOS 2.8.5 message builders and readers for the vendor zoo (profiles 0, 1, 2 + keepAlive).
// Element names and order follow the MOS 2.8.x socket documents; only required tags plus a
// few safe optional ones are written.

import { XNode, child, childText, childrenNamed, el, esc, tx } from './xml';

export type Channel = 'mom' | 'ro' | 'aux';

export interface Item {
  itemID: string;
  itemSlug?: string;
  objID: string;
  mosID: string;
}

export interface Story {
  storyID: string;
  storySlug?: string;
  storyNum?: string;
  items: Item[];
}

export interface RunningOrder {
  roID: string;
  roSlug: string;
  stories: Story[];
  roAir?: string;
}

export interface MosObject {
  objID: string;
  objSlug: string;
  objType: string;
  objTB: number;
  objRev: number;
  objDur: number;
  status: string;
  objAir: string;
  proxyUrl?: string;
  createdBy: string;
  created: string;
  changedBy: string;
  changed: string;
  description: string;
}

export interface Ctx {
  mosId: string;
  ncsId: string;
  role: 'device' | 'nrcs';
  /** is this variant active? */
  v: (name: string) => boolean;
}

/**
 * How times are written (set once at start by the ok-time-* variants):
 * plain `YYYY-MM-DDThh:mm:ssZ`, `millis` `YYYY-MM-DDThh:mm:ss,sssZ`, `offset` local time at +02:00
 * written `YYYY-MM-DDThh:mm:ss,sss+02:00` (MOS: "YYYY-MM-DD'T'hh:mm:ss[,ddd]['Z']").
 */
let timeStyle: 'plain' | 'millis' | 'offset' = 'plain';
export function setTimeStyle(s: 'plain' | 'millis' | 'offset'): void {
  timeStyle = s;
}

/** MOS time: YYYY-MM-DD'T'hh:mm:ss['Z'] (UTC) */
export function mosTime(d: Date = new Date()): string {
  if (timeStyle === 'millis') return d.toISOString().replace(/\.(\d{3})Z$/, ',$1Z');
  if (timeStyle === 'offset') return new Date(d.getTime() + 2 * 3600 * 1000).toISOString().replace(/\.(\d{3})Z$/, ',$1+02:00');
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Free text (slugs, descriptions, machine info) as the variant writes it: non-ASCII characters,
 * the five XML-special characters, or padded to the MOS maximum of 128 characters.
 */
export function decorate(ctx: Ctx, s: string, max = 128): string {
  if (ctx.v('ok-non-ascii-text')) return clipChars(`${s} \u2014 M\u00fcller \u00e0 la cr\u00e8me \u00b7 \u6771\u4eac\u30cb\u30e5\u30fc\u30b9 \u00b7 \u{1F3AC}\u{1F4FA}`, max);
  if (ctx.v('ok-predefined-entities')) return clipChars(`${s} & "quotes" <angle> 'apos'`, max);
  if (ctx.v('ok-max-length-ids') && max <= 128) return padTo(s, max);
  return s;
}

/** An identifier as the variant writes it (ok-xml-special-ids, ok-max-length-ids). */
export function decorateId(ctx: Ctx, s: string): string {
  if (ctx.v('ok-xml-special-ids')) return `${s}&<"'>`;
  if (ctx.v('ok-max-length-ids')) return padTo(s, 128);
  return s;
}

function padTo(s: string, n: number): string {
  const chars = [...s];
  if (chars.length >= n) return chars.slice(0, n).join('');
  return s + '-' + 'X'.repeat(n - chars.length - 1);
}

function clipChars(s: string, n: number): string {
  const chars = [...s];
  return chars.length > n ? chars.slice(0, n).join('') : s;
}

/** A mosExternalMetadata block (MOS 2.8.5: mosScope?, mosSchema, mosPayload). */
export function externalMetadata(scope: 'OBJECT' | 'STORY' | 'PLAYLIST', what: string): string {
  return el('mosExternalMetadata', [
    tx('mosScope', scope),
    tx('mosSchema', 'http://vendor-zoo.invalid/schema/zoo-1.0.xsd'),
    el('mosPayload', [tx('zooNote', what), tx('zooRevision', 1)]),
  ]);
}

export function envelope(ctx: Ctx, messageID: number, body: string): string {
  if (ctx.v('c-envelope-order')) {
    return `<mos>${tx('ncsID', ctx.ncsId)}${tx('mosID', ctx.mosId)}${tx('messageID', messageID)}${body}</mos>`;
  }
  return `<mos>${tx('mosID', ctx.mosId)}${tx('ncsID', ctx.ncsId)}${tx('messageID', messageID)}${body}</mos>`;
}

export function keepAlive(ctx: Ctx, nextId: () => number): string {
  if (ctx.v('ka1-no-envelope')) return '<keepAlive/>';
  if (ctx.v('ka1-lowercase-tag')) return `<mos>${tx('mosID', ctx.mosId)}${tx('ncsID', ctx.ncsId)}<keepalive/></mos>`;
  if (ctx.v('ka1-without-ncsid')) return `<mos>${tx('mosID', ctx.mosId)}<keepAlive/></mos>`;
  if (ctx.v('ka1-with-messageid')) {
    return `<mos>${tx('mosID', ctx.mosId)}${tx('ncsID', ctx.ncsId)}${tx('messageID', nextId())}<keepAlive/></mos>`;
  }
  return `<mos>${tx('mosID', ctx.mosId)}${tx('ncsID', ctx.ncsId)}<keepAlive/></mos>`;
}

// ---------- profile 0 ----------

export function heartbeat(ctx: Ctx): string {
  let t = ctx.v('c-heartbeat-time-format') ? mosTime().replace('T', ' ').replace('Z', '') : mosTime();
  // c-time-dot-millis: only the heartbeat's time, with '.' before the fraction (MOS prescribes ',')
  if (ctx.v('c-time-dot-millis')) t = new Date().toISOString();
  return el('heartbeat', [tx('time', t)]);
}

export function reqMachInfo(): string {
  return '<reqMachInfo/>';
}

export function listMachInfo(ctx: Ctx, startedAt: Date): string {
  const device = ctx.role === 'device';
  const profiles = [0, 1, 2, 3, 4, 5, 6, 7]
    .map((p) => el('mosProfile', [esc(p <= 2 || ctx.v('c-profiles-overclaim') ? 'YES' : 'NO')], { number: String(p) }))
    .join('');
  const supported = el('supportedProfiles', [profiles], { deviceType: device ? 'MOS' : 'NCS' });
  const missing = ctx.v('c-listmachinfo-missing-tags');
  const parts = [
    tx('manufacturer', decorate(ctx, 'Vendor Zoo')),
    tx('model', decorate(ctx, device ? 'ZooDevice' : 'ZooNewsroom')),
    missing ? undefined : tx('hwRev', decorate(ctx, '1.0')),
    tx('swRev', decorate(ctx, '0.1.0')),
    missing ? undefined : tx('DOM', mosTime(new Date(Date.UTC(2024, 0, 1)))),
    missing ? undefined : tx('SN', decorate(ctx, device ? 'ZD-0001' : 'ZN-0001')),
    tx('ID', device ? ctx.mosId : ctx.ncsId),
    tx('time', mosTime()),
    ctx.v('ok-optional-omitted') ? undefined : tx('opTime', mosTime(startedAt)),
  ];
  if (ctx.v('c-listmachinfo-order')) parts.push(supported, tx('mosRev', '2.8.5'));
  else parts.push(tx('mosRev', '2.8.5'), supported);
  if (ctx.v('ok-listmachinfo-all-optional')) parts.push(externalMetadata('OBJECT', 'machine information of the vendor zoo'));
  return el('listMachInfo', parts);
}

// ---------- acknowledgements ----------

export function mosAck(ctx: Ctx, objID: string, objRev: number, ok: boolean, description: string): string {
  const status = ctx.v('c-mosack-status-value') ? (ok ? 'OK' : 'ERROR') : ok ? 'ACK' : 'NACK';
  const desc = ctx.v('ok-optional-omitted') ? undefined : tx('statusDescription', clip(decorate(ctx, description)));
  return el('mosAck', [tx('objID', objID), tx('objRev', objRev), tx('status', status), desc]);
}

export function roAck(ctx: Ctx, roID: string, ok: boolean): string {
  if (ctx.v('c-roack-no-rostatus')) return el('roAck', [tx('roID', roID)]);
  return el('roAck', [tx('roID', roID), tx('roStatus', ok ? 'OK' : 'NACK')]);
}

function clip(s: string): string {
  return s.length > 128 ? s.slice(0, 128) : s;
}

// ---------- profile 1 ----------

export function mosObjBody(ctx: Ctx, o: MosObject): string {
  const slug = ctx.v('c-objslug-too-long') ? (o.objSlug + ' ').repeat(40).slice(0, 200) : o.objSlug;
  const all = ctx.v('ok-mosobj-all-optional');
  const file = o.objID.replace(/[^A-Za-z0-9_-]/g, '_');
  const paths: string[] = [];
  if (all) paths.push(el('objPath', [esc(`\\\\zoo-media\\clips\\${file}.mxf`)], { techDescription: 'XDCAM HD422 MXF' }));
  if (o.proxyUrl) paths.push(el('objProxyPath', [esc(o.proxyUrl)], { techDescription: 'Proxy' }));
  if (all) paths.push(el('objMetadataPath', [esc(`\\\\zoo-media\\meta\\${file}.xml`)], { techDescription: 'MOS object XML' }));
  return [
    tx('objID', o.objID),
    tx('objSlug', slug),
    all ? tx('mosAbstract', `${o.objSlug} (abstract)`) : '',
    all ? tx('objGroup', 'Zoo clips') : '',
    tx('objType', ctx.v('c-objtype-invalid') ? 'CLIP' : o.objType),
    ctx.v('c-mosobj-missing-objtb') ? '' : tx('objTB', o.objTB),
    tx('objRev', o.objRev),
    tx('objDur', o.objDur),
    ctx.v('c-mosobj-extra-tag') ? tx('vendorCodec', 'XDCAM HD422') : '',
    tx('status', o.status),
    tx('objAir', ctx.v('c-objair-invalid') ? 'YES' : o.objAir),
    paths.length > 0 ? el('objPaths', paths) : '',
    tx('createdBy', o.createdBy),
    tx('created', o.created),
    tx('changedBy', o.changedBy),
    tx('changed', o.changed),
    tx('description', o.description),
    all ? externalMetadata('OBJECT', `metadata of ${o.objSlug}`) : '',
  ].join('');
}

export function mosObj(ctx: Ctx, o: MosObject): string {
  return `<mosObj>${mosObjBody(ctx, o)}</mosObj>`;
}

export function mosListAll(ctx: Ctx, objs: MosObject[]): string {
  return el('mosListAll', objs.map((o) => mosObj(ctx, o)));
}

export function mosReqObj(objID: string): string {
  return el('mosReqObj', [tx('objID', objID)]);
}

export function mosReqAll(pause: number): string {
  return el('mosReqAll', [tx('pause', pause)]);
}

// ---------- profile 2 ----------

export function itemXml(ctx: Ctx, it: Item): string {
  const all = ctx.v('ok-ro-all-optional');
  return el('item', [
    tx('itemID', it.itemID),
    it.itemSlug !== undefined && !ctx.v('ok-optional-omitted') ? tx('itemSlug', it.itemSlug) : undefined,
    tx('objID', it.objID),
    ctx.v('c-item-missing-mosid') ? undefined : tx('mosID', it.mosID),
    all ? tx('mosAbstract', `Clip ${it.objID}`) : undefined,
    all ? tx('itemChannel', 'A') : undefined,
    all ? tx('itemEdStart', 0) : undefined,
    all ? tx('itemEdDur', 250) : undefined,
    all ? tx('itemUserTimingDur', 250) : undefined,
    all ? tx('itemTrigger', 'MANUAL') : undefined,
    all ? tx('macroIn', 'zoo-in') : undefined,
    all ? tx('macroOut', 'zoo-out') : undefined,
    all ? externalMetadata('STORY', `item ${it.itemID}`) : undefined,
  ]);
}

export function storyXml(ctx: Ctx, s: Story, extraTags = true): string {
  const slug = s.storySlug !== undefined && ctx.v('c-storyslug-too-long') ? (s.storySlug + ' ').repeat(60).slice(0, 300) : s.storySlug;
  const omit = ctx.v('ok-optional-omitted');
  return el('story', [
    tx('storyID', s.storyID),
    slug !== undefined && !omit ? tx('storySlug', slug) : undefined,
    s.storyNum !== undefined && !omit ? tx('storyNum', s.storyNum) : undefined,
    extraTags && ctx.v('c-rocreate-extra-tag') ? tx('vendorPriority', 'HIGH') : undefined,
    ctx.v('ok-ro-all-optional') ? externalMetadata('STORY', `story ${s.storyID}`) : undefined,
    ...s.items.map((it) => itemXml(ctx, it)),
  ]);
}

function roBody(ctx: Ctx, ro: RunningOrder): string[] {
  const all = ctx.v('ok-ro-all-optional');
  return [
    tx('roID', ro.roID),
    tx('roSlug', ro.roSlug),
    all ? tx('roChannel', 'A') : '',
    all ? tx('roEdStart', mosTime(new Date(Date.now() + 3600 * 1000))) : '',
    all ? tx('roEdDur', '00:30:00') : '',
    all ? tx('roTrigger', 'MANUAL') : '',
    all ? tx('macroIn', 'zoo-open') : '',
    all ? tx('macroOut', 'zoo-close') : '',
    all ? externalMetadata('PLAYLIST', `running order ${ro.roID}`) : '',
    ...ro.stories.map((s) => storyXml(ctx, s)),
  ];
}

export function roCreate(ctx: Ctx, ro: RunningOrder): string {
  return el('roCreate', roBody(ctx, ro));
}

export function roReplace(ctx: Ctx, ro: RunningOrder): string {
  return el('roReplace', roBody(ctx, ro));
}

export function roList(ctx: Ctx, ro: RunningOrder): string {
  return el('roList', roBody(ctx, ro));
}

export function roMetadataReplace(ro: RunningOrder): string {
  return el('roMetadataReplace', [tx('roID', ro.roID), tx('roSlug', ro.roSlug)]);
}

export function roDelete(roID: string): string {
  return el('roDelete', [tx('roID', roID)]);
}

export function roReq(roID: string): string {
  return el('roReq', [tx('roID', roID)]);
}

export function roReadyToAir(ctx: Ctx, roID: string, roAir: string): string {
  return el('roReadyToAir', [tx('roID', roID), tx('roAir', ctx.v('c-roreadytoair-value') ? 'YES' : roAir)]);
}

export type ElementStat =
  | { element: 'RO'; roID: string; status: string }
  | { element: 'STORY'; roID: string; storyID: string; status: string }
  | { element: 'ITEM'; roID: string; storyID: string; itemID: string; objID: string; status: string };

export function roElementStat(ctx: Ctx, s: ElementStat): string {
  const time = ctx.v('c-roelementstat-no-time') ? undefined : tx('time', mosTime());
  if (ctx.v('d1-roitemstat')) {
    if (s.element === 'ITEM') {
      return el('roItemStat', [tx('roID', s.roID), tx('storyID', s.storyID), tx('itemID', s.itemID), tx('objID', s.objID), tx('status', s.status), time]);
    }
    if (s.element === 'RO') return el('roStat', [tx('roID', s.roID), tx('status', s.status), time]);
  }
  const parts: Array<string | undefined> = [tx('roID', s.roID)];
  if (s.element !== 'RO') parts.push(tx('storyID', s.storyID));
  if (s.element === 'ITEM') parts.push(tx('itemID', s.itemID), tx('objID', s.objID));
  parts.push(tx('status', s.status), time);
  return el('roElementStat', parts, { element: s.element });
}

export type ElementAction =
  | { operation: 'INSERT' | 'REPLACE'; roID: string; targetStoryID: string; stories: Story[] }
  | { operation: 'MOVE'; roID: string; targetStoryID: string; storyIDs: string[] }
  | { operation: 'DELETE' | 'SWAP'; roID: string; storyIDs: string[] };

export function roElementAction(ctx: Ctx, a: ElementAction): string {
  const op = a.operation === 'INSERT' && ctx.v('c-operation-invalid') ? 'ADD' : a.operation;
  const parts: string[] = [tx('roID', a.roID)];
  if (a.operation === 'INSERT' || a.operation === 'REPLACE' || a.operation === 'MOVE') {
    parts.push(el('element_target', [tx('storyID', a.targetStoryID)]));
  }
  if ('stories' in a) {
    parts.push(el('element_source', a.stories.map((s) => storyXml(ctx, s, false))));
  } else {
    parts.push(el('element_source', a.storyIDs.map((id) => tx('storyID', id))));
  }
  return el('roElementAction', parts, { operation: op });
}

// deprecated story messages (only for the DEPR-1 variants)
export function roStoryInsert(ctx: Ctx, roID: string, beforeStoryID: string, s: Story): string {
  return el('roStoryInsert', [tx('roID', roID), tx('storyID', beforeStoryID), storyXml(ctx, s, false)]);
}
export function roStoryAppend(ctx: Ctx, roID: string, s: Story): string {
  return el('roStoryAppend', [tx('roID', roID), storyXml(ctx, s, false)]);
}
export function roStoryReplace(ctx: Ctx, roID: string, storyID: string, s: Story): string {
  return el('roStoryReplace', [tx('roID', roID), tx('storyID', storyID), storyXml(ctx, s, false)]);
}
export function roStoryMove(roID: string, storyID: string, beforeStoryID: string): string {
  return el('roStoryMove', [tx('roID', roID), tx('storyID', storyID), tx('storyID', beforeStoryID)]);
}
export function roStoryDelete(roID: string, storyID: string): string {
  return el('roStoryDelete', [tx('roID', roID), tx('storyID', storyID)]);
}

// ---------- readers ----------

export function readItem(n: XNode): Item {
  return {
    itemID: childText(n, 'itemID') ?? '',
    itemSlug: childText(n, 'itemSlug'),
    objID: childText(n, 'objID') ?? '',
    mosID: childText(n, 'mosID') ?? '',
  };
}

export function readStory(n: XNode): Story {
  return {
    storyID: childText(n, 'storyID') ?? '',
    storySlug: childText(n, 'storySlug'),
    storyNum: childText(n, 'storyNum'),
    items: childrenNamed(n, 'item').map(readItem),
  };
}

export function readRunningOrder(n: XNode): RunningOrder {
  return {
    roID: childText(n, 'roID') ?? '',
    roSlug: childText(n, 'roSlug') ?? '',
    stories: childrenNamed(n, 'story').map(readStory),
  };
}

export function readMosObj(n: XNode): MosObject {
  const num = (name: string): number => {
    const t = childText(n, name);
    const v = t === undefined ? NaN : Number(t);
    return Number.isFinite(v) ? v : 0;
  };
  const proxy = child(child(n, 'objPaths'), 'objProxyPath');
  return {
    objID: childText(n, 'objID') ?? '',
    objSlug: childText(n, 'objSlug') ?? '',
    objType: childText(n, 'objType') ?? 'VIDEO',
    objTB: num('objTB'),
    objRev: num('objRev'),
    objDur: num('objDur'),
    status: childText(n, 'status') ?? 'NEW',
    objAir: childText(n, 'objAir') ?? 'NOT READY',
    proxyUrl: proxy ? proxy.text.trim() : undefined,
    createdBy: childText(n, 'createdBy') ?? '',
    created: childText(n, 'created') ?? mosTime(),
    changedBy: childText(n, 'changedBy') ?? '',
    changed: childText(n, 'changed') ?? mosTime(),
    description: childText(n, 'description') ?? '',
  };
}
