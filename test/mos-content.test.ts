// MOS 2.8.5 content model and validator (lib/mos/model, lib/mos/content-validator.ts) and the
// builders of lib/mos/messages.ts, which must all produce valid content.
import test from 'node:test';
import assert from 'node:assert/strict';
import { parseXml, serializeXml, XmlNode } from '../lib/mos/xml';
import { buildMos, parseMos } from '../lib/mos/envelope';
import { PROFILES } from '../lib/mos/catalogue';
import * as M from '../lib/mos/messages';
import { CONTENT_RULES, ContentIssue, describeContent, hasContentModel, modelMessagesByProfile, validateContent, validateEnvelopeOrder, ValidateOptions } from '../lib/mos/content-validator';
import { MESSAGE_MODELS } from '../lib/mos/model';

const check = (xml: string, opts?: ValidateOptions): ContentIssue[] => validateContent(parseXml(xml), opts);
const brief = (issues: ContentIssue[]): string[] => issues.map((i) => `${i.requirement} ${i.path}`);
const long = (n: number, c = 'x'): string => c.repeat(n);

const META = '<mosExternalMetadata><mosScope>PLAYLIST</mosScope><mosSchema>http://vendor.example/schema/v1</mosSchema><mosPayload><anything deep="1"><nested>free <b>form</b></nested><roID>not checked here</roID></anything></mosPayload></mosExternalMetadata>';
const ITEM = '<item><itemID>0</itemID><objID>M000224</objID><mosID>testmos.enps.com</mosID></item>';
const FULL_ITEM = `<item><itemID>0</itemID><itemSlug>COLSTAT MURDER:VO</itemSlug><objID>M000224</objID><mosID>testmos.enps.com</mosID><mosAbstract><b>Hotel</b> fire <em>vo</em></mosAbstract><objPaths><objPath techDescription="MPEG2 Video">\\\\server\\media\\clip392028cd2320s0d.mxf</objPath><objProxyPath techDescription="WM9 750Kbps">http://server/proxy/clipe.wmv</objProxyPath><objMetadataPath techDescription="MOS Object">http://server/proxy/clipe.xml</objMetadataPath></objPaths><itemChannel>A</itemChannel><itemEdStart>0</itemEdStart><itemEdDur>645</itemEdDur><itemUserTimingDur>310</itemUserTimingDur><itemTrigger>CHAINED -10</itemTrigger><macroIn>c01/l04/dve07</macroIn><macroOut>r00</macroOut>${META}</item>`;
const STORY = `<story><storyID>S1</storyID><storySlug>COLSTAT MURDER</storySlug><storyNum>A5</storyNum>${META}${FULL_ITEM}${ITEM}</story>`;
const RO_FIELDS = `<roID>96857485</roID><roSlug>5PM RUNDOWN</roSlug><roChannel>A</roChannel><roEdStart>2009-04-17T17:02:00</roEdStart><roEdDur>00:58:25</roEdDur><roTrigger>TIMED</roTrigger>`;
const MOS_OBJ = `<mosObj><objID>M000123</objID><objSlug>Hotel Fire</objSlug><mosAbstract><b>Hotel Fire</b><em>vo</em>:30</mosAbstract><objGroup>Show 7</objGroup><objType>VIDEO</objType><objTB>59.94</objTB><objRev>1</objRev><objDur>1800</objDur><status>NEW</status><objAir>READY</objAir><objPaths><objPath techDescription="MPEG2 Video">\\\\server\\media\\clip392028cd2320s0d.mxf</objPath><objProxyPath techDescription="WM9 750Kbps">http://server/proxy/clipe.wmv</objProxyPath><objMetadataPath techDescription="MOS Object">http://server/proxy/clipe.xml</objMetadataPath></objPaths><createdBy>Chris</createdBy><created>2009-10-31T23:39:12</created><changedBy>Chris</changedBy><changed>2009-10-31T23:39:12,125Z</changed><description><p>Exterior footage of <em>Baley Park Hotel</em> on fire.</p><p><tab/>Cuts to view of fire personnel.</p></description>${META}</mosObj>`;
const MIN_OBJ = '<mosObj><objID>M1</objID><objSlug>s</objSlug><objType>STILL</objType><objTB>50</objTB><objRev>0</objRev><objDur>1</objDur><status>UPDATED</status><objAir>NOT READY</objAir><createdBy>a</createdBy><created>2009-10-31T23:39:12-05:00</created><changedBy>b</changedBy><changed>2009-10-31T23:39:12Z</changed><description/></mosObj>';
const OBJECT_FIELDS = `<objSlug>Hotel Fire</objSlug><objGroup>Show 7</objGroup><objType>VIDEO</objType><objTB>59.94</objTB><objDur>1800</objDur><createdBy>Chris</createdBy><description><p>Exterior footage</p></description>${META}`;
const STORY_SEND_BODY = `<roID>RO1</roID><storyID>S1</storyID><storySlug>Hotel fire</storySlug><storyNum>A1</storyNum><storyBody Read1stMEMasBody="true"><storyPresenter>Chet Presenter</storyPresenter><storyPresenterRR>10</storyPresenterRR><p>Good evening, <b>tonight</b> a fire.</p><p><pi>Turn to 2-shot</pi></p><storyItem><itemID>1</itemID><objID>M1</objID><mosID>testmos</mosID><itemChannel>A</itemChannel></storyItem><p>More <em>words</em><tab/></p></storyBody>${META}`;

