// Profile applicability: a scenario tagged @profile-N runs only when the vendor declares profile N
// (profile 0 is every MOS system's); otherwise it is not applicable, with the reason.
import { Before } from '@cucumber/cucumber';
import { MosWorld } from './support/world';
import { declaredProfiles, profilesOf } from './support/profiles';

Before({ tags: '@mos-ws' }, function (this: MosWorld, { pickle }) {
  if (this.notApplicableReason !== undefined) return undefined;
  const needed = profilesOf(pickle.tags.map((t) => t.name)).filter((p) => p !== 0);
  if (!needed.length) return undefined;
  const declared = declaredProfiles(this);
  if (declared === undefined) return this.notApplicable(`exercises MOS profile ${needed.join(' and ')}; the configuration declares no profiles (target.profiles)`);
  const missing = needed.filter((p) => !declared.includes(p));
  if (missing.length) return this.notApplicable(`exercises MOS profile ${missing.join(' and ')}, which the system is not declared to support (target.profiles: ${declared.join(', ') || 'none'})`);
  return undefined;
});
