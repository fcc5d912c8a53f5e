import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';

import { type DiscoveryInput, expandPath, findServer, isExecutableFile } from '../discovery';

function input(over: Partial<DiscoveryInput> & { files?: string[] }): DiscoveryInput {
  const files = new Set(over.files ?? []);
  return {
    configured: '',
    workspaceFolders: ['/home/u/drafts'],
    env: { PATH: '/usr/local/bin:/usr/bin', HOME: '/home/u' },
    platform: 'linux',
    isExecutable: (f) => files.has(f),
    ...over,
  };
}

test('found on PATH, first directory wins', () => {
  const r = findServer(input({ files: ['/usr/bin/gouji', '/usr/local/bin/gouji'] }));
  assert.deepEqual(r, { ok: true, path: '/usr/local/bin/gouji', source: 'PATH' });
});

test('not on PATH: a message that names the setting, and the places tried', () => {
  const r = findServer(input({}));
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.match(r.message, /gouji\.path/);
    assert.deepEqual(r.tried, ['/usr/local/bin/gouji', '/usr/bin/gouji']);
  }
});

test('empty PATH entries are skipped', () => {
  const r = findServer(input({ env: { PATH: '::/opt/g::' }, files: ['/opt/g/gouji'] }));
  assert.deepEqual(r, { ok: true, path: '/opt/g/gouji', source: 'PATH' });
});

test('the setting wins over PATH', () => {
  const r = findServer(input({ configured: '/opt/gouji/bin/gouji', files: ['/opt/gouji/bin/gouji', '/usr/bin/gouji'] }));
  assert.deepEqual(r, { ok: true, path: '/opt/gouji/bin/gouji', source: 'setting' });
});

test('a configured path that is not there is an error, not a fallback to PATH', () => {
  const r = findServer(input({ configured: '/nope/gouji', files: ['/usr/bin/gouji'] }));
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.match(r.message, /\/nope\/gouji/);
  }
});

test('a relative configured path is resolved from the first workspace folder', () => {
  const r = findServer(
    input({ configured: 'target/debug/gouji', workspaceFolders: ['/w/a', '/w/b'], files: ['/w/a/target/debug/gouji'] }),
  );
  assert.deepEqual(r, { ok: true, path: '/w/a/target/debug/gouji', source: 'setting' });
  const none = findServer(input({ configured: './gouji', workspaceFolders: [] }));
  assert.equal(none.ok, false);
  if (!none.ok) {
    assert.match(none.message, /没有打开工作区文件夹/);
  }
  const english = findServer({ ...input({ configured: './gouji', workspaceFolders: [] }), lang: 'en' });
  if (!english.ok) {
    assert.match(english.message, /no workspace folder/);
  }
});

test('a bare configured name is looked up on PATH', () => {
  const r = findServer(input({ configured: 'gouji-nightly', files: ['/usr/bin/gouji-nightly', '/usr/bin/gouji'] }));
  assert.deepEqual(r, { ok: true, path: '/usr/bin/gouji-nightly', source: 'setting' });
});

test('~, ${userHome}, ${workspaceFolder} and ${env:NAME} are expanded', () => {
  const i = input({ env: { HOME: '/home/u', CARGO_HOME: '/c' }, workspaceFolders: ['/ws'] });
  assert.equal(expandPath('~/.cargo/bin/gouji', i), '/home/u/.cargo/bin/gouji');
  assert.equal(expandPath('${userHome}/bin/gouji', i), '/home/u/bin/gouji');
  assert.equal(expandPath('${workspaceFolder}/target/release/gouji', i), '/ws/target/release/gouji');
  assert.equal(expandPath('${env:CARGO_HOME}/bin/gouji', i), '/c/bin/gouji');
  assert.equal(expandPath('  ', i), '');
  const r = findServer({ ...i, configured: '~/.cargo/bin/gouji', isExecutable: (f) => f === '/home/u/.cargo/bin/gouji' });
  assert.equal(r.ok && r.path, '/home/u/.cargo/bin/gouji');
});

