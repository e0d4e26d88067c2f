// The certification report: one self-contained HTML file (inline CSS, no script, no external
// resource). Under the headline, the failures and warnings, each linking to its scenario; then the
// pre-flight, the systems under test (with what listMachInfo said), the verdict per requirement
// (each row lists and links its scenarios), and every scenario with its transcript, each line
// expandable to the full MOS message or the HTTP upgrade. Secrets are redacted once more on the way out.
import { ScenarioResult, countOutcomes, verdictLine } from './results';
import { REQUIREMENTS, Requirement } from '../lib/conformance/requirements';
import { REQUIREMENT_STATES, RequirementState, SEVERITY, STATE_LABEL } from '../lib/conformance/outcomes';
import { requirementRows } from './requirement-table';
import { redactText, redactUrl } from '../lib/transport/redact';
import { Transcript, TranscriptEntry } from '../lib/transport/transcript';
import { TRANSCRIPT_MEDIA_TYPE } from '../suite/verdicts';
import { RunRecord, SystemRecord, roleScopeLine } from './run-record';
import { ROOT, toolInfo } from './tool';
import { interpretationLabel, interpretationsOf } from '../lib/conformance/interpretations';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { profileCoverageHtml } from './profile-coverage';
import { securitySection, sourceText } from './security-section';
import { FAMILIES } from '../lib/conformance/requirements';

const LABEL = STATE_LABEL;

/** Where the requirement table's interpretation links point: the suite's own docs/interpretations.md, when it is installed. */
const INTERPRETATIONS_DOC = path.join(ROOT, 'docs', 'interpretations.md');
const INTERPRETATIONS_HREF = fs.existsSync(INTERPRETATIONS_DOC) ? pathToFileURL(INTERPRETATIONS_DOC).href : undefined;

