// What the reference simulators do when asked to act as an operator would make a real system act:
// originate a message, edit a running order's stories, publish an object. The embedded system
// under test and the simulators' control endpoint (simulate device|nrcs --control) share this.
import http from 'node:http';
import { DeviceSimulator } from './device';
import { NrcsSimulator } from './nrcs';
import { MosPeer } from './mos-peer';
import { Origination, originate } from './originations';

/** An action, in the shape of the suite's operator actions (suite/operator-action.ts, MOSWS_ACTION). */
export type SimulatorAction =
  | ({ kind: 'originate'; count?: number } & Origination)
  | { kind: 'story-operations'; roID: string }
  | { kind: 'publish-object'; objID: string };

/** The action does not exist for this simulator's role (an operator would answer "not possible"). */
export class ActionNotPossible extends Error {}

/** Start the action (replies are not awaited: the suite judges what arrives). */
export function performAction(peer: MosPeer, action: SimulatorAction, timeoutMs: number): void {
  const settle = (p: Promise<unknown>): void => void p.catch(() => undefined);
  switch (action.kind) {
    case 'originate':
      for (let i = 0; i < (action.count ?? 1); i++) {
        if (action.message === 'mosObj' && peer instanceof DeviceSimulator) {
          settle(peer.publishObject(peer.objects.get(action.objID ?? '') ?? { objID: action.objID ?? 'OBJ-X', objSlug: 'conformance clip', objType: 'VIDEO', objDur: 250 }, timeoutMs));
          continue;
        }
        const { channel, body } = originate(peer, action);
        settle(peer.request(channel, body, timeoutMs));
      }
      return;
    case 'story-operations':
      if (!(peer instanceof NrcsSimulator)) throw new ActionNotPossible('story operations are an NRCS action');
      settle(peer.storyOperations(action.roID, timeoutMs));
      return;
    case 'publish-object':
      if (!(peer instanceof DeviceSimulator)) throw new ActionNotPossible('publishing objects is a device action');
      settle(peer.publishObject({ objID: action.objID, objSlug: 'conformance clip', objType: 'VIDEO', objDur: 250 }, timeoutMs));
      return;
  }
}

/**
 * The simulator's control endpoint: POST /action with an action as JSON (what the suite puts in
 * MOSWS_ACTION). 200 done, 422 not possible for this role, 400 not an action.
 */
export class ControlServer {
  private server?: http.Server;
  constructor(private readonly peer: MosPeer, private readonly timeoutMs: number, private readonly log: (line: string) => void = () => undefined) {}

  async start(host = '127.0.0.1', port = 0): Promise<string> {
    this.server = http.createServer((req, res) => {
      const answer = (status: number, text: string): void => {
        res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(`${text}\n`);
      };
      if (req.method !== 'POST' || req.url !== '/action') return answer(404, 'POST /action with the action as JSON');
      let body = '';
      req.on('data', (c: Buffer) => (body += body.length < 65_536 ? c.toString('utf8') : ''));
      req.on('end', () => {
        let action: SimulatorAction;
        try {
          action = JSON.parse(body) as SimulatorAction;
          if (!action || typeof action !== 'object' || !['originate', 'story-operations', 'publish-object'].includes(action.kind)) throw new Error('no known kind');
        } catch (e) {
          return answer(400, `not an action: ${(e as Error).message}`);
        }
        try {
          performAction(this.peer, action, this.timeoutMs);
          this.log(`control: ${body}`);
          answer(200, 'done');
        } catch (e) {
          if (e instanceof ActionNotPossible) return answer(422, e.message);
          answer(400, `cannot do that: ${(e as Error).message.split('\n')[0]}`);
        }
      });
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, () => resolve());
    });
    const a = this.server.address() as { port: number };
    return `http://${host.includes(':') ? `[${host}]` : host}:${a.port}/action`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
