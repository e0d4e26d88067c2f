// Profile workflows and content checks: the reference simulators' answers and originations are
// valid MOS and what the suite expects; running-order effects of every roElementAction form;
// each content fault breaks exactly the requirement it names; the suite's judgements.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as M from '../lib/mos/messages';
import { buildMos, parseMos, MosMessage } from '../lib/mos/envelope';
import { parseXml, serializeXml, XmlNode } from '../lib/mos/xml';
import { validateContent } from '../lib/mos/content-validator';
import { FAULTS, FaultName } from '../simulators/faults';
import { OUTGOING_FAULTS, rewriteOutgoing } from '../simulators/outgoing-faults';
import { answerFor, Answerer } from '../simulators/answers';
import { OriginatedMessage, Origination, originate, profileRunningOrder } from '../simulators/originations';
import { applyToRunningOrders, RunningOrders } from '../simulators/running-orders';
import { SAMPLE_OBJECTS } from '../simulators/objects';
import { EXPECTED_REPLY, parseAbout, replyProblem, originationMismatch } from '../steps/support/profiles';
import { ContentJudge, suiteDefects } from '../suite/content-check';
import { TranscriptEntry } from '../lib/transport/transcript';

const IDS = { mosID: 'DEVICE.MOS', ncsID: 'NRCS.NCS' };
const asMessage = (body: XmlNode, messageID = 1): MosMessage => parseMos(buildMos({ ...IDS, messageID, body }));
const issues = (body: XmlNode) => validateContent(parseXml(serializeXml(body)));

function stub(role: 'device' | 'nrcs', faults: FaultName[] = []): Answerer & { followUps: XmlNode[] } {
  const followUps: XmlNode[] = [];
  return {
    role, mosID: IDS.mosID, runningOrders: new Map(), objects: new Map(SAMPLE_OBJECTS.map((o) => [o.objID, { ...o }])), faults: new Set(faults), followUps,
    machineInfo: () => ({ manufacturer: 'm', model: 'm', hwRev: '1', swRev: '1', DOM: 'd', SN: 's', ID: 'i', profiles: [0, 1, 2, 3, 4], deviceType: role === 'device' ? 'MOS' : 'NCS' }),
    followUp: (_c, body) => void followUps.push(body),
  };
}

const ALL: OriginatedMessage[] = ['mosObj', 'mosReqObj', 'mosReqAll', 'roReq', 'roCreate', 'roReplace', 'roMetadataReplace', 'roDelete', 'roReadyToAir', 'roElementAction', 'roElementStat', 'mosObjCreate', 'mosReqObjAction', 'mosItemReplace', 'mosReqSearchableSchema', 'mosReqObjList', 'roReqAll', 'roStorySend'];
const FORMS: Array<Pick<Origination, 'operation' | 'form'>> = (['INSERT', 'REPLACE', 'MOVE', 'DELETE', 'SWAP'] as const).flatMap((operation) => (['stories', 'items'] as const).map((form) => ({ operation, form })));

test('every message the simulators originate is valid MOS 2.8.5 content, and the answer is what the suite expects', () => {
  for (const role of ['device', 'nrcs'] as const) {
    const sender = { mosID: IDS.mosID, runningOrders: new Map() as RunningOrders, objects: new Map() };
    originate(sender, { message: 'roCreate', roID: 'RO-T' });
    const receiver = stub(role === 'device' ? 'nrcs' : 'device');
    receiver.runningOrders.set('RO-T', profileRunningOrder('RO-T', IDS.mosID));
    for (const message of ALL.filter((m) => m !== 'roDelete')) {
      for (const extra of message === 'roElementAction' ? FORMS : message === 'roElementStat' ? (['RO', 'STORY', 'ITEM'] as const).map((element) => ({ element })) : [{}]) {
        const { body } = originate(sender, { message, roID: 'RO-T', objID: 'OBJ-1', ...extra });
        assert.deepEqual(issues(body).map((i) => `${i.requirement} ${i.path}`), [], `${message} ${JSON.stringify(extra)}`);
        const reply = answerFor(receiver, asMessage(body));
        assert.ok(reply, `${message} is answered`);
        assert.deepEqual(issues(reply).map((i) => `${i.requirement} ${i.path} ${i.message}`), [], `answer to ${message}`);
        assert.equal(replyProblem(parseXml(serializeXml(body)), asMessage(reply)), undefined, `answer to ${message} ${JSON.stringify(extra)}`);
      }
    }
  }
});

