import { DAY_MS, humanDuration } from './expiry';
import type { ManagementToken, TokenStatus } from './types';

/** influxctl printed something other than what its contract says. */
export class OutputFormatError extends Error {
  override name = 'OutputFormatError';
  constructor(what: string, readonly excerpt: string) {
    super(`${what}. influxctl printed: ${excerpt}`);
  }
}

export function excerptOf(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat === '') return '(nothing)';
  return JSON.stringify(flat.length > max ? `${flat.slice(0, max)}…` : flat);
}

/**
 * A protobuf timestamp as influxctl's JSON shows it: `{seconds, nanos}` with
 * numbers or numeric strings (protojson writes int64 as strings), or an RFC3339
 * string. The epoch and absent values mean "unset".
 */
function parseTimestamp(value: unknown, field: string): Date | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    if (Number.isNaN(ms)) throw new Error(`${field} is not a timestamp`);
    return ms === 0 ? undefined : new Date(ms);
  }
  if (typeof value === 'object') {
    const { seconds, nanos } = value as { seconds?: unknown; nanos?: unknown };
    const s = seconds === undefined ? 0 : Number(seconds);
    const n = nanos === undefined ? 0 : Number(nanos);
    if (!Number.isFinite(s) || !Number.isFinite(n)) throw new Error(`${field} is not a timestamp`);
    const ms = s * 1000 + Math.floor(n / 1e6);
    return ms === 0 ? undefined : new Date(ms);
  }
  throw new Error(`${field} is not a timestamp`);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Parses `influxctl management list --format json`. */
export function parseManagementTokenList(stdout: string): ManagementToken[] {
  let data: unknown;
  try {
    data = JSON.parse(stdout);
  } catch {
    throw new OutputFormatError('The token list is not JSON', excerptOf(stdout));
  }
  if (data === null) return [];
  if (!Array.isArray(data)) throw new OutputFormatError('The token list is not a JSON array', excerptOf(stdout));
  return data.map((item, i) => {
    if (typeof item !== 'object' || item === null || typeof (item as { id?: unknown }).id !== 'string') {
      throw new OutputFormatError(`Token ${i + 1} of the list has no "id"`, excerptOf(JSON.stringify(item) ?? ''));
    }
    const raw = item as Record<string, unknown>;
    try {
      return {
        id: raw.id as string,
        description: typeof raw.description === 'string' ? raw.description : '',
        prefix: typeof raw.token_prefix === 'string' ? raw.token_prefix : '',
        createdAt: parseTimestamp(raw.created_at, 'created_at') ?? new Date(0),
        expiresAt: parseTimestamp(raw.expires_at, 'expires_at'),
        revokedAt: parseTimestamp(raw.revoked_at, 'revoked_at'),
        accountId: optionalString(raw.account_id),
        createdBy: optionalString(raw.created_by),
      };
    } catch (err) {
      throw new OutputFormatError(`Token ${raw.id as string}: ${(err as Error).message}`, excerptOf(JSON.stringify(item)));
    }
  });
}

export function tokenStatus(t: ManagementToken, now: Date, warningDays: number): TokenStatus {
  if (t.revokedAt) return 'revoked';
  if (t.expiresAt) {
    const left = t.expiresAt.getTime() - now.getTime();
    if (left <= 0) return 'expired';
    if (left <= warningDays * DAY_MS) return 'expiring';
  }
  return 'active';
}

/** "expires in 3 days", "never expires", "expired 2 days ago", "revoked". */
export function describeTokenLifetime(t: ManagementToken, now: Date): string {
  if (t.revokedAt) return 'revoked';
  if (!t.expiresAt) return 'never expires';
  const left = t.expiresAt.getTime() - now.getTime();
  return left > 0 ? `expires in ${humanDuration(left)}` : `expired ${humanDuration(left)} ago`;
}

/** Token IDs are UUIDs; anything else is refused before it reaches a command line. */
export function isTokenId(id: string): boolean {
  return /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(id);
}

/**
 * Whether listed token `t` is the one whose secret is `secret` (a profile's
 * mgmt_token, or a token just created): secrets start with the listed prefix.
 */
export function isTokenOfSecret(secret: string | undefined, t: ManagementToken): boolean {
  return !!secret && t.prefix.length >= 5 && secret.startsWith(t.prefix);
}

export type ConfiguredTokenState =
  | { kind: 'none' }
  | { kind: 'unlisted' }
  | { kind: 'listed'; token: ManagementToken; status: TokenStatus };

/** What the tokens listed for a profile say about the profile's own mgmt_token. */
export function configuredTokenState(mgmtToken: string | undefined, tokens: ManagementToken[], now: Date, warningDays: number): ConfiguredTokenState {
  if (!mgmtToken) return { kind: 'none' };
  const token = tokens.find((t) => isTokenOfSecret(mgmtToken, t));
  return token ? { kind: 'listed', token, status: tokenStatus(token, now, warningDays) } : { kind: 'unlisted' };
}
