// Bundles the extension for VS Code's two extension hosts (Node: dist/extension.js; the browser's web worker,
// as in vscode.dev and github.dev: dist/extension-web.js), the CLI and the plot panel's browser app into dist/.
// `--production` minifies without source maps (what the .vsix ships); `--watch` rebuilds on change.
const fs = require('node:fs');
const path = require('node:path');
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

// The web worker extension host has no Node: a Node built-in imported anywhere in the web bundle's graph fails
// the build, naming the importer. (Node globals such as Buffer or process are caught by `npm run lint`,
// which type-checks that graph without Node's types: tsconfig.web.json.)
const { builtinModules } = require('node:module');
// (`util/`, with the slash, is the npm package of that name.)
const NODE_BUILTIN = new RegExp(`^(node:.*|${builtinModules.join('|')})(/.+)?$`);
const noNodeBuiltins = {
  name: 'no-node-builtins',
  setup(build) {
    build.onResolve({ filter: NODE_BUILTIN }, (args) => ({
      errors: [{ text: `'${args.path}' is a Node built-in, which the web worker extension host does not have` }],
    }));
  },
};

const node = { ...shared, platform: 'node', format: 'cjs', target: 'node20' };
// VS Code's web worker extension host loads a CommonJS bundle and gives it `require('vscode')` only.
const webWorker = { ...shared, plugins: [...shared.plugins, noNodeBuiltins], platform: 'browser', format: 'cjs', target: 'es2022' };

const bundles = [
  { ...node, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...webWorker, entryPoints: ['src/extension.ts'], outfile: 'dist/extension-web.js', external: ['vscode'] },
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

// The same integration tests for the web worker extension host: one file, since the worker's `require` gives
// nothing but `vscode`. The entry imports test/web/index.ts (mocha's browser build, set up) and then every
// test file, in test/integration/index.ts's order (activation.test first); node:assert is the `assert`
// package there, and anything else from Node fails the build as it does for the extension.
const RUNS_FIRST = 'activation.test.ts';
function webIntegrationEntry() {
  const files = fs
    .readdirSync('test/integration', { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.ts'))
    .map((file) => file.split(path.sep).join('/'))
    .sort((a, b) => Number(b === RUNS_FIRST) - Number(a === RUNS_FIRST) || a.localeCompare(b));
  return ["export { run } from './test/web/index';", ...files.map((file) => `import './test/integration/${file}';`)].join('\n');
}
const testLibrariesForTheWorker = {
  name: 'test-libraries-for-the-worker',
  setup(build) {
    build.onResolve({ filter: /^(node:)?assert(\/strict)?$/ }, (args) => ({ path: args.path.replace(/^node:/, ''), namespace: 'assert-for-the-worker' }));
    build.onLoad({ filter: /.*/, namespace: 'assert-for-the-worker' }, (args) => ({
      // 'assert/' is the npm package: plain 'assert' resolves to Node's own.
      contents: `module.exports = require(${JSON.stringify(require.resolve('assert/'))})${args.path.endsWith('/strict') ? '.strict' : ''};`,
      resolveDir: __dirname,
    }));
    // mocha's browser build is a UMD script in a "type": "module" package: bundled as ESM, its
    // `module.exports = factory()` would replace this bundle's exports. Loaded from outside the package it
    // is bundled as the CommonJS it is (and still defines the global `mocha`).
    build.onResolve({ filter: /^mocha\/mocha\.js$/ }, () => ({ path: require.resolve('mocha/mocha.js'), namespace: 'mocha-browser' }));
    build.onLoad({ filter: /.*/, namespace: 'mocha-browser' }, (args) => ({ contents: fs.readFileSync(args.path, 'utf8'), loader: 'js' }));
  },
};
bundles.push({
  ...webWorker, minify: false, sourcemap: 'linked',
  plugins: [...shared.plugins, testLibrariesForTheWorker, noNodeBuiltins],
  stdin: { contents: webIntegrationEntry(), resolveDir: __dirname, sourcefile: 'web-integration-entry.ts', loader: 'ts' },
  outfile: 'out/web-integration/index.js',
  external: ['vscode'],
  // The `util` package behind `assert` reads this at load time; the worker has no `process`.
  define: { 'process.env.NODE_DEBUG': 'false' },
});

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
