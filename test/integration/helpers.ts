// Shared steps for integration tests: the extension's id, the samples workspace, opening files and notebooks.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'activation-lens.activation-lens';

/** The samples/ workspace both runners open; falls back to the extension's own samples/ folder. */
export function sampleUri(relativePath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.joinPath(extension().extensionUri, 'samples');
  return vscode.Uri.joinPath(folder, ...relativePath.split('/'));
}

export function extension(): vscode.Extension<unknown> {
  const found = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(found, `${EXTENSION_ID} is not loaded in this window`);
  return found;
}

/** Activates the extension explicitly: without it the first hover request in a fresh window can come back empty. */
export async function activateExtension(): Promise<void> {
  await extension().activate();
}

export async function openSample(relativePath: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(sampleUri(relativePath));
  await vscode.window.showTextDocument(document);
  return document;
}

/** Opens and shows a notebook (served by the built-in `vscode.ipynb` extension's `jupyter-notebook` serializer). */
export async function openNotebook(relativePath: string): Promise<vscode.NotebookDocument> {
  const notebook = await vscode.workspace.openNotebookDocument(sampleUri(relativePath));
  await vscode.window.showNotebookDocument(notebook);
  return notebook;
}

/** The position of the `occurrence`-th match of `text` in a document (1-based), offset into the match by `offset`. */
export function positionOf(document: vscode.TextDocument, text: string, { occurrence = 1, offset = 0 } = {}): vscode.Position {
  let index = -1;
  for (let found = 0; found < occurrence; found++) {
    index = document.getText().indexOf(text, index + 1);
    assert.ok(index >= 0, `"${text}" occurs fewer than ${occurrence} time(s) in ${document.uri.path}`);
  }
  return document.positionAt(index + offset);
}

/** Every hover any provider gives at a position, as plain markdown strings. */
export async function hoverTextsAt(uri: vscode.Uri, position: vscode.Position): Promise<string[]> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  return hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value)));
}

/**
 * Closes every editor except notebooks. Gotcha (code-server 4.100): after a notebook editor is closed, opening
 * that notebook again can take ~30 s (past a test's timeout), so notebooks stay open in the background and
 * openNotebook() brings them back to the front, which is quick.
 */
export async function closeAllEditors(): Promise<void> {
  const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs);
  await vscode.window.tabGroups.close(tabs.filter((tab) => !(tab.input instanceof vscode.TabInputNotebook)));
}

/** Closes every editor, notebooks too, each reverted first so that an untitled one does not ask to be saved. */
export async function closeEveryEditor(): Promise<void> {
  await closeAllEditors();
  for (const notebook of vscode.workspace.notebookDocuments) {
    await vscode.window.showNotebookDocument(notebook);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it gives a value (the workbench answers asynchronously); fails after `timeoutMs`. */
export async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(100);
  }
}

/**
 * Accepts the quick pick or input box a command opened, as Enter would, and returns the command's result.
 * The widget opens some time after the command starts, and accepting before that does nothing: accept
 * until the command finishes. A multi-select quick pick marks its preselected items only after it shows,
 * and no API says when: give it `settleMs` first.
 */
export async function acceptQuickInput<T>(pending: Thenable<T>, { settleMs = 0, timeoutMs = 20_000 } = {}): Promise<T> {
  let settled: { value: T } | undefined;
  void Promise.resolve(pending).then((value) => (settled = { value }));
  await sleep(settleMs);
  return waitFor(async () => {
    if (!settled) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await sleep(150);
    return settled?.value;
  }, 'the command to finish after its quick input was accepted', timeoutMs);
}
