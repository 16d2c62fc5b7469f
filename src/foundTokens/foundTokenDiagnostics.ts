import * as vscode from 'vscode';
import { findTokens, fingerprintSecret, type FoundToken } from '../core';
import type { ConfigFileModel } from '../state/configFileModel';
import type { SettingsModel } from '../state/settings';
import { describeFoundToken } from './foundTokenText';
import type { GitTracking } from './gitTracking';
import type { IgnoredFindings } from './ignoredFindings';
import type { TokenIdentifier, TokenIdentity } from './tokenIdentity';
import { DIAGNOSTIC_CODE, DIAGNOSTIC_SOURCE } from './workspaceScan';


/** A change is checked once typing pauses this long. */
const CHECK_DELAY_MS = 300;

/** Documents that are no file of the user's: the extension's own log among them. */
const SKIPPED_SCHEMES = new Set(['output', 'git', 'vscode-scm', 'debug']);

/** A token found in an open document: where, in which form, and what it is; never the secret. */
export interface Finding {
  range: vscode.Range;
  start: number;
  end: number;
  kind: FoundToken['kind'];
  encoding: FoundToken['encoding'];
  fingerprint: string;
  identity: TokenIdentity;
  /** The document's version the finding is of: offsets of another version mean nothing. */
  version: number;
}

export interface FoundTokenDiagnosticsDeps {
  config: ConfigFileModel;
  settings: SettingsModel;
  identifier: TokenIdentifier;
  ignored: IgnoredFindings;
  /** Whether git tracks a file: its findings say that deleting the line is not enough. */
  git: GitTracking;
}

/**
 * Every open document, of any language, checked for tokens as it changes
 * (debounced per document, dropped on close): each one a Warning on its
 * exact range, saying what the token is. The configured config.toml, where
 * tokens belong, and documents the exclusion setting names are not checked.
 */
export class FoundTokenDiagnostics implements vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('influxdbTokens.found');
  private readonly findings = new Map<string, Finding[]>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Per document, the latest check started: an earlier one that finishes later is dropped. */
  private readonly checks = new Map<string, number>();
  private checksStarted = 0;
  /** Per open document, whether git tracks its file (see isTracked). */
  private readonly trackedByGit = new Map<string, Promise<boolean>>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly deps: FoundTokenDiagnosticsDeps) {
    this.subscriptions = [
      this.diagnostics,
      vscode.workspace.onDidOpenTextDocument((d) => void this.check(d)),
      vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length && this.checkSoon(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
      vscode.workspace.onDidSaveTextDocument((d) => this.trackedByGit.delete(d.uri.toString())),
      deps.settings.onDidChange((names) => (names.has('findTokensInEditors') || names.has('findTokensExclude')) && this.checkAll()),
      deps.config.onDidChange(() => this.checkAll()),
      // Only a document with findings can read differently when what is known changes.
      deps.identifier.onDidChange(() => vscode.workspace.textDocuments.forEach((d) => this.findingsOf(d.uri).length && void this.check(d))),
    ];
    this.checkAll();
  }

  /** The findings of a document as last checked. */
  findingsOf(uri: vscode.Uri): readonly Finding[] {
    return this.findings.get(uri.toString()) ?? [];
  }

  checkAll(): void {
    for (const doc of vscode.workspace.textDocuments) void this.check(doc);
  }

  private checkSoon(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.check(doc);
      }, CHECK_DELAY_MS),
    );
  }

  private isChecked(doc: vscode.TextDocument): boolean {
    const { findTokensInEditors, findTokensExclude } = this.deps.settings.current;
    if (!findTokensInEditors || SKIPPED_SCHEMES.has(doc.uri.scheme)) return false;
    if (doc.uri.scheme === 'file' && doc.uri.fsPath === this.deps.config.path) return false;
    // A hand-edited settings.json may hold anything: only strings are globs.
    const globs = Array.isArray(findTokensExclude) ? findTokensExclude.filter((p): p is string => typeof p === 'string') : [];
    // As files.exclude reads them: relative to the document's workspace folder (`fixtures/**`), or absolute.
    const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
    const excludes = (glob: string) => vscode.languages.match({ pattern: glob }, doc) > 0 || (!!folder && vscode.languages.match({ pattern: new vscode.RelativePattern(folder, glob) }, doc) > 0);
    return !globs.some(excludes);
  }

  private async check(doc: vscode.TextDocument): Promise<void> {
    if (doc.isClosed) return;
    const key = doc.uri.toString();
    if (!this.isChecked(doc)) return this.forget(doc.uri);
    const run = ++this.checksStarted;
    const version = doc.version;
    this.checks.set(key, run);
    const findings: Finding[] = [];
    for (const found of findTokens(doc.getText())) {
      const fingerprint = fingerprintSecret(found.secret);
      if (this.deps.ignored.has(doc.uri, fingerprint)) continue;
      const identity = await this.deps.identifier.identify(found, fingerprint);
      findings.push({ range: new vscode.Range(doc.positionAt(found.start), doc.positionAt(found.end)), start: found.start, end: found.end, kind: found.kind, encoding: found.encoding, fingerprint, identity, version });
    }
    const tracked = findings.length > 0 && doc.uri.scheme === 'file' && (await this.isTracked(doc.uri));
    // Typed on, or closed, meanwhile: a later check says what is there now.
    if (doc.isClosed || this.checks.get(key) !== run) return;
    this.findings.set(key, findings);
    this.diagnostics.set(
      doc.uri,
      findings.map((f) => {
        const what = describeFoundToken(f.identity);
        const message = tracked ? vscode.l10n.t('{0} The file is tracked by git: rotate the token, deleting the line is not enough.', what) : what;
        const d = new vscode.Diagnostic(f.range, message, vscode.DiagnosticSeverity.Warning);
        d.source = DIAGNOSTIC_SOURCE;
        d.code = DIAGNOSTIC_CODE;
        return d;
      }),
    );
  }

  /**
   * Whether git tracks the document's file: asked once while it is open, not on every check (Git runs
   * `git status` and `check-ignore` to answer), and again after it is saved.
   */
  private isTracked(uri: vscode.Uri): Promise<boolean> {
    const key = uri.toString();
    let tracked = this.trackedByGit.get(key);
    if (!tracked) this.trackedByGit.set(key, (tracked = this.deps.git.tracked([uri]).then((files) => files.has(key))));
    return tracked;
  }

  private forget(uri: vscode.Uri): void {
    this.trackedByGit.delete(uri.toString());
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.checks.delete(key);
    this.findings.delete(key);
    this.diagnostics.delete(uri);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.subscriptions.forEach((d) => d.dispose());
  }
}
