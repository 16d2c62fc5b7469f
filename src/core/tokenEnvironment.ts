/**
 * The environment variables a program reads a token from (InfluxDB 3 client
 * libraries, influxctl, InfluxData's Management API examples), and the
 * data-plane URL (`INFLUX_HOST`) they need. Pure: no I/O.
 */
import { clusterOrigin, examineOrigin, isTokenShaped, originUrl } from './clusterOrigin';
import { singleDatabaseOf, type DatabaseTokenPermission } from './databaseTokens';
import type { Profile } from './types';

/** The token handed over, with its secret (never log it). */
export type HandedTokenSecret =
  /** `host`: the data-plane URL (profileDataPlaneUrl, or the one the user gave for a Dedicated cluster). */
  | { kind: 'database'; secret: string; permissions: readonly DatabaseTokenPermission[]; host: string }
  | { kind: 'management'; secret: string };

/**
 * The variables for one token: a database token gives INFLUX_HOST,
 * INFLUX_TOKEN and INFLUX_DATABASE (only when it covers exactly one
 * database); a management token gives MANAGEMENT_TOKEN and INFLUXCTL_PROFILE,
 * and for Cloud Dedicated ACCOUNT_ID and CLUSTER_ID.
 */
export function tokenEnvironment(profile: Profile, token: HandedTokenSecret): Record<string, string> {
  if (token.kind === 'database') {
    const database = singleDatabaseOf(token.permissions);
    return { INFLUX_HOST: token.host, INFLUX_TOKEN: token.secret, ...(database ? { INFLUX_DATABASE: database } : {}) };
  }
  const env: Record<string, string> = { MANAGEMENT_TOKEN: token.secret, INFLUXCTL_PROFILE: profile.name };
  const origin = clusterOrigin(profile);
  if (origin.ok && origin.origin.product === 'dedicated') {
    env.ACCOUNT_ID = origin.origin.accountId;
    env.CLUSTER_ID = origin.origin.clusterId;
  }
  return env;
}

/**
 * The data-plane URL a profile names, by clusterOrigin()'s host rule: a
 * Clustered profile's host and port; a Cloud Dedicated profile's `host`
 * (and `port`) when it has one. Undefined when it names none (a Dedicated
 * profile without `host`: the user is asked, never a guess).
 */
export function profileDataPlaneUrl(profile: Profile): string | undefined {
  const scheme = profile.tls?.disable === true ? 'http' : 'https';
  const origin = clusterOrigin(profile);
  if (origin.ok && origin.origin.product === 'clustered') return originUrl(scheme, origin.origin.host, origin.origin.port);
  if (!origin.ok || !profile.host) return undefined;
  const host = examineOrigin({ product: 'clustered', host: profile.host, port: profile.port });
  return host.ok && host.origin.product === 'clustered' ? originUrl(scheme, host.origin.host, host.origin.port) : undefined;
}

/** Why a typed data-plane URL is refused: not a URL, not https, carries more than a host and port, or looks like a token. */
export type DataPlaneUrlProblem = 'notUrl' | 'notHttps' | 'notOrigin' | 'tokenShaped';

/**
 * A data-plane URL as the user types it (`https://cluster-id.a.influxdb.io`),
 * made canonical (`https://host[:port]`), or its problem. Only https, only a
 * host and port: no credentials, path, query or fragment.
 */
export function parseDataPlaneUrl(input: string): { ok: true; url: string } | { ok: false; problem: DataPlaneUrlProblem } {
  const text = input.trim();
  if (isTokenShaped(text)) return { ok: false, problem: 'tokenShaped' };
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text)?.[1]?.toLowerCase();
  if (scheme === undefined) return { ok: false, problem: 'notUrl' };
  if (scheme !== 'https') return { ok: false, problem: 'notHttps' };
  const rest = text.slice(scheme.length + 3).replace(/\/$/, '');
  if (/[/?#@\\]/.test(rest)) return { ok: false, problem: 'notOrigin' };
  const host = examineOrigin({ product: 'clustered', host: rest });
  if (!host.ok) return { ok: false, problem: host.problems.some((p) => p.reason === 'tokenShaped') ? 'tokenShaped' : 'notUrl' };
  if (host.origin.product !== 'clustered') return { ok: false, problem: 'notUrl' };
  return { ok: true, url: originUrl('https', host.origin.host, host.origin.port) };
}
