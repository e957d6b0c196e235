// The rules' documentation comes from their doc comments: every rule has one in the fixed parts, and
// docs/rules.md and docs/diagnostics.md's rule table are what scripts/rule-docs.ts writes from them now.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { RULES } from '../../../src/check';
import { DOC_PARTS, readRuleComments, renderRulesMarkdown, withRuleTable } from '../../../scripts/rule-docs';

const ROOT = new URL('../../../', import.meta.url);

describe('rule documentation', () => {
  const comments = readRuleComments();

  for (const rule of RULES) {
    it(`${rule.code} has a doc comment with ${DOC_PARTS.join(', ')}`, () => {
      const comment = comments.get(rule.code);
      assert.ok(comment, `no doc comment before \`export const rule\` of ${rule.code}`);
      const headings = [...comment.matchAll(/^## (.+)$/gm)].map((match) => match[1]);
      assert.deepEqual(headings, [...DOC_PARTS]);
      assert.match(rule.code, /^AL\d{3}$/);
      assert.match(rule.name, /^[a-z]+(-[a-z]+)*$/);
    });
  }

  it('codes and names are unique', () => {
    assert.equal(new Set(RULES.map((rule) => rule.code)).size, RULES.length);
    assert.equal(new Set(RULES.map((rule) => rule.name)).size, RULES.length);
  });

  it('docs/rules.md is up to date (npx tsx scripts/rule-docs.ts)', () => {
    assert.equal(readFileSync(new URL('docs/rules.md', ROOT), 'utf8'), renderRulesMarkdown(comments));
  });

  it("docs/diagnostics.md's rule table is up to date (npx tsx scripts/rule-docs.ts)", () => {
    const page = readFileSync(new URL('docs/diagnostics.md', ROOT), 'utf8');
    assert.equal(page, withRuleTable(page));
  });
});
