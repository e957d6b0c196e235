// The float32 kernels against exact values from mpmath (test/fixtures/core/generate.py): at every fixture
// point the result is the exact value correctly rounded to float32 (±0 equal), through the WebAssembly
// kernels and through the JS ones. The error in ulps (of float32 at the exact value) names the worst point
// of a failure, and the counts are printed at the end.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIXTURES, fromBits, ulpAt, type AxisCase, type ElementwiseCase, type Reference } from './fixtures';
import { derivative, evaluate, kernelEngine, setKernelEngine, type EvaluateOptions, type KernelEngine } from '../../../src/core';

interface Score {
  points: number;
  correctlyRounded: number;
  maxUlp: number;
  worst: string;
}

/** Compares one result array with its reference; fails on the first point more than 1 ulp away. */
function score(label: string, x: Float32Array, got: Float32Array, reference: Reference): Score {
  const expected = fromBits(reference.f32);
  const result: Score = { ...noScore(), points: got.length };
  for (let i = 0; i < got.length; i++) {
    const exact = Number(reference.exact[i]);
    const correct = got[i] === expected[i] || (Number.isNaN(got[i]) && Number.isNaN(expected[i]));
    if (correct) result.correctlyRounded++;
    const ulps = Number.isFinite(expected[i]) ? Math.abs(got[i] - exact) / ulpAt(exact) : correct ? 0 : Infinity;
    if (ulps > result.maxUlp) {
      result.maxUlp = ulps;
      result.worst = `x = ${x[i]} (${reference.f32[i]}): got ${got[i]}, exact ${reference.exact[i]}`;
    }
    if (!(ulps <= 1)) assert.fail(`${label}: ${ulps.toFixed(3)} ulp at x = ${x[i]}: got ${got[i]}, expected ${expected[i]} (exact ${reference.exact[i]})`);
  }
  return result;
}

function noScore(): Score {
  return { points: 0, correctlyRounded: 0, maxUlp: 0, worst: '' };
}

/** Adds `s` to `total`, keeping the worst point (named with `where`). */
function addScore(total: Score, s: Score, where = ''): Score {
  total.points += s.points;
  total.correctlyRounded += s.correctlyRounded;
  if (s.maxUlp >= total.maxUlp) {
    total.maxUlp = s.maxUlp;
    total.worst = `${where}${s.worst}`;
  }
  return total;
}

/** Scores per engine and function. */
const summary = new Map<string, Map<string, Score>>();

function recordFor(engine: KernelEngine, key: string, s: Score): void {
  const scores = summary.get(engine) ?? new Map<string, Score>();
  summary.set(engine, scores);
  scores.set(key, addScore(scores.get(key) ?? noScore(), s));
}

function assertCorrectlyRounded(label: string, s: Score): void {
  assert.ok(s.correctlyRounded === s.points, `${label}: only ${s.correctlyRounded} of ${s.points} correctly rounded; worst ${s.worst}`);
}

const ENGINES: readonly KernelEngine[] = ['wasm', 'js'];

for (const engine of ENGINES) describe(`float32 kernels (${engine}): accuracy against mpmath`, () => {
  const previous = kernelEngine();
  before(() => setKernelEngine(engine));
  after(() => setKernelEngine(previous));
  const record = (key: string, s: Score): void => recordFor(engine, key, s);
  const files = fs.readdirSync(path.join(FIXTURES, 'elementwise')).filter((file) => file.endsWith('.json')).sort();

  for (const file of files) {
    const fixture = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'elementwise', file), 'utf8')) as {
      function: string;
      cases: ElementwiseCase[];
    };
    describe(fixture.function, () => {
      for (const c of fixture.cases) {
        const options: EvaluateOptions = { ...c.params, variant: c.variant };
        const label = `${fixture.function}(${JSON.stringify(c.params)}${c.variant === 'keras3' ? '' : `, ${c.variant}`})`;
        const x = fromBits(c.x);
        it(`${label}: ${c.x.length} values correctly rounded`, () => {
          const s = score(label, x, evaluate(fixture.function, x, options), c.value);
          record(fixture.function, s);
          assertCorrectlyRounded(label, s);
        });
        it(`${label}: ${c.x.length} derivatives correctly rounded`, () => {
          const s = score(`${label}′`, x, derivative(fixture.function, x, options), c.derivative);
          record(`${fixture.function}′`, s);
          assertCorrectlyRounded(`${label}′`, s);
        });
      }
    });
  }

  const axisFixture = path.join(FIXTURES, 'axis.json');
  // A stress run's directory (generate.py stress) holds elementwise fixtures only; the committed set has both.
  if (process.env.CORE_FIXTURES === undefined || fs.existsSync(axisFixture)) describe('functions along an axis', () => {
    const { cases } = JSON.parse(fs.readFileSync(axisFixture, 'utf8')) as { cases: AxisCase[] };
    const byFunction = new Map<string, AxisCase[]>();
    for (const c of cases) byFunction.set(c.function, [...(byFunction.get(c.function) ?? []), c]);
    for (const [name, group] of byFunction) {
      it(`${name}: ${group.length} arrays (shapes ${[...new Set(group.map((c) => `[${c.shape}]`))].join(' ')}) correctly rounded`, () => {
        const total = noScore();
        for (const c of group) {
          const x = fromBits(c.x);
          const label = `${name} shape [${c.shape}] axis ${c.axis}`;
          addScore(total, score(label, x, evaluate(name, x, { shape: c.shape, axis: c.axis }), c), `${label}: `);
        }
        record(name, total);
        assertCorrectlyRounded(name, total);
      });
    }
  });

  after(() => {
    if (process.env.CORE_ACCURACY_REPORT === '0') return;
    const rows = [...(summary.get(engine) ?? [])].map(([name, s]) => {
      const share = ((100 * s.correctlyRounded) / s.points).toFixed(2).padStart(6);
      return `  ${name.padEnd(16)} ${String(s.points).padStart(6)} points  max ${s.maxUlp.toFixed(3)} ulp  ${share}% correctly rounded`;
    });
    console.log(`\n  accuracy against mpmath, ${engine} kernels (function, derivative ′)\n${rows.join('\n')}\n`);
  });
});
