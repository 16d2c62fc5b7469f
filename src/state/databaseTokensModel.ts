import * as vscode from 'vscode';
import { profileOriginKey, findTokenOfSecret, tokenName, tokenStatus, type UpdateDatabaseTokenBody, type CreateDatabaseTokenBody, type CreatedDatabaseToken, type Database, type DatabaseToken, type ManagementToken, type Profile, type RevokeResult } from '../core';
import type { ManagementApi } from '../managementApi/managementApi';
import type { Log } from '../base/log';
import type { ManagementTokensModel, TokensChange } from './managementTokensModel';
import { ProfileListCache } from './profileListCache';
import type { SettingsModel } from './settings';
import { databaseSecretId, type TokenSecretStore } from './tokenSecretStore';

/** The management token a profile's Management API calls use, named for people (never shown). */
export interface ManagementAuth {
  secret: string;
  /** The cluster (origin key) the secret belongs to: the only one it is sent to. */
  origin: string | undefined;
  /** "the profile's mgmt_token "grafana" (M.V1.b4d2)" or "the stored secret of "ci" (M.V1.a3c1)". */
  label: string;
}

export type DatabaseTokenLoad =
  | { kind: 'ok'; tokens: DatabaseToken[]; auth: ManagementAuth }
  /** No mgmt_token and no stored secret of an active management token of the profile. */
  | { kind: 'noAuth' }
  /** As noAuth, but secrets of the profile are stored for other clusters (origin keys) than the one it names now. */
  | { kind: 'boundElsewhere'; origins: string[]; current: string }
  /** `message`: what failed and what to do next, in one sentence. */
  | { kind: 'error'; error: Error; message: string; auth: ManagementAuth };

function named(token: ManagementToken): string {
  return `"${tokenName(token)}" (${token.prefix})`;
}

/**
 * The database tokens of each profile through the Management HTTP API,
 * authenticated with the profile's management token: listed on demand (the
 * HTTP bundle loads then), cached, cancelled on refresh.
 */
