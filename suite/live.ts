// Live events from the running scenarios to whoever shows them (the console): what the suite is
// waiting for and until when, instructions for the people at the system under test, operator
// prompts, and the operator's answers coming back. One channel per process: the World announces,
// the console listens; without a listener nothing is shown (embedded tests, --quiet).
import { EventEmitter } from 'node:events';
import type { SutAction } from './operator-action';

/** The operator's answer to a prompt: Enter ("done") or s ("not possible"). */
export type OperatorAnswer = 'done' | 'not-possible';

export interface LiveWait {
  readonly id: number;
  /** What the suite waits for, as a phrase that follows "waiting for": "a roReq for RO-1 from the device". */
  readonly what: string;
  readonly startedAt: number;
  /** When the wait gives up; an operator's "done" brings it forward to now + graceMs. */
  deadline: number;
  readonly graceMs: number;
  /** The wait is for the effect of a prompted operator action. */
  readonly operator: boolean;
}

export interface OperatorPrompt {
  role: string;
  action: SutAction;
  /** The sentence the operator reads: "on the device under test, send roReq for running order RO-1 now". */
  instruction: string;
  answer?: OperatorAnswer;
  answeredAt?: number;
}

export type LiveEvent =
  | { kind: 'wait-start'; wait: LiveWait }
  | { kind: 'wait-update'; wait: LiveWait }
  | { kind: 'wait-end'; wait: LiveWait; ok: boolean }
  | { kind: 'instruction'; text: string; once: boolean }
  | { kind: 'operator-prompt'; prompt: OperatorPrompt }
  | { kind: 'operator-answer'; prompt: OperatorPrompt }
  | { kind: 'operator-end'; prompt: OperatorPrompt; seen: boolean };

class LiveChannel extends EventEmitter {
  private nextId = 1;
  private readonly waits = new Set<LiveWait>();
  /** The operator action the running scenario waits on, from its prompt until its effect is seen. */
  prompt?: OperatorPrompt;

  private send(e: LiveEvent): void {
    this.emit('event', e);
  }

  onEvent(listener: (e: LiveEvent) => void): () => void {
    this.on('event', listener);
    return () => this.off('event', listener);
  }

  /** Start a bounded wait; a wait after an operator prompt is the wait for the operator's action. */
  beginWait(what: string, timeoutMs: number, graceMs = 0): LiveWait {
    const now = Date.now();
    const operator = this.prompt !== undefined;
    const w: LiveWait = { id: this.nextId++, what, startedAt: now, deadline: now + timeoutMs, graceMs, operator };
    if (operator && this.prompt!.answer === 'done') w.deadline = Math.min(w.deadline, Math.max(now, this.prompt!.answeredAt!) + graceMs);
    this.waits.add(w);
    this.send({ kind: 'wait-start', wait: w });
    return w;
  }

  /** The operator said the action is not possible: operator waits end as Not applicable. */
  notPossible(w: LiveWait): boolean {
    return w.operator && this.prompt?.answer === 'not-possible';
  }

  endWait(w: LiveWait, ok: boolean): void {
    if (!this.waits.delete(w)) return;
    this.send({ kind: 'wait-end', wait: w, ok });
    // The effect of the operator's action arrived: the prompt is answered.
    if (ok && w.operator && this.prompt) this.endPrompt(true);
  }

  /** Something the people at the system under test must do or know; `once`: show it once per run. */
  instruction(text: string, once = false): void {
    this.send({ kind: 'instruction', text, once });
  }

  operatorPrompt(p: Omit<OperatorPrompt, 'answer' | 'answeredAt'>): void {
    this.prompt = { ...p };
    this.send({ kind: 'operator-prompt', prompt: this.prompt });
  }

  /** The operator's answer (from the console's keyboard); false when no prompt is pending. */
  answer(a: OperatorAnswer): boolean {
    const p = this.prompt;
    if (!p || p.answer) return false;
    p.answer = a;
    p.answeredAt = Date.now();
    this.send({ kind: 'operator-answer', prompt: p });
    if (a === 'done') {
      for (const w of this.waits) {
        if (!w.operator) continue;
        w.deadline = Math.min(w.deadline, p.answeredAt + w.graceMs);
        this.send({ kind: 'wait-update', wait: w });
      }
    }
    return true;
  }

  private endPrompt(seen: boolean): void {
    const p = this.prompt;
    if (!p) return;
    this.prompt = undefined;
    this.send({ kind: 'operator-end', prompt: p, seen });
  }

  /**
   * A new run starts in a process (a pool worker) that ran others before: nothing of theirs is
   * pending, nobody of theirs listens.
   */
  reset(): void {
    this.waits.clear();
    this.prompt = undefined;
    this.removeAllListeners('event');
  }

  /** A scenario ended: nothing it announced is pending any more. */
  endScenario(): void {
    for (const w of [...this.waits]) this.endWait(w, false);
    this.endPrompt(false);
  }
}

export const live = new LiveChannel();

/**
 * A wait's failure after the operator pressed Enter (done): it did not last the timeout its
 * message names, so the message says how long it did last and why it ended.
 */
export function operatorDoneReason(reason: string, waitedMs: number, graceMs: number): string {
  const after = `the operator said the action was done; the suite then waited the ${graceMs} ms grace period`;
  const reworded = reason.replace(/within \d+ ms/, `within ${waitedMs} ms (${after})`);
  return reworded !== reason ? reworded : `${reason} (${after}; ${waitedMs} ms in all)`;
}