/** Valid messages: every model message at least once, with optional parts and metadata. */
const VALID: Record<string, string[]> = {
  heartbeat: ['<heartbeat><time>2009-04-11T17:20:42</time></heartbeat>', '<heartbeat><time>2024-02-29T23:59:59,999+14:00</time></heartbeat>'],
  reqMachInfo: ['<reqMachInfo/>'],
  listMachInfo: [
    '<listMachInfo><manufacturer>RadioVision, Ltd.</manufacturer><model>TCS6000</model><hwRev></hwRev><swRev>2.1.0.37</swRev><DOM></DOM><SN>927748927</SN><ID>airchache.newscenter.com</ID><time>2009-04-11T17:20:42</time><opTime>2009-03-01T23:55:10</opTime><mosRev>2.8.5</mosRev><supportedProfiles deviceType="NCS"><mosProfile number="0">YES</mosProfile><mosProfile number="1">YES</mosProfile><mosProfile number="7">NO</mosProfile></supportedProfiles>'
      + '<defaultActiveX><mode>CONTAINED</mode><controlFileLocation>C:\\Program Files\\Plugin\\plugin.exe</controlFileLocation><controlSlug>Plugin</controlSlug><controlName>contained.containedCTRL.1</controlName><controlDefaultParams>URL=http:</controlDefaultParams></defaultActiveX>'
      + `<defaultActiveX><mode>MODALDIALOG</mode><controlFileLocation>x</controlFileLocation><controlSlug>y</controlSlug><controlName>z</controlName><controlDefaultParams></controlDefaultParams></defaultActiveX>${META}</listMachInfo>`,
  ],
  keepAlive: ['<keepAlive/>'],
  mosAck: ['<mosAck><objID>M000123</objID><objRev>1</objRev><status>ACK</status><statusDescription></statusDescription></mosAck>', '<mosAck><objID></objID><objRev></objRev><status>NACK</status></mosAck>'],
  mosObj: [MOS_OBJ, MIN_OBJ],
  mosReqObj: ['<mosReqObj><objID>M000123</objID></mosReqObj>'],
  mosReqAll: ['<mosReqAll><pause>0</pause></mosReqAll>'],
  mosListAll: [`<mosListAll>${MOS_OBJ}${MIN_OBJ}</mosListAll>`, '<mosListAll/>'],
  roAck: [
    '<roAck><roID>96857485</roID><roStatus>Unknown object M000133</roStatus><storyID>5983A501:0049B924:8390EF2B</storyID><itemID>0</itemID><objID>M000224</objID><status>LOADED</status><storyID>3854737F:0003A34D:983A0B28</storyID><itemID>0</itemID><objID>M000133</objID><itemChannel>A</itemChannel><status>UNKNOWN</status></roAck>',
    '<roAck><roID>R</roID><roStatus>OK</roStatus></roAck>',
  ],
  roCreate: [`<roCreate>${RO_FIELDS}<macroIn>in</macroIn><macroOut>out</macroOut>${META}${META}${STORY}${STORY}</roCreate>`, '<roCreate><roID>R</roID><roSlug></roSlug></roCreate>'],
  roReplace: [`<roReplace>${RO_FIELDS}${STORY}</roReplace>`],
  roDelete: ['<roDelete><roID>49478285</roID></roDelete>'],
  roReq: ['<roReq><roID>96857485</roID></roReq>'],
  roList: [`<roList>${RO_FIELDS}${META}${STORY}</roList>`],
  roMetadataReplace: [`<roMetadataReplace>${RO_FIELDS}${META}</roMetadataReplace>`],
  roElementStat: [
    '<roElementStat element="RO"><roID>5PM</roID><status>MANUAL CTRL</status><time>2009-04-11T14:13:53</time></roElementStat>',
    '<roElementStat element="STORY"><roID>5PM</roID><storyID>HOTEL FIRE</storyID><status>PLAY</status><time>1999-04-11T14:13:53</time></roElementStat>',
    '<roElementStat element="ITEM"><roID>5PM</roID><storyID>HOTEL FIRE</storyID><itemID>0</itemID><objID>A0295</objID><itemChannel>B</itemChannel><status>PLAY</status><time>2009-04-11T14:13:53</time></roElementStat>',
  ],
  roReadyToAir: ['<roReadyToAir><roID>5PM</roID><roAir>NOT READY</roAir></roReadyToAir>'],
  roElementAction: [
    `<roElementAction operation="INSERT"><roID>5PM</roID><element_target><storyID>2</storyID></element_target><element_source>${STORY}${STORY}</element_source></roElementAction>`,
    `<roElementAction operation="INSERT"><roID>5PM</roID><element_target><storyID>2</storyID><itemID>23</itemID></element_target><element_source>${FULL_ITEM}</element_source></roElementAction>`,
    `<roElementAction operation="REPLACE"><roID>5PM</roID><element_target><storyID>2</storyID></element_target><element_source>${STORY}</element_source></roElementAction>`,
    `<roElementAction operation="REPLACE"><roID>5PM</roID><element_target><storyID>2</storyID><itemID>23</itemID></element_target><element_source>${ITEM}</element_source></roElementAction>`,
    '<roElementAction operation="MOVE"><roID>5PM</roID><element_target><storyID>2</storyID></element_target><element_source><storyID>7</storyID><storyID>12</storyID></element_source></roElementAction>',
    '<roElementAction operation="MOVE"><roID>5PM</roID><element_target><storyID>2</storyID><itemID>12</itemID></element_target><element_source><itemID>23</itemID><itemID>24</itemID></element_source></roElementAction>',
    '<roElementAction operation="DELETE"><roID>5PM</roID><element_source><storyID>3</storyID></element_source></roElementAction>',
    '<roElementAction operation="DELETE"><roID>5PM</roID><element_target><storyID>2</storyID></element_target><element_source><itemID>23</itemID><itemID>24</itemID></element_source></roElementAction>',
    '<roElementAction operation="SWAP"><roID>5PM</roID><element_source><storyID>3</storyID><storyID>5</storyID></element_source></roElementAction>',
    '<roElementAction operation="SWAP"><roID>5PM</roID><element_target><storyID>2</storyID></element_target><element_source><itemID>23</itemID><itemID>24</itemID></element_source></roElementAction>',
  ],
  mosObjCreate: [`<mosObjCreate>${OBJECT_FIELDS}</mosObjCreate>`, '<mosObjCreate><objSlug>s</objSlug><objType>AUDIO</objType><objTB>48000</objTB><time>2009-04-11T14:13:53</time></mosObjCreate>'],
  mosItemReplace: [`<mosItemReplace><roID>5PM</roID><storyID>HOTEL FIRE</storyID>${FULL_ITEM}</mosItemReplace>`],
  mosReqSearchableSchema: ['<mosReqSearchableSchema username="jbob"/>'],
  mosListSearchableSchema: ['<mosListSearchableSchema username="myUsername"><mosSchema>http://MOSA4.com/mos/supported_schemas/MOSAXML2.08</mosSchema></mosListSearchableSchema>'],
  mosReqObjList: [
    '<mosReqObjList username="jbob"><queryID>123439392039393ade0393zdkdls</queryID><listReturnStart>1</listReturnStart><listReturnEnd/><generalSearch>man bites dog</generalSearch><mosSchema>http://MOSA4.com/mos/supported_schemas/MOSAXML2.08</mosSchema>'
      + '<searchGroup><searchField XPath="/Presenter [. =\'Bob\']" sortByOrder="1"/><searchField XPath="/Slug [.=\'Dog Abuse\']"/><searchField XPath="/Video/Length [.&gt;60 AND &lt;120]" sortByOrder="2" sortType="DESCENDING"/></searchGroup>'
      + '<searchGroup><searchField XPath="/Presenter [. =\'Jennifer\']"/></searchGroup></mosReqObjList>',
  ],
  mosObjList: [
    `<mosObjList username="jbob"><queryID>A392938329kdakd2039300d0s9l3l9d0bzAQ</queryID><listReturnStart>1</listReturnStart><listReturnEnd>20</listReturnEnd><listReturnTotal>128</listReturnTotal><list>${MOS_OBJ}${MIN_OBJ}</list></mosObjList>`,
    '<mosObjList username="jbob"><queryID>Q</queryID><listReturnStart></listReturnStart><listReturnEnd></listReturnEnd><listReturnTotal>0</listReturnTotal><listReturnStatus>No objects found</listReturnStatus></mosObjList>',
  ],
  mosReqObjAction: [
    `<mosReqObjAction operation="NEW">${OBJECT_FIELDS}</mosReqObjAction>`,
    `<mosReqObjAction operation="UPDATE" objID="1EFA3009233F8329C1"><objSlug>Hotel Fire</objSlug><mosAbstract>abs</mosAbstract><objType>VIDEO</objType><objTB>50</objTB><changedBy>Chris</changedBy><changed>2009-04-11T14:13:53</changed>${META}</mosReqObjAction>`,
    '<mosReqObjAction operation="DELETE" objID="1EFA3009233F8329C1"></mosReqObjAction>',
  ],
  roReqAll: ['<roReqAll/>'],
  roListAll: [`<roListAll><ro>${RO_FIELDS}${META}</ro><ro><roID>6PM</roID><roSlug>6PM Rundown</roSlug><roChannel></roChannel></ro></roListAll>`, '<roListAll/>'],
  roStorySend: [`<roStorySend>${STORY_SEND_BODY}</roStorySend>`, '<roStorySend><roID>R</roID><storyID>S</storyID><storyBody/></roStorySend>'],
  roItemCue: [`<roItemCue><mosID>mos.server.com</mosID><roID>RO001</roID><storyID>STORY001</storyID><itemID>ITEM001</itemID><roEventType>CUE</roEventType><roEventTime>2024-01-15T10:30:00Z</roEventTime>${META}</roItemCue>`],
  roCtrl: ['<roCtrl><roID>RO001</roID><storyID>STORY001</storyID><itemID>ITEM001</itemID><command>EXECUTE</command></roCtrl>', `<roCtrl><roID>RO001</roID><storyID></storyID><itemID></itemID><command>READY</command>${META}</roCtrl>`],
  roReqStoryAction: [
    `<roReqStoryAction operation="NEW" leaseLock="2" username="jbob"><roStorySend>${STORY_SEND_BODY}</roStorySend></roReqStoryAction>`,
    `<roReqStoryAction operation="UPDATE" username="jbob"><roStorySend>${STORY_SEND_BODY}</roStorySend></roReqStoryAction>`,
    '<roReqStoryAction operation="DELETE" username="jbob"><roStorySend><roID>96857485</roID><storyID>5983A501:0049B924:8390EF1F</storyID><storyBody/></roStorySend></roReqStoryAction>',
    '<roReqStoryAction operation="MOVE" leaseLock="2" username="jbob"><roStorySend><roID>96857485</roID><element_target><storyID>2</storyID></element_target><element_source><storyID>7</storyID><storyID>12</storyID></element_source></roStorySend></roReqStoryAction>',
  ],
  roStoryAction: ['<roStoryAction><anything/></roStoryAction>'],
};

