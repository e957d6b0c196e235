// Keeps src/generated/ up to date: the typeset formulas are rebuilt when the catalog or the typesetter changes,
// the WebAssembly kernels when their sources or their build script change.
// Called by esbuild.js before bundling and by mocha (as a required module) before unit tests.
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const output = join(root, 'src/generated/formulas.json');
const inputs = [join(root, 'scripts/typeset-formulas.ts'), ...listFiles(join(root, 'src/core/catalog'))];

function listFiles(dir) {
  return readdirSync(dir).map((name) => join(dir, name));
}

const wasmOutput = join(root, 'src/generated/kernels-wasm.ts');
const wasmInputs = [join(root, 'scripts/build-wasm.mjs'), ...listFiles(join(root, 'src/core/wasm/assembly'))];

function upToDate(built, sources) {
  if (!existsSync(built)) return false;
  const time = statSync(built).mtimeMs;
  return sources.every((source) => statSync(source).mtimeMs <= time);
}

function ensureGenerated() {
  if (!upToDate(output, inputs)) {
    const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/typeset-formulas.ts')], { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) throw new Error('typesetting the catalog formulas failed');
  }
  if (!upToDate(wasmOutput, wasmInputs)) {
    const result = spawnSync(process.execPath, [join(root, 'scripts/build-wasm.mjs')], { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) throw new Error('compiling the WebAssembly kernels failed');
  }
}

ensureGenerated();
module.exports = { ensureGenerated };
