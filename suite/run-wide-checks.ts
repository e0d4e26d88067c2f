// Requirements that hold for everything a system sends, whatever a scenario is about (message
// content, keepAlive form, replies on their request's socket, one MOS message per frame,
// credentials never in a URL, no deprecated messages, no credentials echoed). Each scenario only feeds what it saw into
// the run's ledger; the ledger is judged once per role, in a test case of its own per
// requirement (features/run-wide/), so one defect is one verdict however often it occurs.
// A scenario about one of these requirements judges it itself: the ledger leaves its
// observations of that requirement out, so the same defect is not judged twice.
import { CheckVerdict } from '../lib/conformance/outcomes';
import { levelOf } from '../lib/conformance/requirements';
import { isDeprecated, repliesTo } from '../lib/mos/catalogue';
import { parseMos } from '../lib/mos/envelope';
import { TranscriptEntry } from '../lib/transport/transcript';
import { Credentials } from '../lib/transport/basic-auth';
import { findCredentialLeaks } from '../lib/transport/credential-leak';
import { ContentRequirement, ContentIssue } from '../lib/mos/content-validator';
import { issuesOf } from './content-check';

/** What one scenario observed, as the run-wide checks need it. */
export interface ScenarioObservation {
  scenario: string;
  /** Requirements the scenario is about (its @req tags): it judges those itself. */
  about: readonly string[];
  entries: readonly TranscriptEntry[];
  /** Request targets of the connections the system opened to the suite's endpoint. */
  upgradeTargets: readonly string[];
  credentials?: Credentials;
  /** Query values that may legitimately look like a credential (configured extras, ids, channels). */
  allowedValues: readonly string[];
}

/** One distinct defect: the same kind of mistake in the same kind of message counts once. */
interface Defect {
  requirement: string;
  /** What makes two occurrences the same defect (e.g. message type, path without indexes, rule). */
  key: string;
  message: string;
  firstScenario: string;
  count: number;
}

/** A finding of one check on one observation. */
interface Finding {
  requirement: string;
  key: string;
  message: string;
}

/** A run-wide check: how many items it judged in one observation, and what was wrong with them. */
interface RunWideCheck {
  requirements: readonly string[];
  /** What the requirement's test case counts (shown with a Pass: "412 messages judged"). */
  unit: string;
  judge(o: ScenarioObservation, received: readonly TranscriptEntry[]): { judged: Map<string, number>; findings: Finding[] };
}

const where = (e: TranscriptEntry): string => `${e.channel ?? '?'}${e.passive ? ' passive' : ''}`;
const named = (e: TranscriptEntry): string => `${e.message}${e.messageID !== undefined ? `#${e.messageID}` : ''}`;
const one = (req: string, n: number): Map<string, number> => new Map([[req, n]]);

const deprecatedMessages: RunWideCheck = {
  requirements: ['MOSWS-DEPR-1'],
  unit: 'messages',
  judge: (_o, received) => ({
    judged: one('MOSWS-DEPR-1', received.length),
    findings: received.filter((e) => e.message && isDeprecated(e.message)).map((e) => ({ requirement: 'MOSWS-DEPR-1', key: e.message!, message: `the system sent the deprecated ${e.message} on the ${where(e)} socket` })),
  }),
};

/** A reply goes back on the socket that carried the suite's request (matched by messageID and reply name). */
const repliesOnTheirSocket: RunWideCheck = {
  requirements: ['MOSWS-TRANSPORT-2'],
  unit: 'replies',
  judge: (o, received) => {
    // The suite's requests: what it sent that expects a reply and is not itself a reply (the
    // suite answers a heartbeat with a heartbeat of the same messageID).
    const requests = new Map<number, TranscriptEntry>();
    const systemIds = new Set<number>();
    for (const e of o.entries) {
      if (e.who !== 'suite' || e.kind !== 'mos' || e.messageID === undefined) continue;
      if (e.direction === 'in') systemIds.add(e.messageID);
      else if (e.message && repliesTo(e.message).length && !systemIds.has(e.messageID)) requests.set(e.messageID, e);
    }
    let judged = 0;
    const findings: Finding[] = [];
    for (const e of received) {
      const req = e.messageID !== undefined ? requests.get(e.messageID) : undefined;
      if (!req || !e.message || !repliesTo(req.message!).includes(e.message) || e.t < req.t || !e.socket || !req.socket) continue;
      judged++;
      if (e.socket !== req.socket) findings.push({ requirement: 'MOSWS-TRANSPORT-2', key: `${req.message} ${where(req)} -> ${where(e)}`, message: `the reply ${named(e)} to the suite's ${req.message} sent on the ${where(req)} socket came back on the ${where(e)} socket` });
    }
    return { judged: one('MOSWS-TRANSPORT-2', judged), findings };
  },
};

