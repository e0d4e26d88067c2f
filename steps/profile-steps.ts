// Profile workflows (features/mos-ws/profile-*.feature): the suite's requests and their replies
// (MOS-PROFILE-2), what the system originates when its operator asks (MOS-PROFILE-3), and the
// profiles listMachInfo reports (MOS-PROFILE-1). Messages are built from the suite's own view of
// the running orders (simulators/originations.ts, the table the simulators use).
import { DataTable, Given, Then, When } from '@cucumber/cucumber';
import { MosWorld } from './support/world';
import { CouldNotTest, Verdict } from '../suite/verdicts';
import { readMos } from '../lib/mos/envelope';
import { XmlElement } from '../lib/mos/xml';
import { childText, children, readRunningOrder } from '../lib/mos/read';
import * as M from '../lib/mos/messages';
import { OriginatedMessage, Origination, originate } from '../simulators/originations';
import { copyRunningOrder } from '../simulators/running-orders';
import { TranscriptEntry } from '../lib/transport/transcript';
import { actualRoID, declaredProfiles, exchange, originationMismatch, parseAbout, profileState, replyProblem } from './support/profiles';
import { connectSuiteActive, perform } from './passive-steps';
import { connectPassive } from './connecting-steps';
import { servesPassiveSocketsOnly } from '../suite/config';

/** Requests go through the suite's peer when it is connected (passive mode), else over probes. */
const via = (w: MosWorld): 'probe' | 'suite' => (w.suite ? 'suite' : 'probe');

/** How long the system may take to originate: a moment for the embedded one, an operator's time for a vendor's. */
const originWait = (w: MosWorld): number => (w.sut.embedded ? w.timing.responseTimeoutMs : w.timing.operatorMs);

const fromSut = (w: MosWorld, since: number) => (e: TranscriptEntry): boolean => e.who === 'suite' && e.kind === 'mos' && e.direction === 'in' && e.t >= since;

// ---- connections

async function connectBothWays(w: MosWorld, aux: boolean): Promise<'skipped' | undefined> {
  const caps = w.sut.capabilities;
  // The suite, as the active side, originates over normal sockets of its own: a listener serving
  // passive sockets only (no listens) leaves it none, and is met from the other side if it can be.
  if (caps.includes('passive-listener') && caps.includes('listens')) {
    w.sutUrl = await w.sut.listen();
    await connectSuiteActive(w, aux ? ['mom', 'ro', 'aux'] : ['mom', 'ro']);
    return undefined;
  }
  if (caps.includes('passive-active')) {
    await w.startSuiteEndpoint();
    await connectPassive.call(w);
    return undefined;
  }
  if (servesPassiveSocketsOnly(w.sut)) return w.notApplicable(`the ${w.role} under test serves passive sockets only (it declares "passive-listener" without "listens"), so the suite has no socket to originate over; declare "passive-active" (or "listens") for this scenario`);
  return w.notApplicable(`the ${w.role} under test does not declare the capability "passive-listener" or "passive-active": the scenario needs passive mode in either role, so that both sides originate over the same sockets`);
}

Given('the suite and the system under test are connected in passive mode', function (this: MosWorld) {
  return connectBothWays(this, false);
});

Given('the suite and the system under test are connected in passive mode, with the aux channel', function (this: MosWorld) {
  return connectBothWays(this, true);
});

// ---- profile 0

When('the suite asks for the machine information with reqMachInfo', async function (this: MosWorld) {
  await exchange(this, 'probe', M.reqMachInfo(), 'mom');
});

function machineInfo(w: MosWorld): XmlElement {
  const last = profileState(w).last;
  if (!last || last.reply.name !== 'listMachInfo') throw new Error('no listMachInfo was received');
  return last.reply.body;
}

