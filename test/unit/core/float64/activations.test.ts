// The float64 activations (evaluateFloat64) against exact values from mpmath
// (test/fixtures/core/float64/activations.py): every result within 1 ulp of the exact value, at least
// 99.9% correctly rounded; the counts and worst errors are printed per function.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { evaluateFloat64 } from '../../../../src/core/float64';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'fixtures', 'core', 'float64', 'activations');

interface Reference {
  x: string[];
  f64: string[];
  residual: number[];
}
interface ElementwiseCase extends Reference {
  params: Record<string, number | boolean | null>;
  variant: 'keras3' | 'keras2' | 'tfjs';
}
interface AxisCase extends Reference {
  function: string;
  shape: number[];
  axis: number;
}

const scratch = new DataView(new ArrayBuffer(8));
const fromHex = (hex: string): number => {
  scratch.setBigUint64(0, BigInt(`0x${hex}`));
  return scratch.getFloat64(0);
};
const fromHexes = (hexes: string[]): Float64Array => Float64Array.from(hexes, fromHex);

/** The spacing of doubles at |v| (2^-1074 in the subnormals). */
function ulpAt(v: number): number {
  const a = Math.abs(v);
  if (a < 2 ** -1022) return 2 ** -1074;
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e--;
  else if (2 ** (e + 1) <= a) e++;
  return 2 ** (e - 52);
}

interface Score {
  points: number;
  correctlyRounded: number;
  maxUlp: number;
  worst: string;
}

const emptyScore = (): Score => ({ points: 0, correctlyRounded: 0, maxUlp: 0, worst: '' });
const same = (a: number, b: number): boolean => a === b || (Number.isNaN(a) && Number.isNaN(b));

/** Error of `got` in ulps of the exact value (rounded + residual); at most 0.5 for the correctly rounded one. */
function ulpError(got: number, rounded: number, residual: number): number {
  if (same(got, rounded)) return Number.isFinite(rounded) ? Math.abs(residual) / ulpAt(rounded) : 0;
  if (!Number.isFinite(rounded) || !Number.isFinite(got)) return Infinity;
  return Math.abs(got - rounded - residual) / ulpAt(rounded);
}

/** Fails on the first result more than 1 ulp off; adds the rest to `into`. ±0 count as equal (mpmath has
 *  no signed zero; the signs are pinned in float64-special-values.test.ts). */
function score(label: string, x: Float64Array, got: Float64Array, reference: Reference, into: Score): void {
  for (let i = 0; i < got.length; i++) {
    const rounded = fromHex(reference.f64[i]);
    into.points++;
    if (same(got[i], rounded)) into.correctlyRounded++;
    const ulps = ulpError(got[i], rounded, reference.residual[i]);
    if (ulps > into.maxUlp) {
      into.maxUlp = ulps;
      into.worst = `x = ${x[i]}: got ${got[i]}, exact ${rounded} + ${reference.residual[i]}`;
    }
    if (!(ulps <= 1)) assert.fail(`${label}: ${ulps} ulp at x = ${x[i]} (${reference.x[i]}): got ${got[i]}, expected ${rounded}`);
  }
}

const table: string[] = [];

function report(name: string, s: Score): void {
  const share = (100 * s.correctlyRounded) / s.points;
  table.push(`| ${name} | ${s.points} | ${s.maxUlp.toFixed(3)} | ${share === 100 ? '100' : share.toFixed(2)}% |`);
  assert.ok(share >= 99.9, `${name}: ${share.toFixed(3)}% correctly rounded; worst ${s.worst}`);
}

describe('float64 activations against mpmath', () => {
  const files = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.json') && f !== 'axis.json').sort();
  for (const file of files) {
    const fixture = JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8')) as { function: string; cases: ElementwiseCase[] };
    it(`${fixture.function}: within 1 ulp, at least 99.9% correctly rounded`, () => {
      const total = emptyScore();
      for (const c of fixture.cases) {
        const x = fromHexes(c.x);
        const got = evaluateFloat64(fixture.function, x, { ...c.params, variant: c.variant });
        score(`${fixture.function} ${JSON.stringify(c.params)} ${c.variant}`, x, got, c, total);
      }
      report(fixture.function, total);
    });
  }

  it('softmax, log_softmax, glu and sparsemax along every axis', () => {
    const { cases } = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'axis.json'), 'utf8')) as { cases: AxisCase[] };
    const totals = new Map<string, Score>();
    for (const c of cases) {
      const x = fromHexes(c.x);
      const got = evaluateFloat64(c.function, x, { shape: c.shape, axis: c.axis });
      const total = totals.get(c.function) ?? emptyScore();
      totals.set(c.function, total);
      score(`${c.function} [${c.shape}] axis ${c.axis}`, x, got, c, total);
    }
    for (const [name, total] of totals) report(name, total);
  });

  after(() => {
    const header = ['| function | points | max error (ulp) | correctly rounded |', '|---|---:|---:|---:|'];
    console.log(`\n${[...header, ...table].map((row) => `      ${row}`).join('\n')}`);
  });
});
