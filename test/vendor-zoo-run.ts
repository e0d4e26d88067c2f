// The vendor zoo matrix: the conformance suite, through its public CLI, against independently
// written MOS systems (test/vendor-zoo/: a correct device and NRCS and their broken variants,
// sharing no code with lib/, simulators/ or steps/). Each is started as its own process, the suite
// is pointed at it the way a vendor would point it at a product (a config file and flags), and its
// results.json is read back. The suite's runs are the CLI's `run` with those arguments, in a pool of
// long-lived workers (reports/run-pool.ts) rather than a fresh process each.
// `npm run vendor-zoo` writes docs/vendor-zoo.md from a run.
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { BENIGN, BenignVariant, VARIANTS, Variant } from './vendor-zoo/variants';
import { STATE_MUTATIONS } from './vendor-zoo/mutations';
import type { ScenarioResult } from '../reports/results';
import { generateCa, generateSelfSigned } from '../lib/transport/tls';
import { isRequirement, levelOf } from '../lib/conformance/requirements';
import { probeRows } from '../lib/conformance/probe-grammar';
import { childRunEnv, nodeCommand } from '../reports/tool';
import { RunPool, SuiteRunner, describePending, heartbeat, processRunner } from '../reports/run-pool';
import { freePort } from './helpers';
import { DEFAULT_EXTRA_PARAMS, withExtraQuery } from '../suite/config';

const ROOT = path.resolve(__dirname, '..', '..');
const ZOO = path.join(__dirname, 'vendor-zoo', 'zoo.js');
// Not compiled: a shell script next to the sources (test/), found from dist/test/ two levels up.
const TRIGGER = path.join(ROOT, 'test', 'vendor-zoo-trigger.sh');

export type Role = 'device' | 'nrcs';
type Row = Omit<ScenarioResult, 'attachments'>;

/**
 * How the system is deployed for a run. listening: the zoo listens and dials, trusting any certificate (--allow-untrusted);
 * passive-active: the zoo dials in passive mode; verifying: as listening, but the zoo trusts only
 * a test CA (--ca), which signs the suite's certificates, and declares verifies-certificates;
 * passive-listening: as listening, but the zoo is declared a listener for passive sockets only (no
 * listens), where a request without passive=true may be refused.
 */
export type Deployment = 'listening' | 'passive-active' | 'verifying' | 'passive-listening';

/** Variants whose author wrote them as listeners for passive sockets only: deployed as declared. */
const PASSIVE_ONLY_LISTENERS: ReadonlySet<string> = new Set(['m-passive-absent-500']);

export interface ZooRun {
  variant: string;
  role: Role;
  deployment: Deployment;
  /** The requirement the variant breaks and how (undefined for the correct systems). */
  breaks?: string;
  level?: 'fail' | 'warn';
  /** Why the suite's expectation differs from what the variant's author declared. */
  overridden?: string;
  results: Row[];
  exitCode: number | null;
  ms: number;
  /** The verdicts that name the broken requirement with the expected outcome. */
  caughtBy: Row[];
  /** The first result, when the run contradicted its expectation and was run once more. */
  retriedAfter?: string;
  /** Everything else that did not pass. */
  otherFindings: Row[];
}

const IDS = { mosID: 'ZOO.DEVICE.MOS', ncsID: 'ZOO.NCS' };
const USER = 'zoo-user';
// Its Basic token (base64 of user:password) holds a '+' and '=' padding, so the probe rows of other
// base64 alphabets and of the padding apply (docs/probe-table.md, token/*).
const PASSWORD = 'zoo-pass>word-7Hq';
const KEEPALIVE_MS = 400;
const LISTEN_EXTRA = 'apiKey=k+1/x';

// A vendor's timing profile, as a file: the zoo sends keepAlive every 400 ms and retries every 50 ms.
// Handshakes, replies and keepAlive gaps get room for a loaded CI machine; "at once" stays 1 s, and
// the long outage (4 s) lets a back-off that doubles past the retry ceiling show (m-redial-doubling-uncapped).
const TIMING = {
  name: 'vendor-zoo',
  base: 'accelerated',
  keepAliveIntervalMs: KEEPALIVE_MS,
  keepAliveGraceMs: 3000,
  silenceWindowMs: 300,
  reconnectThresholdMs: 1000,
  responseTimeoutMs: 3000,
  connectTimeoutMs: 6000,
  sutConnectMs: 5000,
  operatorMs: 3000,
  outageMs: 4000,
  retryCeilingMs: 1000,
};

/**
 * Where the suite judges a variant under another requirement or level than its author declared,
 * and why (each argued in docs/interpretations.md). The zoo itself is left as written.
 */
