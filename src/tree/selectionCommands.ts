import * as vscode from 'vscode';
import { Command } from '../base/commandIds';
import { tokenStatus } from '../core';
import { isDatabaseTokenRef, isManagementTokenRef, type DatabaseTokenRef, type ManagementTokenRef } from '../state/refs';
import type { Prompts } from '../ui/prompts';
import type { ProfilesView } from './profilesView';

/**
 * The keys of the Profiles view: Enter copies a token row's ID, Delete (on
 * macOS Cmd+Backspace) revokes the selected tokens with the context menu's
 * confirmation. A command run by a keybinding gets no argument, so these act
 * on the view's selection.
 */
export class SelectionCommands {
  constructor(private readonly deps: { view: ProfilesView; prompts: Prompts }) {}

  private get selection() {
    return this.deps.view.treeView.selection;
  }

  /**
   * Enter: first what Enter does in any list (select the focused row: arrow
   * keys move the focus, not the selection), then, on a token row, Copy Token ID.
   */
  async copyId(): Promise<void> {
    await vscode.commands.executeCommand('list.select');
    const selected = this.selection;
    const [row] = selected;
    if (selected.length === 1 && (isManagementTokenRef(row) || isDatabaseTokenRef(row))) await vscode.commands.executeCommand(Command.copyTokenId, row);
  }

  /** Delete: Revoke Management Token or Revoke Database Token on the selected token rows, as the context menu does. */
  async revoke(): Promise<unknown> {
    const selected = this.selection;
    const management = selected.filter((n): n is typeof n & ManagementTokenRef => isManagementTokenRef(n));
    const database = selected.filter((n): n is typeof n & DatabaseTokenRef => isDatabaseTokenRef(n));
    const { prompts } = this.deps;
    if (management.length && database.length) {
      await prompts.inform(vscode.l10n.t('Management tokens and database tokens are revoked separately: select tokens of one kind, then press Delete again.'));
      return undefined;
    }
    const tokens: (ManagementTokenRef | DatabaseTokenRef)[] = management.length ? management : database;
    if (tokens.length === 0) {
      await prompts.inform(vscode.l10n.t('Only tokens can be revoked: select one or more token rows, then press Delete again.'));
      return undefined;
    }
    // Revoked and expired rows are not offered by the context menu either.
    const live = tokens.filter((t) => ['active', 'expiring'].includes(tokenStatus(t.token, new Date(), 0)));
    if (live.length === 0) {
      await prompts.inform(tokens.length === 1 ? vscode.l10n.t('This token is already revoked or expired.') : vscode.l10n.t('These tokens are already revoked or expired.'));
      return undefined;
    }
    return vscode.commands.executeCommand(management.length ? Command.revokeToken : Command.revokeDatabaseToken, live[0], live);
  }
}
