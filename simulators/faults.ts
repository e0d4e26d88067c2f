// Named faults: each breaks exactly one requirement, so the suite can prove it fails.
// `on` says which simulator takes the fault.

export const FAULTS = {
  'accepts-missing-mosid': { on: 'mos', what: 'endpoint accepts a connection without valid mosID/ncsID/channel parameters' },
  'accepts-wrong-password': { on: 'mos', what: 'endpoint accepts missing or wrong Basic credentials' },
  'answers-keepalive': { on: 'mos', what: 'replies to a received keepAlive' },
  'closes-on-keepalive': { on: 'mos', what: 'closes the socket when a keepAlive arrives' },
  'never-keepalive': { on: 'mos', what: 'never sends keepAlive' },
  'keepalive-on-mom-only': { on: 'mos', what: 'sends keepAlive on the mom channel only' },
  'no-passive-reconnect': { on: 'mos', what: 'does not re-open a dropped passive socket' },
  'slow-passive-reconnect': { on: 'mos', what: 're-opens a dropped passive socket only after 2 s' },
  'ignores-passive': { on: 'mos', what: 'opens its sockets without passive=true in passive mode' },
  'drops-extra-params': { on: 'mos', what: 'drops the configured extra URL parameters' },
  'ignores-requests': { on: 'mos', what: 'never answers requests' },
  'sends-deprecated': { on: 'mos', what: 'uses the deprecated roStoryInsert instead of roElementAction' },
  'ignores-expiry': { on: 'verifier', what: 'verifier ignores DateLessThan and DateGreaterThan' },
  'ignores-ip': { on: 'verifier', what: 'verifier ignores IpAddress' },
  'accepts-tampered-policy': { on: 'verifier', what: 'verifier does not check the signature' },
  'strict-as-non-strict': { on: 'verifier', what: 'verifier treats strict checking as non-strict' },
  'serves-unsigned': { on: 'verifier', what: 'verifier serves requests that carry no signing parameters' },
  'sign-base64-text': { on: 'signer', what: 'signer computes the HMAC over the base64 text instead of the JSON' },
  'pad-base64': { on: 'signer', what: 'signer writes standard base64 with padding' },
} as const;

export type AnyFault = keyof typeof FAULTS;
export type FaultTarget = (typeof FAULTS)[AnyFault]['on'];
export type FaultName = { [K in AnyFault]: (typeof FAULTS)[K]['on'] extends 'mos' ? K : never }[AnyFault];

export function parseFaults(list: string | undefined): AnyFault[] {
  if (!list) return [];
  return list.split(',').map((s) => s.trim()).filter(Boolean).map((s) => {
    if (!(s in FAULTS)) throw new Error(`unknown fault "${s}"; known: ${Object.keys(FAULTS).join(', ')}`);
    return s as AnyFault;
  });
}

/** The faults among `list` that a simulator of kind `on` takes. */
export function faultsFor<T extends FaultTarget>(list: readonly AnyFault[], on: T): Array<Extract<AnyFault, { [K in AnyFault]: (typeof FAULTS)[K]['on'] extends T ? K : never }[AnyFault]>> {
  return list.filter((f) => FAULTS[f].on === on) as never;
}
