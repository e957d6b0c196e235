// A small chart of an activation and its dashed derivative as a standalone SVG document: what the hover
// shows for the parameters written at the call site. Colours are baked in (hovers show data-URI images only).

export interface CurveColors {
  readonly curve: string;
  readonly derivative: string;
  readonly axis: string;
  readonly grid: string;
  readonly text: string;
}

export interface CurveSeries {
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  readonly dy?: ArrayLike<number>;
}

export interface CurveLayout {
  readonly width: number;
  readonly height: number;
  readonly colors: CurveColors;
}

const PADDING = { left: 6, right: 6, top: 8, bottom: 16 };

/** Outputs larger than this (in either direction) are clipped so one huge value cannot flatten the curve. */
const Y_LIMIT = 1e6;

export function curveSvg(series: CurveSeries, layout: CurveLayout): string {
  const { width, height, colors } = layout;
  const [xMin, xMax] = extent([series.x]);
  const [yLow, yHigh] = extent(series.dy ? [series.y, series.dy] : [series.y]);
  const [yMin, yMax] = padRange(Math.max(yLow, -Y_LIMIT), Math.min(yHigh, Y_LIMIT));
  const plotWidth = width - PADDING.left - PADDING.right;
  const plotHeight = height - PADDING.top - PADDING.bottom;
  const sx = (x: number) => PADDING.left + ((x - xMin) / (xMax - xMin)) * plotWidth;
  const sy = (y: number) => PADDING.top + (1 - (y - yMin) / (yMax - yMin)) * plotHeight;

  const parts: string[] = [];
  // Axes through the origin when it is in view, otherwise along the edge.
  const axisX = sy(clamp(0, yMin, yMax));
  const axisY = sx(clamp(0, xMin, xMax));
  parts.push(line(PADDING.left, axisX, width - PADDING.right, axisX, colors.axis, 1));
  parts.push(line(axisY, PADDING.top, axisY, height - PADDING.bottom, colors.axis, 1));
  for (const yTick of niceTicks(yMin, yMax)) {
    if (yTick !== 0) parts.push(line(PADDING.left, sy(yTick), width - PADDING.right, sy(yTick), colors.grid, 0.5));
  }
  if (series.dy) parts.push(path(series.x, series.dy, sx, sy, yMin, yMax, colors.derivative, '4 3'));
  parts.push(path(series.x, series.y, sx, sy, yMin, yMax, colors.curve));
  const labelY = height - 4;
  parts.push(text(PADDING.left, labelY, formatTick(xMin), colors.text, 'start'));
  parts.push(text(width - PADDING.right, labelY, formatTick(xMax), colors.text, 'end'));
  parts.push(text(axisY + 3, PADDING.top + 8, formatTick(yMax), colors.text, 'start'));

  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
    `font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="9">${parts.join('')}</svg>`
  );
}

function path(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  sx: (x: number) => number,
  sy: (y: number) => number,
  yMin: number,
  yMax: number,
  color: string,
  dash?: string,
): string {
  // Non-finite points break the line; values beyond the view are clamped just outside it.
  let d = '';
  let pen = false;
  for (let i = 0; i < xs.length; i++) {
    const y = ys[i];
    if (!Number.isFinite(y)) {
      pen = false;
      continue;
    }
    const span = yMax - yMin;
    const shown = clamp(y, yMin - span, yMax + span);
    d += `${pen ? 'L' : 'M'}${fixed(sx(xs[i]))} ${fixed(sy(shown))}`;
    pen = true;
  }
  const dashing = dash ? ` stroke-dasharray="${dash}"` : '';
  return `<path d="${d}" fill="none" stroke="${color}" stroke-width="1.6" stroke-linejoin="round"${dashing}/>`;
}

const line = (x1: number, y1: number, x2: number, y2: number, color: string, width: number): string =>
  `<line x1="${fixed(x1)}" y1="${fixed(y1)}" x2="${fixed(x2)}" y2="${fixed(y2)}" stroke="${color}" stroke-width="${width}"/>`;

const text = (x: number, y: number, content: string, color: string, anchor: 'start' | 'end'): string =>
  `<text x="${fixed(x)}" y="${fixed(y)}" fill="${color}" text-anchor="${anchor}">${content}</text>`;

const fixed = (value: number): string => (Math.round(value * 10) / 10).toString();

const clamp = (value: number, low: number, high: number): number => Math.min(Math.max(value, low), high);

function extent(arrays: readonly ArrayLike<number>[]): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (const values of arrays) {
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (!Number.isFinite(value)) continue;
      if (value < low) low = value;
      if (value > high) high = value;
    }
  }
  return low <= high ? [low, high] : [-1, 1];
}

/** Adds a margin and makes a flat curve visible. */
function padRange(low: number, high: number): [number, number] {
  if (high - low < 1e-9) return [low - 1, high + 1];
  const margin = (high - low) * 0.08;
  return [low - margin, high + margin];
}

/** Round tick positions (1, 2 or 5 times a power of ten) inside [low, high]. */
export function niceTicks(low: number, high: number, target = 4): number[] {
  const rough = (high - low) / target;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= rough) ?? 10 * power;
  const ticks: number[] = [];
  for (let tick = Math.ceil(low / step) * step; tick <= high; tick += step) ticks.push(Math.round(tick / step) * step);
  return ticks;
}

function formatTick(value: number): string {
  const rounded = Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2);
  return rounded.replace(/\.?0+$/, '').replace('-', '−');
}
