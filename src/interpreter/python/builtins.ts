// Python's builtins as far as the subset goes: print, abs, max, min, sum, round, len, range, the type
// constructors (int, float, str, bool, list, tuple, dict, set), zip, enumerate, map, filter, sorted,
// reversed, any, all, iter, next, isinstance, type, divmod, pow, format, … and the exception classes. The
// builtins that reach outside the code (open, input, eval, exec, id, …) are there and refuse, so they are
// reported as outside the subset rather than as undefined names.
import { BUILTIN_EXCEPTIONS, Exception, PyError, Refusal, StopIteration, TypeError, ValueError, ZeroDivisionError, raise } from './errors';
import { formatValue } from './format';
import {
  asInt,
  exactRational,
  floatToInt,
  intFloorDivide,
  intModulo,
  intToFloat,
  parseFloatText,
  parseIntText,
  roundFloat,
  roundFloatToInt,
  roundInt,
} from './numbers';
import { updateDict, argumentCount, sortItems } from './methods';
import {
  BOOL,
  DICT,
  ELLIPSIS_VALUE,
  FLOAT,
  INT,
  LIST,
  PyBuiltin,
  PyDict,
  PyExceptionInstance,
  PyIteratorObject,
  PyList,
  PyRange,
  PySet,
  PySlice,
  PyTuple,
  RANGE,
  SET,
  SLICE,
  STR,
  TUPLE,
  arrayIterator,
  type BuiltinImplementation,
} from './objects';
import { getattr } from './attributes';
import { binary, codePoints, collect, compare, hashKey, iterate, length, toFloatArgument, toIndex, truthy, typeName, typeOf } from './ops';
import { repr, str } from './printing';
import { CPYTHON_BUILTIN_NAMES } from './interpreter';
import { DONE, PyObject, PyType, TYPE, type Kwargs, type PyIterator, type PyValue, type Runtime } from './types';

const builtin = (name: string, implementation: BuiltinImplementation): PyBuiltin => new PyBuiltin(name, implementation, 'builtins');

function noKeywords(name: string, kwargs: Kwargs): void {
  if (kwargs?.size) raise(TypeError, `${name}() takes no keyword arguments`);
}

function keywordsOnly(name: string, kwargs: Kwargs, allowed: readonly string[]): void {
  for (const key of kwargs?.keys() ?? []) if (!allowed.includes(key)) raise(TypeError, `'${key}' is an invalid keyword argument for ${name}()`);
}

// -- print ---------------------------------------------------------------------------------------------------

function print(rt: Runtime, args: readonly PyValue[], kwargs: Kwargs): PyValue {
  keywordsOnly('print', kwargs, ['sep', 'end', 'file', 'flush']);
  const text = (key: 'sep' | 'end', fallback: string): string => {
    const value = kwargs?.get(key) ?? null;
    if (value === null) return fallback;
    if (typeof value !== 'string') raise(TypeError, `${key} must be None or a string, not ${typeName(value)}`);
    return value;
  };
  const sep = text('sep', ' ');
  const end = text('end', '\n');
  const file = kwargs?.get('file') ?? null;
  if (file !== null) throw new Refusal('print(…, file=…) writes outside the code; Activation Lens shows only what is printed to the screen');
  rt.write(args.map((arg) => str(rt, arg)).join(sep) + end);
  return null;
}

// -- numbers -------------------------------------------------------------------------------------------------

function abs(rt: Runtime, args: readonly PyValue[], kwargs: Kwargs): PyValue {
  noKeywords('abs', kwargs);
  argumentCount('abs', args, undefined, 1, 1);
  const [x] = args;
  if (typeof x === 'number') return Math.abs(x);
  if (typeof x === 'bigint' || typeof x === 'boolean') {
    const v = asInt(x);
    return v < 0n ? -v : v;
  }
  if (x instanceof PyObject && x.absolute) return x.absolute(rt);
  raise(TypeError, `bad operand type for abs(): '${typeName(x)}'`);
}

