import * as vscode from 'vscode';
import { findTokenOfSecret } from '../core';
import type { Log } from '../base/log';
import type { ConfigFileModel } from '../state/configFileModel';
import type { DatabaseTokensModel } from '../state/databaseTokensModel';
import type { ManagementTokensModel } from '../state/managementTokensModel';
import type { TokenSecretStore } from '../state/tokenSecretStore';
import type { FoundTokenIndex } from './foundTokenIndex';
import { heldSecretsOf, type HeldSecrets } from './heldSecrets';

export interface KnownSecretsDeps {
  config: ConfigFileModel;
  tokens: ManagementTokensModel;
  databaseTokens: DatabaseTokensModel;
  secrets: TokenSecretStore;
  index: FoundTokenIndex;
  log: Log;
}

/**
 * Tells the index which token rows the secrets the extension holds belong to,
 * by fingerprint: each stored secret (a profile's `token` is one when the
 * extension knows it) and a profile's mgmt_token (the listed token it is).
 * Only hashes are kept (HeldSecrets reads and hashes the secrets). Done again
 * when secrets, config.toml or a list change.
 */
export class KnownSecrets implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private updating: Promise<void> = Promise.resolve();

  private readonly heldSecrets: HeldSecrets;

  constructor(private readonly deps: KnownSecretsDeps) {
    this.heldSecrets = heldSecretsOf(deps.config, deps.secrets);
    const later = (): void => {
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.update(), 200);
    };
    this.subscriptions = [this.heldSecrets.onDidChange(later), deps.tokens.onDidChange(later), deps.databaseTokens.onDidChange(later)];
  }

  /** Fingerprints the secrets held now, after any update under way. */
  update(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.updating = this.updating.then(() => this.compute()).catch((err: Error) => this.deps.log.warn(`Matching found tokens to stored secrets failed: ${err.message}`));
    return this.updating;
  }

  private async compute(): Promise<void> {
    const { tokens, index } = this.deps;
    const { state, held: all } = await this.heldSecrets.read();
    const rows = new Map<string, Set<string>>();
    const profiles = new Map<string, Set<string>>();
    const add = (profileName: string, tokenId: string, fingerprint: string): void => {
      let own = rows.get(tokenId);
      if (!own) rows.set(tokenId, (own = new Set()));
      own.add(fingerprint);
      let ids = profiles.get(profileName);
      if (!ids) profiles.set(profileName, (ids = new Set()));
      ids.add(tokenId);
    };
    if (state.kind === 'ok') {
      for (const held of all) {
        // A stored secret names its row; a profile's mgmt_token is the listed token it matches. A configured `token` counts once stored.
        if (held.id !== undefined) add(held.profile.name, held.id, held.fingerprint);
        else if (held.kind === 'management') {
          const listed = tokens.peek(state.path, held.profile);
          const match = listed?.kind === 'ok' ? findTokenOfSecret(held.profile.mgmtToken, listed.tokens) : undefined;
          if (match?.kind === 'one') add(held.profile.name, match.token.id, held.fingerprint);
        }
      }
    }
    index.setRows(rows, profiles);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.subscriptions.forEach((s) => s.dispose());
  }
}
