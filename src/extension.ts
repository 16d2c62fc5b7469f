import * as vscode from 'vscode';
import { ConfigEditorFeatures } from './configEditor';
import { ConfigFile } from './configFile';
import { ExpiryWarnings } from './expiryWarnings';
import { Log } from './log';
import { ProfileTokens } from './profileTokens';
import { ProfilesTreeProvider } from './profilesTree';
import { windowPrompts } from './prompts';
import { registerTokenCommands } from './revokeToken';
import { registerRotateCommand } from './rotateToken';
import { setProfileToken } from './setProfileToken';
import { TokenSecrets } from './secretStore';
import type { Services } from './services';
import { registerVerifyCommand } from './verifyToken';
import { registerViewCommands } from './viewCommands';

/** Wires the parts together; each lives in its own file. */
export function activate(context: vscode.ExtensionContext): { services?: Services } {
  const started = performance.now();
  const log = new Log();
  const config = new ConfigFile(log);
  const tokens = new ProfileTokens(log);
  const secrets = new TokenSecrets(context.secrets, context.globalState);
  const tree = new ProfilesTreeProvider(config, tokens, secrets);
  const expiry = new ExpiryWarnings(config, tokens, context.globalState, () => services.prompts);
  const services: Services = { log, config, tokens, secrets, tree, prompts: windowPrompts, expiry };

  const view = vscode.window.createTreeView('influxdbTokens.profiles', { treeDataProvider: tree, canSelectMany: true, showCollapseAll: true });
  tree.attach(view);
  context.subscriptions.push(
    log,
    config,
    tokens,
    secrets,
    tree,
    view,
    expiry,
    new ConfigEditorFeatures(config),
    vscode.commands.registerCommand('influxdbTokens.setProfileToken', (arg?: unknown, options?: { tokenId?: string }) => setProfileToken(services, arg, options)),
    registerVerifyCommand(services),
    registerRotateCommand(services),
    vscode.commands.registerCommand('influxdbTokens.revealProfile', (name: string) => tree.reveal(view, name)),
    ...registerViewCommands(services),
    ...registerTokenCommands(services),
  );
  // Expiry warnings need the configured tokens listed: after start-up, not during it.
  expiry.schedule(3000);
  log.info(`activated in ${(performance.now() - started).toFixed(2)} ms`);
  // Tests reach the parts (to answer prompts); nobody else gets them.
  const testing = context.extensionMode !== vscode.ExtensionMode.Production || process.env.INFLUXDB_TOKENS_TEST === '1';
  return testing ? { services } : {};
}

export function deactivate(): void {}
