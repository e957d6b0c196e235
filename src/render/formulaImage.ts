// Formulas as standalone SVG, assembled from the build-time MathJax typesetting (src/generated/formulas.json,
// written by scripts/typeset-formulas.ts). Hovers show them as data-URI images with the theme's colour
// baked in (hovers render neither inline SVG nor CSS); the plot panel inlines them with currentColor.
import typesetCatalog from '../generated/formulas.json';

/** What the typesetting step stores: glyph outlines once, and per formula its layout referring to them. */
export interface TypesetCatalog {
  glyphs: Record<string, string>;
  formulas: Record<string, { viewBox: number[]; glyphs: string[]; body: string }>;
}

const TYPESET: TypesetCatalog = typesetCatalog;

/** MathJax lays formulas out in units of 1/1000 em. */
const UNITS_PER_EM = 1000;

export interface FormulaSvg {
  readonly svg: string;
  readonly width: number;
  readonly height: number;
}

/**
 * The formula as a standalone SVG document sized for a font of `emPixels`, drawn in `color`
 * (any SVG paint; `currentColor` to inherit). Undefined when the LaTeX was not in the catalog at build time.
 */
export function formulaSvg(latex: string, color: string, emPixels = 16): FormulaSvg | undefined {
  const formula = TYPESET.formulas[latex];
  if (!formula) return undefined;
  const [, , boxWidth, boxHeight] = formula.viewBox;
  const width = round((boxWidth / UNITS_PER_EM) * emPixels);
  const height = round((boxHeight / UNITS_PER_EM) * emPixels);
  const defs = formula.glyphs.map((id) => `<path id="${id}" d="${TYPESET.glyphs[id]}"/>`).join('');
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${formula.viewBox.join(' ')}">` +
    `<defs>${defs}</defs><g fill="${color}" stroke="${color}" stroke-width="0" transform="scale(1,-1)">${formula.body}</g></svg>`;
  return { svg, width, height };
}

const round = (value: number): number => Math.round(value * 10) / 10;

/** A markdown image of an SVG document given in base64, as a `data:` URI (which every markdown renderer accepts in image links). */
export const svgImageMarkdown = (alt: string, svgBase64: string): string => `![${alt}](data:image/svg+xml;base64,${svgBase64})`;
