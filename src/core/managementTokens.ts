import { GO_ZERO_MS, readRfc3339 } from './dates';
import { DAY_MS } from './expiry';
import type { ManagementToken, TokenStatus } from './types';

/**
 * What is wrong with a timestamp influxctl listed: notTimestamp (not an
 * object or string), extraKey (`key` besides seconds and nanos), notInteger,
 * nanosRange (not 0 to 999999999), notRfc3339 (no offset, or not the form),
 * notReal (no such date or time), outOfRange (outside the years 0001 to 9999).
 */
export type TimestampProblem =
  | { code: 'notTimestamp' | 'notInteger' | 'nanosRange' | 'notRfc3339' | 'notReal' | 'outOfRange' }
  | { code: 'extraKey'; key: string };

/**
 * What influxctl printed that its contract does not allow: listNotJson,
 * listNotArray, tokenWithoutId (`position` in the list, from 1), badTimestamp
 * (`field`, e.g. `created_at.seconds`, of the token `tokenId`, quoted and cut
 * short), secretNotCaptured (see SecretNotCapturedError).
 */
export type OutputFormatProblem =
  | { code: 'listNotJson' }
  | { code: 'listNotArray' }
  | { code: 'tokenWithoutId'; position: number }
  | { code: 'badTimestamp'; tokenId: string; field: string; problem: TimestampProblem }
  | { code: 'secretNotCaptured'; reason: SecretNotCapturedReason; secretProblem?: SecretProblem };

/**
 * Why `management create`'s output gave no secret: severalTokens (more than
 * one token-like line), notAToken (the one line cannot be a token:
 * `secretProblem`), otherLines (other lines besides the token), noToken.
 */
export type SecretNotCapturedReason = 'severalTokens' | 'notAToken' | 'otherLines' | 'noToken';

/**
 * Why a string cannot be a management token secret; never holds the string
 * (it may be a secret). `codePoint`: the offending character's.
 */
export type SecretProblem =
  | { code: 'empty' | 'control' | 'url' | 'uuid' | 'onlyHeader' | 'punctuation' | 'noHeader' | 'tooShort' }
  | { code: 'whitespace' | 'foreign'; codePoint: number };

/** influxctl printed something other than what its contract says; `excerpt` ('' when it printed nothing) is redacted. */
export class OutputFormatError extends Error {
  override name = 'OutputFormatError';
  constructor(
    readonly problem: OutputFormatProblem,
    readonly excerpt: string,
  ) {
    super(`${problem.code}: influxctl printed: ${excerpt || 'nothing'}`);
  }
}

/** `text` on one line, cut at `max` characters and quoted; '' when it holds only blanks. */
export function excerptOf(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat === '') return '';
  return JSON.stringify(flat.length > max ? `${flat.slice(0, max)}…` : flat);
}

/** A timestamp of a listed token that is not one: `field` and what is wrong with it. */
class TimestampError extends Error {
  constructor(
    readonly field: string,
    readonly problem: TimestampProblem,
  ) {
    super(`${field}: ${problem.code}`);
  }
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

/** An int64 field as protojson writes it: a JSON integer or a string of digits; absent or null is 0. */
function int64(value: unknown, field: string): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d{1,20}$/.test(value)) return Number(value);
  throw new TimestampError(field, { code: 'notInteger' });
}

