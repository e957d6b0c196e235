// Code inside docs evaluated as its own snippet: a fence, a doctest, a JSDoc example shows what the same code
// shows in a file of its own (so the expected texts are the file's, themselves checked against CPython), on
// the document line it is written on, with errors positioned in the document.
import assert from 'node:assert/strict';
import { evaluateDocRegions, evaluateRun, regionRunAt } from '../../../src/interpreter/docSnippets';
import { evaluateDocument } from '../../../src/interpreter/snippet';
import { analyzeDocument } from '../../../src/language';

const CODE = ['import math', 'def elu(x, alpha):', '    return x if x > 0 else alpha*(math.exp(x)-1)', 'print(elu(-3, 0.5))'];
const LATER = ['print(elu(2, 0.5))', 'print(elu_alpha)'];

/** The texts a plain Python file of `lines` shows, in order. */
function plainTexts(lines: readonly string[]): string[] {
  return evaluateDocument(lines.join('\n'), 'python').items.map((item) => (item.kind === 'result' ? item.text : item.error.detail));
}

/** The 0-based line of the first line of `text` that includes `needle`. */
function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((line) => line.includes(needle));
}

describe('code in docs, evaluated', () => {
  const markdown = ['# ELU by hand', '', '```python', ...CODE, '```', '', 'Prose with `print(1)` in it.', '', '~~~py', ...LATER, '~~~', ''].join('\n');

  it('runs a Markdown file fence by fence, each with the fences above in scope, on the document lines', () => {
    const { items, unevaluated } = evaluateDocRegions(analyzeDocument(markdown, 'markdown'), markdown);
    const all = [...CODE, ...LATER];
    assert.deepEqual(items.map((item) => (item.kind === 'result' ? item.text : item.error.detail)), plainTexts(all));
    assert.deepEqual(
      items.map((item) => item.line),
      [lineOf(markdown, 'print(elu(-3'), lineOf(markdown, 'print(elu(2')],
    );
    assert.equal(unevaluated.length, 1);
    const error = unevaluated[0].error;
    assert.equal(error.line, lineOf(markdown, 'print(elu_alpha'));
    assert.equal(markdown.slice(error.offset, error.end), 'elu_alpha');
    assert.equal(error.message, `line ${error.line + 1}, column ${error.column + 1}: ${error.detail}`);
  });

  it('evaluates a doctest line where the prompts were: positions in the docstring, text as the same code in a file', () => {
    const python = ['def f():', '    """Example:', '', ...CODE.map((line, i) => `    ${i ? '...' : '>>>'} ${line}`.replace(/^ {4}\.\.\. print/, '    >>> print')), '    """', ''].join('\n');
    const printLine = lineOf(python, '>>> print(elu');
    const index = analyzeDocument(python, 'python');
    const lineStart = python.split('\n').slice(0, printLine).join('\n').length + 1;
    const run = regionRunAt(index, python, lineStart + 2);
    assert.ok(run, 'the doctest is a region');
    const lineEnd = lineStart + python.split('\n')[printLine].length;
    const { items } = evaluateRun(run, { mode: 'selection', range: { start: lineStart, end: lineEnd } });
    assert.deepEqual(items.map((item) => (item.kind === 'result' ? item.text : item.error.detail)), plainTexts(CODE));
    assert.equal(items[0].line, printLine);
    assert.equal(python.slice(items[0].start, items[0].end), CODE[3]);
  });

  it('says where an error in an earlier example comes from, on the example it breaks', () => {
    const text = ['```python', 'x = 1 / 0', '```', '', '```python', 'print(x)', '```'].join('\n');
    const index = analyzeDocument(text, 'markdown');
    const run = regionRunAt(index, text, text.indexOf('print'));
    assert.ok(run);
    const { items } = evaluateRun(run, { mode: 'selection', range: { start: text.indexOf('print'), end: text.indexOf('print') + 8 } });
    const errors = items.filter((item) => item.kind === 'error');
    assert.ok(errors.length >= 1, JSON.stringify(items));
    for (const item of errors) assert.ok(item.line >= lineOf(text, 'print') || item.error.message.startsWith('in an example above'), item.error.message);
  });

  it("names the document's lines in its messages: where a name was assigned, in an earlier fence", () => {
    const text = ['Some prose.', '', '```python', 'import os', 'y = os.getcwd()', '```', '', '```python', 'print(y)', '```'].join('\n');
    const { unevaluated } = evaluateDocRegions(analyzeDocument(text, 'markdown'), text);
    const last = unevaluated.find((entry) => entry.line === lineOf(text, 'print(y)'));
    assert.ok(last, JSON.stringify(unevaluated.map((entry) => entry.error.message)));
    assert.match(last.error.detail, new RegExp(`assigned at line ${lineOf(text, 'y = os') + 1}\\b`));
  });

  it('finds no region in prose, an inline code span or a fence without a language', () => {
    const text = ['Use `print(1)` here.', '', '```', 'print(2)', '```'].join('\n');
    const index = analyzeDocument(text, 'markdown');
    assert.equal(regionRunAt(index, text, text.indexOf('print(1)')), undefined);
    assert.equal(regionRunAt(index, text, text.indexOf('print(2)')), undefined);
    assert.deepEqual(evaluateDocRegions(index, text).items, []);
  });
});
