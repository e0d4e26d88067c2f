// The system under test: an embedded simulator by default, or a vendor's real endpoint.
// Scenarios talk to it only through this interface, so both are judged by the same steps.
import fs from 'node:fs';
import { DeviceSimulator, SignedMedia } from '../../simulators/device';
import { NrcsSimulator } from '../../simulators/nrcs';
import { OriginatedMessage, Origination, originate } from '../../simulators/originations';
import { MosPeer, Role } from '../../simulators/mos-peer';
import * as M from '../../lib/mos/messages';
import { FaultName, faultsFor, parseFaults } from '../../simulators/faults';
import { Credentials } from '../../lib/transport/basic-auth';
import { ClientTrust } from '../../lib/transport/tls';
import { Transcript } from '../../lib/transport/transcript';
import { Capability, EMBEDDED_CREDS, EMBEDDED_IDS, SuiteConfig } from './config';
import { runCertificate } from './tls-cache';

/**
 * What an operator is asked to make the system do. Passed as JSON to vendors' automation, e.g.
 * {"kind":"originate","message":"roElementAction","roID":"RO-P2","operation":"MOVE","form":"items"}.
 * `originate` names the MOS message and what it is about (simulators/originations.ts builds the
 * embedded system's): roID, objID, for roElementAction operation and form (stories or items), for
 * roElementStat element (RO, STORY or ITEM), and count for repeated sends.
 */
export type SutAction =
  | ({ kind: 'originate'; count?: number } & Origination)
  | { kind: 'story-operations'; roID: string }
  | { kind: 'publish-object'; objID: string };

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
  /** Have the system originate something; 'unavailable' when nobody can trigger it. */
  perform(action: SutAction, timeoutMs: number): Promise<'done' | 'unavailable'>;
  stop(): Promise<void>;
}

/** The operator's instruction for each message the system may be asked to originate. */
const ORIGINATE_TEXT: Readonly<Record<OriginatedMessage, (a: Origination) => string>> = {
  mosObj: (a) => `publish MOS object ${a.objID} (mosObj)`,
  mosReqObj: (a) => `request MOS object ${a.objID} from the device (mosReqObj)`,
  mosReqAll: () => 'ask the device for all its MOS objects, as one list (mosReqAll with pause 0)',
  roReq: (a) => `send roReq for running order ${a.roID}`,
  roCreate: (a) => `send roCreate for running order ${a.roID}: a rundown of at least three stories, the first two with at least two items each for this device`,
  roReplace: (a) => `replace running order ${a.roID} as a whole (roReplace)`,
  roMetadataReplace: (a) => `change the slug or timing of running order ${a.roID} (roMetadataReplace)`,
  roDelete: (a) => `delete running order ${a.roID} (roDelete)`,
  roReadyToAir: (a) => `mark running order ${a.roID} ready to air (roReadyToAir)`,
  roElementAction: (a) => `${ELEMENT_ACTION_TEXT[a.operation ?? 'INSERT'][a.form ?? 'stories']} in running order ${a.roID} (roElementAction ${a.operation} of ${a.form})`,
  roElementStat: (a) => `report the status of ${a.element === 'RO' ? 'running order' : a.element === 'STORY' ? 'a story of running order' : 'an item of running order'} ${a.roID} (roElementStat element ${a.element})`,
  mosObjCreate: () => 'ask the device to create a new object (mosObjCreate)',
  mosReqObjAction: () => 'ask the device to create a new object (mosReqObjAction NEW)',
  mosItemReplace: (a) => `replace an item of running order ${a.roID} with an updated one (mosItemReplace)`,
  mosReqSearchableSchema: () => "ask the device for its searchable schema (mosReqSearchableSchema)",
  mosReqObjList: () => "search the device's objects (mosReqObjList)",
  roReqAll: () => 'ask the newsroom for all its running orders (roReqAll)',
  roStorySend: (a) => `send the text of a story of running order ${a.roID} (roStorySend)`,
};

const ELEMENT_ACTION_TEXT: Readonly<Record<M.ElementOperation, Record<'stories' | 'items', string>>> = {
  INSERT: { stories: 'insert a new story before another', items: 'insert a new item before another item of a story' },
  REPLACE: { stories: 'replace a story', items: 'replace an item of a story' },
  MOVE: { stories: 'move a story before another', items: 'move an item of a story before another item' },
  DELETE: { stories: 'delete a story', items: 'delete an item of a story' },
  SWAP: { stories: 'swap two stories', items: 'swap two items of a story' },
};

export function describeAction(a: SutAction): string {
  switch (a.kind) {
    case 'originate':
      return `${ORIGINATE_TEXT[a.message](a)}${a.count ? `, ${a.count} times` : ''}`;
    case 'story-operations':
      return `insert, move, replace and delete a story in running order ${a.roID}`;
    case 'publish-object':
      return `publish MOS object ${a.objID} (mosObj)`;
  }
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
      listen: listen ? { path: '/mos', tls, auth: EMBEDDED_CREDS } : undefined,
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
    const settle = (p: Promise<unknown>): void => void p.catch(() => undefined);
    switch (action.kind) {
      case 'originate':
        if (this.faults.includes('ignores-operator')) break;
        for (let i = 0; i < (action.count ?? 1); i++) {
          if (action.message === 'mosObj' && peer instanceof DeviceSimulator) {
            settle(peer.publishObject(peer.objects.get(action.objID ?? '') ?? { objID: action.objID ?? 'OBJ-X', objSlug: 'conformance clip', objType: 'VIDEO', objDur: 250 }, timeoutMs));
            continue;
          }
          const { channel, body } = originate(peer, action);
          settle(peer.request(channel, body, timeoutMs));
        }
        break;
      case 'story-operations':
        if (!(peer instanceof NrcsSimulator)) throw new Error('story operations are an NRCS action');
        settle(peer.storyOperations(action.roID, timeoutMs));
        break;
      case 'publish-object':
        if (!(peer instanceof DeviceSimulator)) throw new Error('publishing objects is a device action');
        settle(peer.publishObject({ objID: action.objID, objSlug: 'conformance clip', objType: 'VIDEO', objDur: 250 }, timeoutMs));
        break;
    }
    return 'done';
  }

  async stop(): Promise<void> {
    await this.peer?.stop();
  }
}

/** A vendor's system: reached over the network; actions need an operator. */
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
    this.log(`waiting for the ${this.role} under test to connect to ${suiteUrl}${passive ? ' in passive mode (passive=true)' : ''}`);
  }
  async perform(action: SutAction): Promise<'done' | 'unavailable'> {
    if (!this.t.operator) return 'unavailable';
    this.log(`OPERATOR: on the ${this.role} under test, please ${describeAction(action)} now`);
    return 'done';
  }
  async stop(): Promise<void> {}
}

