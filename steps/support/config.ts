// Suite configuration: which system is under test and how to reach it.
// Absent a target, every feature runs against the embedded simulators.
import fs from 'node:fs';
import { Role } from '../../simulators/mos-peer';

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
}

export const TIMING_PROFILES: Record<string, TimingProfile> = {
  accelerated: { name: 'accelerated', keepAliveIntervalMs: 150, keepAliveGraceMs: 350, silenceWindowMs: 300, reconnectThresholdMs: 1000, responseTimeoutMs: 3000, connectTimeoutMs: 3000, sutConnectMs: 5000, operatorMs: 5000 },
  real: { name: 'real', keepAliveIntervalMs: 30_000, keepAliveGraceMs: 5_000, silenceWindowMs: 3_000, reconnectThresholdMs: 1_000, responseTimeoutMs: 10_000, connectTimeoutMs: 10_000, sutConnectMs: 60_000, operatorMs: 120_000 },
};

export type Capability = 'listens' | 'connects' | 'passive-active' | 'passive-listener';

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
  };
  /** A vendor's signing service (POST JSON {url, expiresSeconds, validFromSeconds, clientIp} -> {signedUrl}). */
  signer?: { url: string; resourceUrl: string; keyId: string; secretEnv?: string; allowUntrusted?: boolean };
  /** Verifier profile for the embedded distribution server. */
  profile?: 'opencast-java' | 'apache-httpd';
  /** Allowed difference between the suite's clock and a vendor's, in ms. */
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
  /** Faults injected into the embedded simulators (self-check). */
  faults: string[];
  /** Cucumber tag expression to narrow the run. */
  tags?: string;
  reportDir: string;
  /** Set when a run was interrupted and reports only what finished. */
  interrupted?: boolean;
}

export const EMBEDDED_IDS = { mosID: 'DEVICE.MOS', ncsID: 'NRCS.NCS' };
export const EMBEDDED_CREDS = { username: 'conformance', password: 'embedded-only-password' };

export function defaultConfig(): SuiteConfig {
  return {
    roles: ['device', 'nrcs', 'verifier', 'signer'],
    stream: {},
    suiteEndpoint: { host: '127.0.0.1', port: 0, path: '/mos/suite', tls: true, extraParams: { parameter1: '12345', tenant: 'newsroom-a' } },
    timing: TIMING_PROFILES.accelerated!,
    acceptCloseAsRefusal: true,
    ncsIdParam: 'ncsID',
    faults: [],
    reportDir: 'reports/out',
  };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Merge a JSON config file (shape: Partial<SuiteConfig> with timing as a profile name or object). */
export function loadConfigFile(file: string, base = defaultConfig()): SuiteConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ConfigError(`cannot read config ${file}: ${(e as Error).message}`);
  }
  return mergeConfig(base, raw as Record<string, unknown>);
}

export function mergeConfig(base: SuiteConfig, raw: Record<string, unknown>): SuiteConfig {
  const out: SuiteConfig = { ...base, suiteEndpoint: { ...base.suiteEndpoint } };
  if (raw.timing !== undefined) out.timing = resolveTiming(raw.timing);
  if (raw.suiteEndpoint) Object.assign(out.suiteEndpoint, raw.suiteEndpoint);
  if (raw.stream) out.stream = { ...base.stream, ...(raw.stream as StreamTargets) };
  if (raw.ncsIdParam !== undefined && raw.ncsIdParam !== 'ncsID' && raw.ncsIdParam !== 'nCSID') throw new ConfigError('ncsIdParam must be "ncsID" or "nCSID"');
  for (const k of ['badParamStatus', 'acceptCloseAsRefusal', 'allowPlainWs', 'ncsIdParam', 'faults', 'tags', 'reportDir', 'roles'] as const) {
    if (raw[k] !== undefined) (out as unknown as Record<string, unknown>)[k] = raw[k];
  }
  if (raw.target) {
    const t = raw.target as Partial<TargetConfig>;
    if (t.role !== 'device' && t.role !== 'nrcs') throw new ConfigError('target.role must be "device" or "nrcs"');
    if (!t.mosID || !t.ncsID) throw new ConfigError('target.mosID and target.ncsID are required');
    if (t.password !== undefined) throw new ConfigError('target.password is not read from files; name an environment variable in target.passwordEnv');
    const password = t.passwordEnv ? process.env[t.passwordEnv] : undefined;
    if (t.passwordEnv && password === undefined) throw new ConfigError(`environment variable ${t.passwordEnv} (target.passwordEnv) is not set`);
    if (t.profiles !== undefined && !(Array.isArray(t.profiles) && t.profiles.every((p) => Number.isInteger(p) && p >= 0 && p <= 7))) throw new ConfigError('target.profiles must be a list of MOS profile numbers 0-7');
    const capabilities = t.capabilities ?? [...(t.url ? ['listens' as const] : []), 'connects' as const];
    out.target = { ...t, role: t.role, mosID: t.mosID, ncsID: t.ncsID, capabilities, password };
    out.roles = [t.role];
    if (raw.timing === undefined) out.timing = TIMING_PROFILES.real!;
  }
  if (raw.stream && !raw.target && raw.roles === undefined) {
    const st = raw.stream as StreamTargets;
    out.roles = [...(st.verifier ? ['verifier' as const] : []), ...(st.signer ? ['signer' as const] : [])];
    if (raw.timing === undefined) out.timing = TIMING_PROFILES.real!;
  } else if (raw.stream && raw.target && raw.roles === undefined) {
    const st = raw.stream as StreamTargets;
    out.roles = [...out.roles, ...(st.verifier ? ['verifier' as const] : []), ...(st.signer ? ['signer' as const] : [])];
  }
  return out;
}

export function resolveTiming(v: unknown): TimingProfile {
  if (typeof v === 'string') {
    const p = TIMING_PROFILES[v];
    if (!p) throw new ConfigError(`unknown timing profile "${v}" (known: ${Object.keys(TIMING_PROFILES).join(', ')})`);
    return p;
  }
  if (v && typeof v === 'object') {
    const o = v as Partial<TimingProfile> & { base?: string };
    return { ...resolveTiming(o.base ?? 'real'), ...o, name: o.name ?? 'custom' };
  }
  throw new ConfigError('timing must be a profile name or an object');
}
