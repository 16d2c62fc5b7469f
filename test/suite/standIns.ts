import * as assert from 'assert';
import * as vscode from 'vscode';
import type { Node } from '../../src/tree/nodes';
import { type Fixture, services, useFixture } from './helpers';
const { startFakeManagementApi, LOCALHOST_TLS } = require('../../scripts/lib/fakeManagementApi.js');
const fixtures = require('../../scripts/lib/fixtures.js');

// The Management API stand-ins of the in-host tests, and the tree rows they feed.

export interface Api {
  url: string;
  port: number;
  violations: unknown[];
  requests: { path: string; operationId?: string }[];
  setFault(f: Record<string, unknown> | undefined): void;
  close(): Promise<void>;
}

export function label(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

/** The demo profiles against local stand-ins: default (Cloud Dedicated, HTTP) and staging (Clustered, HTTPS with its CA). */
export async function demoWithApis(edit: (config: string) => string = (c) => c): Promise<{ f: Fixture; dedicated: Api; clustered: Api }> {
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

export async function profileRow(name: string): Promise<Node> {
  const s = await services();
  const row = (await s.tree.getChildren()).find((n) => n.kind === 'profile' && n.profile.name === name);
  assert.ok(row, `profile row ${name}`);
  return row;
}

export async function databaseGroup(profile: string): Promise<Node> {
  const s = await services();
  const group = (await s.tree.getChildren(await profileRow(profile))).find((n) => n.kind === 'group' && n.group === 'database');
  assert.ok(group, `the Database Tokens group of ${profile}`);
  return group;
}

export async function databaseRows(profile: string): Promise<{ node: Node; item: vscode.TreeItem }[]> {
  const s = await services();
  return (await s.tree.getChildren(await databaseGroup(profile))).map((node) => ({ node, item: s.tree.getTreeItem(node) }));
}

/** Stops the stand-ins of the last test and forgets the console URL they served. */
export async function closeStandIns(): Promise<void> {
  while (running.length) await running.pop()!.close();
  delete process.env.INFLUXDB_TOKENS_CONSOLE_URL;
}
