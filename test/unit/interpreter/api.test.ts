// The interpreter's public API as the check layer uses it (a module's functions, called again and again
// without reading the text again), its caps (steps, recursion, sizes: each stops with a clear, positioned
// message), its refusals of what is outside the subset, and mutated fixtures: nothing throws, nothing hangs.
// Expected numbers come from CPython through test/fixtures/python/cases.json.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runPythonModule, toNumbers, type CallOutcome, type PythonModule, type UserFunction } from '../../../src/interpreter/python';
import { random } from '../../support/random';
import { mutate } from '../values-mutations';

const FIXTURES = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'python', 'cases.json'), 'utf8')) as {
  cases: { group: string; name: string; code: string; stdout: string; error: string | null }[];
  samples: Record<string, { line: number; stdout: string }[]>;
};
const TUTORIAL = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'samples', 'python', 'tutorial.py'), 'utf8');

function fixture(name: string): { code: string; stdout: string; error: string | null } {
  const found = FIXTURES.cases.find((c) => c.name === name);
  assert.ok(found, `no fixture ${name}`);
  return found;
}

function functionNamed(module: PythonModule, name: string): UserFunction {
  const fn = module.functions.find((candidate) => candidate.name === name);
  assert.ok(fn, `no function ${name}: ${module.functions.map((f) => f.name).join(', ')}`);
  return fn;
}

/** A float as Python's repr writes it. */
function pythonFloat(text: string): number {
  return text === 'inf' ? Infinity : text === '-inf' ? -Infinity : text === 'nan' ? NaN : Number(text);
}

function valueOf(outcome: CallOutcome): number | Float64Array | undefined {
  assert.equal(outcome.kind, 'value', outcome.kind !== 'value' ? outcome.text : '');
  return outcome.kind === 'value' ? toNumbers(outcome.value) : undefined;
}

