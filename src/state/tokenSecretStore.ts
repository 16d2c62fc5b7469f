import * as vscode from 'vscode';

/** A SecretStorageError, by name rather than instanceof: commands loaded on first use have their own copy of the class. */
export function isSecretStorageError(err: unknown): err is SecretStorageError {
  return err instanceof Error && err.name === 'SecretStorageError';
}

/** SecretStorage refused a secret; on Linux usually because no keyring is available. */
export class SecretStorageError extends Error {
  override name = 'SecretStorageError';
}

const INDEX_KEY = 'influxdbTokens.storedSecretKeys';
const DATABASE_PREFIX = 'database:';

/** The ID a database token's secret is stored under, apart from management tokens' IDs. */
export function databaseSecretId(tokenId: string): string {
  return `${DATABASE_PREFIX}${tokenId}`;
}

/**
 * Management token secrets in VS Code's SecretStorage, one per token, under a
 * key naming the config file, profile and token ID. An index of those keys (no
 * secrets) in globalState lets the tree mark rows without reading every secret.
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
      if (!e.key.startsWith('influxdbTokens:')) return;
      const present = (await this.secrets.get(e.key)) !== undefined;
      if (await this.updateIndex(e.key, present)) this.changed.fire();
    });
  }

  static key(configPath: string, profile: string, tokenId: string): string {
    return `influxdbTokens:${JSON.stringify([configPath, profile, tokenId])}`;
  }

  private index(): string[] {
    return this.state.get<string[]>(INDEX_KEY, []);
  }

  /** Adds or removes a key of the index; false when it was already so. */
  private async updateIndex(key: string, present: boolean): Promise<boolean> {
    const keys = new Set(this.index());
    if (present === keys.has(key)) return false;
    if (present) keys.add(key);
    else keys.delete(key);
    await this.state.update(INDEX_KEY, [...keys]);
    return true;
  }

  has(configPath: string, profile: string, tokenId: string): boolean {
    return this.index().includes(TokenSecretStore.key(configPath, profile, tokenId));
  }

  /** Token IDs of a profile whose secrets are stored: of management tokens, or (kind 'database') of database tokens. */
  storedIds(configPath: string, profile: string, kind: 'management' | 'database' = 'management'): Set<string> {
    const prefix = TokenSecretStore.key(configPath, profile, '').slice(0, -3);
    const ids = new Set<string>();
    for (const key of this.index()) {
      if (!key.startsWith(prefix)) continue;
      const id = (JSON.parse(key.slice('influxdbTokens:'.length)) as string[])[2];
      const isDatabase = id.startsWith(DATABASE_PREFIX);
      if (kind === 'database' && isDatabase) ids.add(id.slice(DATABASE_PREFIX.length));
      if (kind === 'management' && !isDatabase) ids.add(id);
    }
    return ids;
  }

  async store(configPath: string, profile: string, tokenId: string, secret: string): Promise<void> {
    const key = TokenSecretStore.key(configPath, profile, tokenId);
    try {
      await this.secrets.store(key, secret);
    } catch (err) {
      throw new SecretStorageError(`VS Code could not store the secret: ${(err as Error).message ?? String(err)}`);
    }
    if (await this.updateIndex(key, true)) this.changed.fire();
  }

  async get(configPath: string, profile: string, tokenId: string): Promise<string | undefined> {
    return this.secrets.get(TokenSecretStore.key(configPath, profile, tokenId));
  }

  async delete(configPath: string, profile: string, tokenId: string): Promise<void> {
    const key = TokenSecretStore.key(configPath, profile, tokenId);
    await this.secrets.delete(key);
    if (await this.updateIndex(key, false)) this.changed.fire();
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
