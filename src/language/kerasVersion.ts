// Which Keras a project uses, read from its dependency declarations without running anything: the nearest
// folder (walking upward) that declares keras, TensorFlow or keras-core decides. Pure and browser-safe: files
// are read through the caller's `readFile` (vscode.workspace.fs in the extension, asynchronously; fs in the
// CLI, synchronously — the detection is written once as steps that ask for files, run either way).
//
// Rules (a folder's lock files beat its declarations; a declaration beats nothing):
// - `keras` decides when declared: `keras==3.5.0` → Keras 3.5, `keras<3` → Keras 2;
// - otherwise TensorFlow: `tensorflow<2.16` → Keras 2 (TensorFlow 2.x bundled Keras 2), `tensorflow>=2.16` →
//   Keras 3 — unless `tf-keras` is a dependency and TF_USE_LEGACY_KERAS is 1/true/True (.env, environment.yml
//   `variables`, or the caller's environment), which makes tf.keras Keras 2 at any TensorFlow;
// - a range decides the major by the newest version it allows (what a fresh install gets), and the version
//   by its lower bound when that is in the same major (the oldest release the project must still work with):
//   `keras>=3.0,<3.8` → Keras 3.0, `keras>=3.5` → 3.5, `keras>=2.12` → Keras 3 without a version,
//   `tensorflow>=2.10,<2.16` → Keras 2.10. Keras 2 versions are TensorFlow minors ("2.15").
import { load as loadYaml } from 'js-yaml';
import { parse as parseToml, TomlError } from 'smol-toml';
import { pythonStringParts, tokenizePython } from './pythonLexer';
import { TokenKind, isName, isOp, type TokenIndex } from './tokens';

/** Reads a file's text; undefined when it does not exist. */
export type ReadFile = (path: string) => Promise<string | undefined>;
/** The names of the entries of a folder; undefined when it cannot be listed. */
export type ListFolder = (path: string) => Promise<readonly string[] | undefined>;
/** `ReadFile` for callers that read synchronously (the CLI). */
export type ReadFileSync = (path: string) => string | undefined;
export type ListFolderSync = (path: string) => readonly string[] | undefined;

export interface KerasVersion {
  /** "3.5", "3.0.1", "2.15"; absent when only the major is known (`tensorflow>=2.16`). */
  readonly version?: string;
  readonly major: '2' | '3';
  /** The file that decided, relative to the folder whose declarations decided: `requirements.txt`, `requirements/base.txt`, `poetry.lock`. */
  readonly source: string;
  readonly path: string;
  /** What was read and how it maps: "keras==3.5.0 (requirements.txt, line 3)". */
  readonly detail: string;
}

/** A file that could not be read as its format (1-based line and column when known). */
export interface DeclarationProblem {
  readonly path: string;
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
}

export interface KerasVersionResult {
  readonly found?: KerasVersion;
  readonly problems: readonly DeclarationProblem[];
}

export interface DetectOptions {
  /** Lists a folder, to find `requirements-dev.txt` and the like; without it only `requirements.txt` is read. */
  readonly listFolder?: ListFolder;
  /** The walk upward stops after this folder (the workspace root). */
  readonly stopAt?: string;
  /** The environment the code runs in (the CLI's process.env), read after `.env` files. */
  readonly environment?: Readonly<Record<string, string | undefined>>;
}

export type DetectOptionsSync = Omit<DetectOptions, 'listFolder'> & { readonly listFolder?: ListFolderSync };

// ---------------------------------------------------------------------------------------------------
// Steps that read files: generators that yield what they need and get its answer back (or the reader's
// error thrown in), so that one detection runs over an asynchronous or a synchronous reader.

type Request = { readonly read: string } | { readonly list: string };
type Steps<T> = Generator<Request, T, unknown>;

function* readText(path: string): Steps<string | undefined> {
  return (yield { read: path }) as string | undefined;
}

/** A folder's entries; undefined when it cannot be listed (or the caller gave no way to list). */
function* listEntries(path: string): Steps<readonly string[] | undefined> {
  try {
    return (yield { list: path }) as readonly string[] | undefined;
  } catch {
    return undefined;
  }
}

async function runAsync<T>(steps: Steps<T>, readFile: ReadFile, listFolder: ListFolder | undefined): Promise<T> {
  for (let next = steps.next(); ; ) {
    if (next.done) return next.value;
    const request = next.value;
    let answer: unknown;
    try {
      answer = 'read' in request ? await readFile(request.read) : await listFolder?.(request.list);
    } catch (error) {
      next = steps.throw(error);
      continue;
    }
    next = steps.next(answer);
  }
}

function runSync<T>(steps: Steps<T>, readFile: ReadFileSync, listFolder: ListFolderSync | undefined): T {
  for (let next = steps.next(); ; ) {
    if (next.done) return next.value;
    const request = next.value;
    let answer: unknown;
    try {
      answer = 'read' in request ? readFile(request.read) : listFolder?.(request.list);
    } catch (error) {
      next = steps.throw(error);
      continue;
    }
    next = steps.next(answer);
  }
}

// ---------------------------------------------------------------------------------------------------
// Versions and ranges

type Release = readonly number[];

interface Bound {
  readonly release: Release;
  readonly inclusive: boolean;
}