test('catalogue and model list the same messages, profile by profile', () => {
  const model = modelMessagesByProfile();
  assert.deepEqual(Object.keys(model).sort(), Object.keys(PROFILES).sort());
  for (const [p, names] of Object.entries(PROFILES)) {
    assert.deepEqual([...model[Number(p)]!].sort(), [...names].sort(), `profile ${p}`);
  }
  for (const names of Object.values(PROFILES)) for (const n of names) assert.ok(hasContentModel(n), n);
});

test('every requirement has a level and a one-line rule', () => {
  assert.deepEqual(Object.keys(CONTENT_RULES), [1, 2, 3, 4, 5, 6, 7].map((n) => `MOS-CONTENT-${n}`));
  for (const [id, r] of Object.entries(CONTENT_RULES)) {
    assert.equal(r.level, id === 'MOS-CONTENT-7' ? 'SHOULD' : 'MUST');
    assert.ok(r.rule.length > 20 && !r.rule.includes('\n'));
  }
  assert.equal(describeContent('roReq'), '(roID)');
  assert.equal(describeContent('roAck'), '(roID, roStatus, (storyID, itemID, objID, itemChannel?, status)*)');
});

test('valid samples of every message validate without issues', () => {
  for (const m of MESSAGE_MODELS) assert.ok(VALID[m.element.name]?.length, `no valid sample for ${m.element.name}`);
  for (const [name, samples] of Object.entries(VALID)) {
    samples.forEach((xml, i) => {
      assert.equal(parseXml(xml).name, name);
      assert.deepEqual(brief(check(xml)), [], `${name} sample ${i + 1}`);
    });
  }
});

test('unknown and deprecated messages yield no issues', () => {
  assert.deepEqual(check('<roStoryInsert><nonsense/></roStoryInsert>'), []);
  assert.deepEqual(check('<vendorMessage><x/></vendorMessage>'), []);
});

