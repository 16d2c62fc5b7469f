import * as vscode from 'vscode';
import { ALL_DATABASES, createDatabaseTokenBody, descriptionProblem, isoDay, resourceProblem, type DatabaseTokenPermission } from '../core';
import { Command } from '../commands/commandIds';
import { showSecretOnce } from '../managementTokens/newSecret';
import type { ConfigFileModel } from '../state/configFileModel';
import type { DatabaseTokensModel } from '../state/databaseTokensModel';
import type { ProfileNode } from '../tree/nodes';
import { copyWithConfirmation } from '../ui/clipboard';
import { askExpiry } from '../ui/expiryPicker';
import type { Log } from '../ui/log';
import { resolveProfile } from '../ui/profilePicker';
import { withCancellableProgress } from '../ui/progress';
import type { Prompts } from '../ui/prompts';
import { reportApiFailure } from './apiFailures';

export interface CreateDatabaseTokenDeps {
  config: ConfigFileModel;
  databaseTokens: DatabaseTokensModel;
  log: Log;
  prompts: Prompts;
}

interface ResourceItem extends vscode.QuickPickItem {
  resource?: string;
}

const ANOTHER = 'Another database (not created yet)…';
const ACCESS: { label: string; actions: DatabaseTokenPermission['action'][] }[] = [
  { label: 'Read and write', actions: ['read', 'write'] },
  { label: 'Read', actions: ['read'] },
  { label: 'Write', actions: ['write'] },
];

/**
 * Create Database Token…: description, databases (the cluster's, all, or
 * one named), read/write per database, expiry; `POST …/tokens`; the secret
 * straight to SecretStorage; then Copy Secret or Use for influxctl query/write.
 */
export class CreateDatabaseToken {
  constructor(private readonly deps: CreateDatabaseTokenDeps) {}

  async run(arg?: unknown): Promise<{ id: string; stored: boolean } | undefined> {
    const { prompts, databaseTokens } = this.deps;
    const target = await resolveProfile(this.deps, arg, 'Create Database Token');
    if (!target) return undefined;
    const { configPath, profile } = target;
    const title = `Create Database Token (${profile.name})`;
    const description = await prompts.input({
      title,
      prompt: 'Description of the database token (required; shown in lists)',
      value: `${profile.name} database access ${isoDay()}`,
      validateInput: (v) => descriptionProblem(v),
    });
    if (description === undefined) return undefined;

    let databases: string[];
    try {
      databases = (await withCancellableProgress(`Listing the databases of "${profile.name}"…`, (signal) => databaseTokens.listDatabases(configPath, profile, signal))).map((d) => d.name);
    } catch (err) {
      await reportApiFailure(this.deps, profile, 'listDatabases', err);
      return undefined;
    }
    const items: ResourceItem[] = [
      { label: 'All databases (*)', description: 'every database, also ones created later', resource: ALL_DATABASES },
      ...databases.map((name) => ({ label: name, resource: name })),
      { label: ANOTHER, alwaysShow: true },
    ];
    const picked = await prompts.pickMany(items, { title, placeHolder: 'Which databases may the token use?' });
    if (!picked || picked.length === 0) return undefined;
    const resources = picked.filter((p) => p.resource).map((p) => p.resource!);
    if (picked.some((p) => p.label === ANOTHER)) {
      const named = await prompts.input({ title, prompt: 'Name of the database (it may not exist yet)', validateInput: (v) => resourceProblem(v.trim()) });
      if (named === undefined) return undefined;
      resources.push(named.trim());
    }
    const permissions: DatabaseTokenPermission[] = [];
    for (const resource of resources) {
      const access = await prompts.pick(ACCESS, { title, placeHolder: `Access to ${resource === ALL_DATABASES ? 'all databases' : resource}` });
      if (!access) return undefined;
      for (const action of access.actions) permissions.push({ action, resource });
    }
    const expiry = await askExpiry(prompts, title);
    if (!expiry) return undefined;
    return this.create(target, description, permissions, expiry.expiresAt);
  }

  private async create(target: ProfileNode, description: string, permissions: DatabaseTokenPermission[], expiresAt?: Date): Promise<{ id: string; stored: boolean } | undefined> {
    const { configPath, profile } = target;
    const { databaseTokens, log, prompts } = this.deps;
    let result: Awaited<ReturnType<DatabaseTokensModel['create']>>;
    try {
      const body = createDatabaseTokenBody({ description, permissions, expiresAt });
      result = await withCancellableProgress(`Creating a database token for profile "${profile.name}"…`, (signal) => databaseTokens.create(configPath, profile, body, signal));
    } catch (err) {
      await reportApiFailure(this.deps, profile, 'createDatabaseToken', err);
      return undefined;
    }
    const { created, stored, storeError } = result;
    log.info(`Created database token ${created.token.id} for profile "${profile.name}"`);
    if (!stored) {
      log.warn(`The new database token's secret could not be stored: ${storeError}`);
      await showSecretOnce(prompts, created.accessToken, storeError ?? 'SecretStorage refused the secret.');
      return { id: created.token.id, stored };
    }
    void prompts
      .inform(
        `Created database token "${description}" for profile "${profile.name}"; its secret is saved in VS Code SecretStorage. A new token may take a few seconds to work.`,
        'Copy Secret',
        'Use for influxctl query/write',
      )
      .then(async (choice) => {
        if (choice === 'Copy Secret') await copyWithConfirmation(created.accessToken, 'Copied the new database token to the clipboard');
        if (choice === 'Use for influxctl query/write') {
          await vscode.commands.executeCommand(Command.setProfileQueryToken, { kind: 'databaseToken', configPath, profile, token: created.token, status: 'active', hasSecret: true });
        }
      });
    return { id: created.token.id, stored };
  }
}
