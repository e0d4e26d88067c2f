// Set-up for stream-security scenarios: the verifier or signer under test, and whether the
// scenario applies to it (strictness, profile, clock).
import { Before } from '@cucumber/cucumber';
import { MosWorld } from './support/world';
import { EmbeddedSigner, EmbeddedVerifier, VendorSigner, VendorVerifier } from './support/stream-sut';
import { faultsFor, parseFaults } from '../simulators/faults';
import { profileNamed } from '../lib/signing/verifier';

Before({ tags: '@verifier-under-test' }, async function (this: MosWorld, { pickle }) {
  const tags = pickle.tags.map((t) => t.name);
  const wantStrict = tags.includes('@strict') ? true : tags.includes('@non-strict') ? false : undefined;
  // @profile:<name>: the scenario judges a behaviour documented for that verifier profile only.
  const wantProfile = tags.find((t) => t.startsWith('@profile:'))?.slice('@profile:'.length);
  const vendor = this.config.stream.verifier;
  if (vendor) {
    this.verifier = new VendorVerifier(vendor);
    this.transcript.addSecret(this.verifier.secret);
    if (wantStrict !== undefined && wantStrict !== vendor.strict) {
      return this.notApplicable(`the verifier under test is configured ${vendor.strict ? 'strict' : 'non-strict'}`);
    }
    if (wantProfile !== undefined && wantProfile !== this.verifier.profile.name) {
      return this.notApplicable(`this scenario judges a behaviour documented for the ${wantProfile} profile; the verifier under test declares ${this.verifier.profile.name}`);
    }
    if (vendor.fixedNowMs !== undefined) this.clock.setTo(vendor.fixedNowMs);
    if (tags.includes('@controlled-clock') && vendor.fixedNowMs === undefined) {
      return this.notApplicable("needs control of the verifier's clock: the embedded verifier, or a verifier frozen at a known instant (stream.verifier.fixedNowMs)");
    }
    if (tags.includes('@real-clock') && vendor.fixedNowMs !== undefined) {
      return this.notApplicable(`needs the verifier's clock to run; it is frozen at ${new Date(vendor.fixedNowMs).toISOString()} (stream.verifier.fixedNowMs)`);
    }
    return undefined;
  }
  const faults = faultsFor(parseFaults(this.config.faults.join(',')), 'verifier');
  const v = new EmbeddedVerifier(wantStrict ?? true, this.clock, this.transcript, faults, profileNamed(wantProfile ?? this.config.stream.profile).name);
  this.verifier = v;
  await v.start();
  return undefined;
});

Before({ tags: '@signer-under-test' }, async function (this: MosWorld) {
  const vendor = this.config.stream.signer;
  if (vendor) {
    this.signer = new VendorSigner(vendor);
    this.transcript.addSecret(this.signer.secret);
    return;
  }
  const [fault] = faultsFor(parseFaults(this.config.faults.join(',')), 'signer');
  const s = new EmbeddedSigner(this.clock, this.transcript, fault);
  this.signer = s;
  await s.start();
});
