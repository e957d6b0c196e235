// Random and mutated text for the fuzz tests of the value parser and the snippet evaluator: edits that
// delete, insert, repeat or replace characters and code-like pieces, from a seeded generator.

const ALPHABET = '0123456789.eE+-_xjn[](){},:;=*/%@!#\'"`\\ \t\nabcdfinptuvwyzNITF$\u00e9\u{1F600}';
const PIECES = ['np.', 'tf.', 'float(', "'inf'", 'dtype=', 'np.linspace(', 'tf.constant(', '1e9', '[[', ']]', '**', 'lambda', 'await ', '=>', '/*', '"""', 'array(', ', ', '\\\n'];

/** One to four random edits of `text`. */
export function mutate(text: string, next: () => number): string {
  let out = text;
  const edits = 1 + Math.floor(next() * 4);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(next() * (out.length + 1));
    const kind = Math.floor(next() * 5);
    if (kind === 0) out = out.slice(0, at) + out.slice(at + 1);
    else if (kind === 1) out = out.slice(0, at) + ALPHABET[Math.floor(next() * ALPHABET.length)] + out.slice(at);
    else if (kind === 2) out = out.slice(0, at) + PIECES[Math.floor(next() * PIECES.length)] + out.slice(at);
    else if (kind === 3) out = out.slice(0, at) + out.slice(at, at + 8).repeat(1 + Math.floor(next() * 3)) + out.slice(at);
    else out = out.slice(0, at) + ALPHABET[Math.floor(next() * ALPHABET.length)] + out.slice(at + 1);
  }
  return out;
}

/** Text of about `length` characters, mostly single characters with some code-like pieces. */
export function randomText(next: () => number, length: number): string {
  let out = '';
  while (out.length < length) {
    out += next() < 0.2 ? PIECES[Math.floor(next() * PIECES.length)] : [...ALPHABET][Math.floor(next() * [...ALPHABET].length)];
  }
  return out;
}
