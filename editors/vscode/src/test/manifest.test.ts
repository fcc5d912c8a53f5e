// The manifest (package.json) against the code and, when GOUJI_BIN names a gouji
// binary, against the rules that binary knows.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

import { SEVERITIES } from '../settings';

const root = path.resolve(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const properties = manifest.contributes.configuration.properties;
const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8'));
/** A manifest text, as an English VS Code shows it. */
const shown = (text: string) => text.replace(/^%([^%]+)%$/, (_, key: string) => nls[key]);

test('the two commands are contributed and registered', () => {
  const commands = manifest.contributes.commands.map((c: { command: string; category: string; title: string }) => [
    c.command,
    `${c.category}: ${shown(c.title)}`,
  ]);
  assert.deepEqual(commands, [
    ['gouji.fixAll', 'gouji: Fix all'],
    ['gouji.restartServer', 'gouji: Restart server'],
  ]);
  const source = fs.readFileSync(path.join(root, 'src', 'extension.ts'), 'utf8');
  for (const [id] of commands) {
    assert.match(source, new RegExp(`registerCommand\\('${id.replace('.', '\\.')}'`));
  }
});

test('activates for plain text and Markdown', () => {
  assert.deepEqual(manifest.activationEvents, ['onLanguage:plaintext', 'onLanguage:markdown']);
});

test('every rule severity in the settings schema is one the extension maps', () => {
  const rules = properties['gouji.rules'];
  for (const schema of [...Object.values(rules.properties), rules.additionalProperties] as { enum: string[] }[]) {
    assert.deepEqual(schema.enum, [...SEVERITIES]);
  }
});

test('the pure modules do not load vscode', () => {
  for (const name of ['settings', 'discovery', 'selector']) {
    const js = fs.readFileSync(path.join(root, 'out', `${name}.js`), 'utf8');
    assert.doesNotMatch(js, /require\("vscode"\)/, name);
  }
});

test('the rules in the settings schema are the rules of gouji', (t) => {
  const bin = process.env.GOUJI_BIN;
  if (!bin) {
    t.skip('GOUJI_BIN is not set');
    return;
  }
  const listed = execFileSync(bin, ['rules'], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim().split(/\s+/)[0])
    .filter((id) => id !== '');
  assert.deepEqual(
    Object.keys(properties['gouji.rules'].properties).sort(),
    listed.sort(),
    'package.json (contributes.configuration, gouji.rules) lists other rules than `gouji rules`',
  );
});

test('the bundle needs nothing from node_modules at run time', (t) => {
  const bundle = path.join(root, 'dist', 'extension.js');
  if (!fs.existsSync(bundle)) {
    t.skip('no dist/extension.js: run npm run compile');
    return;
  }
  const js = fs.readFileSync(bundle, 'utf8');
  const required = new Set([...js.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]));
  const { builtinModules } = require('node:module') as typeof import('node:module');
  const allowed = (m: string) => m === 'vscode' || builtinModules.includes(m.replace(/^node:/, ''));
  assert.deepEqual([...required].filter((m) => !allowed(m)), []);
  assert.ok(required.has('vscode'));
});
