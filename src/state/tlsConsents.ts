import type * as vscode from 'vscode';
import { profileOriginKey, clusterOrigin, isLoopbackHost, type Profile, type TlsConsent, type TlsConsentKind } from '../core';

const STATE_KEY = 'influxdbTokens.tlsConsents';

/** What a profile's [profile.tls] weakens: plain HTTP to another machine, or no certificate verification (Clustered only). */
function weakenings(profile: Profile): TlsConsentKind[] {
  const r = clusterOrigin(profile);
  if (!r.ok || r.origin.product !== 'clustered') return [];
  if (profile.tls?.disable === true) return isLoopbackHost(r.origin.host) ? [] : ['plainHttp'];
  return profile.tls?.insecure === true ? ['insecure'] : [];
}

/**
 * What the person agreed to, per profile and cluster, to weaken TLS: plain
 * HTTP to a host that is not this machine, or no certificate verification.
 * Kept in globalState (no secret); a profile moved to another cluster is asked again.
 */
export class TlsConsents {
  constructor(private readonly state: vscode.Memento) {}

  private static key(profile: Profile, kind: TlsConsentKind): string | undefined {
    const origin = profileOriginKey(profile);
    return origin && JSON.stringify([profile.name, origin, kind]);
  }

  private granted(): string[] {
    return this.state.get<string[]>(STATE_KEY, []);
  }

  /** The consent to give the profile's requests. */
  of(profile: Profile): TlsConsent {
    const granted = new Set(this.granted());
    const has = (kind: TlsConsentKind) => granted.has(TlsConsents.key(profile, kind) ?? '');
    return { plainHttp: has('plainHttp'), insecure: has('insecure') };
  }

  /** What the profile's [profile.tls] weakens and the person has not agreed to yet (what core's `needsConsent` would name). */
  missing(profile: Profile): TlsConsentKind[] {
    const granted = this.of(profile);
    return weakenings(profile).filter((kind) => !granted[kind]);
  }

  async grant(profile: Profile, kind: TlsConsentKind): Promise<void> {
    const key = TlsConsents.key(profile, kind);
    if (!key) return;
    await this.state.update(STATE_KEY, [...new Set([...this.granted(), key])]);
  }
}
