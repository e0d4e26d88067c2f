// Per-scenario set-up and tear-down, applicability, and the checks that hold in every scenario.
import { After, Before, setDefaultTimeout, setWorldConstructor, Status } from '@cucumber/cucumber';
import { MosWorld, Verdict } from './support/world';
import { Capability } from './support/config';
import { isDeprecated } from '../lib/mos/catalogue';
import { prepareSignedMedia } from './signed-media-steps';

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
});

Before({ tags: '@mos-ws' }, async function (this: MosWorld, { pickle }) {
  this.createSut();
  const tags = pickle.tags.map((t) => t.name);
  if (tags.includes('@stream-security')) await prepareSignedMedia(this);
  for (const [tag, cap] of Object.entries(NEEDS)) {
    if (tags.includes(tag) && !this.sut.capabilities.includes(cap)) {
      this.log(`NOT APPLICABLE: the ${this.role} under test does not declare the capability "${cap}"`);
      return 'skipped';
    }
  }
  if (tags.includes('@operator') && !this.sut.embedded && !this.config.target?.operator) {
    this.log('NOT APPLICABLE: needs an operator to trigger the system under test (set target.operator)');
    return 'skipped';
  }
  return undefined;
});

After(async function (this: MosWorld, { result, pickle }) {
  try {
    // Across every MOS scenario: the system under test sends no deprecated message.
    if (!pickle.tags.some((t) => t.name === '@mos-ws')) return;
    const deprecated = this.transcript.entries.filter((e) => e.kind === 'mos' && e.who === 'suite' && e.direction === 'in' && e.message && isDeprecated(e.message));
    if (deprecated.length && result?.status === Status.PASSED) {
      throw new Verdict('MOSWS-DEPR-1', `the system under test sent deprecated ${[...new Set(deprecated.map((e) => e.message))].join(', ')}`);
    }
  } finally {
    await this.cleanup();
    if (Object.keys(this.metrics).length) this.attach(JSON.stringify(this.metrics), 'application/json');
    if (this.transcript.entries.length) this.attach(this.transcript.format(), 'text/plain');
  }
});