const credentialsInUrls: RunWideCheck = {
  requirements: ['MOSWS-AUTH-3'],
  unit: 'connection requests',
  judge: (o) => {
    if (!o.credentials) return { judged: one('MOSWS-AUTH-3', 0), findings: [] };
    const findings = o.upgradeTargets.flatMap((target) => {
      const leaks = findCredentialLeaks(target, o.credentials!, o.allowedValues);
      return leaks.length ? [{ requirement: 'MOSWS-AUTH-3', key: leaks.map((l) => `${l.form} ${l.where}`).join(','), message: `a connection request URL of the system carries ${leaks.map((l) => `${l.form} (${l.where})`).join(', ')}` }] : [];
    });
    return { judged: one('MOSWS-AUTH-3', o.upgradeTargets.length), findings };
  },
};

/** Text that was meant as a keepAlive, however it is spelled. */
export const KEEPALIVE_LIKE = /<keep-?alive\b/i;

function envelopeProblem(text: string): string {
  try {
    parseMos(text);
    return 'unknown';
  } catch (err) {
    return (err as Error).message;
  }
}

/**
 * keepAlive: the mos envelope with mosID, ncsID and keepAlive. A messageID is "not necessary" (the
 * proposal's words): carrying one is a Warning (MOSWS-KA-4, SHOULD), a broken envelope a Fail.
 */
const keepAliveForm: RunWideCheck = {
  requirements: ['MOSWS-KA-1', 'MOSWS-KA-4'],
  unit: 'keepAlive messages',
  judge: (_o, received) => {
    const kas = received.filter((e) => e.message === 'keepAlive' || (e.message === '?' && KEEPALIVE_LIKE.test(e.text)));
    const findings: Finding[] = [];
    for (const e of kas) {
      if (e.message === 'keepAlive' && e.messageID !== undefined) findings.push({ requirement: 'MOSWS-KA-4', key: 'messageID', message: `a keepAlive on the ${where(e)} socket carried messageID ${e.messageID}; keepAlive is not sequenced and needs none` });
      else if (e.message === '?') findings.push({ requirement: 'MOSWS-KA-1', key: envelopeProblem(e.text), message: `a keepAlive on the ${where(e)} socket is not a valid mos envelope (${envelopeProblem(e.text)}): ${e.text.slice(0, 200)}` });
    }
    return { judged: new Map([['MOSWS-KA-1', kas.length], ['MOSWS-KA-4', kas.length]]), findings };
  },
};

/**
 * One MOS message per WebSocket text message: a binary frame, or a text that is not exactly one
 * MOS message (half of one, two in one, no envelope, something before the envelope), breaks the
 * transport. Malformed keepAlives are KA-1's, not counted twice.
 */
const oneMosMessagePerFrame: RunWideCheck = {
  requirements: ['MOSWS-TRANSPORT-1'],
  unit: 'WebSocket messages',
  judge: (o, received) => {
    const findings: Finding[] = [];
    const binary = o.entries.filter((e) => e.who === 'suite' && e.kind === 'error' && e.direction === 'in' && e.text.startsWith('binary frame'));
    for (const b of binary) findings.push({ requirement: 'MOSWS-TRANSPORT-1', key: 'binary', message: `the system sent a binary WebSocket message on the ${where(b)} socket: ${b.text}` });
    for (const e of received) {
      if (e.message === '?' && !KEEPALIVE_LIKE.test(e.text)) findings.push({ requirement: 'MOSWS-TRANSPORT-1', key: `malformed ${envelopeProblem(e.text).replace(/\d+/g, 'N')}`, message: `a WebSocket message the system sent on the ${where(e)} socket is not one MOS message (${envelopeProblem(e.text)}): ${e.text.slice(0, 160)}` });
      else if (e.prefix !== undefined) findings.push({ requirement: 'MOSWS-TRANSPORT-1', key: 'prefix', message: `${named(e)} on the ${where(e)} socket is preceded by ${JSON.stringify(e.prefix.slice(0, 40))}, which is not part of a MOS message (the message itself was judged without it)` });
    }
    return { judged: one('MOSWS-TRANSPORT-1', received.length + binary.length), findings };
  },
};

export const CONTENT_REQUIREMENTS: readonly ContentRequirement[] = ['MOS-CONTENT-1', 'MOS-CONTENT-2', 'MOS-CONTENT-3', 'MOS-CONTENT-4', 'MOS-CONTENT-5', 'MOS-CONTENT-6', 'MOS-CONTENT-7'];

/** The same mistake in the same place of the same message type is one defect (indexes dropped). */
function contentKey(e: TranscriptEntry, i: ContentIssue): string {
  return `${e.message} ${i.path.replace(/\[\d+\]/g, '')} ${i.rule}`;
}

