// Series colours that stay apart and stay readable in every theme. VS Code's `charts.*` colours come first
// (themes tune them), but some themes repeat one (High Contrast Light draws charts.blue and charts.orange
// in the same navy) or pick one too faint for the background (charts.orange on black). So candidates are
// kept only when they contrast with the background (WCAG 1.4.11: 3:1 for graphics, 4.5:1 in high contrast)
// and differ visibly (CIELAB ΔE) from every colour already chosen; curated lists per theme kind fill the gaps.

/** VS Code's theme kinds, as the webview's body class names them (`vscode-high-contrast-light`). */
export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

export const isHighContrast = (kind: ThemeKind): boolean => kind === 'high-contrast' || kind === 'high-contrast-light';
export const isDark = (kind: ThemeKind): boolean => kind === 'dark' || kind === 'high-contrast';

/** Fallbacks per theme kind, each list readable on that kind's usual background. */
const FALLBACK_COLOURS: Readonly<Record<ThemeKind, readonly string[]>> = {
  dark: ['#3794ff', '#e5a05a', '#89d185', '#c586c0', '#f48771', '#dcdcaa', '#4ec9b0', '#d16d9e', '#9cdcfe'],
  light: ['#005fb8', '#c55a00', '#388a34', '#8e44ad', '#c72e2e', '#8a6d00', '#0b7a7a', '#b1359b', '#4a4a4a'],
  'high-contrast': ['#3ff2ff', '#ffd000', '#6bff6b', '#ff9d3b', '#e39cff', '#ff7a9c', '#7fb2ff', '#ffffff'],
  'high-contrast-light': ['#0f4a85', '#b5200d', '#1d6e1d', '#6a1b9a', '#8c4a00', '#005b70', '#a3006b', '#000000'],
};

/** Parses `#rgb`, `#rrggbb` or `rgb()/rgba()` into 0–255 channels; undefined otherwise. */
export function parseColour(colour: string): [number, number, number] | undefined {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour.trim());
  if (hex) {
    const digits = hex[1].length === 3 ? [...hex[1]].map((d) => d + d).join('') : hex[1];
    return [0, 2, 4].map((i) => Number.parseInt(digits.slice(i, i + 2), 16)) as [number, number, number];
  }
  const rgb = /^rgba?\(\s*(\d+(?:\.\d+)?)[\s,]+(\d+(?:\.\d+)?)[\s,]+(\d+(?:\.\d+)?)/i.exec(colour.trim());
  return rgb ? [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])] : undefined;
}

const linear = (channel: number): number => {
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};

/** WCAG relative luminance. */
function luminance([r, g, b]: readonly number[]): number {
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG contrast ratio, 1 … 21. */
export function contrastRatio(a: readonly number[], b: readonly number[]): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (high + 0.05) / (low + 0.05);
}

function lab([r, g, b]: readonly number[]): [number, number, number] {
  const [lr, lg, lb] = [linear(r), linear(g), linear(b)];
  const x = (0.4124 * lr + 0.3576 * lg + 0.1805 * lb) / 0.95047;
  const y = 0.2126 * lr + 0.7152 * lg + 0.0722 * lb;
  const z = (0.0193 * lr + 0.1192 * lg + 0.9505 * lb) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

/** CIELAB ΔE*76: about 2.3 is just noticeable; 20 and more reads as a different colour at a glance. */
export function colourDistance(a: readonly number[], b: readonly number[]): number {
  const [l1, a1, b1] = lab(a);
  const [l2, a2, b2] = lab(b);
  return Math.hypot(l1 - l2, a1 - a2, b1 - b2);
}

const MIN_DISTANCE = 20;

/**
 * Up to `count` colours from `candidates` (theme colours first) then the kind's fallbacks, each readable on
 * `background` and distinct from those before it. Unparseable candidates are skipped.
 */
export function choosePalette(candidates: readonly string[], background: string, kind: ThemeKind, count = 8): string[] {
  const minContrast = isHighContrast(kind) ? 4.5 : 3;
  const back = parseColour(background) ?? (isDark(kind) ? [30, 30, 30] : [255, 255, 255]);
  const chosen: { colour: string; rgb: [number, number, number] }[] = [];
  const consider = (colour: string, strict: boolean) => {
    if (chosen.length >= count) return;
    const rgb = parseColour(colour);
    if (!rgb) return;
    if (strict && contrastRatio(rgb, back) < minContrast) return;
    if (chosen.some((other) => other.colour === colour || (strict && colourDistance(other.rgb, rgb) < MIN_DISTANCE))) return;
    chosen.push({ colour, rgb });
  };
  for (const colour of [...candidates, ...FALLBACK_COLOURS[kind]]) consider(colour, true);
  // A background no fallback suits (an unusual custom theme): relax rather than run short.
  for (const colour of [...candidates, ...FALLBACK_COLOURS[kind]]) consider(colour, false);
  return chosen.map((item) => item.colour);
}
