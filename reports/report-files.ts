// The report files of a run: results.json and junit.xml always, report.html unless only results
// were asked for. Every file is scrubbed of every secret the run knows.
import fs from 'node:fs';
import path from 'node:path';
import { redactText } from '../lib/transport/redact';
import { EMBEDDED_CREDS, EMBEDDED_STREAM_KEY, SuiteConfig } from '../suite/config';
import { renderHtmlReport } from './html-report';
import { junitXml } from './junit';
import { resultsDocument } from './results-json';
import { RunRecord } from './run-record';

export const REPORT_FILES = { results: 'results.json', junit: 'junit.xml', html: 'report.html' } as const;

/**
 * Per-role files earlier versions wrote from Cucumber's own formatters. They judged differently from
 * the suite (a warning as a failure), so a CI job globbing junit.xml must not find a stale one.
 */
const OUTDATED_ROLE_FILES = ['junit.xml', 'cucumber.json', 'cucumber.html'];

/** Writes the reports into `dir`; returns the paths written. */
export function writeReports(dir: string, r: RunRecord, opts: { html?: boolean } = {}): string[] {
  fs.mkdirSync(dir, { recursive: true });
  for (const role of ['device', 'nrcs', 'verifier', 'signer']) for (const f of OUTDATED_ROLE_FILES) fs.rmSync(path.join(dir, role, f), { force: true });
  const secrets = suiteSecrets(r.config);
  const files: Array<[string, string]> = [
    [REPORT_FILES.results, JSON.stringify(resultsDocument(r), null, 2)],
    [REPORT_FILES.junit, junitXml(r)],
  ];
  if (opts.html !== false) files.push([REPORT_FILES.html, renderHtmlReport(r, secrets)]);
  return files.map(([name, text]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, redactText(text, secrets));
    return file;
  });
}

/** Every secret the run knows, so reports can be scrubbed of them. */
export function suiteSecrets(config: SuiteConfig): string[] {
  const fromEnv = (name?: string): string | undefined => (name ? process.env[name] : undefined);
  return [EMBEDDED_CREDS.password, EMBEDDED_STREAM_KEY.secret, config.target?.password, fromEnv(config.stream.verifier?.secretEnv), fromEnv(config.stream.signer?.secretEnv), fromEnv(config.stream.media?.secretEnv)].filter((s): s is string => !!s);
}