/** One interval of allowed versions; a constraint is a union of them (Poetry's `||`, conda's `|`). */
interface Interval {
  readonly lower?: Bound;
  readonly upper?: Bound;
}

const ANY: Interval = {};

/** The release numbers of a version ("3.5.0rc1" → [3, 5, 0]; an epoch "1!" is dropped), or undefined. */
function releaseOf(version: string): Release | undefined {
  const match = /^\s*v?(?:\d+!)?(\d+(?:\.\d+)*)/.exec(version);
  return match ? match[1].split('.').map(Number) : undefined;
}

function compareReleases(a: Release, b: Release): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference) return Math.sign(difference);
  }
  return 0;
}

/** The release after every version starting with `prefix`: 3.5 → 3.6 (for `==3.5.*`, `~=3.5.0`, `^3.5`). */
function nextAfter(prefix: Release): Release {
  return [...prefix.slice(0, -1), prefix[prefix.length - 1] + 1];
}

function intersect(a: Interval, b: Interval): Interval {
  const lower = !a.lower ? b.lower : !b.lower ? a.lower : tighter(a.lower, b.lower, 1);
  const upper = !a.upper ? b.upper : !b.upper ? a.upper : tighter(a.upper, b.upper, -1);
  return { ...(lower ? { lower } : {}), ...(upper ? { upper } : {}) };
}

function tighter(a: Bound, b: Bound, direction: 1 | -1): Bound {
  const order = compareReleases(a.release, b.release) * direction;
  if (order !== 0) return order > 0 ? a : b;
  return a.inclusive ? b : a;
}

function isEmpty(interval: Interval): boolean {
  if (!interval.lower || !interval.upper) return false;
  const order = compareReleases(interval.lower.release, interval.upper.release);
  return order > 0 || (order === 0 && !(interval.lower.inclusive && interval.upper.inclusive));
}

/** One comparison (`>=3.5`, `==3.5.*`, `~=3.5`, `^3.5`, `3.5` alone) as an interval; undefined when unreadable. */
function comparisonInterval(operator: string, version: string, style: 'pep440' | 'poetry' | 'conda'): Interval | undefined {
  const wildcard = /\.\*$/.test(version) || (style === 'conda' && operator === '=');
  const release = releaseOf(version.replace(/\.\*$/, ''));
  if (!release) return version.trim() === '*' ? ANY : undefined;
  const at = (inclusive: boolean): Bound => ({ release, inclusive });
  const prefixRange = (prefix: Release): Interval => ({ lower: { release: prefix, inclusive: true }, upper: { release: nextAfter(prefix), inclusive: false } });
  switch (operator) {
    case '':
      // Poetry and Pipfile: a bare version is exact; conda: a bare version is a prefix (`tensorflow 2.15`).
      return style === 'conda' ? prefixRange(release) : { lower: at(true), upper: at(true) };
    case '==':
    case '===':
    case '=':
      return wildcard ? prefixRange(release) : { lower: at(true), upper: at(true) };
    case '!=':
      return ANY;
    case '>=':
      return { lower: at(true) };
    case '>':
      return { lower: at(false) };
    case '<=':
      return { upper: at(true) };
    case '<':
      return { upper: at(false) };
    case '~=':
      // ~=3.5 allows 3.x from 3.5; ~=3.5.2 allows 3.5.x from 3.5.2.
      return release.length < 2 ? undefined : { lower: at(true), upper: { release: nextAfter(release.slice(0, -1)), inclusive: false } };
    case '~':
      // Poetry: ~3.5 → >=3.5,<3.6; ~3 → >=3,<4.
      return { lower: at(true), upper: { release: nextAfter(release.slice(0, Math.min(2, release.length))), inclusive: false } };
    case '^': {
      // Poetry: the left-most non-zero number may not change.
      const significant = release.findIndex((part) => part !== 0);
      const keep = significant === -1 ? release.length : significant + 1;
      return { lower: at(true), upper: { release: nextAfter(release.slice(0, keep)), inclusive: false } };
    }
    default:
      return undefined;
  }
}

const COMPARISON = /^\s*(===|==|!=|~=|<=|>=|<|>|=|\^|~)?\s*(v?[0-9][0-9A-Za-z.!+*-]*|\*)\s*$/;

/** A whole constraint: comma-separated comparisons, alternatives split by `||` (Poetry) or `|` (conda). */
function parseConstraint(text: string, style: 'pep440' | 'poetry' | 'conda'): Interval[] | undefined {
  const trimmed = text.trim().replace(/^\((.*)\)$/, '$1');
  if (trimmed === '' || trimmed === '*') return [ANY];
  const alternatives = style === 'pep440' ? [trimmed] : trimmed.split(style === 'poetry' ? '||' : '|');
  const intervals: Interval[] = [];
  for (const alternative of alternatives) {
    let interval: Interval = ANY;
    // Poetry also separates comparisons with spaces (`>=3.0 <3.8`).
    const parts = alternative.split(',').flatMap((part) => (style === 'poetry' ? part.trim().split(/\s+(?=[<>=!~^])/) : [part]));
    for (const part of parts) {
      const match = COMPARISON.exec(part);
      const next = match && comparisonInterval(match[1] ?? '', match[2], style);
      if (!next) return undefined;
      interval = intersect(interval, next);
    }
    if (!isEmpty(interval)) intervals.push(interval);
  }
  return intervals;
}

