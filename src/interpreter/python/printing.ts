// What Python prints: `repr(x)` and `str(x)` of the built-in values as CPython 3.11 writes them — floats
// as their shortest round-trip digits (numpyFloat's pythonFloatRepr), ints within CPython's digit limit,
// strings with CPython's quote choice and escapes, containers with `[...]` for themselves. Objects print
// through their own hooks (NumPy arrays, tensors); one Python would print by its memory address is
// refused, since the address cannot be known.
import { pythonFloatRepr } from '../../render/numpyFloat';
import { RecursionError, Refusal, raise } from './errors';
import { intToString } from './numbers';
import { PyDict, PyExceptionInstance, PyList, PyRange, PySet, PySlice, PyTuple } from './objects';
import { PyObject, type PyValue, type Runtime } from './types';

/** Containers being printed, to print a container inside itself as `[...]` / `{...}`. */
const printing = new Set<object>();
let depth = 0;

export function repr(rt: Runtime, value: PyValue): string {
  switch (typeof value) {
    case 'boolean':
      return value ? 'True' : 'False';
    case 'bigint':
      return intToString(value);
    case 'number':
      return pythonFloatRepr(value);
    case 'string':
      return stringRepr(value);
    default:
      if (value === null) return 'None';
      return objectRepr(rt, value);
  }
}

export function str(rt: Runtime, value: PyValue): string {
  if (typeof value === 'string') return value;
  if (value instanceof PyExceptionInstance) return exceptionStr(rt, value);
  if (value instanceof PyObject && value.str) return value.str(rt);
  return repr(rt, value);
}

/** `str(exception)`: its one argument's str, nothing for none, the tuple of several; a KeyError shows its key's repr. */
export function exceptionStr(rt: Runtime, exception: { readonly args: readonly unknown[]; readonly type: { readonly name: string } }): string {
  const args = exception.args as readonly PyValue[];
  if (args.length === 0) return '';
  if (args.length === 1) return exception.type.name === 'KeyError' ? repr(rt, args[0]) : str(rt, args[0]);
  return repr(rt, new PyTuple(args));
}

function guarded(_rt: Runtime, value: object, recursive: string, body: () => string): string {
  if (printing.has(value)) return recursive;
  if (++depth > 1000) {
    depth = 0;
    printing.clear();
    raise(RecursionError, 'maximum recursion depth exceeded while getting the repr of an object');
  }
  printing.add(value);
  try {
    return body();
  } finally {
    printing.delete(value);
    depth--;
  }
}

function objectRepr(rt: Runtime, value: PyObject): string {
  if (value instanceof PyList) return guarded(rt, value, '[...]', () => `[${value.items.map((item) => repr(rt, item)).join(', ')}]`);
  if (value instanceof PyTuple) {
    if (value.items.length === 1) return guarded(rt, value, '(...)', () => `(${repr(rt, value.items[0])},)`);
    return guarded(rt, value, '(...)', () => `(${value.items.map((item) => repr(rt, item)).join(', ')})`);
  }
  if (value instanceof PyDict) {
    return guarded(rt, value, '{...}', () => `{${[...value.entries.values()].map(([key, item]) => `${repr(rt, key)}: ${repr(rt, item)}`).join(', ')}}`);
  }
  if (value instanceof PySet) {
    if (value.entries.size === 0) return 'set()';
    return guarded(rt, value, '{...}', () => `{${[...value.entries.values()].map((item) => repr(rt, item)).join(', ')}}`);
  }
  if (value instanceof PyRange) return value.step === 1n ? `range(${value.start}, ${value.stop})` : `range(${value.start}, ${value.stop}, ${value.step})`;
  if (value instanceof PySlice) return `slice(${repr(rt, value.start)}, ${repr(rt, value.stop)}, ${repr(rt, value.step)})`;
  if (value instanceof PyExceptionInstance) {
    const args = value.args.map((arg) => repr(rt, arg)).join(', ');
    return `${value.exceptionType.name}(${args})`;
  }
  if (value.repr) return value.repr(rt);
  throw new Refusal(`Python prints ${describeObject(value)} with its memory address, which Activation Lens cannot know`);
}

function describeObject(value: PyObject): string {
  const name = (value as { name?: unknown }).name;
  const type = value.type.qualifiedName;
  return typeof name === 'string' ? `the ${type} \`${name}\`` : `${/^[aeiou]/i.test(type) ? 'an' : 'a'} ${type} object`;
}

/** CPython's repr of a str: single quotes unless the text has one and no double quote; unprintables escaped. */
export function stringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const c of text) {
    const code = c.codePointAt(0) ?? 0;
    if (c === quote || c === '\\') out += `\\${c}`;
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (!isPrintable(c, code)) out += code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : code <= 0xffff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\U${code.toString(16).padStart(8, '0')}`;
    else out += c;
  }
  return out + quote;
}

/** str.isprintable for one character: not a control, format, separator (but space), surrogate or unassigned. */
function isPrintable(c: string, code: number): boolean {
  if (code === 0x20) return true;
  return !/[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u.test(c);
}
