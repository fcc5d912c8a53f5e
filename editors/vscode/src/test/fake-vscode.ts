// A stand-in for the `vscode` module, enough for the bundled extension (dist/extension.js)
// to activate and for vscode-languageclient to start the server, open the documents it is
// given and publish diagnostics into a collection the test reads. VS Code itself cannot be
// downloaded where these tests run; what this checks is the extension's side: which
// binary it starts, and that the server it started answers.
//
// What the test does not name explicitly is an `auto` value: callable, constructible, every
// property another `auto`, disposable, iterable as empty, never a thenable.

import Module from 'node:module';
import * as path from 'node:path';


function auto(): any {
  const target = function () {
    /* callable */
  };
  return new Proxy(target, {
    get(_t, prop) {
      if (prop === 'then') {
        return undefined;
      }
      if (prop === Symbol.iterator) {
        return function* () {
          /* empty */
        };
      }
      if (prop === Symbol.toPrimitive) {
        return () => 0;
      }
      if (prop === 'dispose') {
        return () => undefined;
      }
      return auto();
    },
    apply() {
      return auto();
    },
    construct() {
      return auto();
    },
  });
}

/** Fills in what an object does not define with `auto` values. */
function lenient<T extends object>(known: T): T {
  return new Proxy(known, {
    get(t, prop, receiver) {
      if (prop in t || typeof prop === 'symbol' || prop === 'then') {
        return Reflect.get(t, prop, receiver);
      }
      return auto();
    },
  });
}

export class Disposable {
  constructor(private readonly fn: () => void = () => undefined) {}
  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => items.forEach((i) => i.dispose()));
  }
  dispose(): void {
    this.fn();
  }
}

export class EventEmitter<T> {
  private listeners: ((e: T) => void)[] = [];
  event = (listener: (e: T) => void): Disposable => {
    this.listeners.push(listener);
    return new Disposable(() => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    });
  };
  fire(e: T): void {
    this.listeners.forEach((l) => l(e));
  }
  dispose(): void {
    this.listeners = [];
  }
}

export class Uri {
  private constructor(
    readonly scheme: string,
    readonly fsPath: string,
  ) {}
  static file(p: string): Uri {
    return new Uri('file', p);
  }
  static parse(s: string): Uri {
    if (s.startsWith('file://')) {
      return new Uri('file', decodeURIComponent(s.slice('file://'.length)));
    }
    const colon = s.indexOf(':');
    return new Uri(s.slice(0, colon), s.slice(colon + 1));
  }
  get path(): string {
    return this.fsPath;
  }
  toString(): string {
    return this.scheme === 'file' ? `file://${this.fsPath.split('/').map(encodeURIComponent).join('/')}` : `${this.scheme}:${this.fsPath}`;
  }
  toJSON(): unknown {
    return { scheme: this.scheme, path: this.fsPath };
  }
  with(): Uri {
    return this;
  }
}

export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
}

export class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(a: Position | number, b: Position | number, c?: number, d?: number) {
    this.start = typeof a === 'number' ? new Position(a, b as number) : a;
    this.end = typeof a === 'number' ? new Position(c as number, d as number) : (b as Position);
  }
}

export class Diagnostic {
  code?: unknown;
  source?: string;
  tags?: unknown;
  relatedInformation?: unknown;
  constructor(
    readonly range: Range,
    readonly message: string,
    readonly severity?: number,
  ) {}
}

export class CodeActionKind {
  static readonly Empty = new CodeActionKind('');
  static readonly QuickFix = new CodeActionKind('quickfix');
  static readonly Refactor = new CodeActionKind('refactor');
  static readonly Source = new CodeActionKind('source');
  static readonly SourceFixAll = new CodeActionKind('source.fixAll');
  static readonly SourceOrganizeImports = new CodeActionKind('source.organizeImports');
  constructor(readonly value: string) {}
  append(part: string): CodeActionKind {
    return new CodeActionKind(this.value === '' ? part : `${this.value}.${part}`);
  }
  contains(other: CodeActionKind): boolean {
    return other.value === this.value || other.value.startsWith(`${this.value}.`);
  }
  intersects(other: CodeActionKind): boolean {
    return this.contains(other) || other.contains(this);
  }
}

