import assert from 'node:assert/strict';
import { test } from 'node:test';

import { parseSeverity, toServerSettings } from '../settings';

test('rules pass through with their severities', () => {
  const { settings, problems } = toServerSettings({
    path: '/usr/bin/gouji',
    files: '**/*.md',
    trace: { server: 'verbose' },
    rules: { 'list-total-mismatch': 'off', 'missing-unit': 'error' },
  });
  assert.deepEqual(settings, { rules: { 'list-total-mismatch': 'off', 'missing-unit': 'error' } });
  assert.deepEqual(problems, []);
});

test('client-only settings are never sent to the server', () => {
  const { settings } = toServerSettings({ path: 'x', files: 'y', trace: { server: 'off' } });
  assert.deepEqual(settings, { rules: {} });
});

test('settings the extension does not know are passed through', () => {
  const { settings } = toServerSettings({ tolerance: 0.01, rules: {} });
  assert.deepEqual(settings, { rules: {}, tolerance: 0.01 });
});

test('severities are case-insensitive and common aliases are accepted', () => {
  assert.equal(parseSeverity('Warning'), 'warning');
  assert.equal(parseSeverity(' warn '), 'warning');
  assert.equal(parseSeverity('information'), 'info');
  assert.equal(parseSeverity('none'), 'off');
  assert.equal(parseSeverity('HINT'), 'hint');
  assert.equal(parseSeverity('fatal'), undefined);
  assert.equal(parseSeverity(2), undefined);
  assert.equal(parseSeverity(null), undefined);
});

test('an unknown severity drops that rule only, and says so', () => {
  const { settings, problems } = toServerSettings({
    rules: { 'unit-slip': 'loud', 'share-mismatch': 'Hint', '': 'off' },
  });
  assert.deepEqual(settings.rules, { 'share-mismatch': 'hint' });
  assert.equal(problems.length, 2);
  assert.match(problems[0], /unit-slip.*"loud"/);
  assert.match(problems[1], /empty rule id/);
});

test('rules that are not an object are ignored with a problem', () => {
  for (const rules of ['off', ['unit-slip'], 3]) {
    const { settings, problems } = toServerSettings({ rules });
    assert.deepEqual(settings, { rules: {} });
    assert.equal(problems.length, 1);
  }
});

test('no section, or no rules, gives empty rules', () => {
  assert.deepEqual(toServerSettings(undefined).settings, { rules: {} });
  assert.deepEqual(toServerSettings(null).settings, { rules: {} });
  assert.deepEqual(toServerSettings({}).settings, { rules: {} });
  assert.deepEqual(toServerSettings({ rules: null }).problems, []);
});

test('the result is plain JSON', () => {
  const { settings } = toServerSettings({ rules: { 'missing-figure': 'info' }, get() {} });
  assert.deepEqual(JSON.parse(JSON.stringify(settings)), settings);
  assert.equal('get' in settings, false);
});
