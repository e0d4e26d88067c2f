// The run as a test engineer watches it: one line per scenario with its outcome and reason, what
// the suite is waiting for and how long is left, operator prompts, and one summary in the suite's
// own vocabulary. On a terminal a single status line counts down and the keyboard answers operator
// prompts (Enter: done, s: not possible); elsewhere (CI logs) a wait is one plain line.
import type { Writable } from 'node:stream';
import { OUTCOMES, OUTCOME_LABEL, Outcome, RUN_VERDICT_LABEL, RunVerdict, SEVERITY } from '../lib/conformance/outcomes';
import { LiveEvent, LiveWait, live } from '../suite/live';
import { ScenarioResult, countOutcomes, verdictLine } from '../reports/results';
import { PreflightRecord, RunRecord, roleScopeLine } from '../reports/run-record';
import { SuiteConfig, dialsTheSuite, suiteEndpointUrl } from '../suite/config';
import { versionLine } from '../reports/tool';
import { PROBES_MEDIA_TYPE, ProbeRecord, probeSummary } from '../suite/probe-record';
import { redactUrl } from '../lib/transport/redact';

/** A wait is shown once it has lasted this long (short waits would only flicker or fill a log). */
const SHOW_WAIT_AFTER_MS = { tty: 300, plain: 1000 };
const LABEL_WIDTH = Math.max(...Object.values(OUTCOME_LABEL).map((l) => l.length)) + 2;
const COLOR: Record<Outcome, string> = { PASS: '32', FAIL: '31', WARNING: '33', COULD_NOT_TEST: '35', NOT_APPLICABLE: '90' };
const VERDICT_COLOR: Record<RunVerdict, string> = { PASS: '32', FAIL: '31', COULD_NOT_TEST: '35', INCOMPLETE: '33' };

export interface ConsoleOptions {
  /** A terminal: one updating status line, colours unless NO_COLOR. */
  tty: boolean;
  /** Listen to the keyboard for operator answers (a terminal and a prompting operator). */
  keys?: NodeJS.ReadStream;
  /** Operator prompts are shown but nobody can answer them here (standard input is not a terminal). */
  unanswerable?: boolean;
}

export class RunConsole {
  private status = '';
  private readonly waits: LiveWait[] = [];
  private readonly shownPlain = new Set<number>();
  private readonly onceSeen = new Set<string>();
  private ticker?: NodeJS.Timeout;
  private unsubscribe?: () => void;
  private readonly color: boolean;
  private keysOn = false;
  /** After stop() nothing redraws the status line (a stale countdown must not reappear, e.g. after Ctrl-C). */
  private stopped = false;

  constructor(private readonly out: Writable, private readonly opts: ConsoleOptions) {
    this.color = opts.tty && !process.env.NO_COLOR;
  }

  /** Start showing live events (waits, instructions, operator prompts) and reading keys. */
  start(): void {
    this.unsubscribe = live.onEvent((e) => this.onLive(e));
    this.ticker = setInterval(() => this.tick(), 250);
    this.ticker.unref();
    const keys = this.opts.keys;
    if (keys && keys.isTTY) {
      keys.setRawMode(true);
      keys.resume();
      keys.on('data', this.onKey);
      this.keysOn = true;
    }
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    clearInterval(this.ticker);
    this.waits.length = 0;
    this.clearStatus();
    if (this.keysOn && this.opts.keys) {
      this.opts.keys.off('data', this.onKey);
      this.opts.keys.setRawMode(false);
      this.opts.keys.pause();
      this.keysOn = false;
    }
  }

  private readonly onKey = (d: Buffer): void => {
    for (const ch of d.toString('utf8')) {
      if (ch === '\u0003') {
        // Raw mode swallows Ctrl-C: pass it on as the signal it stands for.
        process.kill(process.pid, 'SIGINT');
        return;
      }
      if (ch === '\r' || ch === '\n') live.answer('done');
      else if (ch === 's' || ch === 'S') live.answer('not-possible');
    }
  };

  /** A permanent line (the status line, if any, is redrawn below it). */
  line(text = ''): void {
    this.clearStatus();
    this.out.write(`${text}\n`);
    this.drawStatus();
  }

  private paint(code: string, text: string): string {
    return this.color ? `\x1b[${code}m${text}\x1b[0m` : text;
  }

  header(lines: string[]): void {
    for (const l of lines) this.line(l);
  }

  preflight(p: PreflightRecord): void {
    // The failed stage's reason is printed once, on the line below, not in the stage list as well
    // (a stage that failed without stopping the run, a handshake defect, says its reason in the list).
    const stages = p.stages.map((s) => (s.ok || p.ok ? s.detail : `${s.stage} FAILED`)).join(' · ');
    this.line(`pre-flight ${p.target}: ${stages} (${p.ms} ms)`);
    if (!p.ok) this.line(this.paint(COLOR.COULD_NOT_TEST, `${OUTCOME_LABEL.COULD_NOT_TEST}: ${p.reason}`));
  }

