// The smaller things a vendor meets in an afternoon: usage errors, init templates, the console's
// status line and prompts, a pre-flight reason printed once, list names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { parseErrorMessage } from '../cli/usage-errors';
import { RUN_USAGE } from '../cli/run-args';
import { configTemplate } from '../cli/init';
import { readConfigFile } from '../cli/config-file';
import { RunConsole } from '../cli/console';
import { live } from '../suite/live';
import { buildRunRecord } from '../reports/run-record';
import { defaultConfig } from '../suite/config';
import { loadScenarios } from '../reports/traceability';
import { readNamedFile } from '../cli/simulate-stream';

function parseError(args: string[]): unknown {
  try {
    parseArgs({ args, strict: true, options: { 'target-url': { type: 'string' }, 'password-env': { type: 'string' } } });
  } catch (e) {
    return e;
  }
  throw new Error('no error');
}

test('an unknown option gets the closest known one; --password points at --password-env', () => {
  assert.equal(parseErrorMessage(parseError(['--targt-url', 'x']), RUN_USAGE), 'unknown option --targt-url — did you mean --target-url?');
  assert.match(parseErrorMessage(parseError(['--password', 'x']), RUN_USAGE)!, /^--password is not an option: secrets never go on the command line .* --password-env VENDOR_PW/);
  assert.equal(parseErrorMessage(parseError(['--zzzzzz']), RUN_USAGE), 'unknown option --zzzzzz');
  assert.equal(parseErrorMessage(new Error('other'), RUN_USAGE), undefined);
  assert.throws(() => readNamedFile('/nonexistent/keys.txt', '--keys'), { message: '--keys /nonexistent/keys.txt: cannot be read (no such file)' });
});

