// Applying fixes to a text, as `check --fix` and Fix All do: every chosen fix whose edits overlap no
// earlier one, in one pass; the caller checks again and repeats, as Ruff does, until nothing changes.
import type { Diagnostic, Fix, TextEdit } from './types';

/** Which fixes a pass applies: safe ones, or unsafe ones too (`--unsafe-fixes`). */
export type FixLevel = 'safe' | 'unsafe';

/** The edits of each diagnostic's first applicable fix that do not overlap one already taken, in text order. */
export function fixAllEdits(diagnostics: readonly Diagnostic[], level: FixLevel = 'safe'): { edits: TextEdit[]; fixed: number } {
  const edits: TextEdit[] = [];
  let fixed = 0;
  for (const diagnostic of diagnostics) {
    const fix = diagnostic.fixes.find((candidate) => applicable(candidate, level));
    if (!fix || fix.edits.some((edit) => edits.some((taken) => overlaps(edit, taken)))) continue;
    edits.push(...fix.edits);
    fixed++;
  }
  edits.sort((a, b) => a.start - b.start);
  return { edits, fixed };
}

const applicable = (fix: Fix, level: FixLevel): boolean => fix.safety === 'safe' || level === 'unsafe';

// Touching edits overlap too: two inserts at one place would be applied in an order nobody chose.
const overlaps = (a: TextEdit, b: TextEdit): boolean => a.start < b.end && b.start < a.end || a.start === b.start;

/** The text with non-overlapping edits applied. */
export function applyFixes(text: string, edits: readonly TextEdit[]): string {
  let result = '';
  let at = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    result += text.slice(at, edit.start) + edit.newText;
    at = edit.end;
  }
  return result + text.slice(at);
}