function round(rt: Runtime, args: readonly PyValue[], kwargs: Kwargs): PyValue {
  keywordsOnly('round', kwargs, ['number', 'ndigits']);
  const x = args[0] ?? kwargs?.get('number');
  if (x === undefined) raise(TypeError, "round() missing required argument 'number' (pos 1)");
  if (args.length > 2) raise(TypeError, `round() takes at most 2 arguments (${args.length} given)`);
  const digitsValue = args[1] ?? kwargs?.get('ndigits') ?? null;
  const ndigits = digitsValue === null ? undefined : toIndex(digitsValue);
  if (typeof x === 'number') return ndigits === undefined ? roundFloatToInt(x) : roundFloat(x, ndigits);
  if (typeof x === 'bigint' || typeof x === 'boolean') return ndigits === undefined ? asInt(x) : roundInt(asInt(x), ndigits);
  if (x instanceof PyObject && x.round) return x.round(rt, ndigits);
  raise(TypeError, `type ${typeName(x)} doesn't define __round__ method`);
}

function divmod(rt: Runtime, args: readonly PyValue[]): PyValue {
  argumentCount('divmod', args, undefined, 2, 2);
  const [a, b] = args;
  if ((typeof a === 'bigint' || typeof a === 'boolean') && (typeof b === 'bigint' || typeof b === 'boolean')) {
    const x = asInt(a);
    const y = asInt(b);
    return new PyTuple([intFloorDivide(x, y), intModulo(x, y, 'integer division or modulo by zero')]);
  }
  if (typeof a === 'number' || typeof b === 'number') {
    if (toFloatArgument(b) === 0) raise(ZeroDivisionError, 'float divmod()');
  }
  return new PyTuple([binary(rt, '//', a, b), binary(rt, '%', a, b)]);
}

function pow(rt: Runtime, args: readonly PyValue[], kwargs: Kwargs): PyValue {
  keywordsOnly('pow', kwargs, ['base', 'exp', 'mod']);
  const base = args[0] ?? kwargs?.get('base');
  const exp = args[1] ?? kwargs?.get('exp');
  const mod = args[2] ?? kwargs?.get('mod') ?? null;
  if (base === undefined || exp === undefined) raise(TypeError, `pow() missing required argument '${base === undefined ? 'base' : 'exp'}' (pos ${base === undefined ? 1 : 2})`);
  if (mod === null) return binary(rt, '**', base, exp);
  if (![base, exp, mod].every((v) => typeof v === 'bigint' || typeof v === 'boolean')) raise(TypeError, 'pow() 3rd argument not allowed unless all arguments are integers');
  const m = asInt(mod as bigint);
  if (m === 0n) raise(ValueError, 'pow() 3rd argument cannot be 0');
  let e = asInt(exp as bigint);
  if (e < 0n) throw new Refusal('a modular inverse (pow with a negative exponent and a modulus) is outside what Activation Lens computes');
  let b = intModulo(asInt(base as bigint), m);
  let result = 1n;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % m;
    b = (b * b) % m;
    e >>= 1n;
  }
  return intModulo(result, m);
}

function sum(rt: Runtime, args: readonly PyValue[], kwargs: Kwargs): PyValue {
  keywordsOnly('sum', kwargs, ['start']);
  if (args.length < 1) raise(TypeError, `sum() takes at least 1 positional argument (${args.length} given)`);
  if (args.length > 2) raise(TypeError, `sum() takes at most 2 arguments (${args.length} given)`);
  let total: PyValue = args[1] ?? kwargs?.get('start') ?? 0n;
  if (typeof total === 'string') raise(TypeError, "sum() can't sum strings [use ''.join(seq) instead]");
  const iterator = iterate(rt, args[0]);
  let count = 0;
  for (let item = iterator.next(); item !== DONE; item = iterator.next()) {
    total = binary(rt, '+', total, item);
    if ((++count & 1023) === 0) rt.step();
  }
  return total;
}

