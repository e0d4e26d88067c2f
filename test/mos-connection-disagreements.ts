// Where @mos-connection/connector 4.x (the external oracle, through the WS<->TCP bridge) and the
// suite's MOS 2.8.5 model disagree: every disagreement the interop tests meet must be listed here
// and analysed in docs/interpretations.md (the entry number); a new one fails them. The model is
// not loosened to make one disappear: a device or newsroom behind the bridge with these
// disagreements fails the named requirement, which is the suite's correct verdict.
import { validateContent } from '../lib/mos/content-validator';
import { parseMos } from '../lib/mos/envelope';
import type { ScenarioResult } from '../reports/results';

export interface Disagreement {
  id: string;
  requirement: string;
  /** Matches "<message> <path>: <issue>" of a content issue, or a verdict's message. */
  match: RegExp;
  /** Whose the fault is, after analysis. */
  analysis: 'mos-connection' | 'model' | 'ambiguity';
  /** The entry of docs/interpretations.md that explains it, and words of that explanation. */
  entry: number;
  doc: string;
}

export const KNOWN_DISAGREEMENTS: readonly Disagreement[] = [
  { id: 'app-roList-before-element-actions', requirement: 'MOS-PROFILE-2', match: /roList answering roReq for RO-ST does not describe the running order as the suite last left it/, analysis: 'mos-connection', entry: 66, doc: 'without applying it' },
  { id: 'envelope-ncsID-first', requirement: 'MOS-CONTENT-2', match: /mos\/mosID: <mosID> comes after <ncsID>/, analysis: 'mos-connection', entry: 66, doc: 'envelope order' },
  { id: 'roEdDur-one-hour-digit', requirement: 'MOS-CONTENT-6', match: /roEdDur.*"\d:\d\d:\d\d"|<roEdDur> "…"/, analysis: 'mos-connection', entry: 49, doc: 'roEdDur `0:30:00`' },
  { id: 'item-field-order', requirement: 'MOS-CONTENT-2', match: /\/item(\[\d*\])?\/(itemSlug|objPaths|mosAbstract)[: ].*out of the order/, analysis: 'mos-connection', entry: 54, doc: 'itemSlug after mosID' },
  { id: 'item-objDur-objTB', requirement: 'MOS-CONTENT-7', match: /\/item(\[\d*\])?\/(objDur|objTB|objSlug)[: ]/, analysis: 'mos-connection', entry: 54, doc: 'objDur/objTB' },
  { id: 'mosObj-optional-fields', requirement: 'MOS-CONTENT-1', match: /mosObj(\[\d*\])?\/(description|createdBy|created|changedBy|changed)[: ].*has no/, analysis: 'mos-connection', entry: 54, doc: 'mosObj without createdBy' },
  { id: 'mosObj-empty-status', requirement: 'MOS-CONTENT-5', match: /mosObj(\[\d*\])?\/(status|objAir)[: ].*"" is not one of the MOS values/, analysis: 'mos-connection', entry: 66, doc: 'empty `<objRev/>`, `<status/>`' },
  { id: 'mosObj-empty-objRev-time', requirement: 'MOS-CONTENT-6', match: /mosObj(\[\d*\])?\/(objRev|created|changed)[: ].*"" is not in the MOS format/, analysis: 'mos-connection', entry: 66, doc: 'empty `<objRev/>`, `<status/>`' },
  { id: 'mosReqObjList-without-searchGroup', requirement: 'MOS-PROFILE-2', match: /mosReqObjList was answered with mosAck with status NACK \("MosDevice .* not found"\)/, analysis: 'mos-connection', entry: 66, doc: 'mosReqObjList without searchGroup' },
  { id: 'roStorySend-order', requirement: 'MOS-CONTENT-2', match: /roStorySend\/roID[: ].*out of the order/, analysis: 'mos-connection', entry: 66, doc: 'roStorySend written storyID' },
  { id: 'object-create-carries-mosObj-fields', requirement: 'MOS-CONTENT-7', match: /(mosObjCreate|mosReqObjAction)\/(objRev|status|objAir|created|changed|changedBy|objID)[: ].*not defined by MOS 2\.8\.5 here/, analysis: 'mos-connection', entry: 66, doc: 'mosObjCreate and mosReqObjAction carrying mosObj fields' },
];

/** The known disagreement a finding is, or undefined (a new disagreement: analyse it). */
export function knownDisagreement(requirement: string | undefined, text: string): Disagreement | undefined {
  return KNOWN_DISAGREEMENTS.find((d) => d.requirement === requirement && d.match.test(text));
}

/** Every content issue of raw MOS messages (as mos-connection wrote them), as "requirement text". */
export function contentFindings(raw: readonly string[]): Array<{ requirement: string; text: string }> {
  const out: Array<{ requirement: string; text: string }> = [];
  for (const t of raw) {
    let m;
    try {
      m = parseMos(t);
    } catch (e) {
      out.push({ requirement: 'unparseable', text: `${(e as Error).message}: ${t.slice(0, 120)}` });
      continue;
    }
    for (const i of validateContent(m.body)) out.push({ requirement: i.requirement, text: `${m.name} ${i.path}: ${i.message}` });
  }
  return out;
}

/** Findings no known disagreement explains, deduplicated, for an assertion message. */
export function unexplained(findings: ReadonlyArray<{ requirement?: string; text: string }>): string[] {
  return [...new Set(findings.filter((f) => !knownDisagreement(f.requirement, f.text)).map((f) => `${f.requirement ?? '-'} ${f.text.replace(/#\d+/g, '#n')}`))];
}

/** Failing, warning and could-not-test verdicts of a run, as findings to match against the known disagreements. */
export function verdictFindings(results: readonly ScenarioResult[]): Array<{ requirement?: string; text: string }> {
  return results.flatMap((r) => r.verdicts.filter((v) => v.outcome === 'FAIL' || v.outcome === 'WARNING' || v.outcome === 'COULD_NOT_TEST').map((v) => ({ requirement: v.requirement, text: `${r.name}: ${v.message}` })));
}

/** The ids of the known disagreements the findings show. */
export function metDisagreements(findings: ReadonlyArray<{ requirement?: string; text: string }>): string[] {
  return KNOWN_DISAGREEMENTS.filter((d) => findings.some((f) => f.requirement === d.requirement && d.match.test(f.text))).map((d) => d.id);
}

/** Scenarios that passed, or whose every non-passing verdict is a known, analysed disagreement. */
export function passedApartFromKnown(results: readonly ScenarioResult[]): ScenarioResult[] {
  return results.filter((r) => r.outcome === 'PASS' || ((r.outcome === 'FAIL' || r.outcome === 'WARNING') && r.verdicts.every((v) => v.outcome === 'PASS' || knownDisagreement(v.requirement, v.message) !== undefined)));
}
