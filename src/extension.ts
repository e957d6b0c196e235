// Entry point: activate() registers each feature; the features hold all the logic that touches `vscode`.
import type * as vscode from 'vscode';

export function activate(_context: vscode.ExtensionContext): void {
  // Features register here as they land.
}

export function deactivate(): void {}