/** Milliseconds of an RFC3339 date-time; one without an offset is refused rather than read as local time. */
function rfc3339Ms(text: string, field: string): number {
  const r = readRfc3339(text, { space: true });
  if (!r.ok) throw new TimestampError(field, { code: r.reason === 'notReal' ? 'notReal' : 'notRfc3339' });
  return r.ms;
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
    // protojson leaves out zero fields ({} is the epoch), but writes no others.
    const other = Object.keys(value).find((k) => k !== 'seconds' && k !== 'nanos');
    if (other !== undefined) throw new TimestampError(field, { code: 'extraKey', key: other.slice(0, 40) });
    const { seconds, nanos } = value as { seconds?: unknown; nanos?: unknown };
    const s = int64(seconds, `${field}.seconds`);
    const n = int64(nanos, `${field}.nanos`);
    if (n < 0 || n > 999_999_999) throw new TimestampError(`${field}.nanos`, { code: 'nanosRange' });
    ms = s * 1000 + Math.floor(n / 1e6);
  } else {
    throw new TimestampError(field, { code: 'notTimestamp' });
  }
  if (!(ms >= MIN_SECONDS * 1000 && ms < (MAX_SECONDS + 1) * 1000)) throw new TimestampError(field, { code: 'outOfRange' });
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
    throw new OutputFormatError({ code: 'listNotJson' }, excerptOf(stdout));
  }
  if (data === null) return [];
  if (!Array.isArray(data)) throw new OutputFormatError({ code: 'listNotArray' }, excerptOf(stdout));
  return data.map((item, i) => {
    if (typeof item !== 'object' || item === null || typeof (item as { id?: unknown }).id !== 'string') {
      throw new OutputFormatError({ code: 'tokenWithoutId', position: i + 1 }, jsonExcerpt(item));
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
      if (!(err instanceof TimestampError)) throw err;
      throw new OutputFormatError({ code: 'badTimestamp', tokenId: excerptOf(raw.id as string, 60), field: err.field, problem: err.problem }, jsonExcerpt(item));
    }
  });
}

/**
 * active, expiring, expired or revoked. Expiring: at most `warningDays` left
 * and at most a quarter of its lifetime (createdAt to expiresAt). Tokens of
 * 28 days or more warn for the whole warning window; shorter ones only in
 * their last quarter (a 7-day token in its last 42 hours, a 1-day token in
 * its last 6), so a token is never "expiring" the moment it is created. A createdAt that is missing, invalid or not before expiresAt
 * leaves the window alone to decide; one in the future (clock skew) reads as just created.
 */
export function tokenStatus(t: Pick<ManagementToken, 'expiresAt' | 'revokedAt'> & { createdAt?: Date }, now: Date, warningDays: number): TokenStatus {
  if (t.revokedAt) return 'revoked';
  if (t.expiresAt) {
    const expires = t.expiresAt.getTime();
    const left = expires - now.getTime();
    if (left <= 0) return 'expired';
    // NaN (no createdAt) compares false: an unknown lifetime. A createdAt after now makes more than the lifetime left: active.
    const created = t.createdAt?.getTime() ?? NaN;
    const lifetime = created < expires ? expires - created : Infinity;
    if (left <= warningDays * DAY_MS && left <= lifetime / 4) return 'expiring';
  }
  return 'active';
}

/** Token IDs are UUIDs; anything else is refused before it reaches a command line. */
export function isTokenId(id: string): boolean {
  return /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(id);
}

/**
 * How much of a secret a listed prefix must hold, past the `M.V<n>.` every
 * management token starts with, to tell tokens apart: influxctl lists `M.V1.`
 * and 4 characters of the secret (`M.V1.+5Jk`).
 */
const IDENTIFYING_CHARACTERS = 4;

/** Whether a listed `token_prefix` holds enough of a secret to tell one token from others. */
export function isIdentifyingPrefix(prefix: string): boolean {
  // All or part of the `M.V<n>.` header identifies nothing: `M.V1` and `M.V1.` start every secret.
  const header = /^M(?:\.(?:V(?:\d+\.?)?)?)?/.exec(prefix)?.[0].length ?? 0;
  return prefix.length - header >= IDENTIFYING_CHARACTERS;
}

/** Whether `secret` starts with listed prefix `prefix`, and that prefix can identify a token at all. */
export function secretMatchesPrefix(secret: string, prefix: string): boolean {
  return isIdentifyingPrefix(prefix) && secret.startsWith(prefix);
}

/**
 * Whether listed token `t` could be the one whose secret is `secret` (a
 * profile's mgmt_token, or a token just created): the secret starts with its
 * identifying prefix. Other listed tokens can share that prefix; to know
 * which token a secret is, use findTokenOfSecret on the whole list.
 */
export function isTokenOfSecret(secret: string | undefined, t: ManagementToken): boolean {
  return !!secret && secretMatchesPrefix(secret, t.prefix);
}

/** Which listed token a secret is: none, exactly one, or several that cannot be told apart. */
export type TokenMatch =
  | { kind: 'none' }
  | { kind: 'one'; token: ManagementToken }
  | { kind: 'ambiguous'; tokens: ManagementToken[] };

