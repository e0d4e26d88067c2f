// Catalogue of MOS 2.8.5 message names by profile, plus the proposal's
// profile-0 keepAlive and the list of deprecated messages removed from MOS over WebSocket.

export type Channel = 'mom' | 'ro' | 'aux';
export const CHANNELS: readonly Channel[] = ['mom', 'ro', 'aux'];

export const PROFILES: Readonly<Record<number, readonly string[]>> = {
  0: ['heartbeat', 'reqMachInfo', 'listMachInfo', 'keepAlive'],
  1: ['mosAck', 'mosObj', 'mosReqObj', 'mosReqAll', 'mosListAll'],
  2: [
    'roAck', 'roCreate', 'roReplace', 'roDelete', 'roReq', 'roList', 'roMetadataReplace',
    'roElementStat', 'roReadyToAir', 'roElementAction',
  ],
  3: ['mosObjCreate', 'mosItemReplace', 'mosReqSearchableSchema', 'mosListSearchableSchema',
    'mosReqObjList', 'mosObjList', 'mosReqObjAction'],
  4: ['roReqAll', 'roListAll', 'roStorySend'],
  5: ['roItemCue', 'roCtrl'],
  7: ['roReqStoryAction', 'roStoryAction'],
};

/** Deprecated in MOS 2.x and removed by the proposal (the proposal's "roltem" is an OCR slip for "roItem"). */
export const DEPRECATED_MESSAGES: readonly string[] = [
  'roStoryAppend', 'roStoryInsert', 'roStoryReplace', 'roStoryMove', 'roStoryMoveMultiple',
  'roStorySwap', 'roStoryDelete', 'roItemInsert', 'roItemReplace', 'roItemMoveMultiple',
  'roItemDelete', 'roStat', 'roItemStat',
];

/** The replies MOS defines for a request, when they are not the channel's plain acknowledgement. */
const REPLIES: Readonly<Record<string, readonly string[]>> = {
  heartbeat: ['heartbeat'],
  reqMachInfo: ['listMachInfo'],
  mosReqObj: ['mosObj', 'mosAck'],
  mosReqAll: ['mosAck'],
  roReq: ['roList', 'roAck'],
  roReqAll: ['roListAll'],
  mosReqSearchableSchema: ['mosListSearchableSchema'],
  mosReqObjList: ['mosObjList'],
  // A MOS replaces an item of the newsroom's running order: acknowledged like every ro message.
  mosItemReplace: ['roAck'],
  roReqStoryAction: ['roAck'],
};

/** Names a reply to `request` may have: its defined replies, else roAck for ro* and mosAck for mos* messages. */
export function repliesTo(request: string): readonly string[] {
  return REPLIES[request] ?? (request.startsWith('ro') ? ['roAck'] : request.startsWith('mos') ? ['mosAck'] : []);
}

/** Messages that carry no messageID (not sequenced, never answered). */
export const UNSEQUENCED_MESSAGES: readonly string[] = ['keepAlive'];

const ALL = new Set<string>([...Object.values(PROFILES).flat(), ...DEPRECATED_MESSAGES]);

export function isKnownMessage(name: string): boolean {
  return ALL.has(name);
}

export function isDeprecated(name: string): boolean {
  return DEPRECATED_MESSAGES.includes(name);
}

export function profileOf(name: string): number | undefined {
  for (const [p, names] of Object.entries(PROFILES)) if (names.includes(name)) return Number(p);
  return undefined;
}