describe('the interpreter API for the check layer', () => {
  it("lists a module's functions: defs and lambdas, their lines, name spans, parameters and defaults as written", () => {
    const text = 'import numpy as np\ndef leaky(x, alpha=0.01, *, scale=2 ** -1):\n    return x if x > 0 else alpha * x\nsig = lambda z: 1 / (1 + np.exp(-z))\ndef clip(v, *rest, **options):\n    return np.clip(v, -1, 1)\n';
    const module = runPythonModule(text);
    assert.deepEqual(
      module.functions.map((fn) => [fn.name, fn.kind, fn.line, text.slice(fn.nameSpan.start, fn.nameSpan.end), fn.usesNumpy]),
      [
        ['leaky', 'def', 1, 'leaky', false],
        ['sig', 'lambda', 3, 'sig', true],
        ['clip', 'def', 4, 'clip', true],
      ],
    );
    const leaky = functionNamed(module, 'leaky');
    assert.deepEqual(
      leaky.parameters.map((p) => [p.name, p.kind, p.default?.source, p.default && module.repr(p.default.value as never)]),
      [
        ['x', 'positional', undefined, undefined],
        ['alpha', 'positional', '0.01', '0.01'],
        ['scale', 'keyword-only', '2 ** -1', '0.5'],
      ],
    );
    assert.deepEqual(functionNamed(module, 'clip').parameters.map((p) => p.kind), ['positional', 'varargs', 'kwargs']);
  });

  it('calls a function thousands of times from one run, giving what the code printed calling it', () => {
    // The fixture prints `repr(x) repr(f(x))` (or the exception's name) per point.
    const { code } = fixture('hand-written sigmoid at its points');
    const module = runPythonModule(code);
    const printed = module.statements.map((record) => record.printed).join('').trim().split('\n').map((line) => line.split(' '));
    const f = functionNamed(module, 'f');
    for (let round = 0; round < 500; round++) {
      for (const [x, y] of printed) {
        const outcome = module.call(f, [pythonFloat(x)]);
        if (outcome.kind === 'value') assert.equal(module.repr(outcome.value), y, `f(${x})`);
        else assert.equal(outcome.type, y, `f(${x})`);
      }
    }
  });

  it("calls the tutorial's elu as CPython printed it", () => {
    const module = runPythonModule(TUTORIAL);
    const elu = functionNamed(module, 'elu');
    assert.deepEqual(elu.parameters.map((p) => p.name), ['x', 'alpha']);
    const line = TUTORIAL.split('\n').findIndex((text) => text === 'print(elu(-3,0.5))');
    const cpython = FIXTURES.samples['samples/python/tutorial.py'].find((entry) => entry.line === line);
    assert.ok(cpython);
    const outcome = module.call(elu, [-3n, 0.5]);
    assert.equal(outcome.kind === 'value' && module.repr(outcome.value), cpython.stdout.trim());
  });

  it('passes a Float64Array as a float64 NumPy array and gives the result back as numbers', () => {
    const module = runPythonModule('import numpy as np\ndef relu(x):\n    return np.maximum(x, 0.0)\n');
    const result = valueOf(module.call(functionNamed(module, 'relu'), [Float64Array.of(-1, -0, 2)]));
    assert.ok(result instanceof Float64Array);
    assert.deepEqual([...result].map((v) => Object.is(v, -0) ? '-0' : String(v)), ['0', '-0', '2']);
  });

  it("returns Python's exception with its type, message and span", () => {
    const code = 'import math\ndef f(x):\n    return math.exp(x)\n';
    const module = runPythonModule(code);
    const outcome = module.call(functionNamed(module, 'f'), [1000]);
    assert.equal(outcome.kind, 'exception');
    if (outcome.kind !== 'exception') return;
    assert.equal(outcome.text, fixture('print(math.exp(1000))').error);
    assert.equal(code.slice(outcome.span.start, outcome.span.end), 'math.exp(x)');
    assert.deepEqual([outcome.line, outcome.column], [2, 11]);
  });

  it('stops an endless loop at the step limit, positioned, and the module stays usable', () => {
    const module = runPythonModule('def spin(x):\n    while True:\n        x += 1\ndef one():\n    return 1\n');
    const outcome = module.call(functionNamed(module, 'spin'), [0], { stepLimit: 10_000 });
    assert.equal(outcome.kind, 'refusal');
    if (outcome.kind === 'refusal') assert.ok(outcome.limit);
    assert.equal(valueOf(module.call(functionNamed(module, 'one'), [])), 1);
  });

  it('stops an endless loop at module level and runs the statements after it', () => {
    const module = runPythonModule('while True:\n    pass\nprint("after")\n');
    assert.equal(module.statements[0].problem?.kind, 'refusal');
    assert.ok(module.statements[0].problem?.limit);
    assert.match(module.statements[0].problem?.message ?? '', /steps/);
    assert.equal(module.statements[1].printed, 'after\n');
  });

  it("raises CPython's RecursionError for a deep recursion, never overflowing the JavaScript stack", () => {
    const recursion = FIXTURES.cases.filter((c) => c.error?.startsWith('RecursionError'));
    assert.ok(recursion.length > 0);
    const module = runPythonModule('def down(n):\n    return down(n + 1)\ndef nest(n):\n    return [nest(n + 1)] if n < 5000 else n\n');
    for (const name of ['down', 'nest']) {
      const outcome = module.call(functionNamed(module, name), [0]);
      assert.equal(outcome.kind === 'exception' && outcome.text, recursion[0].error, name);
    }
  });

  it('refuses what is outside the subset, naming it, and runs the rest', () => {
    const module = runPythonModule('import os\nclass A:\n    pass\nopen("f")\nglobal g\nx = "ran"\nprint(x)\n');
    const problems = module.statements.map((record) => record.problem?.kind ?? 'ran');
    assert.deepEqual(problems, ['refusal', 'refusal', 'refusal', 'refusal', 'ran', 'ran']);
    assert.match(module.statements[0].problem?.message ?? '', /`os`/);
    assert.match(module.statements[1].problem?.message ?? '', /class/);
    assert.match(module.statements[2].problem?.message ?? '', /open/);
    assert.match(module.statements[3].problem?.message ?? '', /global/);
    assert.equal(module.statements[5].printed, 'ran\n');
  });

  it("refuses a notebook's IPython lines by name (`!pip install`, `%matplotlib`), not as a SyntaxError, and runs on", () => {
    const module = runPythonModule('!pip install keras -q\n%matplotlib inline\n%%time\nx = "ran"\nprint(x)\n');
    const problems = module.statements.map((record) => record.problem?.kind ?? 'ran');
    assert.deepEqual(problems, ['refusal', 'refusal', 'refusal', 'ran', 'ran']);
    assert.match(module.statements[0].problem?.message ?? '', /`!pip` is IPython/);
    assert.match(module.statements[1].problem?.message ?? '', /`%matplotlib` is IPython/);
    assert.equal(module.statements[4].printed, 'ran\n');
  });

  it('refuses sizes beyond its caps before allocating them', () => {
    const module = runPythonModule('import numpy as np\nnp.zeros(10 ** 9)\n"x" * 10 ** 9\n2 ** (2 ** 40)\nprint("x" * 3_000_000)\n');
    for (const record of module.statements.slice(1)) {
      assert.ok(record.problem, `no problem at line ${record.line + 1}`);
      assert.ok(record.problem.limit || record.problem.kind === 'exception', record.problem.text);
    }
  });

  it('never throws and always finishes on mutations of the fixtures', function () {
    this.timeout(120_000);
    const next = random(11);
    for (const testCase of FIXTURES.cases) {
      for (let round = 0; round < 3; round++) {
        const text = mutate(testCase.code, next);
        let module: PythonModule;
        try {
          module = runPythonModule(text);
        } catch (error) {
          assert.fail(`threw on ${JSON.stringify(text)}: ${String(error)}`);
        }
        for (const record of module.statements) {
          if (record.problem) assert.doesNotMatch(record.problem.text, /internal error/, JSON.stringify(text));
        }
        for (const fn of module.functions) {
          const outcome = module.call(fn, fn.parameters.filter((p) => p.kind === 'positional' && !p.default).map(() => 0.5), { stepLimit: 20_000 });
          if (outcome.kind !== 'value') assert.doesNotMatch(outcome.text, /internal error/, JSON.stringify(text));
        }
      }
    }
  });
});