  roleStarted(role: string, description: string, count: number): void {
    this.line();
    this.line(`== ${role} under test: ${description} (${count} scenario${count === 1 ? '' : 's'})`);
  }

  scenarioFinished(r: ScenarioResult): void {
    const label = OUTCOME_LABEL[r.outcome].padEnd(LABEL_WIDTH);
    this.line(`  ${this.paint(COLOR[r.outcome], label)}${r.name}`);
    if (r.outcome !== 'PASS') {
      const why = r.outcome === 'NOT_APPLICABLE' ? r.message ?? '' : reasonOf(r);
      if (why) this.line(`  ${' '.repeat(LABEL_WIDTH)}${this.paint('2', why)}`);
    }
  }

  /** The end of a run, read from its record (verdict, headline, scope and exit code are computed there). */
  summary(r: RunRecord, reports: string[] = []): void {
    const ran = !r.preflight || r.preflight.ok;
    const c = countOutcomes(r.results);
    this.line();
    if (ran) this.line(`${r.results.length} scenario${r.results.length === 1 ? '' : 's'}: ${SEVERITY.map((o) => `${c[o]} ${OUTCOME_LABEL[o].toLowerCase()}`).join(', ')}`);
    for (const l of probeLines(r.results)) this.line(l);
    const notable = r.results.filter((x) => x.outcome === 'FAIL' || x.outcome === 'WARNING' || x.outcome === 'COULD_NOT_TEST');
    if (notable.length) {
      this.line('Failures and warnings:');
      for (const x of notable) this.line(`  ${this.paint(COLOR[x.outcome], OUTCOME_LABEL[x.outcome])} [${x.role}] ${x.name}: ${reasonOf(x)}`);
    }
    if (ran) for (const s of r.scope.roles) this.line(`Scope: ${roleScopeLine(s)}${s.mustUndeclared?.length ? ` — not declared, yet a MUST: ${s.mustUndeclared.map((m) => `${m.capability} (${m.requirement})`).join(', ')}` : ''}`);
    if (ran) this.line(this.paint('1', r.headline));
    // After a failed pre-flight its reason is already on the screen: the verdict line does not repeat it.
    const meaning = ran ? r.verdictMeaning : 'the pre-flight failed, so no scenario was run';
    this.line(`Verdict: ${this.paint(VERDICT_COLOR[r.verdict], RUN_VERDICT_LABEL[r.verdict])}${r.partial ? ' (partial run)' : ''} — ${meaning} (exit code ${r.exitCode})`);
    if (r.partial) this.line(`Partial run: ${r.selected} of ${r.available} scenarios selected; not a certification of the whole system.`);
    if (reports.length) this.line(`Reports: ${reports.join(', ')}`);
  }

  private onLive(e: LiveEvent): void {
    switch (e.kind) {
      case 'wait-start':
        this.waits.push(e.wait);
        if (e.wait.operator && !this.opts.tty) this.showPlainWait(e.wait);
        break;
      case 'wait-update':
        break;
      case 'wait-end':
        this.waits.splice(this.waits.indexOf(e.wait), 1);
        this.shownPlain.delete(e.wait.id);
        if (this.opts.tty) this.drawStatus();
        break;
      case 'instruction':
        if (e.once && this.onceSeen.has(e.text)) break;
        this.onceSeen.add(e.text);
        this.line(`  ${this.paint('36', '→')} ${e.text}`);
        break;
      case 'operator-prompt':
        this.line(`  ${this.paint('1;36', 'OPERATOR')} ${e.prompt.instruction}${this.keysOn ? ' — press Enter when done, s if it is not possible' : this.opts.unanswerable ? ' — standard input is not a terminal, so nobody can answer here: the suite waits the full operator time for the effect' : ''}`);
        break;
      case 'operator-answer':
        this.line(`  ${this.paint('36', 'operator:')} ${e.prompt.answer === 'done' ? 'done' : 'not possible'}`);
        break;
      case 'operator-end':
        break;
    }
  }

  private showPlainWait(w: LiveWait): void {
    if (this.shownPlain.has(w.id)) return;
    this.shownPlain.add(w.id);
    this.line(`  … waiting for ${w.what} (up to ${seconds(w.deadline - w.startedAt)})`);
  }

  private tick(): void {
    const now = Date.now();
    if (!this.opts.tty) {
      for (const w of this.waits) if (now - w.startedAt >= SHOW_WAIT_AFTER_MS.plain) this.showPlainWait(w);
      return;
    }
    this.drawStatus();
  }

  /** The innermost wait that has lasted long enough to show, as one line with the time left. */
  private statusText(): string {
    const now = Date.now();
    const w = [...this.waits].reverse().find((x) => x.operator || now - x.startedAt >= SHOW_WAIT_AFTER_MS.tty);
    if (!w) return '';
    const keys = w.operator && this.keysOn ? ' · Enter: done · s: not possible' : '';
    return `  ⧗ waiting for ${w.what} — ${seconds(Math.max(0, w.deadline - now))} left${keys}`;
  }

