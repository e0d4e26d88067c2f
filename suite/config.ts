// Suite configuration: which system is under test and how to reach it.
// Absent a target, every feature runs against the embedded simulators.
import os from 'node:os';
import { Role } from '../simulators/mos-peer';

export interface TimingProfile {
  name: string;
  /** Interval the system under test is expected to send keepAlive at. */
  keepAliveIntervalMs: number;
  /** Extra time allowed beyond the interval. */
  keepAliveGraceMs: number;
  /** How long the suite listens for an (unwanted) reply. */
  silenceWindowMs: number;
  /** Longest acceptable time to re-open a dropped passive socket. */
  reconnectThresholdMs: number;
  /** Longest wait for a reply to a request. */
  responseTimeoutMs: number;
  /** Longest wait for a TCP/TLS/HTTP handshake. */
  connectTimeoutMs: number;
  /** Longest wait for a system under test to open its connections. */
  sutConnectMs: number;
  /** Longest wait for an operator to trigger an action on a vendor system. */
  operatorMs: number;
  /** Once the operator says the action is done (Enter), how much longer the suite waits for its effect. */
  operatorGraceMs: number;
  /** How long the suite stays unreachable when it tests retries of a dropped passive socket. */
  outageMs: number;
  /** Longest acceptable gap between a passive side's re-open attempts while the peer is unreachable. */
  retryCeilingMs: number;
}

/** What each timing field means, for help texts, templates and the README (one place). */
export const TIMING_FIELDS: Record<Exclude<keyof TimingProfile, 'name'>, string> = {
  keepAliveIntervalMs: 'interval the system under test is expected to send keepAlive at',
  keepAliveGraceMs: 'extra time allowed beyond that interval',
  silenceWindowMs: 'how long the suite listens for an unwanted reply (e.g. to a keepAlive)',
  reconnectThresholdMs: 'longest acceptable time to re-open a dropped passive socket',
  responseTimeoutMs: 'longest wait for a reply to a request',
  connectTimeoutMs: 'longest wait for a TCP/TLS/HTTP handshake (also the pre-flight\'s)',
  sutConnectMs: 'longest wait for a connecting system to open its connections to the suite',
  operatorMs: 'longest wait for an operator (or --operator-command) to trigger an action and for its effect',
  operatorGraceMs: 'once the operator pressed Enter (done), how much longer the suite waits for the effect',
  outageMs: 'how long the longer outage lasts (at least three retry ceilings) when the suite tests how dropped passive sockets are re-dialled',
  retryCeilingMs: 'longest acceptable gap between re-open attempts of a passive socket while the peer is unreachable',
};

export const TIMING_PROFILES: Record<string, TimingProfile> = {
  accelerated: { name: 'accelerated', keepAliveIntervalMs: 150, keepAliveGraceMs: 350, silenceWindowMs: 300, reconnectThresholdMs: 1000, responseTimeoutMs: 1500, connectTimeoutMs: 2000, sutConnectMs: 3000, operatorMs: 3000, operatorGraceMs: 1000, outageMs: 2500, retryCeilingMs: 1000 },
  real: { name: 'real', keepAliveIntervalMs: 30_000, keepAliveGraceMs: 5_000, silenceWindowMs: 3_000, reconnectThresholdMs: 1_000, responseTimeoutMs: 10_000, connectTimeoutMs: 10_000, sutConnectMs: 60_000, operatorMs: 120_000, operatorGraceMs: 10_000, outageMs: 10_000, retryCeilingMs: 5_000 },
};

export const CAPABILITIES = ['listens', 'connects', 'passive-active', 'passive-listener', 'verifies-certificates'] as const;
export type Capability = (typeof CAPABILITIES)[number];

/**
 * Capabilities a role MUST have, each with the requirement that says so. A run that leaves one
 * undeclared never tests it, so it is not a certification of the role (run verdict INCOMPLETE).
 */
