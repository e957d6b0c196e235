// The recognition corpus: published Keras, TensorFlow and TensorFlow.js code and docs, read by our
// `activation-lens scan` and by independent oracles of what a careful reader finds (python_oracle.py, with
// Python's own `ast` and `doctest`; scriptOracle.ts, with the TypeScript compiler; Markdown fences found by
// markdown-it), then compared position by position: recall, precision, every miss and every extra.
//
//   npx tsx scripts/corpus/run.ts [--list] [--audit] [--json out.json] [snapshot directory ...]
//
// --list prints every miss and extra; --audit also every line of code that spells an activation's name
// where neither side finds one (to check the oracle itself).
//
// Directories are repository snapshots as `fetch` brings them (/work/.mirror/owner+name/repo, a bare git
// directory; a plain checkout works too); without any, every known one present under /work/.mirror.
// Nothing of the repositories is kept: files are read from git into memory.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import MarkdownIt from 'markdown-it';
import { main as cli } from '../../src/cli';
import { findScriptActivations, jsDocRegions, type ScriptUnit } from './scriptOracle';
import { SELECTIONS, type Part, type RepositorySelection } from './selection';

export const MIRROR = '/work/.mirror';

/** One activation named at a position: the oracle's or ours. */
export interface Finding {
  readonly repository: string;
  readonly part: Part;
  readonly file: string;
  readonly cell?: number;
  readonly line: number;
  readonly character: number;
  readonly name: string;
  /** How it was named (oracle) or the api (ours). */
  readonly how: string;
}

export interface PartFigures {
  readonly repository: string;
  readonly part: Part;
  readonly files: number;
  readonly oracle: number;
  readonly ours: number;
  readonly matched: number;
}

export interface CorpusResult {
  readonly snapshots: readonly { readonly repository: string; readonly directory: string; readonly commit: string }[];
  readonly figures: readonly PartFigures[];
  readonly misses: readonly Finding[];
  readonly extras: readonly Finding[];
  /** Found at the same place by both, with different names (counted as a miss and an extra too). */
  readonly mismatches: readonly { readonly oracle: Finding; readonly ours: Finding }[];
  /** Source lines, for printing. */
  readonly lineOf: (finding: Finding) => string;
  /**
   * Lines of code files that spell an activation's name where neither side finds anything: what to read
   * when auditing the oracle itself (most are comments, prose, local functions and other libraries).
   */
  readonly unclaimed: readonly { readonly repository: string; readonly file: string; readonly line: number; readonly word: string; readonly text: string }[];
}

interface SourceFile {
  readonly repository: string;
  readonly part: Part;
  readonly path: string;
  readonly text: string;
}

/** The snapshots present: the directories given, or every known one under /work/.mirror. */
export function snapshotDirectories(given: readonly string[] = []): string[] {
  if (given.length) return [...given];
  if (!existsSync(MIRROR)) return [];
  return readdirSync(MIRROR)
    .filter((name) => SELECTIONS.some((selection) => selection.matches(name)))
    .map((name) => join(MIRROR, name, 'repo'))
    .filter((directory) => existsSync(directory));
}

function selectionFor(directory: string): RepositorySelection | undefined {
  // /work/.mirror/owner+name/repo[/.git]
  const name = directory.split('/').find((segment) => SELECTIONS.some((selection) => selection.matches(segment)));
  return name ? SELECTIONS.find((selection) => selection.matches(name)) : undefined;
}

