import * as assert from 'assert';
import * as vscode from 'vscode';
import { ScriptedPrompts, services, useFixture, withPrompts } from './helpers';

const MGMT = 'M.V1.abcdQz7SecretOfAnIncompleteProfile0123456789abcdef';
const ACCOUNT = 'account_id = "0b8fbb2a-8f7b-4a1c-9d6e-2f1e4c3b5a69"';
const CLUSTER = 'cluster_id = "5c3e8a1f-7d2b-4e6a-b9c0-1f2e3d4c5b6a"';

/** A config.toml whose second profile, "broken", is written as given; "ok" comes first so that its line is not line 0. */
async function withBrokenProfile(fields: string): Promise<{ calls: () => string[][] }> {
  const config = `[[profile]]\n  name = "ok"\n  product = "clustered"\n  host = "127.0.0.1"\n\n[[profile]]\n  name = "broken"\n${fields}  mgmt_token = "${MGMT}"\n`;
  const f = await useFixture({ config, state: { version: '2.11.0', profiles: { ok: { tokens: [] }, broken: { tokens: [] } } } });
  return { calls: f.calls };
}

/** Runs a command on profile "broken" and returns what it showed; it must show no prompt. */
async function refused(command: string, answer?: string): Promise<{ message: string; actions: string[] }> {
  const prompts = new ScriptedPrompts(answer ? [{ error: answer }] : []);
  await withPrompts(prompts, () => Promise.resolve(vscode.commands.executeCommand(command, 'broken')));
  assert.strictEqual(prompts.inputs.length + prompts.picks.length, 0, 'no prompt was shown before the refusal');
  assert.strictEqual(prompts.shown.length, 1, JSON.stringify(prompts.shown));
  assert.strictEqual(prompts.shown[0].kind, 'error');
  return prompts.shown[0];
}

describe('Commands on a profile that cannot work', () => {
  afterEach(async () => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('Create Database Token on a Dedicated profile without cluster_id says so first, and Fix in config.toml opens the profile', async () => {
    await withBrokenProfile(`  product = "dedicated"\n  ${ACCOUNT}\n`);
    const shown = await refused('influxdbTokens.createDatabaseToken', 'Fix in config.toml');
    assert.match(shown.message, /^Creating a database token for profile "broken" cannot start: the profile has no cluster_id; set account_id and cluster_id/);
    assert.deepStrictEqual(shown.actions, ['Fix in config.toml']);
    const s = await services();
    const editor = vscode.window.activeTextEditor;
    assert.strictEqual(editor?.document.uri.fsPath, vscode.Uri.file(s.config.path).fsPath);
    const line = editor.selection.active.line;
    assert.ok(line >= 5 && line <= 8, `the cursor is in the profile "broken" (line ${line})`);
  });

  it('Test Management Token on a profile with an unknown product says so and calls nothing', async () => {
    const { calls } = await withBrokenProfile(`  product = "cloud"\n  ${ACCOUNT}\n  ${CLUSTER}\n`);
    const before = calls().length;
    const shown = await refused('influxdbTokens.verifyToken');
    assert.match(shown.message, /^Testing a management token for profile "broken" cannot start: product "cloud" is unknown/);
    assert.deepStrictEqual(shown.actions, ['Fix in config.toml']);
    assert.strictEqual(calls().length, before, 'influxctl did not run');
  });

  it('Rotate mgmt_token on a profile with an invalid host says so before asking for an expiry', async () => {
    await withBrokenProfile(`  product = "clustered"\n  host = "cluster.example.com/api"\n`);
    const shown = await refused('influxdbTokens.rotateProfileToken');
    assert.match(shown.message, /^Rotating mgmt_token for profile "broken" cannot start: host "cluster\.example\.com\/api" is not a host name/);
    assert.deepStrictEqual(shown.actions, ['Fix in config.toml']);
  });

  it('Create Management Token on a profile without product says so before asking for an expiry', async () => {
    await withBrokenProfile(`  host = "cluster.example.com"\n`);
    const shown = await refused('influxdbTokens.createToken');
    assert.match(shown.message, /^Creating a management token for profile "broken" cannot start: the profile has no product/);
    assert.deepStrictEqual(shown.actions, ['Fix in config.toml']);
  });

  it('Revoke Database Token from the palette on a profile whose account_id is not a UUID says so before listing', async () => {
    await withBrokenProfile(`  product = "dedicated"\n  account_id = "acme"\n  ${CLUSTER}\n`);
    const shown = await refused('influxdbTokens.revokeDatabaseToken');
    assert.match(shown.message, /^Revoking a database token for profile "broken" cannot start: account_id "acme" is not a UUID/);
  });
});
