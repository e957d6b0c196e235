// Axis arithmetic shared by the hover's curve, the live chart and the exported SVG, so all show the same
// y-range and ticks: extents that ignore NaN and ±∞, a little padding, "nice" tick steps (1, 2, 2.5, 5 × 10ⁿ),
// and SVG path data for a sampled curve.
import { asciiText, writeBase64 } from './base64';

/** Smallest and largest finite value over several arrays; undefined when there is none. */
export function finiteExtent(arrays: readonly ArrayLike<number | null>[]): [number, number] | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const values of arrays) {
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (value === null || !Number.isFinite(value)) continue;
      if (value < lo) lo = value;
      if (value > hi) hi = value;
    }
  }
  return lo <= hi ? [lo, hi] : undefined;
}

/** A y-range with breathing room: 6 % each side, at least ±0.5 around a flat line, and [-1, 1] for nothing. */
export function paddedRange(extent: readonly [number, number] | undefined): [number, number] {
  if (!extent) return [-1, 1];
  const [lo, hi] = extent;
  const span = hi - lo;
  if (span < 1e-9 * Math.max(1, Math.abs(lo), Math.abs(hi))) {
    const half = Math.max(0.5, Math.abs(lo) * 0.1);
    return [lo - half, hi + half];
  }
  const pad = span * 0.06;
  return [lo - pad, hi + pad];
}

/** Tick positions at a nice step with at most about `count` ticks inside [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 6): number[] {
  if (!(hi > lo) || !Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  const step = niceStep((hi - lo) / Math.max(1, count));
  // A tolerance so that an end that is a multiple of the step (0.35 / 0.05 = 6.9999…) keeps its tick.
  const first = Math.ceil(lo / step - 1e-9);
  const last = Math.floor(hi / step + 1e-9);
  const ticks: number[] = [];
  for (let i = first; i <= last && ticks.length < 100; i++) ticks.push(cleanMultiple(i, step));
  return ticks;
}

/** The nice step (1, 2, 2.5 or 5 × 10ⁿ) nearest above `rough`. */
export function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/** i·step without binary noise (0.30000000000000004 → 0.3). */
function cleanMultiple(i: number, step: number): number {
  const value = i * step;
  return value === 0 ? 0 : Number(value.toPrecision(12));
}

/** A tick label: as few digits as the step needs, a true minus sign, exponent form for extremes. */
export function formatTick(value: number, step?: number): string {
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  let text: string;
  if (magnitude >= 1e5 || magnitude < 1e-4) {
    text = value.toExponential(step ? Math.max(0, Math.min(6, Math.round(Math.log10(magnitude) - Math.log10(step)))) : 2);
    text = text.replace(/\.?0+e/, 'e').replace('e+', 'e');
  } else {
    const decimals = step ? Math.max(0, Math.min(10, -Math.floor(Math.log10(step) + 1e-9))) : 6;
    text = String(Number(value.toFixed(decimals)));
  }
  return text.replace('-', '−');
}

/** A read-out value: 5 significant digits, exponent form outside [1e-4, 1e5), NaN and ∞ spelled out. */
export function formatReadout(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  const text = magnitude >= 1e5 || magnitude < 1e-4 ? value.toExponential(4).replace(/\.?0+e/, 'e').replace('e+', 'e') : String(Number(value.toPrecision(5)));
  return text.replace('-', '−');
}

/**
 * SVG path data for a sampled curve in plot coordinates: breaks at non-finite points and clamps y to a few
 * view heights around [y0, y1], so far-off values stay off-screen without bloating the path.
 */
export function polylinePath(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  sx: (x: number) => number,
  sy: (y: number) => number,
  y0: number,
  y1: number,
): string {
  const writer = new AsciiWriter(new Uint8Array(Math.max(64, xs.length * 16)));
  writer.path(xs, ys, sx, sy, y0, y1);
  return writer.text();
}

const M = 0x4d;
const L = 0x4c;
const SPACE = 0x20;

/**
 * An ASCII document (SVG) written as bytes into a growing buffer, numbers as `svgNumber` writes them, then
 * read as text or as base64 at once. A hover draws hundreds of points: a string per number, per point and
 * per element, then the document's string before its base64, were most of the garbage a hover left.
 */
