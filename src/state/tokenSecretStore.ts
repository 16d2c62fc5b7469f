import * as vscode from 'vscode';
import { profileOriginKey, type Profile } from '../core';

/** A SecretStorageError, by name rather than instanceof: commands loaded on first use have their own copy of the class. */
export function isSecretStorageError(err: unknown): err is SecretStorageError {
  return err instanceof Error && err.name === 'SecretStorageError';
}

/** SecretStorage refused a secret; on Linux usually because no keyring is available. */
export class SecretStorageError extends Error {
  override name = 'SecretStorageError';
}

/** Key → origin key of the cluster the secret is bound to ('' for one stored by a version before binding). */
const INDEX_KEY = 'influxdbTokens.storedSecrets';
/** The index of versions before binding: keys only. */
const LEGACY_INDEX_KEY = 'influxdbTokens.storedSecretKeys';
const KEY_PREFIX = 'influxdbTokens:';
const DATABASE_PREFIX = 'database:';

/** The ID a database token's secret is stored under, apart from management tokens' IDs. */
export function databaseSecretId(tokenId: string): string {
  return `${DATABASE_PREFIX}${tokenId}`;
}

/** The config path, profile name and token ID a key of TokenSecretStore.key names. */
function keyParts(key: string): [string, string, string] {
  return JSON.parse(key.slice(KEY_PREFIX.length)) as [string, string, string];
}

/** A stored value: the secret and the cluster it is bound to; a bare string was stored before binding existed. */
function decode(value: string): { secret: string; origin?: string } {
  if (value.startsWith('{')) {
    try {
      const parsed = JSON.parse(value) as { secret?: unknown; origin?: unknown };
      if (typeof parsed.secret === 'string' && typeof parsed.origin === 'string') return { secret: parsed.secret, origin: parsed.origin };
    } catch {
      // Not ours: a bare secret.
    }
  }
  return { secret: value };
}

function encode(secret: string, origin: string): string {
  return JSON.stringify({ origin, secret });
}

/**
 * Token secrets in VS Code's SecretStorage, one per token, under a key naming
 * the config file, profile and token ID, each bound to the cluster (origin) it
 * was stored for: a secret is handed out only for a profile that still names
 * that cluster, so editing config.toml cannot send it elsewhere. An index of
 * the keys and their origins (no secrets) in globalState lets the tree mark
 * rows without reading every secret.
 */
