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
      await this.deps.prompts.inform(`Every stored secret of profile "${row.profile.name}" belongs to the cluster it names.`);
      return undefined;
    }
    return { configPath: row.configPath, profile: row.profile, elsewhere: elsewhere.map(describeOrigin).join(', ') };
  }

  async forget(node?: unknown): Promise<void> {
    const t = await this.target(node, 'Forget Stored Secrets of Another Cluster');
    if (!t) return;
    const choice = await this.deps.prompts.warn(
      `Forget the secrets of profile "${t.profile.name}" stored for ${t.elsewhere}?`,
      'They are deleted from VS Code. The tokens themselves stay valid until they are revoked.',
      'Forget',
    );
    if (choice !== 'Forget') return;
    const count = await this.deps.secrets.forgetBoundElsewhere(t.configPath, t.profile);
    this.deps.log.info(`Forgot ${count} stored secret(s) of profile "${t.profile.name}" bound to ${t.elsewhere}`);
  }

  async rebind(node?: unknown): Promise<void> {
    const t = await this.target(node, 'Rebind Stored Secrets to This Cluster');
    if (!t) return;
    const now = describeOrigin(profileOriginKey(t.profile) ?? '');
    const choice = await this.deps.prompts.warn(
      `Send the secrets of profile "${t.profile.name}" to ${now}?`,
      `They were stored for ${t.elsewhere}. Rebind them only if ${now} is the same cluster under a new address: whoever runs ${now} receives them with every request.`,
      'Rebind',
    );
    if (choice !== 'Rebind') return;
    const count = await this.deps.secrets.rebind(t.configPath, t.profile);
    this.deps.log.info(`Rebound ${count} stored secret(s) of profile "${t.profile.name}" from ${t.elsewhere} to ${now}`);
  }
}
