// The MOS device simulator: answers the NRCS, requests running orders, publishes objects.
import * as M from '../lib/mos/messages';
import { MosMessage } from '../lib/mos/envelope';
import { MosPeer, PeerOptions } from './mos-peer';

export class DeviceSimulator extends MosPeer {
  constructor(opts: Omit<PeerOptions, 'role'>) {
    super({ ...opts, role: 'device' });
  }

  /** roReq on the ro channel; resolves with the NRCS's roList (or roAck). */
  requestRunningOrder(roID: string, timeoutMs?: number): Promise<MosMessage> {
    return this.request('ro', M.roReq(roID), timeoutMs);
  }

  /** mosObj on the mom channel; resolves with the NRCS's mosAck. */
  publishObject(obj: M.MosObject, timeoutMs?: number): Promise<MosMessage> {
    return this.request('mom', M.mosObj(obj), timeoutMs);
  }
}
