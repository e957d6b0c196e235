// Diagnostics and their fixes in the editor: each Python file, notebook cell, TS/JS and Markdown document is
// checked (src/check) when opened and, debounced, as it is typed, with the Keras version its project declares
// (Markdown: its fences); each diagnostic carries its rule's code and a link to the rule's documentation. Fixes are code actions: quick
// fixes on a diagnostic, and `source.fixAll.activationLens` (every safe fix at once, e.g. on save).
import * as vscode from 'vscode';
import { checkDocument, fixAllEdits, type CheckResult, type Diagnostic, type Fix, type Severity } from '../check';
import { ruleAnchor } from '../check/ruleAnchor';
import { ACTIVATION_SELECTOR, documentIndex, notebookOf } from './documentIndex';
import { kerasForSettled, onDidChangeKerasVersion } from './kerasVersion';
import { diagnosticsEnabled, ruleSelection } from './settings';

/** Long enough not to re-check between keystrokes, short enough to feel immediate. */
const DEBOUNCE_MS = 250;

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('activationLens');

const SEVERITY: Readonly<Record<Severity, vscode.DiagnosticSeverity>> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** Rules whose finding is old API: the editor strikes it through. */
const DEPRECATED = new Set(['AL202', 'AL203']);

let collection: vscode.DiagnosticCollection | undefined;
let rulesDocument: vscode.Uri | undefined;
/**
 * The last check of each document, at its version: what code actions answer from, and what the next check
 * after an edit starts from (it re-checks only the statements the edit touched).
 */
// By document object, as the index cache: a reopened `Untitled-1` at version 1 is another document.
let checked = new WeakMap<vscode.TextDocument, { readonly version: number; readonly result: CheckResult }>();
const timers = new Map<string, ReturnType<typeof setTimeout>>();

/** The last diagnostics of a document at its current version (for tests and code actions). */
export function checkedDiagnostics(document: vscode.TextDocument): readonly Diagnostic[] | undefined {
  const last = checked.get(document);
  return last?.version === document.version ? last.result.diagnostics : undefined;
}

function schedule(document: vscode.TextDocument, delay = DEBOUNCE_MS): void {
  if (!vscode.languages.match(ACTIVATION_SELECTOR, document) || document.uri.scheme === 'git' || document.uri.scheme === 'output') return;
  const key = document.uri.toString();
  clearTimeout(timers.get(key));
  timers.set(key, setTimeout(() => {
    timers.delete(key);
    void update(document);
  }, delay));
}

async function update(document: vscode.TextDocument): Promise<void> {
  if (document.isClosed || !collection) return;
  if (!diagnosticsEnabled(document)) {
    collection.delete(document.uri);
    checked.delete(document);
    return;
  }
  const diagnostics = await diagnosticsOf(document);
  if (diagnostics && !document.isClosed) collection?.set(document.uri, diagnostics.map((diagnostic) => toVscode(document, diagnostic)));
}

/** The document's diagnostics at its current version: the last check's, or a new one. */
async function diagnosticsOf(document: vscode.TextDocument): Promise<readonly Diagnostic[] | undefined> {
  const known = checkedDiagnostics(document);
  if (known) return known;
  const keras = await kerasForSettled(document);
  const index = documentIndex(document);
  if (!index) return undefined;
  const version = document.version;
  // Under other options the previous result is not reused (checkDocument compares them).
  const result = checkDocument(index, { keras, rules: ruleSelection(document) }, checked.get(document)?.result);
  checked.set(document, { version, result });
  return result.diagnostics;
}

function toVscode(document: vscode.TextDocument, diagnostic: Diagnostic): vscode.Diagnostic {
  const result = new vscode.Diagnostic(rangeOf(document, diagnostic), diagnostic.message, SEVERITY[diagnostic.severity]);
  result.source = 'Activation Lens';
  result.code = rulesDocument ? { value: diagnostic.code, target: rulesDocument.with({ fragment: ruleAnchor(diagnostic) }) } : diagnostic.code;
  if (DEPRECATED.has(diagnostic.code)) result.tags = [vscode.DiagnosticTag.Deprecated];
  return result;
}

