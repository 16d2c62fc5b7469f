import * as vscode from 'vscode';
import { profileOriginKey } from '../core';
import type { ConfigFileModel } from '../state/configFileModel';
import type { TokenSecretStore } from '../state/tokenSecretStore';
import type { Log } from '../base/log';
import { describeOrigin } from '../ui/originText';
import { resolveProfile } from '../ui/profilePicker';
import type { Prompts } from '../ui/prompts';

/**
 * Forget or Rebind the stored secrets of a profile whose config.toml entry now
 * names another cluster than the one they were stored for (the Database
 * Tokens group's row says so). Rebinding needs an explicit confirmation.
 */
export class StoredSecretBinding {
  constructor(private readonly deps: { config: ConfigFileModel; secrets: TokenSecretStore; log: Log; prompts: Prompts }) {}

  private async target(node: unknown, title: string) {
    const row = await resolveProfile(this.deps, node, title);
    if (!row) return undefined;
    const elsewhere = this.deps.secrets.boundElsewhere(row.configPath, row.profile);
    if (!elsewhere.length) {
      await this.deps.prompts.inform(vscode.l10n.t('Every stored secret of profile "{0}" belongs to the cluster it names.', row.profile.name));
      return undefined;
    }
    return { configPath: row.configPath, profile: row.profile, elsewhere: elsewhere.map(describeOrigin).join(', ') };
  }

  async forget(node?: unknown): Promise<void> {
    const t = await this.target(node, vscode.l10n.t('Forget Stored Secrets of Another Cluster'));
    if (!t) return;
    const forget = vscode.l10n.t('Forget');
    const choice = await this.deps.prompts.warn(
      vscode.l10n.t({ message: 'Forget the secrets of profile "{0}" stored for {1}?', args: [t.profile.name, t.elsewhere], comment: ['{0} is a profile name, {1} one or more clusters (host:port, or a Cloud Dedicated cluster and account), comma-separated'] }),
      vscode.l10n.t('They are deleted from VS Code. The tokens themselves stay valid until they are revoked.'),
      forget,
    );
    if (choice !== forget) return;
    const count = await this.deps.secrets.forgetBoundElsewhere(t.configPath, t.profile);
    this.deps.log.info(`Forgot ${count} stored secret(s) of profile "${t.profile.name}" bound to ${t.elsewhere}`);
  }

  async rebind(node?: unknown): Promise<void> {
    const t = await this.target(node, vscode.l10n.t('Rebind Stored Secrets to This Cluster'));
    if (!t) return;
    const now = describeOrigin(profileOriginKey(t.profile) ?? '');
    const rebind = vscode.l10n.t('Rebind');
    const choice = await this.deps.prompts.warn(
      vscode.l10n.t({ message: 'Send the secrets of profile "{0}" to {1}?', args: [t.profile.name, now], comment: ['{0} is a profile name, {1} a cluster (host:port, or a Cloud Dedicated cluster and account)'] }),
      vscode.l10n.t({
        message: 'They were stored for {0}. Rebind them only if {1} is the same cluster under a new address: whoever runs {1} receives them with every request.',
        args: [t.elsewhere, now],
        comment: ['{0} is one or more clusters the secrets were stored for, {1} the cluster the profile names now (host:port, or a Cloud Dedicated cluster and account)'],
      }),
      rebind,
    );
    if (choice !== rebind) return;
    const count = await this.deps.secrets.rebind(t.configPath, t.profile);
    this.deps.log.info(`Rebound ${count} stored secret(s) of profile "${t.profile.name}" from ${t.elsewhere} to ${now}`);
  }
}
