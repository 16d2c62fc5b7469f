import * as assert from 'assert';
import * as fs from 'fs';
import * as https from 'https';
import type { AddressInfo } from 'net';
import * as vscode from 'vscode';
import { profileNamed, ScriptedPrompts, services, waitFor, withPrompts } from './helpers';
import { closeStandIns, databaseRows, demoWithApis, label, profileRow } from './standIns';
const { LOCALHOST_TLS } = require('../../scripts/lib/fakeManagementApi.js');
const fixtures = require('../../scripts/lib/fixtures.js');

/** A second server that config.toml can be pointed at: it trusts the same CA, answers everything, and records every Authorization header. */
async function collector(): Promise<{ port: number; authorizations: string[]; close(): Promise<void> }> {
  const authorizations: string[] = [];
  const server = https.createServer({ cert: fs.readFileSync(LOCALHOST_TLS.cert), key: fs.readFileSync(LOCALHOST_TLS.key) }, (req, res) => {
    authorizations.push(req.headers.authorization ?? '');
    res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    authorizations,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The demo with the staging profile (Clustered, local stand-in) without mgmt_token: its calls use the stored secret of "staging deploys". */
async function stagingWithStoredSecret() {
  const apis = await demoWithApis((c) => c.replace(`    mgmt_token = "${fixtures.STAGING_SECRET}"\n`, ''));
  const s = await services();
  await s.secrets.store(s.config.path, await profileNamed('staging'), fixtures.STAGING_DEPLOYS_ID, fixtures.STAGING_SECRET);
  const rows = await waitFor('database tokens listed with the stored secret', async () => {
    const r = await databaseRows('staging');
    return r[0]?.node.kind === 'databaseToken' ? r : undefined;
  });
  assert.strictEqual(rows.length, 3);
  return apis;
}

/** Rewrites config.toml on disk, as a script or a dotfiles checkout would, and waits for the extension to read it. */
async function editConfig(edit: (text: string) => string): Promise<void> {
  const s = await services();
  fs.writeFileSync(s.config.path, edit(fs.readFileSync(s.config.path, 'utf8')));
  await s.config.reload();
}

describe('A stored secret reaches only the cluster it was stored for', () => {
  let other: Awaited<ReturnType<typeof collector>>;
  beforeEach(async () => {
    other = await collector();
  });
  afterEach(async () => {
    const s = await services();
    await s.secrets.delete(s.config.path, 'staging', fixtures.STAGING_DEPLOYS_ID);
    await other.close();
    await closeStandIns();
  });

  it('is not sent when config.toml points the profile at another port; the group says so and Rebind needs a confirmation', async () => {
    const { clustered } = await stagingWithStoredSecret();
    await editConfig((t) => t.replace(`port = "${clustered.port}"`, `port = "${other.port}"`));
    const [row] = await waitFor('the bound-elsewhere row', async () => {
      const r = await databaseRows('staging');
      return r[0]?.item.contextValue === 'boundElsewhere' ? r : undefined;
    });
    assert.match(label(row.item), /belong to another cluster/);
    assert.match(String(row.item.tooltip), new RegExp(`127\\.0\\.0\\.1:${clustered.port}.*127\\.0\\.0\\.1:${other.port}`, 's'), 'names both clusters');
    assert.strictEqual(row.item.command, undefined, 'a passive row: its actions ask first');

    // Test Management Token on the token row, and on a forged row naming the other port: nothing reaches it.
    const s = await services();
    const tokenRow = { kind: 'token', configPath: s.config.path, profile: await profileNamed('staging'), token: { id: fixtures.STAGING_DEPLOYS_ID, description: 'staging deploys', prefix: 'M.V1.' } };
    const prompts = new ScriptedPrompts([]);
    await withPrompts(prompts, () => Promise.resolve(vscode.commands.executeCommand('influxdbTokens.verifyToken', tokenRow)));
    assert.match(prompts.shown.at(-1)?.message ?? '', /no token to test/i);

    // Rebind, cancelled: still nothing sent. Confirmed: the secret now goes to the new port.
    await withPrompts(new ScriptedPrompts([{ warn: undefined }]), () => Promise.resolve(vscode.commands.executeCommand('influxdbTokens.rebindStoredSecrets', row.node)));
    assert.strictEqual((await databaseRows('staging'))[0].item.contextValue, 'boundElsewhere');
    assert.deepStrictEqual(other.authorizations, [], 'the other server never saw a request');
    const confirm = new ScriptedPrompts([{ warn: 'Rebind' }]);
    await withPrompts(confirm, () => Promise.resolve(vscode.commands.executeCommand('influxdbTokens.rebindStoredSecrets', row.node)));
    assert.match(confirm.shown[0].message, new RegExp(`127\\.0\\.0\\.1:${other.port}`));
    await waitFor('a request with the rebound secret', async () => {
      await databaseRows('staging');
      return other.authorizations.length ? true : undefined;
    });
    assert.deepStrictEqual(other.authorizations, [`Bearer ${fixtures.STAGING_SECRET}`]);
  });

  it('is not sent to a second profile of the same name; both are inert and say why', async () => {
    await stagingWithStoredSecret();
    const before = (await services()).config.path;
    await editConfig(
      (t) => `${t}\n[[profile]]\n    name = "staging"\n    product = "clustered"\n    host = "127.0.0.1"\n    port = "${other.port}"\n\n    [profile.tls]\n        ca = ${JSON.stringify(LOCALHOST_TLS.ca)}\n`,
    );
    const s = await services();
    const rows = (await s.tree.getChildren()).filter((n) => n.kind === 'profile' && n.profile.name === 'staging');
    assert.strictEqual(rows.length, 2);
    for (const r of rows) {
      assert.strictEqual(s.tree.getTreeItem(r).contextValue, 'profile.duplicated');
      const children = await s.tree.getChildren(r);
      assert.deepStrictEqual(children.map((c) => c.kind), ['message']);
      assert.match(label(s.tree.getTreeItem(children[0])), /Another profile is also named "staging"/);
    }
    // Commands given either row refuse before using a secret.
    for (const r of rows) {
      const prompts = new ScriptedPrompts([]);
      await withPrompts(prompts, () => Promise.resolve(vscode.commands.executeCommand('influxdbTokens.createDatabaseToken', r)));
      assert.match(prompts.shown[0]?.message ?? '', /Two or more profiles of config\.toml are named "staging"/);
    }
    assert.strictEqual(s.config.path, before);
    assert.deepStrictEqual(other.authorizations, [], 'the second "staging" never saw a request');
  });

  it('follows config.toml, not a forged row: commands re-read the profile a row names', async () => {
    const { clustered } = await stagingWithStoredSecret();
    const s = await services();
    const forgedProfile = { ...(await profileNamed('staging')), port: String(other.port) };
    const forged = { kind: 'token', configPath: s.config.path, profile: forgedProfile, token: { id: fixtures.STAGING_DEPLOYS_ID, description: 'staging deploys', prefix: 'M.V1.' } };
    const sent = clustered.requests.length;
    await withPrompts(new ScriptedPrompts([]), () => Promise.resolve(vscode.commands.executeCommand('influxdbTokens.verifyToken', forged)));
    assert.ok(clustered.requests.length > sent, 'the test went to the cluster config.toml names');
    await withPrompts(new ScriptedPrompts([]), () => Promise.resolve(vscode.commands.executeCommand('influxdbTokens.copySecret', forged)));
    assert.strictEqual(await vscode.env.clipboard.readText(), fixtures.STAGING_SECRET, 'copied for the profile as config.toml has it');
    await vscode.env.clipboard.writeText('');
    // A row of a config file the extension does not use is refused.
    const elsewhere = new ScriptedPrompts([]);
    await withPrompts(elsewhere, () => Promise.resolve(vscode.commands.executeCommand('influxdbTokens.copySecret', { ...forged, configPath: '/tmp/not-the-config.toml' })));
    assert.match(elsewhere.shown[0]?.message ?? '', /not in the config\.toml the extension uses now/);
    // Nor does influxctl ever run with a config file a row names.
    const revoke = new ScriptedPrompts([{ warn: 'Revoke' }]);
    await withPrompts(revoke, () => Promise.resolve(vscode.commands.executeCommand('influxdbTokens.revokeToken', { ...forged, configPath: '/tmp/not-the-config.toml', status: 'active', inUseBy: [] })));
    assert.match(revoke.shown[0]?.message ?? '', /not in the config\.toml the extension uses now/);
    assert.strictEqual(revoke.remaining, 1, 'no confirmation was asked');
    assert.deepStrictEqual(other.authorizations, []);
    assert.ok(await profileRow('staging'));
  });

  it('is not written into config.toml when the text written to names another cluster (an editor with unsaved changes)', async () => {
    const { clustered } = await stagingWithStoredSecret();
    const s = await services();
    const doc = await vscode.workspace.openTextDocument(s.config.path);
    await vscode.window.showTextDocument(doc);
    try {
      const edit = new vscode.WorkspaceEdit();
      const at = doc.getText().indexOf(`port = "${clustered.port}"`);
      edit.replace(doc.uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + `port = "${clustered.port}"`.length)), `port = "${other.port}"`);
      assert.ok(await vscode.workspace.applyEdit(edit));
      const row = { kind: 'token', configPath: s.config.path, profile: await profileNamed('staging'), token: { id: fixtures.STAGING_DEPLOYS_ID, description: 'staging deploys', prefix: 'M.V1.' } };
      const prompts = new ScriptedPrompts([]);
      const done = await withPrompts(prompts, () => Promise.resolve(vscode.commands.executeCommand('influxdbTokens.setProfileToken', row)));
      assert.notStrictEqual(done, true);
      assert.match(prompts.shown.find((m) => m.kind === 'error')?.message ?? '', /no longer names the cluster this secret belongs to; nothing was written/);
      assert.ok(!doc.getText().includes(fixtures.STAGING_SECRET), 'the buffer holds no secret');
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('Create Management Token says why a profile naming no cluster cannot get one, before any prompt', async () => {
    await stagingWithStoredSecret();
    await editConfig((t) => t.replace('host = "127.0.0.1"', 'host = "127.0.0.1/api"'));
    const prompts = new ScriptedPrompts([]);
    await withPrompts(prompts, () => Promise.resolve(vscode.commands.executeCommand('influxdbTokens.createToken', 'staging')));
    assert.match(prompts.shown[0]?.message ?? '', /^Creating a management token for profile "staging" cannot start: host .* is not a host name/);
    assert.strictEqual(prompts.inputs.length + prompts.picks.length, 0, 'no prompt was shown');
  });
});
