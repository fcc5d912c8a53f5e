// Finding the `gouji` executable: the one inside the extension (a platform-specific
// package carries it in `bin/`), else the `gouji.path` setting if set, else `PATH`.
//
// This module does not import `vscode`, so it is unit-tested with plain node: the
// environment, the platform and the file system check are parameters.

import * as fs from 'node:fs';
import * as path from 'node:path';

import { say, type Lang } from './messages';

export interface DiscoveryInput {
  /** The extension's own folder, whose `bin/` holds the binary of a platform-specific package. */
  extensionPath?: string;
  /** The `gouji.path` setting; empty means "look on PATH". */
  configured: string;
  /** File system paths of the workspace folders; the first one resolves relative paths. */
  workspaceFolders: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  /** Whether a path is a file this process may execute. */
  isExecutable: (file: string) => boolean;
  /** The language of the message when nothing is found (Chinese when not given). */
  lang?: Lang;
}

export type Discovery =
  | { ok: true; path: string; source: 'bundled' | 'setting' | 'PATH' }
  | { ok: false; message: string; tried: string[] };

function pathApi(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

function homeDir(input: DiscoveryInput): string | undefined {
  return input.platform === 'win32' ? input.env.USERPROFILE ?? input.env.HOME : input.env.HOME;
}

/** Expands `~`, `${userHome}`, `${workspaceFolder}` and `${env:NAME}` in a configured path. */
export function expandPath(value: string, input: DiscoveryInput): string {
  const home = homeDir(input) ?? '';
  const folder = input.workspaceFolders[0] ?? '';
  let v = value.trim();
  if (v === '~' || v.startsWith('~/') || v.startsWith('~\\')) {
    v = home + v.slice(1);
  }
  return v
    .replace(/\$\{userHome\}/g, home)
    .replace(/\$\{workspaceFolder\}/g, folder)
    .replace(/\$\{env:([^}]+)\}/g, (_, name: string) => input.env[name] ?? '');
}

/** The names to try for a command: on Windows with each extension of PATHEXT. */
export function candidateNames(name: string, input: DiscoveryInput): string[] {
  if (input.platform !== 'win32' || pathApi('win32').extname(name) !== '') {
    return [name];
  }
  const exts = (input.env.PATHEXT ?? input.env.Pathext ?? '.EXE;.CMD;.BAT;.COM')
    .split(';')
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e.startsWith('.'));
  return exts.map((e) => name + e);
}

/** Looks a bare command name up in the directories of PATH, in order. */
export function searchPath(name: string, input: DiscoveryInput, tried: string[]): string | undefined {
  const p = pathApi(input.platform);
  const raw = input.env.PATH ?? input.env.Path ?? '';
  const dirs = raw.split(p.delimiter).filter((d) => d !== '');
  for (const dir of dirs) {
    for (const candidate of candidateNames(name, input)) {
      const full = p.join(dir.replace(/^"(.*)"$/, '$1'), candidate);
      tried.push(full);
      if (input.isExecutable(full)) {
        return full;
      }
    }
  }
  return undefined;
}

/** Where a platform-specific package carries the binary: `bin/gouji` (`bin/gouji.exe` on Windows). */
export function bundledPath(extensionPath: string, platform: NodeJS.Platform): string {
  return pathApi(platform).join(extensionPath, 'bin', platform === 'win32' ? 'gouji.exe' : 'gouji');
}

export function findServer(input: DiscoveryInput): Discovery {
  const p = pathApi(input.platform);
  const tried: string[] = [];
  if (input.extensionPath !== undefined && input.extensionPath !== '') {
    const bundled = bundledPath(input.extensionPath, input.platform);
    tried.push(bundled);
    if (input.isExecutable(bundled)) {
      return { ok: true, path: bundled, source: 'bundled' };
    }
  }
  const configured = expandPath(input.configured, input);
  if (configured !== '') {
    const hasSeparator = configured.includes('/') || (input.platform === 'win32' && configured.includes('\\'));
    if (!hasSeparator) {
      const found = searchPath(configured, input, tried);
      if (found !== undefined) {
        return { ok: true, path: found, source: 'setting' };
      }
      return {
        ok: false,
        tried,
        message: say(input.lang ?? 'zh', 'settingNotACommand', input.configured),
      };
    }
    let full = configured;
    if (!p.isAbsolute(full)) {
      const base = input.workspaceFolders[0];
      if (base === undefined) {
        return {
          ok: false,
          tried,
          message: say(input.lang ?? 'zh', 'relativeWithoutFolder', input.configured),
        };
      }
      full = p.resolve(base, full);
    }
    for (const candidate of candidateNames(full, input)) {
      tried.push(candidate);
      if (input.isExecutable(candidate)) {
        return { ok: true, path: candidate, source: 'setting' };
      }
    }
    return { ok: false, tried, message: say(input.lang ?? 'zh', 'notExecutable', input.configured, full) };
  }
  const found = searchPath('gouji', input, tried);
  if (found !== undefined) {
    return { ok: true, path: found, source: 'PATH' };
  }
  return {
    ok: false,
    tried,
    message: say(input.lang ?? 'zh', 'notOnPath'),
  };
}

/** The real file system check: a regular file (after symlinks) that may be executed. */
export function isExecutableFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    if (process.platform !== 'win32') {
      fs.accessSync(file, fs.constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}