export class DatabaseTokensModel implements vscode.Disposable {
  private readonly lists = new ProfileListCache<DatabaseTokenLoad>(
    (configPath, profile, signal) => this.list(configPath, profile, signal),
    (profileName) => this.changed.fire({ profileName, kind: 'loaded' }),
  );
  private readonly changed = new vscode.EventEmitter<TokensChange>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly deps: { settings: SettingsModel; tokens: ManagementTokensModel; secrets: TokenSecretStore; api: ManagementApi; log: Log },
  ) {
    this.subscriptions = [
      this.changed,
      // Statuses follow expiryWarningDays in the tree itself; only a new timeout is worth listing again.
      deps.settings.onDidChange((names) => names.has('timeoutSeconds') && this.invalidate()),
      // A management token created, revoked or stored may change which one is used.
      deps.tokens.onDidChange(({ profileName, kind }) => kind === 'invalidated' && this.invalidate(profileName)),
      deps.secrets.onDidChange(() => this.invalidateUnauthenticated()),
    ];
  }

  /**
   * The management token to call the profile's Management API with: its
   * mgmt_token, else an active management token of the profile whose secret
   * is stored (the one expiring last), else none.
   */
  async managementAuth(configPath: string, profile: Profile): Promise<ManagementAuth | undefined> {
    const { tokens, secrets, settings } = this.deps;
    const load = await tokens.load(configPath, profile);
    const listed = load.kind === 'ok' ? load.tokens : [];
    if (profile.mgmtToken) {
      const match = findTokenOfSecret(profile.mgmtToken, listed);
      return { secret: profile.mgmtToken, origin: profileOriginKey(profile), label: match.kind === 'one' ? vscode.l10n.t("the profile's mgmt_token {0}", named(match.token)) : vscode.l10n.t("the profile's mgmt_token") };
    }
    const stored = secrets.storedIds(configPath, profile);
    const now = new Date();
    const usable = listed
      .filter((t) => stored.has(t.id) && ['active', 'expiring'].includes(tokenStatus(t, now, settings.current.expiryWarningDays)))
      .sort((a, b) => (b.expiresAt?.getTime() ?? Infinity) - (a.expiresAt?.getTime() ?? Infinity));
    for (const token of usable) {
      const bound = await secrets.getBound(configPath, profile, token.id);
      if (bound) return { ...bound, label: vscode.l10n.t('the stored secret of management token {0}', named(token)) };
    }
    return undefined;
  }

  /**
   * Of `tokens`, the one whose stored secret is the profile's `token` (what
   * influxctl query and write use), if the extension knows it; only the few
   * stored secrets are read.
   */
  async configuredToken(configPath: string, profile: Profile, tokens: readonly DatabaseToken[]): Promise<DatabaseToken | undefined> {
    if (!profile.token) return undefined;
    const { secrets } = this.deps;
    const stored = secrets.storedIds(configPath, profile, 'database');
    for (const token of tokens) {
      if (stored.has(token.id) && (await secrets.get(configPath, profile, databaseSecretId(token.id))) === profile.token) return token;
    }
    return undefined;
  }

  peek(configPath: string, profile: Profile): DatabaseTokenLoad | undefined {
    return this.lists.peek(configPath, profile);
  }

  load(configPath: string, profile: Profile): Promise<DatabaseTokenLoad> {
    return this.lists.load(configPath, profile);
  }

  private async list(configPath: string, profile: Profile, signal: AbortSignal): Promise<DatabaseTokenLoad> {
    const auth = await this.managementAuth(configPath, profile);
    if (!auth) {
      const origins = this.deps.secrets.boundElsewhere(configPath, profile);
      const current = profileOriginKey(profile);
      return origins.length && current ? { kind: 'boundElsewhere', origins, current } : { kind: 'noAuth' };
    }
    try {
      return { kind: 'ok', tokens: await this.deps.api.listDatabaseTokens(profile, auth, signal), auth };
    } catch (err) {
      this.deps.log.error(`Listing the database tokens of profile "${profile.name}" failed: ${(err as Error).message}`);
      return { kind: 'error', error: err as Error, message: this.deps.api.describeFailure(profile, 'listDatabaseTokens', err), auth };
    }
  }

  private async requireAuth(configPath: string, profile: Profile): Promise<ManagementAuth> {
    const auth = await this.managementAuth(configPath, profile);
    if (!auth) throw new Error(vscode.l10n.t('Profile "{0}" has no management token to call the Management API with: set mgmt_token, or create a management token here (its secret is stored).', profile.name));
    return auth;
  }

  /** The cluster's databases, for choosing permissions. */
  async listDatabases(configPath: string, profile: Profile, signal?: AbortSignal): Promise<Database[]> {
    const auth = await this.requireAuth(configPath, profile);
    return this.deps.api.listDatabases(profile, auth, signal);
  }

  /**
   * Creates a database token and stores its secret (shown this once) in
   * SecretStorage before anything else; the profile's list is dropped.
   * `stored` is false when SecretStorage refused it (`storeError` says why)
   * or the answer gave no ID to store it under.
   */
  async create(configPath: string, profile: Profile, body: CreateDatabaseTokenBody, signal?: AbortSignal): Promise<{ created: CreatedDatabaseToken; stored: boolean; storeError?: string }> {
    const auth = await this.requireAuth(configPath, profile);
    try {
      const created = await this.deps.api.createDatabaseToken(profile, auth, body, signal);
      // An odd answer may lack the token's ID: the secret has no key to be stored under, and must be shown once instead
      // (the caller says why, from created.problem).
      const id = created.token.id;
      if (id === undefined) return { created, stored: false };
      try {
        await this.deps.secrets.store(configPath, profile, databaseSecretId(id), created.accessToken);
        return { created, stored: true };
      } catch (err) {
        return { created, stored: false, storeError: (err as Error).message };
      }
    } finally {
      this.invalidate(profile.name);
    }
  }

  /** Changes a database token's description and permissions; the profile's list is dropped. */
  async update(configPath: string, profile: Profile, id: string, body: UpdateDatabaseTokenBody, signal?: AbortSignal): Promise<DatabaseToken> {
    const auth = await this.requireAuth(configPath, profile);
    try {
      return await this.deps.api.updateDatabaseToken(profile, auth, id, body, signal);
    } finally {
      this.invalidate(profile.name);
    }
  }

  /**
   * Revokes database tokens one by one. As for management tokens, what counts
   * is what the cluster says afterwards: after a failed DELETE the tokens are
   * listed again, and a token whose state is unknown counts as not revoked.
   * Stored secrets of revoked tokens are deleted.
   */
  async revoke(configPath: string, profile: Profile, ids: string[], signal?: AbortSignal): Promise<RevokeResult> {
    const { api, secrets, log } = this.deps;
    const auth = await this.requireAuth(configPath, profile);
    const revoked = new Set<string>();
    const errors = new Map<string, Error>();
    try {
      for (const id of ids) {
        try {
          await api.revokeDatabaseToken(profile, auth, id, signal);
          revoked.add(id);
        } catch (err) {
          errors.set(id, err as Error);
          log.error(`Revoking database token ${id} of profile "${profile.name}" failed: ${(err as Error).message}`);
        }
      }
      if (errors.size) {
        try {
          for (const t of await api.listDatabaseTokens(profile, auth, signal)) if (errors.has(t.id) && t.revokedAt) revoked.add(t.id);
        } catch {
          // Unknown: report them as not revoked rather than claim success.
        }
      }
    } finally {
      this.invalidate(profile.name);
    }
    for (const id of revoked) {
      // A keyring that refuses is logged; it must not hide that the tokens are revoked.
      await secrets.delete(configPath, profile.name, databaseSecretId(id)).catch((err: Error) => log.warn(`The stored secret of revoked database token ${id} could not be deleted: ${err.message}`));
    }
    return { revoked: ids.filter((id) => revoked.has(id)), failed: ids.filter((id) => !revoked.has(id)).map((id) => ({ id, error: errors.get(id)! })) };
  }

  /** Forgets (and cancels) the database tokens of one profile or all; the next load lists again. */
  invalidate(profileName?: string): void {
    this.lists.drop(profileName);
    this.changed.fire({ profileName, kind: 'invalidated' });
  }

  /** A stored, forgotten or rebound secret may be what a profile without mgmt_token was waiting for. */
  private invalidateUnauthenticated(): void {
    for (const name of this.lists.names()) if (this.lists.has(name, (r) => r.kind === 'noAuth' || r.kind === 'boundElsewhere')) this.invalidate(name);
  }

  dispose(): void {
    this.lists.drop();
    this.subscriptions.forEach((d) => d.dispose());
  }
}