test('init templates: a relative $schema that resolves, the right secret variable, profiles; each is a valid configuration', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mosws-init-'));
  try {
    for (const [role, env] of [['device', 'VENDOR_PW'], ['nrcs', 'VENDOR_PW'], ['verifier', 'VERIFIER_KEY'], ['signer', 'SIGNER_KEY']] as const) {
      const file = path.join(dir, `mosws-${role}.json`);
      const text = configTemplate(role, file);
      fs.writeFileSync(file, text);
      const schema = /"\$schema": "([^"]+)"/.exec(text)![1]!;
      assert.ok(!path.isAbsolute(schema), schema);
      assert.ok(fs.existsSync(path.resolve(dir, schema)), `${schema} resolves from the file`);
      assert.match(text.split('\n')[1]!, new RegExp(`run:  ${env}='…' mos-conformance run --config`));
      if (role === 'device' || role === 'nrcs') assert.match(text, /"profiles": \[0, 1, 2\]/);
      if (role === 'verifier') assert.match(text, /"secretEnv": "VERIFIER_KEY"/);
      if (role === 'signer') assert.match(text, /"secretEnv": "SIGNER_KEY"/);
      readConfigFile(file);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

class Screen extends Writable {
  text = '';
  override _write(c: Buffer, _e: BufferEncoding, cb: () => void): void {
    this.text += c.toString();
    cb();
  }
}

test('console: no countdown is drawn after stop (e.g. Ctrl-C); a prompt nobody can answer says so', async () => {
  const out = new Screen();
  const con = new RunConsole(out, { tty: true, unanswerable: true });
  con.start();
  const w = live.beginWait('a roReq for RO-1 from the device under test', 60_000);
  live.operatorPrompt({ role: 'device', action: { kind: 'originate', message: 'roReq', roID: 'RO-1' }, instruction: 'on the device under test, send roReq for running order RO-1 now' });
  await new Promise((r) => setTimeout(r, 800));
  assert.match(out.text, /⧗ waiting for a roReq for RO-1/);
  assert.match(out.text, /OPERATOR(\x1b\[0m)? on the device under test, send roReq for running order RO-1 now — standard input is not a terminal, so nobody can answer here/);
  con.stop();
  const at = out.text.length;
  con.line('interrupted: writing the report');
  con.summary(buildRunRecord({ config: defaultConfig(), results: [], started: new Date(), finished: new Date(), selected: 0, available: 0, partial: false, interrupted: true, systems: [] }));
  assert.doesNotMatch(out.text.slice(at), /⧗/, 'no stale countdown after stop');
  live.endWait(w, false);
  live.endScenario();
});

test('console: a failed pre-flight states its reason once', () => {
  const out = new Screen();
  const con = new RunConsole(out, { tty: false });
  const reason = 'nothing listens at 127.0.0.1:1 (connection refused) — is the system running, and is --target-url right?';
  const preflight = { target: 'wss://127.0.0.1:1/mos', ok: false, stages: [{ stage: 'tcp' as const, ok: false, detail: reason }], reason, machineInfo: { reported: false as const, reason: 'x' }, ms: 3 };
  con.preflight(preflight);
  con.summary(buildRunRecord({ config: defaultConfig(), results: [], started: new Date(), finished: new Date(), selected: 1, available: 1, partial: false, interrupted: false, systems: [], preflight }));
  assert.equal(out.text.split(reason).length - 1, 1, out.text);
  assert.match(out.text, /^Verdict: Could not test — the pre-flight failed, so no scenario was run \(exit code 3\)$/m);
});

test('list names: outline placeholders are filled from their example rows', () => {
  const rows = loadScenarios();
  assert.ok(rows.some((r) => r.name.includes('<') && !r.runName.includes('<')));
  assert.ok(rows.every((r) => !/<\w+>/.test(r.runName)), rows.filter((r) => /<\w+>/.test(r.runName)).map((r) => r.runName).join('\n'));
});

test('HTML report: MOS messages indented, the element a content verdict names marked; a not-applicable reason shown once', async () => {
  const { xmlLines } = await import('../reports/html-report');
  const lines = xmlLines('<mos><mosID>D</mosID><roCreate><roID>R</roID><story><storyID>S1</storyID></story><story><storyID>S2</storyID><item><objID>O</objID></item></story></roCreate></mos>');
  assert.deepEqual(lines.map((l) => l.text), ['<mos>', '  <mosID>D</mosID>', '  <roCreate>', '    <roID>R</roID>', '    <story>', '      <storyID>S1</storyID>', '    </story>', '    <story>', '      <storyID>S2</storyID>', '      <item>', '        <objID>O</objID>', '      </item>', '    </story>', '  </roCreate>', '</mos>']);
  assert.equal(lines[10]!.path, 'mos[1]/roCreate[1]/story[2]/item[1]/objID[1]');
  const { runConformance } = await import('../cli/run');
  const { renderHtmlReport } = await import('../reports/html-report');
  const config = { ...defaultConfig(), roles: ['device' as const], faults: ['overlong-slug'], tags: '(@profile-1 and not @operator) or @run-wide' };
  const { record } = await runConformance(config, { formats: false });
  const html = renderHtmlReport(record, []);
  const content = record.results.flatMap((r) => r.verdicts).filter((v) => v.requirement === 'MOS-CONTENT-4');
  assert.ok(content.length >= 1, 'the fault is caught');
  assert.match(html, /<details class="entry" data-kind="mos" data-offending="true"><summary>[^]*?<mark class="offending">\s*&lt;(\w*[sS]lug)&gt;/);
  const reason = 'the device under test does not declare the capability "connects"';
  const na = { ...record.results[0]!, location: 'features/x.feature:1', outcome: 'NOT_APPLICABLE' as const, verdicts: [], message: reason, attachments: [{ mediaType: 'text/x.cucumber.log+plain', body: `NOT APPLICABLE: ${reason}` }] };
  const withNa = renderHtmlReport({ ...record, results: [...record.results, na] }, []);
  assert.equal(withNa.split(reason.replace(/"/g, '&quot;')).length - 1, 1, 'the not-applicable reason once');
  for (const na of record.results.filter((r) => r.outcome === 'NOT_APPLICABLE' && r.message)) {
    const section = html.slice(html.indexOf(`data-location="${na.location}"`));
    const body = section.slice(0, section.indexOf('</section>'));
    const esc = na.message!.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    assert.equal(body.split(esc).length - 1, 1, `the reason once in ${na.name}`);
  }
});

test('after Enter (done) a failed operator wait names how long it waited, not the full operator time', async () => {
  const { operatorDoneReason } = await import('../suite/live');
  assert.equal(operatorDoneReason('no roReq arrived from the system under test within 120000 ms', 13_250, 10_000), 'no roReq arrived from the system under test within 13250 ms (the operator said the action was done; the suite then waited the 10000 ms grace period)');
  assert.equal(operatorDoneReason('nothing came', 900, 500), 'nothing came (the operator said the action was done; the suite then waited the 500 ms grace period; 900 ms in all)');
});