export const REQUIRED_CAPABILITIES: Readonly<Record<Role, ReadonlyArray<{ capability: Capability; requirement: string }>>> = {
  nrcs: [{ capability: 'passive-active', requirement: 'MOSWS-PASSIVE-4' }],
  device: [],
};

export interface TargetConfig {
  role: Role;
  /** The system's MOS WebSocket endpoint URL (when it listens). */
  url?: string;
  mosID: string;
  ncsID: string;
  /** Basic credentials the system expects, and presents when it connects to the suite. */
  username?: string;
  /** Name of the environment variable holding the password (never put it in the file). */
  passwordEnv?: string;
  password?: string;
  /** Trust for the system's wss certificate. */
  allowUntrusted?: boolean;
  caFile?: string;
  /** What the system can do; scenarios needing anything else are not applicable. */
  capabilities: Capability[];
  /** Whether an operator is present to trigger actions on the system (operator scenarios). */
  operator?: boolean;
  /**
   * A shell command that performs operator actions (implies operator): run with MOSWS_ACTION (the
   * SutAction as JSON) and MOSWS_INSTRUCTION; exit 0 done, 3 not possible, anything else could not test.
   */
  operatorCommand?: string;
  /** MOS profiles (0-7) the vendor declares the system supports; scenarios of others are not applicable. */
  profiles?: number[];
}

export interface SuiteEndpointConfig {
  host: string;
  port: number;
  path: string;
  tls: boolean;
  /** A certificate for the suite's wss endpoint (default: a fresh self-signed one). */
  certFile?: string;
  keyFile?: string;
  /**
   * A CA the system under test trusts (PEM certificate and key): for SEC-CERT-4 the suite serves
   * certificates it signs with it, one expired and one for another host (embedded: a fresh one).
   */
  testCaFile?: string;
  testCaKeyFile?: string;
  /** Extra query parameters a connecting system is configured with and must pass through. */
  extraParams: Record<string, string>;
}

export type SuiteRole = Role | 'verifier' | 'signer';

export interface StreamTargets {
  /** A vendor's verifier (distribution server) to certify. */
  verifier?: {
    resourceUrl: string;
    otherResourceUrl: string;
    publicResourceUrl?: string;
    keyId: string;
    secretEnv?: string;
    strict: boolean;
    profile?: 'opencast-java' | 'apache-httpd';
    /** The address the verifier sees the suite's requests come from. */
    clientIp?: string;
    allowUntrusted?: boolean;
    /**
     * The verifier runs on a frozen clock at this instant (epoch ms, e.g. under faketime): the
     * suite signs relative to it and the exact-boundary scenarios become applicable.
     */
    fixedNowMs?: number;
  };
  /** A vendor's signing service (POST JSON {url, expiresSeconds, validFromSeconds, clientIp} -> {signedUrl}). */
  signer?: { url: string; resourceUrl: string; keyId: string; secretEnv?: string; allowUntrusted?: boolean };
  /**
   * Signed media of a vendor device (objProxyPath): the key it signs with, and optionally a
   * distribution server the suite hosts with that key at HOST:PORT (the device's proxy base URL
   * points there). Without `listen` the proxy URLs are played where they point.
   */
  media?: { keyId?: string; secretEnv?: string; listen?: string; strict?: boolean; allowUntrusted?: boolean };
  /** Verifier profile for the embedded distribution server. */
  profile?: 'opencast-java' | 'apache-httpd';
  /** Allowed difference between the suite's clock and a vendor's, in ms (default 1000). */
  clockSkewMs?: number;
}