export const EXPECTATION_OVERRIDES: Readonly<Record<string, { breaks: string; level: 'fail' | 'warn'; why: string }>> = {
  // The independent author named a source where the suite has a requirement id of its own.
  'm-mosid-trailing-space': { breaks: 'MOSWS-URL-8', level: 'warn', why: 'a padded identity is a near-miss the proposal does not settle (docs/interpretations.md #96): MOSWS-URL-8, a SHOULD' },
  'm-mosid-duplicate-first-wins': { breaks: 'MOSWS-URL-8', level: 'warn', why: 'a parameter repeated with another value is judged as MOSWS-URL-8, a SHOULD (#96)' },
  'm-channel-case-insensitive': { breaks: 'MOSWS-URL-8', level: 'warn', why: 'a channel in other letter case is judged as MOSWS-URL-8, a SHOULD (#96)' },
  'm-auth-user-case-insensitive': { breaks: 'MOSWS-AUTH-4', level: 'warn', why: 'a user name in other letter case is judged as MOSWS-AUTH-4, a SHOULD (#96)' },
  'm-dial-extra-param-twice': { breaks: 'MOSWS-URL-9', level: 'warn', why: 'a parameter written twice by a dialling system is MOSWS-URL-9, a SHOULD (#96)' },
  'm-envelope-ids-differ-ro': { breaks: 'MOSWS-ENV-1', level: 'warn', why: "envelope ids that are not the connection's are MOSWS-ENV-1, a SHOULD (#96)" },
  'm-rolist-ignores-element-action': { breaks: 'MOS-PROFILE-2', level: 'fail', why: 'a roList that differs from the running order the suite built is a wrong reply (MOS-PROFILE-2)' },
  'm-mosobj-wrong-object': { breaks: 'MOS-PROFILE-2', level: 'fail', why: 'a mosObj about another object than asked is a wrong reply (MOS-PROFILE-2)' },
  'm-ncsid-trimmed': { breaks: 'MOSWS-URL-8', level: 'warn', why: 'a padded NCS ID is a near-miss the proposal does not settle (#96 item 1): MOSWS-URL-8, a SHOULD' },
  'm-ncsid-case-insensitive': { breaks: 'MOSWS-URL-8', level: 'warn', why: 'an NCS ID in other letter case is a near-miss the proposal does not settle (#96 item 1): MOSWS-URL-8, a SHOULD' },
  'm-ncsid-any-duplicate-matches': { breaks: 'MOSWS-URL-8', level: 'warn', why: 'two NCS IDs at once, one foreign, are judged as MOSWS-URL-8, a SHOULD (#96 item 3)' },
  'm-ncsid-one-spelling': { breaks: 'MOSWS-URL-6', level: 'warn', why: 'the proposal spells the parameter both ncsID and nCSID; accepting both is MOSWS-URL-6, a SHOULD (#96 item 4)' },
  'm-query-not-percent-decoded': { breaks: 'MOSWS-URL-8', level: 'warn', why: 'reading a percent-encoded identity as that identity is RFC 3986 normalisation, not proposal text: MOSWS-URL-8, a SHOULD (#96 item 5)' },
  'm-duplicate-param-500': { breaks: 'MOSWS-TRANSPORT-3', level: 'warn', why: 'the suite\'s requirement for RFC 9110 §15.5 (a 4xx, not a 5xx, for a request the listener will not serve), a SHOULD (#96 item 10)' },
  'm-param-name-case-500': { breaks: 'MOSWS-TRANSPORT-3', level: 'warn', why: 'the suite\'s requirement for RFC 9110 §15.5 (a 4xx, not a 5xx, for a request the listener will not serve), a SHOULD (#96 item 10): the probe rows passive/name-case-changed and extra/name-case-changed' },
  'm-passive-parse-throws': { breaks: 'MOSWS-TRANSPORT-3', level: 'warn', why: 'passive values other than "true" may be accepted or refused (#96 item 6); a reset instead of either answer is MOSWS-TRANSPORT-3, a SHOULD' },
  'm-channel-trimmed': { breaks: 'MOSWS-URL-8', level: 'warn', why: 'a padded channel is a near-miss the proposal does not settle (#96 item 2): MOSWS-URL-8, a SHOULD' },
  'm-missing-param-500': { breaks: 'MOSWS-TRANSPORT-3', level: 'warn', why: 'a 500 still refuses the request that lacks a parameter (MOSWS-URL-1 met); that it is not a 4xx is MOSWS-TRANSPORT-3, a SHOULD (#96 item 10)' },
  'm-auth-scheme-case-sensitive': { breaks: 'MOSWS-AUTH-4', level: 'warn', why: 'RFC 7235 §2.1 makes the scheme case-insensitive; the proposal names only "Basic": MOSWS-AUTH-4, a SHOULD (#96 item 9)' },
  'm-auth-trims-password': { breaks: 'MOSWS-AUTH-4', level: 'warn', why: 'a padded password is a near-miss the proposal does not settle (#96 item 8): MOSWS-AUTH-4, a SHOULD' },
  'm-auth-duplicate-header-500': { breaks: 'MOSWS-TRANSPORT-3', level: 'warn', why: 'two Authorization headers should be refused (MOSWS-AUTH-4); a 500 refuses them, but not with a 4xx: MOSWS-TRANSPORT-3, a SHOULD (#96 items 8, 10)' },
  // Third batch (configured extras, passive flag, user name): the author's MUST where the suite reads the proposal as silent.
  'm-extra-absent-accepted': { breaks: 'MOSWS-URL-8', level: 'warn', why: 'whether a listener checks its configured extra parameters is not written (the proposal says only that they are provided with each request): a near-miss accepted is MOSWS-URL-8, a SHOULD (docs/interpretations.md #96)' },
  'm-extra-empty-accepted': { breaks: 'MOSWS-URL-8', level: 'warn', why: 'whether a listener checks its configured extra parameters is not written (the proposal says only that they are provided with each request): a near-miss accepted is MOSWS-URL-8, a SHOULD (docs/interpretations.md #96)' },
  'm-extra-duplicate-last-wins': { breaks: 'MOSWS-URL-8', level: 'warn', why: 'whether a listener checks its configured extra parameters is not written (the proposal says only that they are provided with each request): a near-miss accepted is MOSWS-URL-8, a SHOULD (docs/interpretations.md #96)' },
  'm-extra-value-case-insensitive': { breaks: 'MOSWS-URL-8', level: 'warn', why: 'whether a listener checks its configured extra parameters is not written (the proposal says only that they are provided with each request): a near-miss accepted is MOSWS-URL-8, a SHOULD (docs/interpretations.md #96)' },
  'm-extra-value-trimmed': { breaks: 'MOSWS-URL-8', level: 'warn', why: 'whether a listener checks its configured extra parameters is not written (the proposal says only that they are provided with each request): a near-miss accepted is MOSWS-URL-8, a SHOULD (docs/interpretations.md #96)' },
  'm-extra-value-truncated': { breaks: 'MOSWS-URL-8', level: 'warn', why: 'whether a listener checks its configured extra parameters is not written (the proposal says only that they are provided with each request): a near-miss accepted is MOSWS-URL-8, a SHOULD (docs/interpretations.md #96)' },
  'm-extra-value-extended': { breaks: 'MOSWS-URL-8', level: 'warn', why: 'whether a listener checks its configured extra parameters is not written (the proposal says only that they are provided with each request): a near-miss accepted is MOSWS-URL-8, a SHOULD (docs/interpretations.md #96)' },
  'm-extra-value-substring': { breaks: 'MOSWS-URL-8', level: 'warn', why: 'whether a listener checks its configured extra parameters is not written (the proposal says only that they are provided with each request): a near-miss accepted is MOSWS-URL-8, a SHOULD (docs/interpretations.md #96)' },
  'm-extra-value-unchecked': { breaks: 'MOSWS-URL-8', level: 'warn', why: 'whether a listener checks its configured extra parameters is not written (the proposal says only that they are provided with each request): a near-miss accepted is MOSWS-URL-8, a SHOULD (docs/interpretations.md #96)' },
  'm-extra-raw-compare': { breaks: 'MOSWS-URL-8', level: 'warn', why: 'whether a listener checks its configured extra parameters is not written (the proposal says only that they are provided with each request): a near-miss accepted is MOSWS-URL-8, a SHOULD (docs/interpretations.md #96)' },
  'm-extra-double-decoded': { breaks: 'MOSWS-URL-8', level: 'warn', why: 'whether a listener checks its configured extra parameters is not written (the proposal says only that they are provided with each request): a near-miss accepted is MOSWS-URL-8, a SHOULD (docs/interpretations.md #96)' },
  'm-extra-mom-only': { breaks: 'MOSWS-URL-8', level: 'warn', why: 'whether a listener checks its configured extra parameters is not written (the proposal says only that they are provided with each request): a near-miss accepted is MOSWS-URL-8, a SHOULD (docs/interpretations.md #96)' },
  'm-extra-passive-unchecked': { breaks: 'MOSWS-URL-8', level: 'warn', why: 'whether a listener checks its configured extra parameters is not written (the proposal says only that they are provided with each request): a near-miss accepted is MOSWS-URL-8, a SHOULD (docs/interpretations.md #96)' },
  'm-extra-repeat-reset': { breaks: 'MOSWS-TRANSPORT-3', level: 'warn', why: 'a repeated extra parameter may be accepted or refused; a reset instead of either answer is MOSWS-TRANSPORT-3, a SHOULD (#96 item 10)' },
  'm-passive-unexpected-500': { breaks: 'MOSWS-TRANSPORT-3', level: 'warn', why: 'passive values other than "true" may be accepted or refused (#96 item 6); a 500 instead of either answer is MOSWS-TRANSPORT-3, a SHOULD' },
  'm-auth-trims-user': { breaks: 'MOSWS-AUTH-4', level: 'warn', why: 'a padded user name is a near-miss the proposal does not settle (#96 item 8): MOSWS-AUTH-4, a SHOULD' },
  's-no-pong': { breaks: 'SEC-WS-2', level: 'fail', why: 'RFC 6455 §5.5.2' },
  's-pong-wrong-payload': { breaks: 'SEC-WS-2', level: 'fail', why: 'RFC 6455 §5.5.3' },
  's-invalid-utf8-ignored': { breaks: 'SEC-WS-4', level: 'fail', why: 'RFC 6455 §8.1' },
  's-invalid-utf8-close-1000': { breaks: 'SEC-WS-7', level: 'warn', why: 'the connection is failed, with the wrong status code: RFC 6455 §7.4.1 is a SHOULD' },
  's-accept-unmasked-frames': { breaks: 'SEC-WS-5', level: 'fail', why: 'RFC 6455 §5.1' },
  's-accept-rsv-bits': { breaks: 'SEC-WS-5', level: 'fail', why: 'RFC 6455 §5.2' },
  's-accept-unknown-opcode': { breaks: 'SEC-WS-5', level: 'fail', why: 'RFC 6455 §5.2' },
  's-no-close-reply': { breaks: 'SEC-WS-6', level: 'fail', why: 'RFC 6455 §5.5.1' },
  's-tls-legacy-versions': { breaks: 'SEC-TLS-1', level: 'fail', why: 'RFC 8996' },
  's-rsa-1024-cert': { breaks: 'SEC-CERT-3', level: 'fail', why: 'RFC 9325 §4.3: "MUST authenticate using certificates with at least a 2048-bit modulus"' },
  's-expired-cert': { breaks: 'SEC-CERT-1', level: 'fail', why: 'RFC 5280 §6.1' },
  's-crash-on-malformed-xml': { breaks: 'SEC-ROBUST-1', level: 'fail', why: 'hostile input after authentication' },
  's-crash-on-deep-nesting': { breaks: 'SEC-ROBUST-1', level: 'fail', why: 'hostile input after authentication (destructive probe)' },
  's-crash-on-entity-expansion': { breaks: 'SEC-ROBUST-1', level: 'fail', why: 'hostile input after authentication (destructive probe)' },
  's-unbounded-payload': { breaks: 'SEC-ROBUST-1', level: 'fail', why: 'hostile input after authentication (destructive probe)' },
  's-no-origin-check': { breaks: 'SEC-ORIGIN-1', level: 'warn', why: 'RFC 6455 §10.2: a SHOULD' },
  's-dial-no-hostname-check': { breaks: 'SEC-CERT-4', level: 'fail', why: 'RFC 9110 §4.3.4' },
  's-dial-accept-expired': { breaks: 'SEC-CERT-4', level: 'fail', why: 'RFC 5280 §6.1.3' },
  's-dial-offers-tls10': { breaks: 'SEC-TLS-1', level: 'fail', why: 'RFC 8996: a dialling system completes no TLS 1.0 or 1.1 handshake' },
  's-no-fragment-reassembly': { breaks: 'SEC-WS-3', level: 'fail', why: 'RFC 6455 §5.4' },
  's-dial-unmasked-frames': { breaks: 'SEC-WS-8', level: 'fail', why: 'RFC 6455 §5.1: a client MUST mask all frames' },
  's-tls-weak-ciphers': { breaks: 'SEC-TLS-3', level: 'fail', why: 'RFC 9325 §4.1: NULL encryption MUST NOT be negotiated' },
  's-tls13-only': { breaks: 'SEC-TLS-2', level: 'fail', why: 'RFC 9325 §3.1.1: TLS 1.2 MUST be supported' },
  's-tls-legacy-only': { breaks: 'SEC-TLS-2', level: 'fail', why: 'RFC 9325 §3.1.1: TLS 1.2 MUST be supported; RFC 8996: TLS 1.0/1.1 MUST NOT be used' },
  's-tls-3des': { breaks: 'SEC-TLS-4', level: 'warn', why: 'RFC 9325 §4.1: suites under 128 bits SHOULD NOT be negotiated' },
  's-cert-wrong-host': { breaks: 'SEC-CERT-2', level: 'fail', why: 'RFC 9110 §4.3.4: the certificate must name the host of the configured URL' },
  's-serial-accept-no-timeout': { breaks: 'SEC-ROBUST-2', level: 'fail', why: 'RFC 6455 §10.7: a half-open or slow client before authentication must not lock others out' },
  'm-passive-absent-500': { breaks: 'MOSWS-TRANSPORT-3', level: 'warn', why: 'a listener serving passive sockets only may refuse a normal request; a 500 instead of a definite answer is the probe row passive/absent (MOSWS-TRANSPORT-3, a SHOULD, #96 item 6)' },
  'm-mosid-case-insensitive': { breaks: 'MOSWS-URL-8', level: 'warn', why: 'comparing identities exactly is not written in the proposal (#96): MOSWS-URL-8, a SHOULD' },
  'm-rolist-omits-last-story': { breaks: 'MOS-PROFILE-2', level: 'fail', why: 'a roList that differs from the running order the suite built is a wrong reply (MOS-PROFILE-2)' },
  'm-roack-stale-roid': { breaks: 'MOS-PROFILE-2', level: 'fail', why: 'an acknowledgement naming another running order is a wrong reply (MOS-PROFILE-2)' },
  's-unoffered-subprotocol': { breaks: 'SEC-WS-1', level: 'fail', why: 'RFC 6455 §4.2.2' },
  's-bad-accept-key': { breaks: 'SEC-WS-1', level: 'fail', why: 'RFC 6455 §4.2.2' },
  's-echo-credentials': { breaks: 'SEC-SECRET-1', level: 'warn', why: "the proposal's rationale for Basic authentication: a SHOULD" },
  'c-profiles-overclaim': {
    breaks: 'MOS-PROFILE-1',
    level: 'fail',
    why: "the message itself is well-formed MOS; claiming profiles the system does not support is what MOS-PROFILE-1 judges (supportedProfiles against the declared profiles)",
  },
  'ka1-with-messageid': {
    breaks: 'MOSWS-KA-4',
    level: 'warn',
    why: 'the proposal says a messageID "is not necessary" for keepAlive, which is no MUST NOT: carrying one is judged as MOSWS-KA-4, a SHOULD (docs/interpretations.md #18)',
  },
  'u3-reencode-params': {
    breaks: 'MOSWS-URL-7',
    level: 'warn',
    why: 'every parameter keeps its value once decoded (MOSWS-URL-3 holds); writing the configured query with another percent-encoding is judged as MOSWS-URL-7, a SHOULD (docs/interpretations.md #5)',
  },
};

