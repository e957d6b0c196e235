// The real hover provider, asked through VS Code on sample files, a notebook cell and TypeScript.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, hoverTextsAt, openNotebook, openSample, positionOf } from './helpers';

/**
 * Our hover among all providers' hovers at a position (ours starts with the bold canonical name), its character
 * references read as the hover shows them (the editor's hover writes characters beyond Latin-1 so).
 */
async function activationHover(document: vscode.TextDocument, text: string, options: { occurrence?: number; offset?: number } = {}): Promise<string | undefined> {
  const texts = await hoverTextsAt(document.uri, positionOf(document, text, { offset: 1, ...options }));
  return texts.map((markdown) => markdown.replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))).find((markdown) => markdown.includes('· ') && markdown.includes('→'));
}

const dataImages = (markdown: string): string[] => [...markdown.matchAll(/!\[[^\]]*\]\((data:image\/svg\+xml;base64,[^)]+)\)/g)].map((match) => match[1]);

describe('hover', () => {
  before(activateExtension);
  afterEach(async () => {
    await vscode.workspace.getConfiguration('activationLens').update('hover.enabled', undefined, vscode.ConfigurationTarget.Global);
    await closeAllEditors();
  });

  it('explains tf.keras.activations.sigmoid in the tutorial with a typeset formula and a curve', async () => {
    const document = await openSample('python/tutorial.py');
    const markdown = await activationHover(document, 'sigmoid(a)');
    assert.ok(markdown, 'no activation hover on sigmoid');
    assert.match(markdown, /^\*\*sigmoid\*\* · Logistic sigmoid/);
    assert.match(markdown, /`sigmoid` → `keras\.activations\.sigmoid` \(Keras 3/);
    assert.equal(dataImages(markdown).length, 2, 'formula and curve images');
    assert.match(markdown, /command:activationLens\.openPlot\?/);
  });

  it('draws the curve for the layer arguments written at the call site', async () => {
    const document = await openSample('python/keras_layers.py');
    const markdown = await activationHover(document, 'LeakyReLU(negative_slope=0.1)');
    assert.ok(markdown);
    assert.match(markdown, /\| `negative_slope` \| `0\.3` \| \*\*`0\.1`\*\* \|/);
    assert.match(markdown, /negative\\?_slope=0\.1/);
  });

  it('reads strings only in activation contexts', async () => {
    const document = await openSample('python/keras_layers.py');
    const markdown = await activationHover(document, "'softmax'", { offset: 2 });
    assert.ok(markdown);
    assert.match(markdown, /^\*\*softmax\*\*/);
    assert.equal(await activationHover(document, 'Recurrent layers take two activations', { offset: 3 }), undefined);
  });

  it("tells keras.ops.gelu's tanh default apart in a notebook cell, with imports from other cells", async () => {
    const notebook = await openNotebook('notebooks/activations.ipynb');
    const cell = notebook.getCells().find((candidate) => candidate.document.getText().includes('ops.gelu(x)'));
    assert.ok(cell);
    const markdown = await activationHover(cell.document, 'gelu(x)');
    assert.ok(markdown, 'no hover in the notebook cell');
    assert.match(markdown, /via keras\.ops/);
    assert.match(markdown, /\| `approximate` \| `True` \|/);
    assert.match(markdown, /tanh/);
  });

  it('checks a hand-written function in a notebook cell against the library, with the functions of the cells above', async () => {
    const cells = ['import numpy as np\n\ndef sigmoid(z):\n    return 1 / (1 + np.exp(-z))\n', 'def swish(z, beta=1):\n    return z * sigmoid(beta * z)\n'];
    const data = new vscode.NotebookData(cells.map((source) => new vscode.NotebookCellData(vscode.NotebookCellKind.Code, source, 'python')));
    const notebook = await vscode.workspace.openNotebookDocument('jupyter-notebook', data);
    const texts = await hoverTextsAt(notebook.cellAt(1).document.uri, new vscode.Position(0, 6));
    assert.ok(
      texts.some((markdown) => /Keras 3's silu/.test(markdown)),
      `no verdict naming silu in ${JSON.stringify(texts)}`,
    );
  });

  it("shows TensorFlow.js' own definition in TypeScript", async () => {
    const document = await openSample('tfjs/model.ts');
    const markdown = await activationHover(document, "'hardSigmoid'", { offset: 2 });
    assert.ok(markdown);
    assert.match(markdown, /\(TensorFlow\.js/);
    assert.match(markdown, /0\.2·x/);
  });

  it('explains an activation in a Markdown fence, never in the prose around it', async () => {
    const document = await openSample('markdown/activations.md');
    assert.equal(document.languageId, 'markdown');
    const markdown = await activationHover(document, '"gelu"', { offset: 2 });
    assert.ok(markdown, 'no activation hover in the ```python fence');
    assert.match(markdown, /^\*\*gelu\*\*/);
    assert.match(markdown, /In a fenced code block/);
    assert.equal(dataImages(markdown).length, 2, 'formula and curve images');
    assert.doesNotMatch(markdown, /evaluateSelection/, 'no Evaluate link on a documentation line');
    // The layer and its parameter in the fence below, which sees the import of the first.
    const elu = await activationHover(document, 'ELU(alpha=0.5)');
    assert.ok(elu);
    assert.match(elu, /\| `alpha` \| `1` \| \*\*`0\.5`\*\* \|/);
    // An inline code span in prose is not code.
    assert.equal(await activationHover(document, 'keras.activations.relu', { offset: 20 }), undefined);
    // TensorFlow.js in a ```js fence.
    const tfjs = await activationHover(document, "'hardSigmoid'", { offset: 2 });
    assert.ok(tfjs);
    assert.match(tfjs, /\(TensorFlow\.js/);
  });

  it('explains an activation in a docstring doctest, not in the docstring prose', async () => {
    const document = await openSample('python/docstrings.py');
    const markdown = await activationHover(document, 'sigmoid(x)\n');
    assert.ok(markdown, 'no activation hover in the doctest');
    assert.match(markdown, /^\*\*sigmoid\*\*/);
    assert.match(markdown, /In a doctest example/);
    assert.equal(await activationHover(document, 'keras.activations.sigmoid (prose', { offset: 20 }), undefined);
    // The code after the docstring still has its Evaluate link.
    const code = await activationHover(document, 'ops.sigmoid(x)', { offset: 5 });
    assert.ok(code);
    assert.match(code, /evaluateSelection/);
  });

  it('can be turned off', async () => {
    const document = await openSample('python/tutorial.py');
    await vscode.workspace.getConfiguration('activationLens').update('hover.enabled', false, vscode.ConfigurationTarget.Global);
    assert.equal(await activationHover(document, 'sigmoid(a)'), undefined);
  });
});
