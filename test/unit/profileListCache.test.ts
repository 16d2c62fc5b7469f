import * as assert from 'assert';
import type { Profile } from '../../src/core';
import { ProfileListCache } from '../../src/state/profileListCache';

const profile = { name: 'default', product: 'clustered', host: 'db.example.com' } as Profile;

/** A cache whose lists finish when told to, and the signals they were given. */
function controlledCache() {
  const signals: AbortSignal[] = [];
  const finishers: ((value: string) => void)[] = [];
  const settled: string[] = [];
  const cache = new ProfileListCache<string>(
    (_configPath, _profile, signal) => {
      signals.push(signal);
      return new Promise<string>((resolve) => finishers.push(resolve));
    },
    (name) => settled.push(name),
  );
  return { cache, signals, finishers, settled };
}

describe('ProfileListCache', () => {
  it('shares one list between callers until it is dropped', async () => {
    const { cache, signals, finishers, settled } = controlledCache();
    const a = cache.load('/c.toml', profile);
    const b = cache.load('/c.toml', profile);
    assert.strictEqual(a, b);
    finishers[0]('listed');
    assert.strictEqual(await a, 'listed');
    assert.deepStrictEqual(settled, ['default']);
    assert.strictEqual(cache.peek('/c.toml', profile), 'listed');
    assert.strictEqual(signals.length, 1);
  });

  it('cancels a list still running when dropped, and leaves a finished one alone (nothing to stop)', async () => {
    const { cache, signals, finishers, settled } = controlledCache();
    const running = cache.load('/c.toml', profile);
    cache.drop('default');
    assert.ok(signals[0].aborted, 'the running list was told to stop');
    finishers[0]('late');
    await running;
    assert.deepStrictEqual(settled, [], 'a dropped list is not announced');

    const done = cache.load('/c.toml', profile);
    finishers[1]('listed');
    await done;
    cache.drop('default');
    assert.ok(!signals[1].aborted, 'a finished list is not aborted');
    assert.strictEqual(cache.peek('/c.toml', profile), undefined);
  });

  it('starts a new list when the profile connects differently, cancelling the old one', () => {
    const { cache, signals } = controlledCache();
    void cache.load('/c.toml', profile);
    void cache.load('/c.toml', { ...profile, host: 'other.example.com' });
    assert.strictEqual(signals.length, 2);
    assert.ok(signals[0].aborted);
    assert.ok(!signals[1].aborted);
  });
});
