import * as vscode from 'vscode';
import { ConfigEditorFeatures } from './configEditor';
import { ConfigFile } from './configFile';
import { Log } from './log';
import { ProfileTokens } from './profileTokens';
import { ProfilesTreeProvider } from './profilesTree';
import { windowPrompts } from './prompts';
import { registerTokenCommands } from './revokeToken';
import { setProfileToken } from './setProfileToken';
import { TokenSecrets } from './secretStore';
import type { Services } from './services';
import { registerViewCommands } from './viewCommands';

/** Wires the parts together; each lives in its own file. */
export function activate(context: vscode.ExtensionContext): { services?: Services } {
  const log = new Log();
  const config = new ConfigFile(log);
  const tokens = new ProfileTokens(log);
  const secrets = new TokenSecrets(context.secrets, context.globalState);
  const tree = new ProfilesTreeProvider(config, tokens, secrets);
  const services: Services = { log, config, tokens, secrets, tree, prompts: windowPrompts };

  const view = vscode.window.createTreeView('influxdbTokens.profiles', { treeDataProvider: tree, canSelectMany: true, showCollapseAll: true });
  tree.attach(view);
  context.subscriptions.push(
    log,
    config,
    tokens,
    secrets,
    tree,
    view,
    new ConfigEditorFeatures(config),
    vscode.commands.registerCommand('influxdbTokens.setProfileToken', (arg?: unknown, options?: { tokenId?: string }) => setProfileToken(services, arg, options)),
    ...registerViewCommands(services),
    ...registerTokenCommands(services),
  );
  // Tests reach the parts (to answer prompts); nobody else gets them.
  const testing = context.extensionMode !== vscode.ExtensionMode.Production || process.env.INFLUXDB_TOKENS_TEST === '1';
  return testing ? { services } : {};
}

export function deactivate(): void {}