/**
 * Findings against the correct zoo systems where the suite and the zoo's author read MOS
 * differently, each analysed (docs/interpretations.md, "Vendor zoo"). The test accepts exactly
 * these; any other finding against a correct system fails it.
 */
export const KNOWN_DISAGREEMENTS: ReadonlyArray<{ role: Role; scenario: RegExp; requirement: string; why: string }> = [];

export function knownDisagreement(r: ZooRun, finding: Row): string | undefined {
  const v = finding.verdicts.find((x) => x.outcome === finding.outcome);
  return KNOWN_DISAGREEMENTS.find((k) => k.role === r.role && k.scenario.test(finding.name) && v?.requirement === k.requirement)?.why;
}

/**
 * Broken variants the suite does not catch yet, each with the reason: a ratchet, not an excuse.
 * The test fails when a variant outside this list is missed, and when one in it is caught (then it
 * leaves the list). docs/vendor-zoo.md shows them as known gaps.
 */
export const KNOWN_GAPS: Readonly<Record<string, string>> = {
  's-tls13-only': "the suite reads an endpoint speaking only TLS 1.3 as allowed (docs/interpretations.md #97, SEC-TLS-2; the zoo's own ok-tls13-only says the same): a disagreement with the author of this variant, for the working group",
  'm-passive-any-value': "the suite reads values of passive other than true as a freedom the proposal leaves (docs/interpretations.md #96): a disagreement with the zoo's author",
  'm-auth-token-trailing-garbage': "the suite reads a lenient base64 decoding of the token as allowed (docs/interpretations.md #96): a disagreement with the zoo's author",
  'm-auth-base64url-token': "the suite reads another base64 alphabet or missing padding as allowed (docs/interpretations.md #96): a disagreement with the zoo's author",
  'm-auth-expects-base64url': "the system refuses the request made exactly as it was configured (its own listenUrl and credentials), so the pre-flight stops with exit 3 and says so: the suite cannot tell that from a wrong configuration on the vendor's side (docs/interpretations.md #96)",
  'm-extra-name-lowercased-lookup': "the system refuses the request made exactly as it was configured (its own listenUrl and credentials), so the pre-flight stops with exit 3 and says so: the suite cannot tell that from a wrong configuration on the vendor's side (docs/interpretations.md #96)",
  'm-extra-value-not-decoded': "the system refuses the request made exactly as it was configured (its own listenUrl and credentials), so the pre-flight stops with exit 3 and says so: the suite cannot tell that from a wrong configuration on the vendor's side (docs/interpretations.md #96)",
  'm-extra-name-case-insensitive': "the suite reads this spelling as a freedom the proposal leaves (either answer is allowed, docs/interpretations.md #96): a disagreement with the zoo's author",
  'm-passive-conflict-last-wins': "the suite reads this spelling as a freedom the proposal leaves (either answer is allowed, docs/interpretations.md #96): a disagreement with the zoo's author",
  'm-passive-name-exact': "the suite reads this spelling as a freedom the proposal leaves (either answer is allowed, docs/interpretations.md #96): a disagreement with the zoo's author",
  'm-passive-repeat-ignored': "the suite reads this spelling as a freedom the proposal leaves (either answer is allowed, docs/interpretations.md #96): a disagreement with the zoo's author",
  'm-passive-trimmed': "the suite reads this spelling as a freedom the proposal leaves (either answer is allowed, docs/interpretations.md #96): a disagreement with the zoo's author",
};

