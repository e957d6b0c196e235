// The WebAssembly SIMD kernels (assembly/kernels.ts), embedded as base64 and instantiated synchronously at
// first use, with no fs and no fetch: the same code runs in the extension host, the CLI and a web worker. Where
// the host refuses to compile it (a page whose CSP lacks 'wasm-unsafe-eval', no SIMD) or the bundle leaves it
// out (the plot webview), `wasmKernels()` is undefined and callers use the JS kernels.
//
// The runners move values through the module's memory in chunks that stay in cache, and let an exact
// scalar kernel (the JS one) compute the lanes the module flags (see assembly/kernels.ts), so the results
// are the JS kernels' bits.
import { KERNELS_WASM } from '../../generated/kernels-wasm';

/** Writes f(x[i]) to out[i]; the exact fallback for flagged lanes. */
export type Exactly = (x: Float32Array, out: Float32Array) => void;

type Kernel = (n: number, p: number, q: number) => number;

interface Exports {
  readonly memory: WebAssembly.Memory;
  readonly CHUNK: WebAssembly.Global;
  readonly IN: WebAssembly.Global;
  readonly IN2: WebAssembly.Global;
  readonly OUT: WebAssembly.Global;
  readonly FLAGGED: WebAssembly.Global;
  readonly ROW: WebAssembly.Global;
  readonly [kernel: string]: unknown;
}

const PAGE = 65536;

class WasmKernels {
  private f32: Float32Array;
  private i32: Int32Array;
  private readonly chunk: number;
  private readonly input: number;
  private readonly input2: number;
  private readonly output: number;
  private readonly flagged: number;
  private readonly row: number;
  private readonly gathered: Float32Array;
  private readonly fixed: Float32Array;

  constructor(private readonly exports: Exports) {
    this.chunk = exports.CHUNK.value as number;
    this.input = (exports.IN.value as number) >> 2;
    this.input2 = (exports.IN2.value as number) >> 2;
    this.output = (exports.OUT.value as number) >> 2;
    this.flagged = (exports.FLAGGED.value as number) >> 2;
    this.row = (exports.ROW.value as number) >> 2;
    this.f32 = new Float32Array(0);
    this.i32 = new Int32Array(0);
    this.reserve(0);
    // glu's fallback reads pairs (a, b).
    this.gathered = new Float32Array(2 * this.chunk);
    this.fixed = new Float32Array(this.chunk);
  }

  /** Whether the module has this kernel. */
  has(name: string): boolean {
    return typeof this.exports[name] === 'function';
  }

  /**
   * Grows the memory to hold a row of `rowLength` values (and its double terms) and a block of rows after the
   * fixed regions; false when the host refuses that much.
   */
  private reserve(rowLength: number): boolean {
    const { memory } = this.exports;
    const needed = 4 * this.row + 12 * (rowLength + 8) + 4 * this.blockLength(rowLength);
    try {
      if (memory.buffer.byteLength < needed) memory.grow(Math.ceil((needed - memory.buffer.byteLength) / PAGE));
    } catch {
      return false; // RangeError: beyond the host's limit
    } finally {
      if (this.f32.buffer !== memory.buffer) {
        this.f32 = new Float32Array(memory.buffer);
        this.i32 = new Int32Array(memory.buffer);
      }
    }
    return true;
  }

  /** Values in a block of rows of `rowLength`: whole rows, about a chunk's worth, at most a chunk of rows. */
  private blockLength(rowLength: number): number {
    return rowLength * Math.max(1, Math.min(this.chunk, Math.floor(this.chunk / rowLength)));
  }

  /** out[i] = f(x[i]) with kernel `name` and its parameters p, q; `out` may be `x`. */
  map(name: string, p: number, q: number, x: Float32Array, out: Float32Array, exactly: Exactly): void {
    const kernel = this.exports[name] as Kernel;
    const { f32, input, output } = this;
    for (let start = 0, n = x.length; start < n; start += this.chunk) {
      const count = Math.min(this.chunk, n - start);
      f32.set(x.subarray(start, start + count), input);
      const flagged = kernel(count, p, q);
      if (flagged > 0) this.fix(count, flagged, 1, exactly);
      out.set(f32.subarray(output, output + count), start);
    }
  }

