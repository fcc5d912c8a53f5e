import assert from 'node:assert/strict';
import { test } from 'node:test';

import { documentSelector, normalizeGlob } from '../selector';

test('no glob: plain text and Markdown, on disk and untitled', () => {
  assert.deepEqual(documentSelector(''), [
    { language: 'plaintext', scheme: 'file' },
    { language: 'plaintext', scheme: 'untitled' },
    { language: 'markdown', scheme: 'file' },
    { language: 'markdown', scheme: 'untitled' },
  ]);
  assert.deepEqual(documentSelector('   '), documentSelector(''));
});

test('a glob narrows both languages to files on disk', () => {
  assert.deepEqual(documentSelector('**/预算公开/**'), [
    { language: 'plaintext', scheme: 'file', pattern: '**/预算公开/**' },
    { language: 'markdown', scheme: 'file', pattern: '**/预算公开/**' },
  ]);
});

test('relative globs match at any depth; absolute ones stay', () => {
  assert.equal(normalizeGlob('drafts/*.txt'), '**/drafts/*.txt');
  assert.equal(normalizeGlob('./drafts/*.txt'), '**/drafts/*.txt');
  assert.equal(normalizeGlob('**/*{预算,决算}*.{txt,md}'), '**/*{预算,决算}*.{txt,md}');
  assert.equal(normalizeGlob('/srv/drafts/**'), '/srv/drafts/**');
  assert.equal(normalizeGlob('C:\\drafts\\**'), 'C:/drafts/**');
});
