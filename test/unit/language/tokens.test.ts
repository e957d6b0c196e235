import assert from 'node:assert/strict';
import { tokenizePython } from '../../../src/language/pythonLexer';
import { TokenKind, bracketItems } from '../../../src/language/tokens';

/** The items of the first bracket in `source`, as their text. */
function items(source: string): string[] {
  const tokens = tokenizePython(source);
  const open = tokens.kind.indexOf(TokenKind.Open);
  return bracketItems(tokens, open).map(({ first, last }) => (first > last ? '' : tokens.text.slice(tokens.start[first], tokens.end[last])));
}

describe('bracketItems', () => {
  it('splits at the commas of its own level, skipping nested brackets whole', () => {
    assert.deepEqual(items('f(a, g(b, c), [d, e], {f: 1})'), ['a', 'g(b, c)', '[d, e]', '{f: 1}']);
    assert.deepEqual(items('f(a, , b,)'), ['a', '', 'b']);
    assert.deepEqual(items('f()'), []);
  });

  it('runs a bracket left open, or forced shut by its own closer, to that end', () => {
    assert.deepEqual(items('f(a, [b, c), d'), ['a', '[b, c']);
    assert.deepEqual(items('f(a, [b, c'), ['a', '[b, c']);
    assert.deepEqual(items('f(a, b]'), ['a', 'b]']);
  });
});
