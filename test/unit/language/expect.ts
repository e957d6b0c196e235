// Test helpers for the recognizers: fixtures by name, and expectations that pin a reference by the line it
// is on and the exact text that names it, so every range is checked to the character.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { ActivationReference } from '../../../src/language';
import { lineStarts, positionAt } from '../../../src/language';

export function fixture(name: string): string {
  return readFileSync(new URL(`../../fixtures/language/${name}`, import.meta.url), 'utf8');
}

export interface Expected {
  /** 1-based line of the naming text, as an editor shows it. */
  readonly line: number;
  /** The naming text; its first occurrence on the line unless `nth` says otherwise (1-based). */
  readonly at: string;
  readonly nth?: number;
  readonly name: string;
  readonly flavour: ActivationReference['flavour'];
  readonly api: ActivationReference['api'];
  /** Always compared: {} when omitted. */
  readonly params?: ActivationReference['params'];
  readonly implied?: ActivationReference['implied'];
  readonly otherArgs?: ActivationReference['otherArgs'];
  readonly keyword?: string;
  readonly callee?: string;
  readonly layer?: string;
  readonly symbol?: string;
  /** Each note must match one pattern, in order; no notes when omitted. */
  readonly notes?: readonly RegExp[];
}

/** The offset range of `at` on a 1-based line. */
export function rangeOf(text: string, line: number, at: string, nth = 1): { start: number; end: number } {
  const starts = lineStarts(text);
  const lineStart = starts[line - 1];
  const lineEnd = line < starts.length ? starts[line] : text.length;
  let from = lineStart;
  let index = -1;
  for (let k = 0; k < nth; k++) {
    index = text.indexOf(at, from);
    from = index + 1;
  }
  assert.ok(index >= lineStart && index + at.length <= lineEnd, `'${at}' (#${nth}) is not on line ${line}: ${JSON.stringify(text.slice(lineStart, lineEnd))}`);
  return { start: index, end: index + at.length };
}

/** Asserts that `references` are exactly `expected`, in order. */
export function expectReferences(text: string, references: readonly ActivationReference[], expected: readonly Expected[]): void {
  const starts = lineStarts(text);
  const describe = (reference: ActivationReference): string => {
    const { line, character } = positionAt(starts, reference.start);
    return `${reference.name} '${reference.written}' at ${line + 1}:${character}`;
  };
  const count = Math.max(references.length, expected.length);
  for (let k = 0; k < count; k++) {
    const reference = references[k];
    const want = expected[k];
    assert.ok(reference, `missing reference #${k + 1}: ${want && `${want.name} '${want.at}' on line ${want.line}`}`);
    assert.ok(want, `unexpected reference #${k + 1}: ${describe(reference)}`);
    const where = `reference #${k + 1} (${describe(reference)})`;
    const { start, end } = rangeOf(text, want.line, want.at, want.nth);
    assert.deepEqual({ start: reference.start, end: reference.end }, { start, end }, `${where}: range`);
    assert.equal(reference.written, want.at, `${where}: written`);
    assert.equal(reference.name, want.name, `${where}: name`);
    assert.equal(reference.spec.name, want.name, `${where}: spec`);
    assert.equal(reference.flavour, want.flavour, `${where}: flavour`);
    assert.equal(reference.api, want.api, `${where}: api`);
    assert.deepEqual(reference.params, want.params ?? {}, `${where}: params`);
    if (want.implied) assert.deepEqual(reference.implied, want.implied, `${where}: implied`);
    assert.deepEqual(reference.otherArgs, want.otherArgs ?? {}, `${where}: otherArgs`);
    if (want.keyword !== undefined) assert.equal(reference.keyword, want.keyword, `${where}: keyword`);
    if (want.callee !== undefined) assert.equal(reference.callee, want.callee, `${where}: callee`);
    if (want.symbol !== undefined) assert.equal(reference.symbol, want.symbol, `${where}: symbol`);
    assert.equal(reference.layer?.name, want.layer, `${where}: layer`);
    const notes = want.notes ?? [];
    assert.equal(reference.notes.length, notes.length, `${where}: notes ${JSON.stringify(reference.notes)}`);
    notes.forEach((pattern, n) => assert.match(reference.notes[n], pattern, `${where}: note ${n + 1}`));
  }
}
