import * as vscode from 'vscode';
import { Command } from '../base/commandIds';
import type { Log } from '../base/log';
import type { ProfileRef } from '../state/refs';
import type { Prompts } from './prompts';

/**
 * Before the questions of a create: the cluster already refused the
 * profile's management token (its last list failed with permission denied
 * or unauthenticated), so the create would most likely fail after every
 * question. Says so in plain words (the failure as reported, `raw`, goes to
 * the log), offers Set mgmt_token… first, and Try Anyway. Whether to go on.
 */
export async function goOnDespiteRefusal(deps: { log: Log; prompts: Prompts }, target: ProfileRef, message: string, detail: string, raw: string): Promise<boolean> {
  deps.log.warn(`The last list of profile "${target.profile.name}" was refused, so creating a token would be too: ${raw}`);
  const setToken = vscode.l10n.t('Set mgmt_token…');
  const tryAnyway = vscode.l10n.t('Try Anyway');
  const choice = await deps.prompts.warn(message, detail, setToken, tryAnyway);
  if (choice === setToken) await vscode.commands.executeCommand(Command.setProfileMgmtToken, target);
  return choice === tryAnyway;
}
