import * as vscode from 'vscode';
import { readableByOthers, restrictToOwner } from '../state/configFileWriter';
import type { Log } from '../base/log';
import { withoutFullStop } from '../ui/coreText';
import type { Prompts } from '../ui/prompts';

/**
 * After a secret went into config.toml: if other users of the machine can
 * read the file, says so and offers to make it the owner's alone (as
 * influxctl's own files are). Never changes permissions unasked.
 */
export async function offerToRestrictConfig(deps: { log: Log; prompts: Prompts }, file: string): Promise<void> {
  const mode = await readableByOthers(file).catch(() => undefined);
  if (mode === undefined) return;
  const octal = mode.toString(8).padStart(3, '0');
  const restrict = vscode.l10n.t('Restrict to Owner');
  const choice = await deps.prompts.warn(
    vscode.l10n.t('Other users of this machine can read {0}, which now holds a secret.', file),
    vscode.l10n.t('Its permissions are {0}. Restricting it to you ({1}) keeps influxctl working.', octal, (mode & 0o700).toString(8).padStart(3, '0')),
    restrict,
  );
  if (choice !== restrict) return;
  try {
    await restrictToOwner(file);
    deps.log.info(`Restricted ${file} to its owner (was ${octal})`);
  } catch (err) {
    await deps.prompts.error(vscode.l10n.t('Could not change the permissions of {0}: {1}.', file, withoutFullStop((err as Error).message)));
  }
}
