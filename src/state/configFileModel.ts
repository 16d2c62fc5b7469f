import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { ConfigEncodingError, ConfigError, decodeConfig, isUtf16, parseProfiles, resolveConfigPath, type ConfigEncoding, type Profile, type ProfileStringKey } from '../core';
import type { Log } from '../base/log';
import { editConfig, removeStaleTemporaryFiles, writeAtomically, writeProfileStrings, type WriteResult } from './configFileWriter';
import type { SettingsModel } from './settings';

export type ConfigState =
  | { kind: 'missing'; path: string }
  | { kind: 'unreadable'; path: string; error: Error }
  /** `lastGood`: the profiles of the file when it last parsed, shown (inert) until it is fixed. */
  | { kind: 'malformed'; path: string; error: ConfigError; lastGood?: Profile[] }
  /** `duplicated`: names of more than one profile; such profiles are inert for everything that uses a secret. */
  | { kind: 'ok'; path: string; text: string; profiles: Profile[]; duplicated: ReadonlySet<string> };

/** Why a row's profile is not one the extension may act on now. */
export type ProfileLookupProblem = 'noConfig' | 'otherConfig' | 'missing' | 'duplicated';

/** Names given to more than one `[[profile]]`. */
function duplicatedNames(profiles: readonly Profile[]): Set<string> {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const p of profiles) (seen.has(p.name) ? twice : seen).add(p.name);
  return twice;
}

/**
 * The profile named `name` of `configPath` as config.toml says now: what a
 * command given a row acts on, never the row's own copy (any extension can
 * pass a forged row to a command).
 */
export function lookUpProfile(state: ConfigState, configPath: string, name: string): { profile: Profile } | { problem: ProfileLookupProblem } {
  if (state.kind !== 'ok') return { problem: 'noConfig' };
  if (state.path !== configPath) return { problem: 'otherConfig' };
  if (state.duplicated.has(name)) return { problem: 'duplicated' };
  const found = state.profiles.find((p) => p.name === name);
  return found ? { profile: found } : { problem: 'missing' };
}

/**
 * influxctl's config.toml: where it is, what it holds, change events when it
 * is edited anywhere (it usually lives outside the workspace) or the setting
 * changes, and the extension's own writes, each followed by a fresh read. An
 * unchanged text is not parsed again.
 */
