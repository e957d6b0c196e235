// Build step: typesets every formula in the activation catalog with MathJax (TeX → SVG paths) and writes
// src/generated/formulas.json. The extension then draws formulas without shipping MathJax: glyph outlines
// are stored once and each formula keeps only its layout, referring to glyphs by id.
import MathJax from '@mathjax/src';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ACTIVATIONS, type Formula } from '../src/core/catalog';
import type { TypesetCatalog } from '../src/render/formulaImage';

const OUTPUT = new URL('../src/generated/formulas.json', import.meta.url);

function catalogLatex(): string[] {
  const formulas = new Set<string>();
  const add = (formula: Formula | null | undefined) => formula && formulas.add(formula.latex);
  for (const spec of ACTIVATIONS) {
    [spec.formula, spec.derivative, spec.range].forEach(add);
    for (const variant of [spec.keras2, spec.tfjs]) [variant?.formula, variant?.derivative].forEach(add);
    for (const form of spec.forms ?? []) [form.formula, form.derivative].forEach(add);
  }
  return [...formulas];
}

async function typeset(latexList: readonly string[]): Promise<TypesetCatalog> {
  await MathJax.init({
    loader: { load: ['input/tex', 'output/svg'] },
    tex: { packages: { '[+]': ['ams'] } },
    svg: { fontCache: 'local' },
  });
  const adaptor = MathJax.startup.adaptor;
  const catalog: TypesetCatalog = { glyphs: {}, formulas: {} };
  for (const latex of latexList) {
    const container = await MathJax.tex2svgPromise(latex, { display: true });
    const svg: string = adaptor.serializeXML(adaptor.firstChild(container));
    if (svg.includes('data-mjx-error') || svg.includes('merror')) throw new Error(`MathJax could not typeset: ${latex}`);
    const viewBox = /viewBox="([^"]+)"/.exec(svg)?.[1].split(' ').map(Number);
    if (!viewBox || viewBox.length !== 4) throw new Error(`no viewBox in the SVG for: ${latex}`);
    const used = new Set<string>();
    for (const [, id, path] of svg.matchAll(/<path id="MJX-\d+-([^"]+)" d="([^"]*)"\/>/g)) {
      catalog.glyphs[id] = path;
      used.add(id);
    }
    const body = /<g stroke="currentColor"[^>]*>([\s\S]*)<\/g><\/svg>$/.exec(svg)?.[1];
    if (body === undefined) throw new Error(`unexpected SVG structure for: ${latex}`);
    catalog.formulas[latex] = {
      viewBox,
      glyphs: [...used],
      body: body
        .replace(/ data-[a-z-]+="[^"]*"/g, '')
        .replace(/xlink:href="#MJX-\d+-/g, 'href="#')
        .replace(/<g( transform="[^"]*")?\/>/g, '')
        .replace(/<g>([\s\S]*?)<\/g>/g, (whole, inner: string) => (inner.includes('<g') ? whole : inner)),
    };
  }
  return catalog;
}

async function main(): Promise<void> {
  const catalog = await typeset(catalogLatex());
  mkdirSync(dirname(OUTPUT.pathname), { recursive: true });
  writeFileSync(OUTPUT, JSON.stringify(catalog));
  // Types for the JSON import, so the compiler need not infer them from 100 kB of data.
  writeFileSync(
    new URL('formulas.d.json.ts', OUTPUT),
    "declare const catalog: import('../render/formulaImage').TypesetCatalog;\nexport default catalog;\n",
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