/**
 * The requirement and level the suite is expected to name for a variant. The level is the
 * requirement table's (set by the words of its source, docs/requirements.md); where the variant's
 * author declared another, that is said.
 */
export function expectationFor(v: Variant): { breaks: string; level: 'fail' | 'warn'; overridden?: string } {
  const o = EXPECTATION_OVERRIDES[v.name];
  if (o) return { breaks: o.breaks, level: o.level, overridden: o.why };
  if (!isRequirement(v.breaks)) return { breaks: v.breaks, level: v.level };
  const level = levelOf(v.breaks) === 'MUST' ? 'fail' : 'warn';
  return level === v.level ? { breaks: v.breaks, level } : { breaks: v.breaks, level, overridden: `declared ${v.level} by the variant's author; ${v.breaks} is a ${levelOf(v.breaks)} by the words of its source (docs/requirements.md)` };
}

/** The deployments a variant must be run in for its defect to show (the correct systems: every one). */
export function deploymentsFor(v: Variant | undefined): Deployment[] {
  if (!v) return ['listening', 'passive-active', 'verifying', 'passive-listening'];
  if (PASSIVE_ONLY_LISTENERS.has(v.name)) return ['passive-listening'];
  // A defect in how a dialling system verifies the certificates it is given shows only where it is given trust.
  if (expectationFor(v).breaks === 'SEC-CERT-4') return ['verifying'];
  return v.needs.includes('passive-active') ? ['passive-active'] : ['listening'];
}