export class TokenSecretStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly state: vscode.Memento,
  ) {
    // Another window may store or delete a secret: follow it. Whichever of this
    // window's own store and its echo comes first announces it, once.
    this.subscription = secrets.onDidChange(async (e) => {
      if (!e.key.startsWith(KEY_PREFIX)) return;
      const value = await this.secrets.get(e.key);
      if (await this.updateIndex(e.key, value === undefined ? undefined : (decode(value).origin ?? ''))) this.changed.fire();
    });
  }

  static key(configPath: string, profile: string, tokenId: string): string {
    return `${KEY_PREFIX}${JSON.stringify([configPath, profile, tokenId])}`;
  }

  private index(): Record<string, string> {
    const index = this.state.get<Record<string, string> | undefined>(INDEX_KEY);
    if (index) return index;
    // Secrets stored before binding: in the index, bound to no cluster yet.
    return Object.fromEntries(this.state.get<string[]>(LEGACY_INDEX_KEY, []).map((key) => [key, '']));
  }

  /** Sets (or, undefined, removes) a key's origin in the index; false when it was already so. */
  private async updateIndex(key: string, origin: string | undefined): Promise<boolean> {
    const index = { ...this.index() };
    if (index[key] === origin) return false;
    if (origin === undefined) {
      if (!(key in index)) return false;
      delete index[key];
    } else index[key] = origin;
    await this.state.update(INDEX_KEY, index);
    if (this.state.get(LEGACY_INDEX_KEY) !== undefined) await this.state.update(LEGACY_INDEX_KEY, undefined);
    return true;
  }

  /** The index entries of one profile: token ID (database ones with their prefix) → origin. */
  private entries(configPath: string, profileName: string): Map<string, string> {
    const entries = new Map<string, string>();
    for (const [key, origin] of Object.entries(this.index())) {
      const [path, name, id] = keyParts(key);
      if (path === configPath && name === profileName) entries.set(id, origin);
    }
    return entries;
  }

  /**
   * Token IDs of a profile whose secrets are stored for the cluster it names
   * now: of management tokens, or (kind 'database') of database tokens.
   * Secrets stored before binding count: the first read binds them.
   */
  storedIds(configPath: string, profile: Profile, kind: 'management' | 'database' = 'management'): Set<string> {
    const origin = profileOriginKey(profile);
    const ids = new Set<string>();
    if (!origin) return ids;
    for (const [id, bound] of this.entries(configPath, profile.name)) {
      if (bound !== origin && bound !== '') continue;
      const isDatabase = id.startsWith(DATABASE_PREFIX);
      if (kind === 'database' && isDatabase) ids.add(id.slice(DATABASE_PREFIX.length));
      if (kind === 'management' && !isDatabase) ids.add(id);
    }
    return ids;
  }

  has(configPath: string, profile: Profile, tokenId: string): boolean {
    const origin = profileOriginKey(profile);
    const bound = this.entries(configPath, profile.name).get(tokenId);
    return origin !== undefined && (bound === origin || bound === '');
  }

  /**
   * The clusters other than the one the profile names now that some of its
   * secrets are bound to: config.toml was edited since they were stored.
   */
  boundElsewhere(configPath: string, profile: Profile): string[] {
    const origin = profileOriginKey(profile);
    // A profile that names no cluster (a half-edited host) is not "another" cluster: nothing to forget or rebind.
    if (!origin) return [];
    const others = new Set<string>();
    for (const bound of this.entries(configPath, profile.name).values()) if (bound !== '' && bound !== origin) others.add(bound);
    return [...others];
  }

  /** Stores a secret bound to the cluster the profile names; refused when it names none. */
  async store(configPath: string, profile: Profile, tokenId: string, secret: string): Promise<void> {
    const origin = profileOriginKey(profile);
    if (!origin) throw new SecretStorageError(vscode.l10n.t('profile "{0}" does not name a cluster the secret can be bound to', profile.name));
    const key = TokenSecretStore.key(configPath, profile.name, tokenId);
    try {
      await this.secrets.store(key, encode(secret, origin));
    } catch (err) {
      throw new SecretStorageError(vscode.l10n.t('VS Code could not store the secret: {0}', (err as Error).message ?? String(err)));
    }
    if (await this.updateIndex(key, origin)) this.changed.fire();
  }

  /**
   * The secret, only if it is bound to the cluster the profile names now. One
   * stored before binding existed is bound here, the first time it is read.
   */
  async get(configPath: string, profile: Profile, tokenId: string): Promise<string | undefined> {
    return (await this.getBound(configPath, profile, tokenId))?.secret;
  }

  /**
   * The secret with the cluster it is bound to (as stored, not as the profile
   * says), only if that is the cluster the profile names now. One stored
   * before binding existed is bound here if nothing bound it before.
   */
  async getBound(configPath: string, profile: Profile, tokenId: string): Promise<{ secret: string; origin: string } | undefined> {
    const origin = profileOriginKey(profile);
    if (!origin) return undefined;
    const key = TokenSecretStore.key(configPath, profile.name, tokenId);
    const value = await this.secrets.get(key);
    if (value === undefined) return undefined;
    const stored = decode(value);
    if (stored.origin === undefined) {
      // A keyring that refuses the rewrite leaves it unbound until the next read; the secret is still this cluster's now.
      await this.bind(key, stored.secret, origin).catch(() => undefined);
      return { secret: stored.secret, origin };
    }
    return stored.origin === origin ? { secret: stored.secret, origin: stored.origin } : undefined;
  }

  /**
   * Binds every secret stored before binding existed to the cluster its
   * profile names in config.toml now: run when a version with binding first
   * reads config.toml, so that a later edit cannot carry them elsewhere.
   * A profile named twice, or naming no cluster, leaves its secrets unbound.
   */
  async bindUnbound(configPath: string, profiles: readonly Profile[]): Promise<void> {
    for (const [key, bound] of Object.entries(this.index())) {
      const [path, name] = keyParts(key);
      if (bound !== '' || path !== configPath) continue;
      const named = profiles.filter((p) => p.name === name);
      const origin = named.length === 1 ? profileOriginKey(named[0]) : undefined;
      if (!origin) continue;
      const value = await this.secrets.get(key);
      const stored = value === undefined ? undefined : decode(value);
      if (stored && stored.origin === undefined) await this.bind(key, stored.secret, origin).catch(() => undefined);
    }
  }

  async delete(configPath: string, profileName: string, tokenId: string): Promise<void> {
    const key = TokenSecretStore.key(configPath, profileName, tokenId);
    await this.secrets.delete(key);
    if (await this.updateIndex(key, undefined)) this.changed.fire();
  }

  /** The IDs of the profile's secrets bound to other clusters than the one it names now (none when it names none). */
  private idsBoundElsewhere(configPath: string, profile: Profile): { origin?: string; ids: string[] } {
    const origin = profileOriginKey(profile);
    if (!origin) return { ids: [] };
    const ids = [...this.entries(configPath, profile.name)].filter(([, bound]) => bound !== '' && bound !== origin).map(([id]) => id);
    return { origin, ids };
  }

  /** Deletes the profile's secrets bound to other clusters than the one it names now. */
  async forgetBoundElsewhere(configPath: string, profile: Profile): Promise<number> {
    const { ids } = this.idsBoundElsewhere(configPath, profile);
    for (const id of ids) await this.delete(configPath, profile.name, id);
    return ids.length;
  }

  /** Binds the profile's secrets bound to other clusters to the one it names now (after the user confirmed it). */
  async rebind(configPath: string, profile: Profile): Promise<number> {
    const { origin, ids } = this.idsBoundElsewhere(configPath, profile);
    let count = 0;
    for (const id of ids) {
      const key = TokenSecretStore.key(configPath, profile.name, id);
      const value = await this.secrets.get(key);
      if (value === undefined || origin === undefined) continue;
      await this.bind(key, decode(value).secret, origin);
      count++;
    }
    return count;
  }

  private async bind(key: string, secret: string, origin: string): Promise<void> {
    try {
      await this.secrets.store(key, encode(secret, origin));
    } catch (err) {
      throw new SecretStorageError(vscode.l10n.t('VS Code could not store the secret: {0}', (err as Error).message ?? String(err)));
    }
    if (await this.updateIndex(key, origin)) this.changed.fire();
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