Then('supportedProfiles reports YES for every declared profile and NO for the others', function (this: MosWorld): 'skipped' | undefined {
  const declared = declaredProfiles(this);
  // Like a capability, a profile is certified only when declared: without a declaration there is nothing to compare.
  if (declared === undefined) return this.notApplicable('the configuration declares no MOS profiles (--profiles, target.profiles), so listMachInfo is not checked against a declaration');
  const sp = children(machineInfo(this), 'supportedProfiles')[0];
  const yes = new Set((sp ? children(sp, 'mosProfile') : []).filter((p) => p.text === 'YES').map((p) => Number(p.attributes.number)));
  this.log(`listMachInfo reports profiles ${[...yes].sort().join(', ') || 'none'}; declared ${declared.join(', ')}`);
  const reportedNo = declared.filter((p) => !yes.has(p));
  const undeclared = [...yes].filter((p) => !declared.includes(p)).sort();
  if (reportedNo.length) throw new Verdict('MOS-PROFILE-1', `listMachInfo does not report YES for profile ${reportedNo.join(', ')}, which the system is declared to support (target.profiles)`);
  if (undeclared.length) throw new Verdict('MOS-PROFILE-1', `listMachInfo reports YES for profile ${undeclared.join(', ')}, which the system is not declared to support: declare it in target.profiles, or report NO`);
});

Then('deviceType names the role of the system under test', function (this: MosWorld) {
  const want = this.role === 'nrcs' ? 'NCS' : 'MOS';
  const got = children(machineInfo(this), 'supportedProfiles')[0]?.attributes.deviceType;
  if (got !== want) throw new Verdict('MOS-PROFILE-1', `supportedProfiles deviceType is ${got === undefined ? 'absent' : `"${got}"`}; a ${this.role === 'nrcs' ? 'newsroom system' : 'MOS device'} reports ${want}`);
});

// ---- the suite's requests

Then('the system answers each of these messages as MOS defines:', async function (this: MosWorld, table: DataTable) {
  const state = profileState(this);
  for (const row of table.hashes()) {
    const about = parseAbout(row.about ?? '');
    const o: Origination = { ...about, message: row.message as OriginatedMessage, roID: actualRoID(this, about.roID) };
    const { channel, body } = originate(state.view, o);
    const { reply } = await exchange(this, via(this), body, channel);
    this.log(`${row.message}${row.about ? ` ${row.about}` : ''}: answered with ${reply.name}`);
  }
});

When('the suite sends mosReqAll with pause {int}', async function (this: MosWorld, pause: number) {
  this.mark = Date.now();
  await exchange(this, via(this), M.mosReqAll(pause), 'mom');
});

Then('the system sends its objects in one mosListAll', async function (this: MosWorld) {
  const wait = this.timing.responseTimeoutMs;
  const e = await this.transcript.waitFor((x) => fromSut(this, this.mark)(x) && x.message === 'mosListAll', wait, 'mosListAll', this.mark).catch(() => {
    throw this.blocked('MOS-PROFILE-3', `the system acknowledged mosReqAll with pause 0 but sent no mosListAll within ${wait} ms`);
  });
  this.content.judge(e);
  profileState(this).listed = children(readMos(e.text).message.body, 'mosObj').map((o) => childText(o, 'objID') ?? '');
  this.log(`mosListAll lists ${profileState(this).listed.length} object(s)`);
});

Then('the system answers mosReqObj for the first object listed with that object', async function (this: MosWorld) {
  const objID = profileState(this).listed[0];
  if (objID === undefined) throw new CouldNotTest(undefined, 'the system listed no objects, so there is none to request with mosReqObj: give the device at least one object');
  await exchange(this, via(this), M.mosReqObj(objID), 'mom');
});

// ---- running orders shared between the scenario's steps

Given('the suite has sent running order {word} to the system under test', async function (this: MosWorld, roID: string) {
  const state = profileState(this);
  const { channel, body } = originate(state.view, { message: 'roCreate', roID });
  await exchange(this, via(this), body, channel);
  // The suite's peer is the newsroom that owns it from now on.
  this.suite?.runningOrders.set(roID, copyRunningOrder(state.view.runningOrders.get(roID)!));
});

