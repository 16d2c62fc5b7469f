import { databaseTokenStatus, tokenName, tokenNameWithId } from '../core';
import type { ConfigFileModel } from '../state/configFileModel';
import type { DatabaseTokensModel } from '../state/databaseTokensModel';
import type { SettingsModel } from '../state/settings';
import { isDatabaseTokenRef, type DatabaseTokenRef } from '../state/refs';
import type { Log } from '../base/log';
import { describePermissions } from '../managementApi/databaseTokenText';
import { currentTokenRows, resolveProfile } from '../ui/profilePicker';
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
    const warning = configured.length
      ? `\n\nWarning: ${configured.map((n) => `"${tokenName(n.token)}" is the token of profile "${n.profile.name}" in config.toml`).join('; ')}: influxctl query and write with it stop working.`
      : '';
    const lines = nodes.map((n) => `• ${tokenNameWithId(n.token)} — profile "${n.profile.name}"`);
    const title = nodes.length === 1 ? 'Revoke this database token?' : `Revoke ${nodes.length} database tokens?`;
    if ((await prompts.warn(title, `${lines.join('\n')}\n\nWhatever uses it loses access at once. This cannot be undone.${warning}`, 'Revoke')) !== 'Revoke') return undefined;

    const kind = databaseTokenRevoking(databaseTokens);
    const outcome = await revokeTokens(kind, nodes.map((n) => ({ configPath: n.configPath, profile: n.profile, id: n.token.id, name: tokenName(n.token) })));
    reportRevocation(this.deps, kind, outcome);
    return revokedIds(outcome);
  }

  /** From the palette: the profile, then its active database tokens to revoke. */
  private async pick(arg: unknown): Promise<DatabaseTokenRef[] | undefined> {
    const { databaseTokens, settings, prompts } = this.deps;
    const target = await resolveProfile(this.deps, arg, 'Revoke Database Token');
    if (!target) return undefined;
    const { configPath, profile } = target;
    const load = await withCancellableProgress(`Listing the database tokens of "${profile.name}"…`, () => databaseTokens.load(configPath, profile));
    if (load.kind !== 'ok') {
      await prompts.error(load.kind === 'error' ? (describeApiError(profile, 'listDatabaseTokens', load.error) ?? load.error.message) : `Profile "${profile.name}" has no management token to call the Management API with.`);
      return undefined;
    }
    const now = new Date();
    const items = load.tokens
      .filter((token) => ['active', 'expiring'].includes(databaseTokenStatus(token, now, settings.current.expiryWarningDays)))
      .map((token) => ({ label: tokenName(token), description: describePermissions(token.permissions), detail: token.id, node: { kind: 'databaseToken' as const, configPath, profile, token } }));
    if (items.length === 0) {
      await prompts.inform(`Profile "${profile.name}" has no active database tokens.`);
      return undefined;
    }
    const picked = await prompts.pickMany(items, { title: `Revoke Database Tokens (${profile.name})`, placeHolder: 'Select the database tokens to revoke', matchOnDescription: true, matchOnDetail: true });
    return picked?.map((p) => p.node);
  }
}
