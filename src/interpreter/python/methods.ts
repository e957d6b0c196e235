// Methods of the built-in types — str, list, tuple, dict, set, int, float — looked up by name on a value
// (`xs.append`, `text.split`, `d.items()`), bound to it, with CPython's argument checks and errors; and the
// dict views `keys()`, `values()`, `items()`.
import { IndexError, KeyError, OverflowError, PyError, TypeError, ValueError, raise } from './errors';
import { formatValue } from './format';
import { exactRational } from './numbers';
import { PyBuiltin, PyDict, PyList, PyRange, PySet, PyTuple, arrayIterator } from './objects';
import { codePoints, collect, compare, equals, getitem, hashKey, iterate, toIndex, truthy, typeName } from './ops';
import { repr, str } from './printing';
import { DONE, PyObject, PyType, type Kwargs, type PyIterator, type PyValue, type Runtime } from './types';

type Method<T> = (rt: Runtime, self: T, args: readonly PyValue[], kwargs: Kwargs) => PyValue;

/** Checks a method's argument count as CPython words it. */
export function argumentCount(name: string, args: readonly PyValue[], kwargs: Kwargs, min: number, max: number, keywords: readonly string[] = []): void {
  if (kwargs) {
    for (const key of kwargs.keys()) if (!keywords.includes(key)) raise(TypeError, keywords.length ? `${name}() got an unexpected keyword argument '${key}'` : `${name}() takes no keyword arguments`);
  }
  const n = args.length;
  if (n >= min && n <= max) return;
  if (min === max) {
    if (min === 0) raise(TypeError, `${name}() takes no arguments (${n} given)`);
    if (min === 1) raise(TypeError, `${name}() takes exactly one argument (${n} given)`);
    raise(TypeError, `${name} expected ${min} arguments, got ${n}`);
  }
  if (n > max) raise(TypeError, `${name} expected at most ${max} argument${max === 1 ? '' : 's'}, got ${n}`);
  raise(TypeError, `${name} expected at least ${min} argument${min === 1 ? '' : 's'}, got ${n}`);
}

function stringArg(name: string, value: PyValue, position = 1): string {
  if (typeof value !== 'string') raise(TypeError, `${name}() argument ${position} must be str, not ${typeName(value)}`);
  return value;
}

/** A[start:end] bounds for str.find/count/startswith and list.index, as slice indices. */
function bounds(_rt: Runtime, args: readonly PyValue[], from: number, size: number): [number, number] {
  const read = (value: PyValue | undefined, fallback: number): number => {
    if (value === undefined || value === null) return fallback;
    let k = Number(toIndex(value, () => 'slice indices must be integers or None or have an __index__ method'));
    if (k < 0) k = Math.max(0, k + size);
    return Math.min(k, size);
  };
  return [read(args[from], 0), read(args[from + 1], size)];
}

function whitespaceSplit(text: string, maxsplit: number): string[] {
  const parts: string[] = [];
  let rest = text.replace(/^\s+/, '');
  while (rest) {
    if (maxsplit >= 0 && parts.length === maxsplit) {
      parts.push(rest);
      return parts;
    }
    const match = /\s+/.exec(rest);
    if (!match) {
      parts.push(rest);
      break;
    }
    parts.push(rest.slice(0, match.index));
    rest = rest.slice(match.index + match[0].length);
  }
  return parts;
}

function strip(_rt: Runtime, self: string, args: readonly PyValue[], name: string, left: boolean, right: boolean): string {
  argumentCount(name, args, undefined, 0, 1);
  const chars = args[0] === undefined || args[0] === null ? undefined : stringArg(name, args[0]);
  const isStripped = (c: string): boolean => (chars === undefined ? /\s/.test(c) : chars.includes(c));
  const points = codePoints(self);
  let start = 0;
  let end = points.length;
  if (left) while (start < end && isStripped(points[start])) start++;
  if (right) while (end > start && isStripped(points[end - 1])) end--;
  return points.slice(start, end).join('');
}