Given('the system under test has sent running order {word} to the suite', async function (this: MosWorld, name: string) {
  const since = Date.now();
  const r = await perform(this, { kind: 'originate', message: 'roCreate', roID: name });
  if (r) return r;
  const wait = originWait(this);
  const e = await this.transcript.waitFor((x) => fromSut(this, since)(x) && x.message === 'roCreate', wait, 'roCreate', since).catch(() => {
    throw this.blocked('MOS-PROFILE-3', `no roCreate arrived within ${wait} ms after the operator was asked to create running order ${name}`);
  });
  this.content.judge(e);
  const ro = readRunningOrder(readMos(e.text).message.body);
  const state = profileState(this);
  state.roAlias.set(name, ro.roID);
  state.view.runningOrders.set(ro.roID, ro);
  state.sentBySystem.set(ro.roID, e.t);
  this.log(`the system created running order ${ro.roID} (${ro.stories.length} stories)${ro.roID !== name ? `, used where the scenario says ${name}` : ''}`);
  return undefined;
});

// ---- what the system originates

When(/^the system under test is asked to originate (\w+)(?: (.*))?$/, async function (this: MosWorld, message: string, aboutText?: string) {
  const about = parseAbout(aboutText ?? '');
  const o: Origination = { ...about, message: message as OriginatedMessage, roID: actualRoID(this, about.roID) };
  profileState(this).asked = o;
  this.mark = Date.now();
  return perform(this, { kind: 'originate', ...o });
});

Then('the suite receives that {word} from the system', async function (this: MosWorld, message: string) {
  const o = profileState(this).asked;
  if (!o || o.message !== message) throw new Error(`the scenario asked for no ${message}`);
  const wait = originWait(this);
  let near: string | undefined;
  const match = (): TranscriptEntry | undefined => this.transcript.entries.find((e) => {
    if (!fromSut(this, this.mark)(e) || e.message !== message) return false;
    const why = originationMismatch(o, readMos(e.text).message);
    if (why) near = why;
    return why === undefined;
  });
  await this.until(() => match() !== undefined, wait, () => this.blocked('MOS-PROFILE-3', `the operator asked for ${message}${describe(o)} but none arrived within ${wait} ms${near ? ` (one arrived, but ${near})` : ''}`), `${message} from the system under test`);
  const e = match()!;
  const issues = this.content.judge(e);
  this.log(`received ${message}#${e.messageID} over the ${e.channel}${e.passive ? ' passive' : ''} connection${issues.length ? `; ${issues.length} content issue(s)` : ''}`);
});

function describe(o: Origination): string {
  return [o.operation && ` ${o.operation} of ${o.form}`, o.element && ` element ${o.element}`, o.roID && ` for running order ${o.roID}`].filter(Boolean).join('');
}

// MOS leaves open whether an NCS answers mosListAll (it is itself the answer to mosReqAll);
// mos-connection acknowledges it, other NCSs do not. Either is accepted; a negative or malformed
// acknowledgement is not (docs/interpretations.md #84).
Then("the system accepts the suite's mosListAll", async function (this: MosWorld) {
  const wait = this.timing.responseTimeoutMs;
  const sent = await this.transcript.waitFor((e) => e.who === 'suite' && e.kind === 'mos' && e.direction === 'out' && e.message === 'mosListAll' && e.t >= this.mark, wait, "the suite's mosListAll", this.mark)
    .catch(() => {
      throw new CouldNotTest(undefined, `the suite did not send its mosListAll within ${wait} ms of the mosReqAll`);
    });
  const quiet = this.timing.silenceWindowMs;
  const reply = await this.transcript.waitFor((e) => e.who === 'suite' && e.kind === 'mos' && e.direction === 'in' && e.messageID === sent.messageID && e.t >= sent.t, quiet, 'a reply to mosListAll', sent.t).catch(() => undefined);
  if (!reply) {
    this.log(`no acknowledgement of mosListAll#${sent.messageID} within ${quiet} ms (MOS does not require one)`);
    return;
  }
  this.content.judge(reply);
  const problem = replyProblem(readMos(sent.text).message.body, readMos(reply.text).message);
  if (problem) throw this.blocked('MOS-PROFILE-2', problem);
});