function minMax(name: 'min' | 'max'): BuiltinImplementation {
  return (rt, args, kwargs) => {
    keywordsOnly(name, kwargs, ['key', 'default']);
    if (args.length === 0) raise(TypeError, `${name} expected at least 1 argument, got 0`);
    const key = kwargs?.get('key') ?? null;
    const fallback = kwargs?.get('default');
    if (args.length > 1 && fallback !== undefined) raise(TypeError, `Cannot specify a default for ${name}() with multiple positional arguments`);
    const iterator = args.length === 1 ? iterate(rt, args[0]) : arrayIterator(args);
    let best: PyValue | typeof DONE = DONE;
    let bestKey: PyValue = null;
    const op = name === 'max' ? '>' : '<';
    for (let item = iterator.next(); item !== DONE; item = iterator.next()) {
      const itemKey = key === null ? item : rt.call(key, [item]);
      if (best === DONE || truthy(rt, compare(rt, op, itemKey, bestKey))) {
        best = item;
        bestKey = itemKey;
      }
    }
    if (best === DONE) {
      if (fallback !== undefined) return fallback;
      raise(ValueError, `${name}() arg is an empty sequence`);
    }
    return best;
  };
}

// -- type constructors ---------------------------------------------------------------------------------------

function toFloatValue(rt: Runtime, args: readonly PyValue[], kwargs: Kwargs): PyValue {
  noKeywords('float', kwargs);
  if (args.length > 1) raise(TypeError, `float expected at most 1 argument, got ${args.length}`);
  if (args.length === 0) return 0.0;
  const [x] = args;
  if (typeof x === 'number') return x;
  if (typeof x === 'bigint') return intToFloat(x);
  if (typeof x === 'boolean') return x ? 1.0 : 0.0;
  if (typeof x === 'string') {
    const parsed = parseFloatText(x);
    if (parsed === undefined) raise(ValueError, `could not convert string to float: ${repr(rt, x)}`);
    return parsed;
  }
  if (x instanceof PyObject && (x.toFloat || x.toIndex)) return toFloatArgument(x);
  raise(TypeError, `float() argument must be a string or a real number, not '${typeName(x)}'`);
}

function toIntValue(rt: Runtime, args: readonly PyValue[], kwargs: Kwargs): PyValue {
  keywordsOnly('int', kwargs, ['base']);
  if (args.length > 2) raise(TypeError, `int() takes at most 2 arguments (${args.length} given)`);
  if (args.length === 0) return 0n;
  const [x] = args;
  const baseValue = args[1] ?? kwargs?.get('base');
  if (baseValue !== undefined) {
    if (typeof x !== 'string') raise(TypeError, "int() can't convert non-string with explicit base");
    const base = Number(toIndex(baseValue));
    if (base !== 0 && (base < 2 || base > 36)) raise(ValueError, 'int() base must be >= 2 and <= 36, or 0');
    const parsed = parseIntText(x, base);
    if (parsed === undefined) raise(ValueError, `invalid literal for int() with base ${base}: ${repr(rt, x)}`);
    return parsed;
  }
  if (typeof x === 'bigint') return x;
  if (typeof x === 'boolean') return x ? 1n : 0n;
  if (typeof x === 'number') return floatToInt(x);
  if (typeof x === 'string') {
    const parsed = parseIntText(x, 10);
    if (parsed === undefined) raise(ValueError, `invalid literal for int() with base 10: ${repr(rt, x)}`);
    return parsed;
  }
  if (x instanceof PyObject && x.toInt) return x.toInt();
  if (x instanceof PyObject && x.toIndex) return x.toIndex();
  if (x instanceof PyObject && x.toFloat) return floatToInt(x.toFloat());
  raise(TypeError, `int() argument must be a string, a bytes-like object or a real number, not '${typeName(x)}'`);
}

function rangeOf(_rt: Runtime, args: readonly PyValue[], kwargs: Kwargs): PyValue {
  noKeywords('range', kwargs);
  if (args.length === 0) raise(TypeError, 'range expected at least 1 argument, got 0');
  if (args.length > 3) raise(TypeError, `range expected at most 3 arguments, got ${args.length}`);
  const [a, b, c] = args.map((arg) => toIndex(arg));
  if (args.length === 1) return new PyRange(0n, a, 1n);
  const step = c ?? 1n;
  if (step === 0n) raise(ValueError, 'range() arg 3 must not be zero');
  return new PyRange(a, b, step);
}

