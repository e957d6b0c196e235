import assert from 'node:assert/strict';
import { parseScalar } from '../../src/language/scalar';

describe('parseScalar', () => {
  it('reads numbers, booleans and None as Python and JavaScript write them', () => {
    const cases: [string, number | boolean | null][] = [
      ['0.1', 0.1], [' 1_000 ', 1000], ['-1e-3', -1e-3], ['.5', 0.5], ['+2', 2], ['0x1F', 31], ['0x1E_FF', 0x1eff],
      ['-inf', -Infinity], ['Infinity', Infinity], ['True', true], ['false', false], ['None', null], ['null', null],
    ];
    for (const [text, value] of cases) assert.equal(parseScalar(text), value, text);
    assert.ok(Number.isNaN(parseScalar('nan') as number));
  });

  it('says undefined for anything else', () => {
    for (const text of ['', 'abc', 'relu', '1.2.3', '_1', '1__0', '1_', '1_.5', '1e_3', "'0.1'"]) assert.equal(parseScalar(text), undefined, text);
  });
});