/** Invalid samples: each must give exactly the one issue named (requirement and path). */
const INVALID: Array<[string, string, string]> = [
  // MOS-CONTENT-1: a required element or attribute is missing
  ['MOS-CONTENT-1', 'heartbeat/time', '<heartbeat/>'],
  ['MOS-CONTENT-1', 'roCreate/roSlug', '<roCreate><roID>R</roID></roCreate>'],
  ['MOS-CONTENT-1', 'roCreate/story[2]/item[1]/objID', `<roCreate><roID>R</roID><roSlug>s</roSlug>${STORY}<story><storyID>S2</storyID><item><itemID>1</itemID><mosID>m</mosID></item></story></roCreate>`],
  ['MOS-CONTENT-1', 'roElementAction/@operation', '<roElementAction><roID>R</roID><element_source><storyID>S</storyID></element_source></roElementAction>'],
  ['MOS-CONTENT-1', 'roElementAction/element_target', '<roElementAction operation="MOVE"><roID>R</roID><element_source><storyID>S</storyID></element_source></roElementAction>'],
  ['MOS-CONTENT-1', 'roElementAction/element_target/itemID', `<roElementAction operation="INSERT"><roID>R</roID><element_target><storyID>S</storyID></element_target><element_source>${ITEM}</element_source></roElementAction>`],
  ['MOS-CONTENT-1', 'listMachInfo/supportedProfiles/mosProfile[1]/@number', VALID.listMachInfo![0]!.replace('<mosProfile number="0">', '<mosProfile>')],
  ['MOS-CONTENT-1', 'listMachInfo/supportedProfiles/mosProfile', VALID.listMachInfo![0]!.replace(/<supportedProfiles deviceType="NCS">.*?<\/supportedProfiles>/, '<supportedProfiles deviceType="NCS"></supportedProfiles>')],
  ['MOS-CONTENT-1', 'listMachInfo/supportedProfiles/@deviceType', VALID.listMachInfo![0]!.replace(' deviceType="NCS"', '')],
  ['MOS-CONTENT-1', 'roAck/itemID[2]', '<roAck><roID>r</roID><roStatus>OK</roStatus><storyID>s</storyID><itemID>i</itemID><objID>o</objID><status>x</status><storyID>s</storyID><objID>o</objID><status>x</status></roAck>'],
  ['MOS-CONTENT-1', 'mosReqObjAction/@objID', '<mosReqObjAction operation="DELETE"/>'],
  ['MOS-CONTENT-1', 'roElementStat/itemID', '<roElementStat element="ITEM"><roID>5PM</roID><storyID>S</storyID><status>PLAY</status><time>2009-04-11T14:13:53</time></roElementStat>'],
  ['MOS-CONTENT-1', 'roCreate/mosExternalMetadata[1]/mosSchema', '<roCreate><roID>R</roID><roSlug>s</roSlug><mosExternalMetadata><mosPayload/></mosExternalMetadata></roCreate>'],
  ['MOS-CONTENT-1', 'mosObj/description', MIN_OBJ.replace('<description/>', '')],
  ['MOS-CONTENT-1', 'roReqStoryAction/@username', '<roReqStoryAction operation="DELETE"><roStorySend><roID>R</roID><storyID>S</storyID></roStorySend></roReqStoryAction>'],
  ['MOS-CONTENT-1', 'roReqStoryAction/roStorySend/element_source', '<roReqStoryAction operation="MOVE" username="u"><roStorySend><roID>R</roID><element_target><storyID>2</storyID></element_target></roStorySend></roReqStoryAction>'],
  // MOS-CONTENT-2: out of order
  ['MOS-CONTENT-2', 'roCreate/roID', '<roCreate><roSlug>s</roSlug><roID>R</roID></roCreate>'],
  ['MOS-CONTENT-2', 'roCreate/story[1]/item[1]/itemID', '<roCreate><roID>R</roID><roSlug>s</roSlug><story><storyID>S</storyID><item><objID>o</objID><itemID>i</itemID><mosID>m</mosID></item></story></roCreate>'],
  ['MOS-CONTENT-2', 'mosObj/status', MIN_OBJ.replace('<status>UPDATED</status><objAir>NOT READY</objAir>', '<objAir>NOT READY</objAir><status>UPDATED</status>')],
  ['MOS-CONTENT-2', 'roList/story[1]/storyNum', `<roList><roID>R</roID><roSlug>s</roSlug><story><storyID>S</storyID>${ITEM}<storyNum>A1</storyNum></story></roList>`],
  ['MOS-CONTENT-2', 'roCreate/mosExternalMetadata[1]', `<roCreate><roID>R</roID><roSlug>s</roSlug>${STORY}${META}</roCreate>`],
  ['MOS-CONTENT-2', 'listMachInfo/mosRev', VALID.listMachInfo![0]!.replace(/<mosRev>2\.8\.5<\/mosRev>(<supportedProfiles.*?<\/supportedProfiles>)/, '$1<mosRev>2.8.5</mosRev>')],
  ['MOS-CONTENT-2', 'roAck/roStatus', '<roAck><roID>R</roID><storyID>s</storyID><itemID>i</itemID><objID>o</objID><status>x</status><roStatus>OK</roStatus></roAck>'],
  // MOS-CONTENT-3: too many (or fewer than a minimum above 1)
  ['MOS-CONTENT-3', 'roCreate/roID[2]', '<roCreate><roID>R</roID><roID>R2</roID><roSlug>s</roSlug></roCreate>'],
  ['MOS-CONTENT-3', 'heartbeat/time[2]', '<heartbeat><time>2009-04-11T17:20:42</time><time>2009-04-11T17:20:43</time></heartbeat>'],
  ['MOS-CONTENT-3', 'roElementAction/element_source/storyID', '<roElementAction operation="SWAP"><roID>R</roID><element_source><storyID>3</storyID></element_source></roElementAction>'],
  ['MOS-CONTENT-3', 'roElementAction/element_source/storyID[3]', '<roElementAction operation="SWAP"><roID>R</roID><element_source><storyID>3</storyID><storyID>4</storyID><storyID>5</storyID></element_source></roElementAction>'],
  ['MOS-CONTENT-3', 'roElementAction/element_target', '<roElementAction operation="DELETE"><roID>R</roID><element_target><storyID>2</storyID></element_target><element_source><storyID>3</storyID></element_source></roElementAction>'],
  ['MOS-CONTENT-3', 'roElementStat/storyID', '<roElementStat element="RO"><roID>5PM</roID><storyID>S</storyID><status>PLAY</status><time>2009-04-11T14:13:53</time></roElementStat>'],
  ['MOS-CONTENT-3', 'mosObj/objPaths[2]', MIN_OBJ.replace('<createdBy>', '<objPaths/><objPaths/><createdBy>')],
  // MOS-CONTENT-4: text too long, or empty where content is required
  ['MOS-CONTENT-4', 'roReq/roID', `<roReq><roID>${long(129)}</roID></roReq>`],
  ['MOS-CONTENT-4', 'roDelete/roID', '<roDelete><roID></roID></roDelete>'],
  ['MOS-CONTENT-4', 'roCreate/story[1]/storySlug', `<roCreate><roID>R</roID><roSlug>s</roSlug><story><storyID>S</storyID><storySlug>${long(129)}</storySlug></story></roCreate>`],
  ['MOS-CONTENT-4', 'mosAck/statusDescription', `<mosAck><objID>O</objID><objRev>1</objRev><status>NACK</status><statusDescription>${long(129)}</statusDescription></mosAck>`],
  ['MOS-CONTENT-4', 'mosObj/objPaths/objProxyPath[1]', MIN_OBJ.replace('<createdBy>', `<objPaths><objProxyPath techDescription="x">http://h/${long(250)}.mp4?sig=1</objProxyPath></objPaths><createdBy>`)],
  ['MOS-CONTENT-4', 'roCreate/story[1]/item[1]/mosID', '<roCreate><roID>R</roID><roSlug>s</roSlug><story><storyID>S</storyID><item><itemID>i</itemID><objID>o</objID><mosID/></item></story></roCreate>'],
  // MOS-CONTENT-5: not one of the enumeration
  ['MOS-CONTENT-5', 'mosObj/objAir', MIN_OBJ.replace('<objAir>NOT READY</objAir>', '<objAir>YES</objAir>')],
  ['MOS-CONTENT-5', 'mosObj/objType', MIN_OBJ.replace('<objType>STILL</objType>', '<objType>CG</objType>')],
  ['MOS-CONTENT-5', 'mosObj/status', MIN_OBJ.replace('<status>UPDATED</status>', '<status>LOADED</status>')],
  ['MOS-CONTENT-5', 'mosAck/status', '<mosAck><objID>O</objID><objRev>1</objRev><status>OK</status></mosAck>'],
  ['MOS-CONTENT-5', 'roElementAction/@operation', '<roElementAction operation="COPY"><roID>R</roID><element_source><storyID>S</storyID></element_source></roElementAction>'],
  ['MOS-CONTENT-5', 'roElementStat/@element', '<roElementStat element="SHOW"><roID>5PM</roID><status>PLAY</status><time>2009-04-11T14:13:53</time></roElementStat>'],
  ['MOS-CONTENT-5', 'roCtrl/command', '<roCtrl><roID>R</roID><storyID/><itemID/><command>GO</command></roCtrl>'],
  ['MOS-CONTENT-5', 'listMachInfo/supportedProfiles/mosProfile[2]', VALID.listMachInfo![0]!.replace('<mosProfile number="1">YES', '<mosProfile number="1">TRUE')],
  ['MOS-CONTENT-5', 'roCreate/story[1]/item[1]/itemTrigger', `<roCreate><roID>R</roID><roSlug>s</roSlug><story><storyID>S</storyID>${FULL_ITEM.replace('CHAINED -10', 'CHAINED+10')}</story></roCreate>`],
  ['MOS-CONTENT-5', 'roCreate/mosExternalMetadata[1]/mosScope', `<roCreate><roID>R</roID><roSlug>s</roSlug>${META.replace('PLAYLIST', 'GLOBAL')}</roCreate>`],
  ['MOS-CONTENT-5', 'roReadyToAir/roAir', '<roReadyToAir><roID>R</roID><roAir>NOTREADY</roAir></roReadyToAir>'],
  // MOS-CONTENT-6: time, duration, number or path format
  ['MOS-CONTENT-6', 'heartbeat/time', '<heartbeat><time>2009-04-11 17:20:42</time></heartbeat>'],
  ['MOS-CONTENT-6', 'heartbeat/time', '<heartbeat><time>2009-02-29T10:00:00</time></heartbeat>'],
  ['MOS-CONTENT-6', 'heartbeat/time', '<heartbeat><time>2009-04-11T17:20:42.125Z</time></heartbeat>'],
  ['MOS-CONTENT-6', 'heartbeat/time', '<heartbeat><time>2009-04-11T17:20:42,12Z</time></heartbeat>'],
  ['MOS-CONTENT-6', 'heartbeat/time', '<heartbeat><time>2009-04-11T17:20:42+0500</time></heartbeat>'],
  ['MOS-CONTENT-6', 'heartbeat/time', '<heartbeat><time>2009-04-11T24:00:00</time></heartbeat>'],
  ['MOS-CONTENT-6', 'mosObj/objDur', MIN_OBJ.replace('<objDur>1</objDur>', '<objDur>-5</objDur>')],
  ['MOS-CONTENT-6', 'mosObj/objDur', MIN_OBJ.replace('<objDur>1</objDur>', '<objDur>4294967296</objDur>')],
  ['MOS-CONTENT-6', 'mosObj/objRev', MIN_OBJ.replace('<objRev>0</objRev>', '<objRev>1000</objRev>')],
  ['MOS-CONTENT-6', 'mosObj/objTB', MIN_OBJ.replace('<objTB>50</objTB>', '<objTB>fifty</objTB>')],
  ['MOS-CONTENT-6', 'roCreate/roEdDur', '<roCreate><roID>R</roID><roSlug>s</roSlug><roEdDur>58:25</roEdDur></roCreate>'],
  ['MOS-CONTENT-6', 'roCreate/roEdStart', '<roCreate><roID>R</roID><roSlug>s</roSlug><roEdStart>tomorrow</roEdStart></roCreate>'],
  ['MOS-CONTENT-6', 'mosObj/objPaths/objProxyPath[1]', MIN_OBJ.replace('<createdBy>', '<objPaths><objProxyPath techDescription="x">ftp://host/clip.mp4</objProxyPath></objPaths><createdBy>')],
  ['MOS-CONTENT-6', 'mosObj/objPaths/objPath[1]', MIN_OBJ.replace('<createdBy>', '<objPaths><objPath techDescription="x">\\\\server\\media\\clip</objPath></objPaths><createdBy>')],
  ['MOS-CONTENT-6', 'mosReqAll/pause', '<mosReqAll><pause>soon</pause></mosReqAll>'],
  ['MOS-CONTENT-6', 'listMachInfo/supportedProfiles/mosProfile[1]/@number', VALID.listMachInfo![0]!.replace('<mosProfile number="0">', '<mosProfile number="8">')],
  ['MOS-CONTENT-6', 'roReqStoryAction/@leaseLock', VALID.roReqStoryAction![0]!.replace('leaseLock="2"', 'leaseLock="999"')],
  ['MOS-CONTENT-6', 'roCreate/story[1]/item[1]/itemEdDur', '<roCreate><roID>R</roID><roSlug>s</roSlug><story><storyID>S</storyID><item><itemID>i</itemID><objID>o</objID><mosID>m</mosID><itemEdDur>1.5</itemEdDur></item></story></roCreate>'],
  // MOS-CONTENT-7 (SHOULD): a tag MOS does not define, outside mosExternalMetadata
  ['MOS-CONTENT-7', 'roCreate/vendorTag', '<roCreate><roID>R</roID><vendorTag>x</vendorTag><roSlug>s</roSlug></roCreate>'],
  ['MOS-CONTENT-7', 'roCreate/story[1]/item[1]/objSlug', '<roCreate><roID>R</roID><roSlug>s</roSlug><story><storyID>S</storyID><item><itemID>i</itemID><objID>o</objID><mosID>m</mosID><objSlug>x</objSlug></item></story></roCreate>'],
  ['MOS-CONTENT-7', 'roReq/roID/b', '<roReq><roID>R<b>x</b></roID></roReq>'],
  ['MOS-CONTENT-7', 'roStorySend/storyBody/span', '<roStorySend><roID>R</roID><storyID>S</storyID><storyBody><p>x</p><span>y</span></storyBody></roStorySend>'],
  ['MOS-CONTENT-7', 'reqMachInfo/extra', '<reqMachInfo><extra/></reqMachInfo>'],
];

