// `list`: the scenarios with their roles, needed capabilities and requirement ids, read from the
// feature files the run uses; narrowed like a run (--role, --tags).
import { parseArgs } from 'node:util';
import parseTagExpression from '@cucumber/tag-expressions';
import { loadScenarios } from '../reports/traceability';

export const LIST_USAGE = `usage: mos-conformance list [--role R] [--tags EXPR] [--json]
Prints every scenario (one per example row) with the roles it applies to, the capabilities it
needs and the requirements it checks; --tags takes the same expression as run --tags.
  --role R      only scenarios for device, nrcs, verifier or signer
  --tags EXPR   Cucumber tag expression
  --json        one JSON object per line
  --help        this text`;

const NEEDS = ['@sut-listens', '@sut-listens-any-kind', '@sut-connects', '@passive-active', '@passive-listener', '@sut-verifies-certificates', '@operator'];

export function listCommand(argv: string[], out: (s: string) => void = console.log): number {
  const { values } = parseArgs({ args: argv, strict: true, options: { role: { type: 'string' }, tags: { type: 'string' }, json: { type: 'boolean' } } });
  if (values.role && !['device', 'nrcs', 'verifier', 'signer'].includes(values.role)) throw new Error(`--role takes device, nrcs, verifier or signer; got "${values.role}"`);
  let expr: { evaluate(tags: string[]): boolean } | undefined;
  if (values.tags) {
    try {
      expr = parseTagExpression(values.tags);
    } catch (e) {
      throw new Error(`--tags is not a valid tag expression: "${values.tags}" (${/syntax error: (.*?)\.?$/.exec((e as Error).message)?.[1] ?? (e as Error).message})`);
    }
  }
  const rows = loadScenarios().filter((s) => (!values.role || s.tags.includes(`@${values.role}-under-test`)) && (!expr || expr.evaluate(s.tags)));
  for (const s of rows) {
    const roles = s.tags.filter((t) => t.endsWith('-under-test')).map((t) => t.slice(1, -'-under-test'.length));
    const requirements = s.tags.filter((t) => t.startsWith('@req:')).map((t) => t.slice(5));
    const needs = s.tags.filter((t) => NEEDS.includes(t)).map((t) => t.replace(/^@(sut-)?/, ''));
    if (values.json) {
      out(JSON.stringify({ location: `${s.file}:${s.line}`, name: s.runName, roles, needs, requirements, tags: s.tags }));
      continue;
    }
    out(`${s.file}:${s.line}  ${s.runName}`);
    out(`    roles: ${roles.join(', ')}${needs.length ? ` · needs: ${needs.join(', ')}` : ''} · requirements: ${requirements.join(', ')} · tags: ${s.tags.join(' ')}`);
  }
  if (!values.json) {
    // A scenario of several roles runs once per role: the second number is what `run` counts.
    const perRole = ['device', 'nrcs', 'verifier', 'signer'].filter((r) => !values.role || r === values.role).map((r) => [r, rows.filter((s) => s.tags.includes(`@${r}-under-test`)).length] as const).filter(([, n]) => n > 0);
    const runs = perRole.reduce((a, [, n]) => a + n, 0);
    out(`${rows.length} scenario${rows.length === 1 ? '' : 's'}; ${runs} scenario run${runs === 1 ? '' : 's'} across the roles (${perRole.map(([r, n]) => `${r} ${n}`).join(', ')}), as run counts them`);
  }
  return 0;
}
