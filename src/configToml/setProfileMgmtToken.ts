import * as vscode from 'vscode';
import { tokenName } from '../core';
import type { ConfigFileModel } from '../state/configFileModel';
import type { ManagementTokensModel } from '../state/managementTokensModel';
import type { TokenSecretStore } from '../state/tokenSecretStore';
import { isManagementTokenRef, profileRef, type ProfileRef } from '../state/refs';
import type { Log } from '../base/log';
import { currentRow, resolveProfile } from '../ui/profilePicker';
import { describeError, withoutFullStop } from '../ui/coreText';
import type { Prompts } from '../ui/prompts';
import { offerToRestrictConfig } from './configPermissions';

interface SecretChoice extends vscode.QuickPickItem {
  tokenId?: string;
}

export interface SetProfileMgmtTokenDeps {
  config: ConfigFileModel;
  tokens: ManagementTokensModel;
  secrets: TokenSecretStore;
  log: Log;
  prompts: Prompts;
}

/**
 * Set mgmt_token in config.toml…: writes a management token into a profile's
 * `mgmt_token`, from a profile row (asks which secret), a token row with a
 * stored secret, the create notification ({ tokenId }), a CodeLens or the palette.
 */
export class SetProfileMgmtToken {
  constructor(private readonly deps: SetProfileMgmtTokenDeps) {}

  async run(arg?: unknown, options?: { tokenId?: string }): Promise<boolean> {
    const { config, secrets, log, prompts } = this.deps;
    let target: ProfileRef | undefined;
    /** The secret and, for a stored one, the cluster it belongs to (config.toml must still name it when written). */
    let chosen: { secret: string; origin?: string } | undefined;
    if (isManagementTokenRef(arg)) {
      const row = await currentRow(this.deps, arg);
      if (!row) return false;
      target = profileRef(row.configPath, row.profile);
      chosen = await secrets.getBound(row.configPath, row.profile, row.token.id);
      if (!chosen) {
        await prompts.error(vscode.l10n.t('No secret of token {0} is stored in VS Code for the cluster profile "{1}" names, so it cannot be written to config.toml.', row.token.id, row.profile.name));
        return false;
      }
    } else {
      target = await resolveProfile(this.deps, arg, vscode.l10n.t('Set mgmt_token in config.toml'));
      if (!target) return false;
      if (options?.tokenId) chosen = await secrets.getBound(target.configPath, target.profile, options.tokenId);
      chosen ??= await this.chooseSecret(target);
    }
    if (!chosen) return false;
    const secret = chosen.secret.trim();
    log.rememberSecret(secret);
    const { configPath, profile } = target;

    // Ask before replacing: read the profile as it is now, not as the tree saw it.
    const state = await config.reload();
    const current = state.kind === 'ok' && state.path === configPath ? state.profiles.find((p) => p.name === profile.name) : profile;
    if (current?.mgmtToken && current.mgmtToken !== secret) {
      const replace = vscode.l10n.t('Replace');
      const choice = await prompts.warn(
        vscode.l10n.t('Replace the mgmt_token of profile "{0}"?', profile.name),
        vscode.l10n.t('influxctl will use the new token for this profile from now on. The old token stays valid until it is revoked.'),
        replace,
      );
      if (choice !== replace) return false;
    }
    try {
      const result = await config.setProfileStrings(configPath, profile.name, [['mgmt_token', secret]], chosen.origin);
      log.info(`Set mgmt_token of profile "${profile.name}" in ${configPath}`);
      void prompts.inform(
        result === 'saved'
          ? vscode.l10n.t('mgmt_token of profile "{0}" is set in {1}.', profile.name, configPath)
          : vscode.l10n.t('mgmt_token of profile "{0}" is set in the open editor; save the file to apply it (your unsaved changes are kept).', profile.name),
      );
    } catch (err) {
      await prompts.error(log.redact(vscode.l10n.t('Could not set mgmt_token of "{0}": {1}.', profile.name, withoutFullStop(describeError(err)))));
      return false;
    }
    await offerToRestrictConfig(this.deps, configPath);
    return true;
  }

  /** The secret to write: a stored one of the profile, or one pasted into a password box. */
  private async chooseSecret(target: ProfileRef): Promise<{ secret: string; origin?: string } | undefined> {
    const { tokens, secrets, prompts } = this.deps;
    const { configPath, profile } = target;
    const stored = [...secrets.storedIds(configPath, profile)];
    const load = tokens.peek(configPath, profile);
    const listed = new Map(load?.kind === 'ok' ? load.tokens.map((t) => [t.id, t]) : []);
    const items: SecretChoice[] = stored
      .filter((id) => !listed.get(id)?.revokedAt)
      .map((id) => ({ label: tokenName(listed.get(id) ?? { id, description: '' }), description: id, detail: vscode.l10n.t('secret stored in VS Code'), tokenId: id }));
    items.push({ label: `$(clippy) ${vscode.l10n.t('Paste a management token…')}`, alwaysShow: true });
    const title = vscode.l10n.t('Set mgmt_token of "{0}"', profile.name);
    const picked = items.length === 1 ? items[0] : await prompts.pick(items, { title, placeHolder: vscode.l10n.t('Which token should influxctl use for this profile?') });
    if (!picked) return undefined;
    if (picked.tokenId) return secrets.getBound(configPath, profile, picked.tokenId);
    const pasted = await prompts.input({
      title,
      prompt: vscode.l10n.t('Paste the management token string (it is written to config.toml, never shown or logged)'),
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() === '' ? vscode.l10n.t('Paste a token.') : /\s/.test(v.trim()) ? vscode.l10n.t('A token has no spaces or line breaks.') : undefined),
    });
    return pasted === undefined ? undefined : { secret: pasted };
  }
}