  /** glu on a row-major layout: a·σ(b) over the two contiguous halves of each block. */
  glu(x: Float32Array, out: Float32Array, outer: number, half: number, exactly: Exactly): void {
    const kernel = this.exports.glu as Kernel;
    const { f32, input, input2, output } = this;
    for (let o = 0; o < outer; o++) {
      const a0 = 2 * o * half;
      for (let start = 0; start < half; start += this.chunk) {
        const count = Math.min(this.chunk, half - start);
        f32.set(x.subarray(a0 + start, a0 + start + count), input);
        f32.set(x.subarray(a0 + half + start, a0 + half + start + count), input2);
        const flagged = kernel(count, 0, 0);
        if (flagged > 0) this.fix(count, flagged, 2, exactly);
        out.set(f32.subarray(output, output + count), o * half + start);
      }
    }
  }

  /**
   * Gathers the flagged lanes' inputs (`arity` 2: pairs a, b) into one array, computes them with the exact
   * kernel in a single call, and writes them over the module's results.
   */
  private fix(count: number, flagged: number, arity: 1 | 2, exactly: Exactly): void {
    const { f32, i32, input, input2, output, gathered, fixed } = this;
    let k = 0;
    for (let j = 0; j < flagged; j++) {
      const lane = i32[this.flagged + j];
      if (lane >= count) continue; // padding past the chunk's end
      if (arity === 1) gathered[k] = f32[input + lane];
      else {
        gathered[2 * k] = f32[input + lane];
        gathered[2 * k + 1] = f32[input2 + lane];
      }
      i32[this.flagged + k++] = lane;
    }
    exactly(gathered.subarray(0, arity * k), fixed.subarray(0, k));
    for (let j = 0; j < k; j++) f32[output + i32[this.flagged + j]] = fixed[j];
  }

  /**
   * A function along the last axis of contiguous rows of `size` (`name` softmax_row or log_softmax_row; the
   * module's kernel, `name` + 's', takes a block of rows): the rows through the module, a block at a time, and
   * the rows it declines through `exactly`, one at a time. False, with nothing written, when the memory cannot
   * grow to hold a row.
   */
  rows(name: string, x: Float32Array, out: Float32Array, size: number, exactly: Exactly): boolean {
    const kernel = this.exports[`${name}s`] as (count: number, size: number) => number;
    if (size === 0 || !this.reserve(size)) return size === 0;
    const { f32, i32 } = this;
    const block = (this.exports.rowsAt as (size: number) => number)(size) >> 2;
    const length = this.blockLength(size);
    for (let start = 0, n = x.length; start < n; start += length) {
      const count = Math.min(length, n - start) / size;
      f32.set(x.subarray(start, start + count * size), block);
      const failed = kernel(count, size);
      out.set(f32.subarray(block, block + count * size), start);
      // A declined row is not copied back: the block still holds its values (which `out` may have overwritten).
      for (let j = 0; j < failed; j++) {
        const at = i32[this.flagged + j] * size;
        exactly(f32.subarray(block + at, block + at + size), out.subarray(start + at, start + at + size));
      }
    }
    return true;
  }
}

function instantiate(): WasmKernels | undefined {
  if (KERNELS_WASM === '' || typeof WebAssembly !== 'object') return undefined;
  try {
    const text = atob(KERNELS_WASM);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
    return new WasmKernels(instance.exports as unknown as Exports);
  } catch {
    return undefined; // compilation refused (CSP) or unsupported (no SIMD): the JS kernels serve
  }
}

export type { WasmKernels };

let kernels: WasmKernels | undefined;
let tried = false;

/**
 * The WebAssembly kernels, compiled at the first call (a few milliseconds, kept off the extension's
 * activation), or undefined where the host cannot run them.
 */
export function wasmKernels(): WasmKernels | undefined {
  if (!tried) {
    tried = true;
    kernels = instantiate();
  }
  return kernels;
}
