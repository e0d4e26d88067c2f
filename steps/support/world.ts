// The World: one scenario's system under test, the suite's side of the conversation,
// and the transcript that both record into.
import { IWorldOptions, World } from '@cucumber/cucumber';
import { Transcript } from '../../lib/transport/transcript';
import { ListenOptions, MosPeer, PeerOptions, Role } from '../../simulators/mos-peer';
import { DeviceSimulator } from '../../simulators/device';
import { NrcsSimulator } from '../../simulators/nrcs';
import { Channel } from '../../lib/mos/catalogue';
import { buildClientUrl } from '../../lib/transport/url';
import { basicAuthHeader } from '../../lib/transport/basic-auth';
import { EmbeddedSut, SystemUnderTest, VendorSut } from './sut';
import { SuiteConfig, SuiteRole, advertisedUrl, servesPassiveSocketsOnly, withExtraQuery } from '../../suite/config';
import { ScenarioClock, SignerUnderTest, VerifierUnderTest } from './stream-sut';
import { HttpAnswer } from './http-probe';
import { MosMessage, buildMos } from '../../lib/mos/envelope';
import { XmlNode } from '../../lib/mos/xml';
import { repliesTo } from '../../lib/mos/catalogue';
import * as M from '../../lib/mos/messages';
import { SignRequest } from '../../simulators/signing-service';
import { ProbeConnection, ProbeOutcome, probe } from './probe';
import { runCertificate, suiteCertificate } from './tls-cache';
import type { TlsMaterial } from '../../lib/transport/tls';
import { CouldNotTest, NotApplicable, Verdict } from '../../suite/verdicts';
import { LiveWait, live, operatorDoneReason } from '../../suite/live';
import { TranscriptEntry } from '../../lib/transport/transcript';
import { CheckVerdict } from '../../lib/conformance/outcomes';
import { levelOf } from '../../lib/conformance/requirements';
import { findCredentialLeaks } from '../../lib/transport/credential-leak';
import type { ScenarioObservation } from '../../suite/run-wide-checks';
import { runMemory } from './run-memory';
import { RefusalCause, explainRefusalOfCorrectRequest, explainSuiteRefusal, explainTlsFailure } from './refusals';
import { ContentJudge } from '../../suite/content-check';

/** How the endpoint records a failed TLS handshake (lib/transport/endpoint.ts). */
const TLS_FAILED = 'TLS handshake failed: ';

/** First messageID of the suite's probes; its MOS peer starts at SUITE_FIRST_MESSAGE_ID + 100 000 000. */
export const SUITE_FIRST_MESSAGE_ID = 700_000_001;

export interface WorldParameters {
  config: SuiteConfig;
  role: SuiteRole;
}

export class MosWorld extends World<WorldParameters> {
  readonly config: SuiteConfig;
  readonly role: Role;
  readonly suiteRole: SuiteRole;
  readonly transcript = new Transcript();
  /** MOS content of what the system under test sent, each message judged once (content-check.ts). */
  readonly content = new ContentJudge();
  /** Stream security: the clock embedded servers read, the systems under test, the last exchange. */
  readonly clock = new ScenarioClock();
  verifier?: VerifierUnderTest;
  signer?: SignerUnderTest;
  signedUrl?: string;
  expiresAt?: number;
  answer?: HttpAnswer;
  /** Requests the suite sent across a drop, awaiting their replies. */
  pendingReplies: Array<Promise<MosMessage>> = [];
  /** roAck status per element action the suite sent (undefined: no answer). */
  acks: Array<{ op: string; status?: string }> = [];
  /** The last URL a signer under test was asked to sign. */
  signRequest?: { original: string; request: SignRequest; requestedAt: number };
  /** Requirement ids the running scenario is tagged with (@req:…). */
  requirements: string[] = [];
  /** A MOS scenario (@mos-ws): the checks of every MOS scenario apply. */
  isMosScenario = false;
  /** Judgements made without ending the scenario (SHOULD shortfalls, checks of every scenario). */
  readonly verdicts: CheckVerdict[] = [];
  /** Why the scenario does not apply to this system, when it does not. */
  notApplicableReason?: string;
  /** A step ended with an error (its verdict is in `verdicts`). */
  stepFailed = false;
  sut!: SystemUnderTest;
  /** The suite's own MOS peer, in the role opposite the system under test. */
  suite?: MosPeer;
  sutUrl?: string;
  suiteUrl?: string;
  outcome?: ProbeOutcome;
  probes: ProbeConnection[] = [];
  mark = 0;
  metrics: Record<string, number | string> = {};
  // The suite's own messageIDs come from a range of their own, so a reply is told apart from a
  // request the system under test originates with a colliding number.
  private messageID = SUITE_FIRST_MESSAGE_ID;

