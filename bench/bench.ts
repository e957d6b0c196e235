// `npm run bench`: runs the benchmark sections in one process and prints a table for each. A section is
// a module beside this one exporting a run function, listed in SECTIONS.
// `npm run bench -- core gelu softmax` runs one section on a few functions.
import { formatCheckResults, runCheckBench } from './check';
import { formatCoreResults, runCoreBench } from './core';
import { runFloat64Bench } from './float64';
import { formatHandwrittenResults, runHandwrittenBench } from './handwritten';
import { formatHoverResults, runHoverBench } from './hover';
import { formatInterpreterResults, runInterpreterBench } from './interpreter';

interface Section {
  readonly name: string;
  readonly title: string;
  /** Runs the section (restricted to `filter` items when given) and returns its printed report. */
  readonly run: (filter: readonly string[]) => Promise<string>;
}

const SECTIONS: readonly Section[] = [
  {
    name: 'core',
    title:
      'evaluate() with WebAssembly and JS kernels vs an honest JS loop vs TensorFlow.js (CPU, WebAssembly SIMD), 1e6 float32 values, median CPU time of interleaved rounds; worst ulp on the fixtures',
    run: async (filter) => formatCoreResults(await runCoreBench(filter)),
  },
  {
    name: 'float64',
    title: 'CPython-compatible math functions vs Math.*, and evaluateFloat64, median CPU time of interleaved rounds',
    run: async (filter) => runFloat64Bench(filter),
  },
  {
    name: 'hover',
    title: 'hover latency and whole-file scan on a 10,000-line Python file',
    run: async () => formatHoverResults(runHoverBench()),
  },
  {
    name: 'check',
    title: 're-checking a 10,000-line Python file as you type (diagnostics), CPU time, median of interleaved rounds',
    run: async () => formatCheckResults(runCheckBench()),
  },
  {
    name: 'interpreter',
    title: 'the Python interpreter: the tutorial sample run whole, and a hand-written sigmoid called 10,000 times, median of interleaved rounds',
    run: async () => formatInterpreterResults(runInterpreterBench()),
  },
  {
    name: 'handwritten',
    title: "hand-written activations checked against the library: the tutorial's seven functions, and the hover on a def, median CPU time of interleaved rounds",
    run: async () => formatHandwrittenResults(runHandwrittenBench()),
  },
];

async function main(): Promise<void> {
  const [sectionName, ...filter] = process.argv.slice(2);
  const chosen = SECTIONS.filter((section) => sectionName === undefined || section.name === sectionName);
  if (chosen.length === 0) throw new Error(`unknown section '${sectionName}'; sections: ${SECTIONS.map((s) => s.name).join(', ')}`);
  console.log(`node ${process.version}, ${process.platform}/${process.arch}${(globalThis as { gc?: unknown }).gc ? '' : ' (run with --expose-gc for steadier numbers)'}`);
  for (const section of chosen) {
    console.log(`\n## ${section.name}: ${section.title}\n`);
    console.log(await section.run(filter));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
