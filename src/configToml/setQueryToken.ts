import { singleDatabaseOf, type ProfileStringKey, tokenName } from '../core';
import type { ConfigFileModel } from '../state/configFileModel';
import type { DatabaseTokensModel } from '../state/databaseTokensModel';
import { databaseSecretId, type TokenSecretStore } from '../state/tokenSecretStore';
import { isDatabaseTokenRef } from '../state/refs';
import { currentTokenRow } from '../ui/profilePicker';
import type { Log } from '../base/log';
import { describeError } from '../ui/coreText';
import type { Prompts } from '../ui/prompts';
import { offerToRestrictConfig } from './configPermissions';

/**
 * Use for influxctl query/write: writes a database token's stored secret into
 * its profile's `token` (and `database` when the token covers exactly one), with
 * the guarantees of Set mgmt_token.
 */
export class SetQueryToken {
  constructor(private readonly deps: { config: ConfigFileModel; databaseTokens: DatabaseTokensModel; secrets: TokenSecretStore; log: Log; prompts: Prompts }) {}

  async run(node?: unknown): Promise<boolean> {
    const { config, secrets, log, prompts } = this.deps;
    if (!isDatabaseTokenRef(node)) return false;
    const row = await currentTokenRow(this.deps, node);
    if (!row) return false;
    const { configPath, profile, token } = row;
    const bound = await secrets.getBound(configPath, profile, databaseSecretId(token.id));
    const secret = bound?.secret;
    if (!bound || !secret) {
      await prompts.error(`The secret of database token "${tokenName(token)}" is not stored in VS Code (it is shown only when a token is created here), so it cannot be written to config.toml.`);
      return false;
    }
    log.rememberSecret(secret);
    const database = singleDatabaseOf(token.permissions);
    const state = await config.reload();
    const current = state.kind === 'ok' ? state.profiles.find((p) => p.name === profile.name) : undefined;
    if (current?.token && current.token !== secret) {
      const choice = await prompts.warn(
        `Replace the token of profile "${profile.name}"?`,
        `influxctl query and write will use database token "${tokenName(token)}"${database ? ` and database ${database}` : ''} from now on. The old token stays valid until it is revoked.`,
        'Replace',
      );
      if (choice !== 'Replace') return false;
    }
    const entries: [ProfileStringKey, string][] = [['token', secret], ...(database ? ([['database', database]] as [ProfileStringKey, string][]) : [])];
    try {
      await config.setProfileStrings(configPath, profile.name, entries, bound.origin);
    } catch (err) {
      await prompts.error(log.redact(`Could not set the token of "${profile.name}": ${describeError(err)}`));
      return false;
    }
    log.info(`Set token${database ? ' and database' : ''} of profile "${profile.name}" in ${configPath}`);
    void prompts.inform(`influxctl query and write with profile "${profile.name}" now use database token "${tokenName(token)}"${database ? ` and database ${database}` : ''}.`);
    await offerToRestrictConfig(this.deps, configPath);
    return true;
  }
}
