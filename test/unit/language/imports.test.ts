// The import graph the architecture promises (design/architecture.md): the pure layers import downwards only
// — recognizers and rendering never import each other or the plot panel — and no module imports one that
// imports it back (the CLI's commands take their `CliIo` from cli/args.ts, not from cli.ts).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../../src');

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.ts$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every module a file imports or re-exports from, as paths relative to src/ (without extension). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(/^(?:import|export)\b[^'";]*?from\s+'(\.[^']+)'|^import\s+'(\.[^']+)'/gm)) {
    const target = resolve(dirname(file), match[1] ?? match[2]);
    const candidates = [`${target}.ts`, join(target, 'index.ts'), target];
    const path = candidates.find((candidate) => {
      try {
        return statSync(candidate).isFile();
      } catch {
        return false;
      }
    });
    if (path) found.push(relative(SRC, path).replace(/\.ts$/, '').replace(/\/index$/, ''));
  }
  return found;
}

const graph = new Map(sourceFiles(SRC).map((file) => [relative(SRC, file).replace(/\.ts$/, '').replace(/\/index$/, ''), importsOf(file)]));
const layerOf = (module: string): string => (module.includes('/') ? module.slice(0, module.indexOf('/')) : module);

describe('import graph of src/', () => {
  it('keeps the pure layers pointing down: core ← language, render; render and language never meet', () => {
    const allowed: Readonly<Record<string, readonly string[]>> = {
      core: ['core', 'generated'],
      language: ['language', 'core'],
      render: ['render', 'core', 'commands', 'generated'],
    };
    for (const [module, imports] of graph) {
      const rule = allowed[layerOf(module)];
      if (!rule) continue;
      for (const imported of imports) assert.ok(rule.includes(layerOf(imported)), `${module} imports ${imported}`);
    }
    assert.ok(graph.get('webview/protocol')?.every((imported) => ['core', 'commands'].includes(layerOf(imported))), 'webview/protocol imports only core and commands');
  });

  it('has no module that imports one that imports it back', () => {
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (module: string): void => {
      state.set(module, 'open');
      stack.push(module);
      for (const imported of graph.get(module) ?? []) {
        if (state.get(imported) === 'open') assert.fail(`import cycle: ${[...stack.slice(stack.indexOf(imported)), imported].join(' → ')}`);
        if (!state.has(imported)) visit(imported);
      }
      stack.pop();
      state.set(module, 'done');
    };
    for (const module of graph.keys()) if (!state.has(module)) visit(module);
  });
});
