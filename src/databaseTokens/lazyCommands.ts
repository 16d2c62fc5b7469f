import { once } from '../base/once';
import type { ConfigFileModel } from '../state/configFileModel';
import type { DatabaseTokensModel } from '../state/databaseTokensModel';
import type { ManagementTokensModel } from '../state/managementTokensModel';
import type { SettingsModel } from '../state/settings';
import type { TlsConsents } from '../state/tlsConsents';
import type { TokenHandovers } from '../state/tokenHandovers';
import type { TokenSecretStore } from '../state/tokenSecretStore';
import type { Log } from '../base/log';
import type { Prompts } from '../ui/prompts';
import type { WhereFound } from './rotateDatabaseToken';

type Commands = typeof import('./index');

/** What the database-token commands need from the extension's parts. */
export interface DatabaseTokenCommandDeps {
  config: ConfigFileModel;
  databaseTokens: DatabaseTokensModel;
  /** For choosing a token from the palette (ui/tokenPicker). */
  tokens: ManagementTokensModel;
  secrets: TokenSecretStore;
  consents: TlsConsents;
  settings: SettingsModel;
  log: Log;
  prompts: Prompts;
  /** Which terminals, debug sessions and tasks this window gave a token to: what a rotation names. */
  handovers: TokenHandovers;
  /** Where the token finder saw a token: what a rotation names (the found-tokens bundle, a layer above). */
  whereFound: WhereFound;
}

/**
 * The database-token commands, from their own bundle (dist/databaseTokens.js)
 * loaded on the first run of one of them: activation does not pay for them.
 */
export class DatabaseTokenCommands {
  constructor(private readonly deps: DatabaseTokenCommandDeps) {}

  /** The handlers, made when a command of the bundle first runs. */
  private readonly commands = once(() => {
    const bundle: Commands = require('./databaseTokens.js');
    return {
      create: new bundle.CreateDatabaseToken(this.deps),
      edit: new bundle.EditDatabaseToken(this.deps),
      rotate: new bundle.RotateDatabaseToken(this.deps),
      revoke: new bundle.RevokeDatabaseTokens(this.deps),
      setQueryToken: new bundle.SetQueryToken(this.deps),
      binding: new bundle.StoredSecretBinding(this.deps),
      allowWeakTls: new bundle.AllowWeakTls(this.deps),
    };
  });

  create(arg?: unknown) {
    return this.commands().create.run(arg);
  }

  edit(node?: unknown) {
    return this.commands().edit.run(node);
  }

  rotate(node?: unknown) {
    return this.commands().rotate.run(node);
  }

  revoke(clicked?: unknown, selected?: unknown) {
    return this.commands().revoke.run(clicked, selected);
  }

  setQueryToken(node?: unknown) {
    return this.commands().setQueryToken.run(node);
  }

  /** Forget or Rebind, from the Database Tokens group's row about secrets stored for another cluster. */
  forgetStoredSecrets(node?: unknown) {
    return this.commands().binding.forget(node);
  }

  rebindStoredSecrets(node?: unknown) {
    return this.commands().binding.rebind(node);
  }

  allowWeakTls(arg?: unknown) {
    return this.commands().allowWeakTls.run(arg);
  }
}
