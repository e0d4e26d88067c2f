// Transport faults for the self-check, built from the product's general options and classes
// (lib/transport knows nothing of faults): an endpoint that skips a check is an endpoint configured
// without it, or with a parser or admission rule of its own; a link that loses its queue is a
// subclass of the product's link.
import { WebSocket } from 'ws';
import { ConnectionParams, UrlParamError, ValidateOptions, parseConnectionParams } from '../lib/transport/url';
import { EndpointOptions } from '../lib/transport/endpoint';
import { OutboundLink } from '../lib/transport/outbound-link';
import { FaultName } from './faults';

/** An outbound link that loses whatever waits, or is sent, while its socket is down (fault drops-queued). */
export class LossyOutboundLink extends OutboundLink {
  override send(text: string): void {
    if (!this.attached) return;
    super.send(text);
  }

  override detach(ws: WebSocket): void {
    if (this.socket !== ws) return;
    super.detach(ws);
    this.queue = [];
  }
}

/** Best-effort parameters of a query the proposal's rules refuse (fault accepts-bad-params). */
function lenientParams(search: URLSearchParams): ConnectionParams {
  const extra: Record<string, string> = {};
  for (const [k, v] of search) if (!['mosID', 'ncsID', 'nCSID', 'channel', 'passive'].includes(k)) extra[k] = v;
  const channel = search.get('channel');
  return {
    mosID: search.get('mosID') ?? '',
    ncsID: search.get('ncsID') ?? search.get('nCSID') ?? '',
    channel: channel === 'ro' || channel === 'aux' ? channel : 'mom',
    passive: search.get('passive') === 'true',
    extra,
  };
}

/**
 * The endpoint options of a peer with the endpoint faults among `faults` applied: `o` as the
 * peer would configure its endpoint, with its accepted identities.
 */
export function faultyEndpointOptions(o: EndpointOptions & { mosIDs: string[]; ncsIDs: string[] }, faults: ReadonlySet<FaultName>): EndpointOptions {
  const out: EndpointOptions = { ...o };
  if (faults.has('accepts-wrong-password')) out.auth = undefined;
  if (faults.has('refuses-correct-credentials') && o.auth) out.auth = { ...o.auth, password: `${o.auth.password}-but-another` };
  if (faults.has('accepts-foreign-ids')) [out.mosIDs, out.ncsIDs] = [undefined, undefined];
  if (faults.has('no-www-authenticate')) out.authChallenge = '';
  if (faults.has('accepts-only-ncsID')) out.ncsIdNames = ['ncsID'];
  if (faults.has('accepts-only-nCSID')) out.ncsIdNames = ['nCSID'];
  const admits: Array<(p: ConnectionParams) => { status: number; reason: string } | undefined> = [];
  if (faults.has('accepts-bad-params')) {
    // Parameters the rules refuse are read leniently, and such a request has no identities to compare.
    const lenient = new WeakSet<ConnectionParams>();
    out.parseParams = (search: URLSearchParams, v: ValidateOptions): ConnectionParams => {
      try {
        return parseConnectionParams(search, v);
      } catch (e) {
        if (!(e instanceof UrlParamError)) throw e;
        const p = lenientParams(search);
        lenient.add(p);
        return p;
      }
    };
    const { mosIDs, ncsIDs } = out;
    [out.mosIDs, out.ncsIDs] = [undefined, undefined];
    admits.push((p) => {
      if (lenient.has(p)) return undefined;
      if (mosIDs && !mosIDs.includes(p.mosID)) return { status: o.unknownIdStatus ?? 403, reason: `mosID "${p.mosID}" is not configured here` };
      if (ncsIDs && !ncsIDs.includes(p.ncsID)) return { status: o.unknownIdStatus ?? 403, reason: `ncsID "${p.ncsID}" is not configured here` };
      return undefined;
    });
  }
  if (faults.has('rejects-extra-params')) {
    admits.push((p) => (Object.keys(p.extra).length ? { status: o.badParamStatus ?? 400, reason: `unexpected query parameters ${Object.keys(p.extra).join(', ')}` } : undefined));
  }
  if (admits.length) out.admit = (p) => admits.map((a) => a(p)).find((r) => r !== undefined);
  return out;
}
