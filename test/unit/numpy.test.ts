// The NumPy formatter against fixtures printed by real NumPy (test/fixtures/numpy/generate.py):
// every character of repr, str and the TensorFlow wrappers, and Dragon4 digits for single values.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  numpyRepr,
  numpyStr,
  numpyValueRepr,
  tfTensorRepr,
  tfTensorStr,
  type Float32NdArray,
  type NdArray,
  type NumpyDType,
} from '../../src/render/numpy';
import {
  float32FromBits,
  floatScalarStr,
  formatPositional,
  formatScientific,
  shortestDecimal,
  type Dragon4Options,
  type Trim,
} from '../../src/render/numpyFloat';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'numpy');

interface ArrayCase {
  name: string;
  shape: number[];
  bits: string[];
  repr: string;
  str: string;
  scalarRepr: string | null;
  tfStr: string;
  tfRepr: string;
}

interface ScalarCase {
  bits: string;
  kind: 'positional' | 'scientific';
  options: {
    precision?: number;
    unique?: boolean;
    fractional?: boolean;
    trim?: Trim;
    min_digits?: number;
    pad_left?: number;
    pad_right?: number;
    exp_digits?: number;
  };
  text: string;
  str: string;
}

function load<T>(name: string): { numpy: string; cases: T[] } {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8'));
}

function arrayOf(testCase: ArrayCase): Float32NdArray {
  const data = new Float32Array(testCase.bits.map((hex) => float32FromBits(parseInt(hex, 16))));
  return { shape: testCase.shape, data };
}

describe('NumPy formatting (fixtures from real NumPy)', () => {
  const arrays = load<ArrayCase>('arrays.json');

  describe(`arrays: repr, str and TensorFlow text (NumPy ${arrays.numpy})`, () => {
    for (const testCase of arrays.cases) {
      it(testCase.name, () => {
        const array = arrayOf(testCase);
        assert.equal(numpyRepr(array), testCase.repr, 'repr');
        assert.equal(numpyStr(array), testCase.str, 'str');
        assert.equal(tfTensorStr(array), testCase.tfStr, 'tf str');
        assert.equal(tfTensorRepr(array), testCase.tfRepr, 'tf repr');
        if (testCase.scalarRepr !== null) assert.equal(numpyValueRepr(array), testCase.scalarRepr, 'scalar repr');
      });
    }
  });

  const dtypes = load<ArrayCase & { dtype: NumpyDType }>('dtypes.json');

  describe(`float64, float16, integer and bool arrays (NumPy ${dtypes.numpy})`, () => {
    const float64FromBits = (hex: string): number => new DataView(new BigUint64Array([BigInt(`0x${hex}`)]).buffer).getFloat64(0, true);
    for (const testCase of dtypes.cases) {
      it(testCase.name, () => {
        const array: NdArray = { shape: testCase.shape, data: testCase.bits.map(float64FromBits), dtype: testCase.dtype };
        assert.equal(numpyRepr(array), testCase.repr, 'repr');
        assert.equal(numpyStr(array), testCase.str, 'str');
        assert.equal(tfTensorStr(array), testCase.tfStr, 'tf str');
        assert.equal(tfTensorRepr(array), testCase.tfRepr, 'tf repr');
        if (testCase.scalarRepr !== null) assert.equal(numpyValueRepr(array), testCase.scalarRepr, 'scalar repr');
      });
    }
  });

  it('prints the tutorial sigmoid exactly as the tutorial shows it', () => {
    const sigmoid = new Float32Array([2.0611537e-9, 0.26894143, 0.5, 0.7310586, 1]);
    assert.equal(
      numpyRepr({ shape: [5], data: sigmoid }),
      'array([2.0611537e-09, 2.6894143e-01, 5.0000000e-01, 7.3105860e-01,\n       1.0000000e+00], dtype=float32)',
    );
  });

  describe('single values: Dragon4 digits and layout', () => {
    const scalars = load<ScalarCase>('scalars.json');
    it(`matches np.format_float_positional / np.format_float_scientific for ${scalars.cases.length} values`, () => {
      const failures: string[] = [];
      for (const testCase of scalars.cases) {
        const value = float32FromBits(parseInt(testCase.bits, 16));
        const o = testCase.options;
        const options: Dragon4Options = {
          precision: o.precision,
          unique: o.unique,
          fractional: o.fractional,
          trim: o.trim,
          minDigits: o.min_digits,
          padLeft: o.pad_left,
          padRight: o.pad_right,
          expDigits: o.exp_digits,
        };
        const text = testCase.kind === 'positional' ? formatPositional(value, options) : formatScientific(value, options);
        if (text !== testCase.text) failures.push(`${testCase.bits} ${testCase.kind} ${JSON.stringify(o)}: ${JSON.stringify(text)} ≠ ${JSON.stringify(testCase.text)}`);
        const str = floatScalarStr(value);
        if (str !== testCase.str) failures.push(`${testCase.bits} str: ${JSON.stringify(str)} ≠ ${JSON.stringify(testCase.str)}`);
      }
      assert.deepEqual(failures.slice(0, 20), []);
    });

    it('rounds a value to float16 before printing it as one, as it does for float32', () => {
      assert.equal(formatPositional(0.1, { bits: 16 }), '0.1');
      assert.equal(formatScientific(70000, { bits: 16 }), 'inf');
      assert.equal(formatPositional(1e-8, { bits: 16 }), '0.');
    });

    it('prints a NaN whose payload is only in the low bits as nan at every width', () => {
      const view = new DataView(new ArrayBuffer(8));
      view.setUint32(0, 0x7ff00000);
      view.setUint32(4, 1);
      for (const bits of [16, 32, 64] as const) assert.equal(formatPositional(view.getFloat64(0), { bits }), 'nan', `float${bits}`);
    });

    it('gives shortest round-trip decimals that read back as the same float32', () => {
      for (const testCase of scalars.cases) {
        const value = float32FromBits(parseInt(testCase.bits, 16));
        const text = shortestDecimal(value);
        assert.ok(Object.is(Math.fround(Number(text)), value), `${text} for ${testCase.bits}`);
        // Same digits as NumPy's str(np.float32(x)).
        const digits = (s: string) => s.replace(/^-/, '').replace(/e.*$/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
        assert.equal(digits(text), digits(testCase.str), `${text} vs ${testCase.str}`);
      }
    });
  });
});
