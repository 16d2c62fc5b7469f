import * as vscode from 'vscode';
import { ALL_DATABASES, resourceProblem, type DatabaseTokenPermission, type Profile } from '../core';
import type { DatabaseTokensModel } from '../state/databaseTokensModel';
import type { Log } from '../base/log';
import { describeResourceProblem } from '../managementApi/databaseTokenText';
import { withCancellableProgress } from '../ui/progress';
import type { Prompts } from '../ui/prompts';
import { reportApiFailure } from './apiFailures';

interface ResourceItem extends vscode.QuickPickItem {
  resource?: string;
}

const ANOTHER = vscode.l10n.t('Another database (not created yet)…');
const ACCESS: { label: string; actions: DatabaseTokenPermission['action'][] }[] = [
  { label: vscode.l10n.t({ message: 'Read and write', comment: ['A database token\'s access to a database'] }), actions: ['read', 'write'] },
  { label: vscode.l10n.t({ message: 'Read', comment: ['A database token\'s access to a database: read only'] }), actions: ['read'] },
  { label: vscode.l10n.t({ message: 'Write', comment: ['A database token\'s access to a database: write only'] }), actions: ['write'] },
];

/**
 * Asks for a token's permissions: databases of the cluster (ticked where
 * `current` has them), all databases, or one named that does not exist yet;
 * then read, write or both for each. undefined = cancelled.
 */
export async function askPermissions(
  deps: { databaseTokens: DatabaseTokensModel; log: Log; prompts: Prompts },
  configPath: string,
  profile: Profile,
  title: string,
  current: readonly DatabaseTokenPermission[] = [],
): Promise<DatabaseTokenPermission[] | undefined> {
  const { prompts, databaseTokens } = deps;
  let databases: string[];
  try {
    databases = (await withCancellableProgress(vscode.l10n.t('Listing the databases of "{0}"…', profile.name), (signal) => databaseTokens.listDatabases(configPath, profile, signal))).map((d) => d.name);
  } catch (err) {
    await reportApiFailure(deps, profile, 'listDatabases', err);
    return undefined;
  }
  const had = new Set(current.map((p) => p.resource));
  // A database a token names but the cluster does not list (deleted, or not created yet) stays choosable.
  const names = [...databases, ...[...had].filter((r) => r !== ALL_DATABASES && !databases.includes(r))];
  const items: ResourceItem[] = [
    { label: vscode.l10n.t('All databases (*)'), description: vscode.l10n.t('every database, also ones created later'), resource: ALL_DATABASES, picked: had.has(ALL_DATABASES) },
    ...names.map((name) => ({ label: name, resource: name, picked: had.has(name) })),
    { label: ANOTHER, alwaysShow: true },
  ];
  const picked = await prompts.pickMany(items, { title, placeHolder: vscode.l10n.t('Which databases may the token use?') });
  if (!picked || picked.length === 0) return undefined;
  const resources = picked.filter((p) => p.resource).map((p) => p.resource!);
  if (picked.some((p) => p.label === ANOTHER)) {
    const named = await prompts.input({ title, prompt: vscode.l10n.t('Name of the database (it may not exist yet)'), validateInput: (v) => describeResourceProblem(resourceProblem(v.trim())) });
    if (named === undefined) return undefined;
    resources.push(named.trim());
  }
  const permissions: DatabaseTokenPermission[] = [];
  for (const resource of resources) {
    const actions = current.filter((p) => p.resource === resource).map((p) => p.action).sort().join('+');
    const active = ACCESS.find((a) => [...a.actions].sort().join('+') === actions);
    const access = await prompts.pick(ACCESS, { title, placeHolder: resource === ALL_DATABASES ? vscode.l10n.t('Access to all databases') : vscode.l10n.t('Access to {0}', resource), active });
    if (!access) return undefined;
    for (const action of access.actions) permissions.push({ action, resource });
  }
  return permissions;
}
