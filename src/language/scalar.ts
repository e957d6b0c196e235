// One parameter value as a person types it (the CLI's `--param k=v`, the evaluator's input boxes): a number
// as Python or JavaScript writes it (`0.1`, `1_000`, `1e-3`, `-inf`, `nan`), True/False, None/null.

/** The value, or undefined when the text is none of these. */
export function parseScalar(text: string): number | boolean | null | undefined {
  const trimmed = text.trim();
  if (/^(true|false)$/i.test(trimmed)) return trimmed.toLowerCase() === 'true';
  if (/^(none|null)$/i.test(trimmed)) return null;
  if (/^nan$/i.test(trimmed)) return NaN;
  if (/^[+-]?inf(inity)?$/i.test(trimmed)) return trimmed.startsWith('-') ? -Infinity : Infinity;
  if (!/^[+-]?\.?\d/.test(trimmed)) return undefined;
  const number = Number(trimmed.replace(/(\d)_(?=\d)/g, '$1'));
  return Number.isNaN(number) ? undefined : number;
}
