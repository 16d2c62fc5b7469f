import * as vscode from 'vscode';
import { ConcurrencyLimiter, containsCandidate, enabledGlobs, findTokens, fingerprintSecret, LineIndex, looksBinary, tokenCandidateStrings, type FoundToken } from '../core';
import type { Log } from '../base/log';
import type { SettingsModel } from '../state/settings';
import { bundledRipgrep, NodeFinder, RipgrepFinder, type CandidateFinder } from './candidateFiles';
import type { FoundTokenIndex } from './foundTokenIndex';
import { GitTracking } from './gitTracking';

/** Files larger than this are not read: a token sits in configuration and source, not in dumps. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
const READ_CONCURRENCY = 8;
/** The diagnostics' source and code, shared with the diagnostics of open documents. */
export const DIAGNOSTIC_SOURCE = 'InfluxDB Tokens';
export const DIAGNOSTIC_CODE = 'token-in-file';

/** A token found in a file: where, what kind, and its secret's fingerprint (never the secret). */
export interface FileFinding {
  kind: FoundToken['kind'];
  range: vscode.Range;
  fingerprint: string;
}

export type ScanOutcome =
  | { kind: 'done'; tokens: number; files: number; skipped: number; searcher: CandidateFinder['name'] }
  /** Cancelled: nothing of it was published. */
  | { kind: 'cancelled' };

type FileRead = { kind: 'found'; findings: FileFinding[] } | { kind: 'skipped' } | { kind: 'none' };

/** A file's text: its bytes, unless binary, too large or unreadable. */
async function readFile(uri: vscode.Uri, candidates: readonly string[]): Promise<FileRead> {
  let bytes: Uint8Array;
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.type & vscode.FileType.Directory) return { kind: 'none' };
    if (stat.size > MAX_FILE_BYTES) return { kind: 'skipped' };
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch {
    // Gone or unreadable since it was listed.
    return { kind: 'none' };
  }
  if (!containsCandidate(bytes, candidates)) return { kind: 'none' };
  if (looksBinary(bytes)) return { kind: 'skipped' };
  // The decoder drops a byte order mark, as the editor does: offsets match the document's.
  const text = new TextDecoder('utf-8').decode(bytes);
  const found = findTokens(text);
  if (found.length === 0) return { kind: 'none' };
  const lines = new LineIndex(text);
  const position = (offset: number): vscode.Position => {
    const { line, column } = lines.position(offset);
    return new vscode.Position(line, column);
  };
  return { kind: 'found', findings: found.map((t) => ({ kind: t.kind, range: new vscode.Range(position(t.start), position(t.end)), fingerprint: fingerprintSecret(t.secret) })) };
}

/** The diagnostic of a finding; its message names the kind of token, never the secret. */
function diagnosticOf(finding: FileFinding, tracked: boolean): vscode.Diagnostic {
  const database = finding.kind === 'database';
  const message = tracked
    ? database
      ? vscode.l10n.t('InfluxDB database token found in a file tracked by git: rotate it, deleting the line is not enough.')
      : vscode.l10n.t('InfluxDB management token found in a file tracked by git: rotate it, deleting the line is not enough.')
    : database
      ? vscode.l10n.t('InfluxDB database token found in a file.')
      : vscode.l10n.t('InfluxDB management token found in a file.');
  const diagnostic = new vscode.Diagnostic(finding.range, message, vscode.DiagnosticSeverity.Warning);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = DIAGNOSTIC_CODE;
  return diagnostic;
}

export interface WorkspaceScanDeps {
  settings: SettingsModel;
  index: FoundTokenIndex;
  log: Log;
  /** Which files to read; by default VS Code's ripgrep when it ships one, else its file search. */
  finder?: CandidateFinder;
}

/**
 * Finds tokens in the workspace's files: ripgrep (VS Code's own) lists the
 * files holding a candidate string, or without it VS Code's file search lists
 * them all; each is read and findTokens confirms. Results go to the Problems
 * panel and the index (fingerprints only). After the first whole scan, changed
 * files are scanned again as they change.
 */
