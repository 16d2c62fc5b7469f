import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { ProfileNode, TokenNode } from '../../src/tree/nodes';
import type { RotationOutcome } from '../../src/managementTokens/rotateProfileMgmtToken';
import type { ManagementTokenTestResult } from '../../src/core';
import { DAY, type Fixture, managementGroup, ScriptedPrompts, profileNamed, services, token, useFixture, waitFor, withPrompts } from './helpers';
const { startFakeManagementApi } = require('../../scripts/lib/fakeManagementApi.js');

const OLD = '7e1d2c3b-4a59-4687-9a1b-2c3d4e5f6a7b';
const OLD_SECRET = 'M.V1.7e1dQz7OldSecretOfTheLocalProfile0123456789abcdefXYZ';

interface Api {
  url: string;
  port: number;
  requests: { method: string; path: string; accept?: string; bearer: boolean }[];
  close(): Promise<void>;
}

async function localFixture(expiresInDays = 3): Promise<{ f: Fixture; api: Api }> {
  const placeholder = await useFixture();
  const api: Api = await startFakeManagementApi({ statePath: placeholder.statePath });
  const config = `# rotation test\n[[profile]]\n  name = "local"\n  product = "clustered"\n  host = "127.0.0.1"\n  port = "${api.port}"\n  mgmt_token = "${OLD_SECRET}" # do not share\n\n  [profile.tls]\n    disable = true\n`;
  const old = token(OLD, 'local automation', { expires: expiresInDays * DAY, created: -87 * DAY, prefix: OLD_SECRET.slice(0, 9) });
  const f = await useFixture({ config, state: { version: '2.11.0', warnings: 'stderr', profiles: { local: { tokens: [old], issued: { [OLD]: OLD_SECRET } } } } });
  // The API stand-in reads the state the simulator of this fixture writes.
  await api.close();
  const live: Api = await startFakeManagementApi({ statePath: f.statePath, port: api.port });
  return { f, api: live };
}

async function profileNode(name: string): Promise<ProfileNode> {
  const s = await services();
  const node = (await s.tree.getChildren()).find((n) => n.kind === 'profile' && n.profile.name === name);
  assert.ok(node);
  return node as ProfileNode;
}

async function rotate(prompts: ScriptedPrompts): Promise<RotationOutcome> {
  return withPrompts(prompts, async () => (await vscode.commands.executeCommand<RotationOutcome>('influxdbTokens.rotateProfileToken', await profileNode('local')))!);
}

function sim(f: Fixture) {
  return f.state().profiles.local;
}

describe('Which token a profile uses', () => {
  let api: Api | undefined;
  afterEach(async () => api?.close());

  it('marks the configured token "in use" and the profile row with its status', async () => {
    const r = await localFixture(3);
    api = r.api;
    const s = await services();
    const local = await profileNode('local');
    const rows = (await s.tree.getChildren(await managementGroup(local))) as TokenNode[];
    const item = s.tree.getTreeItem(rows[0]);
    assert.match(String(item.description), /in use by profile local$/);
    assert.match(item.contextValue!, /\.inUse$/);
    await waitFor('profile row re-rendered with the token status', async () => {
      const p = s.tree.getTreeItem(await profileNode('local'));
      return /mgmt_token in (2|3) days/.test(String(p.description)) ? p : undefined;
    });
    const p = s.tree.getTreeItem(await profileNode('local'));
    assert.strictEqual((p.iconPath as vscode.ThemeIcon).id, 'warning');
    assert.match((p.tooltip as vscode.MarkdownString).value, /expires in (2|3) days\\?\. Rotate it soon/);
  });

  it('flags a profile whose configured token was revoked', async () => {
    const r = await localFixture(30);
    api = r.api;
    const state = r.f.state();
    state.profiles.local.tokens[0].revoked_at = { seconds: Math.floor(Date.now() / 1000) - 60 };
    r.f.setState(state);
    const s = await services();
    await s.tree.getChildren(await managementGroup(await profileNode('local')));
    const p = s.tree.getTreeItem(await profileNode('local'));
    assert.match(String(p.description), /mgmt_token revoked/);
    assert.match((p.tooltip as vscode.MarkdownString).value, /was revoked: influxctl cannot use it/);
  });
});

