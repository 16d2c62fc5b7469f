import * as vscode from 'vscode';
import { fingerprintSecret, type Profile } from '../core';
import type { ConfigFileModel, ConfigState } from '../state/configFileModel';
import { databaseSecretId, type TokenSecretStore } from '../state/tokenSecretStore';

/** A secret the extension holds for a profile, by its fingerprint and where it comes from; never the secret itself. */
export interface HeldFingerprint {
  profile: Profile;
  kind: 'management' | 'database';
  /** The token's ID, for a secret stored in VS Code. */
  id?: string;
  /** The profile's mgmt_token (management) or token (database) in config.toml. */
  configured: boolean;
  fingerprint: string;
}

/** The secrets held for config.toml as it is now, fingerprinted. */
export interface Held {
  state: ConfigState;
  held: HeldFingerprint[];
}

/**
 * Every secret the extension holds for the profiles of config.toml, profile
 * by profile (its mgmt_token and token, then the management and database
 * token secrets stored for it), read and fingerprinted once per change of
 * config.toml or of SecretStorage. One per store (`heldSecretsOf`): the
 * editor diagnostics and the scan's words in the tree ask the same.
 */
export class HeldSecrets {
  private current: Promise<Held> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly config: ConfigFileModel, private readonly secrets: TokenSecretStore) {
    const forget = () => {
      this.current = undefined;
      this.changed.fire();
    };
    config.onDidChange(forget);
    secrets.onDidChange(forget);
  }

  read(): Promise<Held> {
    return (this.current ??= this.fingerprint());
  }

  private async fingerprint(): Promise<Held> {
    const state = await this.config.state();
    const held: HeldFingerprint[] = [];
    if (state.kind !== 'ok') return { state, held };
    const hold = (secret: string | undefined, of: Omit<HeldFingerprint, 'fingerprint'>) => secret && held.push({ ...of, fingerprint: fingerprintSecret(secret) });
    for (const profile of state.profiles) {
      hold(profile.mgmtToken, { profile, kind: 'management', configured: true });
      hold(profile.token, { profile, kind: 'database', configured: true });
      for (const id of this.secrets.storedIds(state.path, profile)) hold(await this.secrets.get(state.path, profile, id), { profile, kind: 'management', id, configured: false });
      for (const id of this.secrets.storedIds(state.path, profile, 'database')) hold(await this.secrets.get(state.path, profile, databaseSecretId(id)), { profile, kind: 'database', id, configured: false });
    }
    return { state, held };
  }
}

const shared = new WeakMap<TokenSecretStore, HeldSecrets>();

/**
 * The one HeldSecrets of a store, made on first ask. It listens only to
 * config.toml's model and the store, and ends with them (disposing of their
 * emitters drops its listeners).
 */
export function heldSecretsOf(config: ConfigFileModel, secrets: TokenSecretStore): HeldSecrets {
  let held = shared.get(secrets);
  if (!held) shared.set(secrets, (held = new HeldSecrets(config, secrets)));
  return held;
}
