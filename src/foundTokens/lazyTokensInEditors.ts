import * as vscode from 'vscode';
import { MAY_HOLD_TOKEN } from '../core/tokenHint';
import type { TokensInEditors, TokensInEditorsDeps } from './tokensInEditors';

type Bundle = typeof import('./index');

/** The lines a change touched, as they read now: what a keystroke can have added a token to. */
function changedText(e: vscode.TextDocumentChangeEvent): string {
  return e.contentChanges
    .map((change) => {
      const first = change.range.start.line;
      const last = Math.min(e.document.lineCount - 1, first + change.text.split('\n').length - 1);
      return e.document.getText(new vscode.Range(first, 0, last, e.document.lineAt(last).text.length));
    })
    .join('\n');
}

export type LazyTokensInEditors = vscode.Disposable & { remember(arg?: unknown): unknown };

/**
 * Tokens in open documents, as diagnostics with quick fixes, from
 * dist/foundTokens.js: loaded on the first document that may hold a token,
 * or when Remember This Token… first runs. Until then this is all that runs.
 */
export function lazyTokensInEditors(deps: TokensInEditorsDeps): LazyTokensInEditors {
  let loaded: TokensInEditors | undefined;
  const load = () => (loaded ??= new (require('./foundTokens.js') as Bundle).TokensInEditors(deps));
  // Once loaded, the bundle follows documents itself; these listeners then cost a test of `loaded`.
  // The extension's own log names tokens by their listed prefixes (M.V1.b4d2), and the
  // configured config.toml is where tokens belong (it gets no diagnostics): no reason to load.
  const mayWarn = (doc: vscode.TextDocument) => doc.uri.scheme !== 'output' && !(doc.uri.scheme === 'file' && doc.uri.fsPath === deps.config.path);
  const check = (doc: vscode.TextDocument) => loaded || (mayWarn(doc) && MAY_HOLD_TOKEN.test(doc.getText()) && load());
  const checkChange = (e: vscode.TextDocumentChangeEvent) => loaded || (mayWarn(e.document) && MAY_HOLD_TOKEN.test(changedText(e)) && load());
  const watching = [vscode.workspace.onDidOpenTextDocument(check), vscode.workspace.onDidChangeTextDocument(checkChange)];
  // The documents open already are looked at after activation returns: loading the bundle must not lengthen it.
  const initial = setTimeout(() => vscode.workspace.textDocuments.forEach(check), 0);
  return {
    remember: (arg) => load().remember(arg),
    dispose: () => {
      clearTimeout(initial);
      watching.forEach((d) => d.dispose());
      loaded?.dispose();
    },
  };
}
