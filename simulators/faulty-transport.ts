// Transport faults for the self-check, built from the product's general options and classes
// (lib/transport knows nothing of faults): an endpoint that skips a check is an endpoint configured
// without it, or with a parser or admission rule of its own; a link that loses its queue is a
// subclass of the product's link.
import { WebSocket } from 'ws';
import { ConnectionParams, UrlParamError, ValidateOptions, parseConnectionParams } from '../lib/transport/url';
import { EndpointOptions } from '../lib/transport/endpoint';
import { checkBasicAuth } from '../lib/transport/basic-auth';
import { OutboundLink } from '../lib/transport/outbound-link';
import { FaultName } from './faults';
import { faultyHandshake, faultyTlsLimits } from './tls-faults';
import { faultySocket } from './socket-faults';

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
    // Beyond the parameters configured in its own URL (requiredParams), which it expects.
    const unexpected = (p: ConnectionParams): string[] => Object.keys(p.extra).filter((k) => !(k in (o.requiredParams ?? {})));
    admits.push((p) => (unexpected(p).length ? { status: o.badParamStatus ?? 400, reason: `unexpected query parameters ${unexpected(p).join(', ')}` } : undefined));
  }
  // Probes (lib/conformance/probe-grammar.ts): defects a single-point negative test misses.
  const strictIds = (compare: (a: string, b: string) => boolean, when: (p: ConnectionParams) => boolean = () => true): void => {
    const { mosIDs, ncsIDs } = out;
    [out.mosIDs, out.ncsIDs] = [undefined, undefined];
    admits.push((p) => {
      if (!when(p)) return undefined;
      if (mosIDs && !mosIDs.some((id) => compare(id, p.mosID))) return { status: o.unknownIdStatus ?? 403, reason: `mosID "${p.mosID}" is not configured here` };
      if (ncsIDs && !ncsIDs.some((id) => compare(id, p.ncsID))) return { status: o.unknownIdStatus ?? 403, reason: `ncsID "${p.ncsID}" is not configured here` };
      return undefined;
    });
  };
  const loose = (v: string): string => v.trim().toLowerCase();
  if (faults.has('checks-ids-on-mom-only')) strictIds((a, b) => a === b, (p) => p.channel === 'mom');
  if (faults.has('lenient-identities')) strictIds((a, b) => loose(a) === loose(b));
  if (faults.has('passive-skips-params')) {
    // The query of a passive=true request is read leniently, and then has no identities to compare.
    const lenient = new WeakSet<ConnectionParams>();
    const parse = out.parseParams ?? parseConnectionParams;
    out.parseParams = (search: URLSearchParams, v: ValidateOptions): ConnectionParams => {
      if (search.get('passive') !== 'true') return parse(search, v);
      try {
        return parse(search, v);
      } catch (e) {
        if (!(e instanceof UrlParamError)) throw e;
        const p = lenientParams(search);
        lenient.add(p);
        return p;
      }
    };
    strictIds((a, b) => a === b, (p) => !lenient.has(p));
  }
  if (faults.has('ignores-configured-params')) out.requiredParams = undefined;
  if (faults.has('prefix-password')) out.authenticate = (h, c) => checkBasicAuth(h, c, (what, v) => (what === 'password' ? v.slice(0, 4) : v));
  if (faults.has('user-any-case')) out.authenticate = (h, c) => checkBasicAuth(h, c, (what, v) => (what === 'user' ? loose(v) : v));
  if (faults.has('errors-on-repeated-param')) {
    const repeated = new WeakSet<ConnectionParams>();
    const parse = out.parseParams ?? parseConnectionParams;
    out.parseParams = (search: URLSearchParams, v: ValidateOptions): ConnectionParams => {
      const names = [...search.keys()];
      if (new Set(names).size < names.length) {
        const p = lenientParams(search);
        repeated.add(p);
        return p;
      }
      return parse(search, v);
    };
    admits.unshift((p) => (repeated.has(p) ? { status: 500, reason: 'internal error' } : undefined));
  }
  if (admits.length) out.admit = (p) => admits.map((a) => a(p)).find((r) => r !== undefined);
  // Security faults (features/security): a careless WebSocket and TLS layer.
  if (faults.has('ignores-origin')) out.allowedOrigins = undefined;
  out.tlsLimits = faultyTlsLimits(faults) ?? o.tlsLimits;
  if (faults.has('no-pong') || faults.has('accepts-invalid-utf8')) out.wsOptions = { ...o.wsOptions, ...(faults.has('no-pong') ? { autoPong: false } : {}), ...(faults.has('accepts-invalid-utf8') ? { skipUTF8Validation: true } : {}) };
  out.onResponseHead = faultyHandshake(faults) ?? o.onResponseHead;
  out.onUpgradedSocket = faultySocket(faults) ?? o.onUpgradedSocket;
  if (faults.has('one-connection-at-a-time')) out.maxConnections = 1;
  // A request that is not HTTP takes the listener down (the process would have died): nothing is served after it.
  if (faults.has('dies-on-garbage')) out.onClientError = (_err, server) => server.close();
  return out;
}
