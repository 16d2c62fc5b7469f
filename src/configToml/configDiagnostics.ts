import * as fs from 'fs';
import * as vscode from 'vscode';
import { encodingOf, type ConfigEncoding, type ConfigProblem } from '../core';
import { Command } from '../base/commandIds';
import type { ConfigFileModel } from '../state/configFileModel';
import { CONFIG_SELECTOR, isConfigDocument } from './configDocument';
import { configRules } from './configRules';

const LINT_DELAY_MS = 250;

function toDiagnostic(p: ConfigProblem, message: string): vscode.Diagnostic {
  const d = new vscode.Diagnostic(
    new vscode.Range(p.line, p.column, p.endLine, p.endColumn),
    message,
    p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
  );
  d.source = 'influxctl config';
  d.code = p.code;
  return d;
}

/** How the file on disk is stored: VS Code hides a byte order mark from the text, and decodes UTF-16 itself. */
function encodingOnDisk(file: string): ConfigEncoding | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const head = Buffer.alloc(3);
    return encodingOf(head.subarray(0, fs.readSync(fd, head, 0, 3, 0)));
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function fixKey(range: vscode.Range, message: string): string {
  return `${range.start.line}:${range.start.character}:${message}`;
}

/**
 * Diagnostics for config.toml (syntax, keys influxctl refuses, products,
 * missing fields, duplicates), linted as it is typed, with quick fixes.
 */
export class ConfigDiagnostics implements vscode.CodeActionProvider, vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('influxctl-config');
  /** Per open document, its quick fixes (title and replacement text) by diagnostic position and message; replaced on every lint. */
  private readonly fixes = new Map<string, Map<string, { title: string; text: string }>>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly config: ConfigFileModel) {
    this.subscriptions = [
      this.diagnostics,
      vscode.languages.registerCodeActionsProvider(CONFIG_SELECTOR, this, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
      vscode.workspace.onDidOpenTextDocument((d) => this.lint(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.lintSoon(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
      config.onDidChange(() => vscode.workspace.textDocuments.forEach((d) => this.lint(d))),
    ];
    vscode.workspace.textDocuments.forEach((d) => this.lint(d));
  }

  private lintSoon(doc: vscode.TextDocument): void {
    const k = doc.uri.toString();
    clearTimeout(this.timers.get(k));
    this.timers.set(k, setTimeout(() => this.lint(doc), LINT_DELAY_MS));
  }

  lint(doc: vscode.TextDocument): void {
    if (!isConfigDocument(doc, this.config)) return;
    const rules = configRules();
    const problems = rules.lintConfig(doc.getText(), { encoding: encodingOnDisk(doc.uri.fsPath) });
    const diagnostics = problems.map((p) => toDiagnostic(p, rules.describeConfigProblem(p)));
    const fixes = new Map<string, { title: string; text: string }>();
    problems.forEach((p, i) => {
      const title = rules.configFixTitle(p);
      if (title !== undefined && p.suggestion !== undefined) fixes.set(fixKey(diagnostics[i].range, diagnostics[i].message), { title, text: p.suggestion });
    });
    this.fixes.set(doc.uri.toString(), fixes);
    this.diagnostics.set(doc.uri, diagnostics);
  }

  private forget(uri: vscode.Uri): void {
    clearTimeout(this.timers.get(uri.toString()));
    this.timers.delete(uri.toString());
    this.fixes.delete(uri.toString());
    this.diagnostics.delete(uri);
  }

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const fixes = this.fixes.get(doc.uri.toString());
    return context.diagnostics.flatMap((d) => {
      const fix = fixes?.get(fixKey(d.range, d.message));
      let action: vscode.CodeAction;
      if (fix) {
        action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        action.edit.replace(doc.uri, d.range, fix.text);
      } else if (d.code === 'bom') {
        // VS Code keeps the mark out of the text (and decodes UTF-16): it goes by rewriting the file.
        action = new vscode.CodeAction(vscode.l10n.t('Save as UTF-8 without byte order mark (rewrite the file)'), vscode.CodeActionKind.QuickFix);
        action.command = { command: Command.saveConfigAsUtf8, title: action.title, arguments: [doc.uri] };
      } else {
        return [];
      }
      action.diagnostics = [d];
      action.isPreferred = true;
      return [action];
    });
  }

  dispose(): void {
    this.timers.forEach((t) => clearTimeout(t));
    this.subscriptions.forEach((d) => d.dispose());
  }
}
