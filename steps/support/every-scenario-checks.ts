// Checks that hold in every MOS scenario, whatever it is about: each judges one requirement on
// everything the system under test sent during the scenario. They add verdicts; they never end
// the scenario early, so a scenario's own verdict is kept beside them.
import { CheckVerdict } from '../../lib/conformance/outcomes';
import { isDeprecated, repliesTo } from '../../lib/mos/catalogue';
import { parseMos } from '../../lib/mos/envelope';
import { TranscriptEntry } from '../../lib/transport/transcript';
import { findCredentialLeaks } from '../../lib/transport/credential-leak';
import type { MosWorld } from './world';
import { suiteDefects } from '../../suite/content-check';

export type EveryScenarioCheck = (w: MosWorld, received: readonly TranscriptEntry[]) => CheckVerdict | CheckVerdict[] | undefined;

/** MOS messages the suite received from the system under test during the scenario. */
export function receivedFromSut(w: MosWorld): TranscriptEntry[] {
  return w.transcript.entries.filter((e) => e.who === 'suite' && e.kind === 'mos' && e.direction === 'in');
}

const deprecatedMessages: EveryScenarioCheck = (_w, received) => {
  const names = [...new Set(received.filter((e) => e.message && isDeprecated(e.message)).map((e) => e.message))];
  return names.length ? { requirement: 'MOSWS-DEPR-1', outcome: 'FAIL', message: `the system under test sent deprecated ${names.join(', ')}` } : undefined;
};

/** Replies of the system under test go back on the socket that carried the suite's request. */
const repliesOnTheirSocket: EveryScenarioCheck = (w, received) => {
  const requests = new Map<number, TranscriptEntry>();
  for (const e of w.transcript.entries) {
    if (e.who === 'suite' && e.kind === 'mos' && e.direction === 'out' && e.messageID !== undefined && e.message && repliesTo(e.message).length) requests.set(e.messageID, e);
  }
  for (const e of received) {
    const req = e.messageID !== undefined ? requests.get(e.messageID) : undefined;
    if (!req || !e.message || !repliesTo(req.message!).includes(e.message) || e.t < req.t) continue;
    if (e.socket && req.socket && e.socket !== req.socket) {
      return { requirement: 'MOSWS-TRANSPORT-2', outcome: 'FAIL', message: `the reply ${e.message}#${e.messageID} to the suite's ${req.message} sent on the ${where(req)} socket came back on the ${where(e)} socket` };
    }
  }
  return undefined;
};

function where(e: TranscriptEntry): string {
  return `${e.channel ?? '?'}${e.passive ? ' passive' : ''}`;
}

/** The first configured credential found in a URL the system requested from the suite's endpoint. */
export function credentialLeak(w: MosWorld): string | undefined {
  const creds = w.sut?.credentials;
  if (!creds || !w.suite) return undefined;
  const allowed = [...Object.values(w.config.suiteEndpoint.extraParams), w.sut.mosID, w.sut.ncsID, 'mom', 'ro', 'aux', 'true', 'false'];
  for (const r of w.suite.upgradeRequests) {
    const leaks = findCredentialLeaks(r.target, creds, allowed);
    if (leaks.length) return `a connection request URL of the system carries ${leaks.map((l) => `${l.form} (${l.where})`).join(', ')}`;
  }
  return undefined;
}

const credentialsInUrls: EveryScenarioCheck = (w) => {
  const leak = credentialLeak(w);
  return leak ? { requirement: 'MOSWS-AUTH-3', outcome: 'FAIL', message: leak } : undefined;
};

/** Text that was meant as a keepAlive, however it is spelled. */
const KEEPALIVE_LIKE = /<keep-?alive\b/i;

/** keepAlive: the mos envelope with mosID and ncsID, and no messageID (it is not sequenced). */
const keepAliveForm: EveryScenarioCheck = (_w, received) => {
  for (const e of received) {
    if (e.message === 'keepAlive') {
      if (e.messageID !== undefined) return { requirement: 'MOSWS-KA-1', outcome: 'FAIL', message: `a keepAlive on the ${where(e)} socket carried messageID ${e.messageID}; keepAlive is not sequenced and has none` };
    } else if (e.message === '?' && KEEPALIVE_LIKE.test(e.text)) {
      return { requirement: 'MOSWS-KA-1', outcome: 'FAIL', message: `a keepAlive on the ${where(e)} socket is not a valid mos envelope (${envelopeProblem(e.text)}): ${e.text.slice(0, 200)}` };
    }
  }
  return undefined;
};

function envelopeProblem(text: string): string {
  try {
    parseMos(text);
    return 'unknown';
  } catch (err) {
    return (err as Error).message;
  }
}

/**
 * One MOS message per WebSocket text message: a binary frame, or a text that is not exactly one
 * MOS message (half of one, two in one, no envelope), breaks the transport. Malformed keepAlives
 * are KA-1's, not counted twice.
 */
const oneMosMessagePerFrame: EveryScenarioCheck = (w, received) => {
  const binary = w.transcript.entries.find((e) => e.who === 'suite' && e.kind === 'error' && e.direction === 'in' && e.text.startsWith('binary frame'));
  if (binary) return { requirement: 'MOSWS-TRANSPORT-1', outcome: 'FAIL', message: `the system sent a binary WebSocket message on the ${where(binary)} socket: ${binary.text}` };
  const bad = received.find((e) => e.message === '?' && !KEEPALIVE_LIKE.test(e.text));
  if (bad) return { requirement: 'MOSWS-TRANSPORT-1', outcome: 'FAIL', message: `a WebSocket message from the system on the ${where(bad)} socket is not one MOS message (${envelopeProblem(bad.text)}): ${bad.text.slice(0, 160)}` };
  return undefined;
};

/** MOS-CONTENT-1..7: every message received, judged once (steps may have judged replies already). */
const messageContent: EveryScenarioCheck = (w, received) => {
  for (const e of received) w.content.judge(e);
  return w.content.verdicts();
};

/**
 * The suite's own messages must be valid MOS: otherwise the scenario tested nothing (no verdict on
 * the system). Judged only when what the system sent was valid: the suite's peer echoes data the
 * system gave it (a running order, an object it was asked to create), and an invalid echo of an
 * invalid message is the system's defect, already judged.
 */
const suiteContent: EveryScenarioCheck = (w) => (w.content.verdicts().length ? undefined : suiteDefects(w.transcript.entries.filter((e) => e.who === 'suite' && e.kind === 'mos' && e.direction === 'out')));

export const EVERY_SCENARIO_CHECKS: readonly EveryScenarioCheck[] = [deprecatedMessages, repliesOnTheirSocket, credentialsInUrls, keepAliveForm, oneMosMessagePerFrame, messageContent, suiteContent];

export function runEveryScenarioChecks(w: MosWorld): CheckVerdict[] {
  const received = receivedFromSut(w);
  // A step may have judged the same requirement already (e.g. AUTH-3 in the dialling scenario,
  // TRANSPORT-2 in a reply wait): one verdict per requirement and outcome is enough.
  const already = new Set(w.verdicts.map((v) => `${v.requirement} ${v.outcome}`));
  return EVERY_SCENARIO_CHECKS.flatMap((c) => c(w, received) ?? []).filter((v) => !already.has(`${v.requirement} ${v.outcome}`));
}
