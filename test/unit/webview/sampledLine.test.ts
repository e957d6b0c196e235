// A hand-written activation in the plot panel and the hover: its jumps found by bisection and drawn as
// breaks, its value at the cursor read off the line, and its CSV column on the panel's x grid. Expected
// values are the functions' own (computed here by the same JavaScript arithmetic), never typed in.
import assert from 'node:assert/strict';
import { brokenAtJumps, refineJumps, valueOnLine } from '../../../src/render/sampledLine';
import { plotCsvOf, plotSvg, type Figure } from '../../../src/webview/exportFormats';
import { validatePlotRequest } from '../../../src/webview/protocol';
import { migrateState } from '../../../src/webview/plotModel';

/** The tutorial's ELU with α = 0.5: x for x ≥ 0, else α·eˣ − 1 (a jump from α − 1 to 0 at 0). */
const tutorialElu = (x: number): number => (x >= 0 ? x : 0.5 * Math.exp(x) - 1);
const grid = Float64Array.from({ length: 81 }, (_, i) => Math.round((-5 + i * 0.1) * 1e9) / 1e9);

describe('a sampled function as a line', () => {
  it('finds the tutorial ELU jump by bisection and breaks the line there, the points either side inserted', () => {
    const line = refineJumps(grid, Float64Array.from(grid, tutorialElu), tutorialElu);
    assert.equal(line.breaks.length, 1);
    const at = line.breaks[0];
    assert.ok(line.x[at] < 0 && line.x[at] > -1e-9, `left of the jump: ${line.x[at]}`);
    assert.equal(line.x[at + 1], 0);
    assert.equal(line.y[at], tutorialElu(line.x[at]));
    assert.equal(line.x.length, grid.length + 1, 'one point inserted: 0 is a sample already');
    for (let i = 1; i < line.x.length; i++) assert.ok(line.x[i] > line.x[i - 1]);
  });

  it('keeps a steep but continuous stretch and a kink joined', () => {
    const steep = (x: number) => Math.tanh(40 * x);
    assert.deepEqual(refineJumps(grid, Float64Array.from(grid, steep), steep).breaks, []);
    const relu = (x: number) => Math.max(0, x);
    const line = refineJumps(grid, Float64Array.from(grid, relu), relu);
    assert.deepEqual(line.breaks, []);
    assert.deepEqual(Array.from(line.x), Array.from(grid));
  });

  it('does not call a hole (a raise, NaN) a jump', () => {
    const holed = (x: number) => (x <= 0 ? x : x < 0.1 ? Number.NaN : 10 * x); // raises between the samples 0 and 0.1
    assert.deepEqual(refineJumps(grid, Float64Array.from(grid, holed), holed).breaks, []);
  });

  it('reads a value off the line: exact at a sample, close between two, none across a break, a hole or outside', () => {
    const line = refineJumps(grid, Float64Array.from(grid, tutorialElu), tutorialElu);
    assert.equal(valueOnLine(line, grid[10]), tutorialElu(grid[10]));
    // Between samples: far closer than the straight segment (whose error is h²·f″/8), up to the jump's side.
    for (const i of [0, 10, 48, 49]) {
      const middle = (grid[i] + grid[i + 1]) / 2;
      const straight = (tutorialElu(grid[i]) + tutorialElu(grid[i + 1])) / 2;
      const error = Math.abs((valueOnLine(line, middle) as number) - tutorialElu(middle));
      assert.ok(error < Math.abs(straight - tutorialElu(middle)) / 10, `at ${middle}: ${error}`);
    }
    // Piecewise linear with a kink at a sample: the side without the kink is taken, so the value is exact.
    const relu = (v: number) => Math.max(0, v);
    const reluLine = refineJumps(grid, Float64Array.from(grid, relu), relu);
    for (const v of [-0.05, 0.05, 0.15, 1.23]) assert.equal(valueOnLine(reluLine, v), relu(v), `relu at ${v}`);
    const at = line.breaks[0];
    assert.equal(valueOnLine(line, (line.x[at] + line.x[at + 1]) / 2), null);
    assert.equal(valueOnLine(line, -6), null);
    assert.equal(valueOnLine(line, 3.01), null);
    assert.equal(valueOnLine({ x: [0, 1, 2], y: [0, null, 2] }, 0.5), null);
    assert.equal(valueOnLine({ x: [0, 1, 2], y: [0, null, 2] }, 2), 2);
  });

  it('puts a NaN point in each break, so polylines lift the pen there', () => {
    const broken = brokenAtJumps({ x: [0, 1, 2, 3], y: [0, 1, null, 3], breaks: [0] });
    assert.deepEqual(Array.from(broken.x), [0, 0.5, 1, 2, 3]);
    assert.deepEqual(Array.from(broken.y).map((y) => (Number.isNaN(y) ? 'NaN' : y)), [0, 'NaN', 1, 'NaN', 3]);
  });
});

