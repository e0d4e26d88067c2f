// junit.xml: one file for CI, judged like the run. Fail -> <failure>, Could not test -> <error>
// (the run exits non-zero for both), Not applicable -> <skipped>, Warning -> a passing test case
// with status="WARNING" and the warning in <system-out> (a warning does not fail a run, so it must
// not fail a CI job). Messages carry the requirement id and the reason; never a stack frame.
// Format: schema/junit.xsd (checked in tests).
import os from 'node:os';
import { OUTCOME_LABEL } from '../lib/conformance/outcomes';
import { ScenarioResult, verdictLine } from './results';
import { RunRecord } from './run-record';
import { toolInfo } from './tool';

function esc(s: string): string {
  // Characters XML 1.0 cannot carry at all are dropped, not escaped.
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** No stack frames of the suite in a CI report: only the lines that say something about the system. */
function withoutStack(text: string): string {
  return text
    .split('\n')
    .filter((l) => !/^\s+at\s.+(\(.*:\d+:\d+\)|:\d+:\d+)$/.test(l))
    .join('\n');
}

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

function testcase(r: ScenarioResult): string {
  const attrs = `classname="${esc(`${r.role}.${r.uri.replace(/\.feature$/, '').replace(/\//g, '.')}`)}" name="${esc(r.name)}" file="${esc(r.uri)}" line="${r.location.split(':').pop()}" time="${seconds(r.durationMs)}"`;
  const first = r.verdicts.find((v) => v.outcome === r.outcome);
  const message = withoutStack(first ? verdictLine(first) : r.message ?? '').split('\n')[0] ?? '';
  const details = esc(withoutStack([...r.verdicts.map((v) => `${OUTCOME_LABEL[v.outcome]}: ${verdictLine(v)}`), `scenario: ${r.location}`].join('\n')));
  switch (r.outcome) {
    case 'PASS':
      return `    <testcase ${attrs} status="PASS"/>`;
    case 'FAIL':
      return `    <testcase ${attrs} status="FAIL">\n      <failure type="${esc(first?.requirement ?? 'FAIL')}" message="${esc(message)}">${details}</failure>\n    </testcase>`;
    case 'COULD_NOT_TEST':
      return `    <testcase ${attrs} status="COULD_NOT_TEST">\n      <error type="${esc(first?.requirement ? `blocked by ${first.requirement}` : 'COULD_NOT_TEST')}" message="${esc(`${OUTCOME_LABEL.COULD_NOT_TEST}: ${message}`)}">${details}</error>\n    </testcase>`;
    case 'WARNING':
      return `    <testcase ${attrs} status="WARNING">\n      <system-out>${details}</system-out>\n    </testcase>`;
    case 'NOT_APPLICABLE':
      return `    <testcase ${attrs} status="NOT_APPLICABLE">\n      <skipped message="${esc(`${OUTCOME_LABEL.NOT_APPLICABLE}: ${r.message ?? ''}`)}"/>\n    </testcase>`;
  }
}

interface Suite {
  name: string;
  cases: string[];
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  ms: number;
}

function suiteXml(s: Suite, timestamp: string, properties: Record<string, string>): string {
  const props = Object.entries(properties).map(([k, v]) => `      <property name="${esc(k)}" value="${esc(v)}"/>`);
  return [
    `  <testsuite name="${esc(s.name)}" tests="${s.tests}" failures="${s.failures}" errors="${s.errors}" skipped="${s.skipped}" time="${seconds(s.ms)}" timestamp="${timestamp}" hostname="${esc(os.hostname())}">`,
    `    <properties>\n${props.join('\n')}\n    </properties>`,
    ...s.cases,
    '  </testsuite>',
  ].join('\n');
}

export function junitXml(r: RunRecord): string {
  const tool = toolInfo();
  const timestamp = r.started.toISOString().replace(/\.\d{3}Z$/, '');
  const properties = {
    verdict: r.verdict,
    exitCode: String(r.exitCode),
    headline: r.headline,
    scopeFull: String(r.scope.full),
    scope: r.scope.summary,
    partial: String(r.partial),
    interrupted: String(r.interrupted),
    timing: r.config.timing.name,
    tool: `${tool.name} ${tool.version}${tool.commit ? ` ${tool.commit}` : ''}`,
    ...(r.config.tags ? { tags: r.config.tags } : {}),
  };
  const suites: Suite[] = [];
  if (r.preflight && !r.preflight.ok) {
    const p = r.preflight;
    const details = esc(p.stages.map((s) => `${s.stage}: ${s.ok ? 'ok' : 'FAILED'} — ${s.detail}`).join('\n'));
    suites.push({
      name: 'pre-flight',
      cases: [`    <testcase classname="preflight" name="${esc(`pre-flight of ${p.target}`)}" time="${seconds(p.ms)}" status="COULD_NOT_TEST">\n      <error type="COULD_NOT_TEST" message="${esc(`${OUTCOME_LABEL.COULD_NOT_TEST}: ${p.reason ?? ''}`)}">${details}</error>\n    </testcase>`],
      tests: 1,
      failures: 0,
      errors: 1,
      skipped: 0,
      ms: p.ms,
    });
  }
  for (const role of r.config.roles) {
    const rs = r.results.filter((x) => x.role === role);
    if (!rs.length) continue;
    suites.push({
      name: `${role} under test`,
      cases: rs.map(testcase),
      tests: rs.length,
      failures: rs.filter((x) => x.outcome === 'FAIL').length,
      errors: rs.filter((x) => x.outcome === 'COULD_NOT_TEST').length,
      skipped: rs.filter((x) => x.outcome === 'NOT_APPLICABLE').length,
      ms: rs.reduce((a, x) => a + x.durationMs, 0),
    });
  }
  const total = (k: keyof Pick<Suite, 'tests' | 'failures' | 'errors' | 'skipped' | 'ms'>): number => suites.reduce((a, s) => a + s[k], 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="mos-ws conformance" tests="${total('tests')}" failures="${total('failures')}" errors="${total('errors')}" skipped="${total('skipped')}" time="${seconds(total('ms'))}">`,
    ...suites.map((s) => suiteXml(s, timestamp, properties)),
    '</testsuites>',
    '',
  ].join('\n');
}
