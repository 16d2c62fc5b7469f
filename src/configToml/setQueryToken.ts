import * as vscode from 'vscode';
import { singleDatabaseOf, type ProfileStringKey, tokenName } from '../core';
import { databaseSecretId, type TokenSecretStore } from '../state/tokenSecretStore';
import { isDatabaseTokenRef } from '../state/refs';
import { currentTokenRow } from '../ui/profilePicker';
import { isActiveDatabaseToken, pickToken, type TokenPickerDeps } from '../ui/tokenPicker';
import type { Log } from '../base/log';
import { describeError, withoutFullStop } from '../ui/coreText';
import { offerToRestrictConfig } from './configPermissions';

/**
 * Use for influxctl query/write: writes a database token's stored secret into
 * its profile's `token` (and `database` when the token covers exactly one), with
 * the guarantees of Set mgmt_token.
 */
export class SetQueryToken {
  constructor(private readonly deps: TokenPickerDeps & { secrets: TokenSecretStore; log: Log }) {}

  async run(node?: unknown): Promise<boolean> {
    const { config, secrets, log, prompts } = this.deps;
    const picked = isDatabaseTokenRef(node) ? node : await this.pick();
    if (picked?.kind !== 'databaseToken') return false;
    const row = await currentTokenRow(this.deps, picked);
    if (!row) return false;
    const { configPath, profile, token } = row;
    const bound = await secrets.getBound(configPath, profile, databaseSecretId(token.id));
    const secret = bound?.secret;
    if (!bound || !secret) {
      await prompts.error(vscode.l10n.t('The secret of database token "{0}" is not stored in VS Code (it is shown only when a token is created here), so it cannot be written to config.toml.', tokenName(token)));
      return false;
    }
    log.rememberSecret(secret);
    const database = singleDatabaseOf(token.permissions);
    const state = await config.reload();
    const current = state.kind === 'ok' ? state.profiles.find((p) => p.name === profile.name) : undefined;
    if (current?.token && current.token !== secret) {
      const replace = vscode.l10n.t('Replace');
      const choice = await prompts.warn(
        vscode.l10n.t('Replace the token of profile "{0}"?', profile.name),
        database
          ? vscode.l10n.t('influxctl query and write will use database token "{0}" and database {1} from now on. The old token stays valid until it is revoked.', tokenName(token), database)
          : vscode.l10n.t('influxctl query and write will use database token "{0}" from now on. The old token stays valid until it is revoked.', tokenName(token)),
        replace,
      );
      if (choice !== replace) return false;
    }
    const entries: [ProfileStringKey, string][] = [['token', secret], ...(database ? ([['database', database]] as [ProfileStringKey, string][]) : [])];
    try {
      await config.setProfileStrings(configPath, profile.name, entries, bound.origin);
    } catch (err) {
      await prompts.error(log.redact(vscode.l10n.t('Could not set the token of "{0}": {1}.', profile.name, withoutFullStop(describeError(err)))));
      return false;
    }
    log.info(`Set token${database ? ' and database' : ''} of profile "${profile.name}" in ${configPath}`);
    void prompts.inform(
      database
        ? vscode.l10n.t('influxctl query and write with profile "{0}" now use database token "{1}" and database {2}.', profile.name, tokenName(token), database)
        : vscode.l10n.t('influxctl query and write with profile "{0}" now use database token "{1}".', profile.name, tokenName(token)),
    );
    await offerToRestrictConfig(this.deps, configPath);
    return true;
  }

  /** From the palette: an active database token of a profile whose secret is stored. */
  private pick() {
    const now = new Date();
    return pickToken(this.deps, vscode.l10n.t('Use for influxctl query/write'), {
      management: false,
      database: true,
      offers: (r) => isActiveDatabaseToken(r, now) && this.deps.secrets.storedIds(r.configPath, r.profile, 'database').has(r.token.id),
      none: (name) => vscode.l10n.t('Profile "{0}" has no active database token whose secret is stored in VS Code.', name),
    });
  }
}
