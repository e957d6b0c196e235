// What "Export" writes, built from the plotted data alone (no DOM, no canvas), so the files are tested in
// plain Node: the sampled points as CSV, and the chart as a standalone SVG with the theme's colours baked
// in. The PNG is this SVG rasterised in the webview.
import { shortestDecimal } from '../render/numpyFloat';
import { finiteExtent, formatTick, niceStep, niceTicks, paddedRange, polylinePath, svgNumber } from '../render/axes';
import { escapeAttribute, escapeText } from '../render/markup';
import { brokenAtJumps, valueOnLine } from '../render/sampledLine';
import type { PlotMarks } from './protocol';

export interface CsvColumn {
  readonly header: string;
  /** `null`: no value in this row (an empty field). */
  readonly values: ArrayLike<number | null>;
  /** `float64` for values computed in double (a hand-written function): written with a double's shortest digits. */
  readonly precision?: 'float32' | 'float64';
}

/**
 * The columns as CSV (RFC 4180 quoting, `\n` line ends): one row per sample, float32 values written with
 * the shortest digits that read back as the same float32 (float64 columns: the same double), non-finite
 * values as `nan`, `inf`, `-inf`, and no value as an empty field.
 */
export function plotCsv(columns: readonly CsvColumn[]): string {
  if (columns.length === 0) return '';
  const rows = Math.max(...columns.map((column) => column.values.length));
  const lines = [columns.map((column) => csvField(column.header)).join(',')];
  const field = (column: CsvColumn, i: number): string => {
    const value = i < column.values.length ? column.values[i] : null;
    if (value === null) return '';
    // Number#toString is the shortest round-trip double, in the positional/exponent forms shortestDecimal copies.
    return column.precision === 'float64' && Number.isFinite(value) ? String(value) : shortestDecimal(value);
  };
  for (let i = 0; i < rows; i++) lines.push(columns.map((column) => field(column, i)).join(','));
  return `${lines.join('\n')}\n`;
}

/**
 * The CSV the panel exports: x on the panel's grid (the view's evenly spaced float32 samples), a column per
 * activation curve and derivative on that grid, then a column per sampled function (a hand-written one,
 * marks of style `line`) read off its line at each x — its own value where x is one of its samples, linear
 * between two joined samples, empty where it has none (outside its samples, where it raised or was not
 * finite, across a jump). Evaluated points (style `points`) are not a function of the grid and are left out.
 */
export function plotCsvOf(
  x: ArrayLike<number>,
  lines: readonly { readonly label: string; readonly values: ArrayLike<number> }[],
  marks: readonly Pick<PlotMarks, 'name' | 'style' | 'x' | 'y' | 'breaks'>[],
): string {
  const sampled = marks.filter((set) => set.style === 'line');
  return plotCsv([
    { header: 'x', values: x },
    ...lines.map(({ label, values }) => ({ header: label, values })),
    ...sampled.map((set): CsvColumn => ({ header: set.name, values: Array.from(x, (at) => valueOnLine(set, at)), precision: 'float64' })),
  ]);
}

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export interface FigureTheme {
  readonly background: string;
  readonly foreground: string;
  /** Secondary text: tick labels. */
  readonly muted: string;
  readonly grid: string;
  readonly axis: string;
  readonly fontFamily: string;
  /** Curve width in px (thicker in high contrast). */
  readonly lineWidth: number;
}

export interface FigureSeries {
  readonly label: string;
  readonly color: string;
  readonly dashed: boolean;
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
}

export interface FigureMarks {
  readonly label: string;
  readonly color: string;
  /** Joined into a curve rather than drawn as dots. */
  readonly line: boolean;
  readonly x: readonly number[];
  readonly y: readonly (number | null)[];
  /** For a line: i where sample i and i + 1 are not joined (a jump). */
  readonly breaks?: readonly number[];
}

