// Writes the rules' documentation from their doc comments (src/check/rules/*.ts): docs/rules.md, one section
// per rule, and the rule table in docs/diagnostics.md between its markers. The unit tests fail when either is stale.
//
//   npx tsx scripts/rule-docs.ts
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RULES, type Rule } from '../src/check';
import { ruleAnchor } from '../src/check/ruleAnchor';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RULES_FOLDER = `${ROOT}src/check/rules/`;

/** The parts every rule's doc comment has, in this order (Ruff's). */
export const DOC_PARTS = ['What it does', 'Why is this bad?', 'Example', 'Use instead', 'Fix safety'] as const;

export const TABLE_START = '<!-- rules:start (scripts/rule-docs.ts writes this table) -->';
export const TABLE_END = '<!-- rules:end -->';

/** A rule's doc comment as markdown: the JSDoc block right before `export const rule`, without its stars. */
export function docComment(source: string): string | undefined {
  const match = /\/\*\*\n((?:[ \t]*\*(?: [^\n]*)?\n)+?)[ \t]*\*\/\nexport const rule\b/.exec(source);
  return match?.[1]
    .split('\n')
    .map((line) => line.replace(/^[ \t]*\* ?/, ''))
    .join('\n')
    .trim();
}


/** The doc comment of each rule module, by rule code. */
export function readRuleComments(): Map<string, string> {
  const comments = new Map<string, string>();
  for (const file of readdirSync(RULES_FOLDER).filter((name) => name.endsWith('.ts'))) {
    const source = readFileSync(RULES_FOLDER + file, 'utf8');
    const code = /\bcode: '(AL\d{3})'/.exec(source)?.[1];
    const comment = docComment(source);
    if (code && comment) comments.set(code, comment);
  }
  return comments;
}

const SEVERITY_LABEL = { error: 'Error', warning: 'Warning', information: 'Information', hint: 'Hint' } as const;

const FIX_LABEL = { always: 'always', sometimes: 'sometimes', none: '—' } as const;

function table(link: (rule: Rule) => string): string {
  const rows = RULES.map((rule) => `| [${rule.code}](${link(rule)}) | \`${rule.name}\` | ${SEVERITY_LABEL[rule.severity]} | ${FIX_LABEL[rule.fix]} | ${rule.summary.replace(/\|/g, '\\|')} |`);
  return ['| code | name | severity | fix | what |', '|---|---|---|---|---|', ...rows].join('\n');
}

export function renderRulesMarkdown(comments: ReadonlyMap<string, string>): string {
  const sections = RULES.map((rule) => {
    const body = (comments.get(rule.code) ?? '').replace(/^## /gm, '### ');
    return `## ${rule.code} ${rule.name}\n\nDefault severity: ${SEVERITY_LABEL[rule.severity]}.\n\n${body}\n`;
  });
  return [
    '# Activation Lens rules',
    '',
    '<!-- Written by scripts/rule-docs.ts from the doc comments in src/check/rules/; edit those, then run it. -->',
    '',
    'What `activation-lens check` and the editor\'s diagnostics report, with their stable codes. Select or ignore them by',
    'code, code prefix or name (`activationLens.diagnostics.select` / `.ignore`, `check --select` / `--ignore`) and change',
    'a severity with `activationLens.diagnostics.severity`. A *safe* fix is applied by Fix All and `check --fix`; an',
    '*unsafe* one only from the light bulb (or `check --fix --unsafe-fixes`).',
    '',
    table((rule) => `#${ruleAnchor(rule)}`),
    '',
    ...sections,
  ].join('\n');
}

export function renderTable(): string {
  return `${TABLE_START}\n${table((rule) => `rules.md#${ruleAnchor(rule)}`)}\n${TABLE_END}`;
}

/** docs/diagnostics.md with its rule table replaced. */
export function withRuleTable(page: string): string {
  const start = page.indexOf(TABLE_START);
  const end = page.indexOf(TABLE_END);
  if (start === -1 || end === -1) throw new Error(`docs/diagnostics.md has no ${TABLE_START} … ${TABLE_END} markers`);
  return page.slice(0, start) + renderTable() + page.slice(end + TABLE_END.length);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const comments = readRuleComments();
  writeFileSync(`${ROOT}docs/rules.md`, renderRulesMarkdown(comments));
  const page = readFileSync(`${ROOT}docs/diagnostics.md`, 'utf8');
  writeFileSync(`${ROOT}docs/diagnostics.md`, withRuleTable(page));
  console.log(`docs/rules.md and docs/diagnostics.md: ${RULES.length} rules`);
}
