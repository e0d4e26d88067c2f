// Per MOS profile: which of its messages the scenarios tagged @profile-N exchanged with the system
// under test, in which direction, and with what outcome. Fed from the scenario results (tags and
// the exchanged-messages attachment of suite/exchanged.ts); rendered as a section of the
// HTML report.
import { PROFILES } from '../lib/mos/catalogue';
import { OUTCOMES, OUTCOME_LABEL, Outcome, worstOutcome } from '../lib/conformance/outcomes';
import { EXCHANGED_MEDIA_TYPE, Exchange } from '../suite/exchanged';
import type { ScenarioResult } from './results';

export interface MessageCoverage {
  profile: number;
  role: string;
  message: string;
  /** The suite sent it to the system, and/or the system sent it. */
  directions: Array<Exchange['direction']>;
  /** Scenarios of the profile that exchanged it. */
  scenarios: number;
  outcome: Outcome;
}

export interface ProfileCoverage {
  profile: number;
  role: string;
  scenarios: number;
  /** Worst outcome of the profile's scenarios for this role. */
  outcome?: Outcome;
  /** Why the profile's scenarios were not applicable (when all were). */
  notApplicable?: string;
  messages: MessageCoverage[];
  /** Messages of the profile no scenario exchanged. */
  notExercised: string[];
}

function exchanged(r: ScenarioResult): Exchange[] {
  const a = r.attachments.find((x) => x.mediaType === EXCHANGED_MEDIA_TYPE);
  return a ? (JSON.parse(a.body) as Exchange[]) : [];
}

export function profileCoverage(results: readonly ScenarioResult[]): ProfileCoverage[] {
  const out: ProfileCoverage[] = [];
  const roles = [...new Set(results.map((r) => r.role))];
  for (const [p, names] of Object.entries(PROFILES)) {
    const profile = Number(p);
    for (const role of roles) {
      // Profile 0 (heartbeat, keepAlive, machine information) is every MOS scenario's.
      const tagged = results.filter((r) => r.role === role && r.tags.includes(profile === 0 ? '@mos-ws' : `@profile-${profile}`));
      if (!tagged.length) continue;
      const byMessage = new Map<string, { directions: Set<Exchange['direction']>; outcomes: Outcome[] }>();
      for (const r of tagged) {
        for (const x of exchanged(r)) {
          if (!names.includes(x.message)) continue;
          const m = byMessage.get(x.message) ?? { directions: new Set(), outcomes: [] };
          m.directions.add(x.direction);
          m.outcomes.push(r.outcome);
          byMessage.set(x.message, m);
        }
      }
      const allNa = tagged.every((r) => r.outcome === 'NOT_APPLICABLE');
      out.push({
        profile, role, scenarios: tagged.length, outcome: worstOutcome(tagged.map((r) => r.outcome)),
        ...(allNa ? { notApplicable: tagged[0]!.message } : {}),
        messages: names.filter((n) => byMessage.has(n)).map((message) => {
          const m = byMessage.get(message)!;
          return { profile, role, message, directions: [...m.directions].sort(), scenarios: m.outcomes.length, outcome: worstOutcome(m.outcomes)! };
        }),
        notExercised: names.filter((n) => !byMessage.has(n)),
      });
    }
  }
  return out;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const badge = (o: Outcome): string => `<span class="badge ${o.toLowerCase()}" title="${esc(OUTCOMES[o])}">${OUTCOME_LABEL[o]}</span>`;
const DIRECTION: Record<Exchange['direction'], string> = { 'to-system': 'suite → system', 'from-system': 'system → suite' };

/** The report section: one table per profile and role ('' when no scenario is tagged with a profile). */
export function profileCoverageHtml(results: readonly ScenarioResult[]): string {
  const cov = profileCoverage(results);
  if (!cov.length) return '';
  const rows = cov.map((c) => {
    const head = `<tr class="profile" data-profile="${c.profile}" data-role="${esc(c.role)}"><th colspan="4">Profile ${c.profile} · ${esc(c.role)} under test · ${c.scenarios} scenario${c.scenarios === 1 ? '' : 's'} ${c.outcome ? badge(c.outcome) : ''}${c.notApplicable ? ` <span class="na">${esc(c.notApplicable)}</span>` : ''}</th></tr>`;
    const msgs = c.messages.map((m) => `<tr data-message="${esc(m.message)}"><td>${esc(m.message)}</td><td>${m.directions.map((d) => DIRECTION[d]).join(', ')}</td><td>${m.scenarios}</td><td>${badge(m.outcome)}</td></tr>`);
    const none = c.notExercised.length ? [`<tr class="not-exercised"><td colspan="4">Not exercised: ${c.notExercised.map(esc).join(', ')}</td></tr>`] : [];
    return [head, ...msgs, ...none].join('\n');
  });
  return `<h2>MOS profiles</h2>
<p>Messages each profile's scenarios (tag @profile-N; for profile 0 every MOS scenario) exchanged with the system under test, and the worst outcome of the scenarios that exchanged them. Content is judged on every message in every scenario. Profiles without a row have no workflow scenarios (5-7): their messages are judged for content whenever a system sends one, and listMachInfo's report of them is checked against the declaration (MOS-PROFILE-1).</p>
<table id="profiles"><tr><th>message</th><th>direction</th><th>scenarios</th><th>outcome</th></tr>
${rows.join('\n')}</table>`;
}

/** Plain-text form, for the console and logs. */
export function profileCoverageText(results: readonly ScenarioResult[]): string {
  return profileCoverage(results).map((c) => `profile ${c.profile} (${c.role}): ${c.outcome ? OUTCOME_LABEL[c.outcome] : '-'}; ${c.messages.map((m) => `${m.message} ${OUTCOME_LABEL[m.outcome]}`).join(', ') || 'no message exchanged'}${c.notExercised.length ? `; not exercised: ${c.notExercised.join(', ')}` : ''}`).join('\n');
}
