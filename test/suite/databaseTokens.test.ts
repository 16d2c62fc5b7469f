import * as assert from 'assert';
import * as vscode from 'vscode';
import type { GroupNode, Node } from '../../src/tree/nodes';
import * as fs from 'fs';
import { type Fixture, noKeyringSecretStorage, ScriptedPrompts, profileNamed, services, waitFor, withPrompts } from './helpers';
import { closeStandIns, databaseGroup, databaseRows, demoWithApis, label, profileRow } from './standIns';
const fixtures = require('../../scripts/lib/fixtures.js');

describe('Database tokens in the tree', () => {
  afterEach(async () => {
    await closeStandIns();
  });

  it('shows a Management Tokens group (expanded) and a Database Tokens group (collapsed) under each profile', async () => {
    await demoWithApis();
    const s = await services();
    const groups = (await s.tree.getChildren(await profileRow('default'))).map((n) => s.tree.getTreeItem(n));
    assert.deepStrictEqual(groups.map(label), ['Management Tokens', 'Database Tokens']);
    assert.deepStrictEqual(
      groups.map((g) => g.collapsibleState),
      [vscode.TreeItemCollapsibleState.Expanded, vscode.TreeItemCollapsibleState.Collapsed],
    );
  });

  it('lists the database tokens of Cloud Dedicated and of Clustered over HTTPS: permissions in words, status, expiry', async () => {
    const { dedicated, clustered } = await demoWithApis();
    const def = await databaseRows('default');
    assert.deepStrictEqual(
      def.map((r) => [label(r.item), String(r.item.description).replace(/in \d+ days|\d+ days ago/, 'N'), r.item.contextValue]),
      [
        // The status leads: the end of a row is cut off at the default width.
        ['grafana dashboards', 'N · read telemetry', 'databaseToken.active'],
        ['telegraf edge agents', 'N · read/write iot_sensors', 'databaseToken.expiring'],
        ['nightly export', 'expired N · read billing, telemetry', 'databaseToken.expired'],
        ['admin scripts', 'never expires · read/write all databases', 'databaseToken.active'],
      ],
      'revoked tokens are hidden by default',
    );
    const staging = await databaseRows('staging');
    assert.deepStrictEqual(staging.map((r) => label(r.item)), ['load generator', 'qa read-only', 'perf run 2026-q2']);
    assert.match(String(staging[0].item.description), /^in \d+ days · write staging_logs, staging_metrics$/);
    const s = await services();
    const tip = s.tree.resolveTreeItem(def[1].item, def[1].node);
    assert.match((tip.tooltip as vscode.MarkdownString).value, /ID: `3f1c2b4a-5d6e-4f70-8a91-b2c3d4e5f602`[\s\S]*read on `iot_sensors`[\s\S]*write on `iot_sensors`/);
    assert.deepStrictEqual([...dedicated.violations, ...clustered.violations], [], 'every request and answer conformed to the OpenAPI documents');
    assert.ok(dedicated.requests.some((r) => r.path === `/api/v0/accounts/${fixtures.ACCOUNT_ID}/clusters/${fixtures.CLUSTER_ID}/tokens`));
    assert.ok(clustered.requests.some((r) => r.path === '/api/v0/tokens'), 'Clustered is called at /api/v0/tokens, never the Dedicated path');
  });

  it('refreshes a group row after its list only when the row changes, or when the view shows rows of an older list', async () => {
    const { f } = await demoWithApis();
    const s = await services();
    const group = (await databaseGroup('default')) as GroupNode;
    // What refreshes the database token rows: their group, or the profile row above it.
    const fired: Node[] = [];
    const sub = s.tree.onDidChangeTreeData((n) => n && (n === group || n.kind === 'profile') && fired.push(n));
    try {
      // First expansion: the row gains its count, so it is refreshed once.
      s.tree.getTreeItem(group);
      await s.tree.getChildren(group);
      assert.deepStrictEqual(fired, [group]);
      assert.strictEqual(s.tree.getTreeItem(group).description, '4 of 5');

      // Listed again with the same outcome (Refresh, an edit): only the drop refreshes, and the count stays meanwhile.
      fired.length = 0;
      s.databaseTokens.invalidate('default');
      assert.strictEqual(s.tree.getTreeItem(group).description, '4 of 5');
      await s.tree.getChildren(group);
      assert.deepStrictEqual(fired, [group], 'the finished list refreshed nothing more');

      // A list made elsewhere (a palette command) while the view shows older rows: the group is refreshed.
      s.databaseTokens.invalidate('default');
      fired.length = 0;
      await s.databaseTokens.load(f.configPath, group.profile);
      assert.deepStrictEqual(fired, [group]);
    } finally {
      sub.dispose();
    }
  });

  it('names the management token it uses in the group tooltip, never its secret, and counts the rows', async () => {
    await demoWithApis();
    const s = await services();
    await databaseRows('default');
    const group = s.tree.getTreeItem(await databaseGroup('default'));
    const tooltip = String(group.tooltip);
    assert.match(tooltip, /called with the profile's mgmt_token "grafana provisioning" \(M\.V1\.b4d2\)/);
    assert.ok(!tooltip.includes(fixtures.GRAFANA_SECRET.slice(9)), 'the secret is not shown');
    assert.strictEqual(group.description, '4 of 5');
  });

  it('shows revoked database tokens with the toggle, and applies the filter', async () => {
    await demoWithApis();
    await vscode.commands.executeCommand('influxdbTokens.toggleRevoked');
    try {
      await waitFor('the revoked row', async () => ((await databaseRows('default')).some((r) => label(r.item) === 'old collector (revoked)') ? true : undefined));
    } finally {
      await vscode.commands.executeCommand('influxdbTokens.toggleRevoked');
    }
    await vscode.commands.executeCommand('influxdbTokens.filter', 'telegraf');
    try {
      assert.deepStrictEqual((await databaseRows('default')).map((r) => label(r.item)), ['telegraf edge agents']);
    } finally {
      await vscode.commands.executeCommand('influxdbTokens.filter', '');
    }
  });

  it('without mgmt_token or a stored secret says so, offering to create one; a stored secret of an active token is then used', async () => {
    await demoWithApis((c) => c.replace(`    mgmt_token = "${fixtures.STAGING_SECRET}"\n`, ''));
    const [row] = await databaseRows('staging');
    assert.strictEqual(row.item.contextValue, 'noAuth');
    assert.match(label(row.item), /No management token/);
    assert.strictEqual(row.item.command, undefined, 'a passive row: a click starts no wizard');
    const menus = vscode.extensions.getExtension('influxdb-tokens.influxdb-mgmt-tokens')!.packageJSON.contributes.menus['view/item/context'] as { command: string; when: string; group?: string }[];
    assert.ok(menus.some((m) => m.command === 'influxdbTokens.createToken' && /viewItem == noAuth/.test(m.when) && m.group?.startsWith('inline')), 'Create Management Token… is its inline action');
    const s = await services();
    const configPath = s.config.path;
    await s.secrets.store(configPath, await profileNamed('staging'), fixtures.STAGING_DEPLOYS_ID, fixtures.STAGING_SECRET);
    try {
      const rows = await waitFor('rows listed with the stored secret', async () => {
        const r = await databaseRows('staging');
        return r[0]?.node.kind === 'databaseToken' ? r : undefined;
      });
      assert.strictEqual(rows.length, 3);
      assert.match(String(s.tree.getTreeItem(await databaseGroup('staging')).tooltip), /the stored secret of management token "staging deploys"/);
    } finally {
      await s.secrets.delete(configPath, 'staging', fixtures.STAGING_DEPLOYS_ID);
    }
  });

  it('explains a TLS failure with the [profile.tls] fix when the cluster\'s CA is not trusted', async () => {
    await demoWithApis((c) => c.replace(/\n\s*ca = .*\n/, '\n'));
    const [row] = await databaseRows('staging');
    assert.strictEqual(row.item.contextValue, 'error');
    assert.match(label(row.item), /\[profile\.tls\]/);
    assert.match(label(row.item), /ca = /);
  });

  it('sends nothing with [profile.tls] insecure = true until the person allows it, naming the host and the risk', async () => {
    const { clustered } = await demoWithApis((c) => c.replace(/\n(\s*)ca = .*\n/, '\n$1insecure = true\n'));
    const [row] = await databaseRows('staging');
    assert.strictEqual(row.item.contextValue, 'consent');
    assert.match(label(row.item), /skip the verification of 127\.0\.0\.1:\d+'s certificate .*Nothing was sent/);
    assert.strictEqual(row.item.command, undefined, 'a passive row: Allow… asks first');
    assert.deepStrictEqual(clustered.requests, [], 'nothing reached the cluster');

    await withPrompts(new ScriptedPrompts([{ warn: undefined }]), () => Promise.resolve(vscode.commands.executeCommand('influxdbTokens.allowWeakTls', row.node)));
    assert.strictEqual((await databaseRows('staging'))[0].item.contextValue, 'consent');
    const allow = new ScriptedPrompts([{ warn: 'Skip Verification' }]);
    await withPrompts(allow, () => Promise.resolve(vscode.commands.executeCommand('influxdbTokens.allowWeakTls', row.node)));
    assert.match(allow.shown[0].message, new RegExp(`certificate of 127\\.0\\.0\\.1:${clustered.port} for profile "staging"`));
    assert.match(allow.shown[0].detail ?? '', /pose as the cluster/);
    const rows = await waitFor('rows listed once allowed', async () => {
      const r = await databaseRows('staging');
      return r[0]?.node.kind === 'databaseToken' ? r : undefined;
    });
    assert.strictEqual(rows.length, 3);
  });

  it('turns a refused management token and a missing Management API into error rows with a next step, and Retry lists again', async () => {
    const { clustered } = await demoWithApis((c) => c.replace(fixtures.GRAFANA_SECRET, 'M.V1.b4d2NotIssuedByTheSimulator0123456789abcdefghij'));
    const [refused] = await databaseRows('default');
    assert.strictEqual(refused.item.contextValue, 'error');
    assert.match(label(refused.item), /refused to list the database tokens \(403\)/);
    assert.ok(!label(refused.item).includes('NotIssuedByTheSimulator'), 'the token is not quoted');

    clustered.setFault({ status: 404, operation: 'GetDatabaseTokens' });
    const [missing] = await databaseRows('staging');
    assert.match(label(missing.item), /20250508/, 'a 404 on Clustered says which release brought the Management API');
    assert.strictEqual(missing.item.command, undefined, 'a passive row: Retry is its inline action');
    clustered.setFault(undefined);
    await vscode.commands.executeCommand('influxdbTokens.retryProfile', missing.node);
    assert.strictEqual((await databaseRows('staging')).length, 3);
  });
});

describe('Expiry warnings for the token of query and write', () => {
  afterEach(async () => {
    await closeStandIns();
  });

  it('warns when the profile\'s configured token is a database token known here that expires soon', async () => {
    const QA = '7a2d3c4b-6e5f-4a81-9b02-c3d4e5f60702'; // "qa read-only", expires in 2 days
    const secret = `apiv1_${'q'.repeat(86)}`;
    const { f } = await demoWithApis((c) => c.replace(`    mgmt_token = "${fixtures.STAGING_SECRET}"\n`, `    mgmt_token = "${fixtures.STAGING_SECRET}"\n    token = "${secret}"\n`));
    const s = await services();
    await s.secrets.store(f.configPath, await profileNamed('staging'), `database:${QA}`, secret);
    try {
      await databaseRows('staging');
      const now = new Date();
      const warnings = await s.expiry.instance().check(now);
      const warning = warnings.find((w) => w.key === 'token');
      assert.ok(warning, JSON.stringify(warnings.map((w) => [w.profile.name, w.key])));
      assert.deepStrictEqual([warning.profile.name, warning.token.id, warning.status], ['staging', QA, 'expiring']);
      assert.match(String(s.expiry.instance().statusBar.tooltip), /staging \(token\): "qa read-only" expires in \d+ (hours|days)/);
    } finally {
      await s.secrets.delete(f.configPath, 'staging', `database:${QA}`);
    }
  });
});

describe('Database token commands', () => {
  afterEach(async () => {
    await closeStandIns();
  });

  async function create(prompts: ScriptedPrompts, arg?: unknown): Promise<{ id: string; stored: boolean } | undefined> {
    return withPrompts(prompts, async () => vscode.commands.executeCommand<{ id: string; stored: boolean } | undefined>('influxdbTokens.createDatabaseToken', arg));
  }

  function clusterTokens(f: Fixture, profile: string): { id: string; description: string; permissions: unknown[]; expiresAt?: string; revokedAt?: string }[] {
    return (f.state() as unknown as { clusters: Record<string, { databaseTokens: never[] }> }).clusters[profile].databaseTokens;
  }

  for (const [step, answers] of [
    ['the description', [{ cancel: 'input' }]],
    ['the databases', [{ input: 'x' }, { cancel: 'pickMany' }]],
    ['the access', [{ input: 'x' }, { pickMany: ['telemetry'] }, { cancel: 'pick' }]],
    ['the expiry', [{ input: 'x' }, { pickMany: ['telemetry'] }, { pick: 'Read' }, { cancel: 'pick' }]],
  ] as const) {
    it(`creates nothing when cancelled at ${step}`, async () => {
      const { f, dedicated } = await demoWithApis();
      const before = clusterTokens(f, 'default').length;
      const prompts = new ScriptedPrompts([...answers] as never);
      assert.strictEqual(await create(prompts, await databaseGroup('default')), undefined);
      assert.strictEqual(prompts.remaining, 0);
      assert.strictEqual(clusterTokens(f, 'default').length, before);
      assert.ok(!dedicated.requests.some((r) => r.operationId === 'CreateDatabaseToken'));
    });
  }

  it('creates a token on two databases, stores its secret, and writes it into the profile for influxctl query/write', async () => {
    const { f, dedicated } = await demoWithApis();
    const prompts = new ScriptedPrompts([
      { input: 'reports' },
      { pickMany: ['telemetry', 'billing'] },
      { pick: 'Different per database…' },
      { pick: 'Read and write' },
      { pick: 'Read' },
      { pick: '30 days' },
      { inform: 'Use for influxctl query/write' },
    ]);
    const result = await create(prompts, await databaseGroup('default'));
    assert.ok(result?.stored);
    const created = clusterTokens(f, 'default').find((t) => t.description === 'reports')!;
    assert.deepStrictEqual(created.permissions, [
      { action: 'read', resource: 'telemetry' },
      { action: 'write', resource: 'telemetry' },
      { action: 'read', resource: 'billing' },
    ]);
    assert.ok(created.expiresAt, 'an expiry was sent');
    const secret = (f.state() as unknown as { clusters: Record<string, { accessTokens: Record<string, string> }> }).clusters.default.accessTokens[created.id];
    const s = await services();
    assert.strictEqual(await s.secrets.get(f.configPath, await profileNamed('default'), `database:${created.id}`), secret, 'the secret is in SecretStorage');
    const note = prompts.shown.find((m) => m.kind === 'inform' && m.message.startsWith('Created database token'))!;
    assert.match(note.message, /may take a few seconds to work/);
    assert.ok(!note.message.includes(secret));
    const config = await waitFor('the token in config.toml', () => {
      const text = fs.readFileSync(f.configPath, 'utf8');
      return text.includes(`token = "${secret}"`) ? text : undefined;
    });
    assert.ok(!/database = /.test(config.split('name = "staging"')[0]), 'two databases: no database key is written');

    // The row says which token query and write use; revoking it warns, also from the palette.
    await s.config.reload();
    const row = (await databaseRows('default')).find((r) => label(r.item) === 'reports')!;
    assert.match(String(row.item.description), /secret stored · in use by query\/write$/);
    assert.match((s.tree.resolveTreeItem(row.item, row.node).tooltip as vscode.MarkdownString).value, /token \(query\/write\) of: `default`/);
    const others = (await databaseRows('default')).filter((r) => label(r.item) !== 'reports');
    assert.ok(others.every((r) => !/in use/.test(String(r.item.description))), 'only that row is in use');
    const revoke = new ScriptedPrompts([{ pick: 'default' }, { pickMany: ['reports'] }, { warn: undefined }]);
    await withPrompts(revoke, async () => vscode.commands.executeCommand('influxdbTokens.revokeDatabaseToken'));
    assert.match(revoke.shown[0].detail!, /Warning: "reports" is the token of profile "default" in config\.toml: influxctl query and write with it stop working\./);
    assert.ok(!clusterTokens(f, 'default').find((t) => t.description === 'reports')!.revokedAt, 'declined: nothing revoked');
    assert.deepStrictEqual(dedicated.violations, []);
  });

  it('keeps the secret of a create whose answer is odd, and says what is odd so the token can be checked or revoked', async () => {
    const { dedicated } = await demoWithApis();
    const id = '7a2d3c4b-6e5f-4a81-9b02-c3d4e5f60799';
    const accessToken = `apiv1_${'Qm9keU9mQW5PZGRBbnN3ZXI'.repeat(5)}`;
    const odd = { accountId: fixtures.ACCOUNT_ID, clusterId: fixtures.CLUSTER_ID, id, description: 'odd answer', permissions: [{ action: 'read', resource: 'telemetry' }], createdAt: 'yesterday', accessToken };
    dedicated.setFault({ operation: 'CreateDatabaseToken', body: JSON.stringify(odd) });
    const prompts = new ScriptedPrompts([{ input: 'odd answer' }, { pickMany: ['telemetry'] }, { pick: 'Read' }, { pick: '7 days' }]);
    const result = await create(prompts, await databaseGroup('default'));
    assert.deepStrictEqual(result, { id, stored: true });
    const s = await services();
    assert.strictEqual(await s.secrets.get(s.config.path, await profileNamed('default'), `database:${id}`), accessToken, 'the only copy of the secret is kept');
    const error = prompts.shown.find((m) => m.kind === 'error');
    assert.match(error?.message ?? '', new RegExp(`Created database token "odd answer" \\(${id}\\) for profile "default" and saved its secret, but .*createdAt.*revoke it there`));
    assert.ok(!prompts.shown.some((m) => m.message.includes(accessToken)));
    await s.secrets.delete(s.config.path, 'default', `database:${id}`);
  });

  it('writes database too when the token covers exactly one database', async () => {
    const { f } = await demoWithApis();
    await create(
      new ScriptedPrompts([{ input: 'one db' }, { pickMany: ['iot_sensors'] }, { pick: 'Write' }, { pick: 'Never' }, { inform: 'Use for influxctl query/write' }]),
      await databaseGroup('default'),
    );
    const config = await waitFor('token and database in config.toml', () => {
      const text = fs.readFileSync(f.configPath, 'utf8');
      return text.includes('database = "iot_sensors"') ? text : undefined;
    });
    const defaultProfile = config.split('name = "staging"')[0];
    assert.match(defaultProfile, /token = "apiv1_[^"]+"\n\s*database = "iot_sensors"/);
    assert.ok(!clusterTokens(f, 'default').find((t) => t.description === 'one db')!.expiresAt, 'Never sends no expiresAt');
  });

  it('names a database that does not exist yet beside one of the cluster\'s, with one access for both', async () => {
    const { f } = await demoWithApis();
    await create(
      new ScriptedPrompts([{ input: 'future' }, { pickMany: ['telemetry', 'Another database (not created yet)…'] }, { input: 'next_year' }, { pick: 'Read' }, { pick: '7 days' }]),
      await databaseGroup('default'),
    );
    assert.deepStrictEqual(clusterTokens(f, 'default').find((t) => t.description === 'future')!.permissions, [
      { action: 'read', resource: 'telemetry' },
      { action: 'read', resource: 'next_year' },
    ]);
  });

  it('reports a conflict (409) in one sentence, storing nothing', async () => {
    const { dedicated } = await demoWithApis();
    dedicated.setFault({ status: 409, operation: 'CreateDatabaseToken' });
    const prompts = new ScriptedPrompts([{ input: 'clash' }, { pickMany: ['telemetry'] }, { pick: 'Read' }, { pick: '7 days' }]);
    assert.strictEqual(await create(prompts, await databaseGroup('default')), undefined);
    assert.match(prompts.shown.find((m) => m.kind === 'error')!.message, /409/);
    const s = await services();
    assert.strictEqual(s.secrets.storedIds(s.config.path, await profileNamed('default'), 'database').size, 0);
  });

  it('edits description and permissions, pre-filled, after confirming the diff; the expiry cannot change and it says so', async () => {
    const { f, dedicated } = await demoWithApis();
    const telegraf = (await databaseRows('default')).find((r) => label(r.item) === 'telegraf edge agents')!.node;
    const prompts = new ScriptedPrompts([
      { input: 'telegraf agents', check: (o) => assert.strictEqual(o.value, 'telegraf edge agents') },
      { pickMany: ['iot_sensors', 'telemetry'] },
      { pick: 'Different per database…' },
      // Asked in the cluster's order of databases: telemetry, then iot_sensors.
      { pick: 'Write' },
      { pick: 'Read' },
      { warn: 'Save Changes' },
    ]);
    const saved = await withPrompts(prompts, async () => vscode.commands.executeCommand<boolean>('influxdbTokens.editDatabaseToken', telegraf));
    assert.strictEqual(saved, true);
    const access = prompts.picks.filter((p) => p.labels.includes('Read and write'));
    assert.deepStrictEqual(access.map((p) => p.active), ['Different per database…', undefined, 'Read and write'], 'the current access is preselected');
    const confirm = prompts.shown.find((m) => m.kind === 'warn')!;
    assert.match(confirm.detail!, /Description: "telegraf edge agents" → "telegraf agents"/);
    assert.match(confirm.detail!, /Permissions: adds write on telemetry, removes write on iot_sensors/);
    assert.match(confirm.detail!, /cannot change an expiry/);
    const token = clusterTokens(f, 'default').find((t) => t.id === '3f1c2b4a-5d6e-4f70-8a91-b2c3d4e5f602')!;
    assert.strictEqual(token.description, 'telegraf agents');
    assert.deepStrictEqual(token.permissions, [
      { action: 'write', resource: 'telemetry' },
      { action: 'read', resource: 'iot_sensors' },
    ]);
    assert.ok(dedicated.requests.some((r) => r.operationId === 'UpdateDatabaseToken'));
    assert.deepStrictEqual(dedicated.violations, []);
  });

  it('changes nothing when the edit is not confirmed', async () => {
    const { dedicated } = await demoWithApis();
    const grafana = (await databaseRows('default')).find((r) => label(r.item) === 'grafana dashboards')!.node;
    const prompts = new ScriptedPrompts([{ input: 'renamed' }, { pickMany: ['telemetry'] }, { pick: 'Read' }, { warn: undefined }]);
    assert.strictEqual(await withPrompts(prompts, async () => vscode.commands.executeCommand<boolean>('influxdbTokens.editDatabaseToken', grafana)), false);
    assert.ok(!dedicated.requests.some((r) => r.operationId === 'UpdateDatabaseToken'));
  });

  it('keeps the new secret when SecretStorage refuses it: a modal lets it be copied once', async () => {
    const { f } = await demoWithApis();
    const s = await services();
    // The database-token parts over a SecretStorage without a keyring, beside the extension's own.
    const { TokenSecretStore } = await import('../../src/state/tokenSecretStore');
    const { DatabaseTokensModel } = await import('../../src/state/databaseTokensModel');
    const { CreateDatabaseToken } = await import('../../src/databaseTokens/createDatabaseToken');
    const secrets = new TokenSecretStore(noKeyringSecretStorage(), s.state);
    const databaseTokens = new DatabaseTokensModel({ ...s, secrets });
    const prompts = new ScriptedPrompts([{ input: 'no keyring' }, { pickMany: ['telemetry'] }, { pick: 'Read' }, { pick: '7 days' }, { warn: 'Copy Secret' }]);
    try {
      const result = await new CreateDatabaseToken({ ...s, databaseTokens, prompts }).run(await databaseGroup('default'));
      assert.strictEqual(result?.stored, false);
      assert.match(prompts.shown.find((m) => m.kind === 'warn')!.detail!, /no keyring/);
      const created = clusterTokens(f, 'default').find((t) => t.description === 'no keyring')!;
      const secret = (f.state() as unknown as { clusters: Record<string, { accessTokens: Record<string, string> }> }).clusters.default.accessTokens[created.id];
      assert.strictEqual(await vscode.env.clipboard.readText(), secret);
    } finally {
      databaseTokens.dispose();
      secrets.dispose();
      await vscode.env.clipboard.writeText('');
    }
  });

  it('revokes from the palette: asks for the profile and the active database tokens', async () => {
    const { f } = await demoWithApis();
    const prompts = new ScriptedPrompts([{ pick: 'staging' }, { pickMany: ['qa read-only'] }, { warn: 'Revoke' }]);
    const outcome = await withPrompts(prompts, async () => vscode.commands.executeCommand<{ revoked: string[] }>('influxdbTokens.revokeDatabaseToken'));
    assert.deepStrictEqual(outcome?.revoked, ['7a2d3c4b-6e5f-4a81-9b02-c3d4e5f60702']);
    assert.ok(clusterTokens(f, 'staging').find((t) => t.description === 'qa read-only')!.revokedAt);
  });

  it('counts a DELETE whose answer failed as revoked when the cluster lists the token revoked', async () => {
    const { f, dedicated } = await demoWithApis();
    const grafana = (await databaseRows('default')).find((r) => label(r.item) === 'grafana dashboards')!.node;
    dedicated.setFault({ status: 502, operation: 'DeleteDatabaseToken', times: 1, applyFirst: true });
    const prompts = new ScriptedPrompts([{ warn: 'Revoke' }]);
    const outcome = await withPrompts(prompts, async () => vscode.commands.executeCommand<{ revoked: string[]; failed: string[] }>('influxdbTokens.revokeDatabaseToken', grafana, [grafana]));
    assert.ok(clusterTokens(f, 'default').find((t) => t.description === 'grafana dashboards')!.revokedAt);
    assert.strictEqual(outcome?.failed.length, 0);
    assert.strictEqual(outcome?.revoked.length, 1);
    assert.deepStrictEqual(prompts.shown.filter((m) => m.kind !== 'warn').map((m) => [m.kind, m.message]), [['inform', 'Revoked database token "grafana dashboards".']]);
  });

  it('revokes database tokens after a modal naming them; a partial failure says what was revoked and what failed', async () => {
    const { f, dedicated } = await demoWithApis();
    const rows = await databaseRows('default');
    const grafana = rows.find((r) => label(r.item) === 'grafana dashboards')!.node;
    const admin = rows.find((r) => label(r.item) === 'admin scripts')!.node;
    dedicated.setFault({ status: 500, operation: 'DeleteDatabaseToken', times: 1 });
    const prompts = new ScriptedPrompts([{ warn: 'Revoke' }]);
    const outcome = await withPrompts(prompts, async () => vscode.commands.executeCommand<{ revoked: string[]; failed: string[] }>('influxdbTokens.revokeDatabaseToken', grafana, [grafana, admin]));
    assert.match(prompts.shown[0].detail!, /grafana dashboards[\s\S]*admin scripts[\s\S]*cannot be undone/);
    assert.strictEqual(outcome?.failed.length, 1);
    assert.strictEqual(outcome?.revoked.length, 1);
    const error = prompts.shown.find((m) => m.kind === 'error')!;
    assert.match(error.message, /Revoked "admin scripts"; could not revoke "grafana dashboards"/);
    const tokens = clusterTokens(f, 'default');
    assert.ok(tokens.find((t) => t.description === 'admin scripts')!.revokedAt);
    assert.ok(!tokens.find((t) => t.description === 'grafana dashboards')!.revokedAt);
  });
});
