// The `gouji.*` settings of VS Code, turned into the configuration the server reads
// from `initializationOptions` and `workspace/didChangeConfiguration`:
// `{"rules": {"<rule id>": "off" | "hint" | "info" | "warning" | "error"}}`.
//
// This module does not import `vscode`, so it is unit-tested with plain node.

export const SEVERITIES = ['off', 'hint', 'info', 'warning', 'error'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Spellings users write for a severity, beside the five the server knows. */
const SEVERITY_ALIASES: Record<string, Severity> = {
  none: 'off',
  ignore: 'off',
  information: 'info',
  warn: 'warning',
};

/** Settings that only the extension reads; they are never sent to the server. */
export const CLIENT_ONLY_KEYS: readonly string[] = ['path', 'files', 'trace'];

export interface ServerSettings {
  rules: Record<string, Severity>;
  /** Settings this extension does not know are passed through unchanged. */
  [key: string]: unknown;
}

export interface Mapped {
  settings: ServerSettings;
  /** One sentence per setting that was dropped, to show in the output channel. */
  problems: string[];
}

export function parseSeverity(value: unknown): Severity | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const v = value.trim().toLowerCase();
  if ((SEVERITIES as readonly string[]).includes(v)) {
    return v as Severity;
  }
  return SEVERITY_ALIASES[v];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Maps the `gouji` configuration section (what `workspace.getConfiguration('gouji')`
 * holds, as a plain object) to the server's settings.
 */
export function toServerSettings(section: unknown): Mapped {
  const problems: string[] = [];
  const rules: Record<string, Severity> = {};
  const settings: ServerSettings = { rules };
  if (!isPlainObject(section)) {
    return { settings, problems };
  }
  for (const [key, value] of Object.entries(section)) {
    if (CLIENT_ONLY_KEYS.includes(key) || key === 'rules' || value === undefined || typeof value === 'function') {
      continue;
    }
    settings[key] = value;
  }
  const raw = section.rules;
  if (raw === undefined || raw === null) {
    return { settings, problems };
  }
  if (!isPlainObject(raw)) {
    problems.push(`gouji.rules must be an object of rule ids and severities; ignored ${JSON.stringify(raw)}.`);
    return { settings, problems };
  }
  for (const [id, value] of Object.entries(raw)) {
    const rule = id.trim();
    const severity = parseSeverity(value);
    if (rule === '') {
      problems.push('gouji.rules has an empty rule id; ignored.');
    } else if (severity === undefined) {
      problems.push(
        `gouji.rules["${rule}"] is ${JSON.stringify(value)}, not one of ${SEVERITIES.join(', ')}; ignored.`,
      );
    } else {
      rules[rule] = severity;
    }
  }
  return { settings, problems };
}