function iterableArgument(name: string, args: readonly PyValue[], kwargs: Kwargs): PyValue | undefined {
  noKeywords(name, kwargs);
  if (args.length > 1) raise(TypeError, `${name} expected at most 1 argument, got ${args.length}`);
  return args[0];
}

function setType(type: PyType, construct: BuiltinImplementation): PyType {
  type.construct = construct;
  return type;
}

setType(INT, toIntValue);
setType(FLOAT, toFloatValue);
setType(BOOL, (rt, args, kwargs) => {
  noKeywords('bool', kwargs);
  return args.length ? truthy(rt, args[0]) : false;
});
setType(STR, (rt, args, kwargs) => {
  keywordsOnly('str', kwargs, ['object']);
  const value = args[0] ?? kwargs?.get('object');
  return value === undefined ? '' : str(rt, value);
});
setType(LIST, (rt, args, kwargs) => {
  const source = iterableArgument('list', args, kwargs);
  return new PyList(source === undefined ? [] : collect(rt, source));
});
setType(TUPLE, (rt, args, kwargs) => {
  const source = iterableArgument('tuple', args, kwargs);
  if (source instanceof PyTuple) return source;
  return new PyTuple(source === undefined ? [] : collect(rt, source));
});
setType(SET, (rt, args, kwargs) => {
  const source = iterableArgument('set', args, kwargs);
  const set = new PySet();
  for (const item of source === undefined ? [] : collect(rt, source)) set.entries.set(hashKey(item), item);
  return set;
});
setType(DICT, (rt, args, kwargs) => {
  if (args.length > 1) raise(TypeError, `dict expected at most 1 argument, got ${args.length}`);
  const dict = new PyDict();
  if (args.length) updateDict(rt, dict, args[0]);
  for (const [key, value] of kwargs ?? []) dict.entries.set(hashKey(key), [key, value]);
  return dict;
});
setType(RANGE, rangeOf);
setType(SLICE, (_rt, args) => {
  argumentCount('slice', args, undefined, 1, 3);
  if (args.length === 1) return new PySlice(null, args[0], null);
  return new PySlice(args[0], args[1], args[2] ?? null);
});
setType(TYPE, (_rt, args) => {
  if (args.length !== 1) throw new Refusal('type() with three arguments creates a class, which is outside what Activation Lens interprets');
  return typeOf(args[0]);
});

for (const type of BUILTIN_EXCEPTIONS) {
  type.construct ??= (_rt, args, kwargs) => {
    noKeywords(type.name, kwargs);
    return new PyExceptionInstance(type, args);
  };
}

// -- iteration -----------------------------------------------------------------------------------------------

const iterator = (source: PyIterator): PyIteratorObject => new PyIteratorObject(source);

function zip(rt: Runtime, args: readonly PyValue[], kwargs: Kwargs): PyValue {
  keywordsOnly('zip', kwargs, ['strict']);
  const strict = truthy(rt, kwargs?.get('strict') ?? false);
  const sources = args.map((arg) => iterate(rt, arg));
  return iterator({
    next: () => {
      if (!sources.length) return DONE;
      const items: PyValue[] = [];
      for (let i = 0; i < sources.length; i++) {
        const item = sources[i].next();
        if (item === DONE) {
          if (strict && (i > 0 || sources.slice(1).some((source) => source.next() !== DONE))) {
            raise(ValueError, i > 0 ? `zip() argument ${i + 1} is shorter than argument${i > 1 ? `s 1-${i}` : ' 1'}` : `zip() argument 2 is longer than argument 1`);
          }
          return DONE;
        }
        items.push(item);
      }
      return new PyTuple(items);
    },
  });
}

function enumerate(rt: Runtime, args: readonly PyValue[], kwargs: Kwargs): PyValue {
  keywordsOnly('enumerate', kwargs, ['iterable', 'start']);
  const source = args[0] ?? kwargs?.get('iterable');
  if (source === undefined) raise(TypeError, "enumerate() missing required argument 'iterable' (pos 1)");
  let index = toIndex(args[1] ?? kwargs?.get('start') ?? 0n);
  const items = iterate(rt, source);
  return iterator({
    next: () => {
      const item = items.next();
      if (item === DONE) return DONE;
      return new PyTuple([index++, item]);
    },
  });
}

