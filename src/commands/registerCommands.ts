import * as vscode from 'vscode';
import type { LazyConfigFileCommands } from '../configToml/lazyCommands';
import type { DatabaseTokenCommands } from '../databaseTokens/lazyCommands';
import type { FoundTokensCommands } from '../foundTokens/foundTokensCommands';
import type { LazyTokensInEditors } from '../foundTokens/lazyTokensInEditors';
import type { ManagementTokenCommands } from '../managementTokens/lazyCommands';
import type { ViewCommands } from '../tree/viewCommands';
import type { UsingTokens } from '../usingTokens/lazyUsingTokens';
import { Command, type CommandId } from '../base/commandIds';

export interface CommandHandlers {
  view: ViewCommands;
  /** The config.toml commands, loaded on first use. */
  configFile: LazyConfigFileCommands;
  /** Create, Revoke, Rotate and Test Management Token, Set mgmt_token, Copy Token ID and Copy Stored Secret, loaded on first use. */
  managementTokens: ManagementTokenCommands;
  databaseTokens: DatabaseTokenCommands;
  /** Find InfluxDB Tokens in Workspace and Show Where Found, loaded on first use. */
  foundTokens: () => FoundTokensCommands;
  /** Diagnostics and quick fixes of tokens in open documents, loaded on the first document that may hold one. */
  tokensInEditors: LazyTokensInEditors;
  /** Open Terminal with Token…, loaded on first use. */
  usingTokens: UsingTokens;
}

/**
 * Every command of the extension, registered in one place. The table is typed
 * by CommandId, so a command without a handler does not compile; handlers
 * live with their feature.
 */
export function registerCommands(h: CommandHandlers, beforeEach: () => void): vscode.Disposable[] {
  const table: Record<CommandId, (...args: unknown[]) => unknown> = {
    [Command.refresh]: () => h.view.refresh(),
    [Command.retryGroup]: (node) => h.view.retryGroup(node),
    [Command.toggleRevoked]: () => h.view.toggleRevoked(),
    [Command.filter]: (text) => h.view.filter(text),
    [Command.revealProfile]: (name) => h.view.revealProfile(name),
    [Command.openLoginUrl]: (node) => h.view.openLoginUrl(node),
    [Command.copyLoginCode]: (node) => h.view.copyLoginCode(node),
    [Command.createToken]: (arg) => h.managementTokens.create(arg),
    [Command.revokeToken]: (clicked, selected) => h.managementTokens.revoke(clicked, selected),
    [Command.copyTokenId]: (node) => h.managementTokens.copyTokenId(node),
    [Command.copySecret]: (node) => h.managementTokens.copySecret(node),
    [Command.copySelectedTokenId]: () => h.managementTokens.onSelection('enter'),
    [Command.revokeSelectedTokens]: () => h.managementTokens.onSelection('delete'),
    [Command.testManagementToken]: (arg) => h.managementTokens.testManagementToken(arg),
    [Command.rotateProfileMgmtToken]: (arg) => h.managementTokens.rotateProfileMgmtToken(arg),
    [Command.setProfileMgmtToken]: (arg, options) => h.managementTokens.setProfileMgmtToken(arg, options as { tokenId?: string } | undefined),
    [Command.openConfig]: (node) => h.configFile.open(node),
    [Command.createConfig]: () => h.configFile.create(),
    [Command.chooseConfig]: () => h.configFile.choose(),
    [Command.addProfile]: () => h.configFile.addProfile(),
    [Command.setInfluxctlPath]: () => h.configFile.setInfluxctlPath(),
    [Command.installInfluxctl]: () => h.configFile.installInfluxctl(),
    [Command.fixProfileInConfig]: (arg) => h.configFile.fixProfile(arg),
    [Command.saveConfigAsUtf8]: (uri) => h.configFile.saveConfigAsUtf8(uri),
    [Command.createDatabaseToken]: (arg) => h.databaseTokens.create(arg),
    [Command.editDatabaseToken]: (node) => h.databaseTokens.edit(node),
    [Command.rotateDatabaseToken]: (node) => h.databaseTokens.rotate(node),
    [Command.revokeDatabaseToken]: (clicked, selected) => h.databaseTokens.revoke(clicked, selected),
    [Command.setProfileQueryToken]: (node) => h.databaseTokens.setQueryToken(node),
    [Command.forgetStoredSecrets]: (node) => h.databaseTokens.forgetStoredSecrets(node),
    [Command.rebindStoredSecrets]: (node) => h.databaseTokens.rebindStoredSecrets(node),
    [Command.allowWeakTls]: (arg) => h.databaseTokens.allowWeakTls(arg),
    [Command.findTokensInWorkspace]: () => h.foundTokens().findInWorkspace(),
    [Command.showWhereFound]: (node) => h.foundTokens().showWhereFound(node),
    [Command.rememberFoundToken]: (arg) => h.tokensInEditors.remember(arg),
    [Command.openTerminalWithToken]: (arg) => h.usingTokens.openTerminal(arg),
  };
  return Object.entries(table).map(([id, handler]) =>
    vscode.commands.registerCommand(id, (...args: unknown[]) => {
      beforeEach();
      return handler(...args);
    }),
  );
}