  private drawStatus(): void {
    if (!this.opts.tty || this.stopped) return;
    const text = this.statusText();
    const columns = (this.out as NodeJS.WriteStream).columns || 120;
    const fitted = text.length > columns - 1 ? `${text.slice(0, columns - 2)}…` : text;
    if (fitted === this.status) return;
    this.out.write(`\r\x1b[2K${fitted}`);
    this.status = fitted;
  }

  private clearStatus(): void {
    if (!this.status) return;
    this.out.write('\r\x1b[2K');
    this.status = '';
  }
}

/** Lines that tell, before any scenario, what is certified and what the people at the system must set up. */
export function runHeader(config: SuiteConfig, partial?: { selected: number; available: number }): string[] {
  const lines = [versionLine()];
  const t = config.target;
  if (t) {
    lines.push(`certifying the ${t.role} ${t.url ? `at ${t.url}` : 'that connects to the suite (no URL)'} — mosID ${t.mosID}, ncsID ${t.ncsID}${t.username ? `, user ${t.username} (password from $${t.passwordEnv})` : ', no credentials'}`);
    lines.push(`capabilities: ${t.capabilities.join(', ')} · operator: ${t.operatorCommand ? `command (${t.operatorCommand})` : t.operator ? 'at the prompts' : 'none'} · timing: ${config.timing.name} (connect wait ${config.timing.sutConnectMs / 1000} s, operator wait ${config.timing.operatorMs / 1000} s)`);
    if (dialsTheSuite(t)) {
      const url = suiteEndpointUrl(config.suiteEndpoint);
      lines.push(`configure the ${t.role} to connect to ${url}${t.username ? ` (user ${t.username}, the same password)` : ''}${t.capabilities.includes('passive-active') ? '; in passive mode it adds passive=true' : ''}`);
      if (config.suiteEndpoint.tls && !config.suiteEndpoint.certFile) lines.push('  the suite serves a self-signed certificate: the system must accept untrusted certificates');
    }
  }
  const { verifier, signer } = config.stream;
  if (verifier && config.roles.includes('verifier')) lines.push(`certifying the verifier at ${redactUrl(verifier.resourceUrl)} — key ${verifier.keyId}${verifier.secretEnv ? ` (secret from $${verifier.secretEnv})` : ''}, ${verifier.strict ? 'strict' : 'non-strict'}, profile ${verifier.profile ?? 'opencast-java'}`);
  if (signer && config.roles.includes('signer')) lines.push(`certifying the signing service at ${redactUrl(signer.url)} — resource ${redactUrl(signer.resourceUrl)}, key ${signer.keyId}${signer.secretEnv ? ` (secret from $${signer.secretEnv})` : ''}`);
  const embedded = config.roles.filter((r) => (r === 'verifier' ? !verifier : r === 'signer' ? !signer : !t));
  if (embedded.length) {
    lines.push(`embedded simulators · roles ${embedded.join(', ')} · timing ${config.timing.name}${config.faults.length ? ` · faults ${config.faults.join(', ')} (self-check, not a certification)` : ''}`);
  } else if (!t) lines.push(`timing ${config.timing.name}`);
  if (partial) lines.push(`partial run: ${[config.tags && `--tags ${config.tags}`, config.features && `--features ${config.features}`].filter(Boolean).join(' ')} selects ${partial.selected} of ${partial.available} scenarios`);
  return lines;
}

/** The reason that decided a scenario's outcome, one line, without stack frames. */
export function reasonOf(r: ScenarioResult): string {
  const v = r.verdicts.find((x) => x.outcome === r.outcome);
  const msg = (v ? verdictLine(v) : r.message ?? OUTCOMES[r.outcome]).split('\n')[0]!;
  return msg.length > 300 ? `${msg.slice(0, 300)}…` : msg;
}

function seconds(ms: number): string {
  return `${Math.ceil(ms / 1000)} s`;
}

/** The generated probes of the run (features/mos-ws/probes-listening.feature): how many ran per requirement and channel, and how long they took. */
export function probeLines(results: readonly ScenarioResult[]): string[] {
  const byRole = new Map<string, ProbeRecord[]>();
  for (const r of results) {
    for (const a of r.attachments ?? []) {
      if (a.mediaType !== PROBES_MEDIA_TYPE) continue;
      byRole.set(r.role, [...(byRole.get(r.role) ?? []), JSON.parse(a.body) as ProbeRecord]);
    }
  }
  const out: string[] = [];
  for (const [role, records] of byRole) {
    const s = probeSummary(records);
    out.push(`Probes (${role}): ${s.total} upgrade attempts (no MOS exchange) in ${(s.ms / 1000).toFixed(1)} s; probes judged per requirement and channel:`);
    for (const l of s.lines) out.push(`  ${l}`);
  }
  return out;
}