/** One role per variant: the first it has, alternating between roles for variants of both. */
export function roleFor(v: Variant, index: number): Role {
  return v.roles.length === 1 ? v.roles[0]! : v.roles[index % v.roles.length]!;
}


interface Started {
  proc: ChildProcess;
  listenUrl: string | null;
  control: string | null;
  stderr: () => string;
}

function startZoo(args: string[]): Promise<Started> {
  const proc = spawn(...nodeCommand([ZOO, ...args], false), { env: childRunEnv({ ZOO_PASSWORD: PASSWORD }), stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`the zoo did not become ready within 60 s: ${err}`));
    }, 60_000);
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      const ready = JSON.parse(out.slice(0, nl)) as { listenUrl: string | null; control: string | null };
      resolve({ proc, listenUrl: ready.listenUrl, control: ready.control, stderr: () => err });
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the zoo exited with ${code} before it was ready: ${err}`));
    });
  });
}

function stop(p: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (p.exitCode !== null || p.signalCode !== null) return resolve();
    const t = setTimeout(() => p.kill('SIGKILL'), 3000);
    p.once('exit', () => {
      clearTimeout(t);
      resolve();
    });
    p.kill('SIGTERM');
  });
}

/**
 * A port for the suite's endpoint, which the suite closes and opens again between scenarios: taken
 * below the ephemeral range (Linux: 32768-60999), where the OS never picks the local port of an
 * outgoing connection and no other run of the matrix picks it (one counter per process).
 */
let nextPort = 20_000 + (process.pid % 50) * 100;
async function suiteEndpointPort(): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const port = nextPort++;
    if (nextPort >= 32_000) nextPort = 20_000;
    if (await canListen(port)) return port;
  }
  return freePort();
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/** The test CA a verifying zoo trusts (the suite signs its certificates with it, SEC-CERT-4). */
let caFiles: Promise<{ cert: string; key: string }> | undefined;
function zooTestCa(dir: string): Promise<{ cert: string; key: string }> {
  caFiles ??= generateCa('vendor zoo test CA').then((t) => {
    const cert = path.join(dir, 'zoo-test-ca.pem');
    const key = path.join(dir, 'zoo-test-ca-key.pem');
    fs.writeFileSync(cert, t.cert);
    fs.writeFileSync(key, t.key, { mode: 0o600 });
    return { cert, key };
  });
  return caFiles;
}

/** The certificate the zoo serves wss with (a vendor's self-signed one). */
let certFiles: Promise<{ cert: string; key: string }> | undefined;
function zooCertificate(dir: string): Promise<{ cert: string; key: string }> {
  certFiles ??= generateSelfSigned().then((t) => {
    const cert = path.join(dir, 'zoo-cert.pem');
    const key = path.join(dir, 'zoo-key.pem');
    fs.writeFileSync(cert, t.cert);
    fs.writeFileSync(key, t.key, { mode: 0o600 });
    return { cert, key };
  });
  return certFiles;
}

/**
 * Certify one zoo system in one deployment, exactly as a vendor would run the suite. The suite's
 * port is picked free just before; when another process took it meanwhile (the suite refuses to
 * start, exit 2), the run is repeated with another.
 */
export async function certify(variant: Variant | BenignVariant | undefined, role: Role, deployment: Deployment, outDir: string, runner: SuiteRunner = processRunner()): Promise<ZooRun> {
  for (let attempt = 1; ; attempt++) {
    const r = await certifyOnce(variant, role, deployment, outDir, runner);
    if (r !== 'port-taken') return r;
    if (attempt === 3) throw new Error(`the suite's port was taken three times for ${variant?.name ?? 'correct'} (${role}, ${deployment})`);
  }
}