const rangeOf = (document: vscode.TextDocument, span: { start: number; end: number }): vscode.Range => new vscode.Range(document.positionAt(span.start), document.positionAt(span.end));

function editOf(document: vscode.TextDocument, fix: Pick<Fix, 'edits'>): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const change of fix.edits) edit.replace(document.uri, rangeOf(document, change), change.newText);
  return edit;
}

const codeOf = (diagnostic: vscode.Diagnostic): string | undefined => (typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : diagnostic.code === undefined ? undefined : String(diagnostic.code));

const codeActions: vscode.CodeActionProvider = {
  async provideCodeActions(document, range, context) {
    // A request can come before the debounced check has run on this version.
    const diagnostics = diagnosticsEnabled(document) ? await diagnosticsOf(document) : undefined;
    if (!diagnostics) return [];
    const actions: vscode.CodeAction[] = [];
    const wants = (kind: vscode.CodeActionKind): boolean => !context.only || context.only.contains(kind) || kind.contains(context.only);
    if (wants(vscode.CodeActionKind.QuickFix)) {
      for (const diagnostic of diagnostics) {
        const where = rangeOf(document, diagnostic);
        if (!where.intersection(range) && !where.contains(range)) continue;
        const shown = context.diagnostics.filter((candidate) => candidate.source === 'Activation Lens' && codeOf(candidate) === diagnostic.code && candidate.range.isEqual(where));
        diagnostic.fixes.forEach((fix, k) => {
          const action = new vscode.CodeAction(fix.safety === 'safe' ? fix.title : `${fix.title} (changes what the model computes)`, vscode.CodeActionKind.QuickFix);
          action.edit = editOf(document, fix);
          action.diagnostics = shown;
          action.isPreferred = k === 0 && fix.safety === 'safe';
          actions.push(action);
        });
      }
    }
    if (context.only && FIX_ALL_KIND.contains(context.only) || context.only?.contains(FIX_ALL_KIND)) {
      const { edits, fixed } = fixAllEdits(diagnostics);
      if (fixed) {
        const action = new vscode.CodeAction(`Fix all Activation Lens problems (${fixed})`, FIX_ALL_KIND);
        action.edit = editOf(document, { edits });
        actions.push(action);
      }
    }
    return actions;
  },
};

export function register(context: vscode.ExtensionContext): void {
  collection = vscode.languages.createDiagnosticCollection('activation-lens');
  rulesDocument = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules.md');
  const recheckAll = (): void => {
    // The same version checked again under other settings or another Keras: forget the old answers.
    checked = new WeakMap();
    vscode.workspace.textDocuments.forEach((document) => schedule(document, 0));
  };
  context.subscriptions.push(
    collection,
    vscode.languages.registerCodeActionsProvider(ACTIVATION_SELECTOR, codeActions, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND] }),
    vscode.workspace.onDidOpenTextDocument((document) => schedule(document, 0)),
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (!event.contentChanges.length) return;
      schedule(event.document);
      // A notebook cell's imports count in the other cells.
      const notebook = notebookOf(event.document);
      for (const cell of notebook?.getCells() ?? []) if (cell.document !== event.document) schedule(cell.document);
    }),
    vscode.workspace.onDidCloseTextDocument((document) => {
      const key = document.uri.toString();
      clearTimeout(timers.get(key));
      timers.delete(key);
      checked.delete(document);
      collection?.delete(document.uri);
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('activationLens.diagnostics')) recheckAll();
    }),
    onDidChangeKerasVersion(recheckAll),
    {
      dispose: () => {
        for (const timer of timers.values()) clearTimeout(timer);
        timers.clear();
        checked = new WeakMap();
        collection = undefined;
      },
    },
  );
  recheckAll();
}