describe('Test Management Token', () => {
  let api: Api | undefined;
  afterEach(async () => {
    await api?.close();
    delete process.env.INFLUXDB_TOKENS_CONSOLE_URL;
  });

  it("calls GET /api/v0/databases with the profile's mgmt_token and reports the databases", async () => {
    const r = await localFixture();
    api = r.api;
    const prompts = new ScriptedPrompts([]);
    const result = await withPrompts(prompts, async () => vscode.commands.executeCommand<ManagementTokenTestResult>('influxdbTokens.verifyToken', await profileNode('local')));
    assert.strictEqual(result?.kind, 'valid');
    assert.deepStrictEqual(
      r.api.requests.map(({ method, path, accept, bearer }) => ({ method, path, accept, bearer })),
      [{ method: 'GET', path: '/api/v0/databases', accept: 'application/json', bearer: true }],
    );
    assert.match(prompts.shown[0].message, /works.*2 databases/);
  });

  it('reports a revoked token as rejected, without showing it', async () => {
    const r = await localFixture();
    api = r.api;
    const state = r.f.state();
    state.profiles.local.tokens[0].revoked_at = { seconds: Math.floor(Date.now() / 1000) - 60 };
    r.f.setState(state);
    const prompts = new ScriptedPrompts([]);
    const result = await withPrompts(prompts, async () => vscode.commands.executeCommand<ManagementTokenTestResult>('influxdbTokens.verifyToken', await profileNode('local')));
    assert.strictEqual(result?.kind, 'rejected');
    const error = prompts.shown.find((m) => m.kind === 'error')!;
    assert.match(error.message, /refused \(403\)/);
    assert.ok(!error.message.includes(OLD_SECRET.slice(9)));
  });

  it('tests Cloud Dedicated profiles at /api/v0/accounts/{account}/clusters/{cluster}/databases', async () => {
    const f = await useFixture();
    api = await startFakeManagementApi({ statePath: f.statePath });
    process.env.INFLUXDB_TOKENS_CONSOLE_URL = api!.url;
    const s = await services();
    const state = f.state();
    state.profiles.default.issued = { 'a3c1e5f7-1b2d-4e6f-8a9b-0c1d2e3f4a5b': 'M.V1.a3c1StoredSecretForVerify0123456789' };
    f.setState(state);
    await s.secrets.store(f.configPath, await profileNamed('default'), 'a3c1e5f7-1b2d-4e6f-8a9b-0c1d2e3f4a5b', 'M.V1.a3c1StoredSecretForVerify0123456789');
    const rows = (await s.tree.getChildren(await managementGroup(await profileNode('default')))) as TokenNode[];
    const row = rows.find((n) => n.token.id === 'a3c1e5f7-1b2d-4e6f-8a9b-0c1d2e3f4a5b')!;
    const result = await withPrompts(new ScriptedPrompts([]), async () => vscode.commands.executeCommand<ManagementTokenTestResult>('influxdbTokens.verifyToken', row));
    assert.strictEqual(result?.kind, 'valid');
    assert.deepStrictEqual(
      api!.requests.map((q) => q.path),
      ['/api/v0/accounts/0b8fbb2a-8f7b-4a1c-9d6e-2f1e4c3b5a69/clusters/5c3e8a1f-7d2b-4e6a-b9c0-1f2e3d4c5b6a/databases'],
    );
  });
});

describe('Expiry warnings', () => {
  let api: Api | undefined;
  afterEach(async () => api?.close());

  it('shows the soonest configured expiry in the status bar and notifies once a day', async () => {
    const r = await localFixture(3);
    api = r.api;
    const s = await services();
    const prompts = new ScriptedPrompts([]);
    await withPrompts(prompts, async () => {
      const now = new Date(Date.now() + 7 * DAY * 1000 + 1); // a day nobody was notified yet
      const warnings = await s.expiry.instance().check(now);
      assert.deepStrictEqual(warnings.map((w) => [w.profile.name, w.status]), [['local', 'expired']]);
      assert.match(s.expiry.instance().statusBar.text, /^\$\(warning\) local: mgmt_token expired/);
      assert.strictEqual(s.expiry.instance().statusBar.command && (s.expiry.instance().statusBar.command as vscode.Command).command, 'influxdbTokens.revealProfile');
      await s.expiry.instance().check(now);
    });
    const notes = prompts.shown.filter((m) => m.kind === 'inform' && m.message.includes('mgmt_token of profile "local"'));
    assert.strictEqual(notes.length, 1, 'notified once for the day');
    assert.deepStrictEqual(notes[0].actions, ['Rotate Now', 'Remind Me Tomorrow']);
  });
});

