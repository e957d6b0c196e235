// What the CLI commands share: the terminal and files they use (`CliIo`, given by `cli.ts`, so each command
// runs in tests without a process), argument parsing (positionals, `--flag value`, repeated `--param k=v`), and
// the Keras version a command works with (`--keras`, else the one the file's project declares).
import { dirname, resolve } from 'node:path';
import { detectKerasVersionSync, type DeclarationProblem, type KerasVersion } from '../language/kerasVersion';
import { parseScalar } from '../language/scalar';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readFile: (path: string) => string;
  /** For `check --fix`. */
  readonly writeFile?: (path: string, text: string) => void;
  /** For the Keras version detection (`requirements-dev.txt` and the like; TF_USE_LEGACY_KERAS). */
  readonly listFolder?: (path: string) => readonly string[];
  /** For `check FOLDER`: whether the path names a folder. */
  readonly isFolder?: (path: string) => boolean;
  readonly environment?: Readonly<Record<string, string | undefined>>;
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

/** `--keras 2|3` when given. */
function kerasOption(args: ParsedArgs): '2' | '3' | undefined {
  const keras = args.options.get('keras');
  if (keras !== undefined && keras !== '2' && keras !== '3') throw new UsageError(`--keras must be 2 or 3, got '${keras}'`);
  return keras;
}

/** What the version detection may read (the CLI's io has these; a test's may lack the optional ones). */
export interface ProjectFiles {
  readonly readFile: (path: string) => string;
  readonly listFolder?: (path: string) => readonly string[];
  readonly environment?: Readonly<Record<string, string | undefined>>;
}

/** The Keras a command works with: `--keras`, else what the project of `file` (or the working folder) declares, else Keras 3. */
export interface CommandKeras {
  readonly major: '2' | '3';
  /** The declared version (`3.5`), when detected. */
  readonly version?: string;
  /** `--keras`, or the file that decided (relative to its folder), absent for the default. */
  readonly source?: string;
  readonly found?: KerasVersion;
  /** Declaration files that could not be read (the detection went on without them). */
  readonly problems: readonly DeclarationProblem[];
}

export function commandKeras(args: ParsedArgs, file: string | undefined, files: ProjectFiles): CommandKeras {
  const option = kerasOption(args);
  if (option) return { major: option, source: '--keras', problems: [] };
  const folder = resolve(file === undefined ? '.' : dirname(file));
  const { found, problems } = detectKerasVersionSync(readIfPresent(files), folder, {
    listFolder: (path) => {
      try {
        return files.listFolder?.(path);
      } catch {
        return undefined;
      }
    },
    environment: files.environment,
  });
  return found ? { major: found.major, ...(found.version ? { version: found.version } : {}), source: found.source, found, problems } : { major: '3', problems };
}

/** `--keras`, else the project's major version, else 3: what `scan`, `run`, `eval` and `describe` read with. */
export function kerasVersionOf(args: ParsedArgs, file?: string, files?: ProjectFiles): '2' | '3' {
  return files ? commandKeras(args, file, files).major : (kerasOption(args) ?? '3');
}

/** A reader that answers undefined for a file that does not exist (the detection asks for many). */
function readIfPresent(files: ProjectFiles): (path: string) => string | undefined {
  return (path) => {
    try {
      return files.readFile(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR' || (code === undefined && /ENOENT/.test(String(error)))) return undefined;
      throw error;
    }
  };
}

/** Reads a `--param` value as Python would write it: numbers, True/False, None, or a quoted string. */
export function parseParamValue(text: string): number | boolean | null | string {
  return parseScalar(text) ?? text.trim().replace(/^(['"])(.*)\1$/, '$2');
}
