// The extension as packaged, activated with the gouji it carries and no gouji on PATH:
// it must start the bundled binary and show that server's diagnostics.
//
// The package is GOUJI_VSIX when set (a platform-specific .vsix, unpacked here); else one
// laid out as `vsce package` would, from dist/extension.js (npm run compile) with GOUJI_BIN
// copied to bin/gouji. Skipped when neither is there. VS Code is a stand-in
// (fake-vscode.ts): VS Code cannot be downloaded where these tests run.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';

import { type FakeState, EventEmitter, Uri, fakeVscode, installFakeVscode, textDocument } from './fake-vscode';

const root = path.resolve(__dirname, '..', '..');
const exe = process.platform === 'win32' ? 'gouji.exe' : 'gouji';

/** Unpacks a .vsix (a zip) with unzip, or Python's zipfile where unzip is missing. */
function unzip(archive: string, into: string): void {
  try {
    execFileSync('unzip', ['-q', archive, '-d', into], { stdio: 'pipe' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw e;
    }
    execFileSync('python3', ['-m', 'zipfile', '-e', archive, into], { stdio: 'pipe' });
  }
}

/** The extension's folder as VS Code would install it, or why there is none. */
function installedExtension(tmp: string): string | { skip: string } {
  const vsix = process.env.GOUJI_VSIX;
  if (vsix) {
    unzip(path.resolve(vsix), path.join(tmp, 'vsix'));
    return path.join(tmp, 'vsix', 'extension');
  }
  const bin = process.env.GOUJI_BIN;
  const bundle = path.join(root, 'dist', 'extension.js');
  if (!bin) {
    return { skip: 'neither GOUJI_VSIX nor GOUJI_BIN is set' };
  }
  if (!fs.existsSync(bundle)) {
    return { skip: 'no dist/extension.js (npm run compile)' };
  }
  const ext = path.join(tmp, 'extension');
  fs.mkdirSync(path.join(ext, 'dist'), { recursive: true });
  fs.mkdirSync(path.join(ext, 'bin'));
  fs.copyFileSync(path.join(root, 'package.json'), path.join(ext, 'package.json'));
  fs.copyFileSync(bundle, path.join(ext, 'dist', 'extension.js'));
  fs.copyFileSync(path.resolve(bin), path.join(ext, 'bin', exe));
  fs.chmodSync(path.join(ext, 'bin', exe), 0o755);
  return ext;
}

test('the packaged extension starts the gouji inside it, with none on PATH', async (t) => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gouji-activation-'));
  const savedPath = process.env.PATH;
  try {
    const ext = installedExtension(tmp);
    if (typeof ext !== 'string') {
      t.skip(ext.skip);
      return;
    }
    const bundled = path.join(ext, 'bin', exe);
    assert.ok(fs.existsSync(bundled), `the package carries ${path.relative(ext, bundled)}`);

    // A PATH with no gouji on it.
    const emptyBin = path.join(tmp, 'empty-bin');
    fs.mkdirSync(emptyBin);
    process.env.PATH = emptyBin;

    const folder = path.join(tmp, '预算 草稿');
    fs.mkdirSync(folder);
    const draftPath = path.join(folder, 'draft.txt');
    const text = fs.readFileSync(path.join(root, '..', 'testdata', 'draft.txt'), 'utf8');
    fs.writeFileSync(draftPath, text);
    const draft = textDocument(draftPath, 'plaintext', text);

    const state: FakeState = {
      log: [],
      shown: [],
      diagnostics: new Map(),
      published: new EventEmitter<string>(),
      settings: { path: '', files: '', rules: {}, trace: { server: process.env.GOUJI_TEST_TRACE ? 'verbose' : 'off' } },
      documents: [draft],
      workspaceFolders: [{ uri: Uri.file(folder), name: 'drafts', index: 0 }],
    };
    installFakeVscode(fakeVscode(state));

    const published = new Promise<void>((resolve) => {
      state.published.event((uri) => {
        if (uri === draft.uri.toString() && (state.diagnostics.get(uri) ?? []).length > 0) {
          resolve();
        }
      });
    });
    const extension = require(path.join(ext, 'dist', 'extension.js'));
    const subscriptions: { dispose(): unknown }[] = [];
    await extension.activate({
      extensionPath: ext,
      extensionUri: Uri.file(ext),
      subscriptions,
      asAbsolutePath: (p: string) => path.join(ext, p),
    });
    assert.deepEqual(state.shown, [], 'no error shown to the user');
    assert.ok(
      state.log.includes(`info Starting ${bundled} lsp (found inside the extension).`),
      `the log says the bundled gouji started:\n${state.log.join('\n')}`,
    );

    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no diagnostics within 20 s; log:\n${state.log.join('\n')}`)), 20000);
    });
    try {
      await Promise.race([published, timeout]);
    } finally {
      clearTimeout(timer);
    }
    const diagnostics = state.diagnostics.get(draft.uri.toString()) ?? [];
    const codes = diagnostics.map((d) => {
      const code = d.code as string | { value: string } | undefined;
      return typeof code === 'object' ? code.value : code;
    });
    assert.ok(codes.includes('list-total-mismatch'), `diagnostics: ${JSON.stringify(codes)}`);
    assert.ok(codes.includes('share-mismatch'), `diagnostics: ${JSON.stringify(codes)}`);
    const total = diagnostics.find((d) => d.message.includes('100'));
    assert.ok(total, 'the 合计 of 100 whose items sum to 90 is flagged');
    assert.equal(total.range.start.line, 4);

    await extension.deactivate();
    subscriptions.forEach((s) => s.dispose());
  } finally {
    process.env.PATH = savedPath;
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
