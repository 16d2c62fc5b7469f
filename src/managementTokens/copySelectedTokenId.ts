import * as vscode from 'vscode';
import { Command } from '../base/commandIds';
import { isDatabaseTokenRef, isManagementTokenRef } from '../state/refs';

/**
 * Enter in the Profiles view: first what Enter does in any list (select the
 * focused row: arrow keys move the focus, not the selection), then, on a
 * token row of either kind, Copy Token ID. A keybinding's command gets no
 * argument: `selection` reads the view's.
 */
export class CopySelectedTokenId {
  async run(selection: () => readonly unknown[]): Promise<void> {
    await vscode.commands.executeCommand('list.select');
    const [row, more] = selection();
    if (!more && (isManagementTokenRef(row) || isDatabaseTokenRef(row))) await vscode.commands.executeCommand(Command.copyTokenId, row);
  }
}
