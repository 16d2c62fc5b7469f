/**
 * Where a Management API request goes: the base URL of a profile's
 * Management API, built from clusterOrigin(), and the TLS it is sent with
 * (`[profile.tls]` for a Clustered host only; plain HTTP off this machine and
 * no verification only with the caller's consent). Part of the HTTP bundle.
 */
import { clusterOrigin, isLoopbackHost, isTokenShaped, originUrl, type ClusterOrigin } from './clusterOrigin';
import { DETAIL_LENGTH, detailOf, scrub } from './managementApiDiagnosis';
import type { ManagementApiConfigProblem, ManagementApiFailure, TlsConsent, TlsConsentKind, UnexpectedProblem } from './managementApiErrors';
import type { Answer, TlsChoice } from './managementApiTransport';
import type { Profile } from './types';

export const DEFAULT_CONSOLE_BASE_URL = 'https://console.influxdata.com';

/** A profile that cannot be turned into a Management API request: its `problem` (worded by the VS Code layer). */
export class ManagementApiConfigError extends Error {
  constructor(readonly problem: ManagementApiConfigProblem) {
    super(`the profile cannot make a Management API request: ${problem.code === 'origin' ? `${problem.origin.field} ${problem.origin.reason}` : problem.code}`);
    this.name = 'ManagementApiConfigError';
  }
}

/** The Cloud Dedicated console's base, without a trailing `/` or `/api/v0`. */
function consoleBase(consoleBaseUrl: string | undefined): string {
  const given = (consoleBaseUrl ?? DEFAULT_CONSOLE_BASE_URL).trim().replace(/\/+$/, '');
  let url: URL | undefined;
  try {
    url = /^https?:\/\/[^/\s]+/i.test(given) ? new URL(given) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || url.username || url.password || url.search || url.hash || /[\s\\]/.test(given)) {
    throw new ManagementApiConfigError(isTokenShaped(given) ? { code: 'consoleUrl' } : { code: 'consoleUrl', value: given.slice(0, 100) });
  }
  return given.replace(/\/api\/v0$/, '');
}

function baseUrlOf(origin: ClusterOrigin, profile: Profile, consoleBaseUrl: string | undefined): string {
  if (origin.product === 'dedicated') return `${consoleBase(consoleBaseUrl)}/api/v0/accounts/${origin.accountId}/clusters/${origin.clusterId}`;
  return `${originUrl(profile.tls?.disable === true ? 'http' : 'https', origin.host, origin.port)}/api/v0`;
}

/**
 * The base URL of a profile's Management API, as the spec of the product says:
 * Cloud Dedicated `{console}/api/v0/accounts/{account_id}/clusters/{cluster_id}`,
 * Clustered `https://{host}[:{port}]/api/v0` (http with `[profile.tls]
 * disable = true`), from clusterOrigin(). Throws ManagementApiConfigError
 * with the problem of the field at fault when the profile does not name a
 * cluster.
 */
export function managementApiBaseUrl(profile: Profile, consoleBaseUrl?: string): string {
  const r = clusterOrigin(profile);
  if (!r.ok) throw new ManagementApiConfigError({ code: 'origin', origin: r.problem });
  return baseUrlOf(r.origin, profile, consoleBaseUrl);
}

/** The `GET …/databases` URL for a profile. Throws ManagementApiConfigError like managementApiBaseUrl. */
export function managementApiUrl(profile: Profile, consoleBaseUrl?: string): string {
  return `${managementApiBaseUrl(profile, consoleBaseUrl)}/databases`;
}

/** Where a request goes and with which TLS, or why it is not sent. */
export type Target = { ok: true; url: string; tls: TlsChoice | undefined } | { ok: false; failure: Extract<ManagementApiFailure, { kind: 'misconfigured' | 'needsConsent' }> };

/**
 * The URL of `path` for a profile and the TLS it is sent with: `[profile.tls]`
 * for a Clustered host only, nothing (default verification) for the Cloud
 * Dedicated console; plain HTTP to another machine and no verification only
 * with `consent`.
 */
export function requestTarget(profile: Profile, consoleBaseUrl: string | undefined, consent: TlsConsent | undefined, path: string): Target {
  const r = clusterOrigin(profile);
  if (!r.ok) return { ok: false, failure: { kind: 'misconfigured', problem: { code: 'origin', origin: r.problem } } };
  let url: string;
  try {
    url = `${baseUrlOf(r.origin, profile, consoleBaseUrl)}${path}`;
  } catch (err) {
    if (err instanceof ManagementApiConfigError) return { ok: false, failure: { kind: 'misconfigured', problem: err.problem } };
    throw err;
  }
  const { protocol, host, hostname } = new URL(url);
  const needs = (kind: TlsConsentKind): Target => ({ ok: false, failure: { kind: 'needsConsent', consent: kind, url, host } });
  if (protocol === 'http:' && !isLoopbackHost(hostname) && consent?.plainHttp !== true) return needs('plainHttp');
  if (r.origin.product === 'dedicated' || protocol === 'http:') return { ok: true, url, tls: undefined };
  const t = profile.tls ?? {};
  if ((t.cert && !t.key) || (!t.cert && t.key)) {
    return { ok: false, failure: { kind: 'misconfigured', url, problem: { code: 'tlsPair', has: t.cert ? 'cert' : 'key' } } };
  }
  // Only `true` weakens anything: a value of another type keeps the verification.
  const insecure = t.insecure === true;
  if (insecure && consent?.insecure !== true) return needs('insecure');
  return { ok: true, url, tls: { insecure, ca: t.ca || undefined, cert: t.cert || undefined, key: t.key || undefined } };
}

/** Why a token cannot be sent, or undefined. */
export function tokenProblem(token: string): ManagementApiConfigProblem | undefined {
  if (typeof token !== 'string' || !token) return { code: 'tokenEmpty' };
  if (/[\s\u0000-\u001f\u007f]/.test(token) || /[^\u0020-\u007e]/.test(token)) return { code: 'tokenCharacters' };
  return undefined;
}

/** What an answer with a status the API does not give here carries: an excerpt of its body, or for a redirect, where it goes. */
export function statusProblem(a: Answer, secrets: readonly string[]): UnexpectedProblem {
  if (a.status >= 300 && a.status < 400 && a.location) return { code: 'status', status: a.status, location: scrub(a.location.slice(0, DETAIL_LENGTH), secrets) };
  const excerpt = detailOf(a.text, secrets);
  return excerpt ? { code: 'status', status: a.status, excerpt } : { code: 'status', status: a.status };
}