/** The interpretations of a requirement (docs/interpretations.md), each named by number and title. */
function interpretationLinks(id: string): string {
  const list = interpretationsOf(id).map((i) => {
    const label = esc(interpretationLabel(i).replace(/`/g, ''));
    const where = `docs/interpretations.md#${i.anchor}`;
    return INTERPRETATIONS_HREF ? `<a class="interp" href="${INTERPRETATIONS_HREF}#${i.anchor}" title="${where}">${label}</a>` : `<span class="interp" title="${where}">${label}</span>`;
  });
  return list.length ? `<div class="interps">Interpretations: ${list.join('; ')}</div>` : '';
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function badge(state: RequirementState): string {
  return `<span class="badge ${state.toLowerCase()}" title="${esc(REQUIREMENT_STATES[state])}">${LABEL[state]}</span>`;
}

function systemRow(s: SystemRecord, clean: (x: string) => string): string {
  const m = s.machineInfo;
  const machine = !m ? '' : m.reported ? [m.manufacturer, m.model, m.swRev ? `software ${m.swRev}` : '', m.supportedProfiles.length ? `profiles ${m.supportedProfiles.join(', ')}` : ''].filter(Boolean).join(' · ') : `not reported (${m.reason})`;
  const cells = [
    s.role,
    s.kind === 'embedded' ? 'embedded reference simulator' : redactUrl(s.url ?? '(connects to the suite)'),
    [s.mosID && `mosID ${s.mosID}`, s.ncsID && `ncsID ${s.ncsID}`, s.username && `user ${s.username}`].filter(Boolean).join(' · '),
    (s.capabilities ?? []).join(', '),
    s.operator ?? '',
    s.suiteEndpoint ? redactUrl(s.suiteEndpoint) : '',
    machine,
  ];
  return `<tr data-role="${esc(s.role)}">${cells.map((c) => `<td>${clean(c)}</td>`).join('')}</tr>`;
}

/** The security family: its requirements with their sources, and which hostile-input probes ran. */
function securityHtml(results: readonly ScenarioResult[], clean: (s: string) => string): string {
  const s = securitySection(results);
  if (s.requirements.every((r) => r.outcome === 'NOT_RUN')) return '';
  const req = s.requirements.map((r) => `<tr data-security-requirement="${r.id}" data-state="${r.outcome}"><td><a href="#req-${r.id}">${r.id}</a></td><td>${r.level}</td><td>${esc(r.summary)}</td><td>${esc(sourceText(r.source))}</td><td>${r.outcome === 'NOT_RUN' ? '<span class="badge none">Not run</span>' : badge(r.outcome)}</td></tr>`);
  const probes = s.probes.map((p) => `<tr data-destructive="${p.destructive}"><td>${esc(p.role)}</td><td>${clean(p.scenario)}${p.destructive ? ' <b>(destructive)</b>' : ''}</td><td>${p.notRun !== undefined ? `not run: ${clean(p.notRun)}` : p.ran.length ? `<ul class="links">${p.ran.map((x) => `<li>${clean(x)}</li>`).join('')}</ul>` : clean(p.outcome)}</td></tr>`);
  return `<h2 id="security">${esc(FAMILIES.security.title)}</h2>
<p>${esc(FAMILIES.security.intro)}</p>
<table id="security-requirements"><tr><th>id</th><th>level</th><th>requirement</th><th>source</th><th>verdict</th></tr>${req.join('')}</table>
${probes.length ? `<table id="security-probes"><tr><th>role</th><th>hostile-input scenario</th><th>probes run</th></tr>${probes.join('')}</table>` : ''}`;
}

/** One line per element, indented by depth, each with its path (name[index]/…, every index given). */
export function xmlLines(xml: string): Array<{ text: string; path?: string }> {
  const tokens = xml.replace(/>\s*</g, '>\n<').split('\n');
  const out: Array<{ text: string; path?: string }> = [];
  const stack: Array<{ name: string; counts: Map<string, number>; segment: string }> = [];
  const root = { counts: new Map<string, number>() };
  for (const raw of tokens) {
    const t = raw.trim();
    if (!t) continue;
    const close = /^<\/([\w:.-]+)/.exec(t);
    if (close) {
      stack.pop();
      out.push({ text: `${'  '.repeat(stack.length)}${t}` });
      continue;
    }
    const open = /^<([\w:.-]+)/.exec(t);
    if (!open || t.startsWith('<?') || t.startsWith('<!')) {
      out.push({ text: `${'  '.repeat(stack.length)}${t}` });
      continue;
    }
    const name = open[1]!;
    const parent = stack[stack.length - 1] ?? root;
    const n = (parent.counts.get(name) ?? 0) + 1;
    parent.counts.set(name, n);
    const segment = `${name}[${n}]`;
    const path = [...stack.map((x) => x.segment), segment].join('/');
    out.push({ text: `${'  '.repeat(stack.length)}${t}`, path });
    const selfContained = t.endsWith('/>') || new RegExp(`</${name.replace(/[.]/g, '\\.')}>$`).test(t);
    if (!selfContained) stack.push({ name, counts: new Map(), segment });
  }
  return out;
}

/** A content verdict's path as xmlLines writes paths: every index given, attributes dropped. */
function fullPath(path: string): string {
  return path.split('/').filter((p) => !p.startsWith('@')).map((p) => (/\[\d+\]$/.test(p) ? p : `${p}[1]`)).join('/');
}

/** The MOS message, indented, the elements the scenario's content verdicts name marked. */
function mosHtml(xml: string, marks: readonly string[], clean: (s: string) => string): string {
  const lines = xmlLines(xml);
  const wanted = marks.map(fullPath);
  // A verdict about a missing element marks its deepest existing ancestor.
  const hit = new Set<number>();
  for (const w of wanted) {
    let p = w.startsWith('mos[1]/') ? w : `mos[1]/${w}`;
    for (;;) {
      const i = lines.findIndex((l) => l.path === p);
      if (i >= 0) {
        hit.add(i);
        break;
      }
      if (!p.includes('/')) break;
      p = p.slice(0, p.lastIndexOf('/'));
    }
  }
  return lines.map((l, i) => (hit.has(i) ? `<mark class="offending">${clean(l.text)}</mark>` : clean(l.text))).join('\n');
}

/**
 * Paths of the MOS content issues the run's verdicts name, per scenario and message: a run-wide
 * verdict says in which scenario a defect was first seen ("… (first in "<scenario>")"); a verdict
 * without that names a message of its own scenario.
 */
export function contentMarks(results: readonly ScenarioResult[]): Map<string, Map<string, string[]>> {
  const marks = new Map<string, Map<string, string[]>>();
  const key = (role: string, name: string): string => `${role}\u0000${name}`;
  for (const r of results) {
    for (const v of r.verdicts) {
      if (!v.requirement?.startsWith('MOS-CONTENT-')) continue;
      const found = [...v.message.matchAll(/(\w+)#(\d+): ([\w.:\-[\]/@]+): /g)];
      found.forEach((m, i) => {
        const until = found[i + 1]?.index ?? v.message.length;
        const first = /\(first in "([^"]+)"(?:, \d+ times)?\)/.exec(v.message.slice(m.index, until))?.[1];
        const scenario = key(r.role, first ?? r.name);
        const perMessage = marks.get(scenario) ?? new Map<string, string[]>();
        marks.set(scenario, perMessage);
        const msg = `${m[1]}#${m[2]}`;
        perMessage.set(msg, [...(perMessage.get(msg) ?? []), m[3]!]);
      });
    }
  }
  return marks;
}

/** A scenario's transcript, one expandable line per entry. */
function transcriptHtml(r: ScenarioResult, clean: (s: string) => string, allMarks: Map<string, Map<string, string[]>>): string {
  const att = r.attachments.find((a) => a.mediaType === TRANSCRIPT_MEDIA_TYPE);
  if (!att) {
    const text = r.attachments.filter((a) => a.mediaType === 'text/plain').map((a) => a.body).join('\n');
    return text ? `<details class="transcript"><summary>Transcript</summary><pre>${clean(text)}</pre></details>` : '';
  }
  const entries = JSON.parse(att.body) as TranscriptEntry[];
  if (!entries.length) return '';
  const fmt = new Transcript();
  const t0 = entries[0]!.t;
  const marks = allMarks.get(`${r.role}\u0000${r.name}`) ?? new Map<string, string[]>();
  const lines = entries.map((e) => {
    const line = clean(fmt.format([e], t0));
    const kind = e.kind === 'mos' ? 'mos' : e.http ? 'http' : 'plain';
    const mark = e.kind === 'mos' ? marks.get(`${e.message}#${e.messageID}`) ?? [] : [];
    const detail = e.kind === 'mos' ? mosHtml(e.text, mark, clean) : e.http ? clean(`${e.http.request}\n\n${e.http.response}`) : '';
    return detail ? `<details class="entry" data-kind="${kind}"${mark.length ? ' data-offending="true"' : ''}><summary>${line}</summary><pre>${detail}</pre></details>` : `<div class="entry" data-kind="${kind}">${line}</div>`;
  });
  return `<details class="transcript"><summary>Transcript (${entries.length} lines; open a line for its MOS message or HTTP upgrade)</summary><div class="lines">${lines.join('')}</div></details>`;
}

export function renderHtmlReport(r: RunRecord, secrets: readonly string[], requirements: readonly Requirement[] = REQUIREMENTS): string {
  const clean = (s: string): string => esc(redactText(s, secrets));
  const results = r.results;
  const counts = countOutcomes(results);
  const verdict = r.verdict;
  const tool = toolInfo();
  const index = new Map(results.map((x, i) => [x, i]));
  const problems = results.filter((x) => x.outcome === 'FAIL' || x.outcome === 'WARNING' || x.outcome === 'COULD_NOT_TEST');
  problems.sort((a, b) => SEVERITY.indexOf(a.outcome) - SEVERITY.indexOf(b.outcome));
  const reasonOf = (x: ScenarioResult): string => {
    const v = x.verdicts.find((y) => y.outcome === x.outcome);
    return v ? verdictLine(v) : x.message ?? '';
  };
  const metrics = results.flatMap((x) =>
    x.attachments.filter((a) => a.mediaType === 'application/json').flatMap((a) => {
      try {
        return Object.entries(JSON.parse(a.body) as Record<string, unknown>).filter(([k]) => k.startsWith('reconnect_')).map(([k, v]) => ({ r: x, k, v }));
      } catch {
        return [];
      }
    }),
  );
  // Only the requirements of the roles that ran: those a scenario of this run is tagged with or names.
  const concerned = new Set(results.flatMap((x) => [...x.requirements, ...x.verdicts.flatMap((v) => (v.requirement ? [v.requirement] : []))]));
  // (No scenario at all, as after a failed pre-flight: every requirement, none judged.)
  const reqRows = requirementRows(results, concerned.size ? requirements.filter((q) => concerned.has(q.id)) : requirements).map(({ requirement: q, scenarios: rs, outcome: state }) => {
    // A Pass judged across the run says how much it judged ("412 messages judged over 60 scenarios").
    const links = rs.map((s) => `<li>${badge(s.outcome)} <a href="#s${index.get(s.result)}">${esc(s.result.role)}: ${clean(s.result.name)}</a>${s.outcome === 'PASS' && s.message ? ` <span class="judged">${clean(s.message)}</span>` : ''}</li>`).join('');
    return `<tr id="req-${q.id}" data-requirement="${q.id}" data-state="${state ?? 'NONE'}"><td><a href="#req-${q.id}">${q.id}</a></td><td>${q.level}</td><td>${esc(q.summary)}${interpretationLinks(q.id)}</td><td>${rs.length ? `<ul class="links">${links}</ul>` : '0'}</td><td>${state ? badge(state) : '<span class="badge none">Not run</span>'}</td></tr>`;
  });
  const marks = contentMarks(results);
  const scenarios = results.map((x, i) => {
    // The not-applicable reason is shown once, as the scenario's message, not again among its notes.
    const notes = x.attachments.filter((a) => a.mediaType === 'text/x.cucumber.log+plain').map((a) => a.body).filter((n) => !(x.outcome === 'NOT_APPLICABLE' && n === `NOT APPLICABLE: ${x.message}`));
    return `<section class="scenario" id="s${i}" data-state="${x.outcome}" data-role="${esc(x.role)}" data-location="${esc(x.location)}">
<h3>${badge(x.outcome)} <span class="role">${esc(x.role)}</span> <span class="name">${clean(x.name)}</span></h3>
<p class="meta">${x.requirements.map((q) => `<a class="req" href="#req-${q}">${q}</a>`).join(' ')} · ${esc(x.location)} · ${x.durationMs} ms</p>
${x.outcome === 'NOT_APPLICABLE' && x.message ? `<p class="message">${clean(x.message)}</p>` : ''}
${x.verdicts.length ? `<ul class="verdicts">${x.verdicts.map((v) => `<li data-outcome="${v.outcome}">${badge(v.outcome)} ${clean(verdictLine(v))}</li>`).join('')}</ul>` : ''}
${notes.length ? `<ul class="notes">${notes.map((n) => `<li>${clean(n)}</li>`).join('')}</ul>` : ''}
${transcriptHtml(x, clean, marks)}
</section>`;
  });
  const p = r.preflight;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>MOS over WebSocket conformance report</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1b1f23;max-width:1200px}
h1{margin-bottom:.2rem} table{border-collapse:collapse;width:100%;margin:1rem 0} td,th{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa} .badge{display:inline-block;padding:0 .5rem;border-radius:1rem;font-size:12px;font-weight:600;color:#fff}
.pass{background:#1a7f37}.fail{background:#cf222e}.warning{background:#9a6700}.could_not_test{background:#8250df}.not_applicable{background:#57606a}.not_reached{background:#8c959f}.none{background:#8c959f}
.verdict{font-size:1.4rem;font-weight:700;padding:.6rem 1rem;border-radius:.4rem;display:inline-block;color:#fff} .verdict.PASS{background:#1a7f37}.verdict.FAIL{background:#cf222e}.verdict.COULD_NOT_TEST{background:#8250df}.verdict.INCOMPLETE{background:#9a6700}
.scenario{border-top:1px solid #d0d7de;padding:.4rem 0} .scenario:target{background:#fff8c5} tr:target{background:#fff8c5} .scenario h3{font-size:15px;margin:.3rem 0} .meta{color:#57606a;margin:.1rem 0}
.message{background:#fff8c5;padding:.3rem .5rem;white-space:pre-wrap} .req{font-family:monospace;background:#eaeef2;padding:0 .3rem;border-radius:.2rem}
pre{background:#f6f8fa;padding:.5rem;overflow:auto;font-size:12px;max-height:30rem;white-space:pre-wrap;word-break:break-all;margin:.2rem 0 .4rem 1rem} mark.offending{background:#ffd8d3;outline:1px solid #cf222e} .role{font-family:monospace;color:#0969da}
.lines{font:12px/1.5 ui-monospace,monospace;white-space:pre;overflow-x:auto;background:#f6f8fa;padding:.4rem} .entry summary{cursor:pointer} div.entry{padding-left:1em}
ul.links{margin:0;padding-left:1rem} .interps{color:#57606a;font-size:12px;margin-top:.2rem} #problems li{margin:.2rem 0}
.selfcheck{background:#ffebe9;border:1px solid #cf222e;padding:.5rem} .partial{background:#fff8c5;border:1px solid #9a6700;padding:.5rem}
</style></head><body>
<h1>MOS over WebSocket conformance report</h1>
<p>Generated ${esc(r.finished.toISOString())} by ${esc(tool.name)} ${esc(tool.version)}${tool.commit ? ` (commit ${esc(tool.commit)})` : ''} · timing profile <b>${esc(r.config.timing.name)}</b></p>
${r.config.faults.length ? `<p class="selfcheck">Self-check run: faults injected into the simulators: ${r.config.faults.map(esc).join(', ')}. Not a certification.</p>` : ''}
${r.interrupted ? '<p class="selfcheck" id="interrupted">Interrupted: this report holds only the scenarios that finished before the run was stopped.</p>' : ''}
${r.partial ? `<p class="partial" id="partial">Partial run: ${clean([r.config.tags && `tags ${r.config.tags}`, r.config.features && `features ${r.config.features}`].filter(Boolean).join(', '))} selected ${r.selected} of ${r.available} scenarios. Not a certification of the whole system.</p>` : ''}
<p id="verdict" class="verdict ${verdict}" data-verdict="${verdict}" data-partial="${r.partial}" data-scope-full="${r.scope.full}" data-exit-code="${r.exitCode}" title="${clean(r.verdictMeaning)}">${clean(r.headline)}</p>
<p id="verdict-meaning">${clean(r.verdictMeaning)} (exit code ${r.exitCode})</p>
<h2>Certified scope</h2>
<ul id="scope" data-full="${r.scope.full}">${r.scope.roles.map((s) => `<li data-role="${esc(s.role)}" data-applied="${s.applied}" data-scenarios="${s.scenarios}">${clean(roleScopeLine(s))}${s.mustUndeclared?.length ? ` — <b>not declared, yet a MUST: ${s.mustUndeclared.map((m) => `${esc(m.capability)} (${esc(m.requirement)})`).join(', ')}</b>` : ''}</li>`).join('')}</ul>
<h2>Failures and warnings</h2>
${problems.length ? `<ul id="problems">${problems.map((x) => `<li data-outcome="${x.outcome}">${badge(x.outcome)} <a href="#s${index.get(x)}">${esc(x.role)}: ${clean(x.name)}</a> — ${clean(reasonOf(x))}</li>`).join('')}</ul>` : `<p id="problems">None.</p>`}
${p ? `<h2>Pre-flight</h2><table id="preflight" data-ok="${p.ok}"><tr><th>stage</th><th>result</th></tr>${p.stages.map((s) => `<tr data-stage="${s.stage}" data-ok="${s.ok}"><td>${s.stage}</td><td>${s.ok ? '' : '<b>FAILED</b> '}${clean(s.detail)}</td></tr>`).join('')}</table>` : ''}
<h2>Systems under test</h2>
<table id="systems"><tr><th>role</th><th>system</th><th>identity</th><th>capabilities</th><th>operator</th><th>suite endpoint</th><th>listMachInfo</th></tr>${r.systems.map((s) => systemRow(s, clean)).join('')}</table>
<h2>Summary</h2>
<table id="counts"><tr>${SEVERITY.map((s) => `<th>${LABEL[s]}</th>`).join('')}<th>Total</th></tr>
<tr>${SEVERITY.map((s) => `<td data-count="${s}">${counts[s]}</td>`).join('')}<td data-count="TOTAL">${results.length}</td></tr></table>
<h2>Requirements</h2>
<table id="requirements"><tr><th>id</th><th>level</th><th>requirement</th><th>scenarios</th><th>verdict</th></tr>${reqRows.join('\n')}</table>
${metrics.length ? `<h2>Reconnect timings</h2><table id="reconnects"><tr><th>role</th><th>scenario</th><th>measure</th><th>ms</th></tr>${metrics.map((m) => `<tr><td>${esc(m.r.role)}</td><td>${clean(m.r.name)}</td><td>${esc(m.k)}</td><td>${esc(String(m.v))}</td></tr>`).join('')}</table>` : ''}
${securityHtml(results, clean)}
${profileCoverageHtml(results)}
<h2>Scenarios</h2>
${scenarios.join('\n')}
</body></html>
`;
}
