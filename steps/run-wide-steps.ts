// The requirements judged across the whole run (suite/run-wide-checks.ts), each in its own test case.
import { Then } from '@cucumber/cucumber';
import { MosWorld } from './support/world';
import { runWide } from '../suite/run-wide-checks';

Then('across the run, {word} held for everything the system under test sent', function (this: MosWorld, requirement: string) {
  const verdicts = runWide.verdicts(requirement);
  if (!verdicts) return this.notApplicable('nothing this requirement judges was seen in this run');
  this.verdicts.push(...verdicts);
  return undefined;
});