test('running orders: every roElementAction form changes the rundown as MOS defines, all or nothing', () => {
  const ros: RunningOrders = new Map();
  const view = { mosID: IDS.mosID, runningOrders: ros, objects: new Map() };
  const shape = (): string => ros.get('R')!.stories.map((s) => `${s.storyID.replace('R-', '')}(${s.items.map((i) => i.itemID).join(' ')})`).join(' ');
  originate(view, { message: 'roCreate', roID: 'R' });
  assert.equal(shape(), 'S1(I1 I2) S2(I3 I4) S3()');
  const steps: Array<[M.ElementOperation, 'stories' | 'items', RegExp]> = [
    ['MOVE', 'stories', /^S3\(\) S1\(I1 I2\) S2\(I3 I4\)$/],
    ['SWAP', 'stories', /^S1\(I1 I2\) S3\(\) S2\(I3 I4\)$/],
    ['MOVE', 'items', /^S1\(I2 I1\) /],
    ['SWAP', 'items', /^S1\(I1 I2\) /],
    ['INSERT', 'items', /^S1\(I-NEW-\d+ I1 I2\) /],
    ['DELETE', 'items', /^S1\(I-NEW-\d+ I1\) /],
    ['INSERT', 'stories', /^S-NEW-\d+\(\) S1/],
    ['DELETE', 'stories', /^S-NEW-\d+\(\) S1\(I-NEW-\d+ I1\) S3\(\)$/],
  ];
  for (const [operation, form, want] of steps) {
    originate(view, { message: 'roElementAction', roID: 'R', operation, form });
    assert.match(shape(), want, `${operation} of ${form}`);
  }
  const before = shape();
  const bad = parseXml(serializeXml(M.roElementAction('R', 'MOVE', { storyID: 'R-S1' }, { storyIDs: ['R-S3', 'NOPE'] })));
  assert.equal(applyToRunningOrders(ros, 'roElementAction', bad)!.status, 'Unknown story NOPE');
  assert.equal(shape(), before, 'a refused action changes nothing');
  assert.equal(applyToRunningOrders(ros, 'roReadyToAir', parseXml(serializeXml(M.roReadyToAir('X'))))!.status, 'Unknown running order X');
});

test('a device acknowledges roCreate with a status per item of its own; mosReqAll is followed by mosListAll', () => {
  const device = stub('device');
  const ack = answerFor(device, asMessage(M.roCreate(profileRunningOrder('R', IDS.mosID))))!;
  const body = parseXml(serializeXml(ack));
  assert.equal(body.children.filter((c) => c.name === 'status').map((c) => c.text).join(','), 'LOADED,LOADED,LOADED,LOADED');
  answerFor(device, asMessage(M.mosReqAll(0)));
  assert.deepEqual(device.followUps.map((b) => b.name), ['mosListAll']);
  assert.equal(device.followUps[0]!.children!.length, SAMPLE_OBJECTS.length);
  const quiet = stub('device', ['no-list-after-reqall']);
  answerFor(quiet, asMessage(M.mosReqAll(0)));
  assert.deepEqual(quiet.followUps, []);
});

test('each content fault breaks exactly the MOS-CONTENT requirement it names', () => {
  const ro = profileRunningOrder('R', IDS.mosID);
  const samples: XmlNode[] = [
    M.listMachInfo({ manufacturer: 'm', model: 'm', hwRev: '1', swRev: '1', DOM: 'd', SN: 's', ID: 'i', profiles: [0, 1] }),
    M.roAck('R', 'OK', [{ storyID: 'S', itemID: 'I', objID: 'O', status: 'LOADED' }]), M.mosAck('O'), M.mosObj(SAMPLE_OBJECTS[0]!), M.heartbeat(),
    M.roCreate(ro), M.mosObjCreate({ objSlug: 's', objType: 'VIDEO' }),
  ];
  const content = (Object.keys(OUTGOING_FAULTS) as FaultName[]).filter((f) => FAULTS[f].breaks.startsWith('MOS-CONTENT-'));
  assert.equal(content.length, 7, 'one fault per MOS-CONTENT requirement');
  for (const f of content) {
    let hits = 0;
    for (const body of samples) {
      const changed = rewriteOutgoing(new Set([f]), body, false);
      if (changed === body) continue;
      const found = issues(changed);
      if (!found.length) continue;
      hits++;
      assert.deepEqual([...new Set(found.map((i) => i.requirement))], [FAULTS[f].breaks], `${f} on ${body.name}: ${found.map((i) => i.message).join('; ')}`);
    }
    assert.ok(hits > 0, `${f} changes some message`);
  }
  // answers-wrong-id only touches replies.
  const reply = M.roAck('R');
  assert.equal(rewriteOutgoing(new Set<FaultName>(['answers-wrong-id']), reply, false), reply);
  assert.match(serializeXml(rewriteOutgoing(new Set<FaultName>(['answers-wrong-id']), reply, true)), /<roID>R-OTHER<\/roID>/);
});