test('Windows: PATH with semicolons, PATHEXT, and a path with no extension', () => {
  const win = input({
    platform: 'win32',
    env: { Path: 'C:\\Tools;C:\\Users\\u\\.cargo\\bin', PATHEXT: '.COM;.EXE;.BAT', USERPROFILE: 'C:\\Users\\u' },
    workspaceFolders: ['C:\\drafts'],
    files: ['C:\\Users\\u\\.cargo\\bin\\gouji.exe', 'C:\\drafts\\bin\\gouji.exe'],
  });
  assert.deepEqual(findServer(win), { ok: true, path: 'C:\\Users\\u\\.cargo\\bin\\gouji.exe', source: 'PATH' });
  assert.deepEqual(findServer({ ...win, configured: 'bin\\gouji' }), {
    ok: true,
    path: 'C:\\drafts\\bin\\gouji.exe',
    source: 'setting',
  });
  assert.deepEqual(findServer({ ...win, configured: '~\\.cargo\\bin\\gouji.exe' }), {
    ok: true,
    path: 'C:\\Users\\u\\.cargo\\bin\\gouji.exe',
    source: 'setting',
  });
});

test('the binary inside the extension comes first, before the setting and PATH', () => {
  const ext = '/home/u/.vscode/extensions/gouji.gouji-0.1.0-linux-x64';
  const r = findServer(
    input({
      extensionPath: ext,
      configured: '/opt/gouji/bin/gouji',
      files: [`${ext}/bin/gouji`, '/opt/gouji/bin/gouji', '/usr/bin/gouji'],
    }),
  );
  assert.deepEqual(r, { ok: true, path: `${ext}/bin/gouji`, source: 'bundled' });
  // A package without a binary (the universal one): the setting, then PATH, as before.
  assert.deepEqual(findServer(input({ extensionPath: ext, configured: '/opt/gouji/bin/gouji', files: ['/opt/gouji/bin/gouji'] })), {
    ok: true,
    path: '/opt/gouji/bin/gouji',
    source: 'setting',
  });
  const none = findServer(input({ extensionPath: ext }));
  assert.equal(none.ok, false);
  if (!none.ok) {
    assert.deepEqual(none.tried, [`${ext}/bin/gouji`, '/usr/local/bin/gouji', '/usr/bin/gouji']);
  }
});

test('Windows: the bundled binary is bin\\gouji.exe', () => {
  const ext = 'C:\\Users\\u\\.vscode\\extensions\\gouji.gouji-0.1.0-win32-x64';
  const r = findServer(
    input({ platform: 'win32', env: { Path: 'C:\\Tools' }, extensionPath: ext, files: [`${ext}\\bin\\gouji.exe`] }),
  );
  assert.deepEqual(r, { ok: true, path: `${ext}\\bin\\gouji.exe`, source: 'bundled' });
});

test('isExecutableFile: an executable file yes; a plain file, a folder or nothing no', (t) => {
  if (process.platform === 'win32') {
    t.skip('no execute bit on Windows');
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gouji-discovery-'));
  try {
    const exe = path.join(dir, 'gouji');
    const plain = path.join(dir, 'notes.txt');
    fs.writeFileSync(exe, '#!/bin/sh\n', { mode: 0o755 });
    fs.writeFileSync(plain, '', { mode: 0o644 });
    fs.symlinkSync(exe, path.join(dir, 'link'));
    assert.equal(isExecutableFile(exe), true);
    assert.equal(isExecutableFile(path.join(dir, 'link')), true);
    assert.equal(isExecutableFile(dir), false);
    assert.equal(isExecutableFile(path.join(dir, 'missing')), false);
    assert.equal(isExecutableFile(plain), false);
    const found = findServer({
      configured: '',
      workspaceFolders: [],
      env: { PATH: dir },
      platform: process.platform,
      isExecutable: isExecutableFile,
    });
    assert.deepEqual(found, { ok: true, path: exe, source: 'PATH' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
