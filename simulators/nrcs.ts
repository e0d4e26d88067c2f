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

  /** Insert, move, replace and delete a story: a 2.x system would have used roStory* messages. */
  async storyOperations(roID: string, timeoutMs?: number): Promise<MosMessage[]> {
    const story: M.Story = { storyID: 'S-NEW', storySlug: 'Breaking', items: [] };
    const replies: MosMessage[] = [];
    for (const body of this.storyOperationMessages(roID, story)) replies.push(await this.request('ro', body, timeoutMs));
    return replies;
  }

  protected storyOperationMessages(roID: string, story: M.Story) {
    if (this.faults.has('sends-deprecated')) {
      return [{ name: 'roStoryInsert', children: [{ name: 'roID', text: roID }, { name: 'storyID', text: 'S2' }, { name: 'story', children: [{ name: 'storyID', text: story.storyID }, { name: 'storySlug', text: story.storySlug }] }] }];
    }
    return [
      M.roElementAction(roID, 'INSERT', { storyID: 'S2' }, { stories: [story] }),
      M.roElementAction(roID, 'MOVE', { storyID: 'S1' }, { storyIDs: [story.storyID] }),
      M.roElementAction(roID, 'REPLACE', { storyID: story.storyID }, { stories: [{ ...story, storySlug: 'Breaking (update)' }] }),
      M.roElementAction(roID, 'DELETE', {}, { storyIDs: [story.storyID] }),
    ];
  }
}