/**
 * Finds the listed token whose secret is `secret`, never guessing: when
 * several tokens have a prefix the secret starts with (a revoked and a live
 * token can share one), the answer is `ambiguous`, with all of them.
 */
export function findTokenOfSecret(secret: string | undefined, tokens: readonly ManagementToken[]): TokenMatch {
  const byId = new Map<string, ManagementToken>();
  for (const t of tokens) if (isTokenOfSecret(secret, t) && !byId.has(t.id)) byId.set(t.id, t);
  const matches = [...byId.values()];
  if (matches.length === 0) return { kind: 'none' };
  return matches.length === 1 ? { kind: 'one', token: matches[0] } : { kind: 'ambiguous', tokens: matches };
}

/**
 * A profile's mgmt_token as its listed tokens describe it: 'none' without an
 * mgmt_token; 'unlisted' when no listed token can be told to be it (none
 * matches, or several could: matchConfiguredToken tells those apart).
 */
export type ConfiguredTokenState =
  | { kind: 'none' }
  | { kind: 'unlisted' }
  | { kind: 'listed'; token: ManagementToken; status: TokenStatus };

/** ConfiguredTokenState, with several listed tokens that could be the mgmt_token told apart from none. */
export type ConfiguredTokenMatch =
  | ConfiguredTokenState
  | { kind: 'ambiguous'; candidates: { token: ManagementToken; status: TokenStatus }[] };

/** What the tokens listed for a profile say about the profile's own mgmt_token; never a guess among several. */
export function matchConfiguredToken(mgmtToken: string | undefined, tokens: readonly ManagementToken[], now: Date, warningDays: number): ConfiguredTokenMatch {
  if (!mgmtToken) return { kind: 'none' };
  const match = findTokenOfSecret(mgmtToken, tokens);
  switch (match.kind) {
    case 'none':
      return { kind: 'unlisted' };
    case 'one':
      return { kind: 'listed', token: match.token, status: tokenStatus(match.token, now, warningDays) };
    case 'ambiguous':
      return { kind: 'ambiguous', candidates: match.tokens.map((token) => ({ token, status: tokenStatus(token, now, warningDays) })) };
  }
}

/** What the tokens listed for a profile say about the profile's own mgmt_token; several that could be it read as 'unlisted'. */
export function configuredTokenState(mgmtToken: string | undefined, tokens: ManagementToken[], now: Date, warningDays: number): ConfiguredTokenState {
  const match = matchConfiguredToken(mgmtToken, tokens, now, warningDays);
  return match.kind === 'ambiguous' ? { kind: 'unlisted' } : match;
}

/** What a token list says about a secret influxctl has just printed for a new token. */
export type CreatedSecretCheck =
  /** The new token is listed with a prefix the secret starts with. */
  | { kind: 'confirmed'; token: ManagementToken }
  /** The token with the new ID is listed with a prefix the secret does not start with: the captured string is not its secret. */
  | { kind: 'mismatch'; token: ManagementToken }
  /** No ID was printed (before 2.11) and several live listed tokens have a prefix the secret starts with. */
  | { kind: 'ambiguous'; tokens: ManagementToken[] }
  /** No ID was printed and no live listed token has a prefix the secret starts with. */
  | { kind: 'unmatched' }
  /** The new token is not in the list, or its prefix is too short to tell. */
  | { kind: 'unverified' };

/**
 * Cross-checks a secret parsed from `management create` against a token list
 * fetched after it: by the new token's ID when influxctl printed one, else
 * among the live tokens (a new token is not revoked) by prefix.
 */
export function crossCheckCreatedSecret(created: { secret: string; id?: string }, tokens: readonly ManagementToken[]): CreatedSecretCheck {
  if (created.id !== undefined) {
    const token = tokens.find((t) => t.id === created.id);
    if (!token || !isIdentifyingPrefix(token.prefix)) return { kind: 'unverified' };
    return created.secret.startsWith(token.prefix) ? { kind: 'confirmed', token } : { kind: 'mismatch', token };
  }
  const match = findTokenOfSecret(created.secret, tokens.filter((t) => !t.revokedAt));
  if (match.kind === 'one') return { kind: 'confirmed', token: match.token };
  return match.kind === 'ambiguous' ? match : { kind: 'unmatched' };
}
