// `activation-lens check FILE|FOLDER…`: the editor's diagnostics for files (code, notebooks, Markdown's fences), as Ruff
// prints them — `path:line:col: CODE message` (1-based; `path:cell N:line:col:` in a notebook), exit 1 when a problem is
// found, 0 when clean, 2 on bad usage; then the verdict on each hand-written activation (rule AL401). `--json` prints, for one file, { path, kerasVersion, diagnostics,
// functions } with 0-based positions (an array of those for several files); `--fix` applies the safe fixes
// (`--unsafe-fixes` the others too) and writes the files back. The Keras version is detected per file, from
// its folder upward, unless `--keras` says it.
import type { CliIo } from './args';
import { applyFixes, checkDocument, fixAllEdits, unknownSelectors, type Diagnostic, type FunctionReport, type RuleSelection } from '../check';
import type { FixLevel } from '../check/fix';
import { verdictText } from '../check/handwritten';
import { analyzeDocument, analyzeNotebook, lineStarts, positionAt, type DocumentLanguage } from '../language';
import { UsageError, commandKeras, parseArgs, type CommandKeras, type ParsedArgs } from './args';
import { expandPaths } from './files';
import { DOCUMENT_LANGUAGE_USAGE, readSource, type Source } from './source';

export const usage = `check <file or folder>... [--json] [--fix [--unsafe-fixes]] [--keras 2|3] [--select CODES] [--ignore CODES] [${DOCUMENT_LANGUAGE_USAGE}]`;

/** Ruff's limit on fix passes: a fix may uncover another problem, which the next pass fixes. */
const MAX_FIX_PASSES = 10;
/** A tutorial's `step` is worth a line; a project's hundreds of helper functions are not. */
const MAX_UNMATCHED_LISTED = 3;

export interface CheckedPart {
  readonly cell?: number;
  readonly text: string;
  readonly diagnostics: readonly Diagnostic[];
  readonly functions: readonly FunctionReport[];
  readonly fixed: number;
}

export function run(argv: readonly string[], io: CliIo): number {
  const args = parseArgs(argv, { valued: ['language', 'keras', 'select', 'ignore'], flags: ['json', 'fix', 'unsafe-fixes'] });
  if (args.params.length) throw new UsageError('check takes no --param');
  if (!args.positionals.length) throw new UsageError(`check needs at least one file or folder; usage: ${usage}`);
  if (args.options.has('unsafe-fixes') && !args.options.has('fix')) throw new UsageError('--unsafe-fixes goes with --fix');
  if (args.options.has('fix') && !io.writeFile) throw new UsageError('--fix cannot write files here');
  const rules = ruleSelection(args);
  const level: FixLevel | undefined = args.options.has('fix') ? (args.options.has('unsafe-fixes') ? 'unsafe' : 'safe') : undefined;
  const json = args.options.has('json');

  const reports = expandPaths(args.positionals, io).map((path) => {
    const source = readSource(path, args, io, { markdown: true });
    const keras = commandKeras(args, path, io);
    for (const problem of keras.problems) io.stderr(`warning: ${problem.path}${problem.line ? `:${problem.line}` : ''}: ${problem.message}\n`);
    const parts = checkSource(source, keras, rules, level);
    if (level && parts.some((part) => part.fixed)) io.writeFile?.(path, rewritten(source, path, io, parts));
    return { path, keras, parts };
  });

  const remaining = reports.reduce((sum, report) => sum + report.parts.reduce((count, part) => count + part.diagnostics.length, 0), 0);
  if (json) {
    const objects = reports.map(({ path, keras, parts }) => jsonReport(path, keras, parts));
    io.stdout(`${JSON.stringify(objects.length === 1 ? objects[0] : objects, null, 2)}\n`);
  } else {
    io.stdout(reports.flatMap(({ path, parts }) => parts.flatMap((part) => textLines(path, part))).join(''));
    io.stdout(functionLines(reports.flatMap(({ path, parts }) => parts.flatMap((part) => part.functions.map((report) => ({ path, cell: part.cell, report }))))));
    const fixed = reports.reduce((sum, report) => sum + report.parts.reduce((count, part) => count + part.fixed, 0), 0);
    io.stdout(summary(remaining, fixed, level !== undefined, reports.flatMap((report) => report.parts.flatMap((part) => part.diagnostics))));
  }
  return remaining ? 1 : 0;
}

