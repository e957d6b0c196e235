// Entry point: activate() registers each feature; the features hold all the logic that touches `vscode`
// and dispose of what they register through the context's subscriptions. It returns what the integration
// tests read of the UI that the API cannot show them (the status bar item's text).
import type * as vscode from 'vscode';
import * as completions from './features/completions';
import * as diagnostics from './features/diagnostics';
import * as documentIndex from './features/documentIndex';
import * as evaluate from './features/evaluate';
import * as hover from './features/hover';
import * as kerasVersion from './features/kerasVersion';
import * as plotPanel from './features/plotPanel';

export function activate(context: vscode.ExtensionContext): { readonly kerasVersionStatus: () => { text: string; visible: boolean } | undefined } {
  documentIndex.register(context);
  kerasVersion.register(context);
  hover.register(context);
  evaluate.register(context);
  plotPanel.register(context);
  diagnostics.register(context);
  completions.register(context);
  return { kerasVersionStatus: kerasVersion.statusShown };
}
