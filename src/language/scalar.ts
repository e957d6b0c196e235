// One parameter value as a person types it (the CLI's `--param k=v`, the evaluator's input boxes): a signed
// number literal as Python or JavaScript writes it (`0.1`, `1_000`, `-1e-3`, `0x1F`), `inf`/`nan` as typed
// into a box (not Python's `float('inf')`, which pythonFloatFromString reads), True/False, None/null.
import { parseNumberLiteral } from './reference';

/** The value, or undefined when the text is none of these. */
export function parseScalar(text: string): number | boolean | null | undefined {
  const trimmed = text.trim();
  if (/^(true|false)$/i.test(trimmed)) return trimmed.toLowerCase() === 'true';
  if (/^(none|null)$/i.test(trimmed)) return null;
  if (/^nan$/i.test(trimmed)) return NaN;
  if (/^[+-]?inf(inity)?$/i.test(trimmed)) return trimmed.startsWith('-') ? -Infinity : Infinity;
  const magnitude = parseNumberLiteral(trimmed.replace(/^[+-]/, ''));
  return magnitude === undefined ? undefined : trimmed.startsWith('-') ? -magnitude : magnitude;
}
