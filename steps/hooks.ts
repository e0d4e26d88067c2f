// Per-scenario set-up and tear-down, applicability, and the checks that hold in every scenario.
import { After, AfterStep, Before, BeforeAll, setDefaultTimeout, setWorldConstructor, Status } from '@cucumber/cucumber';
import { MosWorld } from './support/world';
import { Capability } from '../suite/config';
import { prepareSignedMedia } from './signed-media-steps';
import { NotApplicable, SCENARIO_MEDIA_TYPE, ScenarioRecord, TRANSCRIPT_MEDIA_TYPE, scenarioOutcome, verdictOfError } from '../suite/verdicts';
import { live } from '../suite/live';
import { receivedFromSut, runWide } from '../suite/run-wide-checks';
import { issuesOf, suiteDefects } from '../suite/content-check';
import { resetRunMemory } from './support/run-memory';
import { EXCHANGED_MEDIA_TYPE, exchangedMessages } from '../suite/exchanged';

setWorldConstructor(MosWorld);
// Every network wait inside the steps has its own, shorter timeout; this is the last resort.
setDefaultTimeout(180_000);

const NEEDS: Record<string, Capability> = {
  '@sut-listens': 'listens',
  '@sut-connects': 'connects',
  '@passive-active': 'passive-active',
  '@passive-listener': 'passive-listener',
  '@sut-verifies-certificates': 'verifies-certificates',
};
/** Scenarios that need any one of several capabilities: the generated probes run on every socket kind the system accepts. */
const NEEDS_ANY: Record<string, Capability[]> = {
  '@sut-listens-any-kind': ['listens', 'passive-listener'],
};

// Each run (one per role) starts with nothing known about the system under test.
BeforeAll(() => {
  resetRunMemory();
  runWide.reset();
});

Before(function (this: MosWorld, { pickle }) {
  this.requirements = pickle.tags.filter((t) => t.name.startsWith('@req:')).map((t) => t.name.slice(5));
  this.isMosScenario = pickle.tags.some((t) => t.name === '@mos-ws');
});

Before({ tags: '@mos-ws' }, async function (this: MosWorld, { pickle }) {
  this.createSut();
  const tags = pickle.tags.map((t) => t.name);
  if (tags.includes('@stream-security')) {
    const notApplicable = await prepareSignedMedia(this);
    if (notApplicable) return this.notApplicable(notApplicable);
  }
  // An NRCS must support the active side of passive mode: a run that does not declare it says so.
  if (this.role === 'nrcs' && this.requirements.includes('MOSWS-PASSIVE-4') && !this.sut.capabilities.includes('passive-active')) {
    return this.notApplicable('an NRCS must support the active side of passive mode (MOSWS-PASSIVE-4), and this run does not declare "passive-active": declare it to certify the NRCS fully');
  }
  for (const [tag, cap] of Object.entries(NEEDS)) {
    if (tags.includes(tag) && !this.sut.capabilities.includes(cap)) return this.notApplicable(`the ${this.role} under test does not declare the capability "${cap}"`);
  }
  for (const [tag, caps] of Object.entries(NEEDS_ANY)) {
    if (tags.includes(tag) && !caps.some((c) => this.sut.capabilities.includes(c))) return this.notApplicable(`the ${this.role} under test declares none of the capabilities ${caps.map((c) => `"${c}"`).join(', ')}`);
  }
  if (tags.includes('@operator') && !this.sut.embedded && !this.config.target?.operator) {
    return this.notApplicable('needs an operator to trigger the system under test (--operator or --operator-command)');
  }
  return undefined;
});

// The error that ended a step, as the verdict it stands for. (The After hook's own `error` is only
// the last step's, which is undefined once later steps were skipped.)
AfterStep(function (this: MosWorld, { error }) {
  if (error instanceof NotApplicable) {
    this.notApplicable(error.reason);
    this.stepFailed = true;
  } else if (error !== undefined) {
    this.verdicts.push(verdictOfError(error));
    this.stepFailed = true;
  }
});

const SUITE_DEFECT = new Set<string>([Status.UNDEFINED, Status.AMBIGUOUS, Status.PENDING]);

After(async function (this: MosWorld, { result, pickle }) {
  try {
    if (result && SUITE_DEFECT.has(result.status)) this.verdicts.push({ outcome: 'COULD_NOT_TEST', message: `the suite could not run this scenario: a step is ${result.status.toLowerCase()}` });
    // A Before hook that threw: no step ran, so no AfterStep saw it.
    else if (result?.status === Status.FAILED && !this.stepFailed) this.verdicts.push(verdictOfError(new Error(result.message ?? 'a set-up hook failed')));
    if (this.isMosScenario && this.notApplicableReason === undefined) {
      // What the system sent is judged once across the run (features/run-wide/); here only whether
      // the suite's own messages were valid MOS, without which this scenario tested nothing.
      runWide.observe(this.observation(pickle.name));
      // (The suite's peer echoes data the system gave it: an invalid echo of invalid content is the system's defect.)
      const own = receivedFromSut(this.transcript.entries).some((e) => issuesOf(e).length) ? undefined : suiteDefects(this.transcript.entries.filter((e) => e.who === 'suite' && e.kind === 'mos' && e.direction === 'out'));
      if (own) this.verdicts.push(own);
    }
  } finally {
    live.endScenario();
    await this.cleanup();
    const completed = result?.status === Status.PASSED;
    const record: ScenarioRecord = { outcome: scenarioOutcome(this.verdicts, this.notApplicableReason), verdicts: this.verdicts, completed, notApplicable: this.notApplicableReason };
    this.attach(JSON.stringify(record), SCENARIO_MEDIA_TYPE);
    if (Object.keys(this.metrics).length) this.attach(JSON.stringify(this.metrics), 'application/json');
    if (this.transcript.entries.length) this.attach(JSON.stringify(this.transcript.entries), TRANSCRIPT_MEDIA_TYPE);
    if (this.isMosScenario) this.attach(JSON.stringify(exchangedMessages(this.transcript.entries)), EXCHANGED_MEDIA_TYPE);
  }
});
