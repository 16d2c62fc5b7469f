import * as vscode from 'vscode';

/** How long a copied secret stays on the clipboard: long enough to paste it, short enough not to linger. */
export const SECRET_CLIPBOARD_SECONDS = 45;

/** Copies text and confirms it in the status bar (never echoing a secret). */
export async function copyWithConfirmation(text: string, confirmation: string): Promise<void> {
  await vscode.env.clipboard.writeText(text);
  void vscode.window.setStatusBarMessage(confirmation, 4000);
}

/**
 * Copies a secret, says so, and clears the clipboard after
 * SECRET_CLIPBOARD_SECONDS if it still holds that secret (something copied
 * since is left alone). Resolves once copied; `cleared` settles after the wait.
 */
export async function copySecretBriefly(secret: string, confirmation: string, seconds = SECRET_CLIPBOARD_SECONDS): Promise<{ cleared: Promise<boolean> }> {
  await copyWithConfirmation(secret, vscode.l10n.t('{0}. The clipboard is cleared in {1} s.', confirmation, seconds));
  const cleared = new Promise<boolean>((resolve) => {
    const timer = setTimeout(async () => {
      try {
        if ((await vscode.env.clipboard.readText()) !== secret) return resolve(false);
        await vscode.env.clipboard.writeText('');
        resolve(true);
      } catch {
        resolve(false);
      }
    }, seconds * 1000);
    // A pending clear never keeps the extension host alive.
    timer.unref?.();
  });
  return { cleared };
}
