// A function known only by its samples (a hand-written activation run by the interpreter), drawn as a line:
// where it jumps (the tutorial's ELU goes from α − 1 to 0 at x = 0) the line breaks instead of drawing a
// steep segment that is not there, and a value between samples is read off the line as drawn. Pure: the
// check finds the jumps where it can call the function, the plot panel, its exports and the hover draw them.

/** Samples in increasing x, and where the line breaks: `breaks` holds i when no segment joins sample i to i + 1. */
export interface SampledLine {
  readonly x: ArrayLike<number>;
  /** `null` or a non-finite number where the function has no finite value (it raised, or gave NaN or ±∞). */
  readonly y: ArrayLike<number | null>;
  readonly breaks?: readonly number[];
}

/** Bisection steps per suspected jump: enough to close a gap of the plot domain's width to below 1e-9 of it. */
const BISECTION_STEPS = 40;
/** At most this many suspected jumps are refined (each costs BISECTION_STEPS calls). */
const MAX_SUSPECTS = 8;

const finite = (value: number | null | undefined): value is number => value !== null && value !== undefined && Number.isFinite(value);

/**
 * The samples with every jump made explicit: a gap between adjacent samples that is much larger than its
 * neighbours' is bisected with `f` (the function itself); when the gap does not close as the interval shrinks
 * it is a jump, and the two points found closest either side of it are inserted with a break between them.
 * A steep but continuous stretch closes and stays joined. `f` gives NaN where the function has no value.
 */
export function refineJumps(xs: ArrayLike<number>, ys: ArrayLike<number>, f: (x: number) => number): { x: Float64Array; y: Float64Array; breaks: number[] } {
  const n = xs.length;
  const gap = (i: number): number => (finite(ys[i]) && finite(ys[i + 1]) ? Math.abs(ys[i + 1] - ys[i]) : 0);
  let top = 0;
  for (let i = 0; i < n; i++) if (finite(ys[i])) top = Math.max(top, Math.abs(ys[i]));
  const floor = 1e-9 * (1 + top);
  const suspects: number[] = [];
  for (let i = 0; i + 1 < n; i++) {
    const here = gap(i);
    if (here > floor && here > 2 * gap(i - 1) && here > 2 * gap(i + 1)) suspects.push(i);
  }
  suspects.sort((a, b) => gap(b) - gap(a)).splice(MAX_SUSPECTS);
  const jumps = new Map<number, { left: [number, number]; right: [number, number] }>();
  for (const i of suspects) {
    let [a, ya, b, yb] = [xs[i], ys[i], xs[i + 1], ys[i + 1]];
    for (let step = 0; step < BISECTION_STEPS; step++) {
      const middle = a + (b - a) / 2;
      if (middle <= a || middle >= b) break;
      const ym = f(middle);
      if (!finite(ym)) break; // a hole, not a jump: the check reports where the function raises
      if (Math.abs(ym - ya) >= Math.abs(yb - ym)) [b, yb] = [middle, ym];
      else [a, ya] = [middle, ym];
    }
    // Closed to a sliver and still most of the original gap: a jump.
    if (b - a <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)) && Math.abs(yb - ya) >= 0.5 * gap(i)) jumps.set(i, { left: [a, ya], right: [b, yb] });
  }
  const x: number[] = [];
  const y: number[] = [];
  const breaks: number[] = [];
  for (let i = 0; i < n; i++) {
    x.push(xs[i]);
    y.push(ys[i]);
    const jump = jumps.get(i);
    if (!jump) continue;
    if (jump.left[0] > xs[i]) {
      x.push(jump.left[0]);
      y.push(jump.left[1]);
    }
    breaks.push(x.length - 1);
    if (jump.right[0] < xs[i + 1]) {
      x.push(jump.right[0]);
      y.push(jump.right[1]);
    }
  }
  return { x: Float64Array.from(x), y: Float64Array.from(y), breaks };
}

/**
 * The line as x and y arrays a polyline drawer breaks at NaN: a NaN point after each break, so
 * `polylinePath` (hover, SVG export) lifts the pen there as it does where the function has no value.
 */
export function brokenAtJumps(line: SampledLine): { x: Float64Array; y: Float64Array } {
  const breaks = new Set(line.breaks ?? []);
  const n = line.x.length;
  const x = new Float64Array(n + breaks.size);
  const y = new Float64Array(n + breaks.size);
  let k = 0;
  for (let i = 0; i < n; i++) {
    x[k] = line.x[i];
    y[k++] = line.y[i] ?? Number.NaN;
    if (breaks.has(i) && i + 1 < n) {
      x[k] = (line.x[i] + line.x[i + 1]) / 2;
      y[k++] = Number.NaN;
    }
  }
  return { x: x.subarray(0, k), y: y.subarray(0, k) };
}

/**
 * The line's value at `x`: a sample's own value at its x; between two joined samples the quadratic through them
 * and the neighbour on the smoother side (the smaller second divided difference: ENO), so a smooth function
 * is read to O(h³) — the tutorial's ELU off its 81 samples to 3e-5, where a straight segment is 6e-4 off — and a
 * piecewise-linear one (relu's kink at a sample) exactly; `null` outside the samples, next to a sample without
 * a value, and across a break (the jump itself).
 */
export function valueOnLine(line: SampledLine, x: number): number | null {
  const { x: xs, y: ys } = line;
  const n = xs.length;
  if (n === 0 || !(x >= xs[0] && x <= xs[n - 1])) return null;
  // The last sample at or below x (binary search: the CSV asks once per row).
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const middle = (lo + hi + 1) >> 1;
    if (xs[middle] <= x) lo = middle;
    else hi = middle - 1;
  }
  const here = ys[lo];
  if (xs[lo] === x || lo === n - 1) return finite(here) ? here : null;
  const joined = (i: number): boolean => i >= 0 && i + 1 < n && finite(ys[i]) && finite(ys[i + 1]) && !line.breaks?.includes(i);
  if (!joined(lo)) return null;
  const slope = (i: number): number => ((ys[i + 1] as number) - (ys[i] as number)) / (xs[i + 1] - xs[i]);
  const secant = slope(lo);
  // Second divided differences of the stencils either side, where the neighbour is joined to this segment.
  const left = joined(lo - 1) ? (secant - slope(lo - 1)) / (xs[lo + 1] - xs[lo - 1]) : undefined;
  const right = joined(lo + 1) ? (slope(lo + 1) - secant) / (xs[lo + 2] - xs[lo]) : undefined;
  const curvature = left === undefined ? (right ?? 0) : right === undefined || Math.abs(left) <= Math.abs(right) ? left : right;
  return (here as number) + (x - xs[lo]) * (secant + curvature * (x - xs[lo + 1]));
}
