import { promises as fs } from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { CONFIG_TEMPLATE } from './configTemplate';
import { isNode } from './profilePicker';
import type { MessageNode, Node, TokenNode } from './profilesTree';
import type { Services } from './services';
import { readSettings, SECTION } from './settings';

/** Commands that look at or steer the view and its config file. */
export function registerViewCommands(services: Services): vscode.Disposable[] {
  const { config, tokens, tree, prompts } = services;
  return [
    vscode.commands.registerCommand('influxdbTokens.refresh', async () => {
      await config.reload();
      tokens.invalidate();
    }),
    vscode.commands.registerCommand('influxdbTokens.retryProfile', (node?: MessageNode) => {
      tokens.invalidate(node?.profile?.name);
    }),
    vscode.commands.registerCommand('influxdbTokens.toggleRevoked', async () => {
      const c = vscode.workspace.getConfiguration(SECTION);
      await c.update('showRevoked', !readSettings().showRevoked, vscode.ConfigurationTarget.Global);
    }),
    vscode.commands.registerCommand('influxdbTokens.filter', async (text?: string) => {
      const value =
        typeof text === 'string'
          ? text
          : await prompts.input({
              title: 'Filter Tokens',
              prompt: 'Show tokens whose description or ID contains this text. Leave empty to show all.',
              value: tree.filter,
            });
      if (value !== undefined) tree.setFilter(value);
    }),
    vscode.commands.registerCommand('influxdbTokens.openConfig', async (node?: Node) => {
      const file = config.path;
      try {
        await fs.access(file);
      } catch {
        const choice = await prompts.error(`There is no config.toml at ${file}.`, 'Create config.toml', 'Choose a File…');
        if (choice === 'Create config.toml') await vscode.commands.executeCommand('influxdbTokens.createConfig');
        if (choice === 'Choose a File…') await vscode.commands.executeCommand('influxdbTokens.chooseConfig');
        return;
      }
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
      const editor = await vscode.window.showTextDocument(doc);
      const at = isNode(node, 'message') ? (node as MessageNode).position : isNode(node, 'profile') ? { line: (node as { profile: { line: number } }).profile.line, column: 0 } : undefined;
      if (at) {
        const pos = new vscode.Position(at.line, at.column);
        editor.selection = new vscode.Selection(pos, pos);
        editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      }
    }),
    vscode.commands.registerCommand('influxdbTokens.createConfig', async () => {
      const file = config.path;
      try {
        await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
        // 'wx': never overwrite a file that appeared meanwhile.
        await fs.writeFile(file, CONFIG_TEMPLATE, { flag: 'wx', mode: 0o600 });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
          await prompts.error(`Could not create ${file}: ${(err as Error).message}`);
          return;
        }
      }
      await config.reload();
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
      await vscode.window.showTextDocument(doc);
    }),
    vscode.commands.registerCommand('influxdbTokens.chooseConfig', async () => {
      const picked = await vscode.window.showOpenDialog({
        title: 'Choose influxctl config.toml',
        canSelectMany: false,
        filters: { TOML: ['toml'] },
      });
      if (!picked?.[0]) return;
      await vscode.workspace.getConfiguration(SECTION).update('configPath', picked[0].fsPath, vscode.ConfigurationTarget.Global);
    }),
    vscode.commands.registerCommand('influxdbTokens.setInfluxctlPath', async () => {
      await vscode.commands.executeCommand('workbench.action.openSettings', `${SECTION}.influxctlPath`);
    }),
    vscode.commands.registerCommand('influxdbTokens.openLoginUrl', async (node?: MessageNode) => {
      if (node?.url) await vscode.env.openExternal(vscode.Uri.parse(node.url));
    }),
    vscode.commands.registerCommand('influxdbTokens.copyLoginCode', async (node?: MessageNode) => {
      if (!node?.code) return;
      await vscode.env.clipboard.writeText(node.code);
      void vscode.window.setStatusBarMessage(`Copied login code ${node.code}`, 3000);
    }),
    vscode.commands.registerCommand('influxdbTokens.copyTokenId', async (node?: TokenNode) => {
      if (!isNode(node, 'token')) return;
      await vscode.env.clipboard.writeText(node!.token.id);
      void vscode.window.setStatusBarMessage(`Copied token ID ${node!.token.id}`, 3000);
    }),
  ];
}