test('each invalid sample gives exactly its one issue', () => {
  for (const [requirement, path, xml] of INVALID) {
    const issues = check(xml);
    assert.deepEqual(brief(issues), [`${requirement} ${path}`], `expected ${requirement} at ${path} for ${xml.slice(0, 120)}`);
    const i = issues[0]!;
    assert.equal(i.level, CONTENT_RULES[i.requirement].level);
    assert.ok(i.rule.length > 0 && i.message.length > 0);
  }
  // Every rule is exercised several times.
  for (const id of Object.keys(CONTENT_RULES)) assert.ok(INVALID.filter(([r]) => r === id).length >= 3, id);
});

test('an added tag outside mosExternalMetadata is one SHOULD issue and breaks nothing else', () => {
  const xml = `<roCreate><roID>R</roID><roSlug>s</roSlug><vendor:extra xmlns:vendor="urn:v">1</vendor:extra><roEdDur>00:01:00</roEdDur>${STORY}</roCreate>`;
  const issues = check(xml);
  assert.equal(issues.length, 1);
  assert.deepEqual({ ...issues[0], message: '' }, { requirement: 'MOS-CONTENT-7', level: 'SHOULD', path: 'roCreate/vendor:extra', rule: 'added tags belong inside mosExternalMetadata', message: '' });
  // Inside mosExternalMetadata (beside its fields, or anywhere in mosPayload) added tags are welcome.
  assert.deepEqual(check(`<roCreate><roID>R</roID><roSlug>s</roSlug><mosExternalMetadata><vendorField/><mosSchema>s</mosSchema><mosPayload><a><b/></a></mosPayload><more/></mosExternalMetadata></roCreate>`), []);
});

