// The "Activation Lens" output channel, shared by every feature: created on first use, one per window.
import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;

/** The shared channel (a log channel: info/warn/error with timestamps, and appendLine for plain text). */
export function getOutputChannel(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('Activation Lens', { log: true });
  return channel;
}
