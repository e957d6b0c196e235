// A small chart of an activation and its dashed derivative as a standalone SVG document: what the hover
// shows for the parameters written at the call site. Colours are baked in (hovers show data-URI images only).
import { AsciiWriter, finiteExtent, formatTick, niceTicks, paddedRange } from './axes';
import { brokenAtJumps, type SampledLine } from './sampledLine';

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
  /**
   * A second function (a hand-written one beside the library's), dashed in the derivative's colour, on its
   * own samples: broken where it jumps (`breaks`) or has no value.
   */
  readonly overlay?: SampledLine;
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
  const svg = drawCurve(series, layout);
  scratch = svg.buffer;
  return svg.text();
}

/** The same document in base64, for a `data:` URI: the document itself is never made a string. */
export function curveSvgBase64(series: CurveSeries, layout: CurveLayout): string {
  const svg = drawCurve(series, layout);
  const base64 = svg.base64();
  scratch = svg.buffer;
  return base64;
}

/** Where the last curve was written: hovers draw one after another, so each starts in the previous one's bytes. */
let scratch: Uint8Array = new Uint8Array(16_384);

function drawCurve(series: CurveSeries, layout: CurveLayout): AsciiWriter {
  const { width, height, colors } = layout;
  const overlay = series.overlay && brokenAtJumps(series.overlay);
  const [xMin, xMax] = finiteExtent([series.x]) ?? [-1, 1];
  const extent = finiteExtent([series.y, ...(series.dy ? [series.dy] : []), ...(overlay ? [overlay.y] : [])]);
  const [yMin, yMax] = paddedRange(extent && [Math.max(extent[0], -Y_LIMIT), Math.min(extent[1], Y_LIMIT)]);
  const plotWidth = width - PADDING.left - PADDING.right;
  const plotHeight = height - PADDING.top - PADDING.bottom;
  const sx = (x: number) => PADDING.left + ((x - xMin) / (xMax - xMin)) * plotWidth;
  const sy = (y: number) => PADDING.top + (1 - (y - yMin) / (yMax - yMin)) * plotHeight;

  const svg = new AsciiWriter(scratch);
  svg.write(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" `);
  svg.write(`font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="9">`);
  const line = (x1: number, y1: number, x2: number, y2: number, color: string, strokeWidth: string): void => {
    svg.write('<line x1="');
    svg.number(x1);
    svg.write('" y1="');
    svg.number(y1);
    svg.write('" x2="');
    svg.number(x2);
    svg.write('" y2="');
    svg.number(y2);
    svg.write('" stroke="');
    svg.write(color);
    svg.write(strokeWidth);
  };
  const curve = (xs: ArrayLike<number>, ys: ArrayLike<number>, color: string, dash?: string): void => {
    svg.write('<path d="');
    svg.path(xs, ys, sx, sy, yMin, yMax);
    svg.write('" fill="none" stroke="');
    svg.write(color);
    svg.write(dash ? `" stroke-width="1.6" stroke-linejoin="round" stroke-dasharray="${dash}"/>` : '" stroke-width="1.6" stroke-linejoin="round"/>');
  };
  const label = (x: number, y: number, content: string, color: string, anchor: 'start' | 'end'): void => {
    svg.write('<text x="');
    svg.number(x);
    svg.write('" y="');
    svg.number(y);
    svg.write('" fill="');
    svg.write(color);
    svg.write(anchor === 'start' ? '" text-anchor="start">' : '" text-anchor="end">');
    svg.write(content);
    svg.write('</text>');
  };
  // Axes through the origin when it is in view, otherwise along the edge.
  const axisX = sy(clamp(0, yMin, yMax));
  const axisY = sx(clamp(0, xMin, xMax));
  line(PADDING.left, axisX, width - PADDING.right, axisX, colors.axis, AXIS_STROKE);
  line(axisY, PADDING.top, axisY, height - PADDING.bottom, colors.axis, AXIS_STROKE);
  for (const yTick of niceTicks(yMin, yMax, 4)) {
    if (yTick !== 0) line(PADDING.left, sy(yTick), width - PADDING.right, sy(yTick), colors.grid, GRID_STROKE);
  }
  if (series.dy) curve(series.x, series.dy, colors.derivative, '4 3');
  curve(series.x, series.y, colors.curve);
  // Drawn over the library's curve, dashed, so both show where they coincide.
  if (overlay) curve(overlay.x, overlay.y, colors.derivative, '5 3');
  const labelY = height - 4;
  label(PADDING.left, labelY, formatTick(xMin), colors.text, 'start');
  label(width - PADDING.right, labelY, formatTick(xMax), colors.text, 'end');
  label(axisY + 3, PADDING.top + 8, formatTick(Number(yMax.toPrecision(3))), colors.text, 'start');
  svg.write('</svg>');
  return svg;
}

const AXIS_STROKE = '" stroke-width="1"/>';
const GRID_STROKE = '" stroke-width="0.5"/>';

const clamp = (value: number, low: number, high: number): number => Math.min(Math.max(value, low), high);
