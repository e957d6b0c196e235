// Completions and signature help for activations (src/check/completions.ts finds what applies at the
// cursor): identifiers inside `activation='|'` and tfjs `activation: '|'`, functions after
// `keras.activations.` / `keras.ops.` / `tf.nn.`, argument names inside `LeakyReLU(|`; each item's
// documentation (formula image and a small curve) is built only when the item is shown.
import * as vscode from 'vscode';
import { completionsAt, entryDocumentation, signatureAt, type CompletionEntry } from '../check/completions';
import { ACTIVATION_SELECTOR, codeIndex } from './documentIndex';
import { themeKind } from './hover';
import { kerasForSettled } from './kerasVersion';
import { completionsEnabled } from './settings';

class ActivationCompletionItem extends vscode.CompletionItem {
  constructor(
    readonly entry: CompletionEntry,
    range: vscode.Range,
    kind: vscode.CompletionItemKind,
  ) {
    super({ label: entry.label, description: entry.detail }, kind);
    this.insertText = entry.insertText;
    this.range = range;
    this.detail = entry.detail;
    // Ours first among other providers' items for the same text (Pylance lists every attribute).
    this.sortText = `0${entry.label}`;
  }
}

const KINDS = { identifier: vscode.CompletionItemKind.EnumMember, member: vscode.CompletionItemKind.Function, argument: vscode.CompletionItemKind.Variable } as const;

const completionProvider: vscode.CompletionItemProvider<ActivationCompletionItem> = {
  async provideCompletionItems(document, position) {
    if (!completionsEnabled(document)) return undefined;
    const index = codeIndex(document);
    if (!index) return undefined;
    // The names on offer depend on the project's version: the first request may wait for its declarations.
    const found = completionsAt(index, document.offsetAt(position), await kerasForSettled(document));
    if (!found) return undefined;
    const range = new vscode.Range(document.positionAt(found.start), document.positionAt(found.end));
    const items = found.entries.map((entry) => new ActivationCompletionItem(entry, range, KINDS[found.kind]));
    if (found.kind === 'argument') for (const item of items) item.command = { command: 'editor.action.triggerSuggest', title: '' };
    return new vscode.CompletionList(items, false);
  },
  resolveCompletionItem(item) {
    const markdown = new vscode.MarkdownString(entryDocumentation(item.entry, themeKind(vscode.window.activeColorTheme.kind)));
    markdown.supportHtml = true;
    item.documentation = markdown;
    return item;
  },
};

const signatureProvider: vscode.SignatureHelpProvider = {
  provideSignatureHelp(document, position) {
    const index = codeIndex(document);
    const model = index && signatureAt(index, document.offsetAt(position));
    if (!model) return undefined;
    const signature = new vscode.SignatureInformation(model.label, new vscode.MarkdownString(model.documentation));
    signature.parameters = model.parameters.map((parameter) => new vscode.ParameterInformation(parameter.label, parameter.documentation));
    const help = new vscode.SignatureHelp();
    help.signatures = [signature];
    help.activeSignature = 0;
    help.activeParameter = model.activeParameter;
    return help;
  },
};

export function register(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.languages.registerCompletionItemProvider(ACTIVATION_SELECTOR, completionProvider, "'", '"', '.', '(', ','),
    vscode.languages.registerSignatureHelpProvider(ACTIVATION_SELECTOR, signatureProvider, { triggerCharacters: ['(', ','], retriggerCharacters: [',', '='] }),
  );
}