function readSnapshot(directory: string, selection: RepositorySelection): { files: SourceFile[]; commit: string } {
  const git = (...args: string[]): string => execFileSync('git', ['-C', directory, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  let isGit = true;
  try {
    git('rev-parse', '--git-dir');
  } catch {
    isGit = false;
  }
  const chosen = (paths: string[]) => paths.flatMap((path) => {
    const part = selection.partOf(path);
    return part ? [{ path, part }] : [];
  });
  if (!isGit) {
    const paths = walk(directory).map((path) => relative(directory, path));
    return { commit: 'working tree', files: chosen(paths).map(({ path, part }) => ({ repository: selection.repository, part, path, text: readFileSync(join(directory, path), 'utf8') })) };
  }
  const commit = git('rev-parse', '--short', 'HEAD').trim();
  const wanted = chosen(git('ls-tree', '-r', '-z', '--name-only', 'HEAD').split('\0').filter(Boolean));
  // One `git cat-file --batch` for every file.
  const batch = execFileSync('git', ['-C', directory, 'cat-file', '--batch'], { input: wanted.map(({ path }) => `HEAD:${path}\n`).join(''), maxBuffer: 1 << 30 });
  const files: SourceFile[] = [];
  let at = 0;
  for (const { path, part } of wanted) {
    const headerEnd = batch.indexOf(10, at);
    const header = batch.subarray(at, headerEnd).toString('utf8');
    const size = Number(header.split(' ')[2]);
    at = headerEnd + 1;
    if (header.endsWith('missing') || Number.isNaN(size)) continue;
    const text = batch.subarray(at, at + size).toString('utf8');
    at += size + 1;
    files.push({ repository: selection.repository, part, path, text });
  }
  return { commit, files };
}

function walk(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    if (name === '.git') return [];
    const path = join(directory, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

// ---------------------------------------------------------------------------------------------------
// Ours: the CLI's scan, in process, on each file's text.

interface ScanEntry {
  readonly name: string;
  readonly cell?: number;
  readonly line: number;
  readonly character: number;
  readonly api: string;
}

function ourScan(file: SourceFile): ScanEntry[] {
  let out = '';
  const code = cli(['scan', file.path], { stdout: (text) => (out += text), stderr: () => undefined, readFile: () => file.text });
  return code === 0 ? (JSON.parse(out) as ScanEntry[]) : [];
}

// ---------------------------------------------------------------------------------------------------
// The oracles

interface OracleUnit {
  readonly code: string;
  readonly context?: readonly number[];
  readonly docs?: boolean;
  /** Whether to read the code itself (not only its docstrings); default true. */
  readonly readCode?: boolean;
}

interface OracleReference {
  readonly unit: number;
  readonly region: 'code' | 'doc';
  readonly line: number;
  readonly character: number;
  readonly name: string;
  readonly how: string;
}

/** Where a unit's positions land in its file. */
type Placement = (line: number, character: number) => { cell?: number; line: number; character: number } | undefined;

interface PythonDocument {
  readonly file: SourceFile;
  readonly package: string;
  readonly units: OracleUnit[];
  readonly placements: Placement[];
  /** Units that are documentation whatever the file is (Markdown fences, in files or notebook cells). */
  readonly docUnits: ReadonlySet<number>;
}

const markdown = new MarkdownIt();

const PYTHON_INFO = new Set(['python', 'py', 'python3', 'py3', 'ipython', 'ipython3', 'pycon']);
const SCRIPT_INFO: ReadonlyMap<string, string> = new Map(Object.entries( { js: 'js', javascript: 'js', jsx: 'jsx', mjs: 'js', cjs: 'js', node: 'js', ts: 'ts', typescript: 'ts', tsx: 'tsx' }));

interface Fence {
  readonly info: string;
  readonly code: string;
  /** For each code line: its line and column in the Markdown text. */
  readonly origins: readonly { readonly line: number; readonly character: number }[];
}

/** Fenced code blocks of a Markdown text, as CommonMark reads them (in lists and block quotes too). */
function markdownFences(text: string): Fence[] {
  const lines = text.split(/\r\n|\r|\n/);
  return markdown
    .parse(text, {})
    .filter((token) => token.type === 'fence' && token.map)
    .map((token) => {
      const [start] = token.map as [number, number];
      const content = token.content.replace(/\n$/, '').split('\n');
      const origins = content.map((line, k) => {
        const source = lines[start + 1 + k] ?? '';
        return { line: start + 1 + k, character: source.endsWith(line) ? source.length - line.length : Math.max(0, source.indexOf(line)) };
      });
      return { info: token.info.trim().split(/\s+/)[0].toLowerCase(), code: content.join('\n'), origins };
    });
}

const fencePlacement = (fence: Fence, cell?: number): Placement => (line, character) => {
  const origin = fence.origins[line];
  return origin && { ...(cell !== undefined ? { cell } : {}), line: origin.line, character: origin.character + character };
};

interface NotebookCell {
  readonly kind: string;
  readonly source: string;
}

function notebookCells(text: string): NotebookCell[] {
  try {
    const data = JSON.parse(text) as { cells?: { cell_type?: string; source?: string | string[] }[] };
    return (data.cells ?? []).map((cell) => ({ kind: cell.cell_type ?? 'code', source: Array.isArray(cell.source) ? cell.source.join('') : (cell.source ?? '') }));
  } catch {
    return [];
  }
}

/** What the Python oracle reads of a file: its units and where their positions land. */
function pythonDocument(file: SourceFile): PythonDocument | undefined {
  const units: OracleUnit[] = [];
  const placements: Placement[] = [];
  const docUnits = new Set<number>();
  const packageName = file.path.endsWith('.py') ? dirname(file.path).split('/').filter((part) => part !== '.').join('.') : '';
  if (file.path.endsWith('.py')) {
    units.push({ code: file.text, docs: true, ...(file.part === 'docs' ? { readCode: false } : {}) });
    placements.push((line, character) => ({ line, character }));
  } else if (file.path.endsWith('.ipynb')) {
    const cells = notebookCells(file.text);
    const codeUnits: number[] = [];
    cells.forEach((cell, index) => {
      if (cell.kind !== 'code') return;
      codeUnits.push(units.length);
      units.push({ code: cell.source });
      placements.push((line, character) => ({ cell: index, line, character }));
    });
    // A careful reader sees every cell's names in every cell (cells run in any order).
    codeUnits.forEach((unit) => ((units[unit] as { context?: number[] }).context = codeUnits.filter((other) => other !== unit)));
    cells.forEach((cell, index) => {
      if (cell.kind !== 'markdown') return;
      const earlier: number[] = [];
      for (const fence of markdownFences(cell.source).filter((candidate) => PYTHON_INFO.has(candidate.info))) {
        units.push({ code: fence.code, context: [...earlier.slice().reverse(), ...codeUnits] });
        earlier.push(units.length - 1);
        docUnits.add(units.length - 1);
        placements.push(fencePlacement(fence, index));
      }
    });
  } else if (file.path.endsWith('.md')) {
    const earlier: number[] = [];
    for (const fence of markdownFences(file.text).filter((candidate) => PYTHON_INFO.has(candidate.info))) {
      units.push({ code: fence.code, context: earlier.slice().reverse() });
      earlier.push(units.length - 1);
      docUnits.add(units.length - 1);
      placements.push(fencePlacement(fence));
    }
  }
  return units.length ? { file, package: packageName, units, placements, docUnits } : undefined;
}

const PYTHON_ORACLE = join(dirname(fileURLToPath(import.meta.url)), 'python_oracle.py');

function runPythonOracle(documents: readonly PythonDocument[]): Map<PythonDocument, { references: OracleReference[]; stringSpans: Record<string, [number, number][]> }> {
  const job = { documents: documents.map((document, k) => ({ id: String(k), package: document.package, units: document.units })) };
  const result = spawnSync('python3', [PYTHON_ORACLE], { input: JSON.stringify(job), maxBuffer: 1 << 30, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`python_oracle.py failed: ${result.error?.message ?? result.stderr}`);
  const out = JSON.parse(result.stdout) as Record<string, { references: OracleReference[]; stringSpans: Record<string, [number, number][]> }>;
  return new Map(documents.map((document, k) => [document, out[String(k)]]));
}

// ---------------------------------------------------------------------------------------------------
// Comparison

export function runCorpus(directories: readonly string[]): CorpusResult {
  const snapshots: { repository: string; directory: string; commit: string }[] = [];
  const files: SourceFile[] = [];
  for (const directory of directories) {
    const selection = selectionFor(directory);
    if (!selection) throw new Error(`no corpus selection for ${directory} (known: ${SELECTIONS.map((s) => s.repository).join(', ')})`);
    const snapshot = readSnapshot(directory, selection);
    snapshots.push({ repository: selection.repository, directory, commit: snapshot.commit });
    files.push(...snapshot.files);
  }

  const oracle: Finding[] = [];
  /** Lines of a file that are documentation (string statements, JSDoc comments): where our extras count as docs. */
  const docLines = new Map<SourceFile, Set<number>>();
  const markDoc = (file: SourceFile, first: number, last: number): void => {
    const lines = docLines.get(file) ?? new Set<number>();
    for (let line = first; line <= last; line++) lines.add(line);
    docLines.set(file, lines);
  };

  // Python: files, notebooks, Markdown's Python fences.
  // A file that spells no activation's name names none: the oracle need not read it (nor can scan find one there).
  const pythonDocuments = files.flatMap((file) => (ANY_NAME.test(file.text) ? (pythonDocument(file) ?? []) : []));
  for (const [document, { references, stringSpans }] of runPythonOracle(pythonDocuments)) {
    for (const spans of Object.values(stringSpans)) for (const [first, last] of spans) markDoc(document.file, first, last);
    for (const reference of references) {
      const placed = document.placements[reference.unit](reference.line, reference.character);
      if (!placed) continue;
      const part = documentPart(document.file, document.docUnits.has(reference.unit) ? 'doc' : reference.region);
      if (part) oracle.push({ repository: document.file.repository, part, file: document.file.path, ...placed, name: reference.name, how: reference.how });
    }
  }

  // TypeScript / JavaScript: files, their JSDoc examples, Markdown's script fences.
  const units: ScriptUnit[] = [];
  const scriptPlacements = new Map<string, { file: SourceFile; region: 'code' | 'doc'; offset: number; place: Placement }>();
  const addUnit = (file: SourceFile, name: string, code: string, region: 'code' | 'doc', place: Placement, offset = 0): void => {
    const fileName = `/${file.repository}/${file.path}${name}`;
    units.push({ fileName, code });
    scriptPlacements.set(fileName, { file, region, offset, place });
  };
  for (const file of files) {
    const dialect = /\.(tsx?|mts|cts)$/.test(file.path) ? 'ts' : 'js';
    if (/\.(js|jsx|ts|tsx|mjs|cjs)$/.test(file.path)) {
      addUnit(file, '', file.text, 'code', (line, character) => ({ line, character }));
      const { regions, spans } = jsDocRegions(file.path, file.text, dialect);
      for (const [first, last] of spans) markDoc(file, first, last);
      regions.forEach((region, k) =>
        addUnit(file, `#jsdoc${k}.${region.dialect}`, region.code, 'doc', (line, character) => {
          const origin = region.origins[line];
          return origin && { line: origin.line, character: origin.character + character };
        }),
      );
    }
    const markdownTexts = file.path.endsWith('.md')
      ? [{ text: file.text, cell: undefined as number | undefined }]
      : file.path.endsWith('.ipynb')
        ? notebookCells(file.text).flatMap((cell, index) => (cell.kind === 'markdown' ? [{ text: cell.source, cell: index as number | undefined }] : []))
        : [];
    for (const { text, cell } of markdownTexts) {
      // A fence sees the fences above it: read it after them, keep only what lies in it.
      const earlier: string[] = [];
      markdownFences(text).forEach((fence, k) => {
        const extension = SCRIPT_INFO.get(fence.info);
        if (!extension) return;
        const prefix = earlier.length ? `${earlier.join('\n')}\n` : '';
        const offset = prefix ? prefix.split('\n').length - 1 : 0;
        addUnit(file, `#fence${cell ?? ''}-${k}.${extension}`, prefix + fence.code, 'doc', fencePlacement(fence, cell), offset);
        earlier.push(fence.code);
      });
    }
  }
  for (const [fileName, findings] of findScriptActivations(units)) {
    const { file, region, offset, place } = scriptPlacements.get(fileName) as { file: SourceFile; region: 'code' | 'doc'; offset: number; place: Placement };
    const part = documentPart(file, region);
    if (!part) continue;
    for (const finding of findings) {
      if (finding.line < offset) continue;
      const placed = place(finding.line - offset, finding.character);
      if (placed) oracle.push({ repository: file.repository, part, file: file.path, ...placed, name: finding.name, how: finding.how });
    }
  }

  // Ours.
  const ours: Finding[] = [];
  for (const file of files) {
    const lines = docLines.get(file);
    for (const entry of ourScan(file)) {
      const inDocs = file.path.endsWith('.md') || (entry.cell === undefined && lines?.has(entry.line)) || (entry.cell !== undefined && isMarkdownCell(file, entry.cell));
      const part = documentPart(file, inDocs ? 'doc' : 'code');
      if (part) ours.push({ repository: file.repository, part, file: file.path, ...(entry.cell !== undefined ? { cell: entry.cell } : {}), line: entry.line, character: entry.character, name: entry.name, how: entry.api });
    }
  }

  const key = (finding: Finding): string => `${finding.repository}|${finding.file}|${finding.cell ?? ''}|${finding.line}|${finding.character}`;
  const oursByKey = new Map(ours.map((finding) => [key(finding), finding]));
  const oracleByKey = new Map(oracle.map((finding) => [key(finding), finding]));
  const misses: Finding[] = [];
  const extras: Finding[] = [];
  const mismatches: { oracle: Finding; ours: Finding }[] = [];
  const matchedKeys = new Set<string>();
  for (const [k, expected] of oracleByKey) {
    const found = oursByKey.get(k);
    if (found && found.name === expected.name) matchedKeys.add(k);
    else if (found) mismatches.push({ oracle: expected, ours: found });
    else misses.push(expected);
  }
  for (const [k, found] of oursByKey) if (!oracleByKey.has(k)) extras.push(found);

  const figures: PartFigures[] = [];
  for (const snapshot of snapshots) {
    for (const part of ['code', 'docs'] as const) {
      const inPart = (finding: Finding) => finding.repository === snapshot.repository && finding.part === part;
      const fileCount = files.filter((file) => file.repository === snapshot.repository && file.part === part).length;
      if (!fileCount) continue;
      figures.push({
        repository: snapshot.repository,
        part,
        files: fileCount,
        oracle: [...oracleByKey.values()].filter(inPart).length,
        ours: [...oursByKey.values()].filter(inPart).length,
        matched: [...matchedKeys].filter((k) => inPart(oracleByKey.get(k) as Finding)).length,
      });
    }
  }

  const byPath = new Map(files.map((file) => [`${file.repository}|${file.path}`, file]));
  const lineOf = (finding: Finding): string => {
    const file = byPath.get(`${finding.repository}|${finding.file}`);
    if (!file) return '';
    const text = finding.cell === undefined ? file.text : (notebookCells(file.text)[finding.cell]?.source ?? '');
    return (text.split(/\r\n|\r|\n/)[finding.line] ?? '').trim();
  };
  const claimed = new Set([...oracle, ...ours].map((finding) => `${finding.repository}|${finding.file}|${finding.cell ?? ''}|${finding.line}`));
  const unclaimed: CorpusResult['unclaimed'][number][] = [];
  for (const file of files) {
    if (file.part !== 'code' || file.path.endsWith('.ipynb')) continue;
    file.text.split(/\r\n|\r|\n/).forEach((text, line) => {
      const word = ACTIVATION_WORD.exec(text)?.[1];
      if (word && !claimed.has(`${file.repository}|${file.path}||${line}`)) unclaimed.push({ repository: file.repository, file: file.path, line, word, text: text.trim() });
    });
  }
  return { snapshots, figures, misses, extras, mismatches, lineOf, unclaimed };
}

const MARKDOWN_CELLS = new WeakMap<SourceFile, ReadonlySet<number>>();

function isMarkdownCell(file: SourceFile, cell: number): boolean {
  let cells = MARKDOWN_CELLS.get(file);
  if (!cells) MARKDOWN_CELLS.set(file, (cells = new Set(notebookCells(file.text).flatMap((candidate, index) => (candidate.kind === 'markdown' ? [index] : [])))));
  return cells.has(cell);
}

/** An activation's name (Keras, layer class, tfjs op or factory) as a word of a line. */
const ACTIVATION_WORD = new RegExp(
  `\\b(${[
    ...'relu relu6 leaky_relu elu selu gelu silu swish hard_silu hard_swish sigmoid hard_sigmoid sparse_sigmoid log_sigmoid softplus softsign'.split(' '),
    ...'tanh hard_tanh tanh_shrink soft_shrink hard_shrink sparse_plus squareplus celu glu mish exponential threshold softmax log_softmax sparsemax'.split(' '),
    ...'ReLU LeakyReLU PReLU ELU Softmax ThresholdedReLU leakyRelu logSoftmax logSigmoid hardSigmoid leakyReLU reLU thresholdedReLU prelu'.split(' '),
  ].join('|')})\\b`,
);

/** Every spelling an activation can be named by (names, aliases, layer classes, ops, tfjs identifiers). */
const ANY_NAME = new RegExp(`${ACTIVATION_WORD.source.slice(0, -3)}|linear|swish|hardSigmoid|gelu_new)\\b`);

/** A reference's part: a docs file counts only its documentation; a code file counts both, apart. */
function documentPart(file: SourceFile, region: 'code' | 'doc'): Part | undefined {
  if (region === 'doc') return 'docs';
  return file.part === 'code' ? 'code' : undefined;
}

// ---------------------------------------------------------------------------------------------------
// Report

const percent = (numerator: number, denominator: number): string => (denominator ? `${((100 * numerator) / denominator).toFixed(1)}%` : '—');

export function totals(figures: readonly PartFigures[], part?: Part): { oracle: number; ours: number; matched: number; files: number } {
  const chosen = figures.filter((figure) => part === undefined || figure.part === part);
  const sum = (pick: (figure: PartFigures) => number) => chosen.reduce((total, figure) => total + pick(figure), 0);
  return { files: sum((f) => f.files), oracle: sum((f) => f.oracle), ours: sum((f) => f.ours), matched: sum((f) => f.matched) };
}

export function formatReport(result: CorpusResult, options: { readonly list?: boolean; readonly limit?: number } = {}): string {
  const rows = [
    ['repository', 'part', 'files', 'oracle', 'ours', 'matched', 'recall', 'precision'],
    ...result.figures.map((f) => [f.repository, f.part, String(f.files), String(f.oracle), String(f.ours), String(f.matched), percent(f.matched, f.oracle), percent(f.matched, f.ours)]),
    ...(['code', 'docs'] as const).map((part) => {
      const t = totals(result.figures, part);
      return ['all', part, String(t.files), String(t.oracle), String(t.ours), String(t.matched), percent(t.matched, t.oracle), percent(t.matched, t.ours)];
    }),
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  const table = rows.map((row) => row.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
  table.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  const limit = options.list ? Infinity : (options.limit ?? 15);
  const describe = (finding: Finding): string =>
    `  ${finding.repository} ${finding.file}${finding.cell !== undefined ? ` cell ${finding.cell}` : ''}:${finding.line + 1}:${finding.character + 1} ${finding.name} (${finding.how}): ${result.lineOf(finding).slice(0, 110)}`;
  const section = (title: string, findings: readonly Finding[]): string[] =>
    findings.length ? [`${title} (${findings.length}):`, ...findings.slice(0, limit).map(describe), ...(findings.length > limit ? [`  … ${findings.length - limit} more (--list shows all)`] : [])] : [`${title}: none`];
  return [
    ...result.snapshots.map((snapshot) => `${snapshot.repository} @ ${snapshot.commit} (${snapshot.directory})`),
    '',
    ...table,
    '',
    ...section('misses (the oracle finds, scan does not)', result.misses),
    ...section('extras (scan finds, the oracle does not)', result.extras),
    ...(result.mismatches.length
      ? [`same place, other name (${result.mismatches.length}):`, ...result.mismatches.slice(0, limit).map(({ oracle, ours }) => `${describe(oracle)} — scan says ${ours.name}`)]
      : []),
  ].join('\n');
}

if (process.argv[1] && basename(process.argv[1]).startsWith('run.')) {
  const args = process.argv.slice(2);
  const list = args.includes('--list');
  const audit = args.includes('--audit');
  const jsonAt = args.indexOf('--json');
  const jsonPath = jsonAt === -1 ? undefined : args[jsonAt + 1];
  const directories = snapshotDirectories(args.filter((arg, k) => !arg.startsWith('--') && k !== jsonAt + 1));
  if (!directories.length) {
    console.log(`no corpus snapshots under ${MIRROR}; fetch keras-team/keras, keras-team/tf-keras, tensorflow/tfjs-examples, … first`);
    process.exit(0);
  }
  const result = runCorpus(directories);
  console.log(formatReport(result, { list }));
  if (audit) {
    console.log(`\nlines naming an activation where neither finds one (${result.unclaimed.length}):`);
    for (const entry of result.unclaimed) console.log(`  ${entry.repository} ${entry.file}:${entry.line + 1} [${entry.word}] ${entry.text.slice(0, 120)}`);
  }
  if (jsonPath) {
    const { lineOf, ...data } = result;
    writeFileSync(jsonPath, JSON.stringify({ ...data, misses: data.misses.map((f) => ({ ...f, text: lineOf(f) })), extras: data.extras.map((f) => ({ ...f, text: lineOf(f) })) }, null, 1));
  }
}
