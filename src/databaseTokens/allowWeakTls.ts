import * as vscode from 'vscode';
import { profileOriginKey } from '../core';
import type { DatabaseTokensModel } from '../state/databaseTokensModel';
import type { ConfigFileModel } from '../state/configFileModel';
import type { TlsConsents } from '../state/tlsConsents';
import type { Log } from '../base/log';
import { describeOrigin } from '../ui/originText';
import { resolveProfile } from '../ui/profilePicker';
import type { Prompts } from '../ui/prompts';

/**
 * Allow Weakened TLS for Profile…: after a modal that names the host and the
 * risk, lets the Management API calls of one profile use plain HTTP or skip
 * certificate verification, as its [profile.tls] asks. Asked once per profile
 * and cluster; nothing is sent before.
 */
export class AllowWeakTls {
  constructor(private readonly deps: { config: ConfigFileModel; consents: TlsConsents; databaseTokens: DatabaseTokensModel; log: Log; prompts: Prompts }) {}

  async run(arg?: unknown): Promise<boolean> {
    const { consents, databaseTokens, log, prompts } = this.deps;
    const target = await resolveProfile(this.deps, arg, vscode.l10n.t('Allow Weakened TLS for Profile'));
    if (!target) return false;
    const { profile } = target;
    const needed = consents.missing(profile);
    if (!needed.length) {
      await prompts.inform(vscode.l10n.t('The Management API calls of profile "{0}" need no weakened TLS.', profile.name));
      return false;
    }
    // Something to weaken means the profile names a cluster (TlsConsents.missing).
    const where = describeOrigin(profileOriginKey(profile) ?? '');
    for (const kind of needed) {
      const choice =
        kind === 'plainHttp'
          ? await prompts.warn(
              vscode.l10n.t({ message: 'Send the management token of profile "{0}" unencrypted to {1}?', args: [profile.name, where], comment: ['{0} is a profile name, {1} a cluster (host:port, or a Cloud Dedicated cluster and account)'] }),
              vscode.l10n.t({
                message: '[profile.tls] disable = true sends every request over plain HTTP. Anyone on the network between this machine and {0} can read the token and administer the cluster with it. Prefer HTTPS: remove disable = true.',
                args: [where],
                comment: ['{0} is a cluster (host:port, or a Cloud Dedicated cluster and account); "[profile.tls] disable = true" is config.toml syntax'],
              }),
              vscode.l10n.t('Send Unencrypted'),
            )
          : await prompts.warn(
              vscode.l10n.t({ message: 'Skip the verification of the certificate of {0} for profile "{1}"?', args: [where, profile.name], comment: ['{0} is a cluster (host:port, or a Cloud Dedicated cluster and account), {1} a profile name'] }),
              vscode.l10n.t({
                message: '[profile.tls] insecure = true accepts any certificate: whoever can intercept the connection can pose as the cluster and receive the management token. Prefer [profile.tls] ca = "/path/to/ca.pem".',
                comment: ['"[profile.tls] insecure = true" and "[profile.tls] ca = ..." are config.toml syntax'],
              }),
              vscode.l10n.t('Skip Verification'),
            );
      if (!choice) return false;
      await consents.grant(profile, kind);
      log.warn(`Profile "${profile.name}": the person allowed ${kind === 'plainHttp' ? 'plain HTTP' : 'no certificate verification'} to ${where}`);
    }
    databaseTokens.invalidate(profile.name);
    return true;
  }
}