/** Whether any allowed version lies in [from, to). */
function allowsBetween(intervals: readonly Interval[], from: Release, to?: Release): boolean {
  const span: Interval = { lower: { release: from, inclusive: true }, ...(to ? { upper: { release: to, inclusive: false } } : {}) };
  return intervals.some((interval) => !isEmpty(intersect(interval, span)));
}

/** The lowest allowed version within [from, to), when the constraint states one there. */
function lowerBoundBetween(intervals: readonly Interval[], from: Release, to: Release): Release | undefined {
  const bounds = intervals
    .map((interval) => interval.lower)
    .filter((lower): lower is Bound => lower !== undefined && compareReleases(lower.release, from) >= 0 && compareReleases(lower.release, to) < 0)
    .map((lower) => lower.release);
  return bounds.sort(compareReleases)[0];
}

/** "3.5.0" → "3.5", "3.0.1" → "3.0.1", "2.15.1" → "2.15" at minor precision. */
function versionText(release: Release, precision: 'release' | 'minor'): string {
  const parts = precision === 'minor' ? release.slice(0, 2) : [...release];
  while (parts.length > 2 && parts[parts.length - 1] === 0) parts.pop();
  while (parts.length < 2) parts.push(0);
  return parts.join('.');
}

// ---------------------------------------------------------------------------------------------------
// Requirements as read from files

/** A dependency on one package, normalised (PEP 503), with the allowed versions and where it was written. */
interface Requirement {
  readonly name: string;
  readonly intervals: readonly Interval[];
  /** As written, for the detail: `keras==3.5.0`, `keras 3.5.0 (locked)`. */
  readonly written: string;
  readonly file: string;
  readonly line?: number;
  readonly locked: boolean;
  /** From an optional group (extras, dev dependencies): used when nothing else names the package. */
  readonly optional: boolean;
}

const normaliseName = (name: string): string => name.toLowerCase().replace(/[-_.]+/g, '-');

const KERAS = new Set(['keras', 'keras-nightly']);
const KERAS_CORE = new Set(['keras-core']);
const TF_KERAS = new Set(['tf-keras', 'tf-keras-nightly']);
const TENSORFLOW = new Set([
  'tensorflow', 'tensorflow-cpu', 'tensorflow-gpu', 'tensorflow-macos', 'tensorflow-intel', 'tensorflow-aarch64',
  'tensorflow-rocm', 'tensorflow-cpu-aws', 'intel-tensorflow', 'tf-nightly', 'tf-nightly-cpu', 'tf-nightly-gpu',
]);
const RELEVANT = new Set([...KERAS, ...KERAS_CORE, ...TF_KERAS, ...TENSORFLOW]);

interface Place {
  readonly file: string;
  readonly line?: number;
  readonly optional: boolean;
}

/** A version read from a wheel or sdist file name in a URL requirement (`keras @ …/keras-3.5.0-py3-none-any.whl`). */
function versionFromArchive(url: string, name: string): string | undefined {
  const file = url.split(/[/\\]/).pop() ?? '';
  const match = /^([A-Za-z0-9_.]+?)-(\d+(?:\.\d+)*)(?:[-.]|$)/.exec(file);
  return match && normaliseName(match[1]) === name ? match[2] : undefined;
}

/**
 * A PEP 508 requirement (`keras[tf]>=3.0,<3.8; python_version >= "3.9"`, `keras @ https://…/keras-3.5.0-….whl`)
 * when it names a package this module cares about; environment markers are not evaluated.
 */
function parseRequirement(text: string, place: Place): Requirement | undefined | 'unreadable' {
  const withoutMarker = text.split(';')[0].trim();
  const match = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(.*)$/.exec(withoutMarker);
  if (!match) return undefined;
  const name = normaliseName(match[1]);
  if (!RELEVANT.has(name)) return undefined;
  const rest = match[2].trim();
  let intervals: Interval[] | undefined;
  if (rest.startsWith('@')) {
    const version = versionFromArchive(rest.slice(1).trim(), name);
    intervals = version ? parseConstraint(`==${version}`, 'pep440') : [ANY];
  } else {
    intervals = parseConstraint(rest, 'pep440');
  }
  if (!intervals) return 'unreadable';
  return { name, intervals, written: withoutMarker, file: place.file, line: place.line, locked: false, optional: place.optional };
}

/** Reads requirement strings from a list (PEP 621, setup.cfg, setup.py, environment.yml's pip), noting unreadable ones. */
class Collector {
  readonly requirements: Requirement[] = [];
  readonly problems: DeclarationProblem[] = [];
  /** Variables a file sets for the environment (environment.yml `variables`). */
  readonly variables = new Map<string, { value: string; file: string }>();

  constructor(readonly folder: string) {}

  requirement(text: string, place: Place, path: string): void {
    const parsed = parseRequirement(text, place);
    if (parsed === 'unreadable') this.problem(path, `\`${text.trim()}\`: the version constraint is not one pip reads`, place.line);
    else if (parsed) this.requirements.push(parsed);
  }

