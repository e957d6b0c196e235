// Which rules run (Ruff's select / ignore: the more specific selector wins, ignore on a tie), severity
// overrides, and applying fixes: non-overlapping edits of safe fixes, unsafe ones only when asked.
import assert from 'node:assert/strict';
import { applyFixes, checkDocument, fixAllEdits, RULES, selectRules, unknownSelectors, type Diagnostic } from '../../../src/check';
import { analyzeDocument } from '../../../src/language';

const codes = (selection: Parameters<typeof selectRules>[0]): string[] => selectRules(selection).map(({ rule }) => rule.code);

describe('rule selection', () => {
  it('runs every rule by default, each at its own severity', () => {
    assert.deepEqual(codes({}), RULES.map((rule) => rule.code));
    assert.deepEqual(selectRules({}).map(({ severity }) => severity), RULES.map((rule) => rule.severity));
  });

  it('selects by code, prefix, name or ALL', () => {
    assert.deepEqual(codes({ select: ['AL2'] }), ['AL201', 'AL202', 'AL203', 'AL204', 'AL205']);
    assert.deepEqual(codes({ select: ['AL101', 'softmax-single-unit'] }), ['AL101', 'AL301']);
    assert.deepEqual(codes({ select: ['all'] }), RULES.map((rule) => rule.code));
  });

  it('lets the more specific of select and ignore win, ignore on a tie', () => {
    assert.deepEqual(codes({ select: ['ALL'], ignore: ['AL2'] }), ['AL101', 'AL102', 'AL301', 'AL302', 'AL401', 'AL402']);
    assert.deepEqual(codes({ select: ['AL202'], ignore: ['AL2'] }), ['AL202']);
    assert.deepEqual(codes({ select: ['AL2'], ignore: ['AL2'] }), []);
    assert.deepEqual(codes({ ignore: ['deprecated-argument'] }).includes('AL202'), false);
  });

  it('overrides severities and turns rules off', () => {
    const chosen = selectRules({ severity: { AL202: 'error', 'softmax-single-unit': 'off' } });
    assert.equal(chosen.find(({ rule }) => rule.code === 'AL202')?.severity, 'error');
    assert.equal(chosen.some(({ rule }) => rule.code === 'AL301'), false);
  });

  it('names selectors that match no rule', () => {
    assert.deepEqual(unknownSelectors(['AL1', 'ALL', 'AL999', 'no-such-rule', 'removed-layer']), ['AL999', 'no-such-rule']);
  });
});

describe('applying fixes', () => {
  const source = 'from keras import layers\nlayers.Dense(1, activation="sofmax")\nlayers.LeakyReLU(alpha=0.2)\nlayers.Dense(1, activation="softmax")\n';
  const diagnostics = (): readonly Diagnostic[] => checkDocument(analyzeDocument(source, 'python'), { keras: { major: '3' } }).diagnostics;

  it('applies the safe fixes only, unless unsafe ones are asked for', () => {
    const safe = fixAllEdits(diagnostics());
    assert.equal(safe.fixed, 2);
    assert.equal(applyFixes(source, safe.edits), 'from keras import layers\nlayers.Dense(1, activation="softmax")\nlayers.LeakyReLU(negative_slope=0.2)\nlayers.Dense(1, activation="softmax")\n');
    const all = fixAllEdits(diagnostics(), 'unsafe');
    assert.equal(all.fixed, 3);
    assert.match(applyFixes(source, all.edits), /layers\.Dense\(1, activation="sigmoid"\)\n$/);
  });

  it('takes no edit that overlaps one already taken', () => {
    const edit = { start: 0, end: 4, newText: 'x' };
    const diagnostic = (start: number, end: number): Diagnostic => ({
      code: 'AL101', rule: 'unknown-activation', severity: 'error', message: '', start, end,
      fixes: [{ title: '', edits: [{ start, end, newText: 'y' }], safety: 'safe' }],
    });
    const { edits, fixed } = fixAllEdits([{ ...diagnostic(0, 4), fixes: [{ title: '', edits: [edit], safety: 'safe' }] }, diagnostic(2, 6), diagnostic(6, 8)]);
    assert.equal(fixed, 2);
    assert.deepEqual(edits.map((taken) => [taken.start, taken.end]), [[0, 4], [6, 8]]);
  });
});
