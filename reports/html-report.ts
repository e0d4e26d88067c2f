// The certification report: one self-contained HTML file (inline CSS, no script, no external
// resource), with the verdict per requirement, the systems under test, and every scenario's
// transcript. Secrets are redacted once more on the way out.
import { ScenarioResult, countOutcomes, verdictLine } from './results';
import { Requirement } from '../lib/conformance/requirements';
import { OUTCOMES, OUTCOME_LABEL, Outcome, RunVerdict, SEVERITY, runVerdict } from '../lib/conformance/outcomes';
import { RequirementOutcome, requirementRows } from './requirement-table';
import { redactText, redactUrl } from '../lib/transport/redact';
import { profileCoverageHtml } from './profile-coverage';

export interface ReportContext {
  generated: Date;
  suiteVersion: string;
  timing: string;
  systems: Array<{ role: string; description: string }>;
  faults: string[];
  requirements: Requirement[];
  /** Values that must not appear anywhere in the report. */
  secrets: string[];
  /** The run was interrupted; the report holds only finished scenarios. */
  interrupted?: boolean;
}

const LABEL: Record<RequirementOutcome, string> = { ...OUTCOME_LABEL, NOT_REACHED: 'Not reached' };
const HEADLINE: Record<RunVerdict, string> = { PASS: 'Every required scenario passed', FAIL: 'Required scenarios failed', COULD_NOT_TEST: 'Could not test: some scenarios could not be judged' };

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function badge(state: RequirementOutcome): string {
  return `<span class="badge ${state.toLowerCase()}" title="${esc(state in OUTCOMES ? OUTCOMES[state as Outcome] : 'the scenario ended before this check')}">${LABEL[state]}</span>`;
}

