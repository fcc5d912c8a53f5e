// The extension's own messages, in Chinese and English side by side (the server's
// diagnostics come in the language the client's locale asks for). Chinese unless
// VS Code's display language is English, as gouji itself: `vscode.env.language`
// starting with `en` means English.
//
// This module does not import `vscode`, so it is unit-tested with plain node.

export type Lang = 'zh' | 'en';

/** The language of a VS Code display language (`en`, `en-gb`, `zh-cn`, `ja`). */
export function langOf(language: string | undefined): Lang {
  return language !== undefined && language.toLowerCase().startsWith('en') ? 'en' : 'zh';
}

/** Every message: its Chinese and its English. */
export const MESSAGES = {
  notOnPath: {
    zh: () => '在 PATH 中找不到 gouji。请安装适合本系统的扩展包（gouji-win32-x64.vsix、gouji-linux-x64.vsix，其中带有 gouji），或设置 gouji.path。',
    en: () =>
      'gouji is not on PATH. Install the package for your system (gouji-win32-x64.vsix, gouji-linux-x64.vsix), which carries gouji, or set gouji.path.',
  },
  settingNotACommand: {
    zh: (configured: string) => `gouji.path 设置为“${configured}”，但 PATH 中没有这个命令。`,
    en: (configured: string) => `gouji.path is "${configured}", which is not a command on PATH.`,
  },
  relativeWithoutFolder: {
    zh: (configured: string) => `gouji.path 是相对路径“${configured}”，但没有打开工作区文件夹，无法据以解析。`,
    en: (configured: string) => `gouji.path is the relative path "${configured}", but no workspace folder is open to resolve it from.`,
  },
  notExecutable: {
    zh: (configured: string, full: string) => `gouji.path 设置为“${configured}”，但 ${full} 不是可执行文件。`,
    en: (configured: string, full: string) => `gouji.path is "${configured}", but ${full} is not an executable file.`,
  },
  lookedAt: {
    zh: (places: string) => `查找 gouji 的位置：\n  ${places}`,
    en: (places: string) => `Looked for gouji at:\n  ${places}`,
  },
  openSettings: { zh: () => '打开设置', en: () => 'Open Settings' },
  showLog: { zh: () => '查看日志', en: () => 'Show Log' },
  foundBundled: { zh: () => '扩展自带', en: () => 'inside the extension' },
  foundSetting: { zh: () => '由 gouji.path 指定', en: () => 'through gouji.path' },
  foundPath: { zh: () => '在 PATH 中', en: () => 'on PATH' },
  starting: {
    zh: (path: string, source: string) => `启动 ${path} lsp（${source}）。`,
    en: (path: string, source: string) => `Starting ${path} lsp (found ${source}).`,
  },
  didNotStart: {
    zh: (error: string) => `gouji lsp 未能启动：${error}`,
    en: (error: string) => `gouji lsp did not start: ${error}`,
  },
  isItGouji: {
    zh: (path: string) => `${path} 是否为带有 lsp 命令的 gouji？`,
    en: (path: string) => `Is ${path} a gouji with the lsp command?`,
  },
  stopping: {
    zh: (error: string) => `停止 gouji lsp 时出错：${error}`,
    en: (error: string) => `Stopping gouji lsp: ${error}`,
  },
  openADraft: { zh: () => 'gouji：请先打开一份要修正的文稿。', en: () => 'gouji: open a draft to fix.' },
  notRunning: {
    zh: () => 'gouji：语言服务器没有运行（可用“gouji: 重启语言服务器”）。',
    en: () => 'gouji: the server is not running (gouji: Restart server).',
  },
  notChecked: {
    zh: () => 'gouji 不检查此文件（见 gouji.files 设置）。',
    en: () => 'gouji does not check this file (see the gouji.files setting).',
  },
  nothingToFix: { zh: () => 'gouji：没有可自动应用的安全修正。', en: () => 'gouji: no safe fixes to apply.' },
} as const;

type Messages = typeof MESSAGES;

/** A message in `lang`, with its arguments. */
export function say<K extends keyof Messages>(lang: Lang, key: K, ...args: Parameters<Messages[K]['en']>): string {
  const text = MESSAGES[key][lang] as (...a: Parameters<Messages[K]['en']>) => string;
  return text(...args);
}
