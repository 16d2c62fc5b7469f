import * as vscode from 'vscode';
import { writeProfileToken } from './configWriter';
import { isNode, resolveProfile } from './profilePicker';
import type { ProfileNode, TokenNode } from './profilesTree';
import type { Services } from './services';

interface SecretChoice extends vscode.QuickPickItem {
  tokenId?: string;
}

/** The secret to write: a stored one of the profile, or one pasted into a password box. */
async function chooseSecret(services: Services, target: ProfileNode): Promise<string | undefined> {
  const { configPath, profile } = target;
  const stored = [...services.secrets.storedIds(configPath, profile.name)];
  const load = services.tokens.peek(configPath, profile);
  const listed = load?.kind === 'ok' ? new Map(load.tokens.map((t) => [t.id, t])) : new Map();
  const items: SecretChoice[] = stored
    .filter((id) => !listed.get(id)?.revokedAt)
    .map((id) => ({ label: listed.get(id)?.description || id, description: id, detail: 'secret stored in VS Code', tokenId: id }));
  items.push({ label: '$(clippy) Paste a management token…', alwaysShow: true });
  const picked =
    items.length === 1
      ? items[0]
      : await services.prompts.pick(items, { title: `Set mgmt_token of "${profile.name}"`, placeHolder: 'Which token should influxctl use for this profile?' });
  if (!picked) return undefined;
  if (picked.tokenId) return services.secrets.get(configPath, profile.name, picked.tokenId);
  return services.prompts.input({
    title: `Set mgmt_token of "${profile.name}"`,
    prompt: 'Paste the management token string (it is written to config.toml, never shown or logged)',
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() === '' ? 'Paste a token' : /\s/.test(v.trim()) ? 'A token has no spaces or line breaks' : undefined),
  });
}

/**
 * Writes a management token into a profile's `mgmt_token` in config.toml:
 * from a profile row (asks which secret), a token row with a stored secret,
 * the create notification ({ tokenId }), a CodeLens or the palette.
 */
export async function setProfileToken(services: Services, arg?: unknown, options?: { tokenId?: string }): Promise<boolean> {
  let target: ProfileNode | undefined;
  let secret: string | undefined;
  if (isNode(arg, 'token')) {
    const node = arg as TokenNode;
    target = { kind: 'profile', configPath: node.configPath, profile: node.profile };
    secret = await services.secrets.get(node.configPath, node.profile.name, node.token.id);
    if (!secret) {
      await services.prompts.error(`No secret of token ${node.token.id} is stored in VS Code, so it cannot be written to config.toml.`);
      return false;
    }
  } else {
    target = await resolveProfile(services, arg, 'Set mgmt_token in config.toml');
    if (!target) return false;
    if (options?.tokenId) secret = await services.secrets.get(target.configPath, target.profile.name, options.tokenId);
    secret ??= await chooseSecret(services, target);
  }
  if (!secret) return false;
  secret = secret.trim();
  services.log.rememberSecret(secret);

  // Ask before replacing: read the profile as it is now, not as the tree saw it.
  const state = await services.config.reload();
  const current = state.kind === 'ok' && state.path === target.configPath ? state.profiles.find((p) => p.name === target!.profile.name) : target.profile;
  if (current?.mgmtToken && current.mgmtToken !== secret) {
    const choice = await services.prompts.warn(
      `Replace the mgmt_token of profile "${target.profile.name}"?`,
      'influxctl will use the new token for this profile from now on. The old token stays valid until it is revoked.',
      'Replace',
    );
    if (choice !== 'Replace') return false;
  }
  try {
    const result = await writeProfileToken(target.configPath, target.profile.name, secret);
    services.log.info(`Set mgmt_token of profile "${target.profile.name}" in ${target.configPath}`);
    void services.prompts.inform(
      result === 'saved'
        ? `mgmt_token of profile "${target.profile.name}" is set in ${target.configPath}.`
        : `mgmt_token of profile "${target.profile.name}" is set in the open editor; save the file to apply it (your unsaved changes are kept).`,
    );
  } catch (err) {
    await services.prompts.error(services.log.redact(`Could not set mgmt_token of "${target.profile.name}": ${(err as Error).message}`));
    return false;
  }
  await services.config.reload();
  return true;
}
