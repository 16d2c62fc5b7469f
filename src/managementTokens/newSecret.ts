import * as vscode from 'vscode';
import { isTokenOfSecret } from '../core';
import type { ManagementTokensModel } from '../state/managementTokensModel';
import { SecretStorageError, type TokenSecretStore } from '../state/tokenSecretStore';
import type { ProfileNode } from '../tree/nodes';
import { copyWithConfirmation } from '../ui/clipboard';
import type { Log } from '../ui/log';
import type { Prompts } from '../ui/prompts';

export const KEYRING_HELP_URL = 'https://code.visualstudio.com/docs/configure/settings-sync#_troubleshooting-keychain-issues';

/** Where a new secret ended up: stored (under its token ID when known), or the reason it could not be. */
export interface SavedSecret {
  id?: string;
  stored: boolean;
  error?: string;
}

/**
 * Saves a secret influxctl has just printed, before anything else happens.
 * Before 2.11 influxctl prints no ID: the secret is kept under a provisional
 * key until the list tells which token has its prefix. Shows nothing itself.
 */
export async function saveNewSecret(
  deps: { tokens: ManagementTokensModel; secrets: TokenSecretStore; log: Log },
  target: ProfileNode,
  created: { secret: string; id?: string },
): Promise<SavedSecret> {
  const { configPath, profile } = target;
  deps.log.rememberSecret(created.secret);
  let id = created.id;
  let stored = false;
  const provisional = `unlisted-${created.secret.slice(0, 9)}-${Date.now()}`;
  try {
    await deps.secrets.store(configPath, profile.name, id ?? provisional, created.secret);
    stored = true;
    if (!id) {
      const load = await deps.tokens.load(configPath, profile);
      id = load.kind === 'ok' ? load.tokens.find((t) => isTokenOfSecret(created.secret, t) && !t.revokedAt)?.id : undefined;
      if (id) {
        await deps.secrets.store(configPath, profile.name, id, created.secret);
        await deps.secrets.delete(configPath, profile.name, provisional);
      }
    }
    return { id, stored };
  } catch (err) {
    return { id, stored, error: err instanceof SecretStorageError ? err.message : String(err) };
  }
}

/** When SecretStorage failed: a modal that lets the user copy the secret once, with help on keyrings. */
export async function showSecretOnce(prompts: Prompts, secret: string, why: string): Promise<void> {
  for (;;) {
    const choice = await prompts.warn(
      'The new token could not be saved in VS Code SecretStorage. Copy it now: influxctl shows it only once.',
      `${why}\n\nOn Linux without a keyring, set "password-store" in argv.json (Preferences: Configure Runtime Arguments), for example "gnome-libsecret", and restart VS Code.`,
      'Copy Secret',
      'How to Enable a Keyring',
    );
    if (choice === 'Copy Secret') return copyWithConfirmation(secret, 'Copied the new token to the clipboard');
    if (choice !== 'How to Enable a Keyring') return;
    await vscode.env.openExternal(vscode.Uri.parse(KEYRING_HELP_URL));
  }
}
