// Set-up for stream-security scenarios: the verifier or signer under test.
import { Before } from '@cucumber/cucumber';
import { MosWorld } from './support/world';
import { EmbeddedSigner, EmbeddedVerifier, VendorSigner, VendorVerifier } from './support/stream-sut';
import { faultsFor, parseFaults } from '../simulators/faults';

Before({ tags: '@verifier-under-test' }, async function (this: MosWorld, { pickle }) {
  const tags = pickle.tags.map((t) => t.name);
  const wantStrict = tags.includes('@strict') ? true : tags.includes('@non-strict') ? false : undefined;
  const vendor = this.config.stream.verifier;
  if (vendor) {
    this.verifier = new VendorVerifier(vendor);
    this.transcript.addSecret(this.verifier.secret);
    if (wantStrict !== undefined && wantStrict !== vendor.strict) {
      return this.notApplicable(`the verifier under test is configured ${vendor.strict ? 'strict' : 'non-strict'}`);
    }
    if (tags.includes('@embedded-clock')) {
      return this.notApplicable("needs control of the verifier's clock (embedded verifier only)");
    }
    return undefined;
  }
  const faults = faultsFor(parseFaults(this.config.faults.join(',')), 'verifier');
  const v = new EmbeddedVerifier(wantStrict ?? true, this.clock, this.transcript, faults, this.config.stream.profile);
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
