// Attribute access as Python does it: an object's own attributes, then the methods of the built-in types
// (methods.ts), unbound methods on the types themselves, with CPython's AttributeError and its suggestion.
// The interpreter offers it to the object model as `Runtime.getattr`, since str.format looks attributes up too.
import { AttributeError, PyError, raise } from './errors';
import { methodNames, methodOf, unboundMethod } from './methods';
import { DICT, FLOAT, INT, LIST, PyDict, PyList, PyModule, PySet, PyTuple, SET, STR, TUPLE } from './objects';
import { suggestName, typeName, typeOf } from './ops';
import { PyObject, PyType, type PyValue, type Runtime } from './types';

export function getattr(rt: Runtime, value: PyValue, name: string): PyValue {
  if (value instanceof PyObject && value.getattr) {
    const found = value.getattr(rt, name);
    if (found !== undefined) return found;
  }
  const method = methodOf(rt, value, name);
  if (method !== undefined) return method;
  if (value instanceof PyType) {
    const example = TYPE_EXAMPLES.get(value);
    const unbound = example === undefined ? undefined : unboundMethod(value, name, example());
    if (unbound) return unbound;
  }
  if (name === '__class__') return typeOf(value);
  throw attributeError(value, name);
}

/** A value of each built-in type whose methods can be called unbound (`float.is_integer(3.0)`). */
const TYPE_EXAMPLES: ReadonlyMap<PyType, () => PyValue> = new Map<PyType, () => PyValue>([
  [INT, () => 0n], [FLOAT, () => 0], [STR, () => ''], [LIST, () => new PyList([])], [TUPLE, () => new PyTuple([])], [DICT, () => new PyDict()], [SET, () => new PySet()],
]);

/** CPython's AttributeError, with its "Did you mean" suggestion from the names the object has. */
export function attributeError(value: PyValue, name: string): PyError {
  const message =
    value instanceof PyModule
      ? `module '${value.name}' has no attribute '${name}'`
      : value instanceof PyType
        ? `type object '${value.qualifiedName}' has no attribute '${name}'`
        : `'${typeName(value)}' object has no attribute '${name}'`;
  const error = new PyError(AttributeError, [message]);
  // dir() is sorted, and a module's names include those not modelled here.
  const candidates = (value instanceof PyModule ? [...value.attributes.keys(), ...value.unmodelled] : methodNames(value)).sort();
  error.suggestion = suggestName(name, candidates);
  return error;
}

export function setattr(rt: Runtime, target: PyValue, name: string, value: PyValue): void {
  if (target instanceof PyObject && target.setattr) {
    target.setattr(rt, name, value);
    return;
  }
  if (target instanceof PyModule) {
    target.attributes.set(name, value);
    return;
  }
  if (methodOf(rt, target, name) !== undefined) raise(AttributeError, `'${typeName(target)}' object attribute '${name}' is read-only`);
  raise(AttributeError, `'${typeName(target)}' object has no attribute '${name}'`);
}