export interface SuiteConfig {
  /** Absent: embedded simulators. */
  target?: TargetConfig;
  stream: StreamTargets;
  /** Roles to certify (embedded: all four by default). */
  roles: SuiteRole[];
  suiteEndpoint: SuiteEndpointConfig;
  timing: TimingProfile;
  /** Expected HTTP status for a refused URL; undefined accepts any 4xx. */
  badParamStatus?: number;
  /** Also accept an upgrade followed by a close (before any MOS message) as a refusal. */
  acceptCloseAsRefusal: boolean;
  /** Certify a plain ws endpoint (the proposal recommends wss). */
  allowPlainWs?: boolean;
  /** Name of the NCS ID parameter in the URLs the suite builds: "ncsID" (the proposal's examples, default) or "nCSID" (its parameter list). */
  ncsIdParam: 'ncsID' | 'nCSID';
  /**
   * Run the security probes that may crash a fragile system (entity expansion, deep nesting, a
   * 16 MiB message, floods) against a vendor's system; the embedded simulators always get them.
   */
  includeDestructive?: boolean;
  /** Faults injected into the embedded simulators (self-check). */
  faults: string[];
  /** Cucumber tag expression to narrow the run (a partial run). */
  tags?: string;
  /** Feature files to run, when not all of them (a partial run). */
  features?: string;
  reportDir: string;
  /** Set when a run was interrupted and reports only what finished. */
  interrupted?: boolean;
}

export const EMBEDDED_IDS = { mosID: 'DEVICE.MOS', ncsID: 'NRCS.NCS' };
/** The embedded signing service's and verifier's key (redacted from every report). */
export const EMBEDDED_STREAM_KEY = { keyId: 'conformance-key', secret: 'embedded-stream-secret-1' };
export const EMBEDDED_CREDS = { username: 'conformance', password: 'embedded-only-password' };
/** Whether the system under test dials the suite's endpoint (so the suite must listen where it was told). */
/**
 * A listener declared for passive sockets only (passive-listener without listens): every request to
 * it carries passive=true, and the suite, as the active side, has no normal socket to originate over.
 */
export function servesPassiveSocketsOnly(t: { readonly capabilities: readonly Capability[] }): boolean {
  return t.capabilities.includes('passive-listener') && !t.capabilities.includes('listens');
}

export function dialsTheSuite(t: Pick<TargetConfig, 'capabilities'> | undefined): boolean {
  return !!t?.capabilities.some((c) => c === 'connects' || c === 'passive-active');
}

/** Where the suite listens for a vendor system that dials it, unless configured: a fixed port to configure once. */
export const VENDOR_SUITE_ENDPOINT = { host: '0.0.0.0', port: 9443 };

/**
 * Extra query parameters of the suite's endpoint URL: a plain one, a space (written %20) and a "~"
 * (kept as is), so that both a dropped parameter and a re-encoded query show.
 */
export const DEFAULT_EXTRA_PARAMS: Readonly<Record<string, string>> = { parameter1: '12345', tenant: 'newsroom-a', site: 'studio 4', desk: '~news' };

export function defaultConfig(): SuiteConfig {
  return {
    roles: ['device', 'nrcs', 'verifier', 'signer'],
    stream: {},
    suiteEndpoint: { host: '127.0.0.1', port: 0, path: '/mos/suite', tls: true, extraParams: { ...DEFAULT_EXTRA_PARAMS } },
    timing: TIMING_PROFILES.accelerated!,
    acceptCloseAsRefusal: true,
    ncsIdParam: 'ncsID',
    faults: [],
    reportDir: 'reports/out',
  };
}

/**
 * A configuration problem. `key` is the dotted configuration key at fault so that the command line
 * can name the flag the user typed instead; `problem` reads after the key ("is required"). Other
 * keys a problem mentions are written «target.username» and named the same way.
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly key: string | undefined, readonly problem: string) {
    super(key ? `${key} ${problem}` : problem);
  }

  /** The message with every key named by `nameOf` (a flag, or "config FILE: key"). */
  render(nameOf: (key: string) => string = (k) => k): string {
    const text = this.problem.replace(/«([^»]+)»/g, (_m, k: string) => nameOf(k));
    return this.key ? `${nameOf(this.key)} ${text}` : text;
  }
}

