import * as vscode from 'vscode';
import { databaseTokenStatus, tokenName } from '../core';
import type { ConfigFileModel } from '../state/configFileModel';
import type { DatabaseTokensModel } from '../state/databaseTokensModel';
import type { ManagementTokensModel } from '../state/managementTokensModel';
import type { DatabaseTokenRef, ManagementTokenRef } from '../state/refs';
import { resolveProfile } from './profilePicker';
import { withCancellableProgress } from './progress';
import type { Prompts } from './prompts';

export type TokenRef = ManagementTokenRef | DatabaseTokenRef;

/** A database token that can still be used (neither revoked nor expired), as the palette commands offer them. */
export function isActiveDatabaseToken(row: TokenRef, now: Date): boolean {
  return row.kind === 'databaseToken' && !['revoked', 'expired'].includes(databaseTokenStatus(row.token, now, 0));
}

/** Which tokens a command run from the palette offers. */
export interface TokenChoice {
  management: boolean;
  database: boolean;
  /** Only the tokens this holds for (a stored secret, an active status). */
  offers?: (row: TokenRef) => boolean;
  /** What to say when the profile has none of them. */
  none: (profileName: string) => string;
}

export interface TokenPickerDeps {
  config: ConfigFileModel;
  prompts: Prompts;
  tokens: ManagementTokensModel;
  databaseTokens: DatabaseTokensModel;
}

/**
 * The token a token-row command acts on when it is run from the palette: a
 * profile (asked when there are several), then one of its listed tokens.
 * Undefined when cancelled, or having said why there is nothing to pick.
 */
export async function pickToken(deps: TokenPickerDeps, title: string, choice: TokenChoice): Promise<TokenRef | undefined> {
  const target = await resolveProfile(deps, undefined, title);
  if (!target) return undefined;
  const { configPath, profile } = target;
  const listed = await withCancellableProgress(vscode.l10n.t('Listing the tokens of "{0}"…', profile.name), async () => {
    const [management, database] = await Promise.all([
      choice.management ? deps.tokens.load(configPath, profile) : undefined,
      choice.database ? deps.databaseTokens.load(configPath, profile) : undefined,
    ]);
    const rows: TokenRef[] = [
      ...(management?.kind === 'ok' ? management.tokens.map((token): TokenRef => ({ kind: 'token', configPath, profile, token })) : []),
      ...(database?.kind === 'ok' ? database.tokens.map((token): TokenRef => ({ kind: 'databaseToken', configPath, profile, token })) : []),
    ];
    // A list that failed says why there is nothing of it to pick.
    const failure = management?.kind === 'error' ? management.error.message : database?.kind === 'error' ? database.message : undefined;
    return { rows: rows.filter((r) => choice.offers?.(r) ?? true), failure };
  });
  if (listed.rows.length === 0) {
    await deps.prompts.error(listed.failure ? `${choice.none(profile.name)} ${listed.failure}` : choice.none(profile.name));
    return undefined;
  }
  const kindOf = (row: TokenRef) => (row.kind === 'token' ? vscode.l10n.t('management token') : vscode.l10n.t('database token'));
  const items = listed.rows.map((row) => ({ label: tokenName(row.token), description: choice.management && choice.database ? kindOf(row) : undefined, detail: row.token.id, row }));
  const picked = await deps.prompts.pick(items, { title, placeHolder: vscode.l10n.t('Choose a token of profile "{0}"', profile.name), matchOnDescription: true, matchOnDetail: true });
  return picked?.row;
}
