// Which scenarios a run holds, per role, decided by Cucumber itself (the same tag expression and
// feature paths the run uses), before anything runs: an empty selection is a usage error, and a
// narrowed one is a partial run.
import path from 'node:path';
import { loadConfiguration, loadSources } from '@cucumber/cucumber/api';
import type { IRunConfiguration } from '@cucumber/cucumber/api';
import type { SuiteConfig, SuiteRole } from '../suite/config';
import { ROOT } from '../reports/tool';

/**
 * The feature files a role's scenarios live in (its role tag selects among them): a run parses
 * only those, not every feature of every role.
 */
function featuresOf(role: SuiteRole): string {
  return isMosRole(role) ? 'features/mos-ws/**/*.feature' : 'features/stream-security/**/*.feature';
}

const isMosRole = (role: SuiteRole): boolean => role === 'device' || role === 'nrcs';

/**
 * The test cases judged across the run (features/run-wide/): part of every MOS role's run, whatever
 * the selection, and run last (Cucumber runs feature files in the order of their sorted paths).
 */
const RUN_WIDE_FEATURES = 'features/run-wide/**/*.feature';

/** Cucumber's configuration for one role of a run (the tag expression starts with the role). */
export async function cucumberConfiguration(config: SuiteConfig, role: SuiteRole, format: string[] = [], withTags = true): Promise<IRunConfiguration> {
  const runWide = isMosRole(role);
  const selected = withTags && config.tags ? `(${config.tags})` : '';
  const tags = `@${role}-under-test` + (selected ? ` and (${selected}${runWide ? ' or @run-wide' : ''})` : '');
  const paths = [withTags && config.features ? config.features : featuresOf(role), ...(runWide ? [RUN_WIDE_FEATURES] : [])];
  const { runConfiguration } = await loadConfiguration(
    {
      file: false,
      provided: {
        paths,
        require: [path.join(ROOT, 'dist/steps/**/*.js')],
        tags,
        format,
        worldParameters: { config, role } as unknown as Record<string, never>,
        strict: true,
      },
    },
    { cwd: ROOT },
  );
  return runConfiguration;
}

export interface Selection {
  byRole: Map<SuiteRole, number>;
  /** Scenarios selected, over every role. */
  selected: number;
  /** Scenarios the roles have without a tag or feature filter. */
  available: number;
}

export async function selectScenarios(config: SuiteConfig): Promise<Selection> {
  const byRole = new Map<SuiteRole, number>();
  let available = 0;
  for (const role of config.roles) {
    byRole.set(role, await count(config, role, true));
    available += config.tags || config.features ? await count(config, role, false) : byRole.get(role)!;
  }
  return { byRole, selected: [...byRole.values()].reduce((a, b) => a + b, 0), available };
}

async function count(config: SuiteConfig, role: SuiteRole, withTags: boolean): Promise<number> {
  const rc = await cucumberConfiguration(config, role, [], withTags);
  const { plan, errors } = await loadSources(rc.sources, { cwd: ROOT });
  if (errors.length) throw new Error(`cannot read the feature files: ${errors.map((e) => `${e.uri}: ${e.message}`).join('; ')}`);
  return plan.length;
}