  constructor(options: IWorldOptions<WorldParameters>) {
    super(options);
    this.config = options.parameters.config;
    this.suiteRole = options.parameters.role;
    this.role = this.suiteRole === 'nrcs' ? 'nrcs' : 'device';
  }

  createSut(): void {
    this.sut = this.config.target ? new VendorSut(this.config, (s) => this.log(s)) : new EmbeddedSut(this.role, this.config, this.transcript);
    const c = this.sut.credentials;
    if (c) {
      this.transcript.addSecret(c.password);
      this.transcript.watchEcho('the password', c.password);
      this.transcript.watchEcho('the Basic token', basicAuthHeader(c).replace(/^Basic /, ''));
    }
  }

  get timing() {
    return this.config.timing;
  }

  nextMessageID(): number {
    return this.messageID++;
  }

  ids(): { mosID: string; ncsID: string } {
    return { mosID: this.sut.mosID, ncsID: this.sut.ncsID };
  }

  /** The URL a correct client would use for a channel of the system under test. */
  correctUrl(channel: Channel, extra: Record<string, string> = {}): string {
    const base = new URL(this.sutUrl!);
    for (const [k, v] of Object.entries(extra)) base.searchParams.append(k, v);
    return buildClientUrl({ baseUrl: base.toString(), ...this.ids(), channel, ncsIdParam: this.config.ncsIdParam });
  }

  correctHeaders(): Record<string, string> {
    return this.sut.credentials ? { Authorization: basicAuthHeader(this.sut.credentials) } : {};
  }

  /**
   * Send a request on a probe connection and wait for its reply (messageID and reply name). A reply
   * that comes back on another socket still answers the request: the socket is judged once, across
   * the run (MOSWS-TRANSPORT-2), or here when this scenario is about it.
   */
  async requestOver(conn: ProbeConnection, body: XmlNode): Promise<{ name: string; messageID?: number; text: string }> {
    const id = this.nextMessageID();
    const since = Date.now();
    const replies = repliesTo(body.name);
    conn.send(buildMos({ ...this.ids(), messageID: id, body }));
    const wait = this.timing.responseTimeoutMs;
    const reply = await this.waitingFor(`a ${replies.join('/')} reply to ${body.name} on the ${conn.channel} connection`, wait, () =>
      this.transcript.waitFor((e) => e.who === 'suite' && e.kind === 'mos' && e.direction === 'in' && e.messageID === id && replies.includes(e.message!), wait, `the reply to ${body.name}#${id}`, since).catch(() => undefined),
    );
    if (reply && reply.socket !== conn.id && this.requirements.includes('MOSWS-TRANSPORT-2')) {
      throw new Verdict('MOSWS-TRANSPORT-2', `the reply (${reply.message}) to ${body.name}#${id} sent on the ${conn.channel} connection came back on another socket (${reply.channel}${reply.passive ? ' passive' : ''})`);
    }
    if (reply) return { name: reply.message!, messageID: reply.messageID, text: reply.text };
    throw this.blocked('MOSWS-TRANSPORT-1', `no ${replies.join('/')} reply with messageID ${id} to ${body.name} on the ${conn.channel} connection within ${wait} ms${conn.closed ? ` (the system closed it with code ${conn.closed.code})` : ''}`);
  }