async function certifyOnce(variant: Variant | BenignVariant | undefined, role: Role, deployment: Deployment, outDir: string, runner: SuiteRunner): Promise<ZooRun | 'port-taken'> {
  const name = variant?.name ?? 'correct';
  const dir = path.join(outDir, `${name}-${role}-${deployment}`);
  fs.mkdirSync(dir, { recursive: true });
  const started = Date.now();
  const suitePort = await suiteEndpointPort();
  // The URL the suite tells a vendor to configure, its default extra query included.
  const suiteUrl = withExtraQuery(`wss://127.0.0.1:${suitePort}/mos/suite`, DEFAULT_EXTRA_PARAMS);
  const verifying = deployment === 'verifying' ? await zooTestCa(outDir) : undefined;
  const trust = verifying ? ['--ca', verifying.cert] : ['--allow-untrusted'];
  const zooArgs = ['--role', role, '--variant', name, '--mos-id', IDS.mosID, '--ncs-id', IDS.ncsID, '--user', USER, '--keepalive-ms', String(KEEPALIVE_MS), '--retry-ms', '50', '--connect', suiteUrl, ...trust, '--control', '127.0.0.1:0'];
  // The certificate the zoo is given is also the suite's trust for it (caFile), as a vendor who
  // hands over their certificate would configure it: its host name is then judged (SEC-CERT-2).
  let caFile: string | undefined;
  if (deployment !== 'passive-active') {
    const { cert, key } = await zooCertificate(outDir);
    // A configured extra parameter (an API key, as the proposal's example) in the URL the zoo
    // listens at, with characters that must be percent-encoded: the extra/* probe rows apply.
    zooArgs.push('--listen', '127.0.0.1:0', '--path', '/mos/zoo', '--cert', cert, '--key', key, '--listen-extra', LISTEN_EXTRA);
    caFile = cert;
  } else zooArgs.push('--passive');
  const zoo = await startZoo(zooArgs);
  try {
    // Every system declares what its deployment offers. An operator (the control endpoint) is
    // declared for the correct systems and for the variants whose author says the defect needs one:
    // the other variants' operator scenarios are Not applicable, which keeps the 100-odd runs
    // affordable without choosing scenarios by the expected verdict.
    // An NRCS has running orders only when its operator makes one: its stateful variants get one too.
    const capabilities = deployment === 'passive-active' ? ['connects', 'passive-active'] : deployment === 'passive-listening' ? ['connects', 'passive-listener'] : ['listens', 'connects', 'passive-listener', ...(verifying ? ['verifies-certificates'] : [])];
    const operator = !variant || variant.needs.includes('operator') || (role === 'nrcs' && STATE_MUTATIONS.has(variant.name));
    const config = {
      target: {
        role,
        ...(zoo.listenUrl ? { url: zoo.listenUrl } : {}),
        ...IDS,
        username: USER,
        passwordEnv: 'ZOO_VENDOR_PASSWORD',
        allowUntrusted: true,
        ...(caFile ? { caFile } : {}),
        capabilities,
        // What the zoo's README says it implements (and its listMachInfo reports).
        profiles: [0, 1, 2],
        ...(operator ? { operatorCommand: `bash "${TRIGGER}" ${zoo.control}` } : {}),
      },
      suiteEndpoint: { host: '127.0.0.1', port: suitePort, path: '/mos/suite', tls: true, ...(verifying ? { testCaFile: verifying.cert, testCaKeyFile: verifying.key } : {}) },
      timing: TIMING,
      // A variant whose defect only a destructive probe shows (entity expansion, deep nesting, a
      // 16 MiB message, floods) says so with the need 'destructive'; the others skip those probes.
      ...(variant && (variant.needs as readonly string[]).includes('destructive') ? { includeDestructive: true } : {}),
    };
    const configFile = path.join(dir, 'config.json');
    fs.writeFileSync(configFile, JSON.stringify(config, null, 2));
    // The CLI's `run` with the config file and flags a vendor would give it (in a pool worker).
    // Bounded: a run that hangs is a defect of the suite.
    const label = `${name} (${role}, ${deployment})`;
    const { code: exitCode, err, failure } = await runner({ argv: ['run', '--config', configFile, '--report-dir', dir, '--results-only', '--quiet'], env: { ZOO_VENDOR_PASSWORD: PASSWORD }, timeoutMs: 5 * 60_000, label });
    if (exitCode === 2 && /already in use/.test(err)) return 'port-taken';
    const file = path.join(dir, 'results.json');
    if (failure || !fs.existsSync(file)) throw new Error(`the suite wrote no results for ${label}; ${failure ?? `exit ${exitCode}`}: ${err}`);
    const results = (JSON.parse(fs.readFileSync(file, 'utf8')) as { results: Row[] }).results;
    const want = variant && 'breaks' in variant ? expectationFor(variant) : undefined;
    const expected = want?.level === 'warn' ? 'WARNING' : 'FAIL';
    const names = (req?: string): boolean => req !== undefined && want !== undefined && (req === want.breaks || (want.breaks === 'MOS-CONTENT' && req.startsWith('MOS-CONTENT-')));
    const caughtBy = want ? results.filter((r) => r.verdicts.some((v) => v.outcome === expected && names(v.requirement))) : [];
    const otherFindings = results.filter((r) => r.outcome !== 'PASS' && r.outcome !== 'NOT_APPLICABLE' && !caughtBy.includes(r));
    return { variant: name, role, deployment, breaks: want?.breaks, level: want?.level, overridden: want?.overridden, results, exitCode, ms: Date.now() - started, caughtBy, otherFindings };
  } finally {
    await stop(zoo.proc);
  }
}

/** The run went against what was expected of it: findings on a correct system, or a defect missed. */
function unexpected(v: Variant | BenignVariant | undefined, r: ZooRun): boolean {
  if (!v || !('breaks' in v)) return r.otherFindings.some((o) => !knownDisagreement(r, o));
  return r.caughtBy.length === 0 && !KNOWN_GAPS[r.variant];
}

function summary(r: ZooRun): string {
  const findings = r.otherFindings.map((o) => `${o.outcome} ${o.name}: ${(o.message ?? '').slice(0, 160)}`);
  return findings.length ? findings.join('; ') : r.caughtBy.length ? 'caught' : 'not caught';
}

export interface ZooMatrix {
  correct: ZooRun[];
  /** Correct-but-unusual variants: judged like the correct systems (no finding allowed). */
  benign: ZooRun[];
  variants: ZooRun[];
  ms: number;
}