function justify(self: string, args: readonly PyValue[], name: string, how: 'center' | 'ljust' | 'rjust'): string {
  argumentCount(name, args, undefined, 1, 2);
  const width = Number(toIndex(args[0]));
  const fill = args[1] === undefined ? ' ' : stringArg(name, args[1], 2);
  if ([...fill].length !== 1) raise(TypeError, 'The fill character must be exactly one character long');
  const length = codePoints(self).length;
  const missing = width - length;
  if (missing <= 0) return self;
  if (how === 'ljust') return self + fill.repeat(missing);
  if (how === 'rjust') return fill.repeat(missing) + self;
  // CPython centres with the extra space on the right when the text length is even, on the left when odd.
  const left = Math.floor(missing / 2) + (missing & width & 1);
  return fill.repeat(left) + self + fill.repeat(missing - left);
}

/** `str.format(*args, **kwargs)`: `{}`, `{0}`, `{name}`, attribute and index lookups, conversions and specs. */
export function strFormat(rt: Runtime, template: string, args: readonly PyValue[], kwargs: Kwargs): string {
  let out = '';
  let automatic = 0;
  let numbering: 'automatic' | 'manual' | undefined;
  let i = 0;
  while (i < template.length) {
    const c = template[i];
    if (c === '{' && template[i + 1] === '{') {
      out += '{';
      i += 2;
      continue;
    }
    if (c === '}' && template[i + 1] === '}') {
      out += '}';
      i += 2;
      continue;
    }
    if (c === '}') raise(ValueError, "Single '}' encountered in format string");
    if (c !== '{') {
      out += c;
      i++;
      continue;
    }
    let depth = 1;
    let k = i + 1;
    while (k < template.length && depth > 0) {
      if (template[k] === '{') depth++;
      else if (template[k] === '}') depth--;
      if (depth > 0) k++;
    }
    if (depth > 0) raise(ValueError, "expected '}' before end of string");
    const field = template.slice(i + 1, k);
    i = k + 1;
    const match = /^([^.[!:]*)((?:\.[^.[!:]+|\[[^\]]*\])*)(?:!([rsa]))?(?::(.*))?$/s.exec(field);
    if (!match) raise(ValueError, 'Invalid format string');
    const [, head, chain, conversion, rawSpec] = match;
    let value: PyValue;
    if ((head === '' && numbering === 'manual') || (head !== '' && /^\d+$/.test(head) && numbering === 'automatic')) {
      raise(ValueError, head === '' ? 'cannot switch from manual field specification to automatic field numbering' : 'cannot switch from automatic field numbering to manual field specification');
    }
    if (head === '' || /^\d+$/.test(head)) numbering = head === '' ? 'automatic' : 'manual';
    if (head === '') {
      if (automatic >= args.length) raise(IndexError, `Replacement index ${automatic} out of range for positional args tuple`);
      value = args[automatic++];
    } else if (/^\d+$/.test(head)) {
      const index = Number(head);
      if (index >= args.length) raise(IndexError, `Replacement index ${index} out of range for positional args tuple`);
      value = args[index];
    } else {
      const found = kwargs?.get(head);
      if (found === undefined) throw new PyError(KeyError, [head]);
      value = found;
    }
    for (const part of chain.match(/\.[^.[]+|\[[^\]]*\]/g) ?? []) {
      if (part.startsWith('.')) value = rt.getattr(value, part.slice(1));
      else {
        const key = part.slice(1, -1);
        value = getitem(rt, value, /^\d+$/.test(key) ? BigInt(key) : key);
      }
    }
    if (conversion === 'r' || conversion === 'a') value = repr(rt, value);
    else if (conversion === 's') value = str(rt, value);
    const spec = rawSpec === undefined ? '' : strFormat(rt, rawSpec, args.slice(automatic), kwargs);
    out += formatValue(rt, value, spec);
  }
  return out;
}

const STR_METHODS: ReadonlyMap<string, Method<string>> = new Map<string, Method<string>>([
  ['upper', (_rt, self, args) => (argumentCount('upper', args, undefined, 0, 0), self.toUpperCase())],
  ['lower', (_rt, self, args) => (argumentCount('lower', args, undefined, 0, 0), self.toLowerCase())],
  ['casefold', (_rt, self) => self.toLowerCase()],
  ['swapcase', (_rt, self) => [...self].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('')],
  ['title', (_rt, self) => self.toLowerCase().replace(/(^|[^\p{L}])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase())],
  ['capitalize', (_rt, self) => self.charAt(0).toUpperCase() + self.slice(1).toLowerCase()],
  ['strip', (rt, self, args) => strip(rt, self, args, 'strip', true, true)],
  ['lstrip', (rt, self, args) => strip(rt, self, args, 'lstrip', true, false)],
  ['rstrip', (rt, self, args) => strip(rt, self, args, 'rstrip', false, true)],
  ['center', (_rt, self, args) => justify(self, args, 'center', 'center')],
  ['ljust', (_rt, self, args) => justify(self, args, 'ljust', 'ljust')],
  ['rjust', (_rt, self, args) => justify(self, args, 'rjust', 'rjust')],
  ['zfill', (_rt, self, args) => {
    argumentCount('zfill', args, undefined, 1, 1);
    const width = Number(toIndex(args[0]));
    const sign = self.startsWith('-') || self.startsWith('+') ? self[0] : '';
    const body = sign ? self.slice(1) : self;
    return sign + body.padStart(width - sign.length, '0');
  }],
  ['split', (_rt, self, args, kwargs) => {
    argumentCount('split', args, kwargs, 0, 2, ['sep', 'maxsplit']);
    const sep = args[0] ?? kwargs?.get('sep') ?? null;
    const maxsplit = Number(toIndex(args[1] ?? kwargs?.get('maxsplit') ?? -1n));
    if (sep === null) return new PyList(whitespaceSplit(self, maxsplit));
    const separator = stringArg('split', sep);
    if (!separator) raise(ValueError, 'empty separator');
    const parts = self.split(separator);
    if (maxsplit >= 0 && parts.length > maxsplit + 1) return new PyList([...parts.slice(0, maxsplit), parts.slice(maxsplit).join(separator)]);
    return new PyList(parts);
  }],
  ['splitlines', (_rt, self) => {
    const lines = self.split(/\r\n|\r|\n/);
    if (lines[lines.length - 1] === '') lines.pop();
    return new PyList(lines);
  }],
  ['join', (rt, self, args) => {
    argumentCount('join', args, undefined, 1, 1);
    const items = collect(rt, args[0]);
    return items
      .map((item, i) => {
        if (typeof item !== 'string') raise(TypeError, `sequence item ${i}: expected str instance, ${typeName(item)} found`);
        return item;
      })
      .join(self);
  }],
  ['replace', (_rt, self, args) => {
    argumentCount('replace', args, undefined, 2, 3);
    const old = stringArg('replace', args[0], 1);
    const replacement = stringArg('replace', args[1], 2);
    let count = args[2] === undefined ? -1 : Number(toIndex(args[2]));
    if (count < 0) return self.split(old).join(replacement);
    let out = '';
    let rest = self;
    while (count-- > 0) {
      const at = rest.indexOf(old);
      if (at === -1) break;
      out += rest.slice(0, at) + replacement;
      rest = rest.slice(at + old.length);
      if (!old) {
        out += rest.charAt(0);
        rest = rest.slice(1);
      }
    }
    return out + rest;
  }],
  ['startswith', (rt, self, args) => affix(rt, self, args, 'startswith')],
  ['endswith', (rt, self, args) => affix(rt, self, args, 'endswith')],
  ['find', (rt, self, args) => BigInt(find(rt, self, args, 'find', false))],
  ['rfind', (rt, self, args) => BigInt(find(rt, self, args, 'rfind', true))],
  ['index', (rt, self, args) => {
    const at = find(rt, self, args, 'index', false);
    if (at < 0) raise(ValueError, 'substring not found');
    return BigInt(at);
  }],
  ['count', (rt, self, args) => {
    argumentCount('count', args, undefined, 1, 3);
    const needle = stringArg('count', args[0]);
    const [start, end] = bounds(rt, args, 1, self.length);
    const part = self.slice(start, end);
    return BigInt(needle ? part.split(needle).length - 1 : part.length + 1);
  }],
  ['format', (rt, self, args, kwargs) => strFormat(rt, self, args, kwargs)],
  ['removeprefix', (_rt, self, args) => {
    const prefix = stringArg('removeprefix', args[0]);
    return prefix && self.startsWith(prefix) ? self.slice(prefix.length) : self;
  }],
  ['removesuffix', (_rt, self, args) => {
    const suffix = stringArg('removesuffix', args[0]);
    return suffix && self.endsWith(suffix) ? self.slice(0, -suffix.length) : self;
  }],
  ['partition', (_rt, self, args) => {
    const sep = stringArg('partition', args[0]);
    const at = self.indexOf(sep);
    return at === -1 ? new PyTuple([self, '', '']) : new PyTuple([self.slice(0, at), sep, self.slice(at + sep.length)]);
  }],
  ['isdigit', (_rt, self) => self.length > 0 && /^\p{Nd}+$/u.test(self)],
  ['isdecimal', (_rt, self) => self.length > 0 && /^\p{Nd}+$/u.test(self)],
  ['isnumeric', (_rt, self) => self.length > 0 && /^\p{N}+$/u.test(self)],
  ['isalpha', (_rt, self) => self.length > 0 && /^\p{L}+$/u.test(self)],
  ['isalnum', (_rt, self) => self.length > 0 && /^[\p{L}\p{N}]+$/u.test(self)],
  ['isspace', (_rt, self) => self.length > 0 && /^\s+$/u.test(self)],
  ['isupper', (_rt, self) => /\p{Lu}/u.test(self) && !/\p{Ll}/u.test(self)],
  ['islower', (_rt, self) => /\p{Ll}/u.test(self) && !/\p{Lu}/u.test(self)],
]);

function affix(rt: Runtime, self: string, args: readonly PyValue[], name: 'startswith' | 'endswith'): boolean {
  argumentCount(name, args, undefined, 1, 3);
  const [start, end] = bounds(rt, args, 1, self.length);
  const part = self.slice(start, end);
  const candidates = args[0] instanceof PyTuple ? args[0].items : [args[0]];
  return candidates.some((candidate) => {
    if (typeof candidate !== 'string') raise(TypeError, `${name} first arg must be str or a tuple of str, not ${typeName(candidate)}`);
    return name === 'startswith' ? part.startsWith(candidate) : part.endsWith(candidate);
  });
}

function find(rt: Runtime, self: string, args: readonly PyValue[], name: string, last: boolean): number {
  argumentCount(name, args, undefined, 1, 3);
  const needle = stringArg(name, args[0]);
  const [start, end] = bounds(rt, args, 1, self.length);
  const part = self.slice(start, end);
  const at = last ? part.lastIndexOf(needle) : part.indexOf(needle);
  return at === -1 ? -1 : at + start;
}

export function sortItems(rt: Runtime, items: PyValue[], kwargs: Kwargs, name: string): void {
  for (const key of kwargs?.keys() ?? []) if (key !== 'key' && key !== 'reverse') raise(TypeError, `'${key}' is an invalid keyword argument for ${name}()`);
  const keyFunction = kwargs?.get('key') ?? null;
  const reverse = truthy(rt, kwargs?.get('reverse') ?? false);
  const keys = keyFunction === null ? items : items.map((item) => rt.call(keyFunction, [item]));
  const order = items.map((_, i) => i);
  const less = (a: PyValue, b: PyValue): boolean => truthy(rt, compare(rt, '<', a, b));
  rt.step(items.length / 100);
  // Stable, and only `<` is asked, as in CPython; reverse keeps equal items in their order.
  order.sort((i, j) => {
    const [a, b] = reverse ? [keys[j], keys[i]] : [keys[i], keys[j]];
    return less(a, b) ? -1 : less(b, a) ? 1 : 0;
  });
  const sorted = order.map((i) => items[i]);
  items.splice(0, items.length, ...sorted);
}

const LIST_METHODS: ReadonlyMap<string, Method<PyList>> = new Map<string, Method<PyList>>([
  ['append', (_rt, self, args) => {
    argumentCount('list.append', args, undefined, 1, 1);
    self.items.push(args[0]);
    return null;
  }],
  ['extend', (rt, self, args) => {
    argumentCount('list.extend', args, undefined, 1, 1);
    self.items.push(...collect(rt, args[0]));
    return null;
  }],
  ['insert', (_rt, self, args) => {
    argumentCount('insert', args, undefined, 2, 2);
    let index = Number(toIndex(args[0]));
    if (index < 0) index = Math.max(0, index + self.items.length);
    self.items.splice(Math.min(index, self.items.length), 0, args[1]);
    return null;
  }],
  ['pop', (_rt, self, args) => {
    argumentCount('pop', args, undefined, 0, 1);
    if (!self.items.length) raise(IndexError, 'pop from empty list');
    let index = args.length ? Number(toIndex(args[0])) : self.items.length - 1;
    if (index < 0) index += self.items.length;
    if (index < 0 || index >= self.items.length) raise(IndexError, 'pop index out of range');
    return self.items.splice(index, 1)[0];
  }],
  ['remove', (rt, self, args) => {
    argumentCount('list.remove', args, undefined, 1, 1);
    const at = self.items.findIndex((item) => equals(rt, item, args[0]));
    if (at === -1) raise(ValueError, 'list.remove(x): x not in list');
    self.items.splice(at, 1);
    return null;
  }],
  ['index', (rt, self, args) => sequenceIndexOf(rt, self.items, args, 'list')],
  ['count', (rt, self, args) => BigInt(self.items.filter((item) => equals(rt, item, args[0])).length)],
  ['sort', (rt, self, args, kwargs) => {
    if (args.length) raise(TypeError, 'sort() takes no positional arguments');
    sortItems(rt, self.items, kwargs, 'sort');
    return null;
  }],
  ['reverse', (_rt, self) => {
    self.items.reverse();
    return null;
  }],
  ['copy', (_rt, self) => new PyList([...self.items])],
  ['clear', (_rt, self) => {
    self.items.length = 0;
    return null;
  }],
]);

function sequenceIndexOf(rt: Runtime, items: readonly PyValue[], args: readonly PyValue[], what: 'list' | 'tuple'): bigint {
  argumentCount('index', args, undefined, 1, 3);
  const [start, end] = bounds(rt, args, 1, items.length);
  for (let i = start; i < end; i++) if (equals(rt, items[i], args[0])) return BigInt(i);
  raise(ValueError, what === 'list' ? `${repr(rt, args[0])} is not in list` : 'tuple.index(x): x not in tuple');
}

const TUPLE_METHODS: ReadonlyMap<string, Method<PyTuple>> = new Map<string, Method<PyTuple>>([
  ['index', (rt, self, args) => sequenceIndexOf(rt, self.items, args, 'tuple')],
  ['count', (rt, self, args) => BigInt(self.items.filter((item) => equals(rt, item, args[0])).length)],
]);

/** A dict's `keys()`, `values()` or `items()`: a live view of it. */
export class PyDictView extends PyObject {
  static readonly TYPES = { keys: new PyType('dict_keys'), values: new PyType('dict_values'), items: new PyType('dict_items') };
  constructor(
    readonly dict: PyDict,
    readonly kind: 'keys' | 'values' | 'items',
  ) {
    super();
  }
  get type(): PyType {
    return PyDictView.TYPES[this.kind];
  }
  private items(): PyValue[] {
    return [...this.dict.entries.values()].map(([key, value]) => (this.kind === 'keys' ? key : this.kind === 'values' ? value : new PyTuple([key, value])));
  }
  override iterate(): PyIterator {
    return arrayIterator(this.items());
  }
  override length(): number {
    return this.dict.entries.size;
  }
  override contains(rt: Runtime, value: PyValue): boolean {
    if (this.kind === 'keys') return this.dict.entries.has(hashKey(value));
    return this.items().some((item) => equals(rt, item, value));
  }
  override repr(rt: Runtime): string {
    return `dict_${this.kind}([${this.items().map((item) => repr(rt, item)).join(', ')}])`;
  }
}

/** Adds a mapping or an iterable of pairs to a dict (`dict(…)`, `d.update(…)`). */
export function updateDict(rt: Runtime, dict: PyDict, source: PyValue): void {
  if (source instanceof PyDict) {
    for (const [key, entry] of source.entries) dict.entries.set(key, entry);
    return;
  }
  const iterator = iterate(rt, source);
  let index = 0;
  for (let item = iterator.next(); item !== DONE; item = iterator.next(), index++) {
    let pair: PyValue[];
    try {
      pair = collect(rt, item);
    } catch {
      raise(TypeError, `cannot convert dictionary update sequence element #${index} to a sequence`);
    }
    if (pair.length !== 2) raise(ValueError, `dictionary update sequence element #${index} has length ${pair.length}; 2 is required`);
    dict.entries.set(hashKey(pair[0]), [pair[0], pair[1]]);
  }
}

const DICT_METHODS: ReadonlyMap<string, Method<PyDict>> = new Map<string, Method<PyDict>>([
  ['get', (_rt, self, args) => {
    argumentCount('get', args, undefined, 1, 2);
    return self.entries.get(hashKey(args[0]))?.[1] ?? args[1] ?? null;
  }],
  ['keys', (_rt, self) => new PyDictView(self, 'keys')],
  ['values', (_rt, self) => new PyDictView(self, 'values')],
  ['items', (_rt, self) => new PyDictView(self, 'items')],
  ['update', (rt, self, args, kwargs) => {
    if (args.length) updateDict(rt, self, args[0]);
    for (const [key, value] of kwargs ?? []) self.entries.set(hashKey(key), [key, value]);
    return null;
  }],
  ['pop', (_rt, self, args) => {
    argumentCount('pop', args, undefined, 1, 2);
    const key = hashKey(args[0]);
    const entry = self.entries.get(key);
    if (!entry) {
      if (args.length > 1) return args[1];
      throw new PyError(KeyError, [args[0]]);
    }
    self.entries.delete(key);
    return entry[1];
  }],
  ['setdefault', (_rt, self, args) => {
    const key = hashKey(args[0]);
    const entry = self.entries.get(key);
    if (entry) return entry[1];
    const value = args[1] ?? null;
    self.entries.set(key, [args[0], value]);
    return value;
  }],
  ['copy', (_rt, self) => {
    const copy = new PyDict();
    for (const [key, entry] of self.entries) copy.entries.set(key, entry);
    return copy;
  }],
  ['clear', (_rt, self) => {
    self.entries.clear();
    return null;
  }],
]);

const SET_METHODS: ReadonlyMap<string, Method<PySet>> = new Map<string, Method<PySet>>([
  ['add', (_rt, self, args) => {
    self.entries.set(hashKey(args[0]), args[0]);
    return null;
  }],
  ['discard', (_rt, self, args) => {
    self.entries.delete(hashKey(args[0]));
    return null;
  }],
  ['remove', (_rt, self, args) => {
    if (!self.entries.delete(hashKey(args[0]))) throw new PyError(KeyError, [args[0]]);
    return null;
  }],
  ['union', (rt, self, args) => {
    const out = new PySet();
    for (const [key, value] of self.entries) out.entries.set(key, value);
    for (const other of args) for (const item of collect(rt, other)) out.entries.set(hashKey(item), item);
    return out;
  }],
  ['intersection', (rt, self, args) => {
    const keep = new Set(collect(rt, args[0]).map(hashKey));
    const out = new PySet();
    for (const [key, value] of self.entries) if (keep.has(key)) out.entries.set(key, value);
    return out;
  }],
  ['difference', (rt, self, args) => {
    const drop = new Set(collect(rt, args[0]).map(hashKey));
    const out = new PySet();
    for (const [key, value] of self.entries) if (!drop.has(key)) out.entries.set(key, value);
    return out;
  }],
]);

const INT_METHODS: ReadonlyMap<string, Method<bigint>> = new Map<string, Method<bigint>>([
  ['bit_length', (_rt, self) => BigInt((self < 0n ? -self : self).toString(2).replace(/^0$/, '').length)],
  ['conjugate', (_rt, self) => self],
  ['as_integer_ratio', (_rt, self) => new PyTuple([self, 1n])],
]);

const FLOAT_METHODS: ReadonlyMap<string, Method<number>> = new Map<string, Method<number>>([
  ['is_integer', (_rt, self) => Number.isInteger(self)],
  ['conjugate', (_rt, self) => self],
  ['as_integer_ratio', (_rt, self) => {
    if (!Number.isFinite(self)) raise(Number.isNaN(self) ? ValueError : OverflowError, Number.isNaN(self) ? 'cannot convert NaN to integer ratio' : 'cannot convert Infinity to integer ratio');
    const { numerator, shift } = exactRational(self);
    let n = numerator;
    let d = 1n << BigInt(shift);
    while (n % 2n === 0n && d > 1n) {
      n /= 2n;
      d /= 2n;
    }
    return new PyTuple([n, d]);
  }],
]);

/** Attributes (not methods) of the numeric types. */
function numericAttribute(value: PyValue, name: string): PyValue | undefined {
  if (typeof value === 'bigint' || typeof value === 'boolean') {
    const x = typeof value === 'bigint' ? value : value ? 1n : 0n;
    if (name === 'real' || name === 'numerator') return x;
    if (name === 'imag') return 0n;
    if (name === 'denominator') return 1n;
  }
  if (typeof value === 'number') {
    if (name === 'real') return value;
    if (name === 'imag') return 0;
  }
  return undefined;
}

function tableOf(value: PyValue): ReadonlyMap<string, Method<never>> | undefined {
  if (typeof value === 'string') return STR_METHODS;
  if (typeof value === 'bigint' || typeof value === 'boolean') return INT_METHODS;
  if (typeof value === 'number') return FLOAT_METHODS;
  if (value instanceof PyList) return LIST_METHODS;
  if (value instanceof PyTuple) return TUPLE_METHODS;
  if (value instanceof PyDict) return DICT_METHODS;
  if (value instanceof PySet) return SET_METHODS;
  return undefined;
}

/** The bound method or attribute `value.name` of a built-in type, or undefined. */
export function methodOf(_rt: Runtime, value: PyValue, name: string): PyValue | undefined {
  const attribute = numericAttribute(value, name);
  if (attribute !== undefined) return attribute;
  if (value instanceof PyRange && (name === 'start' || name === 'stop' || name === 'step')) return value[name];
  const table = tableOf(value);
  const method = table?.get(name) as Method<PyValue> | undefined;
  if (!method) return undefined;
  const self = typeof value === 'boolean' ? (value ? 1n : 0n) : value;
  return new PyBuiltin(name, (runtime, args, kwargs) => method(runtime, self, args, kwargs), typeName(value));
}

/** `float.is_integer`, `str.upper`, …: a type's method called with the value as its first argument. */
export function unboundMethod(type: PyType, name: string, example: PyValue): PyBuiltin | undefined {
  const method = tableOf(example)?.get(name) as Method<PyValue> | undefined;
  if (!method) return undefined;
  return new PyBuiltin(name, (rt, args, kwargs) => {
    if (!args.length) raise(TypeError, `unbound method ${type.name}.${name}() needs an argument`);
    return method(rt, args[0], args.slice(1), kwargs);
  }, type.name);
}

/** The method names of a built-in value, for AttributeError's suggestion. */
export function methodNames(value: PyValue): string[] {
  return [...(tableOf(value)?.keys() ?? [])];
}
