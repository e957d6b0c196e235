// Entry point of both bundles — dist/extension.js for the Node extension host, dist/extension-web.js for the
// web worker one (vscode.dev, github.dev): activate() registers each feature; the features hold all the logic
// that touches `vscode` and dispose of what they register through the context's subscriptions. It returns what
// the integration tests read of the UI that the API cannot show them (the status bar item's text).
import type * as vscode from 'vscode';
import * as completions from './features/completions';
import * as diagnostics from './features/diagnostics';
import * as documentIndex from './features/documentIndex';
import * as evaluate from './features/evaluate';
import * as hover from './features/hover';
import * as kerasVersion from './features/kerasVersion';
import { getOutputChannel } from './features/output';
import * as plotPanel from './features/plotPanel';
import * as walkthrough from './features/walkthrough';

export function activate(context: vscode.ExtensionContext): { readonly kerasVersionStatus: () => { text: string; visible: boolean } | undefined } {
  // Says where it runs, which the web tests check and a person reading the log may need to know.
  getOutputChannel().info(`Activation Lens ${String(context.extension.packageJSON.version)} activated in the ${extensionHostKind()} extension host`);
  documentIndex.register(context);
  kerasVersion.register(context);
  hover.register(context);
  evaluate.register(context);
  plotPanel.register(context);
  diagnostics.register(context);
  completions.register(context);
  walkthrough.register(context);
  return { kerasVersionStatus: kerasVersion.statusShown };
}

/** A web worker has WorkerGlobalScope; Node's extension host does not. */
function extensionHostKind(): 'web worker' | 'Node' {
  return typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope === 'function' ? 'web worker' : 'Node';
}