export class WorkspaceScan implements vscode.Disposable {
  readonly diagnostics = vscode.languages.createDiagnosticCollection('influxdbTokens.workspaceScan');
  private readonly candidates = tokenCandidateStrings();
  private readonly git: GitTracking;
  private finder: CandidateFinder | undefined;
  private watcher: vscode.Disposable | undefined;
  private readonly pending = new Map<string, vscode.Uri>();
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  /** The rescan of changed files under way: rescans run one after another. */
  private rescanning: Promise<void> = Promise.resolve();
  /** What the scan found per file, shown in the Problems panel unless an open editor's diagnostics say it. */
  private readonly published = new Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly deps: WorkspaceScanDeps) {
    this.git = new GitTracking(deps.log);
    this.finder = deps.finder;
    // An open document's findings are the editor diagnostics' (they name the token): one warning per token, not two.
    const reshow = (doc: vscode.TextDocument) => {
      const entry = this.published.get(doc.uri.toString());
      if (entry) this.show(entry.uri, entry.diagnostics);
    };
    this.subscriptions = [vscode.workspace.onDidOpenTextDocument(reshow), vscode.workspace.onDidCloseTextDocument(reshow)];
  }

  /** Whether an open editor's diagnostics show this file's findings instead of the scan. */
  private shownByEditor(uri: vscode.Uri): boolean {
    const key = uri.toString();
    return this.deps.settings.current.findTokensInEditors && vscode.workspace.textDocuments.some((d) => !d.isClosed && d.uri.toString() === key);
  }

  private show(uri: vscode.Uri, diagnostics: vscode.Diagnostic[]): void {
    this.published.set(uri.toString(), { uri, diagnostics });
    this.diagnostics.set(uri, this.shownByEditor(uri) ? [] : diagnostics);
  }

  /** ripgrep when VS Code ships one where it is expected, else VS Code's file search. */
  private candidateFinder(): CandidateFinder {
    if (!this.finder) {
      const rg = vscode.env.appRoot ? bundledRipgrep(vscode.env.appRoot) : undefined;
      this.finder = rg ? new RipgrepFinder(rg, this.deps.log) : new NodeFinder();
      this.deps.log.info(`Finding tokens in files with ${rg ? 'VS Code\'s ripgrep' : 'VS Code\'s file search (no ripgrep found)'}`);
    }
    return this.finder;
  }

  /** The globs a scan leaves out: files.exclude, search.exclude and findTokensExclude. */
  private excludes(folder: vscode.WorkspaceFolder): string[] {
    return [
      ...enabledGlobs(vscode.workspace.getConfiguration('files', folder).get('exclude')),
      ...enabledGlobs(vscode.workspace.getConfiguration('search', folder).get('exclude')),
      ...enabledGlobs(this.deps.settings.current.findTokensExclude),
    ];
  }

  /** Lists and reads the files of the folders (or of `only`, relative to each), without publishing anything. */
  private async scan(
    folders: readonly vscode.WorkspaceFolder[],
    cancel: vscode.CancellationToken,
    only?: ReadonlyMap<vscode.WorkspaceFolder, string[]>,
    onRead?: (files: number) => void,
  ): Promise<{ found: Map<string, { uri: vscode.Uri; findings: FileFinding[] }>; skipped: number } | undefined> {
    const found = new Map<string, { uri: vscode.Uri; findings: FileFinding[] }>();
    let skipped = 0;
    let read = 0;
    const limiter = new ConcurrencyLimiter(READ_CONCURRENCY);
    for (const folder of folders) {
      let finder = this.candidateFinder();
      let uris = await finder.find(folder, { exclude: this.excludes(folder), only: only?.get(folder) }, cancel);
      if (!uris && !cancel.isCancellationRequested && finder.name === 'ripgrep') {
        // ripgrep could not run: the file search, from now on.
        finder = this.finder = new NodeFinder();
        uris = await finder.find(folder, { exclude: this.excludes(folder), only: only?.get(folder) }, cancel);
      }
      if (!uris || cancel.isCancellationRequested) return undefined;
      await Promise.all(
        uris.map((uri) =>
          limiter.run(async () => {
            if (cancel.isCancellationRequested) return;
            const result = await readFile(uri, this.candidates);
            onRead?.(++read);
            if (result.kind === 'skipped') skipped++;
            else if (result.kind === 'found') found.set(uri.toString(), { uri, findings: result.findings });
          }),
        ),
      );
      if (cancel.isCancellationRequested) return undefined;
    }
    return { found, skipped };
  }

  /** The diagnostics of files, saying which ones git tracks. */
  private async diagnosticsOf(files: readonly { uri: vscode.Uri; findings: FileFinding[] }[]): Promise<[vscode.Uri, vscode.Diagnostic[]][]> {
    const tracked = await this.git.tracked(files.map((f) => f.uri));
    return files.map(({ uri, findings }) => [uri, findings.map((f) => diagnosticOf(f, tracked.has(uri.toString())))]);
  }

  /** Scans every workspace folder and, unless cancelled, publishes what it found in place of what was there. */
  async scanWorkspace(cancel: vscode.CancellationToken, onRead?: (files: number) => void): Promise<ScanOutcome> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const result = await this.scan(folders, cancel, undefined, onRead);
    if (!result) return { kind: 'cancelled' };
    const files = [...result.found.values()];
    const diagnostics = await this.diagnosticsOf(files);
    if (cancel.isCancellationRequested) return { kind: 'cancelled' };
    this.diagnostics.clear();
    this.published.clear();
    for (const [uri, list] of diagnostics) this.show(uri, list);
    this.deps.index.replaceAll(new Map(files.map((f) => [f.uri, f.findings])));
    this.watch();
    const tokens = files.reduce((n, f) => n + f.findings.length, 0);
    this.deps.log.info(`Workspace scan: ${tokens} tokens in ${files.length} files, ${result.skipped} files skipped`);
    return { kind: 'done', tokens, files: files.length, skipped: result.skipped, searcher: this.candidateFinder().name };
  }

  /**
   * From the first whole scan on: files created or changed are scanned again,
   * deleted ones forgotten, and the whole workspace again when what a scan
   * leaves out changes (files.exclude, search.exclude, findTokensExclude).
   */
  private watch(): void {
    if (this.watcher) return;
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    const exclusionsChanged = (): void => {
      this.rescanning = this.rescanning
        .then(async () => {
          const never = new vscode.CancellationTokenSource();
          await this.scanWorkspace(never.token);
          never.dispose();
        })
        .catch((err: Error) => this.deps.log.warn(`Scanning the workspace again after its exclusions changed failed: ${err.message}`));
    };
    const changed = (uri: vscode.Uri): void => {
      this.pending.set(uri.toString(), uri);
      if (this.flushTimer) clearTimeout(this.flushTimer);
      this.flushTimer = setTimeout(() => this.flush(), 300);
    };
    this.watcher = vscode.Disposable.from(
      watcher,
      // The extension's own setting once the settings model has re-read it; VS Code's read directly.
      this.deps.settings.onDidChange((names) => names.has('findTokensExclude') && exclusionsChanged()),
      vscode.workspace.onDidChangeConfiguration((e) => (e.affectsConfiguration('files.exclude') || e.affectsConfiguration('search.exclude')) && exclusionsChanged()),
      watcher.onDidCreate(changed),
      watcher.onDidChange(changed),
      watcher.onDidDelete((uri) => {
        // A folder deleted takes its files with it.
        const prefix = `${uri.toString()}/`;
        for (const key of [...this.deps.index.filesWithFindings().keys()]) {
          if (key === uri.toString() || key.startsWith(prefix)) this.forget(vscode.Uri.parse(key));
        }
        this.forget(uri);
      }),
    );
  }

  private forget(uri: vscode.Uri): void {
    this.published.delete(uri.toString());
    this.diagnostics.delete(uri);
    this.deps.index.deleteFile(uri);
  }

  private flush(): void {
    this.flushTimer = undefined;
    const uris = [...this.pending.values()];
    this.pending.clear();
    this.rescanning = this.rescanning.then(() => this.rescan(uris)).catch((err: Error) => this.deps.log.warn(`Scanning changed files failed: ${err.message}`));
  }

  /** Scans changed files again, with the same exclusions as a whole scan: what they hold now replaces what they held. */
  private async rescan(uris: readonly vscode.Uri[]): Promise<void> {
    const only = new Map<vscode.WorkspaceFolder, string[]>();
    for (const uri of uris) {
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      if (folder) only.set(folder, [...(only.get(folder) ?? []), vscode.workspace.asRelativePath(uri, false)]);
    }
    if (only.size === 0) return;
    const never = new vscode.CancellationTokenSource();
    const result = await this.scan([...only.keys()], never.token, only);
    never.dispose();
    if (!result) return;
    const files = [...result.found.values()];
    for (const [uri, diagnostics] of await this.diagnosticsOf(files)) this.show(uri, diagnostics);
    for (const f of files) this.deps.index.setFile(f.uri, f.findings);
    for (const uri of uris) if (!result.found.has(uri.toString())) this.forget(uri);
    this.deps.log.info(`Workspace scan: ${uris.length} changed files scanned again, tokens in ${files.length}`);
  }

  /** Resolves once changed files noticed so far have been scanned again (for tests, and for a scan that follows). */
  async settled(): Promise<void> {
    if (this.flushTimer) {
      clearTimeout(this.flushTimer);
      this.flush();
    }
    await this.rescanning;
  }

  dispose(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.watcher?.dispose();
    this.subscriptions.forEach((d) => d.dispose());
    this.diagnostics.dispose();
  }
}
