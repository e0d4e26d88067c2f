// Scenario results collected from the Cucumber message stream, independent of any formatter.
// The outcome of each scenario comes from the record the After hook attaches (steps/hooks.ts).
import type { Envelope } from '@cucumber/messages';
import { CheckVerdict, OUTCOMES, Outcome } from '../lib/conformance/outcomes';
import { SCENARIO_MEDIA_TYPE, ScenarioRecord } from '../suite/verdicts';

export interface ScenarioResult {
  role: string;
  uri: string;
  /** uri:line of the scenario, or of the example row for an outline: unique per scenario. */
  location: string;
  name: string;
  tags: string[];
  /** Requirements the scenario is tagged with (what it sets out to check). */
  requirements: string[];
  outcome: Outcome;
  /** The judgements made, each naming one requirement. */
  verdicts: CheckVerdict[];
  /** Every step ran (so each tagged requirement was reached). */
  completed: boolean;
  /** The reason that decided the outcome (first verdict of that outcome, or the not-applicable reason). */
  message?: string;
  durationMs: number;
  attachments: Array<{ mediaType: string; body: string }>;
}

/** Feed it every envelope of one run; read `results` afterwards. */
export class ResultCollector {
  readonly results: ScenarioResult[] = [];
  private pickles = new Map<string, { uri: string; name: string; tags: string[]; astNodeIds: readonly string[] }>();
  private lines = new Map<string, number>();
  private testCases = new Map<string, string>();
  private started = new Map<string, { testCaseId: string; t: number; attachments: ScenarioResult['attachments'] }>();

  constructor(private readonly role: string, private readonly onResult: (r: ScenarioResult) => void = () => undefined, private readonly onStart: (name: string) => void = () => undefined) {}

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
    if (e.testCaseStarted) {
      this.started.set(e.testCaseStarted.id, { testCaseId: e.testCaseStarted.testCaseId, t: toMs(e.testCaseStarted.timestamp), attachments: [] });
      const p = this.pickles.get(this.testCases.get(e.testCaseStarted.testCaseId) ?? '');
      if (p) this.onStart(p.name);
    }
    if (e.attachment?.testCaseStartedId) this.started.get(e.attachment.testCaseStartedId)?.attachments.push({ mediaType: e.attachment.mediaType, body: e.attachment.body });
    if (e.testCaseFinished) {
      const s = this.started.get(e.testCaseFinished.testCaseStartedId);
      if (!s || e.testCaseFinished.willBeRetried) return;
      const p = this.pickles.get(this.testCases.get(s.testCaseId) ?? '');
      if (!p) return;
      const record = readRecord(s.attachments);
      this.results.push({
        role: this.role,
        uri: p.uri,
        location: `${p.uri}:${this.lines.get(p.astNodeIds[p.astNodeIds.length - 1] ?? '') ?? 0}`,
        name: p.name,
        tags: p.tags,
        requirements: p.tags.filter((t) => t.startsWith('@req:')).map((t) => t.slice(5)),
        outcome: record.outcome,
        verdicts: record.verdicts,
        completed: record.completed,
        message: record.outcome === 'NOT_APPLICABLE' ? record.notApplicable : record.verdicts.find((v) => v.outcome === record.outcome)?.message,
        durationMs: toMs(e.testCaseFinished.timestamp) - s.t,
        attachments: s.attachments.filter((a) => a.mediaType !== SCENARIO_MEDIA_TYPE),
      });
      this.onResult(this.results[this.results.length - 1]!);
    }
  }
}

function readRecord(attachments: ScenarioResult['attachments']): ScenarioRecord {
  const a = attachments.find((x) => x.mediaType === SCENARIO_MEDIA_TYPE);
  // Without the record the After hook never ran: the suite itself broke down.
  if (!a) return { outcome: 'COULD_NOT_TEST', completed: false, verdicts: [{ outcome: 'COULD_NOT_TEST', message: 'the suite did not finish this scenario (no outcome was recorded)' }] };
  return JSON.parse(a.body) as ScenarioRecord;
}

function toMs(t: { seconds: number; nanos: number }): number {
  return t.seconds * 1000 + Math.round(t.nanos / 1e6);
}

export function countOutcomes(results: readonly ScenarioResult[]): Record<Outcome, number> {
  const c = Object.fromEntries(Object.keys(OUTCOMES).map((k) => [k, 0])) as Record<Outcome, number>;
  for (const r of results) c[r.outcome]++;
  return c;
}

/** The verdict line a reader needs: outcome, the requirement it names, the reason. */
export function verdictLine(v: CheckVerdict): string {
  return `${v.requirement ? `[${v.requirement}] ` : ''}${v.message}`;
}