/** Every run the matrix needs: the correct device and NRCS in every deployment, each variant once. */
export function plan(only?: ReadonlySet<string>): Array<{ variant?: Variant | BenignVariant; role: Role; deployment: Deployment }> {
  const runs: Array<{ variant?: Variant | BenignVariant; role: Role; deployment: Deployment }> = [];
  if (!only || only.has('correct')) for (const role of ['device', 'nrcs'] as const) for (const deployment of deploymentsFor(undefined)) runs.push({ role, deployment });
  // A benign variant runs in every role it has, in the deployments where its freedom shows.
  // A benign variant runs once (with --only: in every role and deployment it has), taking the roles
  // and deployments in turn, so that the set covers both roles and both deployments.
  BENIGN.forEach((v, i) => {
    if (only && !only.has(v.name)) return;
    const deployments: Deployment[] = v.needs.includes('passive-active') ? ['passive-active'] : v.needs.length ? ['listening'] : ['listening', 'passive-active'];
    if (only) for (const role of v.roles) for (const deployment of deployments) runs.push({ variant: v, role, deployment });
    else runs.push({ variant: v, role: v.roles[i % v.roles.length]!, deployment: deployments[Math.floor(i / v.roles.length) % deployments.length]! });
  });
  VARIANTS.forEach((v, i) => {
    if (only && !only.has(v.name)) return;
    for (const deployment of deploymentsFor(v)) runs.push({ variant: v, role: roleFor(v, i), deployment });
  });
  return runs;
}

const isBenign = (name: string): boolean => BENIGN.some((b) => b.name === name);

export async function runZooMatrix(outDir = path.join(ROOT, 'reports/out/vendor-zoo'), parallel = 4 * os.cpus().length, progress: (line: string) => void = () => undefined, only?: ReadonlySet<string>): Promise<ZooMatrix> {
  const started = Date.now();
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const queue = plan(only);
  const total = queue.length;
  const done: ZooRun[] = [];
  // The suite runs in a pool of long-lived workers; VENDOR_ZOO_NODE_ARGS (node options, e.g.
  // --cpu-prof, for profiling) runs it as a fresh process per run instead.
  const nodeArgs = process.env.VENDOR_ZOO_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const pool = nodeArgs.length ? undefined : new RunPool({ size: parallel });
  const runner: SuiteRunner = pool ? (job) => pool.run(job) : processRunner(false, nodeArgs);
  const beat = heartbeat(20_000, () => `vendor zoo ${done.length}/${total} done${pool ? `; ${describePending(pool.pending())}` : ''}`, progress);
  try {
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        for (let job = queue.shift(); job; job = queue.shift()) {
          let r = await certify(job.variant, job.role, job.deployment, outDir, runner);
          // A result that contradicts the expectation is run once more before it stands: on a CI
          // machine whose two cores the matrix saturates, a starved process can miss a timing
          // window. A defect of the suite or of a variant shows again; the first result is kept
          // in `retriedAfter` and shown in docs/vendor-zoo.md.
          if (unexpected(job.variant, r)) {
            const first = r;
            r = await certify(job.variant, job.role, job.deployment, path.join(outDir, 'retry'), runner);
            r.retriedAfter = summary(first);
          }
          done.push(r);
          const verdict = !job.variant || !('breaks' in job.variant) ? (r.otherFindings.length ? `${r.otherFindings.length} FINDINGS` : 'clean') : r.caughtBy.length ? 'caught' : 'NOT CAUGHT';
          beat.note(`vendor zoo ${done.length}/${total}: ${r.variant} (${r.role}, ${r.deployment}) ${verdict} in ${(r.ms / 1000).toFixed(1)} s`);
        }
      }),
    ).catch((e: unknown) => {
      // A failed run ends the matrix: no further run starts (those running finish).
      queue.length = 0;
      throw e;
    });
  } finally {
    beat.stop();
    await pool?.close();
  }
  const order = (a: ZooRun, b: ZooRun): number => a.variant.localeCompare(b.variant) || a.role.localeCompare(b.role) || a.deployment.localeCompare(b.deployment);
  return {
    correct: done.filter((r) => r.variant === 'correct').sort(order),
    benign: done.filter((r) => isBenign(r.variant)).sort(order),
    variants: done.filter((r) => r.variant !== 'correct' && !isBenign(r.variant)).sort(order),
    ms: Date.now() - started,
  };
}

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function zooMarkdown(m: ZooMatrix): string {
  const caught = m.variants.filter((r) => r.caughtBy.length > 0).length;
  const verdictOf = (r: ZooRun): string => {
    const v = r.caughtBy[0]?.verdicts.find((x) => x.requirement === r.breaks || (r.breaks === 'MOS-CONTENT' && x.requirement?.startsWith('MOS-CONTENT-')));
    return v ? `${v.outcome === 'FAIL' ? 'Fail' : 'Warning'} [${v.requirement}] ${cell(v.message).slice(0, 160)}` : KNOWN_GAPS[r.variant] ? `not caught (known gap: ${cell(KNOWN_GAPS[r.variant]!)})` : '**NOT CAUGHT**';
  };
  const lines = [
    '# Vendor zoo matrix',
    '',
    'Generated by `npm run vendor-zoo` (and checked by `npm test`). The suite, through its public CLI with a',
    'config file as a vendor would write it, certifies independently written MOS systems (`test/vendor-zoo/`:',
    'written from the proposal text alone, sharing no code with `lib/`, `simulators/` or `steps/`). A broken',
    'variant is *caught* when a scenario fails (or warns, for a SHOULD) with a verdict naming the requirement',
    'the variant breaks. "Other findings" lists what else did not pass in that run (Could not test included).',
    '',
    `- correct device and NRCS: ${m.correct.map((r) => `${r.role}/${r.deployment}: ${r.results.filter((x) => x.outcome === 'PASS').length} pass, ${r.otherFindings.length} not passing (${r.otherFindings.filter((o) => knownDisagreement(r, o)).length} a known disagreement, below), ${r.results.filter((x) => x.outcome === 'NOT_APPLICABLE').length} not applicable`).join('; ')}`,
    `- broken variants: ${m.variants.length} runs, caught with the right requirement: ${caught} (**${((caught / Math.max(1, m.variants.length)) * 100).toFixed(0)} %**)`,
    `- correct-but-unusual variants: ${m.benign.length} runs, passing without any finding: ${m.benign.filter((r) => !r.otherFindings.some((o) => !knownDisagreement(r, o))).length}`,
    '',
    '| variant | role | deployment | breaks | expected | verdict | other findings |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const r of m.variants) {
    const others = r.otherFindings.map((o) => `${o.outcome} ${o.verdicts.find((v) => v.outcome === o.outcome)?.requirement ?? ''}`.trim());
    const summary = [...new Set(others)].map((o) => `${o} ×${others.filter((x) => x === o).length}`).join(', ');
    lines.push(`| \`${r.variant}\` | ${r.role} | ${r.deployment} | ${r.breaks} | ${r.level} | ${verdictOf(r)} | ${summary || '—'} |`);
  }
  const retried = [...m.correct, ...m.benign, ...m.variants].filter((r) => r.retriedAfter);
  if (retried.length) {
    lines.push('', '## Runs repeated once', '', 'These runs contradicted their expectation once and were repeated; the table above shows the repeat. The first result:', '', '| run | first result |', '|---|---|');
    for (const r of retried) lines.push(`| \`${r.variant}\` (${r.role}, ${r.deployment}) | ${cell(r.retriedAfter!)} |`);
  }
  lines.push('', '## Correct-but-unusual variants', '', 'Each uses a freedom the documents leave to an implementation (the sentence that allows it is quoted) and must pass: no Fail, Warning or Could not test.', '', '| variant | role | deployment | result | what it does | allowed by |', '|---|---|---|---|---|---|');
  for (const r of m.benign) {
    const b = BENIGN.find((x) => x.name === r.variant);
    const findings = r.otherFindings.filter((o) => !knownDisagreement(r, o));
    lines.push(`| \`${r.variant}\` | ${r.role} | ${r.deployment} | ${findings.length ? `**${findings.length} finding(s)**: ${cell(findings.map((o) => `${o.outcome} ${o.name}`).join('; '))}` : 'pass'} | ${cell(b?.what ?? '')} | ${cell(b?.allows ?? '')} |`);
  }
  lines.push('', '## Known disagreements with the correct systems', '', '| role | scenario | requirement | analysis |', '|---|---|---|---|');
  for (const k of KNOWN_DISAGREEMENTS) lines.push(`| ${k.role} | ${cell(k.scenario.source)} | ${k.requirement} | ${cell(k.why)} |`);
  const overrides = Object.entries(EXPECTATION_OVERRIDES);
  if (overrides.length) {
    lines.push('', '## Where the suite reads the proposal differently from the zoo\'s author', '', '| variant | declared | judged as | why |', '|---|---|---|---|');
    for (const [name, o] of overrides) {
      const v = VARIANTS.find((x) => x.name === name);
      lines.push(`| \`${name}\` | ${v?.breaks} (${v?.level}) | ${o.breaks} (${o.level}) | ${cell(o.why)} |`);
    }
  }
  // Which rows of the probe table (docs/probe-table.md) some broken variant is shown wrong on: the
  // probe verdicts name the wrong rows by id, element/operator (the first six of them).
  const rowIds = new Set(probeRows().map((r) => r.id));
  const shown = new Map<string, Set<string>>();
  for (const r of m.variants) {
    for (const o of r.results) {
      for (const v of o.verdicts) {
        if (v.outcome !== 'FAIL' && v.outcome !== 'WARNING') continue;
        for (const x of v.message.matchAll(/\b([A-Za-z]+\/[a-z0-9-]+)/g)) if (rowIds.has(x[1]!)) shown.set(x[1]!, (shown.get(x[1]!) ?? new Set()).add(r.variant));
      }
    }
  }
  const unshown = [...rowIds].filter((id) => !shown.has(id));
  lines.push('', '## Probe-table rows the zoo shows', '', `${shown.size} of ${rowIds.size} rows of docs/probe-table.md are answered wrongly by at least one broken variant (the suite names the row in its verdict). Rows no variant breaks yet: ${unshown.map((id) => `\`${id}\``).join(', ') || 'none'}.`);
  const what = new Map(VARIANTS.map((v) => [v.name, v.what]));
  lines.push('', '## What each variant does', '', '| variant | what |', '|---|---|');
  for (const v of VARIANTS) lines.push(`| \`${v.name}\` | ${cell(what.get(v.name) ?? '')} |`);
  return lines.join('\n') + '\n';
}