function ruleSelection(args: ParsedArgs): RuleSelection {
  const list = (name: string): string[] | undefined => args.options.get(name)?.split(',').map((item) => item.trim()).filter(Boolean);
  const select = list('select');
  const ignore = list('ignore');
  const unknown = unknownSelectors([...(select ?? []), ...(ignore ?? [])]);
  if (unknown.length) throw new UsageError(`no rule matches ${unknown.map((selector) => `'${selector}'`).join(', ')}; see docs/rules.md for the codes`);
  return { ...(select ? { select } : {}), ...(ignore ? { ignore } : {}) };
}

/** Checks a file (each code cell of a notebook with the others' imports), fixing first when asked. */
export function checkSource(source: Source<DocumentLanguage>, keras: Pick<CommandKeras, 'major' | 'version' | 'source'>, rules: RuleSelection, level?: FixLevel): CheckedPart[] {
  const options = { keras: { major: keras.major, ...(keras.version ? { version: keras.version } : {}), ...(keras.source ? { source: keras.source } : {}) }, rules };
  if (source.kind === 'document') return [checkText(source.text, source.language, options, level)];
  // A notebook: fixing one cell can change another's imports, so every pass re-reads the notebook.
  let cells = source.notebook.cells;
  let fixed = new Map<number, number>();
  for (let pass = 0; ; pass++) {
    const analysed = analyzeNotebook({ ...source.notebook, cells });
    const checked = analysed.map(({ cell, index }) => ({ cell, ...checkDocument(index, options) }));
    const changes = level && pass < MAX_FIX_PASSES ? checked.map((part) => ({ part, ...fixAllEdits(part.diagnostics, level) })).filter((change) => change.fixed) : [];
    if (!changes.length) return checked.map(({ cell, diagnostics, functions }) => ({ cell: cell.index, text: cell.source, diagnostics, functions, fixed: fixed.get(cell.index) ?? 0 }));
    fixed = new Map(fixed);
    for (const { part, fixed: count } of changes) fixed.set(part.cell.index, (fixed.get(part.cell.index) ?? 0) + count);
    const edited = new Map(changes.map(({ part, edits }) => [part.cell.index, applyFixes(part.cell.source, edits)]));
    cells = cells.map((cell) => (edited.has(cell.index) ? { ...cell, source: edited.get(cell.index) as string } : cell));
  }
}

function checkText(text: string, language: DocumentLanguage, options: Parameters<typeof checkDocument>[1], level: FixLevel | undefined): CheckedPart {
  let current = text;
  let fixed = 0;
  for (let pass = 0; ; pass++) {
    const result = checkDocument(analyzeDocument(current, language), options);
    const change = level && pass < MAX_FIX_PASSES ? fixAllEdits(result.diagnostics, level) : undefined;
    if (!change?.fixed) return { text: current, diagnostics: result.diagnostics, functions: result.functions, fixed };
    current = applyFixes(current, change.edits);
    fixed += change.fixed;
  }
}

/** The file's new text: the fixed document, or the notebook with its fixed cells' sources (nbformat's 1-space JSON). */
function rewritten(source: Source<DocumentLanguage>, path: string, io: CliIo, parts: readonly CheckedPart[]): string {
  if (source.kind === 'document') return parts[0].text;
  const notebook = JSON.parse(io.readFile(path)) as { cells: { source: string | string[] }[] };
  for (const part of parts) {
    if (part.cell === undefined || !part.fixed) continue;
    notebook.cells[part.cell].source = part.text.split(/(?<=\n)/);
  }
  return `${JSON.stringify(notebook, null, 1)}\n`;
}

