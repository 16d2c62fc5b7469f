import * as vscode from 'vscode';
import { crossCheckCreatedSecret, type CreatedSecretCheck, type SecretNotCapturedError, tokenName } from '../core';
import type { ManagementTokensModel } from '../state/managementTokensModel';
import { isSecretStorageError, type TokenSecretStore } from '../state/tokenSecretStore';
import { type ProfileRef } from '../state/refs';
import { copySecretBriefly } from '../ui/clipboard';
import { describeError } from '../ui/coreText';
import type { Log } from '../base/log';
import type { Prompts } from '../ui/prompts';
import { revokeNewManagementToken } from './revokeManagementTokens';

export const KEYRING_HELP_URL = 'https://code.visualstudio.com/docs/configure/settings-sync#_troubleshooting-keychain-issues';

/**
 * Where a new secret ended up: stored (under its token ID when known), why it
 * could not be, and what the token list says about it. A `mismatch` secret is
 * not the new token's: it was not kept.
 */
export interface SavedSecret {
  id?: string;
  stored: boolean;
  error?: string;
  check: CreatedSecretCheck | { kind: 'notListed' };
}

/**
 * Saves a secret influxctl has just printed, before anything else happens,
 * then cross-checks it against the new token's listed prefix. Before 2.11
 * influxctl prints no ID: the secret is kept under a provisional key until
 * the list tells which token it is. Shows nothing itself.
 */
export async function saveNewSecret(
  deps: { tokens: ManagementTokensModel; secrets: TokenSecretStore; log: Log },
  target: ProfileRef,
  created: { secret: string; id?: string },
): Promise<SavedSecret> {
  const { configPath, profile } = target;
  deps.log.rememberSecret(created.secret);
  let id = created.id;
  let stored = false;
  let check: SavedSecret['check'] = { kind: 'notListed' };
  const key = id ?? `unlisted-${created.secret.slice(0, 9)}-${Date.now()}`;
  try {
    await deps.secrets.store(configPath, profile, key, created.secret);
    stored = true;
    const load = await deps.tokens.load(configPath, profile);
    if (load.kind === 'ok') check = crossCheckCreatedSecret(created, load.tokens);
    if (check.kind === 'mismatch') {
      // Not the new token's secret: keeping it would only mislead.
      await deps.secrets.delete(configPath, profile.name, key);
      return { id: check.token.id, stored: false, check };
    }
    if (!id && check.kind === 'confirmed') {
      id = check.token.id;
      await deps.secrets.store(configPath, profile, id, created.secret);
      await deps.secrets.delete(configPath, profile.name, key);
    }
    return { id, stored, check };
  } catch (err) {
    return { id, stored, check, error: isSecretStorageError(err) ? err.message : String(err) };
  }
}

/** Why a saved secret cannot be trusted, as a sentence, or undefined when it can. */
export function distrustOf(saved: SavedSecret): string | undefined {
  const c = saved.check;
  if (c.kind === 'mismatch') {
    return `The string taken from influxctl's output does not start with the prefix of the new token "${tokenName(c.token)}" (${c.token.prefix}): it is not its secret, so it was not kept. Revoke the new token and create another.`;
  }
  if (c.kind === 'ambiguous') {
    return `The new secret matches ${c.tokens.length} listed tokens (${c.tokens.map(tokenName).join(', ')}), so it is kept without being tied to one of them.`;
  }
  return undefined;
}

/**
 * influxctl printed something that cannot be a token: offers its raw output
 * once (never logged or shown), and revoking the new token when its ID is known.
 */
export async function offerRawOutput(
  deps: { tokens: ManagementTokensModel; log: Log; prompts: Prompts },
  target: ProfileRef,
  err: SecretNotCapturedError,
  what: string,
): Promise<void> {
  const revoke = err.id ? ['Revoke New Token'] : [];
  const choice = await deps.prompts.error(
    `${what}: ${describeError(err)}. influxctl may have created the token and shown its secret only once: copy its output and look for the token there, or revoke the new token.`,
    'Copy influxctl Output',
    ...revoke,
  );
  if (choice === 'Copy influxctl Output') await copySecretBriefly(err.rawOutput, "Copied influxctl's output");
  if (choice === 'Revoke New Token' && err.id) await revokeNewManagementToken(deps, target, { id: err.id });
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
    if (choice === 'Copy Secret') return void (await copySecretBriefly(secret, 'Copied the new token'));
    if (choice !== 'How to Enable a Keyring') return;
    await vscode.env.openExternal(vscode.Uri.parse(KEYRING_HELP_URL));
  }
}
