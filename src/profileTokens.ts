import * as vscode from 'vscode';
import { ConcurrencyLimiter, findExecutable, InfluxctlClient, type ManagementToken, type Profile } from './core';
import type { Log } from './log';
import { readSettings } from './settings';

export type TokenLoad =
  | { kind: 'ok'; tokens: ManagementToken[]; loadedAt: Date }
  | { kind: 'error'; error: Error };

/** Profile lists run at once, up to this many: enough for 8 profiles to load side by side. */
const MAX_CONCURRENT_LISTS = 8;

interface Entry {
  /** The profile's connection fields when loaded: a change means a new list. */
  fingerprint: string;
  promise: Promise<TokenLoad>;
  abort: AbortController;
  result?: TokenLoad;
}

function fingerprint(configPath: string, p: Profile): string {
  return JSON.stringify([configPath, p.name, p.product, p.host, p.port, p.accountId, p.clusterId, p.mgmtToken ?? '', p.tls]);
}

/**
 * The management tokens of each profile, listed through influxctl on demand,
 * cached, shared by concurrent callers and cancelled on refresh.
 */
export class ProfileTokens implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly limiter = new ConcurrencyLimiter(MAX_CONCURRENT_LISTS);
  private readonly changed = new vscode.EventEmitter<string | undefined>();
  /** Fires with a profile name when its tokens changed, or undefined for all. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: Log) {}

  client(configPath: string): InfluxctlClient {
    const s = readSettings();
    return new InfluxctlClient({
      executable: s.influxctlPath,
      configPath,
      timeoutSeconds: s.timeoutSeconds,
      log: (line) => this.log.info(line),
      knownSecrets: () => this.log.knownSecrets(),
    });
  }

  /** The executable influxctl resolves to, or undefined when it cannot be run. */
  async influxctlExecutable(): Promise<string | undefined> {
    return findExecutable(readSettings().influxctlPath, process.env);
  }

  /** What is known now, without starting a list. */
  peek(configPath: string, profile: Profile): TokenLoad | undefined {
    const e = this.entries.get(profile.name);
    return e && e.fingerprint === fingerprint(configPath, profile) ? e.result : undefined;
  }

  load(configPath: string, profile: Profile): Promise<TokenLoad> {
    const fp = fingerprint(configPath, profile);
    const existing = this.entries.get(profile.name);
    if (existing && existing.fingerprint === fp) return existing.promise;
    existing?.abort.abort();
    const abort = new AbortController();
    const entry: Entry = { fingerprint: fp, abort, promise: Promise.resolve({ kind: 'error', error: new Error('not loaded') }) };
    entry.promise = this.limiter
      .run(() => this.client(configPath).listManagementTokens(profile.name, abort.signal))
      .then(
        (tokens): TokenLoad => ({ kind: 'ok', tokens, loadedAt: new Date() }),
        (error: Error): TokenLoad => {
          this.log.error(`Listing tokens of profile "${profile.name}" failed: ${error.message}`);
          return { kind: 'error', error };
        },
      )
      .then((result) => {
        entry.result = result;
        return result;
      });
    this.entries.set(profile.name, entry);
    return entry.promise;
  }

  /** Forgets (and cancels) the tokens of one profile or all; the next load lists again. */
  invalidate(profileName?: string): void {
    const names = profileName === undefined ? [...this.entries.keys()] : [profileName];
    for (const name of names) {
      this.entries.get(name)?.abort.abort();
      this.entries.delete(name);
    }
    this.changed.fire(profileName);
  }

  /** Drops entries of profiles that are gone from the config. */
  retain(names: Set<string>): void {
    for (const [name, e] of this.entries) {
      if (!names.has(name)) {
        e.abort.abort();
        this.entries.delete(name);
      }
    }
  }

  dispose(): void {
    for (const e of this.entries.values()) e.abort.abort();
    this.entries.clear();
    this.changed.dispose();
  }
}
