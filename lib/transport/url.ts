// Building and validating MOS WebSocket URLs (proposal: "Required URL Parameters").
import { CHANNELS, Channel } from '../mos/catalogue';

/** Names the proposal gives the NCS ID parameter: "ncsID" in its example, "nCSID" in its list. */
export const NCS_ID_ALIASES = ['ncsID', 'nCSID'] as const;

export interface ClientUrlOptions {
  /** The configured URL of the peer, with any extra query parameters it carries. */
  baseUrl: string;
  mosID: string;
  ncsID: string;
  channel: Channel;
  passive?: boolean;
  /** Parameter name used for the NCS ID (default "ncsID"). */
  ncsIdParam?: string;
}

const RESERVED = new Set<string>(['mosID', ...NCS_ID_ALIASES, 'channel', 'passive']);

export function buildClientUrl(o: ClientUrlOptions): string {
  const u = new URL(o.baseUrl);
  if (u.protocol !== 'ws:' && u.protocol !== 'wss:') throw new Error(`URL scheme must be ws or wss, got ${u.protocol}`);
  if (u.username || u.password) throw new Error('credentials must not be in the URL; configure them for the Authorization header');
  // Configured extra parameters stay byte for byte, in their order, ahead of the MOS parameters
  // (edited as raw text: URLSearchParams would re-encode them); configured MOS parameters are replaced.
  const kept = u.search.slice(1).split('&').filter((pair) => pair !== '' && !RESERVED.has(decodeName(pair)));
  const mos = [`mosID=${encodeURIComponent(o.mosID)}`, `${o.ncsIdParam ?? 'ncsID'}=${encodeURIComponent(o.ncsID)}`, `channel=${o.channel}`, ...(o.passive ? ['passive=true'] : [])];
  return `${u.origin}${u.pathname}?${[...kept, ...mos].join('&')}`;
}

function decodeName(pair: string): string {
  const name = pair.split('=')[0]!;
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}

export interface ConnectionParams {
  mosID: string;
  ncsID: string;
  channel: Channel;
  passive: boolean;
  /** Every other query parameter, kept for the application. */
  extra: Record<string, string>;
}

export class UrlParamError extends Error {
  override name = 'UrlParamError';
}

export interface ValidateOptions {
  /** Names accepted for the NCS ID parameter (default both: "ncsID" and "nCSID"). */
  ncsIdNames?: readonly string[];
  /** Accept the proposal's "channel-ro" typo as channel=ro (default false). */
  acceptChannelTypo?: boolean;
  channels?: readonly Channel[];
}

export function parseConnectionParams(search: URLSearchParams, opts: ValidateOptions = {}): ConnectionParams {
  const single = (name: string): string | undefined => {
    const all = search.getAll(name);
    // The same value repeated says nothing new (docs/interpretations.md #96.3); two values are ambiguous.
    if (new Set(all).size > 1) throw new UrlParamError(`query parameter ${name} is given ${all.length} times with different values`);
    return all[0];
  };
  const mosID = single('mosID');
  if (!mosID) throw new UrlParamError('required query parameter mosID is missing or empty');
  const ncsNames = opts.ncsIdNames ?? NCS_ID_ALIASES;
  const ncsGiven = ncsNames.filter((n) => search.has(n));
  if (ncsGiven.length > 1) throw new UrlParamError(`NCS ID given under several names (${ncsGiven.join(', ')})`);
  const ncsID = ncsGiven.length ? single(ncsGiven[0]!) : undefined;
  if (!ncsID) throw new UrlParamError(`required query parameter ${ncsNames.join(' (or ')}${ncsNames.length > 1 ? ')' : ''} is missing or empty`);
  let channelText = single('channel');
  if (channelText === undefined && opts.acceptChannelTypo) {
    for (const c of CHANNELS) if (search.has(`channel-${c}`)) channelText = c;
  }
  if (!channelText) throw new UrlParamError('required query parameter channel is missing or empty');
  const allowed = opts.channels ?? CHANNELS;
  if (!allowed.includes(channelText as Channel)) {
    throw new UrlParamError(`channel "${channelText}" is not one of ${allowed.join(', ')}`);
  }
  const passiveText = single('passive');
  if (passiveText !== undefined && passiveText !== 'true' && passiveText !== 'false') {
    throw new UrlParamError(`passive must be true or false, got "${passiveText}"`);
  }
  const reserved = new Set(['mosID', 'channel', 'passive', ...ncsNames]);
  const extra: Record<string, string> = {};
  for (const [k, v] of search) if (!reserved.has(k) && !k.startsWith('channel-')) extra[k] = v;
  return { mosID, ncsID, channel: channelText as Channel, passive: passiveText === 'true', extra };
}