export interface Figure {
  readonly width: number;
  /** Height of the title, plot and x-axis; the legend adds its own rows below. */
  readonly height: number;
  readonly title?: string;
  readonly domain: readonly [number, number];
  /** Defaults to the padded extent of the series and marks. */
  readonly yRange?: readonly [number, number];
  readonly series: readonly FigureSeries[];
  readonly marks: readonly FigureMarks[];
  readonly theme: FigureTheme;
}

/** A derivative's dashes, on and off in px, shared by the live chart and the exports. */
export const dashPattern = (lineWidth: number): [number, number] => [lineWidth * 3, lineWidth * 2];

const MARGIN = { left: 64, right: 24, top: 16, bottom: 40 };
const LEGEND_ROW = 22;
const LEGEND_COLUMN = 340;

/** The figure as a standalone SVG document (a title, gridlines, axes, curves clipped to the plot, a legend). */
export function plotSvg(figure: Figure): string {
  const { width, theme } = figure;
  // An even number of legend columns keeps a curve and its derivative (listed one after the other) side by side.
  const fit = Math.max(1, Math.floor((width - MARGIN.left - MARGIN.right) / LEGEND_COLUMN));
  const columns = fit >= 2 ? fit - (fit % 2) : 1;
  const entries = [...figure.series.map((s) => ({ ...s, kind: 'line' as const })), ...figure.marks.map((m) => (m.line ? { ...m, kind: 'line' as const, dashed: false } : { ...m, kind: 'marks' as const }))];
  const legendHeight = entries.length ? Math.ceil(entries.length / columns) * LEGEND_ROW + 12 : 0;
  const titleHeight = figure.title ? 28 : 0;
  const height = Math.max(figure.height, titleHeight + MARGIN.top + 120 + MARGIN.bottom) + legendHeight;
  const plot = {
    left: MARGIN.left,
    top: MARGIN.top + titleHeight,
    right: width - MARGIN.right,
    bottom: height - MARGIN.bottom - legendHeight,
  };
  const [x0, x1] = figure.domain;
  const [y0, y1] = figure.yRange ?? paddedRange(finiteExtent([...figure.series.map((s) => s.y), ...figure.marks.map((m) => m.y)]));
  const sx = (x: number) => plot.left + ((x - x0) / (x1 - x0)) * (plot.right - plot.left);
  const sy = (y: number) => plot.bottom - ((y - y0) / (y1 - y0)) * (plot.bottom - plot.top);
  // Butt caps on dashes: round ones would grow each dash by a line width into its gaps.
  const dash = ` stroke-dasharray="${dashPattern(theme.lineWidth).map(fixed).join(' ')}" stroke-linecap="butt"`;
  const parts: string[] = [];

  parts.push(`<rect width="${width}" height="${height}" fill="${escapeAttribute(theme.background)}"/>`);
  if (figure.title) {
    parts.push(`<text x="${plot.left}" y="${MARGIN.top + 16}" font-size="15" font-weight="600" fill="${escapeAttribute(theme.foreground)}">${escapeText(figure.title)}</text>`);
  }

  // Grid and tick labels.
  const xStep = niceStep((x1 - x0) / 8);
  const yStep = niceStep((y1 - y0) / 6);
  const grid: string[] = [];
  const labels: string[] = [];
  for (const tick of niceTicks(x0, x1, 8)) {
    const px = fixed(sx(tick));
    grid.push(`M${px} ${fixed(plot.top)}V${fixed(plot.bottom)}`);
    labels.push(`<text x="${px}" y="${fixed(plot.bottom + 16)}" text-anchor="middle">${escapeText(formatTick(tick, xStep))}</text>`);
  }
  for (const tick of niceTicks(y0, y1, 6)) {
    const py = fixed(sy(tick));
    grid.push(`M${fixed(plot.left)} ${py}H${fixed(plot.right)}`);
    labels.push(`<text x="${fixed(plot.left - 8)}" y="${py}" text-anchor="end" dominant-baseline="middle">${escapeText(formatTick(tick, yStep))}</text>`);
  }
  parts.push(`<path d="${grid.join('')}" stroke="${escapeAttribute(theme.grid)}" stroke-width="1" fill="none"/>`);
  // Axes through the origin when it is in view.
  const zero: string[] = [];
  if (y0 < 0 && y1 > 0) zero.push(`M${fixed(plot.left)} ${fixed(sy(0))}H${fixed(plot.right)}`);
  if (x0 < 0 && x1 > 0) zero.push(`M${fixed(sx(0))} ${fixed(plot.top)}V${fixed(plot.bottom)}`);
  if (zero.length) parts.push(`<path d="${zero.join('')}" stroke="${escapeAttribute(theme.axis)}" stroke-width="1.25" fill="none"/>`);
  parts.push(
    `<rect x="${fixed(plot.left)}" y="${fixed(plot.top)}" width="${fixed(plot.right - plot.left)}" height="${fixed(plot.bottom - plot.top)}" ` +
      `fill="none" stroke="${escapeAttribute(theme.axis)}" stroke-width="1"/>`,
  );
  parts.push(`<g font-size="11" fill="${escapeAttribute(theme.muted)}">${labels.join('')}</g>`);
  parts.push(`<text x="${fixed(plot.right)}" y="${fixed(plot.bottom + 32)}" text-anchor="end" font-size="12" font-style="italic" fill="${escapeAttribute(theme.foreground)}">x</text>`);

  // Curves and marks, clipped to the plot area.
  const curves: string[] = [];
  for (const series of figure.series) {
    const d = polylinePath(series.x, series.y, sx, sy, y0, y1);
    if (!d) continue;
    curves.push(
      `<path d="${d}" fill="none" stroke="${escapeAttribute(series.color)}" stroke-width="${theme.lineWidth}" stroke-linejoin="round"` +
        `${series.dashed ? dash : ' stroke-linecap="round"'}/>`,
    );
  }
  for (const marks of figure.marks) {
    if (marks.line) {
      const line = brokenAtJumps(marks);
      const d = polylinePath(line.x, line.y, sx, sy, y0, y1);
      if (d) curves.push(`<path d="${d}" fill="none" stroke="${escapeAttribute(marks.color)}" stroke-width="${theme.lineWidth}" stroke-linejoin="round" stroke-linecap="round"/>`);
      continue;
    }
    for (let i = 0; i < marks.x.length; i++) {
      const y = marks.y[i];
      if (y === null || y === undefined || !Number.isFinite(y)) continue;
      curves.push(`<circle cx="${fixed(sx(marks.x[i]))}" cy="${fixed(sy(y))}" r="4" fill="${escapeAttribute(marks.color)}" stroke="${escapeAttribute(theme.background)}" stroke-width="1.5"/>`);
    }
  }
  parts.push(
    `<clipPath id="plot-area"><rect x="${fixed(plot.left)}" y="${fixed(plot.top)}" width="${fixed(plot.right - plot.left)}" height="${fixed(plot.bottom - plot.top)}"/></clipPath>`,
    `<g clip-path="url(#plot-area)">${curves.join('')}</g>`,
  );

  // Legend below the x-axis labels.
  const legend: string[] = [];
  entries.forEach((entry, index) => {
    const x = plot.left + (index % columns) * LEGEND_COLUMN;
    const y = plot.bottom + MARGIN.bottom + 6 + Math.floor(index / columns) * LEGEND_ROW;
    const swatch =
      entry.kind === 'line'
        ? `<path d="M${x} ${y}h28" stroke="${escapeAttribute(entry.color)}" stroke-width="${theme.lineWidth}"${entry.dashed ? dash : ''}/>`
        : `<circle cx="${x + 14}" cy="${y}" r="4" fill="${escapeAttribute(entry.color)}"/>`;
    legend.push(`${swatch}<text x="${x + 36}" y="${y}" dominant-baseline="middle">${escapeText(entry.label)}</text>`);
  });
  if (legend.length) parts.push(`<g font-size="12" fill="${escapeAttribute(theme.foreground)}">${legend.join('')}</g>`);

  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
    `font-family="${escapeAttribute(theme.fontFamily)}">${parts.join('')}</svg>`
  );
}

const fixed = svgNumber;

