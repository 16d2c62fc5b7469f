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
    const target = await resolveProfile(this.deps, arg, 'Allow Weakened TLS for Profile');
    if (!target) return false;
    const { profile } = target;
    const needed = consents.missing(profile);
    if (!needed.length) {
      await prompts.inform(`The Management API calls of profile "${profile.name}" need no weakened TLS.`);
      return false;
    }
    // Something to weaken means the profile names a cluster (TlsConsents.missing).
    const where = describeOrigin(profileOriginKey(profile) ?? '');
    for (const kind of needed) {
      const choice =
        kind === 'plainHttp'
          ? await prompts.warn(
              `Send the management token of profile "${profile.name}" unencrypted to ${where}?`,
              `[profile.tls] disable = true sends every request over plain HTTP. Anyone on the network between this machine and ${where} can read the token and administer the cluster with it. Prefer HTTPS: remove disable = true.`,
              'Send Unencrypted',
            )
          : await prompts.warn(
              `Skip the verification of the certificate of ${where} for profile "${profile.name}"?`,
              `[profile.tls] insecure = true accepts any certificate: whoever can intercept the connection can pose as the cluster and receive the management token. Prefer [profile.tls] ca = "/path/to/ca.pem".`,
              'Skip Verification',
            );
      if (!choice) return false;
      await consents.grant(profile, kind);
      log.warn(`Profile "${profile.name}": the person allowed ${kind === 'plainHttp' ? 'plain HTTP' : 'no certificate verification'} to ${where}`);
    }
    databaseTokens.invalidate(profile.name);
    return true;
  }
}
