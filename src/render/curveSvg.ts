// A small chart of an activation and its dashed derivative as a standalone SVG document: what the hover
// shows for the parameters written at the call site. Colours are baked in (hovers show data-URI images only).
import { finiteExtent, formatTick, niceTicks, paddedRange, polylinePath, svgNumber } from './axes';
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
  const { width, height, colors } = layout;
  const overlay = series.overlay && brokenAtJumps(series.overlay);
  const [xMin, xMax] = finiteExtent([series.x]) ?? [-1, 1];
  const extent = finiteExtent([series.y, ...(series.dy ? [series.dy] : []), ...(overlay ? [overlay.y] : [])]);
  const [yMin, yMax] = paddedRange(extent && [Math.max(extent[0], -Y_LIMIT), Math.min(extent[1], Y_LIMIT)]);
  const plotWidth = width - PADDING.left - PADDING.right;
  const plotHeight = height - PADDING.top - PADDING.bottom;
  const sx = (x: number) => PADDING.left + ((x - xMin) / (xMax - xMin)) * plotWidth;
  const sy = (y: number) => PADDING.top + (1 - (y - yMin) / (yMax - yMin)) * plotHeight;

  // One join makes the document one flat string: a concatenation around it would be copied again when read.
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
      `font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="9">`,
  ];
  // Axes through the origin when it is in view, otherwise along the edge.
  const axisX = sy(clamp(0, yMin, yMax));
  const axisY = sx(clamp(0, xMin, xMax));
  parts.push(line(PADDING.left, axisX, width - PADDING.right, axisX, colors.axis, 1));
  parts.push(line(axisY, PADDING.top, axisY, height - PADDING.bottom, colors.axis, 1));
  for (const yTick of niceTicks(yMin, yMax, 4)) {
    if (yTick !== 0) parts.push(line(PADDING.left, sy(yTick), width - PADDING.right, sy(yTick), colors.grid, 0.5));
  }
  if (series.dy) parts.push(curvePath(polylinePath(series.x, series.dy, sx, sy, yMin, yMax), colors.derivative, '4 3'));
  parts.push(curvePath(polylinePath(series.x, series.y, sx, sy, yMin, yMax), colors.curve));
  // Drawn over the library's curve, dashed, so both show where they coincide.
  if (overlay) parts.push(curvePath(polylinePath(overlay.x, overlay.y, sx, sy, yMin, yMax), colors.derivative, '5 3'));
  const labelY = height - 4;
  parts.push(text(PADDING.left, labelY, formatTick(xMin), colors.text, 'start'));
  parts.push(text(width - PADDING.right, labelY, formatTick(xMax), colors.text, 'end'));
  parts.push(text(axisY + 3, PADDING.top + 8, formatTick(Number(yMax.toPrecision(3))), colors.text, 'start'), '</svg>');
  return parts.join('');
}

const curvePath = (d: string, color: string, dash?: string): string =>
  `<path d="${d}" fill="none" stroke="${color}" stroke-width="1.6" stroke-linejoin="round"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`;

const line = (x1: number, y1: number, x2: number, y2: number, color: string, width: number): string =>
  `<line x1="${svgNumber(x1)}" y1="${svgNumber(y1)}" x2="${svgNumber(x2)}" y2="${svgNumber(y2)}" stroke="${color}" stroke-width="${width}"/>`;

// Labels' non-ASCII characters (the true minus) as character references keep the document ASCII, which
// the data URI then encodes without a UTF-8 pass.
const text = (x: number, y: number, content: string, color: string, anchor: 'start' | 'end'): string =>
  `<text x="${svgNumber(x)}" y="${svgNumber(y)}" fill="${color}" text-anchor="${anchor}">${asciiXml(content)}</text>`;

const asciiXml = (content: string): string => content.replace(/[^\x00-\x7f]/gu, (character) => `&#${character.codePointAt(0)};`);

const clamp = (value: number, low: number, high: number): number => Math.min(Math.max(value, low), high);