describe('Rotate mgmt_token', () => {
  let api: Api | undefined;
  afterEach(async () => api?.close());

  function newToken(f: Fixture) {
    return sim(f).tokens.find((t) => t.id !== OLD);
  }

  it('goes back from a custom expiry to the presets with Custom… still chosen, and Escape there cancels', async () => {
    const { f, api: a } = await localFixture();
    api = a;
    const prompts = new ScriptedPrompts([{ pick: 'Custom…' }, { back: 'input' }, { cancel: 'pick' }]);
    assert.strictEqual((await rotate(prompts)).result, 'cancelled');
    assert.deepStrictEqual(
      prompts.asked.map((q) => [q.kind, q.step, q.offered]),
      [
        ['pick', { step: 1, totalSteps: 1 }, 'Same lifetime as the old token (90 days)'],
        ['input', { step: 2, totalSteps: 2 }, undefined],
        ['pick', { step: 1, totalSteps: 2 }, 'Custom…'],
      ],
    );
    assert.strictEqual(newToken(f), undefined, 'nothing created');
  });

  it('creates, stores, tests and configures the new token, then revokes the old one', async () => {
    const { f, api: a } = await localFixture();
    api = a;
    const before = fs.readFileSync(f.configPath, 'utf8');
    const prompts = new ScriptedPrompts([{ pick: 'Same lifetime as the old token (90 days)' }, { warn: 'Revoke Old Token' }]);
    const outcome = await rotate(prompts);
    assert.strictEqual(outcome.result, 'done', JSON.stringify(prompts.shown));
    assert.deepStrictEqual(prompts.asked[0].step, { step: 1, totalSteps: 1 }, 'the expiry is a multi-step input of its own (Custom… adds a step)');
    const created = newToken(f)!;
    assert.match(created.description, /^local automation \(rotated \d{4}-\d{2}-\d{2}\)$/);
    const secret = sim(f).issued![created.id];
    assert.strictEqual(fs.readFileSync(f.configPath, 'utf8'), before.replace(OLD_SECRET, secret), 'only the token changed; the inline comment stays');
    assert.ok(sim(f).tokens.find((t) => t.id === OLD)!.revoked_at, 'old token revoked');
    assert.strictEqual(await (await services()).secrets.get(f.configPath, await profileNamed('local'), created.id), secret);
    assert.ok(a.requests.some((q) => q.path === '/api/v0/databases'), 'the new token was tested');
  });

  it('revokes no old token when the mgmt_token cannot be told apart from another listed token', async () => {
    const { f, api: a } = await localFixture();
    api = a;
    const state = f.state();
    const twin = '7e1d2c3b-0000-4687-9a1b-2c3d4e5f6a7b';
    state.profiles.local.tokens.push(token(twin, 'same prefix', { expires: 30 * DAY, prefix: OLD_SECRET.slice(0, 9) }));
    f.setState(state);
    const prompts = new ScriptedPrompts([{ pick: '30 days' }]);
    const outcome = await rotate(prompts);
    assert.strictEqual(outcome.result, 'done', JSON.stringify(prompts.shown));
    assert.strictEqual(outcome.oldTokenId, undefined, 'no old token was picked by guess');
    assert.ok(!prompts.shown.some((m) => m.kind === 'warn'), 'no revocation is offered');
    assert.ok(sim(f).tokens.every((t) => t.id === newToken(f)!.id || !t.revoked_at), 'neither candidate was revoked');
    assert.match(prompts.shown.find((m) => m.kind === 'inform')!.message, /could not be identified/);
  });

  it('changes nothing when creating the new token fails', async () => {
    const { f, api: a } = await localFixture();
    api = a;
    const state = f.state();
    state.profiles.local.fault = { commands: ['create'], exitCode: 1, stderr: 'Error: quota exceeded\n' };
    f.setState(state);
    const before = fs.readFileSync(f.configPath, 'utf8');
    const outcome = await rotate(new ScriptedPrompts([{ pick: '30 days' }]));
    assert.deepStrictEqual([outcome.result, outcome.failedStep], ['failed', 'create']);
    assert.strictEqual(fs.readFileSync(f.configPath, 'utf8'), before);
    assert.ok(!sim(f).tokens[0].revoked_at);
  });

  it('keeps the old token configured when the new one fails its test, and can revoke the new one', async () => {
    const { f, api: a } = await localFixture();
    api = a;
    const state = f.state();
    (state as unknown as { api: unknown }).api = { status: 500 };
    f.setState(state);
    const before = fs.readFileSync(f.configPath, 'utf8');
    const prompts = new ScriptedPrompts([{ pick: '30 days' }, { error: 'Revoke New Token' }]);
    const outcome = await rotate(prompts);
    assert.deepStrictEqual([outcome.result, outcome.failedStep], ['failed', 'test']);
    assert.strictEqual(fs.readFileSync(f.configPath, 'utf8'), before, 'config.toml still has the old token');
    assert.ok(!sim(f).tokens.find((t) => t.id === OLD)!.revoked_at, 'old token not revoked');
    const error = prompts.shown.find((m) => m.kind === 'error')!;
    assert.match(error.message, /stopped: .*500.*The new token ".*" \(.*\) exists and its secret is stored securely in VS Code\. config\.toml still uses the old token "local automation", which was not revoked and still works\./);
    assert.deepStrictEqual(error.actions, ['Retry', 'Revoke New Token']);
    assert.ok(newToken(f)!.revoked_at, 'the new token was revoked on request');
  });

  it('says so when revoking the new token on request fails, and names it', async () => {
    const { f, api: a } = await localFixture();
    api = a;
    const state = f.state();
    (state as unknown as { api: unknown }).api = { status: 500 };
    state.profiles.local.fault = { commands: ['revoke'], exitCode: 1, stderr: 'Error: permission denied\n' };
    f.setState(state);
    const prompts = new ScriptedPrompts([{ pick: '30 days' }, { error: 'Revoke New Token' }, { error: undefined }]);
    await rotate(prompts);
    const created = newToken(f)!;
    assert.ok(!created.revoked_at, 'the simulator refused the revoke');
    const errors = prompts.shown.filter((m) => m.kind === 'error');
    assert.strictEqual(errors.length, 2, 'the failed revoke is reported, not dropped');
    assert.match(errors[1].message, new RegExp(`^Could not revoke management token ".*\\(rotated .*\\)" \\(${created.id}\\): .*permission denied`));
  });

  it('keeps the old token when config.toml cannot be written, and finishes on Retry', async () => {
    const { f, api: a } = await localFixture();
    api = a;
    fs.chmodSync(f.configPath, 0o444);
    // The user reads the error, fixes the permissions, then chooses Retry.
    const prompts = new ScriptedPrompts([{ pick: '30 days' }, { error: 'Retry', meanwhile: () => fs.chmodSync(f.configPath, 0o600) }, { warn: 'Revoke Old Token' }]);
    const outcome = await rotate(prompts);
    const errors = prompts.shown.filter((m) => m.kind === 'error');
    assert.strictEqual(errors.length, 1);
    assert.match(errors[0].message, /read-only; nothing was written/);
    assert.match(errors[0].message, /config\.toml still uses the old token "local automation", which was not revoked and still works/);
    assert.strictEqual(outcome.result, 'done');
    assert.ok(fs.readFileSync(f.configPath, 'utf8').includes(sim(f).issued![newToken(f)!.id]));
    assert.ok(sim(f).tokens.find((t) => t.id === OLD)!.revoked_at);
  });

  it('keeps the old token when the new one went into an open config.toml with unsaved changes', async () => {
    const { f, api: a } = await localFixture();
    api = a;
    const doc = await vscode.workspace.openTextDocument(f.configPath);
    const editor = await vscode.window.showTextDocument(doc);
    try {
      await editor.edit((e) => e.insert(new vscode.Position(0, 0), '# my unsaved note\n'));
      const prompts = new ScriptedPrompts([{ pick: '30 days' }]);
      const outcome = await rotate(prompts);
      assert.strictEqual(outcome.result, 'oldKept', 'no revoke is offered while influxctl still reads the old token');
      assert.ok(!sim(f).tokens.find((t) => t.id === OLD)!.revoked_at);
      const secret = sim(f).issued![newToken(f)!.id];
      assert.ok(doc.isDirty && doc.getText().includes(secret) && doc.getText().startsWith('# my unsaved note'));
      assert.ok(fs.readFileSync(f.configPath, 'utf8').includes(OLD_SECRET), 'the file on disk still holds the old token');
      const informs = prompts.shown.filter((m) => m.kind === 'inform').map((m) => m.message);
      assert.ok(informs.some((m) => /Save the file for influxctl to use it; the old token was kept/.test(m)), JSON.stringify(informs));
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('keeps the old token when its revocation is declined', async () => {
    const { f, api: a } = await localFixture();
    api = a;
    const outcome = await rotate(new ScriptedPrompts([{ pick: '30 days' }, { warn: undefined }]));
    assert.strictEqual(outcome.result, 'oldKept');
    assert.ok(!sim(f).tokens.find((t) => t.id === OLD)!.revoked_at);
    assert.ok(fs.readFileSync(f.configPath, 'utf8').includes(sim(f).issued![newToken(f)!.id]));
  });
});