/** A host a system elsewhere can reach the suite at, when the suite listens on every interface. */
export function advertisedHost(listenHost: string): string {
  if (listenHost !== '0.0.0.0' && listenHost !== '::') return listenHost;
  for (const addrs of Object.values(os.networkInterfaces())) {
    for (const a of addrs ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return os.hostname();
}

/** A URL of the suite's endpoint with the host a connecting system must be given. */
export function advertisedUrl(url: string, listenHost: string): string {
  const u = new URL(url);
  const h = advertisedHost(listenHost);
  u.hostname = h.includes(':') ? `[${h}]` : h;
  return u.toString();
}

/**
 * The configured extra query as the suite writes it, each name and value percent-encoded with
 * encodeURIComponent: spaces as %20 and "~" kept, so a client that re-serialises the query (to "+"
 * and %7E) shows in the raw request (MOSWS-URL-7).
 */
export function extraQuery(extra: Record<string, string>): string {
  return Object.entries(extra).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

/** `base` (an endpoint URL without query) with the configured extra query appended verbatim. */
export function withExtraQuery(base: string, extra: Record<string, string>): string {
  const q = extraQuery(extra);
  return q ? `${base}?${q}` : base;
}

/** The URL a connecting system under test is configured with (known before any scenario runs). */
export function suiteEndpointUrl(ep: SuiteEndpointConfig): string {
  return withExtraQuery(advertisedUrl(`${ep.tls ? 'wss' : 'ws'}://localhost:${ep.port}${ep.path}`, ep.host), ep.extraParams);
}

/** A configuration as written in a file (and as the command-line flags build it). */
export interface RawConfig {
  target?: Partial<TargetConfig> & { password?: unknown };
  suiteEndpoint?: Partial<SuiteEndpointConfig>;
  timing?: string | (Partial<TimingProfile> & { base?: string });
  stream?: StreamTargets;
  roles?: SuiteRole[];
  badParamStatus?: number;
  acceptCloseAsRefusal?: boolean;
  allowPlainWs?: boolean;
  ncsIdParam?: 'ncsID' | 'nCSID';
  includeDestructive?: boolean;
  faults?: string[];
  tags?: string;
  features?: string;
  reportDir?: string;
}

/** Apply a raw configuration (file and flags) to `base`; semantic checks throw ConfigError. */
export function mergeConfig(base: SuiteConfig, raw: RawConfig): SuiteConfig {
  const out: SuiteConfig = { ...base, suiteEndpoint: { ...base.suiteEndpoint } };
  if (raw.timing !== undefined) out.timing = resolveTiming(raw.timing);
  if (raw.stream) out.stream = { ...base.stream, ...raw.stream };
  if (raw.ncsIdParam !== undefined && raw.ncsIdParam !== 'ncsID' && raw.ncsIdParam !== 'nCSID') throw new ConfigError('ncsIdParam', 'must be "ncsID" or "nCSID"');
  for (const k of ['badParamStatus', 'acceptCloseAsRefusal', 'allowPlainWs', 'ncsIdParam', 'includeDestructive', 'faults', 'tags', 'features', 'reportDir', 'roles'] as const) {
    if (raw[k] !== undefined) (out as unknown as Record<string, unknown>)[k] = raw[k];
  }
  if (raw.target) {
    out.target = resolveTarget(raw.target);
    out.roles = [out.target.role];
    if (raw.timing === undefined) out.timing = TIMING_PROFILES.real!;
    // A system that dials the suite is configured once with a fixed address.
    if (dialsTheSuite(out.target)) Object.assign(out.suiteEndpoint, VENDOR_SUITE_ENDPOINT);
  }
  if (raw.suiteEndpoint) Object.assign(out.suiteEndpoint, raw.suiteEndpoint);
  if (raw.stream && raw.roles === undefined) {
    const st = raw.stream;
    const streamRoles: SuiteRole[] = [...(st.verifier ? ['verifier' as const] : []), ...(st.signer ? ['signer' as const] : [])];
    out.roles = raw.target ? [...out.roles, ...streamRoles] : streamRoles;
    if (!raw.target && raw.timing === undefined) out.timing = TIMING_PROFILES.real!;
  }
  return out;
}

function resolveTarget(t: NonNullable<RawConfig['target']>): TargetConfig {
  if (t.role === undefined) throw new ConfigError('target.role', 'is required: device or nrcs (what the system under test is)');
  if (t.role !== 'device' && t.role !== 'nrcs') throw new ConfigError('target.role', `must be device or nrcs, got "${t.role as string}"`);
  if (!t.mosID) throw new ConfigError('target.mosID', "is required (the device's MOS ID)");
  if (!t.ncsID) throw new ConfigError('target.ncsID', "is required (the NRCS's NCS ID)");
  if (t.password !== undefined) throw new ConfigError('target.password', 'is never read from files or flags; name the environment variable that holds it in «target.passwordEnv»');
  if (t.url !== undefined) checkTargetUrl(t.url);
  if (t.username !== undefined && !t.passwordEnv) throw new ConfigError('target.passwordEnv', 'is required with «target.username» (the password comes from the environment)');
  if (t.passwordEnv && t.username === undefined) throw new ConfigError('target.username', 'is required with «target.passwordEnv»');
  const password = t.passwordEnv ? process.env[t.passwordEnv] : undefined;
  if (t.passwordEnv && !password) throw new ConfigError('target.passwordEnv', `names the environment variable ${t.passwordEnv}, which is ${password === undefined ? 'not set' : 'empty'}`);
  for (const c of t.capabilities ?? []) if (!CAPABILITIES.includes(c)) throw new ConfigError('target.capabilities', `takes ${CAPABILITIES.join(', ')}; got "${c}"`);
  if (t.profiles !== undefined && !(Array.isArray(t.profiles) && t.profiles.every((p) => Number.isInteger(p) && p >= 0 && p <= 7))) throw new ConfigError('target.profiles', 'takes a list of MOS profile numbers 0-7');
  if (!t.url && !t.capabilities) {
    throw new ConfigError('target.url', 'is missing: give the endpoint of a listening system, or declare «target.capabilities» (e.g. connects) for a system that only dials the suite');
  }
  const capabilities = t.capabilities ?? ['listens'];
  const listening = capabilities.filter((c) => c === 'listens' || c === 'passive-listener');
  if (!t.url && listening.length) throw new ConfigError('target.url', `is required: the declared capabilities include ${listening.join(' and ')}`);
  const { password: _p, ...rest } = t;
  return { ...rest, role: t.role, mosID: t.mosID, ncsID: t.ncsID, capabilities, password, operator: !!(t.operator || t.operatorCommand) };
}

function checkTargetUrl(url: string): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new ConfigError('target.url', `is not a URL: "${url}" (expected e.g. wss://host:8443/mos)`);
  }
  if (u.protocol !== 'ws:' && u.protocol !== 'wss:') throw new ConfigError('target.url', `must be a ws:// or wss:// URL (the system's MOS WebSocket endpoint), got ${u.protocol}//`);
  if (u.username || u.password) throw new ConfigError('target.url', 'must not carry credentials; give «target.username» and «target.passwordEnv»');
}

export function resolveTiming(v: unknown): TimingProfile {
  if (typeof v === 'string') {
    const p = TIMING_PROFILES[v];
    if (!p) throw new ConfigError('timing', `takes ${Object.keys(TIMING_PROFILES).join(', ')} or a timing file; got "${v}"`);
    return p;
  }
  if (v && typeof v === 'object') {
    const o = v as Partial<TimingProfile> & { base?: string; $schema?: string };
    const { base, $schema: _s, ...fields } = o;
    for (const [k, n] of Object.entries(fields)) {
      if (k === 'name') continue;
      if (!(k in TIMING_FIELDS)) throw new ConfigError('timing', `has no field ${k} (fields: ${Object.keys(TIMING_FIELDS).join(', ')})`);
      if (!Number.isInteger(n) || (n as number) < 0) throw new ConfigError('timing', `field ${k} takes a whole number of milliseconds, got ${JSON.stringify(n)}`);
    }
    return { ...resolveTiming(base ?? 'real'), ...fields, name: o.name ?? 'custom' };
  }
  throw new ConfigError('timing', 'must be a profile name, a timing file or an object');
}
