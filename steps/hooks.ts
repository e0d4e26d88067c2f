// Per-scenario set-up and tear-down, applicability, and the checks that hold in every scenario.
import { After, AfterStep, Before, setDefaultTimeout, setWorldConstructor, Status } from '@cucumber/cucumber';
import { MosWorld } from './support/world';
import { Capability } from './support/config';
import { prepareSignedMedia } from './signed-media-steps';
import { SCENARIO_MEDIA_TYPE, ScenarioRecord, scenarioOutcome, verdictOfError } from './support/verdicts';
import { runEveryScenarioChecks } from './support/every-scenario-checks';
import { EXCHANGED_MEDIA_TYPE, exchangedMessages } from './support/exchanged';

setWorldConstructor(MosWorld);
// Every network wait inside the steps has its own, shorter timeout; this is the last resort.
setDefaultTimeout(180_000);

const NEEDS: Record<string, Capability> = {
  '@sut-listens': 'listens',
  '@sut-connects': 'connects',
  '@passive-active': 'passive-active',
  '@passive-listener': 'passive-listener',
};

Before(function (this: MosWorld, { pickle }) {
  this.requirements = pickle.tags.filter((t) => t.name.startsWith('@req:')).map((t) => t.name.slice(5));
  this.isMosScenario = pickle.tags.some((t) => t.name === '@mos-ws');
});

Before({ tags: '@mos-ws' }, async function (this: MosWorld, { pickle }) {
  this.createSut();
  const tags = pickle.tags.map((t) => t.name);
  if (tags.includes('@stream-security')) await prepareSignedMedia(this);
  for (const [tag, cap] of Object.entries(NEEDS)) {
    if (tags.includes(tag) && !this.sut.capabilities.includes(cap)) return this.notApplicable(`the ${this.role} under test does not declare the capability "${cap}"`);
  }
  if (tags.includes('@operator') && !this.sut.embedded && !this.config.target?.operator) {
    return this.notApplicable('needs an operator to trigger the system under test (--operator or target.operator)');
  }
  return undefined;
});

// The error that ended a step, as the verdict it stands for. (The After hook's own `error` is only
// the last step's, which is undefined once later steps were skipped.)
AfterStep(function (this: MosWorld, { error }) {
  if (error !== undefined) {
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
    if (this.isMosScenario && this.notApplicableReason === undefined) this.verdicts.push(...runEveryScenarioChecks(this));
  } finally {
    await this.cleanup();
    const completed = result?.status === Status.PASSED;
    const record: ScenarioRecord = { outcome: scenarioOutcome(this.verdicts, this.notApplicableReason), verdicts: this.verdicts, completed, notApplicable: this.notApplicableReason };
    this.attach(JSON.stringify(record), SCENARIO_MEDIA_TYPE);
    if (Object.keys(this.metrics).length) this.attach(JSON.stringify(this.metrics), 'application/json');
    if (this.transcript.entries.length) this.attach(this.transcript.format(), 'text/plain');
    if (this.isMosScenario) this.attach(JSON.stringify(exchangedMessages(this.transcript.entries)), EXCHANGED_MEDIA_TYPE);
  }
});
