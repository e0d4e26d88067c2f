// docs/mos-content-model.md is generated from the model (npm run content-model): the model is
// written once, in lib/mos/model/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { CONTENT_MODEL_DOC, contentModelMarkdown } from '../reports/content-model-doc';
import { MESSAGE_MODELS } from '../lib/mos/model';

test('docs/mos-content-model.md is generated from lib/mos/model (npm run content-model)', () => {
  const doc = contentModelMarkdown();
  assert.ok(fs.readFileSync(CONTENT_MODEL_DOC, 'utf8') === doc, 'docs/mos-content-model.md is not current: run npm run content-model');
  for (const m of MESSAGE_MODELS) assert.match(doc, new RegExp(`\\| ${m.profile} \\| ${m.element.name} \\|`));
  assert.match(doc, /\| roElementAction \| operation \| SWAP \|/);
  assert.ok(doc.includes('| objType | one of STILL \\| AUDIO \\| VIDEO |'), 'a value rule');
});
