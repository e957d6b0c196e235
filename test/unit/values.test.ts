// The value parser: every literal spelling people select, the NumPy / TensorFlow / TensorFlow.js
// constructors computed as those libraries compute them, positioned errors, and size refusals.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseValues, type Dialect, type ParsedValues } from '../../src/interpreter/values';

/** What real NumPy computed for constructor calls (test/fixtures/numpy/generate.py), bit for bit. */
const CONSTRUCTORS = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'numpy', 'constructors.json'), 'utf8')) as {
  numpy: string;
  cases: { text: string; dtype: string; shape: number[]; bits: string[] }[];
};

/** Snippets run by real CPython 3.11 and NumPy 2 (test/fixtures/python/generate.py). */
const PYTHON_CASES = (
  JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'python', 'cases.json'), 'utf8')) as {
    cases: { group: string; name: string; error: string | null; errorLine: number | null; errorColumn: number | null }[];
  }
).cases;

function float64FromBits(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
}

function read(text: string, dialect: Dialect = 'python'): Extract<ParsedValues, { ok: true }> {
  const parsed = parseValues(text, { dialect });
  if (!parsed.ok) assert.fail(`expected values from ${JSON.stringify(text)}, got: ${parsed.error.message}`);
  return parsed;
}

function values(text: string, dialect: Dialect = 'python'): number[] {
  return Array.from(read(text, dialect).value.data);
}

function failure(text: string, dialect: Dialect = 'python'): { message: string; line: number; column: number; refusal: boolean } {
  const parsed = parseValues(text, { dialect });
  if (parsed.ok) assert.fail(`expected an error from ${JSON.stringify(text)}`);
  return parsed.error;
}