export class CancellationTokenSource {
  private readonly emitter = new EventEmitter<void>();
  readonly token = { isCancellationRequested: false, onCancellationRequested: this.emitter.event };
  cancel(): void {
    this.token.isCancellationRequested = true;
    this.emitter.fire();
  }
  dispose(): void {
    this.emitter.dispose();
  }
}

export class CancellationError extends Error {}

export class TabInputText {
  constructor(readonly uri: Uri) {}
}
export class TabInputTextDiff {
  constructor(
    readonly original: Uri,
    readonly modified: Uri,
  ) {}
}
export class TabInputCustom {
  constructor(readonly uri: Uri) {}
}

export interface FakeDocument {
  uri: Uri;
  fileName: string;
  languageId: string;
  version: number;
  isClosed: boolean;
  isDirty: boolean;
  isUntitled: boolean;
  lineCount: number;
  getText(): string;
}

export function textDocument(file: string, languageId: string, text: string): FakeDocument {
  return {
    uri: Uri.file(file),
    fileName: file,
    languageId,
    version: 1,
    isClosed: false,
    isDirty: false,
    isUntitled: false,
    lineCount: text.split('\n').length,
    getText: () => text,
  };
}

export interface FakeState {
  /** What the extension logged to its output channel, one entry per call. */
  log: string[];
  /** Error and warning messages shown to the user. */
  shown: string[];
  /** The diagnostics published per document URI. */
  diagnostics: Map<string, Diagnostic[]>;
  /** Fires when diagnostics arrive. */
  published: EventEmitter<string>;
  /** The `gouji` settings. */
  settings: Record<string, unknown>;
  documents: FakeDocument[];
  workspaceFolders: { uri: Uri; name: string; index: number }[];
}

function matches(selector: unknown, document: FakeDocument): number {
  const filters = Array.isArray(selector) ? selector : [selector];
  for (const f of filters) {
    if (typeof f === 'string' ? f === document.languageId : f.language === document.languageId && (f.scheme === undefined || f.scheme === document.uri.scheme)) {
      return 10;
    }
  }
  return 0;
}

