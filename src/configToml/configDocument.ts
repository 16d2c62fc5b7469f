import type * as vscode from 'vscode';
import type { ConfigFileModel } from '../state/configFileModel';

/** Where the config.toml helpers apply: TOML files on disk. */
export const CONFIG_SELECTOR: vscode.DocumentSelector = [{ scheme: 'file', pattern: '**/*.toml' }];

/** The resolved config.toml, or any config.toml under an influxctl folder. */
export function isConfigDocument(doc: vscode.TextDocument, config: ConfigFileModel): boolean {
  return doc.uri.scheme === 'file' && (doc.uri.fsPath === config.path || /[\\/]influxctl[\\/]config\.toml$/.test(doc.uri.fsPath));
}
