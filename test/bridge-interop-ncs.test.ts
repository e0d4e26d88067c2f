// Interop and external oracle, other role: the MOS features run through the WebSocket <-> TCP
// bridge against @mos-connection/connector (strict mode) acting as the NRCS (isNCS). Where it can:
// the bridge only listens, so the NRCS is certified as a listening system; what it originates
// (operator scenarios) is driven here through mos-connection's API, over the passive sockets, to
// the device simulator. Every message mos-connection writes is validated by the MOS 2.8.5 model;
// everything the suite and the simulator send must be read by mos-connection without an error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { IMOSObjectType } from '@mos-connection/connector';
import type { IMOSItem, IMOSROStory } from '@mos-connection/connector';
import { WsTcpBridge } from '../simulators/ws-tcp-bridge';
import { DeviceSimulator } from '../simulators/device';
import { runConformance } from '../cli/run';
import { defaultConfig, mergeConfig } from '../suite/config';
import { startTestBridge, waitUntil } from './helpers';
import { MosConnectionApp, T, startMosConnection } from './mos-connection-app';
import { contentFindings, metDisagreements, unexplained, verdictFindings, passedApartFromKnown } from './mos-connection-disagreements';

const CREDS = { username: 'bridge', password: 'bridge-ncs-secret-pw' };
process.env.BRIDGE_NCS_PW = CREDS.password;
const s = (x: string) => T.mosString128.create(x);

let app: MosConnectionApp;
let bridge: WsTcpBridge;

before(async () => {
  // The NCS listens on `system` for the device's messages and dials `farSide` (the bridge) for its own.
  const started = await startTestBridge(CREDS);
  bridge = started.bridge;
  app = await startMosConnection('nrcs', started.system, started.farSide);
});

after(async () => {
  await app?.stop();
  await bridge?.stop();
});

test('the MOS features run through the bridge against mos-connection as the NRCS: only known disagreements', { timeout: 120_000 }, async () => {
  const config = mergeConfig(defaultConfig(), {
    target: { role: 'nrcs', url: bridge.url, mosID: 'DEVICE.MOS', ncsID: 'NRCS.NCS', username: CREDS.username, passwordEnv: 'BRIDGE_NCS_PW', allowUntrusted: true, capabilities: ['listens', 'passive-listener'], profiles: [0, 1, 2, 3, 4] },
    timing: { base: 'accelerated', responseTimeoutMs: 3000 },
  });
  const { results } = await runConformance(config, { quiet: true, formats: false });
  const findings = [...verdictFindings(results), ...contentFindings(app.sent)];
  assert.deepEqual(unexplained(verdictFindings(results)), [], 'verdicts that are no known disagreement');
  assert.deepEqual(unexplained(contentFindings(app.sent)), [], 'content issues of messages mos-connection wrote');
  assert.deepEqual(app.problems, [], 'mos-connection failed to parse what the suite sent');
  console.log(`mos-connection as the NRCS: ${results.length} scenarios, known disagreements met: ${metDisagreements(findings).join(', ') || 'none'}`);
  // Passed, apart from the analysed disagreements (e.g. mos-connection's envelope order, judged in every scenario).
  const passed = passedApartFromKnown(results);
  assert.ok(passed.length >= 15, `${passed.length} passed`);
  // The 2.x NCS itself answered: keepAlive is discarded, and the profile requests reached mos-connection.
  assert.ok(passed.some((r) => r.requirements.includes('MOSWS-KA-2')));
  assert.ok(passed.some((r) => r.requirements.includes('MOS-PROFILE-1')), 'listMachInfo matches the declaration');
  for (const what of ['mosObj', 'roReqAll']) assert.ok(app.seen.includes(what), `mos-connection received ${what}`);
});