  add(requirement: Requirement): void {
    this.requirements.push(requirement);
  }

  problem(path: string, message: string, line?: number, column?: number): void {
    this.problems.push({ path, message, ...(line !== undefined ? { line } : {}), ...(column !== undefined ? { column } : {}) });
  }
}

// ---------------------------------------------------------------------------------------------------
// Paths

const separatorOf = (path: string): string => (path.includes('\\') && !path.includes('/') ? '\\' : '/');

function joinPath(folder: string, relative: string): string {
  const separator = separatorOf(folder);
  const parts = (folder.endsWith(separator) ? folder.slice(0, -1) : folder).split(separator);
  for (const part of relative.split(/[/\\]/)) {
    if (part === '..') {
      if (parts.length > 1) parts.pop();
    } else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join(separator) || separator;
}

function parentOf(path: string): string | undefined {
  const trimmed = path.length > 1 ? path.replace(/[/\\]+$/, '') : path;
  const cut = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
  if (cut < 0) return undefined;
  const parent = cut === 0 ? trimmed.slice(0, 1) : trimmed.slice(0, cut);
  return parent === trimmed ? undefined : /^[A-Za-z]:$/.test(parent) ? `${parent}\\` : parent;
}

const relativeTo = (folder: string, path: string): string => (path.startsWith(folder) ? path.slice(folder.length).replace(/^[/\\]+/, '') : path);

const sameFolder = (a: string, b: string): boolean => a.replace(/[/\\]+$/, '') === b.replace(/[/\\]+$/, '');

// ---------------------------------------------------------------------------------------------------
// Formats

function* safeRead(path: string, collector: Collector): Steps<string | undefined> {
  try {
    return yield* readText(path);
  } catch (error) {
    collector.problem(path, `could not be read: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

/** requirements*.txt: one requirement a line, `-r`/`-c` includes, `#` comments, `\` continuations, pip options. */
function* readRequirementsFile(path: string, collector: Collector, seen: Set<string>, optional: boolean): Steps<boolean> {
  if (seen.has(path)) return true;
  seen.add(path);
  const text = yield* safeRead(path, collector);
  if (text === undefined) return false;
  const file = relativeTo(collector.folder, path);
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const lineNumber = i + 1;
    let line = lines[i];
    while (line.endsWith('\\') && i + 1 < lines.length) line = line.slice(0, -1) + lines[++i];
    // pip: a comment starts at `#` at the line's start or after whitespace (URLs keep `#egg=`).
    const content = line.replace(/(^|\s)#.*$/, '').trim();
    if (!content) continue;
    const include = /^(?:-r|--requirement|-c|--constraint)(?:\s+|=)(.+)$/.exec(content);
    if (include) {
      const target = joinPath(parentOf(path) ?? '', include[1].trim());
      if (!(yield* readRequirementsFile(target, collector, seen, optional))) {
        collector.problem(path, `\`${content}\`: ${include[1].trim()} does not exist`, lineNumber);
      }
      continue;
    }
    if (content.startsWith('-')) continue; // -e, -i, --index-url, -f, --hash lines: no requirement of ours
    collector.requirement(content.replace(/\s--hash[=\s]\S+/g, ''), { file, line: lineNumber, optional }, path);
  }
  return true;
}

function tomlProblem(collector: Collector, path: string, error: unknown): void {
  if (error instanceof TomlError) collector.problem(path, `not valid TOML: ${error.message.split('\n')[0]}`, error.line, error.column);
  else collector.problem(path, `not valid TOML: ${error instanceof Error ? error.message : String(error)}`);
}

function parseTomlFile(text: string, path: string, collector: Collector): Record<string, unknown> | undefined {
  try {
    return parseToml(text) as Record<string, unknown>;
  } catch (error) {
    tomlProblem(collector, path, error);
    return undefined;
  }
}

const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

const stringsOf = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

/** The line a TOML key or requirement string appears on, for positions in the details (first occurrence). */
function lineOf(text: string, needle: string): number | undefined {
  const at = text.indexOf(needle);
  return at < 0 ? undefined : text.slice(0, at).split('\n').length;
}

/** pyproject.toml: PEP 621 dependencies and optional-dependencies, PEP 735 dependency-groups, Poetry, uv dev-dependencies. */
function readPyproject(text: string, path: string, collector: Collector): void {
  const toml = parseTomlFile(text, path, collector);
  if (!toml) return;
  const file = relativeTo(collector.folder, path);
  const fromList = (list: unknown, optional: boolean): void => {
    for (const requirement of stringsOf(list)) collector.requirement(requirement, { file, line: lineOf(text, requirement), optional }, path);
  };
  const project = asRecord(toml.project);
  fromList(project?.dependencies, false);
  for (const group of Object.values(asRecord(project?.['optional-dependencies']) ?? {})) fromList(group, true);
  for (const group of Object.values(asRecord(toml['dependency-groups']) ?? {})) fromList(group, true);
  const tool = asRecord(toml.tool);
  fromList(asRecord(tool?.uv)?.['dev-dependencies'], true);
  const poetry = asRecord(tool?.poetry);
  readPoetryTable(asRecord(poetry?.dependencies), text, path, collector, false);
  readPoetryTable(asRecord(poetry?.['dev-dependencies']), text, path, collector, true);
  for (const group of Object.values(asRecord(poetry?.group) ?? {})) readPoetryTable(asRecord(asRecord(group)?.dependencies), text, path, collector, true);
}

/** `[tool.poetry.dependencies]` and Pipfile `[packages]`: name = "constraint" | { version = "…" } | [ {…}, … ]. */
function readPoetryTable(table: Record<string, unknown> | undefined, text: string, path: string, collector: Collector, optional: boolean, style: 'poetry' | 'pep440' = 'poetry'): void {
  for (const [rawName, value] of Object.entries(table ?? {})) {
    const name = normaliseName(rawName);
    if (!RELEVANT.has(name)) continue;
    const entries = Array.isArray(value) ? value : [value];
    const constraints = entries.map((entry) => (typeof entry === 'string' ? entry : asRecord(entry)?.version)).map((entry) => (typeof entry === 'string' ? entry : '*'));
    const intervals = constraints.map((constraint) => parseConstraint(constraint, style));
    const line = lineOf(text, `${rawName} =`) ?? lineOf(text, `${rawName}=`);
    if (intervals.some((interval) => interval === undefined)) {
      collector.problem(path, `${rawName} = "${constraints.join('" / "')}": the version constraint is not readable`, line);
      continue;
    }
    const isOptional = optional || entries.some((entry) => asRecord(entry)?.optional === true);
    collector.add({ name, intervals: intervals.flat() as Interval[], written: `${rawName} = "${constraints.join(' || ')}"`, file: relativeTo(collector.folder, path), line, locked: false, optional: isOptional });
  }
}

/** Pipfile: TOML with [packages] and [dev-packages], PEP 440 constraints ("==3.5.0", "*", ">=3"). */
function readPipfile(text: string, path: string, collector: Collector): void {
  const toml = parseTomlFile(text, path, collector);
  if (!toml) return;
  readPoetryTable(asRecord(toml.packages), text, path, collector, false, 'pep440');
  readPoetryTable(asRecord(toml['dev-packages']), text, path, collector, true, 'pep440');
}

function locked(name: string, version: string, file: string, line: number | undefined): Requirement | undefined {
  const release = releaseOf(version);
  if (!release) return undefined;
  return { name, intervals: [{ lower: { release, inclusive: true }, upper: { release, inclusive: true } }], written: `${name} ${version} locked`, file, line, locked: true, optional: false };
}

/** poetry.lock and uv.lock: [[package]] tables with name and version (uv may lock several versions: all kept). */
function readPackageLock(text: string, path: string, collector: Collector): void {
  const toml = parseTomlFile(text, path, collector);
  if (!toml) return;
  const file = relativeTo(collector.folder, path);
  const packages = Array.isArray(toml.package) ? toml.package : [];
  for (const entry of packages) {
    const record = asRecord(entry);
    if (typeof record?.name !== 'string' || typeof record.version !== 'string') continue;
    const name = normaliseName(record.name);
    if (!RELEVANT.has(name)) continue;
    const requirement = locked(name, record.version, file, lineOf(text, `name = "${record.name}"`));
    if (requirement) collector.add(requirement);
  }
}

/** Pipfile.lock: JSON, {"default": {"keras": {"version": "==3.5.0"}}, "develop": {…}}. */
function readPipfileLock(text: string, path: string, collector: Collector): void {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec(error instanceof Error ? error.message : '');
    const before = position ? text.slice(0, Number(position[1])).split('\n') : undefined;
    collector.problem(path, `not valid JSON: ${error instanceof Error ? error.message : String(error)}`, before?.length, before && before[before.length - 1].length + 1);
    return;
  }
  const file = relativeTo(collector.folder, path);
  for (const section of ['default', 'develop']) {
    for (const [rawName, value] of Object.entries(asRecord(asRecord(json)?.[section]) ?? {})) {
      const name = normaliseName(rawName);
      const version = asRecord(value)?.version;
      if (!RELEVANT.has(name) || typeof version !== 'string') continue;
      const requirement = locked(name, version.replace(/^==/, ''), file, lineOf(text, `"${rawName}"`));
      if (requirement) collector.add(requirement);
    }
  }
}

/** setup.cfg: [options] install_requires and [options.extras_require], INI with indented continuation lines. */
function readSetupCfg(text: string, path: string, collector: Collector): void {
  const file = relativeTo(collector.folder, path);
  let section = '';
  let key = '';
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((raw, index) => {
    const line = raw.replace(/\s[#;].*$/, '');
    if (/^\s*[#;]/.test(raw) || !line.trim()) return;
    const header = /^\[([^\]]+)\]\s*$/.exec(line);
    if (header) {
      section = header[1].trim();
      key = '';
      return;
    }
    const assignment = /^(\S[^=:]*?)\s*[=:]\s*(.*)$/.exec(line);
    let value: string;
    if (assignment && !/^\s/.test(line)) {
      key = assignment[1].trim();
      value = assignment[2];
    } else {
      value = line;
    }
    const wanted = (section === 'options' && key === 'install_requires') || section === 'options.extras_require';
    if (!wanted) return;
    const optional = section === 'options.extras_require';
    // A one-line value separates requirements with `;` (setuptools' list-semi); a dangling list, one a line.
    const items = assignment && !/^\s/.test(line) && value.includes(';') && !value.includes('"') ? value.split(';') : [value];
    for (const item of items) if (item.trim()) collector.requirement(item.trim(), { file, line: index + 1, optional }, path);
  });
}

/** The string literals directly in the bracket token `open` and any brackets inside it. */
function stringsInBracket(tokens: TokenIndex, open: number): { value: string; offset: number }[] {
  const end = tokens.match[open];
  const strings: { value: string; offset: number }[] = [];
  for (let i = open + 1; i < (end === -1 ? tokens.count : end); i++) {
    if (tokens.kind[i] !== TokenKind.String) continue;
    const parts = pythonStringParts(tokens.text, tokens.start[i], tokens.end[i]);
    if (!parts.prefix.includes('f')) strings.push({ value: tokens.text.slice(parts.contentStart, parts.contentEnd), offset: tokens.start[i] });
  }
  return strings;
}

/** setup.py read as text, never run: `install_requires=[…]` (or a name bound to a list) and `extras_require={…}`. */
function readSetupPy(text: string, path: string, collector: Collector): void {
  const tokens = tokenizePython(text);
  const file = relativeTo(collector.folder, path);
  const lineAt = (offset: number): number => text.slice(0, offset).split('\n').length;
  /** The list bound to a top-level name: `REQUIRED = [...]`. */
  const boundList = (name: string): number | undefined => {
    for (let i = 0; i + 2 < tokens.count; i++) {
      if (isName(tokens, i, name) && tokens.parent[i] === -1 && isOp(tokens, i + 1, '=') && tokens.kind[i + 2] === TokenKind.Open) return i + 2;
    }
    return undefined;
  };
  for (let i = 0; i + 2 < tokens.count; i++) {
    const keyword = isName(tokens, i, 'install_requires') ? 'install_requires' : isName(tokens, i, 'extras_require') ? 'extras_require' : undefined;
    if (!keyword || !isOp(tokens, i + 1, '=')) continue;
    const value = i + 2;
    const open = tokens.kind[value] === TokenKind.Open ? value : tokens.kind[value] === TokenKind.Name ? boundList(text.slice(tokens.start[value], tokens.end[value])) : undefined;
    if (open === undefined) {
      collector.problem(path, `${keyword} is computed (\`${text.slice(tokens.start[value], tokens.end[value])}…\`), not a list of strings: not read`, lineAt(tokens.start[i]));
      continue;
    }
    for (const { value: requirement, offset } of stringsInBracket(tokens, open)) {
      collector.requirement(requirement, { file, line: lineAt(offset), optional: keyword === 'extras_require' }, path);
    }
  }
}

/** environment.yml: conda specs (`tensorflow=2.15`, `conda-forge::keras>=3`), a `pip:` list, and `variables`. */
function readEnvironmentYml(text: string, path: string, collector: Collector): void {
  let yaml: unknown;
  try {
    yaml = loadYaml(text);
  } catch (error) {
    const mark = (error as { mark?: { line: number; column: number } }).mark;
    const reason = (error as { reason?: string }).reason ?? (error instanceof Error ? error.message : String(error));
    collector.problem(path, `not valid YAML: ${reason}`, mark && mark.line + 1, mark && mark.column + 1);
    return;
  }
  const file = relativeTo(collector.folder, path);
  const environment = asRecord(yaml);
  if (!environment) {
    if (yaml !== undefined && yaml !== null) collector.problem(path, 'not a conda environment: expected a mapping with `dependencies`');
    return;
  }
  const dependencies = Array.isArray(environment.dependencies) ? environment.dependencies : [];
  for (const dependency of dependencies) {
    if (typeof dependency === 'string') {
      readCondaSpec(dependency, { file, line: lineOf(text, dependency), optional: false }, path, collector);
    } else {
      for (const requirement of stringsOf(asRecord(dependency)?.pip)) collector.requirement(requirement, { file, line: lineOf(text, requirement), optional: false }, path);
    }
  }
  for (const [name, value] of Object.entries(asRecord(environment.variables) ?? {})) {
    collector.variables.set(name, { value: String(value), file });
  }
}

/** A conda match spec: `[channel::]name[ version[ build]]`, `name=2.15[=build]` (2.15.*), `name==2.15.0`, `name>=a,<b`. */
function readCondaSpec(spec: string, where: Place, path: string, collector: Collector): void {
  const match = /^(?:[^:\s]+::)?([A-Za-z0-9][A-Za-z0-9._-]*)\s*(.*)$/.exec(spec.trim());
  if (!match) return;
  const name = normaliseName(match[1]);
  if (!RELEVANT.has(name)) return;
  const rest = match[2].trim();
  let constraint: string;
  if (rest.startsWith('==')) constraint = `==${rest.slice(2).split('=')[0]}`; // exact, then an optional build
  else if (rest.startsWith('=')) constraint = `=${rest.slice(1).split('=')[0]}`; // fuzzy: 2.15 means 2.15.*
  else constraint = rest.split(/\s+/)[0]; // a bare version is a prefix too; a build string may follow a space
  const intervals = parseConstraint(constraint, 'conda');
  if (!intervals) {
    collector.problem(path, `\`${spec}\`: the version constraint is not one conda reads`, where.line);
    return;
  }
  collector.add({ name, intervals, written: spec.trim(), file: where.file, line: where.line, locked: false, optional: false });
}

/** `.env`: KEY=VALUE lines (`export`, quotes and comments allowed); only the value of `name` is wanted. */
function dotenvValue(text: string, name: string): string | undefined {
  let value: string | undefined;
  for (const line of text.split(/\r\n|\r|\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match || match[1] !== name) continue;
    const raw = match[2];
    const quoted = /^(['"])(.*)\1/.exec(raw);
    value = quoted ? quoted[2] : raw.replace(/\s+#.*$/, '');
  }
  return value;
}

// ---------------------------------------------------------------------------------------------------
// One folder

/** The files read in a folder, in the order their declarations are preferred. */
const DECLARATIONS = ['pyproject.toml', 'requirements.txt', 'setup.cfg', 'setup.py', 'environment.yml', 'environment.yaml', 'Pipfile'] as const;
const LOCKS = ['poetry.lock', 'uv.lock', 'Pipfile.lock'] as const;

function* readFolder(folder: string): Steps<Collector> {
  const collector = new Collector(folder);
  const seen = new Set<string>();
  const listing = yield* listEntries(folder);
  const extraRequirements = (listing ?? []).filter((name) => /^requirements.*\.txt$/i.test(name) && name !== 'requirements.txt').sort();
  for (const name of [...LOCKS, ...DECLARATIONS, ...extraRequirements]) {
    const path = joinPath(folder, name);
    if (name.endsWith('.txt')) {
      yield* readRequirementsFile(path, collector, seen, name !== 'requirements.txt' && /dev|test|doc|lint/i.test(name));
      continue;
    }
    const text = yield* safeRead(path, collector);
    if (text === undefined) continue;
    if (name === 'pyproject.toml') readPyproject(text, path, collector);
    else if (name === 'setup.cfg') readSetupCfg(text, path, collector);
    else if (name === 'setup.py') readSetupPy(text, path, collector);
    else if (name.startsWith('environment.')) readEnvironmentYml(text, path, collector);
    else if (name === 'Pipfile') readPipfile(text, path, collector);
    else if (name === 'Pipfile.lock') readPipfileLock(text, path, collector);
    else readPackageLock(text, path, collector);
  }
  return collector;
}

/** The requirement that speaks for a family of packages: a locked version, else a main declaration, else an optional one;
 *  among equals the first read, or — for alternatives under different markers — the one allowing the newest version. */
function decisive(requirements: readonly Requirement[], family: ReadonlySet<string>): Requirement | undefined {
  const candidates = requirements.filter((requirement) => family.has(requirement.name));
  const rank = (requirement: Requirement): number => (requirement.locked ? 0 : requirement.optional ? 2 : 1);
  const best = Math.min(...candidates.map(rank));
  const tier = candidates.filter((requirement) => rank(requirement) === best);
  const sameFile = tier.filter((requirement) => requirement.file === tier[0]?.file);
  return sameFile.sort((a, b) => compareReleases(newestAllowed(b), newestAllowed(a)))[0];
}

/** For ordering alternatives: the upper end of what a requirement allows (unbounded counts as highest). */
function newestAllowed(requirement: Requirement): Release {
  const uppers = requirement.intervals.map((interval) => interval.upper?.release ?? [Infinity]);
  return uppers.sort(compareReleases)[uppers.length - 1] ?? [Infinity];
}

const whereWritten = (requirement: Requirement): string => `${requirement.file}${requirement.line ? `, line ${requirement.line}` : ''}`;

const KERAS_2: Release = [2];
const KERAS_3: Release = [3];
const KERAS_4: Release = [4];
const TF_KERAS_3: Release = [2, 16];

function fromKeras(keras: Requirement, folder: string): KerasVersion | undefined {
  // The newest major the constraint allows; a Keras 1 (or 4) constraint decides nothing.
  const major = allowsBetween(keras.intervals, KERAS_3, KERAS_4) ? '3' : allowsBetween(keras.intervals, KERAS_2, KERAS_3) ? '2' : undefined;
  if (!major) return undefined;
  const lowest = major === '3' ? lowerBoundBetween(keras.intervals, KERAS_3, KERAS_4) : lowerBoundBetween(keras.intervals, KERAS_2, KERAS_3);
  const version = lowest && versionText(lowest, major === '2' ? 'minor' : 'release');
  const [only] = keras.intervals;
  const exact = keras.intervals.length === 1 && only.lower && only.upper && compareReleases(only.lower.release, only.upper.release) === 0;
  const how = keras.locked || exact ? '' : version ? `: the lowest Keras ${major} it allows` : `: some Keras ${major}, the newest it allows`;
  return result(major, version, keras, folder, `${keras.written} (${whereWritten(keras)})${how}`);
}

function fromTensorflow(tensorflow: Requirement, folder: string): KerasVersion {
  if (allowsBetween(tensorflow.intervals, TF_KERAS_3)) {
    return result('3', undefined, tensorflow, folder, `${tensorflow.written} (${whereWritten(tensorflow)}): TensorFlow 2.16 and later use Keras 3`);
  }
  const lowest = lowerBoundBetween(tensorflow.intervals, [2], TF_KERAS_3);
  const version = lowest && versionText(lowest, 'minor');
  return result('2', version, tensorflow, folder, `${tensorflow.written} (${whereWritten(tensorflow)}): TensorFlow before 2.16 bundles Keras 2${version ? ` (tf.keras ${version})` : ''}`);
}

function result(major: '2' | '3', version: string | undefined, requirement: Requirement, folder: string, detail: string): KerasVersion {
  return { ...(version ? { version } : {}), major, source: requirement.file, path: joinPath(folder, requirement.file), detail };
}

const LEGACY_VALUES = new Set(['1', 'true', 'True']);

/** Where TF_USE_LEGACY_KERAS is set for this folder: environment.yml `variables`, `.env` here or above, the caller's environment. */
function* legacyKerasSetting(folder: string, collector: Collector, options: Pick<DetectOptions, 'stopAt' | 'environment'>): Steps<{ value: string; where: string } | undefined> {
  const fromYaml = collector.variables.get('TF_USE_LEGACY_KERAS');
  if (fromYaml) return { value: fromYaml.value, where: fromYaml.file };
  let up = 0;
  for (let current: string | undefined = folder; current !== undefined; current = parentOf(current), up++) {
    const text = yield* safeRead(joinPath(current, '.env'), collector);
    const value = text === undefined ? undefined : dotenvValue(text, 'TF_USE_LEGACY_KERAS');
    if (value !== undefined) return { value, where: `${'../'.repeat(up)}.env` };
    if (options.stopAt !== undefined && sameFolder(current, options.stopAt)) break;
  }
  const value = options.environment?.TF_USE_LEGACY_KERAS;
  return value === undefined ? undefined : { value, where: 'the environment' };
}

function* decide(folder: string, collector: Collector, options: Pick<DetectOptions, 'stopAt' | 'environment'>): Steps<KerasVersion | undefined> {
  const requirements = collector.requirements;
  const keras = decisive(requirements, KERAS);
  const tensorflow = decisive(requirements, TENSORFLOW);
  const tfKeras = decisive(requirements, TF_KERAS);
  if (tensorflow && tfKeras && allowsBetween(tensorflow.intervals, TF_KERAS_3)) {
    const legacy = yield* legacyKerasSetting(folder, collector, options);
    if (legacy && LEGACY_VALUES.has(legacy.value)) {
      const lowest = lowerBoundBetween(tfKeras.intervals, [2], KERAS_3);
      const version = lowest && versionText(lowest, 'minor');
      return result('2', version, tfKeras, folder,
        `${tfKeras.written} (${whereWritten(tfKeras)}) with ${tensorflow.written} and TF_USE_LEGACY_KERAS=${legacy.value} (${legacy.where}): tf.keras is tf-keras, Keras 2${keras ? '; `import keras` is still Keras 3' : ''}`);
    }
  }
  // An optional keras (an extra, a dev group) does not outweigh a TensorFlow the project requires.
  if (keras && !(keras.optional && tensorflow && !tensorflow.optional)) {
    const found = fromKeras(keras, folder);
    if (found) return found;
    collector.problems.push({ path: joinPath(folder, keras.file), ...(keras.line ? { line: keras.line } : {}), message: `${keras.written} allows neither Keras 2 nor Keras 3` });
  }
  if (tensorflow) return fromTensorflow(tensorflow, folder);
  const core = decisive(requirements, KERAS_CORE);
  if (core) return result('3', undefined, core, folder, `${core.written} (${whereWritten(core)}): Keras Core is the Keras 3 preview`);
  return undefined;
}

/**
 * The Keras a project uses, from the nearest folder at or above `folder` that declares keras, TensorFlow or
 * keras-core. Never throws: unreadable or malformed files are reported in `problems` and skipped.
 */
export function detectKerasVersion(readFile: ReadFile, folder: string, options: DetectOptions = {}): Promise<KerasVersionResult> {
  return runAsync(detection(folder, options), readFile, options.listFolder);
}

/** `detectKerasVersion` over a synchronous reader (the CLI's fs), with the same result. */
export function detectKerasVersionSync(readFile: ReadFileSync, folder: string, options: DetectOptionsSync = {}): KerasVersionResult {
  return runSync(detection(folder, options), readFile, options.listFolder);
}

function* detection(folder: string, options: Pick<DetectOptions, 'stopAt' | 'environment'>): Steps<KerasVersionResult> {
  const problems: DeclarationProblem[] = [];
  try {
    for (let current: string | undefined = folder; current !== undefined; current = parentOf(current)) {
      const collector = yield* readFolder(current);
      const declared = collector.requirements.some((requirement) => !TF_KERAS.has(requirement.name));
      const found = declared ? yield* decide(current, collector, options) : undefined;
      problems.push(...collector.problems);
      if (found) return { found, problems };
      if (options.stopAt !== undefined && sameFolder(current, options.stopAt)) break;
    }
  } catch (error) {
    problems.push({ path: folder, message: `the Keras version could not be read: ${error instanceof Error ? error.message : String(error)}` });
  }
  return { problems };
}
