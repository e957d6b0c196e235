// A notebook's hand-written activations call the functions of the cells above, as a kernel run top to bottom
// does (Géron's Hands-On ML, chapter 11: `def swish(z, beta=1): return z * sigmoid(beta * z)` in a cell far
// below `def sigmoid`). Their check runs the definitions above first — not the cells' other code.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { handwrittenChecks } from '../../src/check/handwritten';
import { pythonDefinitions } from '../../src/interpreter/python';
import { analyzeNotebook, parseNotebook, pythonPrelude } from '../../src/language';
import { evaluateCells } from '../../src/interpreter/snippet';
import { runCli } from '../support/cli';

const CELLS = [
  'import numpy as np\n\ndef sigmoid(z):\n    return 1 / (1 + np.exp(-z))\n\nz = np.linspace(-5, 5, 200)\nplt.plot(z, sigmoid(z))\n',
  '# a Markdown cell between',
  'def swish(z, beta=1):\n    return z * sigmoid(beta * z)\n\ndef approx_gelu(z):\n    return swish(z, beta=1.702)\n',
];

function notebookJson(cells: readonly string[]): string {
  const cell = (source: string, k: number) => ({ cell_type: k === 1 ? 'markdown' : 'code', metadata: {}, source: source.split(/(?<=\n)/), outputs: [], execution_count: null });
  return JSON.stringify({ cells: cells.map(cell), metadata: { kernelspec: { name: 'python3', language: 'python' } }, nbformat: 4, nbformat_minor: 5 });
}

describe('hand-written activations in notebooks', () => {
  it("takes a cell's prelude from the Python code cells above it", () => {
    const cells = [
      { source: 'a = 1', language: 'python' },
      { source: '# notes', language: 'markdown', kind: 'markdown' as const },
      { source: 'const x = 1;', language: 'javascript' },
      { source: 'b = 2\n', language: 'python' },
      { source: 'c = 3\n', language: 'python' },
    ];
    assert.equal(pythonPrelude(cells, 0), '');
    assert.equal(pythonPrelude(cells, 4), 'a = 1\nb = 2\n');
    assert.equal(pythonPrelude(cells, 2), '', 'a JavaScript cell stands alone');
  });

  it("reads the definitions of the code above: imports, def's to their last parenthesis, literal and lambda bindings", () => {
    const code = 'import numpy as np\nfrom math import exp\nalpha = -0.5\nf = lambda x: x * 2\ndef g(x):\n    return (1 + exp(x))\nplt.plot(xs, g(xs))\nfor k in range(10):\n    train(k)\ny = g(2)\n';
    assert.equal(pythonDefinitions(code), 'import numpy as np\nfrom math import exp\nalpha = -0.5\nf = lambda x: x * 2\ndef g(x):\n    return (1 + exp(x))\n');
    assert.equal(pythonDefinitions('def broken(:\n'), '');
  });

  it("checks a cell's function that calls a function of a cell above, and places it in its own cell", () => {
    const analysed = analyzeNotebook(parseNotebook(notebookJson(CELLS)));
    const last = analysed[analysed.length - 1];
    assert.equal(last.index.language, 'python');
    if (last.index.language !== 'python') return;
    const checks = handwrittenChecks(last.index, 'keras3');
    assert.deepEqual(
      checks.map((check) => [check.fn.name, check.fn.line, last.index.text.slice(check.fn.nameSpan.start, check.fn.nameSpan.end), check.spec?.name ?? null, check.verdict]),
      [
        ['swish', 0, 'swish', 'silu', 'same'],
        ['approx_gelu', 3, 'approx_gelu', null, 'unmatched'],
      ],
    );
  });

  it('activation-lens check reports it in its cell', () => {
    const folder = mkdtempSync(join(tmpdir(), 'activation-lens-notebook-'));
    try {
      const path = join(folder, 'chapter.ipynb');
      writeFileSync(path, notebookJson(CELLS));
      const { stdout } = runCli(['check', path]);
      assert.match(stdout, /chapter\.ipynb:cell 2:1: swish: same as Keras 3's silu/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('notebook cells evaluated with the cells above', () => {
  it('names a line of a cell above by its cell, and a line of the cell itself as the cell counts it', () => {
    const cells = [
      { source: 'import numpy as np\n', language: 'python' as const },
      { source: '# notes', language: 'python' as const, kind: 'markdown' as const },
      { source: 'xs = np.random.rand(3)\n', language: 'python' as const },
      { source: 'ys = np.random.rand(2)\nprint(np.tanh(xs))\nprint(np.tanh(ys))\n', language: 'python' as const },
    ];
    const last = evaluateCells(cells).find((part) => part.cell === 3);
    assert.ok(last);
    assert.deepEqual(
      last.unevaluated.map((line) => [line.line, line.error.detail.replace(/, which Activation Lens.*$/, '')]),
      [
        [0, '`numpy.random` is not modelled by Activation Lens'],
        [1, '`xs` is not known here: it is assigned at line 1 of cell 2 from `np.random.rand(3)`'],
        [2, '`ys` is not known here: it is assigned at line 1 from `np.random.rand(2)`'],
      ],
    );
  });
});
