import { DAY_MS, humanDuration, isRealDate } from './expiry';
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
 * An excerpt of a parsed JSON value, written only as far as the excerpt shows:
 * JSON.stringify of influxctl's output could overflow the stack (100,000
 * nested arrays) or write megabytes only to cut them.
 */
function jsonExcerpt(value: unknown, max = 120): string {
  let out = '';
  // Recursion is bounded: every level writes a bracket, and writing stops past `max`.
  const write = (v: unknown): void => {
    if (Array.isArray(v)) {
      out += '[';
      for (let i = 0; i < v.length && out.length <= max; i++) {
        if (i > 0) out += ',';
        write(v[i]);
      }
      out += ']';
    } else if (typeof v === 'object' && v !== null) {
      out += '{';
      let first = true;
      for (const key in v) {
        if (out.length > max) break;
        out += `${first ? '' : ','}${JSON.stringify(key.slice(0, max))}:`;
        first = false;
        write((v as Record<string, unknown>)[key]);
      }
      out += '}';
    } else {
      out += typeof v === 'string' ? JSON.stringify(v.slice(0, max + 1)) : String(v);
    }
  };
  write(value);
  return excerptOf(out, max);
}

// A protobuf Timestamp spans 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z.
const MIN_SECONDS = -62135596800;
const MAX_SECONDS = 253402300799;
// Go's zero time.Time: what a Go program writes for a time never set.
const GO_ZERO_MS = MIN_SECONDS * 1000;
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** An int64 field as protojson writes it: a JSON integer or a string of digits; absent or null is 0. */
function int64(value: unknown, what: string): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d{1,20}$/.test(value)) return Number(value);
  throw new Error(`${what} is not an integer`);
}

/** Milliseconds of an RFC3339 date-time; one without an offset is refused rather than read as local time. */
function rfc3339Ms(text: string, field: string): number {
  const m = RFC3339.exec(text);
  if (!m) throw new Error(`${field} is not an RFC3339 date-time with an offset`);
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (!isRealDate(year, month, day) || hour > 23 || minute > 59 || second > 59) throw new Error(`${field} is not a real date and time`);
  return Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${(m[7] ?? '').slice(0, 4)}${m[8].toUpperCase()}`);
}

/**
 * A protobuf timestamp as influxctl's JSON shows it: `{seconds, nanos}` with
 * numbers or numeric strings (protojson writes int64 as strings), or an RFC3339
 * string. Absent values, the epoch and Go's zero time mean "unset"; anything
 * else that is not a timestamp in protobuf's range is an error.
 */
function parseTimestamp(value: unknown, field: string): Date | undefined {
  if (value === undefined || value === null) return undefined;
  let ms: number;
  if (typeof value === 'string') {
    ms = rfc3339Ms(value, field);
  } else if (typeof value === 'object' && !Array.isArray(value)) {
    const { seconds, nanos } = value as { seconds?: unknown; nanos?: unknown };
    const s = int64(seconds, `${field}.seconds`);
    const n = int64(nanos, `${field}.nanos`);
    if (n < 0 || n > 999_999_999) throw new Error(`${field}.nanos is not between 0 and 999999999`);
    ms = s * 1000 + Math.floor(n / 1e6);
  } else {
    throw new Error(`${field} is not a timestamp`);
  }
  if (!(ms >= MIN_SECONDS * 1000 && ms < (MAX_SECONDS + 1) * 1000)) throw new Error(`${field} is outside the years 0001 to 9999`);
  return ms === 0 || ms === GO_ZERO_MS ? undefined : new Date(ms);
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
      throw new OutputFormatError(`Token ${i + 1} of the list has no "id"`, jsonExcerpt(item));
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
      throw new OutputFormatError(`Token ${raw.id as string}: ${(err as Error).message}`, jsonExcerpt(item));
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
