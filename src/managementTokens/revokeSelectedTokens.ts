import * as vscode from 'vscode';
import { Command } from '../base/commandIds';
import { tokenStatus } from '../core';
import { isDatabaseTokenRef, isManagementTokenRef, type DatabaseTokenRef, type ManagementTokenRef } from '../state/refs';
import type { Prompts } from '../ui/prompts';

/**
 * Delete (on macOS Cmd+Backspace) in the Profiles view: Revoke Management
 * Token or Revoke Database Token on the selected token rows, as the context
 * menu runs them (the same confirmation); says why when the selection holds
 * nothing that can be revoked. A keybinding's command gets no argument:
 * `selection` reads the view's. In this bundle, not at activation, for either kind.
 */
export class RevokeSelectedTokens {
  constructor(private readonly deps: { prompts: Prompts }) {}

  async run(selection: () => readonly unknown[]): Promise<unknown> {
    const { prompts } = this.deps;
    const selected = selection();
    const management = selected.filter(isManagementTokenRef);
    const database = selected.filter(isDatabaseTokenRef);
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
