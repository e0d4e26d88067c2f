// MOS message content, judged in every MOS scenario: every message the suite received from the
// system under test is checked against the MOS 2.8.5 model once (a step may judge a reply as it
// arrives; the After hook judges the rest), and the scenario gets one verdict per MOS-CONTENT
// requirement broken, quoting the first issue. The suite's own messages are checked too: an
// issue there is a defect of the suite, never a verdict on the system.
import { CheckVerdict } from '../lib/conformance/outcomes';
import { ContentIssue, ContentRequirement, validateContent, validateEnvelopeOrder } from '../lib/mos/content-validator';
import { readMos } from '../lib/mos/envelope';
import { TranscriptEntry } from '../lib/transport/transcript';
import { levelOf } from '../lib/conformance/requirements';

interface Finding {
  first: string;
  /** Issues of this requirement beyond the first, over all messages. */
  more: number;
}

const ORDER: readonly ContentRequirement[] = ['MOS-CONTENT-1', 'MOS-CONTENT-2', 'MOS-CONTENT-3', 'MOS-CONTENT-4', 'MOS-CONTENT-5', 'MOS-CONTENT-6', 'MOS-CONTENT-7'];

/** The issues of one transcribed MOS message ([] when it cannot be parsed: other checks judge that). */
export function issuesOf(e: TranscriptEntry): ContentIssue[] {
  if (e.kind !== 'mos' || !e.message || e.message === '?') return [];
  try {
    const m = readMos(e.text).message;
    return [...validateEnvelopeOrder(m.envelopeOrder), ...validateContent(m.body)];
  } catch {
    return [];
  }
}

export function describeIssue(e: TranscriptEntry, i: ContentIssue): string {
  return `${e.message}${e.messageID !== undefined ? `#${e.messageID}` : ''}: ${i.path}: ${i.message}${i.message.includes(i.rule) ? '' : ` (rule: ${i.rule})`}`;
}

/** The content judgement of one scenario. */
export class ContentJudge {
  private readonly judged = new WeakSet<TranscriptEntry>();
  private readonly findings = new Map<ContentRequirement, Finding>();

  /** Judge a message received from the system under test, once; returns its issues. */
  judge(e: TranscriptEntry): ContentIssue[] {
    if (this.judged.has(e)) return [];
    this.judged.add(e);
    const issues = issuesOf(e);
    for (const i of issues) {
      const f = this.findings.get(i.requirement);
      if (f) f.more++;
      else this.findings.set(i.requirement, { first: describeIssue(e, i), more: 0 });
    }
    return issues;
  }

  /** One verdict per requirement broken: Fail for MUST, Warning for SHOULD (MOS-CONTENT-7). */
  verdicts(): CheckVerdict[] {
    return ORDER.flatMap((req) => {
      const f = this.findings.get(req);
      if (!f) return [];
      const outcome = levelOf(req) === 'MUST' ? 'FAIL' : 'WARNING';
      return [{ requirement: req, outcome, message: `the system under test sent ${f.first}${f.more ? ` (and ${f.more} more)` : ''}` } satisfies CheckVerdict];
    });
  }
}

/** The suite's own messages with content issues: a defect of the suite, reported as such. */
export function suiteDefects(sent: readonly TranscriptEntry[]): CheckVerdict | undefined {
  for (const e of sent) {
    const issues = issuesOf(e);
    if (issues.length) {
      return { outcome: 'COULD_NOT_TEST', message: `suite defect: the suite itself sent invalid MOS content, so this scenario is no test of the system: ${describeIssue(e, issues[0]!)}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}` };
    }
  }
  return undefined;
}
