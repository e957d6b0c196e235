// The double-precision functions against CPython on Linux (test/fixtures/core/float64/generate.py: glibc's
// results through the libm CPython's math module calls), bit for bit, NaN equal to NaN and ±0 apart — except
// sin, cos, tan and atan, which are correctly rounded (their fixtures hold mpmath's correctly rounded value
// and CPython's): checked against the first, with CPython's agreement reported.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as float64 from '../../../../src/core/float64';
import { atanExactly, circularExactly } from '../../../../src/core/float64/circularExact';
import { fma } from '../../../../src/core/float64/exact';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'fixtures', 'core', 'float64');

const scratch = new DataView(new ArrayBuffer(8));
function fromHex(hex: string): number {
  scratch.setBigUint64(0, BigInt(`0x${hex}`));
  return scratch.getFloat64(0);
}

const same = (a: number, b: number): boolean => Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));

interface Fixture {
  function: string;
  arity: number;
  reference: 'CPython' | 'correctly rounded, then CPython';
  points: string[][];
}

type MathFunction = (...args: number[]) => number;

const fixtures = fs
  .readdirSync(FIXTURES)
  .filter((file) => file.endsWith('.json') && file !== 'fma.json')
  .sort()
  .map((file) => JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8')) as Fixture);

/** Each point's arguments and expected result, and for the correctly rounded functions CPython's too. */
function check(fixture: Fixture): { wrong: string[]; cpythonAgrees: number } {
  const f = (float64 as unknown as Record<string, MathFunction>)[fixture.function];
  const what = fixture.reference === 'CPython' ? 'CPython' : 'correctly rounded';
  const wrong: string[] = [];
  let cpythonAgrees = 0;
  for (const point of fixture.points) {
    const args = point.slice(0, fixture.arity).map(fromHex);
    const expected = fromHex(point[fixture.arity]);
    const got = f(...args);
    if (!same(got, expected)) wrong.push(`${fixture.function}(${args.join(', ')}) = ${got}, ${what} ${expected}`);
    if (fixture.reference !== 'CPython' && same(got, fromHex(point[fixture.arity + 1]))) cpythonAgrees++;
  }
  return { wrong, cpythonAgrees };
}

describe('float64 functions: CPython\'s math results bit for bit', () => {
  for (const fixture of fixtures.filter((f) => f.reference === 'CPython')) {
    it(`${fixture.function} at ${fixture.points.length} points`, () => {
      const { wrong } = check(fixture);
      assert.deepEqual(wrong.slice(0, 10), [], `${wrong.length} of ${fixture.points.length} differ`);
    });
  }
});

describe('float64 sin, cos, tan, atan: correctly rounded (CPython\'s agreement reported)', () => {
  const agreement: string[] = [];
  after(() => console.log(`      CPython agrees with the correctly rounded result at: ${agreement.join(', ')}`));
  for (const fixture of fixtures.filter((f) => f.reference !== 'CPython')) {
    it(`${fixture.function} at ${fixture.points.length} points`, () => {
      const { wrong, cpythonAgrees } = check(fixture);
      const points = fixture.points.length;
      agreement.push(`${fixture.function} ${cpythonAgrees}/${points} (${((100 * cpythonAgrees) / points).toFixed(2)} %)`);
      assert.deepEqual(wrong.slice(0, 10), [], `${wrong.length} of ${points} differ`);
    });
  }
});

describe('float64 sin, cos, tan, atan: the exact path alone (the fast path hands it 1 call in 10^4)', () => {
  const exactly: Record<string, (x: number) => number> = {
    sin: (x) => circularExactly(x, 0),
    cos: (x) => circularExactly(x, 1),
    tan: (x) => circularExactly(x, 2),
    atan: atanExactly,
  };
  for (const fixture of fixtures.filter((f) => f.reference !== 'CPython')) {
    it(`${fixture.function} at its fixture's finite points from 2^-26 (atan: below 2^53)`, () => {
      const wrong: string[] = [];
      for (const point of fixture.points) {
        const x = fromHex(point[0]);
        const a = Math.abs(x);
        if (!(a >= 2 ** -26 && a < (fixture.function === 'atan' ? 2 ** 53 : Infinity))) continue;
        const got = exactly[fixture.function](x);
        if (!same(got, fromHex(point[1]))) wrong.push(`${fixture.function}(${x}) = ${got}, correctly rounded ${fromHex(point[1])}`);
      }
      assert.deepEqual(wrong.slice(0, 10), [], `${wrong.length} differ`);
    });
  }
});

describe('float64 fma emulation', () => {
  it('rounds a·b + c once, as the FMA instruction, at exact rational references', () => {
    const { cases } = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'fma.json'), 'utf8')) as { cases: string[][] };
    const wrong = cases.filter(([a, b, c, r]) => !same(fma(fromHex(a), fromHex(b), fromHex(c)), fromHex(r)));
    assert.deepEqual(wrong.slice(0, 10), [], `${wrong.length} of ${cases.length} differ`);
  });
});
