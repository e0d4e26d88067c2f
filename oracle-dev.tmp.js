// diagnostic: mos-connection device behind the bridge, features with profiles
const { MosConnection, getMosTypes } = require('@mos-connection/connector');
const { runConformance } = require('/work/wt/profiles/dist/cli/run.js');
const { defaultConfig, mergeConfig } = require('/work/wt/profiles/dist/steps/support/config.js');
const { startTestBridge } = require('/work/wt/profiles/dist/test/helpers.js');
const T = getMosTypes(false);
const CREDS = { username: 'bridge', password: 'bridge-secret-pw' };
process.env.BRIDGE_PW = CREDS.password;
(async () => {
  const started = await startTestBridge(CREDS);
  const { lower, upper, query } = started.system;
  const mos = new MosConnection({ mosID: 'DEVICE.MOS', acceptsConnections: true, profiles: { '0': true, '1': true, '2': true, '3': true, '4': true }, isNCS: false, ports: { lower, upper, query }, strict: process.env.STRICT === '1' });
  const errs = [];
  mos.on('error', (e) => errs.push('error ' + String(e).slice(0, 300)));
  mos.on('warning', (e) => errs.push('warning ' + String(e).slice(0, 300)));
  const sentRaw = [];
  mos.on('rawMessage', (_src, type, msg) => { if (type === 'sent') sentRaw.push(String(msg)); });
  await mos.init();
  const device = await mos.connect({ primary: { id: 'NRCS.NCS', host: '127.0.0.1', ports: { lower: started.farSide.lower, upper: started.farSide.upper, query }, dontUseQueryPort: true, heartbeatInterval: 60_000 } });
  const s = (x) => T.mosString128.create(x);
  const ack = (id) => ({ ID: id, Status: s('OK'), Stories: [] });
  device.onRequestMachineInfo(async () => ({ manufacturer: s('NRK'), model: s('mos-connection'), hwRev: s('1'), swRev: s('4.1.1'), DOM: s('2024'), SN: s('1'), ID: s('DEVICE.MOS'), time: T.mosTime.create(Date.now()), mosRev: s('2.8.5'), supportedProfiles: { deviceType: 'MOS', profile0: true, profile1: true, profile2: true, profile3: true, profile4: true } }));
  const ros = new Map();
  device.onCreateRunningOrder(async (ro) => { ros.set(T.mosString128.stringify(ro.ID), ro); return ack(ro.ID); });
  device.onReplaceRunningOrder(async (ro) => { ros.set(T.mosString128.stringify(ro.ID), ro); return ack(ro.ID); });
  device.onDeleteRunningOrder(async (id) => ack(id));
  device.onRequestRunningOrder(async (id) => ros.get(T.mosString128.stringify(id)) ?? null);
  device.onMetadataReplace(async (md) => ack(md.ID));
  device.onReadyToAir(async (a) => ack(a.ID));
  for (const k of ['onROInsertStories','onROInsertItems','onROReplaceStories','onROReplaceItems','onROMoveStories','onROMoveItems','onRODeleteStories','onRODeleteItems','onROSwapStories','onROSwapItems']) device[k](async (a) => ack(a.RunningOrderID));
  const objs = [{ ID: s('OBJ-1'), Slug: s('Opening'), Type: 'VIDEO', TimeBase: 50, Revision: 1, Duration: 500, Status: 'NEW', AirStatus: 'READY', Paths: [], CreatedBy: s('x'), Created: T.mosTime.create(Date.now()), ChangedBy: s('x'), Changed: T.mosTime.create(Date.now()), Description: '' }];
  device.onRequestMOSObject(async (id) => objs.find((o) => T.mosString128.stringify(o.ID) === id) ?? null);
  device.onRequestAllMOSObjects(async () => objs);
  device.onMOSObjects(async () => ({ ID: s(''), Revision: 0, Status: 'ACK', Description: s('') }));
  device.onObjectCreate(async (o) => ({ ID: s('OBJ-NEW'), Revision: 1, Status: 'ACK', Description: s('') }));
  device.onRequestObjectActionNew(async (o) => ({ ID: s('OBJ-NEW2'), Revision: 1, Status: 'ACK', Description: s('') }));
  device.onRequestSearchableSchema(async (u) => ({ username: u, mosSchema: 'http://x/schema.xsd' }));
  device.onRequestObjectList(async (q) => ({ username: q.username, queryID: q.queryID, listReturnStart: 1, listReturnEnd: 1, listReturnTotal: 1, list: objs }));
  device.onRunningOrderStory(async (st) => ack(st.RunningOrderId));
  const config = mergeConfig(defaultConfig(), {
    target: { role: 'device', url: started.bridge.url, mosID: 'DEVICE.MOS', ncsID: 'NRCS.NCS', username: CREDS.username, passwordEnv: 'BRIDGE_PW', allowUntrusted: true, capabilities: ['listens', 'passive-listener'], profiles: [0, 1, 2, 3, 4] },
    timing: { base: 'accelerated', responseTimeoutMs: 3000 },
  });
  const { results } = await runConformance(config, { quiet: true, formats: false });
  for (const r of results) if (r.outcome !== 'PASS') console.log(r.outcome.padEnd(14), r.name, '\n   ', r.verdicts.filter(v=>v.outcome!=='PASS').map(v => `${v.outcome}[${v.requirement}] ${v.message}`).join('\n    ').slice(0, 1500));
  console.log(results.filter(r=>r.outcome==='PASS').length, 'pass of', results.length);
  console.log(errs.join('\n'));
  const { parseMos } = require('/work/wt/profiles/dist/lib/mos/envelope.js');
  const { validateContent } = require('/work/wt/profiles/dist/lib/mos/content-validator.js');
  const seen = new Map();
  for (const t of sentRaw) { let m; try { m = parseMos(t); } catch (e) { seen.set('UNPARSEABLE ' + e.message, t.slice(0,200)); continue; }
    for (const i of validateContent(m.body)) { const k = `${m.name} ${i.requirement} ${i.path.replace(/\[\d+\]/g,'[]')} :: ${i.message.replace(/"[^"]*"/g,'"…"')}`; seen.set(k, (seen.get(k)||0)+1); } }
  console.log(sentRaw.length, 'messages sent by mos-connection');
  for (const [k,v] of seen) console.log(v, k);
  await mos.dispose(); await started.bridge.stop(); process.exit(0);
})();
