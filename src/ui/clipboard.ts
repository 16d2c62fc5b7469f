import * as vscode from 'vscode';

/** Copies text and confirms it in the status bar (never echoing a secret). */
export async function copyWithConfirmation(text: string, confirmation: string): Promise<void> {
  await vscode.env.clipboard.writeText(text);
  void vscode.window.setStatusBarMessage(confirmation, 4000);
}
