import assert from 'node:assert/strict';
import { NotebookError, analyzeNotebook, mergePythonImports, parseNotebook, pythonImports, pythonReferenceAt, scanNotebook } from '../../../src/language';
import { fixture } from './expect';

describe('Jupyter notebooks', () => {
  it('reads code cells (source as a string or a list of lines) with their index among all cells', () => {
    const notebook = parseNotebook(fixture('cells.ipynb'));
    assert.equal(notebook.language, 'python');
    assert.deepEqual(notebook.cells.map((cell) => [cell.index, cell.kind]), [[0, 'markdown'], [1, 'code'], [2, 'code'], [3, 'code'], [4, 'raw']]);
    assert.match(notebook.cells[3].source, /^!nvidia-smi\nmodel\.add/);
  });

  it("scans each code cell with every cell's imports in scope, a markdown cell's fences only, never raw cells", () => {
    const found = scanNotebook(parseNotebook(fixture('cells.ipynb'))).map(({ cell, references }) => [
      cell.index,
      references.map((reference) => `${reference.name}:${cell.source.slice(reference.start, reference.end)}:${reference.api}`),
    ]);
    assert.deepEqual(found, [
      // An inline code span in markdown prose is not code.
      [0, []],
      [1, []],
      [2, ['relu:relu:tf.nn', 'silu:swish:activations.get']],
      [3, ['leaky_relu:LeakyReLU:layer']],
    ]);
  });

  it('gives a hover in one cell the imports of the others', () => {
    const cells = analyzeNotebook(parseNotebook(fixture('cells.ipynb')));
    const second = cells.find(({ cell }) => cell.index === 2) as (typeof cells)[number];
    assert.equal(second.index.language, 'python');
    if (second.index.language !== 'python') return;
    const offset = second.cell.source.indexOf('relu');
    assert.equal(pythonReferenceAt(second.index, offset)?.symbol, 'tf.nn.relu');
    // The same context from cell sources alone, as an editor's per-cell cache would build it.
    const context = mergePythonImports(cells.map(({ cell }) => pythonImports(cell.source)));
    assert.equal(context.bindings.get('tfx')?.kind, 'module');
  });

  it('takes the kernel language and per-cell languages from the metadata', () => {
    const notebook = parseNotebook(
      JSON.stringify({
        metadata: { language_info: { name: 'typescript' } },
        cells: [
          { cell_type: 'code', source: ["import * as tf from '@tensorflow/tfjs';\n", 'tf.relu(x);'] },
          { cell_type: 'code', metadata: { vscode: { languageId: 'python' } }, source: 'keras.activations.gelu(x)' },
        ],
      }),
    );
    assert.deepEqual(notebook.cells.map((cell) => cell.language), ['typescript', 'python']);
    assert.deepEqual(
      scanNotebook(notebook).map(({ references }) => references.map((reference) => `${reference.flavour}:${reference.name}`)),
      [['tfjs:relu'], ['keras3:gelu']],
    );
  });

  it('says what is wrong with a file that is not a notebook', () => {
    assert.throws(() => parseNotebook('{"cells": ['), (error: Error) => error instanceof NotebookError && /not valid JSON/.test(error.message));
    assert.throws(() => parseNotebook('{"nbformat": 4}'), /no "cells" array/);
    assert.throws(() => parseNotebook('[1, 2]'), /no "cells" array/);
    // Odd cells are read as far as they make sense.
    assert.deepEqual(parseNotebook('{"cells": [null, {"source": 3}, {"cell_type": "code", "source": ["a", 1, "b"]}]}').cells.map((cell) => cell.source), ['', '', 'ab']);
  });
});