export function renderHtmlReport(results: readonly ScenarioResult[], ctx: ReportContext): string {
  const clean = (s: string): string => esc(redactText(s, ctx.secrets));
  const counts = countOutcomes(results);
  const verdict: RunVerdict = ctx.interrupted ? 'COULD_NOT_TEST' : runVerdict(results.map((r) => r.outcome));
  const metrics = results.flatMap((r) =>
    r.attachments.filter((a) => a.mediaType === 'application/json').flatMap((a) => {
      try {
        return Object.entries(JSON.parse(a.body) as Record<string, unknown>).filter(([k]) => k.startsWith('reconnect_')).map(([k, v]) => ({ r, k, v }));
      } catch {
        return [];
      }
    }),
  );
  const reqRows = requirementRows(results, ctx.requirements).map(({ requirement: q, scenarios: rs, outcome: state }) => {
    return `<tr data-requirement="${q.id}" data-state="${state ?? 'NONE'}"><td><a href="#req-${q.id}">${q.id}</a></td><td>${q.level}</td><td>${esc(q.summary)}</td><td>${rs.length}</td><td>${state ? badge(state) : '<span class="badge none">Not run</span>'}</td></tr>`;
  });
  const firstFor = new Map<string, number>();
  results.forEach((r, i) => [...r.requirements, ...r.verdicts.flatMap((v) => (v.requirement ? [v.requirement] : []))].forEach((q) => firstFor.has(q) || firstFor.set(q, i)));
  const anchors = new Map<number, string[]>();
  for (const [q, i] of firstFor) anchors.set(i, [...(anchors.get(i) ?? []), q]);
  const scenarios = results.map((r, i) => {
    const transcript = r.attachments.filter((a) => a.mediaType === 'text/plain').map((a) => a.body).join('\n');
    const notes = r.attachments.filter((a) => a.mediaType === 'text/x.cucumber.log+plain').map((a) => a.body);
    return `${(anchors.get(i) ?? []).map((q) => `<a id="req-${q}"></a>`).join('')}<section class="scenario" id="s${i}" data-state="${r.outcome}" data-role="${esc(r.role)}" data-location="${esc(r.location)}">
<h3>${badge(r.outcome)} <span class="role">${esc(r.role)}</span> <span class="name">${clean(r.name)}</span></h3>
<p class="meta">${r.requirements.map((q) => `<span class="req">${q}</span>`).join(' ')} · ${esc(r.location)} · ${r.durationMs} ms</p>
${r.outcome === 'NOT_APPLICABLE' && r.message ? `<p class="message">${clean(r.message)}</p>` : ''}
${r.verdicts.length ? `<ul class="verdicts">${r.verdicts.map((v) => `<li data-outcome="${v.outcome}">${badge(v.outcome)} ${clean(verdictLine(v))}</li>`).join('')}</ul>` : ''}
${notes.length ? `<ul class="notes">${notes.map((n) => `<li>${clean(n)}</li>`).join('')}</ul>` : ''}
${transcript ? `<details><summary>Transcript (${transcript.split('\n').length} lines)</summary><pre>${clean(transcript)}</pre></details>` : ''}
</section>`;
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>MOS over WebSocket conformance report</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1b1f23;max-width:1200px}
h1{margin-bottom:.2rem} table{border-collapse:collapse;width:100%;margin:1rem 0} td,th{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa} .badge{display:inline-block;padding:0 .5rem;border-radius:1rem;font-size:12px;font-weight:600;color:#fff}
.pass{background:#1a7f37}.fail{background:#cf222e}.warning{background:#9a6700}.could_not_test{background:#8250df}.not_applicable{background:#57606a}.not_reached{background:#8c959f}.none{background:#8c959f}
.verdict{font-size:1.4rem;font-weight:700;padding:.6rem 1rem;border-radius:.4rem;display:inline-block;color:#fff} .verdict.PASS{background:#1a7f37}.verdict.FAIL{background:#cf222e}.verdict.COULD_NOT_TEST{background:#8250df}
.scenario{border-top:1px solid #d0d7de;padding:.4rem 0} .scenario h3{font-size:15px;margin:.3rem 0} .meta{color:#57606a;margin:.1rem 0}
.message{background:#fff8c5;padding:.3rem .5rem;white-space:pre-wrap} .req{font-family:monospace;background:#eaeef2;padding:0 .3rem;border-radius:.2rem}
pre{background:#f6f8fa;padding:.5rem;overflow:auto;font-size:12px;max-height:30rem} .role{font-family:monospace;color:#0969da}
.selfcheck{background:#ffebe9;border:1px solid #cf222e;padding:.5rem}
</style></head><body>
<h1>MOS over WebSocket conformance report</h1>
<p>Generated ${esc(ctx.generated.toISOString())} by mos-ws-conformance ${esc(ctx.suiteVersion)} · timing profile <b>${esc(ctx.timing)}</b></p>
${ctx.faults.length ? `<p class="selfcheck">Self-check run: faults injected into the simulators: ${ctx.faults.map(esc).join(', ')}. Not a certification.</p>` : ''}
${ctx.interrupted ? '<p class="selfcheck" id="interrupted">Interrupted: this report holds only the scenarios that finished before the run was stopped.</p>' : ''}
<p id="verdict" class="verdict ${verdict}" data-verdict="${verdict}">${ctx.interrupted ? 'Run interrupted: not a complete verdict' : HEADLINE[verdict]}</p>
<h2>Systems under test</h2>
<table><tr><th>role</th><th>system</th></tr>${ctx.systems.map((s) => `<tr><td>${esc(s.role)}</td><td>${clean(redactUrl(s.description))}</td></tr>`).join('')}</table>
<h2>Summary</h2>
<table id="counts"><tr>${SEVERITY.map((s) => `<th>${LABEL[s]}</th>`).join('')}<th>Total</th></tr>
<tr>${SEVERITY.map((s) => `<td data-count="${s}">${counts[s]}</td>`).join('')}<td data-count="TOTAL">${results.length}</td></tr></table>
<h2>Requirements</h2>
<table id="requirements"><tr><th>id</th><th>level</th><th>requirement</th><th>scenarios</th><th>verdict</th></tr>${reqRows.join('\n')}</table>
${metrics.length ? `<h2>Reconnect timings</h2><table id="reconnects"><tr><th>role</th><th>scenario</th><th>measure</th><th>ms</th></tr>${metrics.map((m) => `<tr><td>${esc(m.r.role)}</td><td>${clean(m.r.name)}</td><td>${esc(m.k)}</td><td>${esc(String(m.v))}</td></tr>`).join('')}</table>` : ''}
${profileCoverageHtml(results)}
<h2>Scenarios</h2>
${scenarios.join('\n')}
</body></html>
`;
}