export class AsciiWriter {
  private length = 0;

  /** `bytes` is the buffer to start in (a caller that draws often passes one back, see `buffer`). */
  constructor(private bytes: Uint8Array) {}

  /** The buffer written into (grown as needed), to start the next document in. */
  get buffer(): Uint8Array {
    return this.bytes;
  }

  /** ASCII text as it is; any other character as an XML character reference (`−` → `&#8722;`). */
  write(text: string): void {
    this.reserve(text.length);
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code < 0x80) this.bytes[this.length++] = code;
      else {
        const point = text.codePointAt(i) as number;
        this.write(`&#${point};`);
        if (point > 0xffff) i++;
      }
    }
  }

  number(value: number): void {
    const hundredths = Math.round(value * 100);
    if (!(Math.abs(hundredths) < 1e15)) {
      this.write(svgNumber(value));
      return;
    }
    this.reserve(20);
    if (hundredths < 0) this.bytes[this.length++] = 0x2d;
    const magnitude = Math.abs(hundredths);
    const whole = Math.floor(magnitude / 100);
    const fraction = magnitude - whole * 100;
    this.digits(whole);
    if (fraction === 0) return;
    this.bytes[this.length++] = 0x2e;
    this.bytes[this.length++] = 0x30 + Math.floor(fraction / 10);
    if (fraction % 10) this.bytes[this.length++] = 0x30 + (fraction % 10);
  }

  /** Path data (`M x y L x y …`) for the points of a sampled curve; see `polylinePath`. */
  path(xs: ArrayLike<number>, ys: ArrayLike<number>, sx: (x: number) => number, sy: (y: number) => number, y0: number, y1: number): void {
    const span = y1 - y0;
    const low = y0 - span * 4;
    const high = y1 + span * 4;
    let pen = false;
    for (let i = 0; i < xs.length; i++) {
      const y = ys[i];
      if (!Number.isFinite(y) || !Number.isFinite(xs[i])) {
        pen = false;
        continue;
      }
      this.byte(pen ? L : M);
      this.number(sx(xs[i]));
      this.byte(SPACE);
      this.number(sy(Math.min(Math.max(y, low), high)));
      pen = true;
    }
  }

  text(): string {
    return asciiText(this.bytes.subarray(0, this.length));
  }

  /** The bytes in base64, written after them in the same buffer: the one string made is the result. */
  base64(): string {
    this.reserve(Math.ceil(this.length / 3) * 4);
    const end = writeBase64(this.bytes, this.length, this.bytes, this.length);
    return asciiText(this.bytes.subarray(this.length, end));
  }

  private byte(code: number): void {
    this.reserve(1);
    this.bytes[this.length++] = code;
  }

  private digits(value: number): void {
    let count = 1;
    for (let power = 10; power <= value; power *= 10) count++;
    let rest = value;
    for (let k = this.length + count - 1; k >= this.length; k--) {
      this.bytes[k] = 0x30 + (rest % 10);
      rest = Math.floor(rest / 10);
    }
    this.length += count;
  }

  private reserve(count: number): void {
    if (this.length + count <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + count));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }
}

/**
 * A coordinate with two decimals at most: sub-pixel exact, and short. Written from the integer number of
 * hundredths (integer-to-string is several times cheaper than shortest double printing, and a hover prints
 * hundreds of them); the same text as `String(Math.round(value * 100) / 100)`.
 */
export function svgNumber(value: number): string {
  const hundredths = Math.round(value * 100);
  // Far off-screen (or not a number): where doubles are sparser than 0.01, print as the double does.
  if (!(Math.abs(hundredths) < 1e15)) return String(hundredths / 100);
  const magnitude = Math.abs(hundredths);
  const whole = Math.floor(magnitude / 100);
  const fraction = magnitude - whole * 100;
  const sign = hundredths < 0 ? '-' : '';
  if (fraction === 0) return `${sign}${whole}`;
  return `${sign}${whole}.${fraction < 10 ? `0${fraction}` : fraction % 10 === 0 ? fraction / 10 : fraction}`;
}
