// The extension's settings (contributed in package.json under `activationLens.*`), read in one place.
import * as vscode from 'vscode';
import { SEVERITIES, type RuleSelection, type Severity } from '../check';

const section = (scope?: vscode.ConfigurationScope): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('activationLens', scope);

/** Which Keras `keras.*` and `tf.keras.*` mean: `auto` (what the project declares), or `2` / `3` as set. */
export function kerasVersionSetting(scope?: vscode.ConfigurationScope): 'auto' | '2' | '3' {
  const value = section(scope).get<string>('kerasVersion');
  return value === '2' || value === '3' ? value : 'auto';
}

export function hoverEnabled(scope?: vscode.ConfigurationScope): boolean {
  return section(scope).get<boolean>('hover.enabled', true);
}

/** Whether inline results follow every evaluable line as you type (`"auto"`) rather than the command. */
export function autoInlineResults(): boolean {
  return section().get<string>('inlineResults') === 'auto';
}

export function diagnosticsEnabled(scope?: vscode.ConfigurationScope): boolean {
  return section(scope).get<boolean>('diagnostics.enabled', true);
}

/** `activationLens.diagnostics.select` / `.ignore` / `.severity`, as the rule registry takes them. */
export function ruleSelection(scope?: vscode.ConfigurationScope): RuleSelection {
  const config = section(scope);
  const strings = (key: string): string[] | undefined => {
    const value = config.get<unknown>(key);
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;
  };
  const severity: Record<string, Severity | 'off'> = {};
  for (const [code, value] of Object.entries(config.get<Record<string, unknown>>('diagnostics.severity') ?? {})) {
    if (value === 'off' || SEVERITIES.includes(value as Severity)) severity[code] = value as Severity | 'off';
  }
  const select = strings('diagnostics.select');
  const ignore = strings('diagnostics.ignore');
  return { ...(select ? { select } : {}), ...(ignore ? { ignore } : {}), severity };
}

export function completionsEnabled(scope?: vscode.ConfigurationScope): boolean {
  return section(scope).get<boolean>('completions.enabled', true);
}