test('the order check skips added tags and reports each misplaced element once', () => {
  assert.deepEqual(brief(check('<roCreate><x/><roID>R</roID><y/><roSlug>s</roSlug><z/></roCreate>')), ['MOS-CONTENT-7 roCreate/x', 'MOS-CONTENT-7 roCreate/y', 'MOS-CONTENT-7 roCreate/z']);
  assert.deepEqual(brief(check(`<roCreate><roID>R</roID><roSlug>s</roSlug>${STORY}<roChannel>A</roChannel>${STORY}</roCreate>`)), ['MOS-CONTENT-2 roCreate/roChannel']);
});

test('several problems in one message are all reported, in document order', () => {
  const xml = '<roCreate><roSlug>s</roSlug><roID></roID><story><storyID>S</storyID><item><itemID>1</itemID><objID>o</objID><mosID>m</mosID><itemEdDur>x</itemEdDur></item><item><itemID>2</itemID></item></story></roCreate>';
  assert.deepEqual(brief(check(xml)), [
    'MOS-CONTENT-2 roCreate/roID',
    'MOS-CONTENT-4 roCreate/roID',
    'MOS-CONTENT-6 roCreate/story[1]/item[1]/itemEdDur',
    'MOS-CONTENT-1 roCreate/story[1]/item[2]/objID',
    'MOS-CONTENT-1 roCreate/story[1]/item[2]/mosID',
  ]);
  assert.equal(check(xml, { maxIssues: 2 }).length, 2);
});

