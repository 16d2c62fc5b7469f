import * as assert from 'assert';
import { keepExclusive } from '../../src/core/exclusiveChoice';

describe('keepExclusive (All databases stands alone)', () => {
  const ALL = '*';
  it('ticking the exclusive item unticks the others', () => {
    assert.deepStrictEqual(keepExclusive(['a', 'b'], ['a', 'b', ALL], ALL), [ALL]);
  });
  it('ticking another item unticks the exclusive one', () => {
    assert.deepStrictEqual(keepExclusive([ALL], [ALL, 'a'], ALL), ['a']);
  });
  it('leaves a selection without it, or with it alone, as it is', () => {
    assert.deepStrictEqual(keepExclusive(['a'], ['a', 'b'], ALL), ['a', 'b']);
    assert.deepStrictEqual(keepExclusive([], [ALL], ALL), [ALL]);
    assert.deepStrictEqual(keepExclusive([ALL], [], ALL), []);
  });
});