/** `--only a,b` certifies just those (`correct` for the correct systems) and prints what did not pass. */
function printRuns(m: ZooMatrix): void {
  for (const r of [...m.correct, ...m.benign, ...m.variants]) {
    const head = `${r.variant} (${r.role}, ${r.deployment}) exit ${r.exitCode}` + (r.breaks ? `, breaks ${r.breaks} (${r.level}): ${r.caughtBy.length ? 'caught' : 'NOT CAUGHT'}` : `: ${r.otherFindings.length ? 'FINDINGS' : 'clean'}`);
    console.log(head);
    for (const o of r.otherFindings) for (const v of o.verdicts.filter((x) => x.outcome !== 'PASS')) console.log(`  ${o.outcome} ${o.name}\n    [${v.requirement ?? '-'}] ${v.outcome}: ${v.message}`);
  }
}

if (require.main === module && process.argv[2] === '--only') {
  const only = new Set((process.argv[3] ?? '').split(',').filter(Boolean));
  runZooMatrix(path.join(ROOT, 'reports/out/vendor-zoo-only'), undefined, (l) => console.error(l), only).then((m) => {
    printRuns(m);
    const bad = [...m.correct, ...m.benign].some((r) => r.otherFindings.some((o) => !knownDisagreement(r, o))) || m.variants.some((r) => !r.caughtBy.length);
    process.exit(bad ? 1 : 0);
  });
} else if (require.main === module) {
  runZooMatrix(undefined, undefined, (l) => console.error(l)).then((m) => {
    fs.writeFileSync(path.join(ROOT, 'docs/vendor-zoo.md'), zooMarkdown(m));
    const missed = m.variants.filter((r) => r.caughtBy.length === 0 && !KNOWN_GAPS[r.variant]);
    const falseFindings = [...m.correct, ...m.benign].filter((r) => r.otherFindings.some((o) => !knownDisagreement(r, o)));
    console.log(`${m.variants.length} variant runs, ${missed.length} not caught; correct systems with findings: ${falseFindings.length}; ${(m.ms / 1000).toFixed(0)} s`);
    process.exit(missed.length || falseFindings.length ? 1 : 0);
  });
}
