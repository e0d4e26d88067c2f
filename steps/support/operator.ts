// Operator actions on a vendor system: a person prompted at the console, or a command that does it
// (CI). The command gets the action as JSON in MOSWS_ACTION and the sentence in MOSWS_INSTRUCTION;
// its exit status says done (0), not possible (3) or anything else (could not test).
import { spawn } from 'node:child_process';
import type { SutAction } from './sut';
import { CouldNotTest, NotApplicable } from './verdicts';
import { live } from './live';

/** The action in the operator's words. */
export function describeAction(a: SutAction): string {
  switch (a.kind) {
    case 'originate':
      return `send ${a.message} for running order ${a.roID}${a.count ? ` ${a.count} times` : ''}`;
    case 'story-operations':
      return `insert, move, replace and delete a story in running order ${a.roID}`;
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
  switch (a.kind) {
    case 'originate':
      return JSON.stringify({ kind: a.kind, message: a.message, roID: a.roID, count: a.count ?? 1 });
    case 'story-operations':
      return JSON.stringify({ kind: a.kind, roID: a.roID });
    case 'publish-object':
      return JSON.stringify({ kind: a.kind, objID: a.objID });
  }
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
