// The NRCS simulator: owns running orders, sends them to the device, answers roReq.
import * as M from '../lib/mos/messages';
import { MosMessage } from '../lib/mos/envelope';
import { MosPeer, PeerOptions } from './mos-peer';

export const SAMPLE_RUNNING_ORDER: M.RunningOrder = {
  roID: 'RO-1',
  roSlug: 'Evening news',
  stories: [
    { storyID: 'S1', storySlug: 'Opening', items: [{ itemID: 'I1', objID: 'OBJ-1', mosID: 'DEVICE.MOS' }] },
    { storyID: 'S2', storySlug: 'Weather', items: [] },
  ],
};

export class NrcsSimulator extends MosPeer {
  constructor(opts: Omit<PeerOptions, 'role'>) {
    super({ runningOrders: [SAMPLE_RUNNING_ORDER], ...opts, role: 'nrcs' });
  }

  createRunningOrder(ro: M.RunningOrder, timeoutMs?: number): Promise<MosMessage> {
    this.runningOrders.set(ro.roID, ro);
    return this.request('ro', M.roCreate(ro), timeoutMs);
  }

  /** Story insert/move/delete the MOS 2.8 way: roElementAction. */
  elementAction(roID: string, op: M.ElementOperation, target: { storyID?: string; itemID?: string }, source: { storyIDs?: string[]; stories?: M.Story[] }, timeoutMs?: number): Promise<MosMessage> {
    return this.request('ro', M.roElementAction(roID, op, target, source), timeoutMs);
  }
}
