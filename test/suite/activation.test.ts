// The first in-host test file (files run in name order): what activation
// loads, before any other test expands a Database Tokens group or tests a token.
// Run in another order, its check fails (undici already loaded); it cannot pass by accident.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { services, useFixture, waitFor } from './helpers';

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

  it('nor for the configured config.toml, where tokens belong; a change that writes a token into a document loads it', async () => {
    const foundTokensLoaded = () => Object.keys(require.cache).some((m) => /[\\/]dist[\\/]foundTokens\.js$/.test(m));
    const s = await services();
    const config = await vscode.workspace.openTextDocument(vscode.Uri.file(s.config.path));
    assert.ok(/M\.V\d/.test(config.getText()), 'config.toml holds management tokens');
    const doc = await vscode.workspace.openTextDocument({ content: 'x = 1\n'.repeat(50) });
    assert.ok(!foundTokensLoaded(), 'neither config.toml nor a document without a token loads the bundle');
    // Made at run time: no token-shaped literal sits in the repository. Only the changed line holds it.
    const token = ['apiv1', 'Xk3pQ9vL2mZ7tR4wY8nB1cF6hJ0sD5gK3aE7uI2oP9qW4eR8tY1uI6oP3aS5dF'].join('_');
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(25, 0), `token = "${token}"\n`);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor('the bundle to load for the token typed', foundTokensLoaded);
  });

  it('does not load the bundle that hands tokens to programs while no terminal, launch configuration or task asked for one', async () => {
    await useFixture();
    const loaded = Object.keys(require.cache).filter((m) => /[\\/]dist[\\/]usingTokens\.js$/.test(m));
    assert.deepStrictEqual(loaded, []);
  });
});
