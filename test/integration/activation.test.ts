// The extension activates on the languages it declares: a Python file, a notebook cell, a TypeScript file.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, extension, openNotebook, openSample, waitFor } from './helpers';

describe('activation', () => {
  afterEach(closeAllEditors);

  it('declares an activation event for each language it serves', () => {
    const events = extension().packageJSON.activationEvents as string[];
    for (const event of ['onLanguage:python', 'onLanguage:typescript', 'onLanguage:javascript', 'onNotebook:jupyter-notebook']) {
      assert.ok(events.includes(event), `activationEvents lacks ${event}: ${events.join(', ')}`);
    }
  });

  // First, before any Python or TypeScript editor opened, so onNotebook is what activates the extension.
  it('activates when a Jupyter notebook opens', async () => {
    assert.equal(extension().isActive, false, 'already active before any notebook or source file was opened');
    const notebook = await openNotebook('notebooks/activations.ipynb');
    assert.equal(notebook.notebookType, 'jupyter-notebook');
    assert.ok(notebook.cellCount > 0, 'the sample notebook has cells');
    await waitForActivation();
  });

  it('serves notebook cells: they are Python documents its selector matches', async () => {
    const notebook = await openNotebook('notebooks/activations.ipynb');
    const cell = notebook.getCells().find((candidate) => candidate.kind === vscode.NotebookCellKind.Code);
    assert.ok(cell, 'the sample notebook has a code cell');
    assert.equal(cell.document.uri.scheme, 'vscode-notebook-cell');
    assert.equal(cell.document.languageId, 'python');
    assert.ok(vscode.languages.match({ language: 'python' }, cell.document) > 0, 'a python selector matches the cell');
    await waitForActivation();
  });

  it('activates on a Python file', async () => {
    const document = await openSample('python/keras_layers.py');
    assert.equal(document.languageId, 'python');
    await waitForActivation();
  });

  it('activates on a TypeScript file', async () => {
    const document = await openSample('tfjs/model.ts');
    assert.equal(document.languageId, 'typescript');
    await waitForActivation();
  });
});

/** Activation runs asynchronously after the event fires. */
async function waitForActivation(): Promise<void> {
  await waitFor(() => extension().isActive || undefined, 'the extension to activate');
}
