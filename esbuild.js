// Bundles the extension host code, the CLI and the plot panel's browser app into dist/.
// `--production` minifies without source maps (what the .vsix ships); `--watch` rebuilds on change.
const esbuild = require('esbuild');
const { ensureGenerated } = require('./scripts/generated.cjs');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const bench = process.argv.includes('--bench');

// Re-typesets the catalog's formulas when it changed (matters in --watch; a no-op when up to date).
const typesetFormulas = { name: 'typeset-formulas', setup: (build) => build.onStart(() => ensureGenerated()) };

const shared = {
  bundle: true,
  plugins: [typesetFormulas],
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: production ? 'none' : 'inline',
};

// The plot webview stays on the JS kernels: its CSP has no 'wasm-unsafe-eval', and Chromium refuses to
// compile a module over 4 KB synchronously on a page's main thread. An empty module there keeps the
// WebAssembly kernels out of its bundle (src/core/wasm then reports them unavailable).
const withoutWasm = {
  name: 'without-wasm',
  setup(build) {
    build.onResolve({ filter: /generated\/kernels-wasm$/ }, () => ({ path: 'kernels-wasm', namespace: 'without-wasm' }));
    build.onLoad({ filter: /.*/, namespace: 'without-wasm' }, () => ({ contents: "export const KERNELS_WASM = '';", loader: 'ts' }));
  },
};

const node = { ...shared, platform: 'node', format: 'cjs', target: 'node20' };

const bundles = [
  { ...node, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...node, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  {
    ...shared, plugins: [...shared.plugins, withoutWasm],
    platform: 'browser', format: 'iife', target: 'es2022', entryPoints: ['src/webview/main.ts'], outfile: 'dist/webview.js',
  },
  // The integration suite, run inside a real VS Code extension host (never minified: stack traces must read).
  // mocha stays external: the extension host loads it from node_modules with the globals it sets up.
  {
    ...node, minify: false, sourcemap: 'linked',
    entryPoints: ['test/integration/index.ts', 'test/integration/**/*.test.ts'], outbase: 'test/integration', outdir: 'out/integration',
    external: ['vscode', 'mocha'],
  },
];

if (bench) {
  // The benchmark loads TensorFlow.js from node_modules rather than bundling it.
  bundles.push({ ...node, minify: true, sourcemap: false, entryPoints: ['bench/bench.ts'], outfile: 'dist/bench/bench.js', packages: 'external' });
}

async function main() {
  const contexts = await Promise.all(bundles.map((options) => esbuild.context(options)));
  if (watch) {
    await Promise.all(contexts.map((context) => context.watch()));
    console.log('[watch] watching src/ for changes');
    return;
  }
  await Promise.all(contexts.map((context) => context.rebuild()));
  await Promise.all(contexts.map((context) => context.dispose()));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
