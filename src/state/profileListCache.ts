import type { Profile } from '../core';

interface Entry<T> {
  /** The profile's connection fields when listed: a change means a new list. */
  fingerprint: string;
  promise: Promise<T>;
  abort: AbortController;
  result?: T;
}

/** What makes two lists of a profile the same list: where the file is and how the profile connects. */
function fingerprint(configPath: string, p: Profile): string {
  return JSON.stringify([configPath, p.name, p.product, p.host, p.port, p.accountId, p.clusterId, p.mgmtToken ?? '', p.tls]);
}

/** Stops a list still running; a finished one has nothing to stop (and an abort costs an exception's stack). */
function cancel(entry: Entry<unknown>): void {
  if (entry.result === undefined) entry.abort.abort();
}

/**
 * One list per profile, made on demand and shared by concurrent callers until
 * dropped; a new list cancels the one it replaces. `list` never rejects: it
 * returns its failure as a result. `settled` hears of each list that finished
 * while still current.
 */
export class ProfileListCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly list: (configPath: string, profile: Profile, signal: AbortSignal) => Promise<T>,
    private readonly settled: (profileName: string) => void,
  ) {}

  /** What is known now, without starting a list. */
  peek(configPath: string, profile: Profile): T | undefined {
    const e = this.entries.get(profile.name);
    return e && e.fingerprint === fingerprint(configPath, profile) ? e.result : undefined;
  }

  load(configPath: string, profile: Profile): Promise<T> {
    const fp = fingerprint(configPath, profile);
    const existing = this.entries.get(profile.name);
    if (existing && existing.fingerprint === fp) return existing.promise;
    if (existing) cancel(existing);
    const abort = new AbortController();
    const entry = { fingerprint: fp, abort } as Entry<T>;
    entry.promise = this.list(configPath, profile, abort.signal).then((result) => {
      entry.result = result;
      if (this.entries.get(profile.name) === entry) this.settled(profile.name);
      return result;
    });
    this.entries.set(profile.name, entry);
    return entry.promise;
  }

  /** Whether the profile's list is done with a result that passes `test`. */
  has(profileName: string, test: (result: T) => boolean): boolean {
    const result = this.entries.get(profileName)?.result;
    return result !== undefined && test(result);
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  /** Forgets (and cancels) the list of one profile, or of all. */
  drop(profileName?: string): void {
    for (const name of profileName === undefined ? [...this.entries.keys()] : [profileName]) {
      const entry = this.entries.get(name);
      if (entry) cancel(entry);
      this.entries.delete(name);
    }
  }

  /** Drops the lists of profiles not in `names`. */
  retain(names: Set<string>): void {
    for (const name of [...this.entries.keys()]) if (!names.has(name)) this.drop(name);
  }
}
