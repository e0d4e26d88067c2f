// Operator actions on a vendor system: a person prompted at the console, or a command that does it
// (CI). The command gets the action as JSON in MOSWS_ACTION and the sentence in MOSWS_INSTRUCTION;
// its exit status says done (0), not possible (3) or anything else (could not test).
import { spawn } from 'node:child_process';
import type { SutAction } from './operator-action';
import type { OriginatedMessage, Origination } from '../simulators/originations';
import type * as M from '../lib/mos/messages';
import { CouldNotTest, NotApplicable } from './verdicts';
import { live } from './live';

/** A running order the operator can find: the one named, or any. */
const runningOrder = (roID: string | undefined): string => (roID ? `running order ${roID}` : 'any running order');

/** The operator's instruction for each message the system may be asked to originate. */
const ORIGINATE_TEXT: Readonly<Record<OriginatedMessage, (a: Origination) => string>> = {
  mosObj: (a) => `publish ${a.objID ? `MOS object ${a.objID}` : 'any MOS object'} (mosObj)`,
  mosReqObj: (a) => `request ${a.objID ? `MOS object ${a.objID}` : 'any MOS object'} from the device (mosReqObj)`,
  mosReqAll: () => 'ask the device for all its MOS objects, as one list (mosReqAll with pause 0)',
  roReq: (a) => `send roReq for ${runningOrder(a.roID)}`,
  roCreate: (a) => `send roCreate for ${runningOrder(a.roID)}: a rundown of at least three stories, the first two with at least two items each for this device`,
  roReplace: (a) => `replace ${runningOrder(a.roID)} as a whole (roReplace)`,
  roMetadataReplace: (a) => `change the slug or timing of ${runningOrder(a.roID)} (roMetadataReplace)`,
  roDelete: (a) => `delete ${runningOrder(a.roID)} (roDelete)`,
  roReadyToAir: (a) => `mark ${runningOrder(a.roID)} ready to air (roReadyToAir)`,
  roElementAction: (a) => `${ELEMENT_ACTION_TEXT[a.operation ?? 'INSERT'][a.form ?? 'stories']} in ${runningOrder(a.roID)} (roElementAction ${a.operation} of ${a.form})`,
  roElementStat: (a) => `report the status of ${a.element === 'STORY' ? 'a story of ' : a.element === 'ITEM' ? 'an item of ' : ''}${runningOrder(a.roID)} (roElementStat element ${a.element ?? 'RO'})`,
  mosObjCreate: () => 'ask the device to create a new object (mosObjCreate)',
  mosReqObjAction: () => 'ask the device to create a new object (mosReqObjAction NEW)',
  mosItemReplace: (a) => `replace an item of ${runningOrder(a.roID)} with an updated one (mosItemReplace)`,
  mosReqSearchableSchema: () => "ask the device for its searchable schema (mosReqSearchableSchema)",
  mosReqObjList: () => "search the device's objects (mosReqObjList)",
  roReqAll: () => 'ask the newsroom for all its running orders (roReqAll)',
  roStorySend: (a) => `send the text of a story of ${runningOrder(a.roID)} (roStorySend)`,
};

const ELEMENT_ACTION_TEXT: Readonly<Record<M.ElementOperation, Record<'stories' | 'items', string>>> = {
  INSERT: { stories: 'insert a new story before another', items: 'insert a new item before another item of a story' },
  REPLACE: { stories: 'replace a story', items: 'replace an item of a story' },
  MOVE: { stories: 'move a story before another', items: 'move an item of a story before another item' },
  DELETE: { stories: 'delete a story', items: 'delete an item of a story' },
  SWAP: { stories: 'swap two stories', items: 'swap two items of a story' },
};

/** The action in the operator's words. */
export function describeAction(a: SutAction): string {
  switch (a.kind) {
    case 'originate':
      return `${ORIGINATE_TEXT[a.message](a)}${a.count && a.count > 1 ? `, ${a.count} times` : ''}`;
    case 'story-operations':
      return `insert, move, replace and delete a story in ${runningOrder(a.roID)}`;
    case 'publish-object':
      return `publish MOS object ${a.objID} (mosObj)`;
  }
}

/** Exit status of an operator command that says the action is not possible on this system. */
export const OPERATOR_NOT_POSSIBLE_EXIT = 3;

/**
 * The action as MOSWS_ACTION carries it: a stable key order, and count always given for
 * "originate" (test systems driven by a control endpoint parse exactly this).
 */
export function actionJson(a: SutAction): string {
  const { kind, ...rest } = a as SutAction & { message?: string; count?: number };
  if (kind !== 'originate') return JSON.stringify({ kind, ...rest });
  const { message, count, ...about } = rest;
  return JSON.stringify({ kind, message, ...about, count: count ?? 1 });
}

export function instructionFor(role: string, a: SutAction): string {
  return `on the ${role} under test, ${describeAction(a)} now`;
}

/** Show the prompt; the steps' following waits are the wait for its effect (Enter / s answer them). */
export function promptOperator(role: string, action: SutAction): string {
  const instruction = instructionFor(role, action);
  live.operatorPrompt({ role, action, instruction });
  return instruction;
}

/** Run the operator command for one action; resolves when it reports done, throws otherwise. */
export function runOperatorCommand(command: string, role: string, action: SutAction, timeoutMs: number): Promise<void> {
  const instruction = instructionFor(role, action);
  live.instruction(`operator command: ${instruction}`);
  return new Promise((resolve, reject) => {
    // Its own process group, so a timeout ends the shell and whatever it started.
    const child = spawn(command, { shell: true, detached: true, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, MOSWS_ACTION: actionJson(action), MOSWS_INSTRUCTION: instruction } });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => {
      if (stderr.length < 4096) stderr += d.toString();
    });
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
      reject(new CouldNotTest(undefined, `the operator command did not finish within ${timeoutMs} ms (${instruction})`));
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new CouldNotTest(undefined, `the operator command could not be started: ${e.message}`));
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const said = stderr.trim().split('\n')[0] ?? '';
      if (code === 0) return resolve();
      if (code === OPERATOR_NOT_POSSIBLE_EXIT) return reject(new NotApplicable(`operator: not possible${said ? ` — ${said}` : ''}`));
      reject(new CouldNotTest(undefined, `the operator command exited with ${code ?? signal}${said ? `: ${said}` : ''} (${instruction})`));
    });
  });
}
