// The first in-host test file (files run in name order): what activation
// loads, before any other test expands a Database Tokens group or tests a token.
// Run in another order, its check fails (undici already loaded); it cannot pass by accident.
import * as assert from 'assert';
import { services, useFixture } from './helpers';

describe('activation cost', () => {
  it('does not load undici at activation, nor when profiles show their groups (only a Database Tokens group opened does)', async () => {
    await useFixture();
    const s = await services();
    // Profiles, their two groups and the management tokens, as a user opening the view sees them.
    const profiles = await s.tree.getChildren();
    assert.deepStrictEqual(profiles.map((p) => p.kind === 'profile' && p.profile.name), ['default', 'staging'], 'the rows were shown');
    for (const profile of profiles) {
      const [management, database] = await s.tree.getChildren(profile);
      assert.deepStrictEqual([management, database].map((g) => g.kind === 'group' && g.group), ['management', 'database']);
      const tokens = await s.tree.getChildren(management);
      assert.ok(tokens.length > 0 && tokens.every((t) => t.kind === 'token'), 'its management tokens were listed');
    }
    // VS Code's own host loads its copy of undici; ours is in dist/http.js.
    const loaded = Object.keys(require.cache).filter((m) => /[\\/]dist[\\/]http\.js$/.test(m));
    assert.deepStrictEqual(loaded, []);
  });

  it('does not load the bundle of tokens found in documents while no open document may hold one', async () => {
    await useFixture();
    const loaded = Object.keys(require.cache).filter((m) => /[\\/]dist[\\/]foundTokens\.js$/.test(m));
    assert.deepStrictEqual(loaded, []);
  });

  it('does not load the bundle that hands tokens to programs while no terminal, launch configuration or task asked for one', async () => {
    await useFixture();
    const loaded = Object.keys(require.cache).filter((m) => /[\\/]dist[\\/]usingTokens\.js$/.test(m));
    assert.deepStrictEqual(loaded, []);
  });
});
