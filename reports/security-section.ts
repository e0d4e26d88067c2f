// The security and robustness section of every report: the verdict per requirement of the
// `security` family with its source (RFC, BCP or the proposal), and which hostile-input probes ran
// (the destructive ones only with --include-destructive against a vendor's system). Read by
// html-report.ts, results-json.ts and junit.ts, so all three say the same.
import { REQUIREMENTS, Requirement, RequirementSource } from '../lib/conformance/requirements';
import { requirementRows } from './requirement-table';
import type { RequirementState } from '../lib/conformance/outcomes';
import type { ScenarioResult } from './results';

export const SECURITY_FAMILY = 'security';

const SECURITY = REQUIREMENTS.filter((r) => r.family === SECURITY_FAMILY);
const SECURITY_IDS = new Set(SECURITY.map((r) => r.id));

/** A scenario of the security family (its requirements are the family's). */
export function isSecurityScenario(r: Pick<ScenarioResult, 'requirements'>): boolean {
  return r.requirements.some((id) => SECURITY_IDS.has(id));
}

export interface SecuritySection {
  requirements: Array<{ id: string; level: Requirement['level']; summary: string; source: RequirementSource | null; outcome: RequirementState | 'NOT_RUN' }>;
  /** The hostile-input scenarios: which probes each ran, or why it did not run. */
  probes: Array<{ role: string; scenario: string; destructive: boolean; outcome: string; ran: string[]; notRun?: string }>;
}

/** The probes a scenario ran, from the metrics it attached (steps/security-steps.ts: `probes`). */
function probesOf(r: ScenarioResult): string[] {
  for (const a of r.attachments ?? []) {
    if (a.mediaType !== 'application/json') continue;
    try {
      const m = JSON.parse(a.body) as { probes?: string };
      if (typeof m.probes === 'string') return m.probes.split('; ').filter(Boolean);
    } catch {
      // not a metrics attachment
    }
  }
  return [];
}

export function securitySection(results: readonly ScenarioResult[]): SecuritySection {
  const rows = requirementRows(results, SECURITY);
  return {
    requirements: rows.map((x) => ({ id: x.requirement.id, level: x.requirement.level, summary: x.requirement.summary, source: x.requirement.source ?? null, outcome: x.outcome ?? 'NOT_RUN' })),
    probes: results
      .filter((r) => r.requirements.some((id) => id === 'SEC-ROBUST-1' || id === 'SEC-ROBUST-2'))
      .map((r) => ({ role: r.role, scenario: r.name, destructive: r.tags.includes('@destructive'), outcome: r.outcome, ran: probesOf(r), ...(r.outcome === 'NOT_APPLICABLE' ? { notRun: r.message ?? '' } : {}) })),
  };
}

export function sourceText(s: RequirementSource | null | undefined): string {
  return s ? `${s.document} ${s.locator}: “${s.words}”` : '';
}