test('mos-connection as the NRCS originates its profile 1-4 messages over the passive sockets; the device simulator answers and mos-connection reads every answer', { timeout: 30_000 }, async () => {
  const device = new DeviceSimulator({ mosID: 'DEVICE.MOS', ncsID: 'NRCS.NCS', keepAlive: { intervalMs: 60_000, mode: 'off' }, validateContent: true, connect: { url: bridge.url, auth: CREDS, passive: true, trust: { allowUntrusted: true } } });
  await device.start();
  const before = app.problems.length;
  const sentBefore = app.sent.length;
  const ok = (ack: { Status: unknown }): string => T.mosString128.stringify(ack.Status as ReturnType<typeof s>);
  try {
    await waitUntil(() => device.openSockets().filter((x) => x.passive).length >= 2, 5000, 'the passive sockets to open');
    const item = (id: string, obj: string): IMOSItem => ({ ID: s(id), Slug: s(`Item ${id}`), ObjectID: s(obj), MOSID: 'DEVICE.MOS', Channel: s('A'), EditorialStart: 0, EditorialDuration: 500 });
    const story = (id: string, items: IMOSItem[]): IMOSROStory => ({ ID: s(id), Slug: s(`Story ${id}`), Items: items });
    const ro = { ID: s('RO-NCS'), Slug: s('Interop rundown'), EditorialStart: T.mosTime.create('2026-11-25T18:00:00'), EditorialDuration: T.mosDuration.create('00:30:00'), Stories: [story('S1', [item('I1', 'OBJ-1'), item('I2', 'OBJ-2')]), story('S2', [item('I3', 'OBJ-3'), item('I4', 'OBJ-1')]), story('S3', [])] };
    const RO = { RunningOrderID: s('RO-NCS') };
    assert.equal(ok(await app.peer.sendCreateRunningOrder(ro)), 'OK');
    assert.equal(ok(await app.peer.sendReplaceRunningOrder({ ...ro, Slug: s('Interop rundown (replaced)') })), 'OK');
    assert.equal(ok(await app.peer.sendMetadataReplace({ ID: s('RO-NCS'), Slug: s('Interop rundown (metadata)'), EditorialDuration: T.mosDuration.create('00:45:00') })), 'OK');
    assert.equal(ok(await app.peer.sendROInsertStories({ ...RO, StoryID: s('S1') }, [story('S0', [])])), 'OK');
    assert.equal(ok(await app.peer.sendROInsertItems({ ...RO, StoryID: s('S1'), ItemID: s('I1') }, [item('I0', 'OBJ-2')])), 'OK');
    assert.equal(ok(await app.peer.sendROReplaceStories({ ...RO, StoryID: s('S0') }, [story('S0', [])])), 'OK');
    assert.equal(ok(await app.peer.sendROReplaceItems({ ...RO, StoryID: s('S1'), ItemID: s('I0') }, [item('I0', 'OBJ-3')])), 'OK');
    assert.equal(ok(await app.peer.sendROMoveStories({ ...RO, StoryID: s('S1') }, [s('S3')])), 'OK');
    assert.equal(ok(await app.peer.sendROMoveItems({ ...RO, StoryID: s('S1'), ItemID: s('I0') }, [s('I2')])), 'OK');
    assert.equal(ok(await app.peer.sendROSwapStories(RO, s('S1'), s('S2'))), 'OK');
    assert.equal(ok(await app.peer.sendROSwapItems({ ...RO, StoryID: s('S1') }, s('I1'), s('I2'))), 'OK');
    assert.equal(ok(await app.peer.sendRODeleteItems({ ...RO, StoryID: s('S1') }, [s('I0')])), 'OK');
    assert.equal(ok(await app.peer.sendRODeleteStories(RO, [s('S0')])), 'OK');
    assert.equal(ok(await app.peer.sendRunningOrderStory({ RunningOrderId: s('RO-NCS'), ID: s('S2'), Slug: s('Story S2'), Body: [{ Type: 'p', Content: 'Good evening.' }] })), 'OK');
    assert.equal(ok(await app.peer.sendReadyToAir({ ID: s('RO-NCS'), Status: 'READY' as never })), 'OK');
    const shape = device.runningOrders.get('RO-NCS')!.stories.map((x) => `${x.storyID}(${x.items.map((i) => i.itemID).join(' ')})`).join(' ');
    assert.equal(shape, 'S3() S2(I3 I4) S1(I1 I2)', 'the device simulator applied every element action as mos-connection meant it');
    assert.equal(ok(await app.peer.sendDeleteRunningOrder(s('RO-NCS'))), 'OK');
    const obj = await app.peer.sendRequestMOSObject(s('OBJ-1'));
    assert.equal(T.mosString128.stringify(obj.ID!), 'OBJ-1');
    assert.equal((await app.peer.sendRequestAllMOSObjects(0)).Status, 'ACK');
    await waitUntil(() => app.seen.includes('mosListAll'), 3000, 'mos-connection to receive the mosListAll');
    assert.equal((await app.peer.sendObjectCreate({ Slug: s('Created by mos-connection'), Type: IMOSObjectType.VIDEO, TimeBase: 50, Duration: 250 })).Status, 'ACK');
    assert.equal((await app.peer.sendRequestObjectActionNew({ Slug: s('Created by mos-connection (action)'), Type: IMOSObjectType.VIDEO, TimeBase: 50, Duration: 250 })).Status, 'ACK');
    // The simulator judged what it received (validateContent); every issue of every message is judged here.
    assert.ok(device.contentIssues > 0, 'the device simulator validated what it received');
    const issues = contentFindings(app.sent.slice(sentBefore));
    console.log(`mos-connection as the NRCS originating: ${device.transcript.messages({ direction: 'in' }).length} messages to the device simulator, known disagreements met: ${metDisagreements(issues).join(', ') || 'none'}`);
    assert.deepEqual(unexplained(issues), [], 'content issues of messages mos-connection originated');
    assert.deepEqual(app.problems.slice(before), [], 'mos-connection failed to parse a simulator reply');
  } finally {
    await device.stop();
  }
});
