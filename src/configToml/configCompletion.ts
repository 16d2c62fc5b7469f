import * as vscode from 'vscode';
import type { ConfigFileModel } from '../state/configFileModel';
import { CONFIG_SELECTOR, isConfigDocument } from './configDocument';
import { configRules } from './configRules';

/** Completion of the keys influxctl knows, in the table the cursor is in, leaving out those present. */
export class ConfigCompletion implements vscode.CompletionItemProvider, vscode.Disposable {
  private readonly registration: vscode.Disposable;

  constructor(private readonly config: ConfigFileModel) {
    this.registration = vscode.languages.registerCompletionItemProvider(CONFIG_SELECTOR, this);
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
    const keys = configRules().KNOWN_KEYS[table];
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
    this.registration.dispose();
  }
}
