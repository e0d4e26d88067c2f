// The per-profile report section: messages each profile's scenarios exchanged, and their outcome.
import { test } from 'node:test';
import { defaultConfig } from '../suite/config';
import assert from 'node:assert/strict';
import { profileCoverage, profileCoverageHtml } from '../reports/profile-coverage';
import { renderHtmlReport } from '../reports/html-report';
import { buildRunRecord } from '../reports/run-record';
import { EXCHANGED_MEDIA_TYPE, exchangedMessages } from '../suite/exchanged';
import type { ScenarioResult } from '../reports/results';
import type { Outcome } from '../lib/conformance/outcomes';

function result(role: string, tags: string[], outcome: Outcome, exchanged: Array<[string, 'in' | 'out']>, message?: string): ScenarioResult {
  const entries = exchanged.map(([m, direction], i) => ({ t: i, who: 'suite', kind: 'mos' as const, direction, message: m, text: '' }));
  return {
    role, uri: 'features/x.feature', location: `features/x.feature:${tags.length}`, name: tags.join(' '), tags: ['@mos-ws', ...tags], requirements: [], outcome, verdicts: [], completed: true, message, durationMs: 1,
    attachments: [{ mediaType: EXCHANGED_MEDIA_TYPE, body: JSON.stringify(exchangedMessages(entries)) }],
  };
}

test('per profile and role: the messages exchanged, their direction, and the worst outcome', () => {
  const results = [
    result('device', ['@profile-2'], 'PASS', [['roCreate', 'out'], ['roAck', 'in'], ['heartbeat', 'out'], ['heartbeat', 'in']]),
    result('device', ['@profile-2'], 'FAIL', [['roElementAction', 'out'], ['roAck', 'in'], ['roAck', 'in']]),
    result('nrcs', ['@profile-4'], 'NOT_APPLICABLE', [], 'exercises MOS profile 4, which the system is not declared to support'),
  ];
  const cov = profileCoverage(results);
  const p2 = cov.find((c) => c.profile === 2 && c.role === 'device')!;
  assert.equal(p2.outcome, 'FAIL');
  assert.deepEqual(p2.messages.map((m) => `${m.message} ${m.directions.join('+')} ${m.scenarios} ${m.outcome}`), ['roAck from-system 2 FAIL', 'roCreate to-system 1 PASS', 'roElementAction to-system 1 FAIL']);
  assert.ok(p2.notExercised.includes('roReq'));
  const p0 = cov.find((c) => c.profile === 0 && c.role === 'device')!;
  assert.deepEqual(p0.messages.map((m) => `${m.message} ${m.directions.join('+')}`), ['heartbeat from-system+to-system']);
  const p4 = cov.find((c) => c.profile === 4 && c.role === 'nrcs')!;
  assert.equal(p4.outcome, 'NOT_APPLICABLE');
  assert.match(p4.notApplicable!, /not declared/);
  assert.equal(cov.some((c) => c.profile === 5), false, 'no row for a profile without scenarios');
  const html = profileCoverageHtml(results);
  assert.match(html, /<tr class="profile" data-profile="2" data-role="device">/);
  assert.match(html, /data-message="roElementAction"><td>roElementAction<\/td><td>suite → system<\/td><td>1<\/td><td><span class="badge fail"/);
  assert.equal(profileCoverageHtml([]), '');
  const report = renderHtmlReport(buildRunRecord({ config: defaultConfig(), results, started: new Date(0), finished: new Date(0), selected: results.length, available: results.length, partial: false, interrupted: false, systems: [] }), []);
  assert.ok(report.indexOf('<h2>MOS profiles</h2>') < report.indexOf('<h2>Scenarios</h2>'));
});
