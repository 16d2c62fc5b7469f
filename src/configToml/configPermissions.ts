import { readableByOthers, restrictToOwner } from '../state/configFileWriter';
import type { Log } from '../base/log';
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
  const choice = await deps.prompts.warn(
    `Other users of this machine can read ${file}, which now holds a secret.`,
    `Its permissions are ${octal}. Restricting it to you (${(mode & 0o700).toString(8).padStart(3, '0')}) keeps influxctl working.`,
    'Restrict to Owner',
  );
  if (choice !== 'Restrict to Owner') return;
  try {
    await restrictToOwner(file);
    deps.log.info(`Restricted ${file} to its owner (was ${octal})`);
  } catch (err) {
    await deps.prompts.error(`Could not change the permissions of ${file}: ${(err as Error).message}`);
  }
}
