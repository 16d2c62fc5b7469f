// Database tokens in words: their permissions, what an edit changes, and
// why input is refused. The core groups and checks (core/databaseTokens);
// these functions word the result, localised through vscode.l10n.t.
import * as vscode from 'vscode';
import {
  actionsByResource,
  ALL_DATABASES,
  permissionDiff,
  permissionGroups,
  type DatabaseTokenInputProblem,
  type DatabaseTokenPermission,
  type DescriptionProblem,
  type ResourceProblem,
} from '../core';

function resourceWords(resource: string): string {
  return resource === ALL_DATABASES ? vscode.l10n.t('all databases') : resource;
}

/**
 * Permissions in words: "read/write mydb", "read all databases",
 * "write db1, db2", "read/write db1; read db2"; "no access" for none.
 */
export function describePermissions(perms: readonly DatabaseTokenPermission[]): string {
  // Rows of thousands of tokens share a few permission sets: each is worded once.
  const key = perms.map((p) => `${p.action}\0${p.resource}`).join('\n');
  let text = permissionWords.get(key);
  if (text === undefined) {
    text =
      perms.length === 0
        ? vscode.l10n.t('no access')
        : permissionGroups(perms)
            .map((g) => vscode.l10n.t('{0} {1}', g.actions.join('/'), g.resources.map(resourceWords).join(', ')))
            .join('; ');
    permissionWords.set(key, text);
  }
  return text;
}

const permissionWords = new Map<string, string>();

function listWords(items: string[]): string {
  return items.length <= 1 ? items.join('') : vscode.l10n.t('{0} and {1}', items.slice(0, -1).join(', '), items[items.length - 1]);
}

function onResources(perms: DatabaseTokenPermission[]): string {
  return listWords(actionsByResource(perms).map(([resource, actions]) => vscode.l10n.t('{0} on {1}', actions.join('/'), resourceWords(resource))));
}

/** "adds write on db2, removes read on db1"; "no change" when both grant the same. */
export function describePermissionDiff(before: readonly DatabaseTokenPermission[], after: readonly DatabaseTokenPermission[]): string {
  const { added, removed } = permissionDiff(before, after);
  const parts = [added.length ? vscode.l10n.t('adds {0}', onResources(added)) : undefined, removed.length ? vscode.l10n.t('removes {0}', onResources(removed)) : undefined];
  const said = parts.filter((p): p is string => p !== undefined);
  return said.length ? said.join(', ') : vscode.l10n.t('no change');
}

function codePointOf(n: number): string {
  return `U+${n.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Why a description is refused, for an input box (undefined: it is not). Never repeats the text. */
export function describeDescriptionProblem(p: DescriptionProblem | undefined): string | undefined {
  switch (p?.code) {
    case undefined:
      return undefined;
    case 'required':
      return vscode.l10n.t('A description is required.');
    case 'multiLine':
      return vscode.l10n.t('The description must be a single line.');
    case 'control':
      return vscode.l10n.t('The description must not contain control characters (it holds {0}).', codePointOf(p.codePoint));
    case 'loneSurrogate':
      return vscode.l10n.t('The description holds a broken character (a lone UTF-16 surrogate).');
  }
}

/** Why a database name is refused, for an input box (undefined: it is not). */
export function describeResourceProblem(p: ResourceProblem | undefined): string | undefined {
  switch (p?.code) {
    case undefined:
      return undefined;
    case 'required':
      return vscode.l10n.t('A database name is required.');
    case 'tooLong':
      return vscode.l10n.t('A database name has at most {0} characters; this one has {1}.', p.max, p.length);
    case 'control':
      return vscode.l10n.t('A database name must not contain control characters.');
    case 'loneSurrogate':
      return vscode.l10n.t('A database name must not hold a broken character (a lone UTF-16 surrogate).');
    case 'spaceAround':
      return vscode.l10n.t('A database name must not start or end with a space.');
  }
}

/** Why a request about a database token was not sent. */
export function describeDatabaseTokenInputProblem(p: DatabaseTokenInputProblem): string {
  switch (p.code) {
    case 'description':
      return describeDescriptionProblem(p.problem)!;
    case 'resource':
      return describeResourceProblem(p.problem)!;
    case 'unknownAction':
      return vscode.l10n.t('The action {0} is unknown; a permission is "read" or "write".', p.action);
    case 'permissionsNotList':
      return vscode.l10n.t('The permissions must be a list.');
    case 'notAPermission':
      return vscode.l10n.t('A permission must be an action and a database.');
    case 'invalidExpiry':
      return vscode.l10n.t('The expiry is not a valid date.');
    case 'expiresAtNotRfc3339':
      return vscode.l10n.t('expiresAt is not an RFC3339 UTC date-time.');
    case 'nothingToUpdate':
      return vscode.l10n.t('Nothing to update: give a description or permissions.');
    case 'noBody':
      return vscode.l10n.t('The request has no description and permissions.');
  }
}
