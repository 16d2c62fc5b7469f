import * as vscode from 'vscode';
import { KNOWN_KEYS, lintConfig, parseProfiles, type ConfigProblem, type Profile } from './core';
import type { ConfigFile } from './configFile';

const SELECTOR: vscode.DocumentSelector = [{ scheme: 'file', pattern: '**/*.toml' }];

/** The resolved config.toml, or any config.toml under an influxctl folder. */
export function isConfigDocument(doc: vscode.TextDocument, config: ConfigFile): boolean {
  return doc.uri.scheme === 'file' && (doc.uri.fsPath === config.path || /[\\/]influxctl[\\/]config\.toml$/.test(doc.uri.fsPath));
}

function toDiagnostic(p: ConfigProblem): vscode.Diagnostic {
  const d = new vscode.Diagnostic(
    new vscode.Range(p.line, p.column, p.endLine, p.endColumn),
    p.message,
    p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
  );
  d.source = 'influxctl config';
  d.code = p.code;
  return d;
}

/**
 * Editor help for config.toml: diagnostics (syntax, keys influxctl refuses,
 * products, missing fields, duplicates) with quick fixes, a CodeLens per
 * profile to set its mgmt_token, and completion of known keys.
 */
export class ConfigEditorFeatures implements vscode.CodeLensProvider, vscode.CodeActionProvider, vscode.CompletionItemProvider, vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('influxctl-config');
  /** Quick-fix replacement texts by diagnostic position and message. */
  private readonly suggestions = new Map<string, string>();
  private readonly lensesChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.lensesChanged.event;
  private readonly disposables: vscode.Disposable[];
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly config: ConfigFile) {
    this.disposables = [
      this.diagnostics,
      this.lensesChanged,
      vscode.languages.registerCodeLensProvider(SELECTOR, this),
      vscode.languages.registerCodeActionsProvider(SELECTOR, this, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
      vscode.languages.registerCompletionItemProvider(SELECTOR, this),
      vscode.workspace.onDidOpenTextDocument((d) => this.lint(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.lintSoon(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => this.diagnostics.delete(d.uri)),
      config.onDidChange(() => {
        vscode.workspace.textDocuments.forEach((d) => this.lint(d));
        this.lensesChanged.fire();
      }),
    ];
    vscode.workspace.textDocuments.forEach((d) => this.lint(d));
  }

  private key(uri: vscode.Uri, range: vscode.Range, message: string): string {
    return `${uri.toString()}#${range.start.line}:${range.start.character}:${message}`;
  }

  private lintSoon(doc: vscode.TextDocument): void {
    const k = doc.uri.toString();
    clearTimeout(this.timers.get(k));
    this.timers.set(k, setTimeout(() => this.lint(doc), 250));
  }

  lint(doc: vscode.TextDocument): void {
    if (!isConfigDocument(doc, this.config)) return;
    const problems = lintConfig(doc.getText());
    const diagnostics = problems.map(toDiagnostic);
    problems.forEach((p, i) => {
      if (p.suggestion !== undefined) this.suggestions.set(this.key(doc.uri, diagnostics[i].range, p.message), p.suggestion);
    });
    this.diagnostics.set(doc.uri, diagnostics);
  }

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    return context.diagnostics.flatMap((d) => {
      const suggestion = this.suggestions.get(this.key(doc.uri, d.range, d.message));
      if (suggestion === undefined) return [];
      const action = new vscode.CodeAction(`Change to ${suggestion}`, vscode.CodeActionKind.QuickFix);
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(doc.uri, d.range, suggestion);
      action.diagnostics = [d];
      action.isPreferred = true;
      return [action];
    });
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    if (!isConfigDocument(doc, this.config)) return [];
    let profiles: Profile[];
    try {
      profiles = parseProfiles(doc.getText());
    } catch {
      return [];
    }
    return profiles.map((profile) => {
      const range = new vscode.Range(profile.line, 0, profile.line, 0);
      return new vscode.CodeLens(range, {
        title: profile.mgmtToken ? `Replace mgmt_token of "${profile.name}"` : `Set mgmt_token of "${profile.name}"`,
        command: 'influxdbTokens.setProfileToken',
        arguments: [{ kind: 'profile', configPath: doc.uri.fsPath, profile }],
      });
    });
  }

  provideCompletionItems(doc: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] | undefined {
    if (!isConfigDocument(doc, this.config)) return undefined;
    const line = doc.lineAt(position.line).text.slice(0, position.character);
    if (!/^\s*[A-Za-z_-]*$/.test(line)) return undefined;
    // The table the cursor is in: the nearest header above it.
    let table = '';
    const present = new Set<string>();
    for (let l = position.line - 1; l >= 0; l--) {
      const text = doc.lineAt(l).text;
      const header = /^\s*\[\[?\s*([A-Za-z0-9_."' -]+?)\s*\]\]?/.exec(text);
      if (header) {
        table = header[1].replace(/["'\s]/g, '');
        break;
      }
      const key = /^\s*([A-Za-z0-9_-]+)\s*=/.exec(text);
      if (key) present.add(key[1]);
    }
    for (let l = position.line + 1; l < doc.lineCount; l++) {
      const text = doc.lineAt(l).text;
      if (/^\s*\[/.test(text)) break;
      const key = /^\s*([A-Za-z0-9_-]+)\s*=/.exec(text);
      if (key) present.add(key[1]);
    }
    const keys = KNOWN_KEYS[table];
    if (!keys) return undefined;
    return Object.entries(keys)
      .filter(([k]) => !present.has(k) && !['tls', 'auth', 'oauth2'].includes(k))
      .map(([k, description]) => {
        const item = new vscode.CompletionItem(k, vscode.CompletionItemKind.Property);
        item.detail = description;
        item.insertText = new vscode.SnippetString(`${k} = ${k === 'insecure' || k === 'disable' ? '${1|true,false|}' : k === 'scopes' ? '[$1]' : '"$1"'}`);
        return item;
      });
  }

  dispose(): void {
    this.timers.forEach((t) => clearTimeout(t));
    this.disposables.forEach((d) => d.dispose());
  }
}
