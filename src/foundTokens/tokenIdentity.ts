import * as vscode from 'vscode';
import { databaseTokenStatus, findTokenOfSecret, fingerprintSecret, tokenStatus, type DatabaseToken, type FoundToken, type ManagementToken, type Profile, type TokenStatus } from '../core';
import type { ConfigFileModel } from '../state/configFileModel';
import type { DatabaseTokensModel } from '../state/databaseTokensModel';
import type { ManagementTokensModel } from '../state/managementTokensModel';
import type { SettingsModel } from '../state/settings';
import type { TokenSecretStore } from '../state/tokenSecretStore';
import { heldSecretsOf, type HeldFingerprint } from './heldSecrets';

/** A secret the extension holds, by its fingerprint: whose it is, never the secret itself. */
type HeldByFingerprint = Omit<HeldFingerprint, 'fingerprint'>;

interface Held {
  configPath: string;
  /** The profiles of config.toml a secret can be told to be of (a name given twice is not). */
  profiles: Profile[];
  byFingerprint: Map<string, HeldByFingerprint>;
}

/** What a found token is, as far as the extension can tell. */
export type TokenIdentity =
  | { known: false; kind: FoundToken['kind'] }
  | {
      known: true;
      kind: FoundToken['kind'];
      configPath: string;
      profile: Profile;
      /** The profile's mgmt_token or token in config.toml. */
      configured: boolean;
      /** The listed token, when a list loaded so far names it; with its status as of now. */
      listed?: { kind: 'management'; token: ManagementToken; status: TokenStatus } | { kind: 'database'; token: DatabaseToken; status: TokenStatus };
    };

export interface TokenIdentifierDeps {
  config: ConfigFileModel;
  secrets: TokenSecretStore;
  tokens: ManagementTokensModel;
  databaseTokens: DatabaseTokensModel;
  settings: SettingsModel;
}

/**
 * Tells what a found token is: by value against the secrets the extension
 * holds (stored in SecretStorage, a profile's mgmt_token and token), matched
 * through an in-memory map of fingerprints (never persisted), else for a
 * management token by a listed prefix that identifies one token. Lists are
 * only peeked at: finding a token starts no influxctl run or API call.
 * `onDidChange` fires when what it can tell may have changed.
 */
export class TokenIdentifier implements vscode.Disposable {
  private held: Promise<Held> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  private readonly heldSecrets;

  constructor(private readonly deps: TokenIdentifierDeps) {
    this.heldSecrets = heldSecretsOf(deps.config, deps.secrets);
    const heldChanged = () => {
      this.held = undefined;
      this.changed.fire();
    };
    this.subscriptions = [
      this.changed,
      this.heldSecrets.onDidChange(heldChanged),
      deps.tokens.onDidChange(({ kind }) => kind === 'loaded' && this.changed.fire()),
      deps.databaseTokens.onDidChange(({ kind }) => kind === 'loaded' && this.changed.fire()),
    ];
  }

  private async readHeld(): Promise<Held> {
    const { state, held: all } = await this.heldSecrets.read();
    const byFingerprint = new Map<string, HeldByFingerprint>();
    if (state.kind !== 'ok') return { configPath: state.path, profiles: [], byFingerprint };
    for (const { fingerprint: key, ...held } of all) {
      // A name given twice is inert: which profile it means is unknown.
      if (state.duplicated.has(held.profile.name)) continue;
      const before = byFingerprint.get(key);
      // A stored secret names its token; config.toml says it is configured: both are kept.
      byFingerprint.set(key, before ? { ...before, id: before.id ?? held.id, configured: before.configured || held.configured } : held);
    }
    return { configPath: state.path, profiles: state.profiles.filter((p) => !state.duplicated.has(p.name)), byFingerprint };
  }

  /** What `found` is; `fingerprint` is fingerprintSecret(found.secret) when the caller has it. */
  async identify(found: Pick<FoundToken, 'kind' | 'secret'>, fingerprint = fingerprintSecret(found.secret)): Promise<TokenIdentity> {
    const { configPath, profiles, byFingerprint } = await (this.held ??= this.readHeld());
    const held = byFingerprint.get(fingerprint);
    const now = new Date();
    const warningDays = this.deps.settings.current.expiryWarningDays;
    if (held?.kind === 'management' || (!held && found.kind === 'management')) {
      const match = held ? this.listedManagementToken(configPath, held.profile, found.secret, held.id) : this.managementTokenByPrefix(configPath, profiles, found.secret);
      if (!held && !match) return { known: false, kind: found.kind };
      const profile = held?.profile ?? match!.profile;
      const listed = match && { kind: 'management' as const, token: match.token, status: tokenStatus(match.token, now, warningDays) };
      return { known: true, kind: 'management', configPath, profile, configured: held?.configured ?? false, listed };
    }
    if (!held) return { known: false, kind: found.kind };
    const load = held.id ? this.deps.databaseTokens.peek(configPath, held.profile) : undefined;
    const token = load?.kind === 'ok' ? load.tokens.find((t) => t.id === held.id) : undefined;
    const listed = token && { kind: 'database' as const, token, status: databaseTokenStatus(token, now, warningDays) };
    return { known: true, kind: 'database', configPath, profile: held.profile, configured: held.configured, listed };
  }

  /** The listed token of a profile whose secret this is: by the stored secret's ID, else by an identifying prefix. */
  private listedManagementToken(configPath: string, profile: Profile, secret: string, id?: string): { profile: Profile; token: ManagementToken } | undefined {
    const load = this.deps.tokens.peek(configPath, profile);
    if (load?.kind !== 'ok') return undefined;
    const byId = id === undefined ? undefined : load.tokens.find((t) => t.id === id);
    if (byId) return { profile, token: byId };
    const match = findTokenOfSecret(secret, load.tokens);
    return match.kind === 'one' ? { profile, token: match.token } : undefined;
  }

  /** The one listed token, across the profiles listed so far, whose identifying prefix the secret starts with. */
  private managementTokenByPrefix(configPath: string, profiles: readonly Profile[], secret: string): { profile: Profile; token: ManagementToken } | undefined {
    const matches: { profile: Profile; token: ManagementToken }[] = [];
    for (const profile of profiles) {
      const load = this.deps.tokens.peek(configPath, profile);
      if (load?.kind !== 'ok') continue;
      const match = findTokenOfSecret(secret, load.tokens);
      if (match.kind === 'ambiguous') return undefined;
      if (match.kind === 'one') matches.push({ profile, token: match.token });
    }
    // Two profiles of one cluster list the same token: still one token, but whose profile is unknown.
    return matches.length === 1 ? matches[0] : undefined;
  }

  dispose(): void {
    this.subscriptions.forEach((d) => d.dispose());
  }
}
