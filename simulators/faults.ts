// Named faults: each breaks exactly one requirement, so the suite can prove it fails.
export const FAULTS = {
  'accepts-missing-mosid': 'endpoint accepts a connection without valid mosID/ncsID/channel parameters',
  'accepts-wrong-password': 'endpoint accepts missing or wrong Basic credentials',
  'answers-keepalive': 'replies to a received keepAlive',
  'closes-on-keepalive': 'closes the socket when a keepAlive arrives',
  'never-keepalive': 'never sends keepAlive',
  'keepalive-on-mom-only': 'sends keepAlive on the mom channel only',
  'no-passive-reconnect': 'does not re-open a dropped passive socket',
  'slow-passive-reconnect': 're-opens a dropped passive socket only after 2 s',
  'ignores-passive': 'opens its sockets without passive=true in passive mode',
  'drops-extra-params': 'drops the configured extra URL parameters',
  'ignores-requests': 'never answers requests',
  'sends-deprecated': 'uses the deprecated roStoryInsert instead of roElementAction',
} as const;

export type FaultName = keyof typeof FAULTS;

export function parseFaults(list: string | undefined): FaultName[] {
  if (!list) return [];
  return list.split(',').map((s) => s.trim()).filter(Boolean).map((s) => {
    if (!(s in FAULTS)) throw new Error(`unknown fault "${s}"; known: ${Object.keys(FAULTS).join(', ')}`);
    return s as FaultName;
  });
}
