// The extension's messages and the manifest's texts exist in Chinese and English.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

import { langOf, MESSAGES } from '../messages';

const root = path.resolve(__dirname, '..', '..');
const cjk = /[\u4e00-\u9fff]/;

test('Chinese unless VS Code speaks English', () => {
  assert.equal(langOf('en'), 'en');
  assert.equal(langOf('en-gb'), 'en');
  assert.equal(langOf('zh-cn'), 'zh');
  assert.equal(langOf('ja'), 'zh');
  assert.equal(langOf(undefined), 'zh');
});

test('every message is Chinese in Chinese and English in English', () => {
  for (const [key, texts] of Object.entries(MESSAGES)) {
    const args = ['x', 'y'];
    const zh = (texts.zh as (...a: string[]) => string)(...args);
    const en = (texts.en as (...a: string[]) => string)(...args);
    assert.match(zh, cjk, key);
    assert.doesNotMatch(en, /[，。：；（）]/, key);
    assert.notEqual(zh, en, key);
  }
});

test('every %key% of package.json is in package.nls.json and, in Chinese, in package.nls.zh-cn.json', () => {
  const manifest = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
  const keys = [...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
  assert.ok(keys.length >= 7, keys.join());
  const en = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8'));
  const zh = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.zh-cn.json'), 'utf8'));
  assert.deepEqual(Object.keys(en).sort(), [...keys].sort());
  assert.deepEqual(Object.keys(zh).sort(), [...keys].sort());
  for (const key of keys) {
    assert.match(zh[key], cjk, key);
    assert.notEqual(zh[key], en[key], key);
  }
  const ignored = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8');
  assert.match(ignored, /^!package\.nls\.json$/m);
  assert.match(ignored, /^!package\.nls\.zh-cn\.json$/m);
});
