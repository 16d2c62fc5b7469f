import * as assert from 'assert';
import * as vscode from 'vscode';
import { CreateManagementToken } from '../../src/managementTokens/createManagementToken';
import { TokenSecretStore } from '../../src/state/tokenSecretStore';
import { type Fixture, managementGroup, noKeyringSecretStorage, ScriptedPrompts, profileNamed, services, useFixture, withPrompts } from './helpers';

const DAY_MS = 86400000;

function createCalls(f: Fixture): string[][] {
  return f.calls().filter((argv) => argv.includes('create'));
}

function flag(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

async function create(prompts: ScriptedPrompts, arg?: unknown): Promise<{ id?: string; stored: boolean } | undefined> {
  return withPrompts(prompts, () => Promise.resolve(vscode.commands.executeCommand<{ id?: string; stored: boolean } | undefined>('influxdbTokens.createToken', arg)));
}

describe('Create Management Token', () => {
  for (const [step, answers] of [
    ['the profile pick', [{ cancel: 'pick' }]],
    ['the description', [{ pick: 'default' }, { cancel: 'input' }]],
    ['the expiry pick', [{ pick: 'default' }, { input: 'x' }, { cancel: 'pick' }]],
    ['the custom expiry', [{ pick: 'default' }, { input: 'x' }, { pick: 'Custom…' }, { cancel: 'input' }]],
  ] as const) {
    it(`creates nothing when cancelled at ${step}`, async () => {
      const f = await useFixture();
      const prompts = new ScriptedPrompts([...answers] as never);
      assert.strictEqual(await create(prompts), undefined);
      assert.strictEqual(prompts.remaining, 0);
      assert.deepStrictEqual(createCalls(f), []);
    });
  }

  for (const [preset, days] of [
    ['1 day', 1],
    ['7 days', 7],
    ['30 days', 30],
    ['90 days', 90],
    ['1 year', 365],
  ] as const) {
    it(`passes --expires-at for the preset "${preset}"`, async () => {
      const f = await useFixture();
      const before = Date.now();
      const result = await create(new ScriptedPrompts([{ input: 'preset test' }, { pick: preset }]), { kind: 'profile', configPath: f.configPath, profile: { name: 'staging' } });
      assert.ok(result?.stored);
      const [argv] = createCalls(f);
      assert.strictEqual(flag(argv, '--profile'), 'staging');
      const at = Date.parse(flag(argv, '--expires-at')!);
      assert.match(flag(argv, '--expires-at')!, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      const after = Date.now();
      // A year is a calendar year; the flag has whole seconds (rounded either way).
      const later = (t: number) => (preset === '1 year' ? new Date(t).setUTCFullYear(new Date(t).getUTCFullYear() + 1) : t + days * DAY_MS);
      assert.ok(at >= later(before) - 1000 && at <= later(after) + 1000, `${preset}: ${new Date(at).toISOString()} is not ${new Date(later(before)).toISOString()}`);
    });
  }

  it('passes no --expires-at for "Never" and defaults the picker to a finite expiry', async () => {
    const f = await useFixture();
    const prompts = new ScriptedPrompts([{ pick: 'default' }, { input: 'forever' }, { pick: 'Never' }]);
    await create(prompts);
    assert.strictEqual(prompts.picks.find((p) => p.labels.includes('Never'))?.active, '30 days');
    const [argv] = createCalls(f);
    assert.strictEqual(flag(argv, '--expires-at'), undefined);
  });

  it('validates a custom expiry as it is typed and shows the UTC instant', async () => {
    const f = await useFixture();
    let verdicts: unknown[] = [];
    const prompts = new ScriptedPrompts([
      { pick: 'default' },
      { input: 'custom expiry' },
      { pick: 'Custom…' },
      {
        input: '2099-01-31',
        check: async (options) => {
          verdicts = await Promise.all(['2001-01-01', 'next tuesday', '2099-02-30', '12h', '2099-01-31'].map((v) => options.validateInput!(v)));
        },
      },
    ]);
    await create(prompts);
    assert.match(String(verdicts[0]), /not in the future/);
    assert.match(String(verdicts[1]), /is not an expiry/);
    assert.match(String(verdicts[2]), /not a real date/);
    assert.strictEqual((verdicts[3] as vscode.InputBoxValidationMessage).severity, vscode.InputBoxValidationSeverity.Info);
    assert.deepStrictEqual(verdicts[4], { message: 'Expires 2099-01-31T00:00:00Z (UTC).', severity: vscode.InputBoxValidationSeverity.Info });
    assert.strictEqual(flag(createCalls(f)[0], '--expires-at'), '2099-01-31T00:00:00Z');
  });

  it('requires a description, prefilled with the profile name and date', async () => {
    await useFixture();
    const prompts = new ScriptedPrompts([{ pick: 'default' }, { cancel: 'input' }]);
    await create(prompts);
    const options = prompts.inputs[0];
    assert.strictEqual(options.value, `default automation ${new Date().toISOString().slice(0, 10)}`);
    assert.match(String(await options.validateInput!('   ')), /description is required/);
  });

  it('passes a hostile description to influxctl as one literal argument', async () => {
    const f = await useFixture();
    const description = `it's "quoted" $(touch /tmp/pwned) \`id\`; rm -rf ~ | café ✓`;
    await create(new ScriptedPrompts([{ pick: 'default' }, { input: description }, { pick: '7 days' }]));
    const [argv] = createCalls(f);
    assert.strictEqual(flag(argv, '--description'), description);
    assert.ok(f.state().profiles.default.tokens.some((t) => t.description === description));
  });

  for (const version of ['2.10.5', '2.11.0']) {
    it(`stores the secret under the new token's ID (influxctl ${version} output)`, async () => {
      const f = await useFixture();
      const state = f.state();
      state.version = version;
      state.warnings = version === '2.10.5' ? 'stdout' : 'stderr';
      f.setState(state);
      const prompts = new ScriptedPrompts([{ pick: 'default' }, { input: `made by ${version}` }, { pick: '7 days' }]);
      const result = await create(prompts);
      const s = await services();
      const created = f.state().profiles.default.tokens.find((t) => t.description === `made by ${version}`) as { id: string };
      assert.strictEqual(result?.id, created.id);
      const secret = f.state().profiles.default.issued![created.id];
      assert.strictEqual(await s.secrets.get(f.configPath, await profileNamed('default'), created.id), secret);
      assert.ok(s.secrets.has(f.configPath, await profileNamed('default'), created.id));
      assert.ok(s.secrets.storedIds(f.configPath, await profileNamed('default')).size === 1, 'no provisional key is left behind');
      const note = prompts.shown.find((m) => m.kind === 'inform' && m.message.startsWith('Created'));
      assert.deepStrictEqual(note?.actions, ['Copy Secret', 'Set as mgmt_token']);
      assert.ok(!note?.message.includes(secret), 'the notification does not show the secret');
    });
  }

  it('strips colour codes around the printed secret and stores the secret itself', async () => {
    const f = await useFixture();
    const state = f.state();
    state.profiles.default.fault = { commands: ['create'], createPrints: '\u001b[1;32m{secret}\u001b[0m' };
    f.setState(state);
    const result = await create(new ScriptedPrompts([{ pick: 'default' }, { input: 'coloured' }, { pick: '7 days' }]));
    const s = await services();
    const created = f.state().profiles.default.tokens.find((t) => t.description === 'coloured') as { id: string };
    assert.ok(result?.stored);
    assert.strictEqual(await s.secrets.get(f.configPath, await profileNamed('default'), created.id), f.state().profiles.default.issued![created.id]);
  });

  it('stores nothing when influxctl prints something that cannot be a token, and offers its output once', async () => {
    const f = await useFixture();
    const state = f.state();
    state.profiles.default.fault = { commands: ['create'], createPrints: 'https://console.influxdata.com/tokens/activate' };
    f.setState(state);
    const prompts = new ScriptedPrompts([{ pick: 'default' }, { input: 'url instead' }, { pick: '7 days' }, { error: 'Copy influxctl Output' }]);
    try {
      assert.strictEqual(await create(prompts), undefined);
      const s = await services();
      assert.strictEqual(s.secrets.storedIds(f.configPath, await profileNamed('default')).size, 0, 'nothing is stored as the secret');
      const error = prompts.shown.find((m) => m.kind === 'error')!;
      assert.match(error.message, /could not be captured/);
      assert.deepStrictEqual(error.actions, ['Copy influxctl Output', 'Revoke New Token'], 'the 2.11 table names the new token: it can be revoked');
      assert.match(await vscode.env.clipboard.readText(), /https:\/\/console\.influxdata\.com\/tokens\/activate/);
    } finally {
      await vscode.env.clipboard.writeText('');
    }
  });

  it('keeps no secret that does not start with the new token\'s listed prefix, and can revoke that token', async () => {
    const f = await useFixture();
    const state = f.state();
    state.profiles.default.fault = { commands: ['create'], listedPrefix: 'M.V1.zzzz' };
    f.setState(state);
    const prompts = new ScriptedPrompts([{ pick: 'default' }, { input: 'mismatch' }, { pick: '7 days' }, { error: 'Revoke New Token' }]);
    const result = await create(prompts);
    const created = f.state().profiles.default.tokens.find((t) => t.description === 'mismatch') as { id: string; revoked_at?: unknown };
    assert.deepStrictEqual(result, { id: created.id, stored: false });
    const s = await services();
    assert.strictEqual(s.secrets.storedIds(f.configPath, await profileNamed('default')).size, 0);
    assert.match(prompts.shown.find((m) => m.kind === 'error')!.message, /does not start with the prefix of the new token "mismatch" \(M\.V1\.zzzz\)/);
    assert.ok(created.revoked_at, 'the new token was revoked on request');
    assert.ok(prompts.shown.some((m) => m.kind === 'inform' && m.message === 'Revoked management token "mismatch".'), 'the revoke is reported');
    assert.ok(!prompts.shown.some((m) => m.kind === 'inform' && m.message.startsWith('Created')), 'no Copy Secret or Set as mgmt_token is offered');
  });

  it('reports a failing influxctl with its (redacted) stderr and stores nothing', async () => {
    const f = await useFixture();
    const state = f.state();
    state.profiles.default.fault = { commands: ['create'], exitCode: 1, stderr: 'Error: permission denied for token M.V1.abcdXYZ123secretSECRET456\n' };
    f.setState(state);
    const prompts = new ScriptedPrompts([{ pick: 'default' }, { input: 'will fail' }, { pick: '7 days' }]);
    assert.strictEqual(await create(prompts), undefined);
    const error = prompts.shown.find((m) => m.kind === 'error');
    assert.match(error!.message, /Creating a management token for "default" failed: influxctl exited with code 1: Error: permission denied/);
    assert.ok(!error!.message.includes('XYZ123secretSECRET456'));
    assert.deepStrictEqual(error!.actions, ['Show Log', 'Retry']);
    assert.strictEqual((await services()).secrets.storedIds(f.configPath, await profileNamed('default')).size, 0);
  });

  it('says when influxctl did not finish within the timeout, offering the setting', async () => {
    const f = await useFixture();
    const state = f.state();
    state.profiles.default.fault = { commands: ['create'], hang: true };
    f.setState(state);
    await vscode.workspace.getConfiguration('influxdbTokens').update('timeoutSeconds', 1, vscode.ConfigurationTarget.Global);
    try {
      const prompts = new ScriptedPrompts([{ pick: 'default' }, { input: 'too slow' }, { pick: '7 days' }]);
      assert.strictEqual(await create(prompts), undefined);
      const error = prompts.shown.find((m) => m.kind === 'error');
      assert.match(error!.message, /did not finish within 1 s/);
      assert.deepStrictEqual(error!.actions, ['Show Log', 'Retry', 'Open Settings']);
    } finally {
      await vscode.workspace.getConfiguration('influxdbTokens').update('timeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('falls back to a one-time Copy when SecretStorage refuses the secret', async () => {
    const f = await useFixture();
    const s = await services();
    // The create workflow over a SecretStorage without a keyring, beside the extension's own parts.
    const secrets = new TokenSecretStore(noKeyringSecretStorage(), s.state);
    const prompts = new ScriptedPrompts([{ pick: 'default' }, { input: 'no keyring' }, { pick: '7 days' }, { warn: 'Copy Secret' }]);
    try {
      const result = await new CreateManagementToken({ ...s, secrets, prompts }).run();
      assert.strictEqual(result?.stored, false);
      const warning = prompts.shown.find((m) => m.kind === 'warn')!;
      assert.match(warning.message, /could not be stored securely in VS Code/);
      assert.match(warning.detail!, /no keyring[\s\S]*password-store/);
      const created = f.state().profiles.default.tokens.find((t) => t.description === 'no keyring') as { id: string };
      assert.strictEqual(await vscode.env.clipboard.readText(), f.state().profiles.default.issued![created.id]);
    } finally {
      secrets.dispose();
      await vscode.env.clipboard.writeText('');
    }
  });
});

describe('Revoke Management Token', () => {
  async function tokenNode(f: Fixture, profile: string, id: string) {
    const s = await services();
    const roots = await s.tree.getChildren();
    const p = roots.find((n) => n.kind === 'profile' && n.profile.name === profile)!;
    const rows = await s.tree.getChildren(await managementGroup(p));
    const node = rows.find((n) => n.kind === 'token' && n.token.id === id);
    assert.ok(node, `token ${id} in ${profile} (${f.configPath})`);
    return node;
  }

  const CI = 'a3c1e5f7-1b2d-4e6f-8a9b-0c1d2e3f4a5b';
  const TERRAFORM = 'd6f4b8c0-4e5a-4b9c-9d2e-3f4a5b6c7d8e';

  it('revokes one token after a modal warning that names it, with --force', async () => {
    const f = await useFixture();
    const s = await services();
    await s.secrets.store(f.configPath, await profileNamed('default'), CI, 'M.V1.a3c1StoredSecretForTest1234567890');
    const node = await tokenNode(f, 'default', CI);
    const prompts = new ScriptedPrompts([{ warn: 'Revoke' }]);
    const outcome = await withPrompts(prompts, () => Promise.resolve(vscode.commands.executeCommand('influxdbTokens.revokeToken', node, [node])));
    assert.deepStrictEqual(outcome, { revoked: [CI], failed: [] });
    const warning = prompts.shown[0];
    assert.strictEqual(warning.message, 'Revoke this management token?');
    assert.match(warning.detail!, /ci-pipeline \(a3c1e5f7-1b2d-4e6f-8a9b-0c1d2e3f4a5b\)[\s\S]*cannot be undone/);
    const revokeCalls = f.calls().filter((a) => a.includes('revoke'));
    assert.deepStrictEqual(revokeCalls.map((a) => a.slice(a.indexOf('management'))), [['management', 'revoke', '--force', CI]]);
    assert.ok(f.state().profiles.default.tokens.find((t) => t.id === CI)!.revoked_at);
    assert.strictEqual(await s.secrets.get(f.configPath, await profileNamed('default'), CI), undefined, 'the stored secret is deleted');
  });

  it('revokes a multi-selection with one influxctl call', async () => {
    const f = await useFixture();
    const a = await tokenNode(f, 'default', CI);
    const b = await tokenNode(f, 'default', TERRAFORM);
    const prompts = new ScriptedPrompts([{ warn: 'Revoke' }]);
    const outcome = await withPrompts(prompts, () => Promise.resolve(vscode.commands.executeCommand('influxdbTokens.revokeToken', a, [a, b])));
    assert.deepStrictEqual(outcome, { revoked: [CI, TERRAFORM], failed: [] });
    assert.strictEqual(prompts.shown[0].message, 'Revoke 2 management tokens?');
    const revokeCalls = f.calls().filter((x) => x.includes('revoke'));
    assert.strictEqual(revokeCalls.length, 1);
    assert.deepStrictEqual(revokeCalls[0].slice(-3), ['--force', CI, TERRAFORM]);
  });

  it('does nothing when the confirmation is cancelled', async () => {
    const f = await useFixture();
    const node = await tokenNode(f, 'default', CI);
    await withPrompts(new ScriptedPrompts([{ warn: undefined }]), () => Promise.resolve(vscode.commands.executeCommand('influxdbTokens.revokeToken', node, [node])));
    assert.deepStrictEqual(f.calls().filter((a) => a.includes('revoke')), []);
  });

  it('reports which IDs failed in a partial failure', async () => {
    const f = await useFixture();
    const state = f.state();
    state.profiles.default.fault = { commands: ['revoke'], failIds: [TERRAFORM] };
    f.setState(state);
    const a = await tokenNode(f, 'default', CI);
    const b = await tokenNode(f, 'default', TERRAFORM);
    const prompts = new ScriptedPrompts([{ warn: 'Revoke' }]);
    const outcome = await withPrompts(prompts, () => Promise.resolve(vscode.commands.executeCommand('influxdbTokens.revokeToken', a, [a, b])));
    assert.deepStrictEqual(outcome, { revoked: [CI], failed: [TERRAFORM] });
    const error = prompts.shown.find((m) => m.kind === 'error')!;
    assert.match(error.message, new RegExp(`^Revoked "ci-pipeline"; could not revoke "terraform" \\(${TERRAFORM}\\): `));
  });

  it('reports a revoke as done when the keyring then refuses to delete the stored secret', async () => {
    const f = await useFixture();
    const s = await services();
    const { ManagementTokensModel } = await import('../../src/state/managementTokensModel');
    const { RevokeManagementTokens } = await import('../../src/managementTokens/revokeManagementTokens');
    const lockedOnDelete: vscode.SecretStorage = {
      ...noKeyringSecretStorage(),
      store: async () => undefined,
      delete: async () => {
        throw new Error('keyring locked');
      },
    };
    const secrets = new TokenSecretStore(lockedOnDelete, s.state);
    const tokens = new ManagementTokensModel(s.settings, s.config, secrets, s.log);
    try {
      await secrets.store(f.configPath, await profileNamed('default'), CI, 'M.V1.a3c1StoredSecretOfCiPipeline0123456789');
      const node = await tokenNode(f, 'default', CI);
      const prompts = new ScriptedPrompts([{ warn: 'Revoke' }]);
      const outcome = await new RevokeManagementTokens({ ...s, tokens, prompts }).run(node, [node]);
      assert.deepStrictEqual(outcome, { revoked: [CI], failed: [] });
      assert.ok(f.state().profiles.default.tokens.find((t) => t.id === CI)!.revoked_at);
      assert.deepStrictEqual(prompts.shown.filter((m) => m.kind !== 'warn').map((m) => m.message), ['Revoked management token "ci-pipeline".']);
    } finally {
      tokens.dispose();
      secrets.dispose();
    }
  });

  it("warns specially when the token is the profile's own mgmt_token", async () => {
    const f = await useFixture({
      config: `[[profile]]\n  name = "default"\n  product = "dedicated"\n  account_id = "a"\n  cluster_id = "c"\n  mgmt_token = "M.V1.a3c1ThisIsTheConfiguredSecret0123456789"\n`,
    });
    const node = await tokenNode(f, 'default', CI);
    const prompts = new ScriptedPrompts([{ warn: undefined }]);
    await withPrompts(prompts, () => Promise.resolve(vscode.commands.executeCommand('influxdbTokens.revokeToken', node, [node])));
    assert.match(prompts.shown[0].detail!, /"ci-pipeline" is the mgmt_token of profile "default"\. Revoking it cuts influxctl's own access/);
  });

  it('asks for the profile and the tokens when run from the palette', async () => {
    const f = await useFixture();
    const prompts = new ScriptedPrompts([{ pick: 'default' }, { pickMany: ['terraform'] }, { warn: 'Revoke' }]);
    const outcome = await withPrompts(prompts, () => Promise.resolve(vscode.commands.executeCommand('influxdbTokens.revokeToken')));
    assert.deepStrictEqual(outcome, { revoked: [TERRAFORM], failed: [] });
    assert.ok(f.state().profiles.default.tokens.find((t) => t.id === TERRAFORM)!.revoked_at);
  });
});