export class ConfigFileModel implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ConfigState>();
  readonly onDidChange = this.changed.event;
  private current: ConfigState | undefined;
  private watcher: vscode.FileSystemWatcher | undefined;
  private debounce: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(
    private readonly settings: SettingsModel,
    private readonly log: Log,
  ) {
    this.disposables.push(
      settings.onDidChange((names) => {
        if (names.has('configPath')) void this.reload();
      }),
      vscode.workspace.onDidSaveTextDocument((doc) => {
        if (doc.uri.scheme === 'file' && doc.uri.fsPath === this.path) this.scheduleReload();
      }),
    );
  }

  get path(): string {
    return this.current?.path ?? this.configuredPath();
  }

  /** Where the settings (or influxctl's default) say the file is. */
  private configuredPath(): string {
    return resolveConfigPath(this.settings.current.configPath, { platform: process.platform, env: process.env, homedir: os.homedir() });
  }

  /** The current state, read on first use. */
  async state(): Promise<ConfigState> {
    return this.current ?? this.reload();
  }

  scheduleReload(delayMs = 200): void {
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => void this.reload(), delayMs);
  }

  async reload(): Promise<ConfigState> {
    const file = this.configuredPath();
    if (this.watch(file)) await this.removeLeftovers(file);
    const previous = this.current;
    const next = await this.read(file);
    if (previous && previous.path === next.path && sameContent(previous, next)) return previous;
    if (next.kind === 'malformed') next.lastGood = lastGoodProfiles(previous, file);
    this.current = next;
    if (next.kind === 'malformed') this.log.warn(`${file}: ${next.error.message}`);
    if (next.kind === 'ok') {
      for (const p of next.profiles) for (const secret of [p.mgmtToken, p.token]) if (secret) this.log.rememberSecret(secret);
      this.log.info(`${file}: ${next.profiles.length} profile(s)`);
    }
    if (previous) this.changed.fire(next);
    return next;
  }

  /**
   * Sets string keys (`mgmt_token`, `token`, `database`) of one profile of
   * `file`, one line each and nothing else (see configFileWriter), then reads
   * the file again, whatever happened. With `origin` (a stored secret's
   * cluster), nothing is written unless the profile still names that cluster.
   */
  async setProfileStrings(file: string, profileName: string, entries: [ProfileStringKey, string][], origin?: string): Promise<WriteResult> {
    try {
      return await writeProfileStrings(file, profileName, entries, origin);
    } finally {
      await this.reload();
    }
  }

  /** Edits `file` by `change` (core returns the new text), in an open editor or on disk (see editConfig), then reads it again. */
  async edit(file: string, change: (text: string) => string): Promise<WriteResult> {
    try {
      return await editConfig(file, change);
    } finally {
      await this.reload();
    }
  }

  /** Rewrites `file` on disk atomically (in its own encoding, or `encoding`), then reads it again. */
  async rewrite(file: string, transform: (text: string) => string, encoding?: ConfigEncoding): Promise<void> {
    try {
      await writeAtomically(file, transform, encoding);
    } finally {
      await this.reload();
    }
  }

  /** Creates the file with `text` unless it exists (never overwritten), then reads it; whether it was created. */
  async create(text: string): Promise<boolean> {
    const file = this.path;
    try {
      await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      // 'wx': never overwrite a file that appeared meanwhile.
      await fs.writeFile(file, text, { flag: 'wx', mode: 0o600 });
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw err;
    } finally {
      await this.reload();
    }
  }

  private async read(file: string): Promise<ConfigState> {
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(file);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      if (e.code === 'ENOENT') return { kind: 'missing', path: file };
      const why = e.code === 'EISDIR' ? new Error(vscode.l10n.t('{0} is a folder, not a file.', file)) : e;
      return { kind: 'unreadable', path: file, error: why };
    }
    let decoded: { text: string; encoding: ConfigEncoding };
    try {
      decoded = decodeConfig(bytes);
    } catch (err) {
      if (err instanceof ConfigEncodingError) return { kind: 'malformed', path: file, error: new ConfigError({ code: 'encoding', encoding: err.encoding, undecodable: true }, 1, 1) };
      throw err;
    }
    const { text, encoding } = decoded;
    // influxctl cannot read it at all: say so rather than list profiles it cannot use.
    if (isUtf16(encoding)) return { kind: 'malformed', path: file, error: new ConfigError({ code: 'encoding', encoding, undecodable: false }, 1, 1) };
    if (this.current?.kind === 'ok' && this.current.path === file && this.current.text === text) return this.current;
    try {
      const profiles = parseProfiles(text);
      return { kind: 'ok', path: file, text, profiles, duplicated: duplicatedNames(profiles) };
    } catch (err) {
      if (err instanceof ConfigError) return { kind: 'malformed', path: file, error: err };
      throw err;
    }
  }

  /** A crash in the middle of a write can leave a temporary copy beside the file, maybe with a secret: removed when the file is first read. */
  private async removeLeftovers(file: string): Promise<void> {
    const target = await fs.realpath(file).catch(() => file);
    for (const name of await removeStaleTemporaryFiles(target)) this.log.warn(`Removed ${name}, left beside ${target} by a write that did not finish`);
  }

  /** Watches `file`; true when it was not watched before. */
  private watch(file: string): boolean {
    if (this.watcher && this.current?.path === file) return false;
    this.watcher?.dispose();
    const pattern = new vscode.RelativePattern(vscode.Uri.file(path.dirname(file)), path.basename(file));
    this.watcher = vscode.workspace.createFileSystemWatcher(pattern);
    const onEvent = () => this.scheduleReload();
    this.watcher.onDidChange(onEvent);
    this.watcher.onDidCreate(onEvent);
    this.watcher.onDidDelete(onEvent);
    return true;
  }

  dispose(): void {
    clearTimeout(this.debounce);
    this.watcher?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/** The profiles `file` had when it last parsed, as `previous` knows them. */
function lastGoodProfiles(previous: ConfigState | undefined, file: string): Profile[] | undefined {
  if (previous?.path !== file) return undefined;
  if (previous.kind === 'ok') return previous.profiles;
  return previous.kind === 'malformed' ? previous.lastGood : undefined;
}

/** The profiles the view shows for `state`: its own, or while it is malformed, the last good ones. */
export function shownProfiles(state: ConfigState): Profile[] {
  if (state.kind === 'ok') return state.profiles;
  return state.kind === 'malformed' ? (state.lastGood ?? []) : [];
}

function sameContent(a: ConfigState, b: ConfigState): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'ok' && b.kind === 'ok') return a.text === b.text;
  if (a.kind === 'malformed' && b.kind === 'malformed') return a.error.message === b.error.message;
  return a.kind === 'missing';
}
