import * as vscode from 'vscode';
import { Command } from '../base/commandIds';
import { isManagementApiError, type DatabaseTokenInputError, type ManagementApiOperation, type Profile } from '../core';
import { describeManagementApiFailure } from '../managementApi/managementApiText';
import type { Log } from '../base/log';
import { describeDatabaseTokenInputProblem } from '../managementApi/databaseTokenText';
import { describeError, isNamed } from '../ui/coreText';
import type { Prompts } from '../ui/prompts';

/** A failed Management API call, in one sentence with its next step; a cancellation shows nothing. */
export function describeApiError(profile: Profile, operation: ManagementApiOperation, err: unknown): string | undefined {
  if (isManagementApiError(err)) {
    if (err.failure.kind === 'cancelled') return undefined;
    return describeManagementApiFailure({ profileName: profile.name, product: profile.product, operation }, err.failure);
  }
  // Refused input is worded here, not by describeError: only these commands build database-token requests.
  return isNamed<DatabaseTokenInputError>(err, 'DatabaseTokenInputError') ? describeDatabaseTokenInputProblem(err.problem) : describeError(err);
}

/** Shows a failed call; one that needs the person's consent to weaken TLS offers Allow… (which asks, naming the risk). */
export async function reportApiFailure(ui: { log: Log; prompts: Prompts }, profile: Profile, operation: ManagementApiOperation, err: unknown): Promise<void> {
  const message = describeApiError(profile, operation, err);
  if (message === undefined) return;
  const redacted = ui.log.redact(message);
  ui.log.error(redacted);
  const needsConsent = isManagementApiError(err) && err.failure.kind === 'needsConsent';
  const allow = vscode.l10n.t('Allow…');
  const showLog = vscode.l10n.t('Show Log');
  const choice = await ui.prompts.error(redacted, ...(needsConsent ? [allow] : []), showLog);
  if (choice === showLog) ui.log.show();
  if (choice === allow) await vscode.commands.executeCommand(Command.allowWeakTls, profile.name);
}