describe('value parser', () => {
  describe('numbers in every spelling', () => {
    const python: [string, number][] = [
      ['42', 42],
      ['-3', -3],
      ['+3', 3],
      ['1.5', 1.5],
      ['.5', 0.5],
      ['5.', 5],
      ['1e-3', 0.001],
      ['1E+3', 1000],
      ['2.5e2', 250],
      ['1_000_000', 1e6],
      ['1_000.000_1', 1000.0001],
      ['0x1F', 31],
      ['0o17', 15],
      ['0b101', 5],
      ['1e309', Infinity],
      ["float('inf')", Infinity],
      ['float("-inf")', -Infinity],
      ["float('Infinity')", Infinity],
      ["float(' 1e3 ')", 1000],
      ['float(3)', 3],
      ['np.inf', Infinity],
      ['-np.inf', -Infinity],
      ['math.inf', Infinity],
      ['math.pi', Math.PI],
      ['np.pi / 2', Math.PI / 2],
      ['2 ** -1', 0.5],
      ['-2 ** 2', -4],
      ['7 // 2', 3],
      ['-7 % 3', 2],
      ['int(2.9)', 2],
      ['np.float32(0.1)', Math.fround(0.1)],
    ];
    for (const [text, expected] of python) {
      it(`Python ${text}`, () => assert.deepEqual(values(text), [expected]));
    }
    it("Python float('nan'), np.nan, math.nan", () => {
      for (const text of ["float('nan')", 'np.nan', 'math.nan', "float('-NaN')"]) assert.ok(Number.isNaN(values(text)[0]), text);
    });
    const javascript: [string, number][] = [
      ['42', 42],
      ['-1.5e-3', -0.0015],
      ['1_000', 1000],
      ['0xff', 255],
      ['Infinity', Infinity],
      ['-Infinity', -Infinity],
      ['Number.POSITIVE_INFINITY', Infinity],
      ['Number.NEGATIVE_INFINITY', -Infinity],
      ['Math.PI', Math.PI],
      ['10n', 10],
    ];
    for (const [text, expected] of javascript) {
      it(`JS ${text}`, () => assert.deepEqual(values(text, 'javascript'), [expected]));
    }
    it('JS NaN and Number.NaN', () => {
      assert.ok(Number.isNaN(values('NaN', 'javascript')[0]));
      assert.ok(Number.isNaN(values('Number.NaN', 'javascript')[0]));
    });
  });

  describe('lists and tuples as n-d arrays', () => {
    it('reads a flat list', () => {
      const parsed = read('[-20, -1.0, 0.0, 1.0, 20]');
      assert.deepEqual(parsed.value.shape, [5]);
      assert.deepEqual(Array.from(parsed.array.data), [-20, -1, 0, 1, 20]);
    });
    it('reads nested lists and tuples', () => {
      assert.deepEqual(read('[[1, 2, 3], [4, 5, 6]]').value.shape, [2, 3]);
      assert.deepEqual(read('((1, 2), (3, 4))').value.shape, [2, 2]);
      assert.deepEqual(read('[[[1], [2]], [[3], [4]]]').value.shape, [2, 2, 1]);
      assert.deepEqual(read('[]').value.shape, [0]);
    });
    it('reads lists with expressions in them', () => {
      assert.deepEqual(values('[-np.inf, float("nan"), 1 / 4, 2 ** 3]').slice(2), [0.25, 8]);
      assert.deepEqual(read('[[np.pi, 0], [0, -np.pi]]').value.shape, [2, 2]);
    });
    it('reads a bare comma-separated tuple', () => assert.deepEqual(values('-1.0, 0.0, 1.0'), [-1, 0, 1]));
    it("reads NumPy's printed text: `[0.5 1. ]`, rows, and repr", () => {
      assert.deepEqual(values('[0.5 1. ]'), [0.5, 1]);
      assert.deepEqual(read('[[1. 2.]\n [3. 4.]]').value.shape, [2, 2]);
      const repr = read('array([2.0611537e-09, 2.6894143e-01, 5.0000000e-01, 7.3105860e-01,\n       1.0000000e+00], dtype=float32)');
      assert.equal(repr.value.dtype, 'float32');
      assert.equal(repr.array.data[3], Math.fround(0.7310586));
    });
    it('rejects ragged lists, pointing at the odd row', () => {
      const error = failure('[[1, 2],\n [3]]');
      assert.match(error.message, /ragged/);
      assert.equal(error.line, 1);
      assert.equal(error.column, 1);
      assert.match(error.message, /line 1, column 2/); // where the first row is
    });
    it('accepts a trailing comma and an assignment around the values', () => {
      assert.deepEqual(values('[1, 2, 3,]'), [1, 2, 3]);
      const assigned = read('a = [1, 2]');
      assert.equal(assigned.name, 'a');
      assert.deepEqual(values('const x: number[] = [1, 2];', 'javascript'), [1, 2]);
    });
    it('reads past TypeScript type assertions, generics and all', () => {
      assert.deepEqual(values('[1, 2] as const', 'javascript'), [1, 2]);
      assert.deepEqual(values('tf.tensor1d([1, 2]) as tf.Tensor1D | null', 'javascript'), [1, 2]);
      assert.deepEqual(values('([1, 2] satisfies readonly number[] as Array<Map<string, Set<number>>>)', 'javascript'), [1, 2]);
      assert.deepEqual(values('1 + 2 as number', 'javascript'), [3]);
    });
  });

  describe(`NumPy constructors, bit for bit as NumPy ${CONSTRUCTORS.numpy} computes them`, () => {
    for (const testCase of CONSTRUCTORS.cases) {
      it(testCase.text, () => {
        const parsed = read(testCase.text);
        assert.deepEqual(parsed.value.shape, testCase.shape);
        assert.equal(parsed.value.dtype, testCase.dtype);
        assert.deepEqual(Array.from(parsed.value.data), testCase.bits.map(float64FromBits));
      });
    }
  });

  describe('NumPy constructors', () => {
    it('np.array with and without dtype', () => {
      assert.equal(read('np.array([1, 2])').value.dtype, 'int64');
      assert.equal(read('np.array([1., 2])').value.dtype, 'float64');
      assert.equal(read('np.array([0.1], dtype=np.float32)').value.data[0], Math.fround(0.1));
      assert.equal(read("np.asarray([1, 2], dtype='float32')").value.dtype, 'float32');
      assert.equal(read('np.array([1, 2], float)').value.dtype, 'float64');
    });
    it('np.linspace as NumPy computes it (start + i * step, exact endpoint)', () => {
      assert.deepEqual(values('np.linspace(-3, 3, 7)'), [-3, -2, -1, 0, 1, 2, 3]);
      const tenths = values('np.linspace(0, 1, 11)');
      for (let i = 0; i < 10; i++) assert.equal(tenths[i], i * (1 / 10) + 0);
      assert.equal(tenths[10], 1);
      assert.deepEqual(values('np.linspace(0, 1, 4, endpoint=False)'), [0, 0.25, 0.5, 0.75]);
      assert.equal(read('np.linspace(0, 1)').value.shape[0], 50);
      assert.equal(read('np.linspace(-1, 1, 5, dtype=np.float32)').value.dtype, 'float32');
    });
    it('np.arange with one, two and three arguments', () => {
      assert.deepEqual(values('np.arange(4)'), [0, 1, 2, 3]);
      assert.deepEqual(values('np.arange(-2, 2)'), [-2, -1, 0, 1]);
      assert.deepEqual(values('np.arange(0, 1, 0.25)'), [0, 0.25, 0.5, 0.75]);
      assert.equal(read('np.arange(3)').value.dtype, 'int64');
    });
    it('reshape, astype, arithmetic with broadcasting', () => {
      assert.deepEqual(read('np.arange(6).reshape(2, 3)').value.shape, [2, 3]);
      assert.deepEqual(read('np.arange(6).reshape((3, -1))').value.shape, [3, 2]);
      assert.deepEqual(values('np.arange(4) / 2'), [0, 0.5, 1, 1.5]);
      assert.deepEqual(values('np.array([[1], [2]]) * np.array([1, 10])'), [1, 10, 2, 20]);
      assert.equal(read("np.arange(3).astype('float32')").value.dtype, 'float32');
      assert.deepEqual(values('np.zeros(3)'), [0, 0, 0]);
      assert.deepEqual(read('np.ones((2, 2))').value.shape, [2, 2]);
    });
    it('np.full, however it is named', () => {
      assert.deepEqual(values('np.full((2,), 3.5)'), [3.5, 3.5]);
      assert.equal(read("np.full(2, 7, dtype='float32')").value.dtype, 'float32');
      // Without a dtype, the fill value's (NumPy 2.4: int64, bool, float32 for an np.float32).
      assert.deepEqual(['np.full(2, 7)', 'np.full(2, True)', 'np.full(2, np.float32(3))'].map((text) => read(text).value.dtype), ['int64', 'bool', 'float32']);
      const imported = parseValues('full((2,), 3.5)', { dialect: 'python', modules: { full: 'numpy.full' } });
      assert.ok(imported.ok, imported.ok ? '' : imported.error.message);
      assert.deepEqual(Array.from(imported.value.data), [3.5, 3.5]);
    });
  });

  describe('TensorFlow constructors', () => {
    it('tf.constant: ints become int32, floats float32, dtype= wins', () => {
      assert.equal(read('tf.constant([1, 2])').value.dtype, 'int32');
      assert.equal(read('tf.constant([1., 2])').value.dtype, 'float32');
      const tutorial = read('tf.constant([-20, -1.0, 0.0, 1.0, 20], dtype = tf.float32)');
      assert.equal(tutorial.value.container, 'tensor');
      assert.equal(tutorial.value.dtype, 'float32');
      assert.deepEqual(Array.from(tutorial.value.data), [-20, -1, 0, 1, 20]);
      assert.equal(read('tf.constant(0.1)').value.data[0], Math.fround(0.1));
      assert.deepEqual(read('tf.constant(0.5, shape=(2, 3))').value.shape, [2, 3]);
      assert.equal(read('tf.constant(np.array([0.5]))').value.dtype, 'float64');
    });
    it('tf.range accumulates in its dtype; tf.linspace computes in float32', () => {
      assert.deepEqual(values('tf.range(5)'), [0, 1, 2, 3, 4]);
      assert.equal(read('tf.range(5)').value.dtype, 'int32');
      const tenths = values('tf.range(0., 1., 0.1)');
      assert.equal(tenths.length, 10);
      let accumulated = 0;
      for (const value of tenths) {
        assert.equal(value, accumulated);
        accumulated = Math.fround(accumulated + Math.fround(0.1));
      }
      assert.deepEqual(values('tf.linspace(-5., 5., 11)'), [-5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5]);
      assert.equal(read('tf.linspace(-5., 5., 11)').value.dtype, 'float32');
      assert.equal(read('tf.cast([1, 2], tf.float32)').value.dtype, 'float32');
      assert.deepEqual(read('tf.reshape(tf.range(6), [2, 3])').value.shape, [2, 3]);
    });
  });

  describe('TensorFlow.js constructors', () => {
    it('tf.tensor, tensor1d, tensor2d (nested or flat with a shape), scalar', () => {
      assert.equal(read('tf.tensor([1, 2, 3])', 'javascript').value.dtype, 'float32');
      assert.deepEqual(read('tf.tensor([1, 2, 3, 4], [2, 2])', 'javascript').value.shape, [2, 2]);
      assert.deepEqual(read('tf.tensor1d([-1, 0, 1])', 'javascript').value.shape, [3]);
      assert.deepEqual(read('tf.tensor2d([[1, 2], [3, 4]])', 'javascript').value.shape, [2, 2]);
      assert.deepEqual(read('tf.tensor2d([1, 2, 3, 4], [2, 2])', 'javascript').value.shape, [2, 2]);
      assert.deepEqual(read('tf.scalar(3)', 'javascript').value.shape, []);
      assert.equal(read("tf.tensor1d([1, 2], 'int32')", 'javascript').value.dtype, 'int32');
      assert.deepEqual(values('new Float32Array([0.5, 1.5])', 'javascript'), [0.5, 1.5]);
    });
    it('tensor1d refuses nested values', () => {
      assert.match(failure('tf.tensor1d([[1, 2]])', 'javascript').message, /tensor1d needs a flat list/);
    });
    it('tf.linspace and tf.range accumulate as tfjs-backend-cpu does', () => {
      const tfjs = values('tf.linspace(0, 1, 11)', 'javascript');
      let current = 0;
      for (let i = 0; i < 11; i++) {
        assert.equal(tfjs[i], current);
        current = Math.fround(current + 1 / 10);
      }
      assert.deepEqual(values('tf.range(0, 5)', 'javascript'), [0, 1, 2, 3, 4]);
      assert.deepEqual(values('tf.range(5, 0)', 'javascript'), [5, 4, 3, 2, 1]);
    });
  });

  describe('errors say what was expected and where', () => {
    // Python values are read by the interpreter: its errors are CPython's, compared below with the fixtures.
    const cases: [string, Dialect, RegExp, number, number][] = [
      ['[1, 2j]', 'python', /a complex number \(`2j`\) is outside the Python Activation Lens interprets/, 0, 4],
      ['[1, 2]\n[3]', 'python', /expected the end of the values; select the values alone/, 1, 0],
      ['np.array([1, "a"])', 'python', /arrays of strings are outside what Activation Lens models/, 0, 0],
      ['np.random.rand(3)', 'python', /`numpy.random` is not modelled/, 0, 0],
      // Names that are also properties of every JS object are names like any other.
      ['valueOf', 'javascript', /^line 1, column 1: `valueOf` is not a literal/, 0, 0],
      ['1 constructor 2', 'javascript', /expected the end of the values, found 'constructor'/, 0, 2],
      ['[1] as', 'javascript', /expected a type, found the end of the text/, 0, 6],
      ['[1] + [2]', 'javascript', /'\+' on JavaScript arrays is not arithmetic \(it makes a string or NaN\)/, 0, 0],
      ['[1] as Array<number', 'javascript', /expected '>' to close the '<' opened at line 1, column 13/, 0, 19],
      ['[1, 2, 3', 'javascript', /expected ',' or '\]'/, 0, 8],
      ['tf.tensor2d([1, 2, 3], [2, 2])', 'javascript', /cannot reshape 3 values into shape \(2, 2\)/, 0, 0],
    ];
    for (const [text, dialect, pattern, line, column] of cases) {
      it(`${dialect}: ${JSON.stringify(text)}`, () => {
        const error = failure(text, dialect);
        assert.match(error.message, pattern);
        assert.equal(error.line, line, `line of ${error.message}`);
        assert.equal(error.column, column, `column of ${error.message}`);
        assert.ok(error.message.startsWith(`line ${line + 1}, column ${column + 1}: `), error.message);
      });
    }
  });

  describe('Python values fail as CPython fails (test/fixtures/python/cases.json)', () => {
    for (const testCase of PYTHON_CASES.filter((c) => c.group === 'values')) {
      it(JSON.stringify(testCase.name), () => {
        const error = failure(testCase.name);
        // The fixture ran the text after `import numpy as np`, one line down.
        assert.equal(error.message, `line ${(testCase.errorLine ?? 0)}, column ${(testCase.errorColumn ?? 0) + 1}: ${testCase.error}`);
      });
    }
  });

  describe('size limits', () => {
    it('refuses np.linspace(0, 1, 10**9) before allocating it', () => {
      const error = failure('np.linspace(0,1,10**9)');
      assert.ok(error.refusal);
      assert.match(error.message, /1,000,000,000 elements; Activation Lens evaluates at most 1,000,000/);
    });
    it('refuses huge ranges, zeros and reshapes before allocating', () => {
      for (const text of ['np.arange(1e12)', 'np.zeros((100000, 100000))', 'tf.range(0, 1e10)', 'np.ones(10**9)']) {
        assert.ok(failure(text).refusal, text);
      }
      assert.ok(failure('tf.linspace(0, 1, 1e8)', 'javascript').refusal);
    });
    it('reads a million numbers and refuses one more', () => {
      const million = `[${Array.from({ length: 1_000_000 }, (_, i) => i % 10).join(',')}]`;
      assert.equal(read(million).value.data.length, 1_000_000);
      const error = failure(`[${Array.from({ length: 1_000_002 }, (_, i) => i % 10).join(',')}]`);
      assert.ok(error.refusal);
    });
    it('refuses more than 10 MB of text without reading it', () => {
      const error = failure(' '.repeat(10_000_001));
      assert.ok(error.refusal);
      assert.match(error.message, /at most 10 MB/);
    });
    it('refuses nesting deeper than it can read, never overflowing the stack', () => {
      // CPython's parser stops at 200 open brackets; deeper operator chains are refused.
      assert.match(failure('['.repeat(100_000)).message, /^line 1, column 201: SyntaxError: too many nested parentheses$/);
      assert.match(failure('('.repeat(100_000)).message, /^line 1, column 201: SyntaxError: too many nested parentheses$/);
      assert.match(failure('-'.repeat(100_000) + '1').message, /nested too deeply for Activation Lens to read/);
      assert.match(failure('2' + '**2'.repeat(100_000)).message, /nested too deeply for Activation Lens to read/);
    });
  });
});
