// Completions and signature help inside a real VS Code, asked through vscode.executeCompletionItemProvider
// and vscode.executeSignatureHelpProvider: identifiers per library and version, functions after a module,
// argument names with defaults, and each item's documentation with its formula and curve images.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, openSample, positionOf, waitFor } from './helpers';

let untitled = 0;

/**
 * A new untitled document of `language` with `marked` (its `|` is the cursor), shown in an editor. Each has a
 * name of its own: VS Code reuses `Untitled-1` after a close, and a cache keyed by URI and version could
 * then answer for the document closed before.
 */
async function at(language: string, marked: string): Promise<{ document: vscode.TextDocument; position: vscode.Position }> {
  const extension = language === 'python' ? 'py' : 'ts';
  const uri = vscode.Uri.parse(`untitled:/completions-${Date.now()}-${++untitled}.${extension}`);
  const document = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), language);
  const editor = await vscode.window.showTextDocument(document);
  await editor.edit((builder) => builder.insert(new vscode.Position(0, 0), marked.replace('|', '')));
  return { document, position: document.positionAt(marked.indexOf('|')) };
}

async function completions(document: vscode.TextDocument, position: vscode.Position, resolve = 0): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position, undefined, resolve);
  return list.items;
}

const label = (item: vscode.CompletionItem): string => (typeof item.label === 'string' ? item.label : item.label.label);
const labels = (items: vscode.CompletionItem[]): string[] => items.map(label);
const markdownOf = (item: vscode.CompletionItem | undefined): string => (item?.documentation instanceof vscode.MarkdownString ? item.documentation.value : String(item?.documentation ?? ''));

describe('completions', () => {
  before(activateExtension);
  afterEach(closeAllEditors);

  it("offers every Keras 3 identifier inside activation='', each with its formula and curve", async () => {
    const { document, position } = await at('python', "from keras import layers\nlayers.Dense(4, activation='|')\n");
    const items = await completions(document, position, 40);
    for (const name of ['relu', 'gelu', 'silu', 'swish', 'hard_silu', 'squareplus']) assert.ok(labels(items).includes(name), name);
    const gelu = items.find((item) => label(item) === 'gelu');
    assert.equal(gelu?.kind, vscode.CompletionItemKind.EnumMember);
    const images = markdownOf(gelu).match(/data:image\/svg\+xml;base64,/g) ?? [];
    assert.equal(images.length, 2, 'the formula and the curve');
  });

  it("offers TensorFlow.js' own spellings in activation: ''", async () => {
    const { document, position } = await at('typescript', "import * as tf from '@tensorflow/tfjs';\ntf.layers.dense({ units: 4, activation: '|' });\n");
    const names = labels(await completions(document, position));
    assert.ok(names.includes('hardSigmoid') && names.includes('gelu_new') && names.includes('swish'));
    assert.ok(!names.includes('hard_sigmoid') && !names.includes('leaky_relu'));
  });

  it("offers only the names the project's Keras version has", async () => {
    const document = await openSample('keras-3.5-project/model.py');
    const original = document.getText();
    const edit = new vscode.WorkspaceEdit();
    const end = new vscode.Position(document.lineCount, 0);
    edit.insert(document.uri, end, 'w = keras.activations.');
    assert.ok(await vscode.workspace.applyEdit(edit));
    try {
      const names = labels(await completions(document, document.lineAt(document.lineCount - 1).range.end));
      assert.ok(names.includes('gelu') && names.includes('hard_silu'));
      assert.ok(!names.includes('squareplus') && !names.includes('sparse_plus'), 'Keras 3.7 and 3.8 names in a 3.5 project');
    } finally {
      // The workbench may have saved the edit (auto save): revert, then write the sample back as it was.
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await vscode.workspace.fs.writeFile(document.uri, new TextEncoder().encode(original));
      await waitFor(() => (document.getText() === original ? true : undefined), 'the sample to read as before');
    }
  });

  it('offers the activation functions after keras.activations., keras.ops. and tf.nn. with their signatures', async () => {
    const { document, position } = await at('python', 'import keras\nkeras.activations.|\n');
    const gelu = (await completions(document, position)).find((item) => label(item) === 'gelu');
    assert.equal(gelu?.detail, 'gelu(x, approximate=False)');
    const ops = await at('python', 'import keras\nkeras.ops.|\n');
    assert.equal((await completions(ops.document, ops.position)).find((item) => label(item) === 'gelu')?.detail, 'gelu(x, approximate=True)');
    const nn = await at('python', 'import tensorflow as tf\ntf.nn.|\n');
    assert.ok(labels(await completions(nn.document, nn.position)).includes('leaky_relu'));
  });

  it('offers argument names with the layer defaults inside LeakyReLU(', async () => {
    const { document, position } = await at('python', 'from keras import layers\nlayers.LeakyReLU(|)\n');
    const slope = (await completions(document, position)).find((item) => label(item) === 'negative_slope');
    assert.equal(slope?.detail, 'negative_slope=0.3');
    assert.equal(slope?.insertText, 'negative_slope=');
  });

  it('gives signature help for activation functions and layers', async () => {
    const { document, position } = await at('python', 'import keras\nkeras.activations.relu(x, max_value=|)\n');
    const help = await vscode.commands.executeCommand<vscode.SignatureHelp>('vscode.executeSignatureHelpProvider', document.uri, position);
    const signature = help.signatures.find((candidate) => candidate.label.startsWith('keras.activations.relu('));
    assert.equal(signature?.label, 'keras.activations.relu(x, negative_slope=0, max_value=None, threshold=0)');
    assert.equal(help.activeParameter, 2);
    const layer = await at('python', 'from keras import layers\nlayers.ReLU(|)\n');
    const layerHelp = await vscode.commands.executeCommand<vscode.SignatureHelp>('vscode.executeSignatureHelpProvider', layer.document.uri, layer.position);
    assert.ok(layerHelp.signatures.some((candidate) => candidate.label === 'ReLU(max_value=None, negative_slope=0, threshold=0)'));
  });

  it('stays out of strings that are not activations', async () => {
    const document = await openSample('python/keras_layers.py');
    const position = positionOf(document, 'Recurrent layers take two activations', { offset: 3 });
    assert.deepEqual((await completions(document, position)).filter((item) => item.sortText?.startsWith('0')), []);
  });
});
