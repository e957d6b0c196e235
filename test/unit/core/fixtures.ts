// Reading the mpmath fixtures (test/fixtures/core/generate.py) and measuring errors in float32 ulps:
// shared by the accuracy tests and the benchmark's accuracy columns.
import * as path from 'node:path';

/** CORE_FIXTURES points elsewhere for a one-off stress run (`generate.py stress N DIR`). */
export const FIXTURES = process.env.CORE_FIXTURES ?? path.join(__dirname, '..', '..', 'fixtures', 'core');

export interface Reference {
  f32: string[];
  exact: string[];
}
export interface ElementwiseCase {
  params: Record<string, number | boolean | null>;
  variant: 'keras3' | 'keras2' | 'tfjs';
  x: string[];
  value: Reference;
  derivative: Reference;
}
export interface AxisCase extends Reference {
  function: string;
  shape: number[];
  axis: number;
  x: string[];
}

export const fromBits = (hex: string[]): Float32Array => new Float32Array(Uint32Array.from(hex, (h) => parseInt(h, 16)).buffer);

/** The spacing of float32 numbers at |v|: 2^-149 in the subnormals, 2^(e−23) in [2^e, 2^(e+1)). */
export function ulpAt(v: number): number {
  const a = Math.abs(v);
  if (a < 2 ** -126) return 2 ** -149;
  let e = Math.min(Math.floor(Math.log2(a)), 127);
  if (2 ** e > a) e--;
  else if (e < 127 && 2 ** (e + 1) <= a) e++;
  return 2 ** (e - 23);
}
