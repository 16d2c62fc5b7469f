import * as assert from 'assert';
import * as vscode from 'vscode';
import type { Node } from '../../src/tree/nodes';
import { services, useFixture, waitFor, type Fixture } from './helpers';
const { startFakeManagementApi, LOCALHOST_TLS } = require('../../scripts/lib/fakeManagementApi.js');
const fixtures = require('../../scripts/lib/fixtures.js');

interface Api {
  url: string;
  port: number;
  violations: unknown[];
  requests: { path: string; operationId?: string }[];
  setFault(f: Record<string, unknown> | undefined): void;
  close(): Promise<void>;
}

function label(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

/** The demo profiles against local stand-ins: default (Cloud Dedicated, HTTP) and staging (Clustered, HTTPS with its CA). */
async function demoWithApis(edit: (config: string) => string = (c) => c): Promise<{ f: Fixture; dedicated: Api; clustered: Api }> {
  const placeholder = await useFixture();
  const dedicated: Api = await startFakeManagementApi({ statePath: placeholder.statePath, product: 'dedicated' });
  const clustered: Api = await startFakeManagementApi({ statePath: placeholder.statePath, product: 'clustered', https: true });
  await Promise.all([dedicated.close(), clustered.close()]);
  const config = edit(fixtures.demoConfigWithLocalApis({ stagingPort: clustered.port, caFile: LOCALHOST_TLS.ca }));
  const f = await useFixture({ config, state: fixtures.demoState() });
  // The stand-ins read the state of this fixture, on the same ports.
  const apis = {
    dedicated: (await startFakeManagementApi({ statePath: f.statePath, product: 'dedicated', port: dedicated.port })) as Api,
    clustered: (await startFakeManagementApi({ statePath: f.statePath, product: 'clustered', https: true, port: clustered.port })) as Api,
  };
  process.env.INFLUXDB_TOKENS_CONSOLE_URL = apis.dedicated.url;
  running.push(apis.dedicated, apis.clustered);
  return { f, ...apis };
}

const running: Api[] = [];

async function profileRow(name: string): Promise<Node> {
  const s = await services();
  const row = (await s.tree.getChildren()).find((n) => n.kind === 'profile' && n.profile.name === name);
  assert.ok(row, `profile row ${name}`);
  return row;
}

async function databaseGroup(profile: string): Promise<Node> {
  const s = await services();
  const group = (await s.tree.getChildren(await profileRow(profile))).find((n) => n.kind === 'group' && n.group === 'database');
  assert.ok(group, `the Database Tokens group of ${profile}`);
  return group;
}

async function databaseRows(profile: string): Promise<{ node: Node; item: vscode.TreeItem }[]> {
  const s = await services();
  return (await s.tree.getChildren(await databaseGroup(profile))).map((node) => ({ node, item: s.tree.getTreeItem(node) }));
}

describe('Database tokens in the tree', () => {
  afterEach(async () => {
    while (running.length) await running.pop()!.close();
    delete process.env.INFLUXDB_TOKENS_CONSOLE_URL;
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
        ['grafana dashboards', 'read telemetry · expires N', 'databaseToken.active'],
        ['telegraf edge agents', 'read/write iot_sensors · expires N', 'databaseToken.expiring'],
        ['nightly export', 'read billing, telemetry · expired N', 'databaseToken.expired'],
        ['admin scripts', 'read/write all databases · never expires', 'databaseToken.active'],
      ],
      'revoked tokens are hidden by default',
    );
    const staging = await databaseRows('staging');
    assert.deepStrictEqual(staging.map((r) => label(r.item)), ['load generator', 'qa read-only', 'perf run 2026-q2']);
    assert.match(String(staging[0].item.description), /^write staging_logs, staging_metrics · expires in \d+ days$/);
    const s = await services();
    const tip = s.tree.resolveTreeItem(def[1].item, def[1].node);
    assert.match((tip.tooltip as vscode.MarkdownString).value, /ID: `3f1c2b4a-5d6e-4f70-8a91-b2c3d4e5f602`[\s\S]*read on `iot_sensors`[\s\S]*write on `iot_sensors`/);
    assert.deepStrictEqual([...dedicated.violations, ...clustered.violations], [], 'every request and answer conformed to the OpenAPI documents');
    assert.ok(dedicated.requests.some((r) => r.path === `/api/v0/accounts/${fixtures.ACCOUNT_ID}/clusters/${fixtures.CLUSTER_ID}/tokens`));
    assert.ok(clustered.requests.some((r) => r.path === '/api/v0/tokens'), 'Clustered is called at /api/v0/tokens, never the Dedicated path');
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
    assert.strictEqual(row.item.command?.command, 'influxdbTokens.createToken');
    const s = await services();
    const configPath = s.config.path;
    await s.secrets.store(configPath, 'staging', fixtures.STAGING_DEPLOYS_ID, fixtures.STAGING_SECRET);
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

  it('turns a refused management token and a missing Management API into error rows with a next step, and Retry lists again', async () => {
    const { clustered } = await demoWithApis((c) => c.replace(fixtures.GRAFANA_SECRET, 'M.V1.b4d2NotIssuedByTheSimulator0123456789abcdefghij'));
    const [refused] = await databaseRows('default');
    assert.strictEqual(refused.item.contextValue, 'error');
    assert.match(label(refused.item), /refused to list the database tokens \(403\)/);
    assert.ok(!label(refused.item).includes('NotIssuedByTheSimulator'), 'the token is not quoted');

    clustered.setFault({ status: 404, operation: 'GetDatabaseTokens' });
    const [missing] = await databaseRows('staging');
    assert.match(label(missing.item), /20250508/, 'a 404 on Clustered says which release brought the Management API');
    assert.strictEqual(missing.item.command?.command, 'influxdbTokens.retryProfile');
    clustered.setFault(undefined);
    await vscode.commands.executeCommand('influxdbTokens.retryProfile', missing.node);
    assert.strictEqual((await databaseRows('staging')).length, 3);
  });
});
