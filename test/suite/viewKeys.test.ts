import * as assert from 'assert';
import * as vscode from 'vscode';
import type { Node } from '../../src/tree/nodes';
import { managementGroup, ScriptedPrompts, services, useFixture, waitFor, withPrompts } from './helpers';

const CI_PIPELINE = 'a3c1e5f7-1b2d-4e6f-8a9b-0c1d2e3f4a5b';
const OLD_BACKUP = 'c5e3a7b9-3d4f-4a8b-8c1d-2e3f4a5b6c7d';

/** The demo's management token rows of profile "default", by token ID. */
async function tokenRows(): Promise<Map<string, Node>> {
  const s = await services();
  // The rows the keys act on: a list that failed under load (an error row) is listed again.
  return waitFor('the management token rows of profile "default"', async () => {
    const profile = (await s.tree.getChildren()).find((n) => n.kind === 'profile' && n.profile.name === 'default')!;
    const rows = await s.tree.getChildren(await managementGroup(profile));
    const tokens = new Map(rows.flatMap((n) => (n.kind === 'token' ? [[n.token.id, n] as const] : [])));
    if (tokens.size === 0) s.tokens.invalidate('default');
    return tokens.size ? tokens : undefined;
  }, 20000);
}

/** Selects rows of the view, as a click (and Ctrl+click) would; the last one keeps the focus. */
async function select(...nodes: Node[]): Promise<void> {
  const s = await services();
  const view = s.view.treeView;
  await vscode.commands.executeCommand('influxdbTokens.profiles.focus');
  for (const [i, node] of nodes.entries()) await view.reveal(node, { select: true, focus: i === nodes.length - 1 });
  // The view reports its new selection after reveal() returns: wait for it, as a key press would come after.
  const key = (n: Node) => (n.kind === 'token' || n.kind === 'databaseToken' ? `${n.kind}:${n.token.id}` : n.kind === 'profile' ? `profile:${n.profile.name}` : n.kind);
  const wanted = nodes.map(key).sort().join();
  await waitFor('the view to report the selection', () => (view.selection.map(key).sort().join() === wanted ? true : undefined));
}

describe('Keys on the Profiles view: Enter and Delete act on the selection', () => {
  it('Enter on a token row copies its ID', async () => {
    await useFixture();
    await vscode.env.clipboard.writeText('');
    await select((await tokenRows()).get(CI_PIPELINE)!);
    await vscode.commands.executeCommand('influxdbTokens.copySelectedTokenId');
    assert.strictEqual(await vscode.env.clipboard.readText(), CI_PIPELINE);
  });

  it('Enter on a profile row copies nothing', async () => {
    await useFixture();
    await vscode.env.clipboard.writeText('untouched');
    const s = await services();
    const [profile] = await s.tree.getChildren();
    await select(profile);
    await vscode.commands.executeCommand('influxdbTokens.copySelectedTokenId');
    assert.strictEqual(await vscode.env.clipboard.readText(), 'untouched');
  });

  it('Delete on a token row asks as the context menu does, and revokes nothing when cancelled', async () => {
    const f = await useFixture();
    await select((await tokenRows()).get(CI_PIPELINE)!);
    const prompts = new ScriptedPrompts([{ warn: undefined }]);
    await withPrompts(prompts, () => Promise.resolve(vscode.commands.executeCommand('influxdbTokens.revokeSelectedTokens')));
    assert.deepStrictEqual(prompts.shown.map((m) => [m.kind, m.message, m.actions]), [['warn', 'Revoke this management token?', ['Revoke']]]);
    assert.match(prompts.shown[0].detail ?? '', /ci-pipeline .*a3c1e5f7.* — profile "default"/);
    assert.ok(!f.calls().some((argv) => argv.includes('revoke')), 'influxctl revoked nothing');
  });

  it('Delete on a profile row, or on an expired token only, says what can be revoked', async () => {
    await useFixture();
    const s = await services();
    const [profile] = await s.tree.getChildren();
    await select(profile);
    const prompts = new ScriptedPrompts([]);
    await withPrompts(prompts, () => Promise.resolve(vscode.commands.executeCommand('influxdbTokens.revokeSelectedTokens')));
    await select((await tokenRows()).get(OLD_BACKUP)!);
    await withPrompts(prompts, () => Promise.resolve(vscode.commands.executeCommand('influxdbTokens.revokeSelectedTokens')));
    assert.deepStrictEqual(prompts.shown.map((m) => [m.kind, m.message]), [
      ['inform', 'Only tokens can be revoked: select one or more token rows, then press Delete again.'],
      ['inform', 'This token is already revoked or expired.'],
    ]);
  });
});