describe('plot protocol: breaks of a sampled function', () => {
  const request = (breaks: unknown) => ({ activations: [{ name: 'elu' }], marks: [{ name: 'yours: elu', style: 'line', x: [0, 1, 2], y: [0, 1, 2], breaks }] });

  it('accepts increasing sample indices below the last', () => {
    const checked = validatePlotRequest(request([0, 1]));
    assert.ok(checked.ok);
    assert.deepEqual(checked.value.marks?.[0].breaks, [0, 1]);
  });

  it('refuses an index past the samples, a fraction, or one out of order, saying which', () => {
    for (const [breaks, says] of [[[2], /breaks\[0\]: expected a sample index from 0 to 1/], [[0.5], /breaks\[0\]/], [[1, 0], /breaks\[1\]: expected an index above the one before/], ['0', /breaks: expected an array/]] as const) {
      const checked = validatePlotRequest(request(breaks));
      assert.ok(!checked.ok);
      assert.match(checked.error, says);
    }
  });

  it('keeps a line and its breaks through a state repair, dropping breaks that no longer fit', () => {
    const state = (breaks: unknown) => migrateState({ version: 1, series: [], domain: [-1, 1], home: [-1, 1], marks: [{ name: 'yours', style: 'line', x: [0, 1, 2], y: [0, 1, 'bad'], breaks }], showMarks: true, extra: 1 });
    assert.deepEqual(state([1])?.marks[0], { name: 'yours', style: 'line', x: [0, 1, 2], y: [0, 1, null], breaks: [1] });
    assert.equal(state([5])?.marks[0].breaks, undefined);
  });
});

describe('plot export of a sampled function', () => {
  const line = refineJumps(grid, Float64Array.from(grid, tutorialElu), tutorialElu);
  const marks = [{ name: 'yours: elu', style: 'line' as const, x: Array.from(line.x), y: Array.from(line.y), breaks: line.breaks }];

  it("adds yours to the CSV on the panel's x grid, read off its line in double precision, empty where it has no value", () => {
    const x = Float32Array.of(-6, -5, -4.95, 0, 3, 4);
    const csv = plotCsvOf(x, [{ label: 'elu(alpha=0.5)', values: Float32Array.of(1, 2, 3, 4, 5, 6) }], [...marks, { name: 'points', x: [1], y: [1] }]);
    const [header, ...rows] = csv.trimEnd().split('\n');
    assert.equal(header, 'x,elu(alpha=0.5),yours: elu');
    const yours = rows.map((row) => row.split(',')[2]);
    const expected = Array.from(x, (at) => valueOnLine(marks[0], at));
    assert.deepEqual(yours, expected.map((value) => (value === null ? '' : String(value))));
    assert.equal(yours[0], '', 'outside its samples');
    assert.equal(Number(yours[1]), tutorialElu(-5), 'a sample: its own double');
  });

  it('draws yours in the SVG export in two pieces, either side of the jump', () => {
    const figure: Figure = {
      width: 720, height: 360, domain: [-5, 3], series: [], marks: [{ label: 'yours: elu', color: '#ff0000', line: true, ...marks[0] }],
      theme: { background: '#000', foreground: '#fff', muted: '#aaa', grid: '#333', axis: '#888', fontFamily: 'sans-serif', lineWidth: 2 },
    };
    const d = /<path d="([^"]*)" fill="none" stroke="#ff0000"/.exec(plotSvg(figure))?.[1] ?? '';
    assert.equal((d.match(/M/g) ?? []).length, 2);
  });
});
