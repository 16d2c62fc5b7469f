import * as vscode from 'vscode';
import { databaseTokenStatus, tokenName } from '../core';
import type { ConfigFileModel } from '../state/configFileModel';
import type { DatabaseTokensModel } from '../state/databaseTokensModel';
import type { SettingsModel } from '../state/settings';
import { isDatabaseTokenRef, type DatabaseTokenRef } from '../state/refs';
import type { Log } from '../base/log';
import { describePermissions } from '../managementApi/databaseTokenText';
import { tokenNameWithId } from '../ui/coreText';
import { currentTokenRows, namesItsCluster, resolveProfile } from '../ui/profilePicker';
import { withCancellableProgress } from '../ui/progress';
import type { Prompts } from '../ui/prompts';
import { reportRevocation, revokedIds, revokeTokens, type RevokeKind } from '../ui/tokenRevocation';
import { describeApiError } from './apiFailures';

/** Database tokens for the one revoke path: one DELETE each. */
export function databaseTokenRevoking(databaseTokens: DatabaseTokensModel): RevokeKind {
  return {
    noun: 'database token',
    revoke: (configPath, profile, ids, signal) => databaseTokens.revoke(configPath, profile, ids, signal),
    explain: (profile, error) => describeApiError(profile, 'revokeDatabaseToken', error),
  };
}

/**
 * Revoke Database Token…: the clicked row and the selection (active ones), or
 * tokens picked from the palette; a modal naming them and warning when one is the profile's configured `token`,
 * then one DELETE each; a partial failure says what failed and what was revoked.
 */
export class RevokeDatabaseTokens {
  constructor(private readonly deps: { config: ConfigFileModel; databaseTokens: DatabaseTokensModel; settings: SettingsModel; log: Log; prompts: Prompts }) {}

  async run(clicked?: unknown, selected?: unknown): Promise<{ revoked: string[]; failed: string[] } | undefined> {
    const { databaseTokens, prompts } = this.deps;
    const fromTree = await currentTokenRows(this.deps, (Array.isArray(selected) && selected.length ? selected : [clicked]).filter(isDatabaseTokenRef));
    if (!fromTree) return undefined;
    const refs = fromTree.length ? fromTree : ((await this.pick(clicked)) ?? []);
    const now = new Date();
    const nodes = refs.filter((n) => ['active', 'expiring'].includes(databaseTokenStatus(n.token, now, this.deps.settings.current.expiryWarningDays)));
    if (nodes.length === 0) return undefined;
    // Which of them a profile's `token` is, as config.toml and the stored secrets say now.
    const configured: DatabaseTokenRef[] = [];
    for (const n of nodes) if ((await databaseTokens.configuredToken(n.configPath, n.profile, [n.token]))?.id === n.token.id) configured.push(n);
    const inUse = configured.map((n) => vscode.l10n.t('"{0}" is the token of profile "{1}" in config.toml', tokenName(n.token), n.profile.name));
    const warning = inUse.length ? `\n\n${vscode.l10n.t('Warning: {0}: influxctl query and write with it stop working.', inUse.join('; '))}` : '';
    const lines = nodes.map((n) => `• ${vscode.l10n.t({ message: '{0} — profile "{1}"', args: [tokenNameWithId(n.token), n.profile.name], comment: ['{0} is a database token\'s name and ID, {1} a profile name'] })}`);
    const title = nodes.length === 1 ? vscode.l10n.t('Revoke this database token?') : vscode.l10n.t('Revoke {0} database tokens?', nodes.length);
    const revoke = vscode.l10n.t('Revoke');
    const detail = `${lines.join('\n')}\n\n${vscode.l10n.t('Whatever uses it loses access at once. This cannot be undone.')}${warning}`;
    if ((await prompts.warn(title, detail, revoke)) !== revoke) return undefined;

    const kind = databaseTokenRevoking(databaseTokens);
    const outcome = await revokeTokens(kind, nodes.map((n) => ({ configPath: n.configPath, profile: n.profile, id: n.token.id, name: tokenName(n.token) })));
    reportRevocation(this.deps, kind, outcome);
    return revokedIds(outcome);
  }

  /** From the palette: the profile, then its active database tokens to revoke. */
  private async pick(arg: unknown): Promise<DatabaseTokenRef[] | undefined> {
    const { databaseTokens, settings, prompts } = this.deps;
    const target = await resolveProfile(this.deps, arg, vscode.l10n.t('Revoke Database Token'));
    if (!target || !(await namesItsCluster(prompts, target, vscode.l10n.t('Revoking a database token')))) return undefined;
    const { configPath, profile } = target;
    const load = await withCancellableProgress(vscode.l10n.t('Listing the database tokens of "{0}"…', profile.name), () => databaseTokens.load(configPath, profile));
    if (load.kind !== 'ok') {
      await prompts.error(load.kind === 'error' ? (describeApiError(profile, 'listDatabaseTokens', load.error) ?? load.error.message) : vscode.l10n.t('Profile "{0}" has no management token to call the Management API with.', profile.name));
      return undefined;
    }
    const now = new Date();
    const items = load.tokens
      .filter((token) => ['active', 'expiring'].includes(databaseTokenStatus(token, now, settings.current.expiryWarningDays)))
      .map((token) => ({ label: tokenName(token), description: describePermissions(token.permissions), detail: token.id, node: { kind: 'databaseToken' as const, configPath, profile, token } }));
    if (items.length === 0) {
      await prompts.inform(vscode.l10n.t('Profile "{0}" has no active database tokens.', profile.name));
      return undefined;
    }
    const picked = await prompts.pickMany(items, { title: vscode.l10n.t('Revoke Database Tokens ({0})', profile.name), placeHolder: vscode.l10n.t('Select the database tokens to revoke'), matchOnDescription: true, matchOnDetail: true });
    return picked?.map((p) => p.node);
  }
}
