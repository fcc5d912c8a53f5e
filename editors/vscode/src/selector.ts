// Which documents the server sees: plain text and Markdown, narrowed by `gouji.files`.
//
// This module does not import `vscode`; its filters are plain objects of the shape
// VS Code and vscode-languageclient take as a document selector.

export const LANGUAGES = ['plaintext', 'markdown'] as const;

export interface DocumentFilter {
  language: string;
  scheme: string;
  pattern?: string;
}

/**
 * VS Code matches a filter's glob against the whole path of a file, so a glob written
 * relative to the workspace (`drafts/*.txt`) is made to match at any depth
 * (`**\/drafts/*.txt`). Absolute globs and globs that already start with `**` stay.
 */
export function normalizeGlob(glob: string): string {
  let g = glob.trim().replace(/\\/g, '/');
  if (g === '') {
    return '';
  }
  if (g.startsWith('./')) {
    g = g.slice(2);
  }
  if (g.startsWith('/') || g.startsWith('**') || /^[A-Za-z]:\//.test(g)) {
    return g;
  }
  return `**/${g}`;
}

/**
 * With no glob: every plain-text and Markdown document, saved or untitled. With a glob:
 * only files on disk whose path matches it (an untitled document has no path).
 */
export function documentSelector(files: string): DocumentFilter[] {
  const pattern = normalizeGlob(files);
  if (pattern === '') {
    return LANGUAGES.flatMap((language) => [
      { language, scheme: 'file' },
      { language, scheme: 'untitled' },
    ]);
  }
  return LANGUAGES.map((language) => ({ language, scheme: 'file', pattern }));
}
