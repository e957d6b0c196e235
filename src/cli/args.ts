// What the CLI commands share: the terminal and files they use (`CliIo`, given by `cli.ts`, so each command
// runs in tests without a process) and argument parsing: positionals, `--flag value`, repeated `--param k=v`.
import { parseScalar } from '../language/scalar';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readFile: (path: string) => string;
}

/** A usage problem: printed as `error: <message>` with exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface ParsedArgs {
  readonly positionals: readonly string[];
  /** Last value of each `--option value`; boolean flags map to 'true'. */
  readonly options: ReadonlyMap<string, string>;
  /** Every `--param k=v`, in order. */
  readonly params: readonly (readonly [string, string])[];
}

/**
 * Parses argv against the options a command accepts. `valued` options take the next argument;
 * `flags` take none. `--param k=v` is always accepted. Unknown options are a UsageError.
 */
export function parseArgs(
  argv: readonly string[],
  spec: { readonly valued?: readonly string[]; readonly flags?: readonly string[] },
): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string>();
  const params: [string, string][] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    // A lone "-" or a negative number is a positional (values such as "-1.5").
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    const inline = eq === -1 ? undefined : arg.slice(eq + 1);
    if (name === 'param' || spec.valued?.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      if (name === 'param') params.push(splitParam(value));
      else options.set(name, value);
    } else if (spec.flags?.includes(name) && inline === undefined) {
      options.set(name, 'true');
    } else {
      const known = [...(spec.valued ?? []), ...(spec.flags ?? []), 'param'].map((option) => `--${option}`);
      throw new UsageError(`unknown option --${name}; expected one of: ${known.join(', ')}`);
    }
  }
  return { positionals, options, params };
}

function splitParam(text: string): [string, string] {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new UsageError(`--param expects name=value, got '${text}'`);
  return [text.slice(0, eq), text.slice(eq + 1)];
}

/** `--keras 2|3`, Keras 3 when absent. */
export function kerasVersionOf(args: ParsedArgs): '2' | '3' {
  const keras = args.options.get('keras') ?? '3';
  if (keras !== '2' && keras !== '3') throw new UsageError(`--keras must be 2 or 3, got '${keras}'`);
  return keras;
}

/** Reads a `--param` value as Python would write it: numbers, True/False, None, or a quoted string. */
export function parseParamValue(text: string): number | boolean | null | string {
  return parseScalar(text) ?? text.trim().replace(/^(['"])(.*)\1$/, '$2');
}
