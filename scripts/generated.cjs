// Keeps src/generated/ up to date: the typeset formulas are rebuilt when the catalog or the typesetter changes.
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

function ensureGenerated() {
  if (existsSync(output)) {
    const built = statSync(output).mtimeMs;
    if (inputs.every((input) => statSync(input).mtimeMs <= built)) return;
  }
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/typeset-formulas.ts')], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('typesetting the catalog formulas failed');
}

ensureGenerated();
module.exports = { ensureGenerated };
