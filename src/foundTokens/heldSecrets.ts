import type { Profile } from '../core';
import type { ConfigState } from '../state/configFileModel';
import { databaseSecretId, type TokenSecretStore } from '../state/tokenSecretStore';

/** A secret the extension holds for a profile, with where it comes from. The secret is for hashing at once, never to keep. */
export interface HeldSecret {
  profile: Profile;
  kind: 'management' | 'database';
  /** The token's ID, for a secret stored in VS Code. */
  id?: string;
  /** The profile's mgmt_token (management) or token (database) in config.toml. */
  configured: boolean;
  secret: string;
}

/**
 * Every secret the extension holds for the profiles of config.toml as it is
 * now, profile by profile: its mgmt_token and token, then the management and
 * database token secrets stored for it.
 */
export async function heldSecrets(state: Extract<ConfigState, { kind: 'ok' }>, secrets: TokenSecretStore): Promise<HeldSecret[]> {
  const held: HeldSecret[] = [];
  const hold = (secret: string | undefined, of: Omit<HeldSecret, 'secret'>) => secret && held.push({ ...of, secret });
  for (const profile of state.profiles) {
    hold(profile.mgmtToken, { profile, kind: 'management', configured: true });
    hold(profile.token, { profile, kind: 'database', configured: true });
    for (const id of secrets.storedIds(state.path, profile)) hold(await secrets.get(state.path, profile, id), { profile, kind: 'management', id, configured: false });
    for (const id of secrets.storedIds(state.path, profile, 'database')) hold(await secrets.get(state.path, profile, databaseSecretId(id)), { profile, kind: 'database', id, configured: false });
  }
  return held;
}
