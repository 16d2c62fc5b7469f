import * as vscode from 'vscode';
import type { TokensInEditors, TokensInEditorsDeps } from './tokensInEditors';

type Bundle = typeof import('./index');

/**
 * A cheap test for a token in a text: where findTokens starts a candidate
 * (the headers `apiv`, `M.V`, which the JSON-escaped and URL-encoded forms
 * keep, and their base64 spellings at a value's start). Only a text that
 * passes loads dist/foundTokens.js; findTokens there decides.
 */
const MAY_HOLD_TOKEN = /apiv|M\.V|YXBpdj|TS5W/;

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
  // The extension's own log names tokens by their listed prefixes (M.V1.b4d2): no reason to load.
  const check = (doc: vscode.TextDocument) => loaded || (doc.uri.scheme !== 'output' && MAY_HOLD_TOKEN.test(doc.getText()) && load());
  const watching = [vscode.workspace.onDidOpenTextDocument(check), vscode.workspace.onDidChangeTextDocument((e) => check(e.document))];
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