  /** The first configured credential found in a URL the system requested from the suite's endpoint. */
  credentialLeak(): string | undefined {
    const o = this.observation();
    if (!o.credentials) return undefined;
    for (const target of o.upgradeTargets) {
      const leaks = findCredentialLeaks(target, o.credentials, o.allowedValues);
      if (leaks.length) return `a connection request URL of the system carries ${leaks.map((l) => `${l.form} (${l.where})`).join(', ')}`;
    }
    return undefined;
  }

  /** Credentials the suite sends (wrong ones too) are never to come back in an answer (SEC-SECRET-1). */
  watchSentCredentials(headers: Record<string, string>): void {
    const auth = Object.entries(headers).find(([k]) => k.toLowerCase() === 'authorization')?.[1];
    const token = /^\s*\S+\s+(\S+)/.exec(auth ?? '')?.[1];
    if (!token) return;
    this.transcript.watchEcho('a Basic token the suite sent', token);
    const decoded = Buffer.from(token, 'base64').toString('utf8');
    // A password is watched when it is long enough not to occur in an answer by chance.
    const password = decoded.slice(decoded.indexOf(':') + 1);
    if (decoded.includes(':') && password.length >= 8 && Buffer.from(decoded, 'utf8').toString('base64').replace(/=+$/, '') === token.replace(/=+$/, '')) {
      this.transcript.watchEcho('a password the suite sent', password);
    }
  }

  /** What this scenario observed, for the checks judged across the run. */
  observation(scenario = ''): ScenarioObservation {
    const allowedValues = [...Object.values(this.config.suiteEndpoint.extraParams), this.sut.mosID, this.sut.ncsID, 'mom', 'ro', 'aux', 'true', 'false'];
    return { scenario, about: this.requirements, entries: this.transcript.entries, upgradeTargets: this.suite?.upgradeRequests.map((r) => r.target) ?? [], credentials: this.sut.credentials, allowedValues };
  }

  heartbeatOver(conn: ProbeConnection): Promise<unknown> {
    return this.requestOver(conn, M.heartbeat());
  }

  /** A wait the run is blocked on: announced live (what, for how long), then awaited. */
  async waitingFor<T>(what: string, timeoutMs: number, wait: () => Promise<T>): Promise<T> {
    const w = live.beginWait(what, timeoutMs);
    let ok = false;
    try {
      const r = await wait();
      ok = r !== undefined;
      return r;
    } finally {
      live.endWait(w, ok);
    }
  }

  async attempt(url: string, headers: Record<string, string>, channel: Channel): Promise<ProbeOutcome> {
    this.watchSentCredentials(headers);
    const outcome = await probe({ url, headers, trust: this.sut.trust, timeoutMs: this.timing.connectTimeoutMs, transcript: this.transcript, channel });
    if (outcome.kind === 'opened') this.probes.push(new ProbeConnection(outcome.ws, channel, this.transcript, this.ids()));
    this.outcome = outcome;
    return outcome;
  }

  /** What the suite waits for while a connecting system under test should open its connections. */
  connectingWhat(passive: boolean): string {
    const user = this.sut.credentials && !this.sut.embedded ? ` (user ${this.sut.credentials.username})` : '';
    const url = this.sut.embedded ? this.suiteUrl : advertisedUrl(this.suiteUrl!, this.config.suiteEndpoint.host);
    return `the ${this.role} under test to connect to ${url}${user}${passive ? ' in passive mode' : ''}`;
  }

  /** Start the suite's endpoint, which a connecting system under test is configured with. */
  async startSuiteEndpoint(tls = this.config.suiteEndpoint.tls, selfSigned = false, material?: TlsMaterial, tlsLimits?: ListenOptions['tlsLimits']): Promise<string> {
    const ep = this.config.suiteEndpoint;
    await this.startSuitePeer({ listen: { host: ep.host, port: ep.port, path: ep.path, tls: tls ? (material ?? (selfSigned ? await runCertificate() : await suiteCertificate(ep, this.verifyingVendor()))) : undefined, auth: this.sut.credentials, ...(tlsLimits ? { tlsLimits } : {}) } });
    this.suiteUrl = withExtraQuery(this.suite!.endpoint!.url, ep.extraParams);
    return this.suiteUrl;
  }

