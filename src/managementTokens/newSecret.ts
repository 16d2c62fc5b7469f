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
    return vscode.l10n.t(
      'The string taken from influxctl\'s output does not start with the prefix of the new token "{0}" ({1}): it is not its secret, so it was not kept. Revoke the new token and create another.',
      tokenName(c.token),
      c.token.prefix,
    );
  }
  if (c.kind === 'ambiguous') {
    return vscode.l10n.t('The new secret matches {0} listed tokens ({1}), so it is kept without being tied to one of them.', c.tokens.length, c.tokens.map(tokenName).join(', '));
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
  const copyOutput = vscode.l10n.t('Copy influxctl Output');
  const revokeNew = vscode.l10n.t('Revoke New Token');
  const choice = await deps.prompts.error(
    vscode.l10n.t({
      message: '{0}: {1}. influxctl may have created the token and shown its secret only once: copy its output and look for the token there, or revoke the new token.',
      args: [what, describeError(err)],
      comment: ['{0} says what failed (e.g. "The new management token of "staging" could not be captured"), {1} why, in influxctl\'s or the extension\'s words'],
    }),
    copyOutput,
    ...(err.id ? [revokeNew] : []),
  );
  if (choice === copyOutput) await copySecretBriefly(err.rawOutput, vscode.l10n.t("Copied influxctl's output"));
  if (choice === revokeNew && err.id) await revokeNewManagementToken(deps, target, { id: err.id });
}

/** When SecretStorage failed: a modal that lets the user copy the secret once, with help on keyrings. */
export async function showSecretOnce(prompts: Prompts, secret: string, why: string): Promise<void> {
  const copy = vscode.l10n.t('Copy Secret');
  const keyringHelp = vscode.l10n.t('How to Enable a Keyring');
  const linuxHint = vscode.l10n.t(
    'On Linux without a keyring, set "password-store" in argv.json (Preferences: Configure Runtime Arguments), for example "gnome-libsecret", and restart VS Code.',
  );
  for (;;) {
    const choice = await prompts.warn(
      vscode.l10n.t('The new token could not be stored securely in VS Code. Copy it now: influxctl shows it only once.'),
      `${why}\n\n${linuxHint}`,
      copy,
      keyringHelp,
    );
    if (choice === copy) return void (await copySecretBriefly(secret, vscode.l10n.t('Copied the new token')));
    if (choice !== keyringHelp) return;
    await vscode.env.openExternal(vscode.Uri.parse(KEYRING_HELP_URL));
  }
}
