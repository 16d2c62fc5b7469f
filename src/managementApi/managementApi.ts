import type * as vscode from 'vscode';
import type { CreateDatabaseTokenBody, CreatedDatabaseToken, Database, DatabaseToken, Profile, UpdateDatabaseTokenBody, VerifyResult } from '../core';
import type { Log } from '../ui/log';
import type { SettingsModel } from '../state/settings';

/** The HTTP client is a separate bundle (dist/http.js), loaded on the first call only: it is large. */
function httpBundle(): typeof import('./httpEntry') {
  return require('./http.js');
}

/**
 * The Management HTTP API as the VS Code layer calls it: settings applied,
 * secrets remembered for redaction, one keep-alive pool per origin shared by
 * every call (created with the HTTP bundle, on the first call).
 */
export class ManagementApi implements vscode.Disposable {
  private pools: ReturnType<ReturnType<typeof httpBundle>['createManagementApiPools']> | undefined;

  constructor(private readonly deps: { settings: SettingsModel; log: Log }) {}

  private client(profile: Profile, managementToken: string) {
    this.deps.log.rememberSecret(managementToken);
    const bundle = httpBundle();
    this.pools ??= bundle.createManagementApiPools();
    return bundle.databaseTokensClient(profile, managementToken, {
      timeoutSeconds: this.deps.settings.current.timeoutSeconds,
      consoleBaseUrl: process.env.INFLUXDB_TOKENS_CONSOLE_URL || undefined,
      pools: this.pools,
    });
  }

  /** `GET …/tokens`: the cluster's database tokens. */
  listDatabaseTokens(profile: Profile, managementToken: string, signal?: AbortSignal): Promise<DatabaseToken[]> {
    return this.client(profile, managementToken).listDatabaseTokens(signal);
  }

  /** `GET …/databases`: for the permission picker. */
  listDatabases(profile: Profile, managementToken: string, signal?: AbortSignal): Promise<Database[]> {
    return this.client(profile, managementToken).listDatabases(signal);
  }

  /** `POST …/tokens`: the answer holds the new token's secret, the only time it is shown. */
  async createDatabaseToken(profile: Profile, managementToken: string, body: CreateDatabaseTokenBody, signal?: AbortSignal): Promise<CreatedDatabaseToken> {
    const created = await this.client(profile, managementToken).createDatabaseToken(body, signal);
    this.deps.log.rememberSecret(created.accessToken);
    return created;
  }

  /** `PATCH …/tokens/{id}`: the permission list given replaces the whole list. */
  updateDatabaseToken(profile: Profile, managementToken: string, id: string, body: UpdateDatabaseTokenBody, signal?: AbortSignal): Promise<DatabaseToken> {
    return this.client(profile, managementToken).updateDatabaseToken(id, body, signal);
  }

  /** `DELETE …/tokens/{id}`. */
  revokeDatabaseToken(profile: Profile, managementToken: string, id: string, signal?: AbortSignal): Promise<void> {
    return this.client(profile, managementToken).revokeDatabaseToken(id, signal);
  }

  dispose(): void {
    void this.pools?.close();
  }

  /** Calls the Management API with a token: the proof that it works. */
  testToken(profile: Profile, token: string, signal?: AbortSignal): Promise<VerifyResult> {
    this.deps.log.rememberSecret(token);
    return httpBundle().verify(profile, token, {
      timeoutSeconds: this.deps.settings.current.timeoutSeconds,
      signal,
      // Tests and the demo point Cloud Dedicated at a local stand-in.
      consoleBaseUrl: process.env.INFLUXDB_TOKENS_CONSOLE_URL || undefined,
    });
  }
}