test('a form of roElementAction is chosen by its shape, and its defects are reported inside it', () => {
  // Stories inserted whose item fields are out of order: still the story form, not "no item".
  const item = '<item><itemID>I1</itemID><objID>O1</objID><mosID>DEV</mosID><itemSlug>sl</itemSlug></item>';
  const xml = `<roElementAction operation="INSERT"><roID>R</roID><element_target><storyID>S2</storyID></element_target><element_source><story><storyID>S1</storyID>${item}</story></element_source></roElementAction>`;
  assert.deepEqual(brief(check(xml)), ['MOS-CONTENT-2 roElementAction/element_source/story[1]/item[1]/itemSlug']);
  assert.match(check(xml)[0]!.rule, /^item: \(itemID, itemSlug\?, objID/);
  // A DELETE of stories that also names a target: the surplus target, not a wrong kind of source.
  const del = check('<roElementAction operation="DELETE"><roID>R</roID><element_target><storyID>2</storyID></element_target><element_source><storyID>3</storyID></element_source></roElementAction>');
  assert.match(del[0]!.rule, /DELETE of stories/);
});

test('lengths count characters, and a signing query is not counted in object paths unless asked', () => {
  assert.deepEqual(check(`<roReq><roID>${long(128)}</roID></roReq>`), []);
  assert.deepEqual(check(`<roReq><roID>${long(128, '😀')}</roID></roReq>`), []);
  assert.deepEqual(brief(check(`<roReq><roID>${long(129, '😀')}</roID></roReq>`)), ['MOS-CONTENT-4 roReq/roID']);
  const signed = `http://127.0.0.1:8080/media/OBJ-123.mp4?policy=${long(160, 'e')}&keyId=demo&signature=${long(64, 'f')}`;
  const obj = M.mosObj({ objID: 'O', objSlug: 's', objType: 'VIDEO', objDur: 10, proxyPath: signed });
  const body = parseXml(serializeXml(obj));
  assert.deepEqual(validateContent(body), []);
  assert.deepEqual(brief(validateContent(body, { strictPathLength: true })), ['MOS-CONTENT-4 mosObj/objPaths/objProxyPath[1]']);
});

const RO: M.RunningOrder = {
  roID: 'RO-1', roSlug: 'Evening news', roChannel: 'A', roEdStart: new Date(Date.UTC(2026, 0, 2, 18)), roEdDur: '00:30:00', roTrigger: 'CHAINED -10',
  macroIn: 'in', macroOut: 'out',
  metadata: [{ scope: 'PLAYLIST', schema: 'http://vendor/schema', payload: [{ name: 'owner', text: 'me' }] }],
  stories: [
    { storyID: 'S1', storySlug: 'Fire', storyNum: 'A1', items: [{ itemID: 'I1', objID: 'O1', mosID: 'DEV.MOS', itemSlug: 'VO', mosAbstract: 'abstract', paths: [{ kind: 'objPath', url: '\\\\server\\media\\o1.mxf', techDescription: 'MPEG2' }, { kind: 'objProxyPath', url: 'https://proxy/o1.mp4', techDescription: 'H.264' }, { kind: 'objMetadataPath', url: 'http://proxy/o1.xml' }], itemChannel: 'B', itemEdStart: 0, itemEdDur: 500, itemUserTimingDur: 450, itemTrigger: 'MANUAL', macroIn: 'a', macroOut: 'b', metadata: [{ schema: 's', payload: 'text payload' }] }] },
    { storyID: 'S2', storySlug: 'Weather', items: [{ itemID: 'I2', objID: 'O2', mosID: 'DEV.MOS' }, { itemID: 'I3', objID: 'O3', mosID: 'DEV.MOS' }] },
  ],
};
const ITEM_A: M.StoryItem = { itemID: 'I9', objID: 'O9', mosID: 'DEV.MOS' };
const OBJ: M.MosObject = { objID: 'O1', objSlug: 'Fire', objType: 'VIDEO', objDur: 1500, proxyPath: 'http://dist/media/O1.mp4?policy=p&keyId=k&signature=s' };
const FULL_OBJ: M.MosObject = {
  ...OBJ, objTB: 59.94, objRev: 3, status: 'UPDATED', objAir: 'NOT READY', objGroup: 'Show 7', mosAbstract: 'abs',
  paths: [{ kind: 'objMetadataPath', url: 'http://dist/media/O1.xml', techDescription: 'MOS Object' }], createdBy: 'Chris', created: '2009-10-31T23:39:12',
  changedBy: 'Phil', changed: new Date(), description: 'Exterior footage', metadata: [{ scope: 'OBJECT', schema: 'http://s', payload: [] }],
};
const FIELDS: M.ObjectFields = { objSlug: 'New clip', objType: 'AUDIO', objTB: 48000, objDur: 480000, objGroup: 'g', time: new Date(), createdBy: 'me', description: 'd', metadata: [{ schema: 's', payload: 'p' }] };
const MACHINE: M.MachineInfo = { manufacturer: 'm', model: 'm', hwRev: '', swRev: '1', DOM: '', SN: 's', ID: 'i', profiles: [0, 1, 2] };

/** Sample calls of every builder (keys are the exported builder names). */
const BUILT: Record<string, XmlNode[]> = {
  heartbeat: [M.heartbeat()],
  keepAlive: [M.keepAlive()],
  reqMachInfo: [M.reqMachInfo()],
  listMachInfo: [M.listMachInfo(MACHINE), M.listMachInfo({ ...MACHINE, deviceType: 'NCS', opTime: new Date(), mosRev: '2.8.5', defaultActiveX: [{ mode: 'TOOLBAR', controlFileLocation: 'x', controlSlug: 'y', controlName: 'z', controlDefaultParams: '' }], metadata: [{ schema: 's', payload: [] }] })],
  mosAck: [M.mosAck('O1'), M.mosAck('', 'NACK', `${long(200)} is not supported`), M.mosAck('O1', 'NACK', 'busy', '')],
  mosObj: [M.mosObj(OBJ), M.mosObj(FULL_OBJ), M.mosObj({ objID: 'O2', objSlug: '', objType: 'STILL', objDur: 1 })],
  mosReqObj: [M.mosReqObj('O1')],
  mosReqAll: [M.mosReqAll(), M.mosReqAll(5)],
  mosListAll: [M.mosListAll([OBJ, FULL_OBJ]), M.mosListAll([])],
  roReq: [M.roReq('RO-1')],
  roAck: [M.roAck('RO-1'), M.roAck('RO-1', `NACK: ${long(300)}`), M.roAck('RO-1', 'OK', [{ storyID: 'S1', itemID: 'I1', objID: 'O1', status: 'LOADED' }, { storyID: 'S2', itemID: 'I2', objID: 'O2', itemChannel: 'A', status: 'CUED' }])],
  roList: [M.roList(RO)],
  roCreate: [M.roCreate(RO), M.roCreate({ roID: 'R', roSlug: 's', stories: [] })],
  roReplace: [M.roReplace(RO)],
  roMetadataReplace: [M.roMetadataReplace(RO), M.roMetadataReplace({ roID: 'R', roSlug: 's', roEdStart: '2009-04-17T17:02:00' })],
  roDelete: [M.roDelete('RO-1')],
  roReadyToAir: [M.roReadyToAir('RO-1'), M.roReadyToAir('RO-1', 'NOT READY')],
  roElementStat: [M.roElementStat({ roID: 'RO-1' }, 'MANUAL CTRL'), M.roElementStat({ roID: 'RO-1', storyID: 'S1' }, 'PLAY'), M.roElementStat({ roID: 'RO-1', storyID: 'S1', itemID: 'I1', objID: 'O1', itemChannel: 'A' }, 'STOP', '2009-04-11T14:13:53')],
  roElementAction: [
    M.roElementAction('RO-1', 'INSERT', { storyID: 'S2' }, { stories: RO.stories }),
    M.roElementAction('RO-1', 'INSERT', { storyID: 'S2', itemID: 'I2' }, { items: [ITEM_A] }),
    M.roElementAction('RO-1', 'REPLACE', { storyID: 'S1' }, { stories: [RO.stories[0]!] }),
    M.roElementAction('RO-1', 'REPLACE', { storyID: 'S1', itemID: 'I1' }, { items: [ITEM_A] }),
    M.roElementAction('RO-1', 'MOVE', { storyID: 'S1' }, { storyIDs: ['S2'] }),
    M.roElementAction('RO-1', 'MOVE', { storyID: 'S2', itemID: 'I3' }, { itemIDs: ['I2'] }),
    M.roElementAction('RO-1', 'DELETE', {}, { storyIDs: ['S1', 'S2'] }),
    M.roElementAction('RO-1', 'DELETE', { storyID: 'S2' }, { itemIDs: ['I2'] }),
    M.roElementAction('RO-1', 'SWAP', {}, { storyIDs: ['S1', 'S2'] }),
    M.roElementAction('RO-1', 'SWAP', { storyID: 'S2' }, { itemIDs: ['I2', 'I3'] }),
  ],
  mosObjCreate: [M.mosObjCreate(FIELDS), M.mosObjCreate({ objSlug: 's', objType: 'VIDEO' })],
  mosReqObjAction: [M.mosReqObjAction({ operation: 'NEW', object: FIELDS }), M.mosReqObjAction({ operation: 'UPDATE', objID: 'O1', object: FIELDS }), M.mosReqObjAction({ operation: 'DELETE', objID: 'O1' })],
  mosItemReplace: [M.mosItemReplace('RO-1', 'S1', RO.stories[0]!.items[0]!)],
  mosReqSearchableSchema: [M.mosReqSearchableSchema('jbob')],
  mosListSearchableSchema: [M.mosListSearchableSchema('jbob', 'http://vendor/schema')],
  mosReqObjList: [M.mosReqObjList({ username: 'jbob', queryID: 'Q1' }), M.mosReqObjList({ username: 'jbob', queryID: 'Q1', listReturnStart: 1, listReturnEnd: 20, generalSearch: 'fire', mosSchema: 'http://s', searchGroups: [[{ XPath: '/Slug', sortByOrder: 1, sortType: 'ASCENDING' }, { XPath: '/Presenter' }]] })],
  mosObjList: [M.mosObjList({ username: 'jbob', queryID: 'Q1', listReturnStart: 1, listReturnEnd: 2, objects: [OBJ, FULL_OBJ] }), M.mosObjList({ username: 'jbob', queryID: 'Q1', listReturnStart: 0, listReturnEnd: 0, objects: [], listReturnStatus: 'nothing found' })],
  roReqAll: [M.roReqAll()],
  roListAll: [M.roListAll([RO, { roID: 'R2', roSlug: 'Late' }]), M.roListAll([])],
  roStorySend: [M.roStorySend('RO-1', { storyID: 'S1', storySlug: 'Fire', storyNum: 'A1', body: [{ presenter: 'Chet', readRate: '10' }, 'Good evening.', { instruction: 'Turn to 2-shot' }, { item: ITEM_A }, 'Bye.'], metadata: [{ schema: 's', payload: [] }] }), M.roStorySend('RO-1', { storyID: 'S1', body: [] })],
  roCtrl: [M.roCtrl('RO-1', 'EXECUTE'), M.roCtrl('RO-1', 'READY', 'S1'), M.roCtrl('RO-1', 'STOP', 'S1', 'I1', [{ schema: 's', payload: [] }])],
  roItemCue: [M.roItemCue({ mosID: 'DEV.MOS', roID: 'RO-1', storyID: 'S1', itemID: 'I1', roEventType: 'CUE', roEventTime: new Date(), metadata: [{ schema: 's', payload: [] }] })],
};

test('every builder produces valid content (through the envelope codec)', () => {
  const builders = Object.entries(M).filter(([name, v]) => typeof v === 'function' && name !== 'mosTime').map(([name]) => name).sort();
  assert.deepEqual(Object.keys(BUILT).sort(), builders, 'every exported builder has samples here');
  for (const [name, bodies] of Object.entries(BUILT)) {
    bodies.forEach((body, i) => {
      const m = parseMos(buildMos({ mosID: 'DEV.MOS', ncsID: 'NCS', messageID: body.name === 'keepAlive' ? undefined : 1, body }));
      assert.equal(m.name, body.name);
      assert.deepEqual(brief(validateContent(m.body)), [], `${name} sample ${i + 1}`);
    });
  }
  // The builders cover every message a profile 0-4 workflow needs.
  const built = new Set(Object.values(BUILT).flat().map((b) => b.name));
  for (const p of [0, 1, 2, 3, 4]) for (const n of PROFILES[p]!) assert.ok(built.has(n), `no builder for ${n}`);
});

test('micro-measurement: validation cost (reported, not asserted)', (t) => {
  const stories: M.Story[] = Array.from({ length: 20 }, (_, i) => ({ storyID: `S${i}`, storySlug: `Story ${i}`, items: [{ itemID: `I${i}`, objID: `O${i}`, mosID: 'DEV.MOS' }] }));
  const texts: Record<string, string> = {
    heartbeat: buildMos({ mosID: 'DEV', ncsID: 'NCS', messageID: 1, body: M.heartbeat() }),
    roAck: buildMos({ mosID: 'DEV', ncsID: 'NCS', messageID: 1, body: M.roAck('RO-1') }),
    'roCreate (20 stories)': buildMos({ mosID: 'DEV', ncsID: 'NCS', messageID: 1, body: M.roCreate({ roID: 'R', roSlug: 'Show', stories }) }),
  };
  for (const [name, text] of Object.entries(texts)) {
    const body = parseMos(text).body;
    const n = name.startsWith('roCreate') ? 20_000 : 200_000;
    for (let i = 0; i < n / 10; i++) validateContent(body);
    let start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) validateContent(body);
    const warm = Number(process.hrtime.bigint() - start) / n;
    // As in a run: each message freshly parsed, then validated (the difference is the validation).
    const m = n / 20;
    for (let i = 0; i < m / 4; i++) validateContent(parseMos(text).body);
    start = process.hrtime.bigint();
    for (let i = 0; i < m; i++) parseMos(text);
    const parse = Number(process.hrtime.bigint() - start) / m;
    start = process.hrtime.bigint();
    for (let i = 0; i < m; i++) validateContent(parseMos(text).body);
    const both = Number(process.hrtime.bigint() - start) / m;
    t.diagnostic(`${name}: validate ${warm.toFixed(0)} ns on one tree; parseMos ${parse.toFixed(0)} ns, parseMos + validate ${both.toFixed(0)} ns`);
  }
});

test('the envelope order is judged: mosID, ncsID, messageID, then the message', () => {
  assert.deepEqual(validateEnvelopeOrder(['mosID', 'ncsID', 'messageID', 'heartbeat']), []);
  assert.deepEqual(validateEnvelopeOrder(['mosID', 'ncsID', 'keepAlive']), []);
  const swapped = validateEnvelopeOrder(['ncsID', 'mosID', 'messageID', 'heartbeat']);
  assert.deepEqual(swapped.map((i) => `${i.requirement} ${i.path}`), ['MOS-CONTENT-2 mos/mosID']);
  assert.deepEqual(validateEnvelopeOrder(['mosID', 'ncsID', 'heartbeat', 'messageID']).map((i) => i.path), ['mos/messageID']);
  const m = parseMos('<mos><ncsID>N</ncsID><mosID>M</mosID><messageID>1</messageID><heartbeat><time>2026-01-01T00:00:00</time></heartbeat></mos>');
  assert.deepEqual(m.envelopeOrder, ['ncsID', 'mosID', 'messageID', 'heartbeat']);
});