function map(rt: Runtime, args: readonly PyValue[], kwargs: Kwargs): PyValue {
  noKeywords('map', kwargs);
  if (args.length < 2) raise(TypeError, 'map() must have at least two arguments.');
  const [fn, ...iterables] = args;
  const sources = iterables.map((arg) => iterate(rt, arg));
  return iterator({
    next: () => {
      const items: PyValue[] = [];
      for (const source of sources) {
        const item = source.next();
        if (item === DONE) return DONE;
        items.push(item);
      }
      rt.step();
      return rt.call(fn, items);
    },
  });
}

function filter(rt: Runtime, args: readonly PyValue[], kwargs: Kwargs): PyValue {
  noKeywords('filter', kwargs);
  argumentCount('filter', args, undefined, 2, 2);
  const [fn, iterable] = args;
  const source = iterate(rt, iterable);
  return iterator({
    next: () => {
      for (let item = source.next(); item !== DONE; item = source.next()) {
        rt.step();
        if (truthy(rt, fn === null ? item : rt.call(fn, [item]))) return item;
      }
      return DONE;
    },
  });
}

function reversed(rt: Runtime, args: readonly PyValue[], kwargs: Kwargs): PyValue {
  noKeywords('reversed', kwargs);
  argumentCount('reversed', args, undefined, 1, 1);
  const [x] = args;
  if (x instanceof PyRange) return iterator(iterate(rt, new PyRange(x.at(x.size - 1n), x.start - x.step, -x.step)));
  if (x instanceof PyList || x instanceof PyTuple || typeof x === 'string' || (x instanceof PyObject && x.getitem && x.length)) {
    return iterator(arrayIterator(collect(rt, x).reverse()));
  }
  raise(TypeError, `'${typeName(x)}' object is not reversible`);
}

function sorted(rt: Runtime, args: readonly PyValue[], kwargs: Kwargs): PyValue {
  if (args.length !== 1) raise(TypeError, args.length ? `sorted expected 1 argument, got ${args.length}` : 'sorted expected 1 argument, got 0');
  const items = collect(rt, args[0]);
  sortItems(rt, items, kwargs, 'sort');
  return new PyList(items);
}

function anyAll(name: 'any' | 'all'): BuiltinImplementation {
  return (rt, args, kwargs) => {
    noKeywords(name, kwargs);
    argumentCount(name, args, undefined, 1, 1);
    const source = iterate(rt, args[0]);
    for (let item = source.next(); item !== DONE; item = source.next()) {
      if (truthy(rt, item) === (name === 'any')) return name === 'any';
    }
    return name === 'all';
  };
}

function iter(rt: Runtime, args: readonly PyValue[]): PyValue {
  argumentCount('iter', args, undefined, 1, 1);
  const [x] = args;
  if (x instanceof PyIteratorObject) return x;
  return iterator(iterate(rt, x));
}

function next(_rt: Runtime, args: readonly PyValue[]): PyValue {
  argumentCount('next', args, undefined, 1, 2);
  const [it, fallback] = args;
  if (!(it instanceof PyIteratorObject)) raise(TypeError, `'${typeName(it)}' object is not an iterator`);
  const item = it.next();
  if (item !== DONE) return item;
  if (fallback !== undefined) return fallback;
  throw new PyError(StopIteration, []);
}

// -- introspection -------------------------------------------------------------------------------------------

function isinstance(_rt: Runtime, args: readonly PyValue[]): PyValue {
  argumentCount('isinstance', args, undefined, 2, 2);
  const [value, types] = args;
  const check = (candidate: PyValue): boolean => {
    if (candidate instanceof PyTuple) return candidate.items.some(check);
    if (!(candidate instanceof PyType)) raise(TypeError, 'isinstance() arg 2 must be a type, a tuple of types, or a union');
    return typeOf(value).isSubclassOf(candidate);
  };
  return check(types);
}