/** Builds the fake module around `state`. */
export function fakeVscode(state: FakeState): any {
  const channel = (name: string) =>
    lenient({
      name,
      logLevel: 2,
      onDidChangeLogLevel: new EventEmitter<number>().event,
      trace: (m: string) => state.log.push(`trace ${m}`),
      debug: (m: string) => state.log.push(`debug ${m}`),
      info: (m: string) => state.log.push(`info ${m}`),
      warn: (m: string) => state.log.push(`warn ${m}`),
      error: (m: unknown) => state.log.push(`error ${String(m)}`),
      append: (m: string) => state.log.push(m),
      appendLine: (m: string) => state.log.push(m),
      replace: () => undefined,
      clear: () => undefined,
      show: () => undefined,
      hide: () => undefined,
      dispose: () => undefined,
    });
  const configuration = (section?: string) => {
    const values: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(state.settings)) {
      values[k] = v;
    }
    const get = (key: string, def?: unknown) => {
      let v: unknown = values;
      for (const part of key.split('.')) {
        if (v === null || typeof v !== 'object' || !(part in v)) {
          return def;
        }
        v = (v as Record<string, unknown>)[part];
      }
      return v;
    };
    if (section === 'gouji') {
      return Object.assign(Object.create({ get, has: (k: string) => get(k) !== undefined, update: async () => undefined }), values);
    }
    return { get: (_k: string, def?: unknown) => def, has: () => false, update: async () => undefined };
  };
  const event = () => new EventEmitter<unknown>().event;
  const collection = (name: string) => ({
    name,
    set: (uri: Uri | [Uri, Diagnostic[]][], diags?: Diagnostic[]) => {
      const entries: [Uri, Diagnostic[] | undefined][] = Array.isArray(uri) ? uri : [[uri, diags]];
      for (const [u, d] of entries) {
        state.diagnostics.set(u.toString(), d ?? []);
        state.published.fire(u.toString());
      }
    },
    get: (uri: Uri) => state.diagnostics.get(uri.toString()),
    delete: (uri: Uri) => state.diagnostics.delete(uri.toString()),
    clear: () => state.diagnostics.clear(),
    forEach: () => undefined,
    has: (uri: Uri) => state.diagnostics.has(uri.toString()),
    dispose: () => undefined,
  });
  const shown = (m: string) => {
    state.shown.push(m);
    return Promise.resolve(undefined);
  };
  return lenient({
    version: '1.82.0',
    Disposable,
    EventEmitter,
    Uri,
    Position,
    Range,
    Diagnostic,
    CodeActionKind,
    CancellationTokenSource,
    CancellationError,
    TabInputText,
    TabInputTextDiff,
    TabInputCustom,
    DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
    DiagnosticTag: { Unnecessary: 1, Deprecated: 2 },
    window: lenient({
      createOutputChannel: channel,
      showErrorMessage: shown,
      showWarningMessage: shown,
      showInformationMessage: shown,
      visibleTextEditors: [],
      activeTextEditor: undefined,
      onDidChangeActiveTextEditor: event(),
      onDidChangeVisibleTextEditors: event(),
      onDidChangeVisibleNotebookEditors: event(),
      visibleNotebookEditors: [],
      // Every document is open in a tab: the client pulls diagnostics for those only.
      tabGroups: lenient({
        get all() {
          return [{ tabs: state.documents.map((d) => ({ input: new TabInputText(d.uri) })) }];
        },
        onDidChangeTabs: event(),
        onDidChangeTabGroups: event(),
      }),
    }),
    workspace: lenient({
      get workspaceFolders() {
        return state.workspaceFolders;
      },
      get textDocuments() {
        return state.documents;
      },
      notebookDocuments: [],
      getConfiguration: configuration,
      getWorkspaceFolder: () => state.workspaceFolders[0],
      onDidChangeConfiguration: event(),
      onDidChangeWorkspaceFolders: event(),
      onDidOpenTextDocument: event(),
      onDidChangeTextDocument: event(),
      onDidCloseTextDocument: event(),
      onDidSaveTextDocument: event(),
      onWillSaveTextDocument: event(),
      onDidOpenNotebookDocument: event(),
      onDidChangeNotebookDocument: event(),
      onDidCloseNotebookDocument: event(),
      onDidSaveNotebookDocument: event(),
      onDidCreateFiles: event(),
      onDidRenameFiles: event(),
      onDidDeleteFiles: event(),
      onWillCreateFiles: event(),
      onWillRenameFiles: event(),
      onWillDeleteFiles: event(),
    }),
    languages: lenient({
      createDiagnosticCollection: collection,
      match: matches,
    }),
    commands: lenient({
      registerCommand: () => new Disposable(),
      executeCommand: async () => undefined,
    }),
    env: lenient({ language: 'en', appName: 'fake', machineId: 'fake', sessionId: 'fake' }),
    extensions: lenient({ all: [], getExtension: () => undefined }),
  });
}

/** Makes `require('vscode')` return `module` from now on. */
export function installFakeVscode(module: unknown): void {
  const fakePath = path.join(__dirname, '__fake_vscode__.js');
  const m = Module as unknown as {
    _resolveFilename: (request: string, ...rest: unknown[]) => string;
    _cache: Record<string, unknown>;
  };
  const original = m._resolveFilename;
  m._resolveFilename = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? fakePath : original.call(this, request, ...rest);
  };
  const entry = new Module(fakePath);
  entry.exports = module;
  entry.loaded = true;
  (require.cache as Record<string, unknown>)[fakePath] = entry;
}
