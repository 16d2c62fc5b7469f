import * as vscode from 'vscode';
import { isInfluxctlError } from '../core';
import { Command } from '../base/commandIds';
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
  const message = ui.log.redact(`${what}: ${describeError(err)}`);
  ui.log.error(message);
  const actions = ['Show Log', ...(retry ? ['Retry'] : [])];
  if (isInfluxctlError(err) && (err.failure.kind === 'notFound' || err.failure.kind === 'notExecutable')) actions.push('Set influxctl Path');
  const choice = await ui.prompts.error(message, ...actions);
  if (choice === 'Show Log') ui.log.show();
  if (choice === 'Retry') await retry?.();
  if (choice === 'Set influxctl Path') await vscode.commands.executeCommand(Command.setInfluxctlPath);
}