function getattrBuiltin(rt: Runtime, args: readonly PyValue[]): PyValue {
  argumentCount('getattr', args, undefined, 2, 3);
  const [object, name, fallback] = args;
  if (typeof name !== 'string') raise(TypeError, `attribute name must be string, not '${typeName(name)}'`);
  try {
    return getattr(rt, object, name);
  } catch (error) {
    if (fallback !== undefined && error instanceof PyError && error.type.name === 'AttributeError') return fallback;
    throw error;
  }
}

function hasattr(rt: Runtime, args: readonly PyValue[]): PyValue {
  argumentCount('hasattr', args, undefined, 2, 2);
  try {
    getattrBuiltin(rt, [args[0], args[1]]);
    return true;
  } catch (error) {
    if (error instanceof PyError && error.type.name === 'AttributeError') return false;
    throw error;
  }
}

const HASH_MODULUS = 2n ** 61n - 1n;

/** CPython's hash of a number: the value modulo 2**61 − 1 (a float as its exact rational), −1 made −2. */
function numberHash(value: bigint | number): bigint {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) throw new Refusal('the hash of a NaN is its address in CPython, which Activation Lens cannot know');
    if (!Number.isFinite(value)) return value > 0 ? 314159n : -314159n;
  }
  const { numerator, shift } = typeof value === 'bigint' ? { numerator: value, shift: 0 } : exactRational(value);
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  // 2**61 ≡ 1, so dividing by 2**shift is multiplying by 2**(61 − shift mod 61).
  let hash = ((magnitude % HASH_MODULUS) * ((1n << BigInt((61 - (shift % 61)) % 61)) % HASH_MODULUS)) % HASH_MODULUS;
  if (negative) hash = -hash;
  return hash === -1n ? -2n : hash;
}

function hash(_rt: Runtime, args: readonly PyValue[]): PyValue {
  argumentCount('hash', args, undefined, 1, 1);
  const [x] = args;
  if (typeof x === 'bigint' || typeof x === 'number') return numberHash(x);
  if (typeof x === 'boolean') return x ? 1n : 0n;
  if (x instanceof PyList || x instanceof PyDict || x instanceof PySet) raise(TypeError, `unhashable type: '${typeName(x)}'`);
  throw new Refusal(`the hash of ${typeName(x)} objects differs from run to run in CPython (or is their address); Activation Lens does not give it`);
}

function radix(name: 'hex' | 'oct' | 'bin', base: number, prefix: string): BuiltinImplementation {
  return (_rt, args) => {
    argumentCount(name, args, undefined, 1, 1);
    const value = toIndex(args[0]);
    return (value < 0n ? '-' : '') + prefix + (value < 0n ? -value : value).toString(base);
  };
}

function refusing(name: string, why: string): PyBuiltin {
  return builtin(name, () => {
    throw new Refusal(`\`${name}()\` ${why}`);
  });
}

const OUTSIDE = 'reaches outside the code, which Activation Lens never does';