  /** A vendor system that verifies certificates: configured for this run to trust the test CA only. */
  verifyingVendor(): boolean {
    return !this.sut.embedded && this.sut.capabilities.includes('verifies-certificates');
  }

  /** Connect the suite to a listening system under test as the active side of passive mode (mom and ro unless told). */
  async connectSuitePassive(channels?: Channel[]): Promise<void> {
    // A listener declared for passive sockets only is sent no normal socket it would refuse.
    const layout = servesPassiveSocketsOnly(this.sut) ? { passiveLayout: 'passive-only' as const } : {};
    await this.startSuitePeer({ connect: { url: this.sutUrl!, auth: this.sut.credentials, passive: true, trust: this.sut.trust, handshakeTimeoutMs: this.timing.connectTimeoutMs, ncsIdParam: this.config.ncsIdParam, channels }, ...layout });
  }

  /** The suite's own peer, in the role opposite the system under test; it sends no keepAlive of its own. */
  private async startSuitePeer(how: Pick<PeerOptions, 'listen' | 'connect' | 'passiveLayout'>): Promise<void> {
    const opts = { ...this.ids(), who: 'suite', transcript: this.transcript, keepAlive: { intervalMs: 60_000, mode: 'off' as const }, requestTimeoutMs: this.timing.responseTimeoutMs, firstMessageID: SUITE_FIRST_MESSAGE_ID + 100_000_000, ...how };
    this.suite = this.role === 'device' ? new NrcsSimulator(opts) : new DeviceSimulator(opts);
    await this.suite.start();
  }

  /**
   * Resolves when pred holds, polling the state; throws the message of `fail()` after timeoutMs.
   * The wait is announced live as "waiting for <what>"; after an operator prompt it is the wait
   * for the operator's action (Enter shortens it to the grace period, s ends it as Not applicable).
   */
  async until(pred: () => boolean, timeoutMs: number, fail: () => Error, what = `the ${this.suiteRole} under test`): Promise<void> {
    const wait = live.beginWait(what, timeoutMs, this.timing.operatorGraceMs);
    let ok = false;
    try {
      while (!pred()) {
        if (live.notPossible(wait)) throw new NotApplicable('operator: not possible');
        if (Date.now() >= wait.deadline) throw this.afterOperatorDone(fail(), wait);
        await new Promise((r) => setTimeout(r, 10));
      }
      ok = true;
    } finally {
      live.endWait(wait, ok);
    }
  }

  /** A wait the operator cut short with Enter says so in its verdict (its timeout was not the one it names). */
  private afterOperatorDone(e: Error, wait: LiveWait): Error {
    if (!wait.operator || live.prompt?.answer !== 'done') return e;
    const reword = (reason: string): string => operatorDoneReason(reason, Date.now() - wait.startedAt, wait.graceMs);
    if (e instanceof Verdict) return new Verdict(e.requirement, reword(e.reason));
    if (e instanceof CouldNotTest) return new CouldNotTest(e.requirement, reword(e.reason));
    return e;
  }

  /** The first transcript entry at or after `since` that matches; `fail()` after timeoutMs (announced like until). */
  async untilEntry(pred: (e: TranscriptEntry) => boolean, timeoutMs: number, fail: () => Error, what: string, since = 0): Promise<TranscriptEntry> {
    let hit: TranscriptEntry | undefined;
    let from = 0;
    await this.until(() => {
      const entries = this.transcript.entries;
      // Only entries added since the last look are new (the list is trimmed only past 100 000).
      for (let i = Math.min(from, entries.length); i < entries.length && !hit; i++) if (entries[i]!.t >= since && pred(entries[i]!)) hit = entries[i];
      from = entries.length;
      return hit !== undefined;
    }, timeoutMs, fail, what);
    return hit!;
  }

  /** Wait a fixed time, announced live when it is long enough to notice. */
  async pause(ms: number, what: string): Promise<void> {
    const wait = live.beginWait(what, ms);
    try {
      await new Promise((r) => setTimeout(r, ms));
    } finally {
      live.endWait(wait, true);
    }
  }

