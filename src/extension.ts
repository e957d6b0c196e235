// Entry point: activate() registers each feature; the features hold all the logic that touches `vscode`.
import type * as vscode from 'vscode';
import * as documentIndex from './features/documentIndex';
import * as evaluate from './features/evaluate';
import * as hover from './features/hover';
import * as plotPanel from './features/plotPanel';

export function activate(context: vscode.ExtensionContext): void {
  // Features register here as they land.
  documentIndex.register(context);
  hover.register(context);
  evaluate.register(context);
  plotPanel.register(context);
}

export function deactivate(): void {}