test('reply judgement: the reply MOS defines, about what was asked, accepting valid input', () => {
  const req = (b: XmlNode) => parseXml(serializeXml(b));
  assert.match(replyProblem(req(M.roReq('R')), asMessage(M.roAck('R', 'Unknown')))!, /answered with roAck with roStatus "Unknown"; MOS defines roList/);
  assert.match(replyProblem(req(M.roReq('R')), asMessage(M.roList({ roID: 'X', roSlug: '', stories: [] })))!, /names roID "X", but the request asked about "R"/);
  assert.match(replyProblem(req(M.roCreate({ roID: 'R', roSlug: '', stories: [] })), asMessage(M.roAck('R', 'busy')))!, /refused: roAck roStatus "busy"/);
  // An error roStatus with per-item status is the device reporting on its objects (the MOS example does so).
  const ro = profileRunningOrder('R', IDS.mosID);
  assert.equal(replyProblem(req(M.roCreate(ro)), asMessage(M.roAck('R', 'Unknown object OBJ-2', [{ storyID: 'R-S1', itemID: 'I2', objID: 'OBJ-2', status: 'UNKNOWN' }]))), undefined);
  assert.match(replyProblem(req(M.roCreate(ro)), asMessage(M.roAck('R', 'OK', [{ storyID: 'R-S9', itemID: 'I1', objID: 'OBJ-1', status: 'LOADED' }])))!, /reports status for R-S9\/I1/);
  assert.match(replyProblem(req(M.mosObj(SAMPLE_OBJECTS[0]!)), asMessage(M.mosAck('OBJ-1', 'NACK', 'no')))!, /refused: mosAck status NACK \("no"\)/);
  assert.match(replyProblem(req(M.mosReqObjList({ username: 'u', queryID: 'Q' })), asMessage(M.mosObjList({ username: 'v', queryID: 'Q', listReturnStart: 0, listReturnEnd: 0, objects: [] })))!, /names username "v"/);
  for (const name of ALL) assert.ok(EXPECTED_REPLY[name], `the suite knows the reply to ${name}`);
});

test('operator actions as scenarios write them, and matching what arrives against them', () => {
  assert.deepEqual(parseAbout('(MOVE of items) for running order RO-P2'), { roID: 'RO-P2', operation: 'MOVE', form: 'items' });
  assert.deepEqual(parseAbout('(element STORY) for running order RO-1'), { roID: 'RO-1', element: 'STORY' });
  assert.deepEqual(parseAbout('for object OBJ-1'), { objID: 'OBJ-1' });
  assert.deepEqual(parseAbout(''), {});
  const ro = profileRunningOrder('R', IDS.mosID);
  const move = asMessage(M.roElementAction('R', 'MOVE', { storyID: 'R-S1' }, { storyIDs: ['R-S3'] }));
  assert.equal(originationMismatch({ message: 'roElementAction', roID: 'R', operation: 'MOVE', form: 'stories' }, move), undefined);
  assert.equal(originationMismatch({ message: 'roElementAction', roID: 'R', operation: 'MOVE', form: 'items' }, move), 'it acts on stories, not items');
  assert.equal(originationMismatch({ message: 'roElementAction', roID: 'Q' }, move), 'it names running order R, not Q');
  assert.equal(originationMismatch({ message: 'roCreate' }, asMessage(M.roCreate(ro))), undefined);
});

function entry(body: XmlNode, messageID = 1, who = 'suite', direction: 'in' | 'out' = 'in'): TranscriptEntry {
  return { t: 0, who, kind: 'mos', direction, message: body.name, messageID, text: buildMos({ ...IDS, messageID, body }) };
}

test('content judge: each message once, one verdict per requirement with the first issue and a count', () => {
  const j = new ContentJudge();
  const bad = entry(rewriteOutgoing(new Set<FaultName>(['bad-time-format']), M.heartbeat(), false), 5);
  assert.equal(j.judge(bad).length, 1);
  assert.equal(j.judge(bad).length, 0, 'judged once');
  j.judge(entry(rewriteOutgoing(new Set<FaultName>(['bad-time-format']), M.heartbeat(), false), 6));
  j.judge(entry(rewriteOutgoing(new Set<FaultName>(['extra-tag']), M.roAck('R'), false), 7));
  j.judge(entry(M.keepAlive(), 0));
  const v = j.verdicts();
  assert.deepEqual(v.map((x) => `${x.requirement} ${x.outcome}`), ['MOS-CONTENT-6 FAIL', 'MOS-CONTENT-7 WARNING']);
  assert.match(v[0]!.message, /^the system under test sent heartbeat#5: heartbeat\/time: <time> "[^"]+" is not in the MOS format: .* \(and 1 more\)$/);
  assert.match(v[1]!.message, /roAck#7: roAck\/vendorNote: /);
  assert.equal(suiteDefects([entry(M.heartbeat(), 1, 'suite', 'out')]), undefined);
  assert.match(suiteDefects([entry(rewriteOutgoing(new Set<FaultName>(['overlong-slug']), M.mosObj(SAMPLE_OBJECTS[0]!), false), 2, 'suite', 'out')])!.message, /^suite defect: .*mosObj#2: mosObj\/objSlug/);
});

test('every known mos-connection disagreement is analysed in docs/interpretations.md', async () => {
  const fs = await import('node:fs');
  const path = await import('node:path');
  const { KNOWN_DISAGREEMENTS } = await import('./mos-connection-disagreements');
  const raw = fs.readFileSync(path.resolve(__dirname, '../../docs/interpretations.md'), 'utf8');
  const doc = raw.replace(/\s+/g, ' ');
  for (const d of KNOWN_DISAGREEMENTS) {
    assert.match(raw, new RegExp(`^#### ${d.entry}\\. `, 'm'), `${d.id}: entry ${d.entry} exists`);
    assert.ok(doc.includes(d.doc), `${d.id}: the analysis ("${d.doc}") is in the docs`);
  }
});
