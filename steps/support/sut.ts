// The system under test: an embedded simulator by default, or a vendor's real endpoint.
// Scenarios talk to it only through this interface, so both are judged by the same steps.
import fs from 'node:fs';
import { DeviceSimulator, SignedMedia } from '../../simulators/device';
import { NrcsSimulator } from '../../simulators/nrcs';
import { performAction } from '../../simulators/actions';
import type { SutAction } from '../../suite/operator-action';
import { MosPeer, Role } from '../../simulators/mos-peer';
import { FaultName, faultsFor, parseFaults } from '../../simulators/faults';
import { Credentials } from '../../lib/transport/basic-auth';
import { ClientTrust } from '../../lib/transport/tls';
import { Transcript } from '../../lib/transport/transcript';
import { Capability, EMBEDDED_CREDS, EMBEDDED_IDS, SuiteConfig, advertisedUrl } from '../../suite/config';
import { runCertificate } from './tls-cache';
import { describeAction, promptOperator, runOperatorCommand } from '../../suite/operator';
import { live } from '../../suite/live';


export interface SystemUnderTest {
  readonly role: Role;
  readonly embedded: boolean;
  readonly mosID: string;
  readonly ncsID: string;
  readonly credentials?: Credentials;
  /** Trust the suite applies to the system's certificate. */
  readonly trust: ClientTrust;
  readonly capabilities: readonly Capability[];
  /** Make sure the system listens; returns its endpoint URL. */
  listen(): Promise<string>;
  /** Make the system connect to the suite's endpoint (a vendor system is configured to already). */
  connectTo(suiteUrl: string, passive: boolean): Promise<void>;
  /**
   * Have the system originate something; 'unavailable' when nobody can trigger it. Throws
   * NotApplicable when the operator says it is not possible, CouldNotTest when the operator command fails.
   */
  perform(action: SutAction, timeoutMs: number): Promise<'done' | 'unavailable'>;
  stop(): Promise<void>;
}


/** The embedded reference simulator in the role under test. */
export class EmbeddedSut implements SystemUnderTest {
  readonly embedded = true;
  readonly mosID = EMBEDDED_IDS.mosID;
  readonly ncsID = EMBEDDED_IDS.ncsID;
  readonly credentials = EMBEDDED_CREDS;
  readonly trust: ClientTrust = { allowUntrusted: true };
  readonly capabilities: readonly Capability[] = ['listens', 'connects', 'passive-active', 'passive-listener'];
  peer?: MosPeer;
  /** Signed proxy URLs for published objects (set by signed-media scenarios). */
  media?: SignedMedia;
  private readonly faults: FaultName[];

  constructor(readonly role: Role, private readonly config: SuiteConfig, private readonly transcript: Transcript) {
    this.faults = faultsFor(parseFaults(config.faults.join(',')), 'mos');
  }

  private async ensurePeer(listen: boolean): Promise<MosPeer> {
    if (this.peer) return this.peer;
    const tls = await runCertificate();
    const opts = {
      ...EMBEDDED_IDS,
      who: 'sut',
      transcript: this.transcript,
      faults: this.faults,
      keepAlive: { intervalMs: this.config.timing.keepAliveIntervalMs, mode: 'interval' as const },
      requestTimeoutMs: this.config.timing.responseTimeoutMs,
      listen: listen ? { path: '/mos', tls: this.faults.includes('listens-plain-ws') ? undefined : tls, auth: EMBEDDED_CREDS } : undefined,
    };
    this.peer = this.role === 'device' ? new DeviceSimulator({ ...opts, media: this.media }) : new NrcsSimulator(opts);
    await this.peer.start();
    return this.peer;
  }

  async listen(): Promise<string> {
    const peer = await this.ensurePeer(true);
    if (!peer.endpoint) throw new Error('embedded system was started without an endpoint');
    return peer.endpoint.url;
  }

  async connectTo(suiteUrl: string, passive: boolean): Promise<void> {
    const peer = await this.ensurePeer(false);
    peer.connect({ url: suiteUrl, auth: EMBEDDED_CREDS, passive, trust: { allowUntrusted: true }, handshakeTimeoutMs: this.config.timing.connectTimeoutMs });
  }

  async perform(action: SutAction, timeoutMs: number): Promise<'done'> {
    const peer = this.peer;
    if (!peer) throw new Error('the embedded system is not running');
    if (action.kind === 'originate' && this.faults.includes('ignores-operator')) return 'done';
    performAction(peer, action, timeoutMs);
    return 'done';
  }

  async stop(): Promise<void> {
    await this.peer?.stop();
  }
}

/** A vendor's system: reached over the network; actions need an operator (a person or a command). */
export class VendorSut implements SystemUnderTest {
  readonly embedded = false;
  constructor(private readonly config: SuiteConfig, private readonly log: (s: string) => void) {}
  private get t() {
    return this.config.target!;
  }
  get role(): Role {
    return this.t.role;
  }
  get mosID(): string {
    return this.t.mosID;
  }
  get ncsID(): string {
    return this.t.ncsID;
  }
  get credentials(): Credentials | undefined {
    return this.t.username !== undefined ? { username: this.t.username, password: this.t.password ?? '' } : undefined;
  }
  get trust(): ClientTrust {
    return { allowUntrusted: this.t.allowUntrusted ?? false, ca: this.t.caFile ? fs.readFileSync(this.t.caFile, 'utf8') : undefined };
  }
  get capabilities(): readonly Capability[] {
    return this.t.capabilities;
  }
  async listen(): Promise<string> {
    if (!this.t.url) throw new Error('target.url is not configured, so the system cannot be reached');
    return this.t.url;
  }
  async connectTo(suiteUrl: string, passive: boolean): Promise<void> {
    const url = advertisedUrl(suiteUrl, this.config.suiteEndpoint.host);
    const text = `the ${this.role} under test connects to ${url}${this.t.username ? ` (user ${this.t.username})` : ''}${passive ? ' in passive mode (passive=true)' : ''}`;
    this.log(`waiting until ${text}`);
    live.instruction(`the ${this.role} under test should now connect to ${url}${this.t.username ? ` (user ${this.t.username})` : ''}`, true);
  }
  async perform(action: SutAction): Promise<'done' | 'unavailable'> {
    if (!this.t.operator) return 'unavailable';
    if (this.t.operatorCommand) {
      await runOperatorCommand(this.t.operatorCommand, this.role, action, this.config.timing.operatorMs);
      this.log(`operator command done: ${describeAction(action)}`);
      return 'done';
    }
    this.log(`OPERATOR: ${promptOperator(this.role, action)}`);
    return 'done';
  }
  async stop(): Promise<void> {}
}