function textLines(path: string, part: CheckedPart): string[] {
  const starts = lineStarts(part.text);
  return part.diagnostics.map((diagnostic) => {
    const { line, character } = positionAt(starts, diagnostic.start);
    const fixable = diagnostic.fixes.some((fix) => fix.safety === 'safe') ? ' [*]' : '';
    return `${path}:${part.cell !== undefined ? `cell ${part.cell}:` : ''}${line + 1}:${character + 1}: ${diagnostic.code}${fixable} ${diagnostic.message}\n`;
  });
}

/** The verdicts on hand-written activations, one line each (`path:line: name: same as Keras 3's relu`; 1-based lines). */
/** The functions matched to an activation, one line each; the others (most of a project's) listed when few, else counted. */
function functionLines(functions: readonly { path: string; cell: number | undefined; report: FunctionReport }[]): string {
  if (!functions.length) return '';
  const line = ({ path, cell, report }: (typeof functions)[number]): string => `  ${path}:${cell !== undefined ? `cell ${cell}:` : ''}${report.line + 1}: ${report.name}: ${verdictText(report)}\n`;
  const matched = functions.filter(({ report }) => report.verdict !== 'unmatched');
  const unmatched = functions.filter(({ report }) => report.verdict === 'unmatched');
  const others = unmatched.length <= MAX_UNMATCHED_LISTED ? unmatched.map(line).join('') : `  ${unmatched.length} other functions match no activation by name or values (--json lists them)\n`;
  return `Hand-written activations:\n${matched.map(line).join('')}${others}`;
}

function summary(remaining: number, fixed: number, fixing: boolean, diagnostics: readonly Diagnostic[]): string {
  const problems = (count: number): string => `${count} problem${count === 1 ? '' : 's'}`;
  if (fixing && fixed) return `Found ${problems(remaining + fixed)} (${fixed} fixed, ${remaining} remaining).\n`;
  if (!remaining) return 'All checks passed!\n';
  const safe = diagnostics.filter((diagnostic) => diagnostic.fixes.some((fix) => fix.safety === 'safe')).length;
  const unsafe = diagnostics.filter((diagnostic) => diagnostic.fixes.length && !diagnostic.fixes.some((fix) => fix.safety === 'safe')).length;
  const hints = [safe ? `[*] ${safe} fixable with --fix` : '', unsafe ? `${unsafe} more with --fix --unsafe-fixes` : ''].filter(Boolean);
  return `Found ${problems(remaining)}.${hints.length ? `\n${hints.join('; ')}.` : ''}\n`;
}

function jsonReport(path: string, keras: CommandKeras, parts: readonly CheckedPart[]) {
  return {
    path,
    kerasVersion: { version: keras.version ?? null, major: keras.major, source: keras.source ?? null },
    diagnostics: parts.flatMap((part) => {
      const starts = lineStarts(part.text);
      const at = (offset: number) => positionAt(starts, offset);
      const range = (start: number, end: number) => {
        const from = at(start);
        const to = at(end);
        return { line: from.line, character: from.character, endLine: to.line, endCharacter: to.character };
      };
      return part.diagnostics.map((diagnostic) => ({
        ...(part.cell !== undefined ? { cell: part.cell } : {}),
        ...range(diagnostic.start, diagnostic.end),
        severity: diagnostic.severity,
        code: diagnostic.code,
        rule: diagnostic.rule,
        message: diagnostic.message,
        fixes: diagnostic.fixes.map((fix) => ({ title: fix.title, safety: fix.safety, edits: fix.edits.map((edit) => ({ ...range(edit.start, edit.end), newText: edit.newText })) })),
      }));
    }),
    functions: parts.flatMap((part) => part.functions),
  };
}
