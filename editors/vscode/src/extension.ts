// The VS Code side of gouji: starts `gouji lsp` for plain-text and Markdown drafts,
// keeps its settings in step with `gouji.*`, and adds two commands. Everything that can
// be decided without VS Code lives in settings.ts, discovery.ts and selector.ts.

import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';

import * as fs from 'node:fs';

import { bundledPath, findServer, isExecutableFile } from './discovery';
import { langOf, say } from './messages';
import { documentSelector } from './selector';
import { toServerSettings, type ServerSettings } from './settings';

const FIX_ALL_KIND = vscode.CodeActionKind.Source.append('fixAll').append('gouji');

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel;
/** The extension's folder: a platform-specific package carries gouji in its `bin/`. */
let extensionPath = '';
/** Serialises start, stop and restart, so two quick restarts do not start two servers. */
let lifecycle: Promise<void> = Promise.resolve();

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('gouji', { log: true });
  extensionPath = context.extensionPath;
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('gouji.restartServer', () => queue(restart)),
    vscode.commands.registerCommand('gouji.fixAll', fixAll),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('gouji.path') || e.affectsConfiguration('gouji.files')) {
        void queue(restart);
      } else if (e.affectsConfiguration('gouji')) {
        void pushSettings();
      }
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => {
      // A relative gouji.path is resolved from the first workspace folder.
      if (!client) {
        void queue(start);
      }
    }),
  );
  await queue(start);
}

export function deactivate(): Promise<void> {
  return queue(stop);
}

function queue(step: () => Promise<void>): Promise<void> {
  lifecycle = lifecycle.then(step, step);
  return lifecycle;
}

function workspaceFolderPaths(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
}

/** The server's settings for a resource (or the workspace), logging what was dropped. */
function serverSettings(scope?: vscode.Uri): ServerSettings {
  const section: unknown = JSON.parse(JSON.stringify(vscode.workspace.getConfiguration('gouji', scope)));
  const { settings, problems } = toServerSettings(section);
  for (const problem of problems) {
    output.warn(problem);
  }
  return settings;
}

async function start(): Promise<void> {
  if (client) {
    return;
  }
  const config = vscode.workspace.getConfiguration('gouji');
  makeBundledExecutable();
  const found = findServer({
    extensionPath,
    configured: config.get<string>('path', ''),
    workspaceFolders: workspaceFolderPaths(),
    env: process.env,
    platform: process.platform,
    isExecutable: isExecutableFile,
    lang: lang(),
  });
  if (!found.ok) {
    output.error(found.message);
    if (found.tried.length > 0) {
      output.info(say(lang(), 'lookedAt', found.tried.join('\n  ')));
    }
    const [openSettings, showLog] = [say(lang(), 'openSettings'), say(lang(), 'showLog')];
    void vscode.window.showErrorMessage(found.message, openSettings, showLog).then((choice) => {
      if (choice === openSettings) {
        void vscode.commands.executeCommand('workbench.action.openSettings', 'gouji.path');
      } else if (choice === showLog) {
        output.show();
      }
    });
    return;
  }
  const source = say(lang(), ({ bundled: 'foundBundled', setting: 'foundSetting', PATH: 'foundPath' } as const)[found.source]);
  output.info(say(lang(), 'starting', found.path, source));

  const serverOptions: ServerOptions = { command: found.path, args: ['lsp'] };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(config.get<string>('files', '')),
    initializationOptions: () => serverSettings(),
    outputChannel: output,
    middleware: {
      workspace: {
        // A server that pulls `workspace/configuration` gets the same mapping.
        configuration: (params, token, next) => {
          const all = params.items.every((item) => item.section === undefined || item.section === 'gouji');
          if (!all) {
            return next(params, token);
          }
          return params.items.map((item) =>
            serverSettings(item.scopeUri === undefined ? undefined : vscode.Uri.parse(item.scopeUri)),
          );
        },
      },
    },
  };
  const created = new LanguageClient('gouji', 'gouji', serverOptions, clientOptions);
  client = created;
  try {
    await created.start();
  } catch (e) {
    client = undefined;
    const message = say(lang(), 'didNotStart', e instanceof Error ? e.message : String(e));
    output.error(message);
    void vscode.window.showErrorMessage(`${message} ${say(lang(), 'isItGouji', found.path)}`);
  }
}

/** The language of the extension's own messages: VS Code's display language. */
function lang(): 'zh' | 'en' {
  return langOf(vscode.env.language);
}

/** A package unpacked without file modes leaves the bundled binary without its execute bit. */
function makeBundledExecutable(): void {
  if (process.platform === 'win32' || extensionPath === '') {
    return;
  }
  const bundled = bundledPath(extensionPath, process.platform);
  try {
    if (fs.statSync(bundled).isFile() && !isExecutableFile(bundled)) {
      fs.chmodSync(bundled, 0o755);
    }
  } catch {
    // No bundled binary: gouji.path or PATH then.
  }
}

async function stop(): Promise<void> {
  const old = client;
  client = undefined;
  if (old) {
    try {
      await old.dispose(2000);
    } catch (e) {
      output.warn(say(lang(), 'stopping', e instanceof Error ? e.message : String(e)));
    }
  }
}

async function restart(): Promise<void> {
  await stop();
  await start();
}

async function pushSettings(): Promise<void> {
  if (client?.isRunning()) {
    await client.sendNotification(DidChangeConfigurationNotification.type, { settings: serverSettings() });
  }
}

/** Applies the server's `source.fixAll.gouji` action to the active document. */
async function fixAll(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage(say(lang(), 'openADraft'));
    return;
  }
  if (!client?.isRunning()) {
    void vscode.window.showWarningMessage(say(lang(), 'notRunning'));
    return;
  }
  const document = editor.document;
  const selector = documentSelector(vscode.workspace.getConfiguration('gouji').get<string>('files', ''));
  if (vscode.languages.match(selector, document) === 0) {
    void vscode.window.showInformationMessage(say(lang(), 'notChecked'));
    return;
  }
  const whole = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
  const actions =
    (await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      whole,
      FIX_ALL_KIND.value,
      10,
    )) ?? [];
  const ours = actions.filter((a) => a.kind !== undefined && FIX_ALL_KIND.contains(a.kind));
  let applied = false;
  for (const action of ours) {
    if (action.edit && action.edit.size > 0) {
      applied = (await vscode.workspace.applyEdit(action.edit)) || applied;
    }
    if (action.command) {
      await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
      applied = true;
    }
  }
  if (!applied) {
    void vscode.window.setStatusBarMessage(say(lang(), 'nothingToFix'), 3000);
  }
}
