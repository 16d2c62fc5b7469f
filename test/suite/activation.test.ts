// The first in-host test file (files run in name order): what activation
// loads, before any other test expands a Database Tokens group or tests a token.
import * as assert from 'assert';
import { services, useFixture } from './helpers';

describe('activation cost', () => {
  it('does not load undici at activation, nor when profiles show their groups (only a Database Tokens group opened does)', async () => {
    await useFixture();
    const s = await services();
    // Profiles, their two groups and the management tokens, as a user opening the view sees them.
    for (const profile of await s.tree.getChildren()) {
      const [management] = await s.tree.getChildren(profile);
      await s.tree.getChildren(management);
    }
    // VS Code's own host loads its copy of undici; ours is in dist/http.js.
    const loaded = Object.keys(require.cache).filter((m) => /[\\/]dist[\\/]http\.js$/.test(m));
    assert.deepStrictEqual(loaded, []);
  });
});

