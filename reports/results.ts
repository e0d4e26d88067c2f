// Scenario results collected from the Cucumber message stream, independent of any formatter.
import type { Envelope } from '@cucumber/messages';

export type ScenarioState = 'PASSED' | 'FAILED' | 'WARNING' | 'NOT_APPLICABLE' | 'SKIPPED';

export interface ScenarioResult {
  role: string;
  uri: string;
  /** uri:line of the scenario, or of the example row for an outline: unique per scenario. */
  location: string;
  name: string;
  tags: string[];
  requirements: string[];
  state: ScenarioState;
  /** First failure message, or the not-applicable reason. */
  message?: string;
  durationMs: number;
  attachments: Array<{ mediaType: string; body: string }>;
}

const RANK: Record<string, number> = { PASSED: 0, SKIPPED: 1, PENDING: 2, UNDEFINED: 3, AMBIGUOUS: 4, FAILED: 5, UNKNOWN: 1 };

/** Feed it every envelope of one run; read `results` afterwards. */
export class ResultCollector {
  readonly results: ScenarioResult[] = [];
  private pickles = new Map<string, { uri: string; name: string; tags: string[]; astNodeIds: readonly string[] }>();
  private lines = new Map<string, number>();
  private testCases = new Map<string, string>();
  private started = new Map<string, { testCaseId: string; t: number; worst: string; message?: string; attachments: ScenarioResult['attachments'] }>();

  constructor(private readonly role: string, private readonly onResult: (r: ScenarioResult) => void = () => undefined) {}

  onMessage(e: Envelope): void {
    if (e.gherkinDocument?.feature) {
      for (const c of e.gherkinDocument.feature.children) {
        const sc = c.scenario;
        if (!sc) continue;
        this.lines.set(sc.id, sc.location.line);
        for (const ex of sc.examples) for (const row of ex.tableBody) this.lines.set(row.id, row.location.line);
      }
    }
    if (e.pickle) this.pickles.set(e.pickle.id, { uri: e.pickle.uri, name: e.pickle.name, tags: e.pickle.tags.map((t) => t.name), astNodeIds: e.pickle.astNodeIds });
    if (e.testCase) this.testCases.set(e.testCase.id, e.testCase.pickleId);
    if (e.testCaseStarted) this.started.set(e.testCaseStarted.id, { testCaseId: e.testCaseStarted.testCaseId, t: toMs(e.testCaseStarted.timestamp), worst: 'PASSED', attachments: [] });
    if (e.attachment?.testCaseStartedId) this.started.get(e.attachment.testCaseStartedId)?.attachments.push({ mediaType: e.attachment.mediaType, body: e.attachment.body });
    if (e.testStepFinished) {
      const s = this.started.get(e.testStepFinished.testCaseStartedId);
      const r = e.testStepFinished.testStepResult;
      if (s && (RANK[r.status] ?? 0) > (RANK[s.worst] ?? 0)) {
        s.worst = r.status;
        if (r.message) s.message = r.exception?.message ?? r.message.split('\n')[0];
      }
    }
    if (e.testCaseFinished) {
      const s = this.started.get(e.testCaseFinished.testCaseStartedId);
      if (!s || e.testCaseFinished.willBeRetried) return;
      const p = this.pickles.get(this.testCases.get(s.testCaseId) ?? '');
      if (!p) return;
      const logs = s.attachments.filter((a) => a.mediaType === 'text/x.cucumber.log+plain').map((a) => a.body);
      const na = logs.find((l) => l.startsWith('NOT APPLICABLE'));
      let state: ScenarioState;
      const warning = logs.find((l) => l.startsWith('WARNING: '));
      if (s.worst === 'PASSED') state = warning ? 'WARNING' : 'PASSED';
      else if (s.worst === 'SKIPPED') state = na ? 'NOT_APPLICABLE' : 'SKIPPED';
      else state = p.tags.includes('@should') && s.worst === 'FAILED' ? 'WARNING' : 'FAILED';
      this.results.push({
        role: this.role,
        uri: p.uri,
        location: `${p.uri}:${this.lines.get(p.astNodeIds[p.astNodeIds.length - 1] ?? '') ?? 0}`,
        name: p.name,
        tags: p.tags,
        requirements: p.tags.filter((t) => t.startsWith('@req:')).map((t) => t.slice(5)),
        state,
        message: state === 'NOT_APPLICABLE' ? na : state === 'WARNING' && s.worst === 'PASSED' ? warning!.slice(9) : s.message ?? (s.worst !== 'PASSED' && s.worst !== 'SKIPPED' ? `step ${s.worst.toLowerCase()}` : undefined),
        durationMs: toMs(e.testCaseFinished.timestamp) - s.t,
        attachments: s.attachments,
      });
      this.onResult(this.results[this.results.length - 1]!);
    }
  }
}

function toMs(t: { seconds: number; nanos: number }): number {
  return t.seconds * 1000 + Math.round(t.nanos / 1e6);
}

export function countStates(results: readonly ScenarioResult[]): Record<ScenarioState, number> {
  const c: Record<ScenarioState, number> = { PASSED: 0, FAILED: 0, WARNING: 0, NOT_APPLICABLE: 0, SKIPPED: 0 };
  for (const r of results) c[r.state]++;
  return c;
}
