// The extension's settings (contributed in package.json under `activationLens.*`), read in one place.
import * as vscode from 'vscode';

const section = (scope?: vscode.ConfigurationScope): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('activationLens', scope);

/** Which Keras `keras.*` and `tf.keras.*` mean in this document. */
export function kerasVersion(scope?: vscode.ConfigurationScope): '2' | '3' {
  return section(scope).get<string>('kerasVersion') === '2' ? '2' : '3';
}

export function hoverEnabled(scope?: vscode.ConfigurationScope): boolean {
  return section(scope).get<boolean>('hover.enabled', true);
}

/** Whether inline results follow every evaluable line as you type (`"auto"`) rather than the command. */
export function autoInlineResults(): boolean {
  return section().get<string>('inlineResults') === 'auto';
}