  /** The first refusal of the system's requests by the suite's endpoint, explained; or a TLS failure. */
  refusalCause(): RefusalCause | undefined {
    const refused = this.suite?.upgradeRequests.find((r) => r.status !== 101);
    if (refused) return explainSuiteRefusal(refused);
    const tls = this.tlsFailures()[0];
    return tls ? explainTlsFailure(tls) : undefined;
  }

  /** Frames of the system the suite's endpoint refused (ws names an unmasked frame, reserved bits or opcodes so). */
  frameErrors(): string[] {
    return this.transcript.entries.filter((e) => e.who === 'suite' && e.kind === 'error' && /^Invalid WebSocket frame/i.test(e.text)).map((e) => e.text);
  }

  /** TLS handshakes of the system with the suite's endpoint that failed, as the endpoint said why. */
  tlsFailures(): string[] {
    return this.transcript.entries.filter((e) => e.who === 'suite' && e.kind === 'error' && e.text.startsWith(TLS_FAILED)).map((e) => e.text.slice(TLS_FAILED.length));
  }

  /** The system refused a request the suite built correctly: the verdict or "could not test" it stands for. */
  refusedCorrectRequest(status: number, body: string, what: string): Verdict | CouldNotTest {
    const c = explainRefusalOfCorrectRequest(status, body, { what, user: this.sut.credentials?.username, ncsIdParam: this.config.ncsIdParam });
    return c.requirement ? this.blocked(c.requirement, c.message) : new CouldNotTest(undefined, c.message);
  }

  /**
   * A precondition failed because of `requirement`: a verdict on it when this scenario checks that
   * requirement, otherwise "could not test" naming it (one defect, one failed requirement).
   */
  blocked(requirement: string, message: string): Verdict | CouldNotTest {
    const judgedHere = this.requirements.includes(requirement);
    return judgedHere ? new Verdict(requirement, message) : new CouldNotTest(requirement, message);
  }

  /**
   * A probe connection that could not be opened: a handshake the system answered against RFC 6455
   * (SEC-WS-1) or a TLS handshake below TLS 1.2 (SEC-TLS-2) is its defect, judged by its own
   * scenario, elsewhere "could not test" naming it; anything else a precondition.
   */
  probeFailure(o: { reason: string; defect?: string }): Verdict | CouldNotTest {
    if (!o.defect) return new CouldNotTest(undefined, o.reason);
    return this.blocked(o.defect, `${o.defect === 'SEC-TLS-2' ? 'the TLS handshake failed: the system accepts neither TLS 1.2 nor TLS 1.3' : 'the WebSocket opening handshake failed'}: ${o.reason}`);
  }

  /** Record a SHOULD shortfall and carry on: the scenario becomes a warning unless something fails. */
  warn(requirement: string, message: string): void {
    if (levelOf(requirement) !== 'SHOULD') throw new Error(`suite defect: warn() on ${requirement}, a MUST requirement`);
    this.verdicts.push({ requirement, outcome: 'WARNING', message });
    this.log(`WARNING [${requirement}] ${message}`);
  }

  /** The scenario does not apply; the step returns what this returns. */
  notApplicable(reason: string): 'skipped' {
    this.notApplicableReason = reason;
    this.log(`NOT APPLICABLE: ${reason}`);
    return 'skipped';
  }

  /** What this scenario saw of a vendor's connections, for the scenarios after it (run-memory.ts). */
  rememberConnections(): void {
    if (!this.suite || !this.sut || this.sut.embedded) return;
    const memory = runMemory(this.role);
    const opened = (ch: string, passiveOnly: boolean): boolean => this.suite!.accepted.some((a) => a.params.channel === ch && (a.params.passive || !passiveOnly));
    if (opened('mom', true) && opened('ro', true)) memory.passiveOpenedAt = Date.now();
    if (opened('mom', false) && opened('ro', false)) memory.connectedAt = Date.now();
  }

  async cleanup(): Promise<void> {
    this.rememberConnections();
    await this.verifier?.stop();
    await this.signer?.stop();
    for (const p of this.probes) p.close();
    await this.suite?.stop();
    await this.sut?.stop();
  }
}
