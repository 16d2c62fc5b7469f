import * as vscode from 'vscode';
import { isManagementApiError, profileOriginKey, type ManagementApiOperation, type TlsConsent, type CreateDatabaseTokenBody, type CreatedDatabaseToken, type Database, type DatabaseToken, type Profile, type UpdateDatabaseTokenBody, type ManagementTokenTestResult } from '../core';
import type { Log } from '../base/log';

/** The HTTP client is a separate bundle (dist/http.js), loaded on the first call only: it is large. */
function httpBundle(): typeof import('./httpEntry') {
  return require('./http.js');
}

/** A management token and the cluster (origin key) it belongs to: it is sent there and nowhere else. */
export interface ClusterSecret {
  secret: string;
  origin: string | undefined;
}

/** A secret was about to go to another cluster than the one it belongs to: nothing was sent. */
export class OtherClusterError extends Error {
  override name = 'OtherClusterError';
}

/** Tests and the demo point Cloud Dedicated at a local stand-in; a release build has no such switch. */
function consoleBaseUrl(): string | undefined {
  return TEST_SWITCHES ? process.env.INFLUXDB_TOKENS_CONSOLE_URL || undefined : undefined;
}

/**
 * The last gate before a request: the profile must name the cluster the
 * secret belongs to (as it was stored, or for a config.toml token as its own
 * profile names it). A profile naming no cluster is refused by the client
 * itself, as misconfigured, before anything is sent. Thrown inside the async
 * methods below, so it always arrives as a rejection.
 */
function checkCluster(profile: Profile, auth: ClusterSecret): void {
  const now = profileOriginKey(profile);
  if (now !== undefined && now !== auth.origin) {
    throw new OtherClusterError(vscode.l10n.t('The management token belongs to another cluster than the one profile "{0}" names now; nothing was sent.', profile.name));
  }
}

/**
 * The Management HTTP API as the VS Code layer calls it: settings applied,
 * secrets remembered for redaction, one keep-alive pool per origin shared by
 * every call (created with the HTTP bundle, on the first call).
 */
export class ManagementApi implements vscode.Disposable {
  private pools: ReturnType<ReturnType<typeof httpBundle>['createManagementApiPools']> | undefined;

  constructor(
    private readonly deps: {
      /** The settings in force (state/settings.ts). */
      settings: { readonly current: { readonly timeoutSeconds: number } };
      log: Log;
      /** What the person agreed to for a profile's TLS (state/tlsConsents.ts). */
      consents: { of(profile: Profile): TlsConsent };
    },
  ) {}

  private client(profile: Profile, auth: ClusterSecret) {
    this.deps.log.rememberSecret(auth.secret);
    checkCluster(profile, auth);
    const bundle = httpBundle();
    this.pools ??= bundle.createManagementApiPools();
    return bundle.databaseTokensClient(profile, auth.secret, {
      timeoutSeconds: this.deps.settings.current.timeoutSeconds,
      consoleBaseUrl: consoleBaseUrl(),
      tlsConsent: this.deps.consents.of(profile),
      pools: this.pools,
    });
  }

  /** `GET …/tokens`: the cluster's database tokens. */
  async listDatabaseTokens(profile: Profile, auth: ClusterSecret, signal?: AbortSignal): Promise<DatabaseToken[]> {
    return this.client(profile, auth).listDatabaseTokens(signal);
  }

  /** `GET …/databases`: for the permission picker. */
  async listDatabases(profile: Profile, auth: ClusterSecret, signal?: AbortSignal): Promise<Database[]> {
    return this.client(profile, auth).listDatabases(signal);
  }

  /** `POST …/tokens`: the answer holds the new token's secret, the only time it is shown. */
  async createDatabaseToken(profile: Profile, auth: ClusterSecret, body: CreateDatabaseTokenBody, signal?: AbortSignal): Promise<CreatedDatabaseToken> {
    const created = await this.client(profile, auth).createDatabaseToken(body, signal);
    this.deps.log.rememberSecret(created.accessToken);
    return created;
  }

  /** `PATCH …/tokens/{id}`: the permission list given replaces the whole list. */
  async updateDatabaseToken(profile: Profile, auth: ClusterSecret, id: string, body: UpdateDatabaseTokenBody, signal?: AbortSignal): Promise<DatabaseToken> {
    return this.client(profile, auth).updateDatabaseToken(id, body, signal);
  }

  /** `DELETE …/tokens/{id}`. */
  async revokeDatabaseToken(profile: Profile, auth: ClusterSecret, id: string, signal?: AbortSignal): Promise<void> {
    return this.client(profile, auth).revokeDatabaseToken(id, signal);
  }

  dispose(): void {
    void this.pools?.close();
  }

  /** A failed call in one sentence with its next step (from the HTTP bundle, which the call loaded). */
  describeFailure(profile: Profile, operation: ManagementApiOperation, err: unknown): string {
    if (!isManagementApiError(err)) return (err as Error).message ?? String(err);
    return httpBundle().describeManagementApiFailure({ profileName: profile.name, product: profile.product, operation }, err.failure);
  }

  /** Calls the Management API with a token: the proof that it works. */
  async testManagementToken(profile: Profile, auth: ClusterSecret, signal?: AbortSignal): Promise<ManagementTokenTestResult> {
    this.deps.log.rememberSecret(auth.secret);
    checkCluster(profile, auth);
    return httpBundle().testManagementToken(profile, auth.secret, {
      timeoutSeconds: this.deps.settings.current.timeoutSeconds,
      signal,
      consoleBaseUrl: consoleBaseUrl(),
      tlsConsent: this.deps.consents.of(profile),
    });
  }
}
