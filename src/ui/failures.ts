import * as vscode from 'vscode';
import { isInfluxctlError } from '../core';
import { Command } from '../base/commandIds';
import { SECTION } from '../state/settings';
import type { Log } from '../base/log';
import { describeError } from './coreText';
import type { Prompts } from './prompts';

/**
 * Shows what went wrong with an influxctl call, redacted, with the next step
 * as an action: the log, Retry, or setting influxctl's path when it cannot run.
 * A cancellation shows nothing.
 */
export async function reportFailure(ui: { log: Log; prompts: Prompts }, what: string, err: unknown, retry?: () => unknown): Promise<void> {
  if (isInfluxctlError(err) && err.failure.kind === 'cancelled') return;
  const message = ui.log.redact(vscode.l10n.t('{0}: {1}', what, describeError(err)));
  ui.log.error(message);
  const showLog = vscode.l10n.t('Show Log');
  const again = vscode.l10n.t('Retry');
  const setPath = vscode.l10n.t('Set influxctl Path');
  const openSettings = vscode.l10n.t('Open Settings');
  const actions = [showLog, ...(retry ? [again] : [])];
  if (isInfluxctlError(err) && (err.failure.kind === 'notFound' || err.failure.kind === 'notExecutable')) actions.push(setPath);
  // A call stopped at the timeout: the setting that sets it is one click away.
  if (isInfluxctlError(err) && err.failure.kind === 'timeout') actions.push(openSettings);
  const choice = await ui.prompts.error(message, ...actions);
  if (choice === showLog) ui.log.show();
  if (choice === again) await retry?.();
  if (choice === setPath) await vscode.commands.executeCommand(Command.setInfluxctlPath);
  if (choice === openSettings) await vscode.commands.executeCommand('workbench.action.openSettings', `${SECTION}.timeoutSeconds`);
}