const messageContent: RunWideCheck = {
  requirements: CONTENT_REQUIREMENTS,
  unit: 'messages',
  judge: (_o, received) => {
    const valid = received.filter((e) => e.kind === 'mos' && e.message && e.message !== '?');
    const findings = valid.flatMap((e) => issuesOf(e).map((i) => ({ requirement: i.requirement, key: contentKey(e, i), message: `the system sent ${named(e)}: ${i.path}: ${i.message}${i.message.includes(i.rule) ? '' : ` (rule: ${i.rule})`}` })));
    return { judged: new Map(CONTENT_REQUIREMENTS.map((r) => [r, valid.length])), findings };
  },
};

/** What kind of answer an entry is, in a verdict. */
function answerKind(e: TranscriptEntry): string {
  if (e.kind === 'reject') return 'an HTTP refusal';
  if (e.kind === 'mos') return `${named(e)} on the ${where(e)} socket`;
  if (e.kind === 'http' && e.text.includes(':')) return `the ${e.text.slice(0, e.text.indexOf(':'))}`;
  return `an answer on the ${where(e)} socket`;
}

/**
 * No answer of the system carries a password or Basic token: the configured ones, or ones the
 * suite sent (a refusal that quotes the credentials it refused). The transcript marks such
 * entries (Transcript.watchEcho), since their text is redacted.
 */
const noEchoedSecrets: RunWideCheck = {
  requirements: ['SEC-SECRET-1'],
  unit: 'answers',
  judge: (o) => {
    const answers = o.entries.filter((e) => e.who === 'suite' && (e.direction === 'in' || e.kind === 'reject'));
    const findings = answers.filter((e) => e.echoes?.length).map((e) => ({ requirement: 'SEC-SECRET-1', key: `${e.kind} ${e.message ?? ''} ${e.echoes!.join(',')}`, message: `${answerKind(e)} carried ${e.echoes!.join(' and ')} (redacted in this report)` }));
    return { judged: one('SEC-SECRET-1', answers.length), findings };
  },
};

export const RUN_WIDE_CHECKS: readonly RunWideCheck[] = [deprecatedMessages, repliesOnTheirSocket, credentialsInUrls, keepAliveForm, oneMosMessagePerFrame, messageContent, noEchoedSecrets];

/** Every requirement judged across the run, in the order of their test cases. */
export const RUN_WIDE_REQUIREMENTS: readonly string[] = RUN_WIDE_CHECKS.flatMap((c) => c.requirements);

/** MOS messages the suite received from the system under test. */
export function receivedFromSut(entries: readonly TranscriptEntry[]): TranscriptEntry[] {
  return entries.filter((e) => e.who === 'suite' && e.kind === 'mos' && e.direction === 'in');
}

/** The run's ledger of one role: what was judged, and each distinct defect once. */
export class RunWideLedger {
  private judged = new Map<string, number>();
  private defects = new Map<string, Defect>();
  private scenarios = 0;

  reset(): void {
    this.judged.clear();
    this.defects.clear();
    this.scenarios = 0;
  }

  observe(o: ScenarioObservation): void {
    this.scenarios++;
    const received = receivedFromSut(o.entries);
    for (const check of RUN_WIDE_CHECKS) {
      const { judged, findings } = check.judge(o, received);
      for (const [req, n] of judged) if (!o.about.includes(req)) this.judged.set(req, (this.judged.get(req) ?? 0) + n);
      for (const f of findings) {
        if (o.about.includes(f.requirement)) continue; // that scenario judges it itself
        const id = `${f.requirement} ${f.key}`;
        const d = this.defects.get(id);
        if (d) d.count++;
        else this.defects.set(id, { requirement: f.requirement, key: f.key, message: f.message, firstScenario: o.scenario, count: 1 });
      }
    }
  }

  /** The verdicts of one requirement's run-wide test case; undefined when nothing of it was seen. */
  verdicts(requirement: string): CheckVerdict[] | undefined {
    const check = RUN_WIDE_CHECKS.find((c) => c.requirements.includes(requirement));
    if (!check) throw new Error(`suite defect: ${requirement} is not judged across the run`);
    const defects = [...this.defects.values()].filter((d) => d.requirement === requirement);
    const n = this.judged.get(requirement) ?? 0;
    if (!defects.length && n === 0) return undefined;
    if (!defects.length) return [{ requirement, outcome: 'PASS', message: `${n} ${check.unit} judged over ${this.scenarios} scenarios` }];
    const outcome = levelOf(requirement) === 'MUST' ? 'FAIL' : 'WARNING';
    // One verdict per requirement: its message lists each distinct defect once, with where it was first seen.
    const list = defects.map((d) => `${d.message} (first in "${d.firstScenario}"${d.count > 1 ? `, ${d.count} times` : ''})`);
    const head = defects.length === 1 ? '' : `${defects.length} distinct defects: `;
    return [{ requirement, outcome, message: `${head}${list.join('; ')}` }];
  }
}

/** The ledger of the role being run (one process runs one role at a time). */
export const runWide = new RunWideLedger();
