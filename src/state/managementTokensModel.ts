import * as vscode from 'vscode';
import { ConcurrencyLimiter, findExecutable, InfluxctlClient, type ManagementToken, type Profile, type RevokeResult } from '../core';
import type { Log } from '../base/log';
import { shownProfiles, type ConfigFileModel } from './configFileModel';
import { ProfileListCache } from './profileListCache';
import type { SettingsModel } from './settings';
import type { TokenSecretStore } from './tokenSecretStore';

export type TokenLoad =
  | { kind: 'ok'; tokens: ManagementToken[]; loadedAt: Date }
  | { kind: 'error'; error: Error };

/** Which profile's tokens changed (undefined: all), and whether a list finished or the cache was dropped. */
export interface TokensChange {
  profileName?: string;
  kind: 'loaded' | 'invalidated';
}

/** Profile lists run at once, up to this many: enough for 8 profiles to load side by side. */
const MAX_CONCURRENT_LISTS = 8;

/**
 * The management tokens of each profile through influxctl: lists on demand,
 * cached, shared by concurrent callers and cancelled on refresh; create and
 * revoke, each of which drops the profile's cached list itself.
 */
export class ManagementTokensModel implements vscode.Disposable {
  private readonly limiter = new ConcurrencyLimiter(MAX_CONCURRENT_LISTS);
  private readonly lists = new ProfileListCache<TokenLoad>(
    (configPath, profile, signal) =>
      this.limiter.run(() => this.client(configPath).listManagementTokens(profile.name, signal)).then(
        (tokens): TokenLoad => ({ kind: 'ok', tokens, loadedAt: new Date() }),
        (error: Error): TokenLoad => {
          this.log.error(`Listing tokens of profile "${profile.name}" failed: ${error.message}`);
          return { kind: 'error', error };
        },
      ),
    (profileName) => this.changed.fire({ profileName, kind: 'loaded' }),
  );
  private readonly changed = new vscode.EventEmitter<TokensChange>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];
  private executable: Promise<string | undefined> | undefined;

  constructor(
    private readonly settings: SettingsModel,
    config: ConfigFileModel,
    private readonly secrets: TokenSecretStore,
    private readonly log: Log,
  ) {
    this.subscriptions = [
      settings.onDidChange((names) => {
        if (names.has('influxctlPath') || names.has('timeoutSeconds')) this.invalidate();
      }),
      // While config.toml is malformed the view shows the last good profiles with what was listed for them.
      config.onDidChange((state) => this.lists.retain(new Set(shownProfiles(state).map((p) => p.name)))),
    ];
  }

  private client(configPath: string): InfluxctlClient {
    const s = this.settings.current;
    return new InfluxctlClient({
      executable: s.influxctlPath,
      configPath,
      timeoutSeconds: s.timeoutSeconds,
      log: (line) => this.log.info(line),
      knownSecrets: () => this.log.knownSecrets(),
    });
  }

  /**
   * The executable influxctl resolves to, or undefined when it cannot be run;
   * looked up once until everything is invalidated (Refresh, a new setting).
   */
  influxctlExecutable(): Promise<string | undefined> {
    return (this.executable ??= findExecutable(this.settings.current.influxctlPath, process.env));
  }

  /** What is known now, without starting a list. */
  peek(configPath: string, profile: Profile): TokenLoad | undefined {
    return this.lists.peek(configPath, profile);
  }

  load(configPath: string, profile: Profile): Promise<TokenLoad> {
    return this.lists.load(configPath, profile);
  }

  /** `influxctl management create`; the profile's list is dropped whatever happens. */
  async create(configPath: string, profileName: string, options: { description: string; expiresAt?: Date }, signal?: AbortSignal): Promise<{ secret: string; id?: string }> {
    try {
      return await this.client(configPath).createManagementToken(profileName, options, signal);
    } finally {
      this.invalidate(profileName);
    }
  }

  /**
   * `influxctl management revoke` of some tokens of one profile. What counts is
   * what the cluster says afterwards, not the exit code alone: on a failure the
   * tokens are listed again, and a token whose state is unknown counts as not
   * revoked. Stored secrets of revoked tokens are deleted.
   */
  async revoke(configPath: string, profileName: string, ids: string[], signal?: AbortSignal): Promise<RevokeResult> {
    const client = this.client(configPath);
    let error: Error | undefined;
    const revokedNow = new Set<string>();
    try {
      await client.revokeManagementTokens(profileName, ids, signal);
      ids.forEach((id) => revokedNow.add(id));
    } catch (err) {
      error = err as Error;
      this.log.error(`Revoking in profile "${profileName}" failed: ${error.message}`);
      try {
        for (const t of await client.listManagementTokens(profileName, signal)) if (ids.includes(t.id) && t.revokedAt) revokedNow.add(t.id);
      } catch {
        // Unknown: report them as not revoked rather than claim success.
      }
    } finally {
      this.invalidate(profileName);
    }
    const why = error ?? new Error(vscode.l10n.t('it is not shown revoked'));
    const result: RevokeResult = { revoked: ids.filter((id) => revokedNow.has(id)), failed: ids.filter((id) => !revokedNow.has(id)).map((id) => ({ id, error: why })) };
    for (const id of result.revoked) {
      // A keyring that refuses is logged; it must not hide that the tokens are revoked.
      await this.secrets.delete(configPath, profileName, id).catch((err: Error) => this.log.warn(`The stored secret of revoked token ${id} could not be deleted: ${err.message}`));
    }
    return result;
  }

  /** Forgets (and cancels) the tokens of one profile or all; the next load lists again. */
  invalidate(profileName?: string): void {
    if (profileName === undefined) this.executable = undefined;
    this.lists.drop(profileName);
    this.changed.fire({ profileName, kind: 'invalidated' });
  }

  dispose(): void {
    this.lists.drop();
    this.subscriptions.forEach((d) => d.dispose());
    this.changed.dispose();
  }
}