/** The builtins module, in CPython's order of names. */
export function createBuiltins(): Map<string, PyValue> {
  const names = new Map<string, PyValue>([
    ['print', builtin('print', print)],
    ['abs', builtin('abs', abs)],
    ['round', builtin('round', round)],
    ['divmod', builtin('divmod', divmod)],
    ['pow', builtin('pow', pow)],
    ['sum', builtin('sum', sum)],
    ['max', builtin('max', minMax('max'))],
    ['min', builtin('min', minMax('min'))],
    ['len', builtin('len', (rt, args, kwargs) => {
      noKeywords('len', kwargs);
      argumentCount('len', args, undefined, 1, 1);
      return BigInt(length(rt, args[0]));
    })],
    ['repr', builtin('repr', (rt, args) => (argumentCount('repr', args, undefined, 1, 1), repr(rt, args[0])))],
    ['ascii', builtin('ascii', (rt, args) => (argumentCount('ascii', args, undefined, 1, 1), repr(rt, args[0]).replace(/[^\x00-\x7f]/gu, (c) => { const code = c.codePointAt(0) as number; return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : code <= 0xffff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\U${code.toString(16).padStart(8, '0')}`; })))],
    ['format', builtin('format', (rt, args) => {
      argumentCount('format', args, undefined, 1, 2);
      const spec = args[1] ?? '';
      if (typeof spec !== 'string') raise(TypeError, `format() argument 2 must be str, not ${typeName(spec)}`);
      return formatValue(rt, args[0], spec);
    })],
    ['zip', builtin('zip', zip)],
    ['enumerate', builtin('enumerate', enumerate)],
    ['map', builtin('map', map)],
    ['filter', builtin('filter', filter)],
    ['reversed', builtin('reversed', reversed)],
    ['sorted', builtin('sorted', sorted)],
    ['any', builtin('any', anyAll('any'))],
    ['all', builtin('all', anyAll('all'))],
    ['iter', builtin('iter', iter)],
    ['next', builtin('next', next)],
    ['isinstance', builtin('isinstance', isinstance)],
    ['issubclass', builtin('issubclass', (_rt, args) => {
      argumentCount('issubclass', args, undefined, 2, 2);
      const [a, b] = args;
      if (!(a instanceof PyType)) raise(TypeError, 'issubclass() arg 1 must be a class');
      const targets = b instanceof PyTuple ? b.items : [b];
      return targets.some((target) => target instanceof PyType && a.isSubclassOf(target));
    })],
    ['callable', builtin('callable', (_rt, args) => (argumentCount('callable', args, undefined, 1, 1), args[0] instanceof PyObject && (args[0].call !== undefined || args[0] instanceof PyType)))],
    ['getattr', builtin('getattr', getattrBuiltin)],
    ['hasattr', builtin('hasattr', hasattr)],
    ['hash', builtin('hash', hash)],
    ['hex', builtin('hex', radix('hex', 16, '0x'))],
    ['oct', builtin('oct', radix('oct', 8, '0o'))],
    ['bin', builtin('bin', radix('bin', 2, '0b'))],
    ['chr', builtin('chr', (_rt, args) => {
      argumentCount('chr', args, undefined, 1, 1);
      const code = toIndex(args[0]);
      if (code < 0n || code > 0x10ffffn) raise(ValueError, 'chr() arg not in range(0x110000)');
      return String.fromCodePoint(Number(code));
    })],
    ['ord', builtin('ord', (_rt, args) => {
      argumentCount('ord', args, undefined, 1, 1);
      const [c] = args;
      if (typeof c !== 'string') raise(TypeError, `ord() expected string of length 1, but ${typeName(c)} found`);
      const points = codePoints(c);
      if (points.length !== 1) raise(TypeError, `ord() expected a character, but string of length ${points.length} found`);
      return BigInt(points[0].codePointAt(0) as number);
    })],
    ['Ellipsis', ELLIPSIS_VALUE],
    ['bool', BOOL],
    ['int', INT],
    ['float', FLOAT],
    ['str', STR],
    ['list', LIST],
    ['tuple', TUPLE],
    ['dict', DICT],
    ['set', SET],
    ['range', RANGE],
    ['slice', SLICE],
    ['type', TYPE],
  ]);
  for (const type of BUILTIN_EXCEPTIONS) names.set(type.name, type);
  // CPython's other exception classes, for `except OSError:` and the like.
  for (const name of CPYTHON_BUILTIN_NAMES) {
    if (names.has(name) || !/(Error|Exception|Warning|Exit|Interrupt|Group)$/.test(name)) continue;
    const type = new PyType(name, { base: Exception });
    type.construct = (_rt, args) => new PyExceptionInstance(type, args);
    names.set(name, type);
  }
  for (const name of ['open', 'input', 'breakpoint', '__import__', 'exit', 'quit', 'help']) names.set(name, refusing(name, OUTSIDE));
  for (const name of ['eval', 'exec', 'compile']) names.set(name, refusing(name, 'runs text as code, which Activation Lens never does'));
  for (const name of ['globals', 'locals', 'vars', 'dir', 'id', 'memoryview', 'bytearray', 'bytes', 'complex', 'frozenset', 'property', 'classmethod', 'staticmethod', 'super', 'object', 'setattr', 'delattr', 'aiter', 'anext', 'copyright', 'credits', 'license']) {
    if (!names.has(name)) names.set(name, refusing(name, 'is outside the Python Activation Lens interprets'));
  }
  return names;
}
