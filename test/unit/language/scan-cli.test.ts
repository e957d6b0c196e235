import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../../src/cli';
import { fixture } from './expect';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI with files served from memory. */
function cli(argv: string[], files: Record<string, string> = {}): Run {
  let stdout = '';
  let stderr = '';
  const code = main(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    readFile: (path) => {
      if (!(path in files)) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
      return files[path];
    },
  });
  return { code, stdout, stderr };
}

const entries = (run: Run) => {
  assert.equal(run.code, 0, run.stderr);
  return JSON.parse(run.stdout) as Record<string, unknown>[];
};

describe('activation-lens scan', () => {
  it('prints every reference of a Python file with 0-based UTF-16 positions of the naming text', () => {
    const before = 'z = ("🚀", keras.layers.Dense(4, activation="';
    const source = `# 🚀\nimport keras\ny = keras.layers.LeakyReLU(\n    alpha=0.1)\n${before}swish"))\n`;
    const [leaky, swish] = entries(cli(['scan', 'model.py'], { 'model.py': source }));
    assert.deepEqual(leaky, {
      name: 'leaky_relu',
      line: 2,
      character: 17,
      endLine: 2,
      endCharacter: 26,
      written: 'LeakyReLU',
      flavour: 'keras3',
      api: 'layer',
      symbol: 'keras.layers.LeakyReLU',
      layer: 'LeakyReLU',
      params: { negative_slope: 0.1 },
      implied: {},
      otherArgs: {},
      notes: ['Keras 3 LeakyReLU: `alpha` is deprecated; its value is used as `negative_slope`'],
    });
    // The rocket is two UTF-16 code units, as VS Code counts it.
    assert.equal(before.length, 45);
    assert.deepEqual([swish.name, swish.line, swish.character, swish.endCharacter, swish.keyword, swish.callee], ['silu', 4, 45, 50, 'activation', 'keras.layers.Dense']);
  });

  it('reads keras.* as Keras 2 with --keras 2, and prints non-finite numbers as strings', () => {
    const files = { 'a.py': "tf.keras.activations.relu(x, alpha=0.5, max_value=float('inf'), threshold=-math.inf)" };
    const [relu] = entries(cli(['scan', 'a.py', '--keras', '2'], files));
    assert.equal(relu.flavour, 'keras2');
    assert.deepEqual(relu.params, { negative_slope: 0.5, max_value: 'Infinity', threshold: '-Infinity' });
  });

  it('scans TypeScript and JavaScript by extension, or as told with --language', () => {
    const ts = entries(cli(['scan', 'model.ts'], { 'model.ts': fixture('tfjs_model.ts') }));
    assert.equal(ts.length, 21);
    assert.deepEqual(ts.find((entry) => entry.written === 'gelu_new')?.implied, { approximate: true });
    const js = entries(cli(['scan', 'page.html.txt', '--language', 'javascript'], { 'page.html.txt': 'tf.sigmoid(x)' }));
    assert.deepEqual(js.map((entry) => [entry.name, entry.op, entry.flavour]), [['sigmoid', 'tf.sigmoid', 'tfjs']]);
    assert.deepEqual(entries(cli(['scan', 'x.mjs'], { 'x.mjs': 'tf.sigmoid(x)' })).length, 1);
  });

  it('scans the code cells of a notebook, positions relative to each cell', () => {
    const found = entries(cli(['scan', 'cells.ipynb'], { 'cells.ipynb': fixture('cells.ipynb') }));
    assert.deepEqual(
      found.map((entry) => [entry.cell, entry.line, entry.character, entry.endCharacter, entry.name]),
      [
        [2, 1, 11, 15, 'relu'],
        [2, 2, 14, 19, 'silu'],
        [3, 1, 10, 19, 'leaky_relu'],
      ],
    );
  });

  it('prints an empty array when nothing is named, and ignores a byte-order mark', () => {
    assert.deepEqual(entries(cli(['scan', 'a.py'], { 'a.py': 'print(1)\n' })), []);
    const [gelu] = entries(cli(['scan', 'a.py'], { 'a.py': '\uFEFFkeras.activations.gelu' }));
    assert.equal(gelu.character, 18);
  });

  it('fails with a message and exit code 2 on bad arguments or unreadable files', () => {
    const cases: [string[], Record<string, string>, RegExp][] = [
      [['scan'], {}, /scan needs exactly one file/],
      [['scan', 'a.py', 'b.py'], {}, /scan needs exactly one file/],
      [['scan', 'missing.py'], {}, /cannot read 'missing\.py': ENOENT/],
      [['scan', 'notes.txt'], { 'notes.txt': '' }, /cannot tell the language of 'notes\.txt'.*--language python\|typescript\|javascript\|markdown/],
      [['scan', 'a.py', '--language', 'ruby'], {}, /unknown --language 'ruby'; expected one of: python, typescript, javascript, markdown/],
      [['scan', 'a.ipynb', '--language', 'markdown'], { 'a.ipynb': '{"cells": []}' }, /is a notebook; --language markdown reads Markdown files/],
      [['scan', 'a.py', '--keras', '4'], {}, /--keras must be 2 or 3, got '4'/],
      [['scan', 'a.py', '--frobnicate'], {}, /unknown option --frobnicate/],
      [['scan', 'a.py', '--param', 'x=1'], {}, /scan takes no --param/],
      [['scan', 'broken.ipynb'], { 'broken.ipynb': '{"cells": [' }, /'broken\.ipynb' is not a Jupyter notebook: not valid JSON/],
    ];
    for (const [argv, files, message] of cases) {
      const run = cli(argv, files);
      assert.equal(run.code, 2, argv.join(' '));
      assert.equal(run.stdout, '');
      assert.match(run.stderr, message);
      assert.match(run.stderr, /^error: /);
    }
  });

  describe('as a bundled executable', () => {
    let directory: string;
    let bundle: string;

    before(async function () {
      this.timeout(60000);
      // The same bundle `npm run build` writes to dist/cli.js, built here from the current sources.
      const esbuild = await import('esbuild');
      directory = mkdtempSync(join(tmpdir(), 'activation-lens-cli-'));
      bundle = join(directory, 'cli.js');
      await esbuild.build({
        entryPoints: [fileURLToPath(new URL('../../../src/cli.ts', import.meta.url))],
        outfile: bundle,
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        banner: { js: '#!/usr/bin/env node' },
        logLevel: 'silent',
      });
    });

    after(() => rmSync(directory, { recursive: true, force: true }));

    it('scans a file from disk and exits 2 on a missing one', () => {
      const file = fileURLToPath(new URL('../../fixtures/language/tfjs_global.js', import.meta.url));
      const output = JSON.parse(execFileSync(process.execPath, [bundle, 'scan', file], { encoding: 'utf8' })) as { name: string }[];
      assert.deepEqual(output.map((entry) => entry.name), ['relu', 'relu', 'softmax', 'log_sigmoid', 'elu']);
      const missing = spawnSync(process.execPath, [bundle, 'scan', join(directory, 'missing.py')], { encoding: 'utf8' });
      assert.equal(missing.status, 2);
      assert.match(missing.stderr, /^error: cannot read '.*missing\.py'/);
    });

    it('exits quietly when its reader stops early, as `scan big.py | head` does', async () => {
      const file = join(directory, 'big.py');
      writeFileSync(file, 'Dense(3, activation="relu")\n'.repeat(20_000));
      const child = spawn(process.execPath, [bundle, 'scan', file]);
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.stdout.once('data', () => child.stdout.destroy());
      const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
      assert.equal(stderr, '');
      assert.equal(status, 0);
    });
  });
});
