/**
 * Tokens written in a text (a file, an open document), in the forms they take
 * in real files: plain, JSON-escaped, URL-encoded, and base64-encoded, as a
 * whole value (a Kubernetes Secret's `data:`) or inside a longer encoded text
 * (a whole .env file in a Secret). One pass, linear in the text's
 * length; the text is read with indexOf, charCodeAt and slice, never with a
 * regular expression that could backtrack.
 */
import { createHash } from 'node:crypto';
import { whyNotATokenSecret } from './createdManagementToken';
import { ACCESS_TOKEN_MIN_LENGTH } from './databaseTokenAnswers';

export interface FoundToken {
  kind: 'management' | 'database';
  /** UTF-16 offsets of the token as written (for an encoded form: the whole encoded run). */
  start: number;
  end: number;
  encoding: 'plain' | 'json' | 'url' | 'base64';
  /** The decoded token: a secret, never log or display it. */
  secret: string;
}

type Encoding = FoundToken['encoding'];

/** SHA-256 (hex) of a secret: what indexes and ignore lists keep instead of it. */
export function fingerprintSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

// Where a candidate starts: a token's header (`apiv<n>_`, `M.V<n>.`), or the
// base64 characters that the header decides when it is encoded after 0, 1 or
// 2 other bytes (its three alignments in a group of three bytes; tokenScan's
// base64Spellings). At alignment 0 that is `apiv` / `M.V` and the top bits of
// a digit; at 1 and 2 it is of `apiv1_` / `M.V1.`, the version there is.
const DATABASE_START = 'apiv';
const MANAGEMENT_START = 'M.V';
const BASE64_DATABASE_START = 'YXBpdj';
const BASE64_MANAGEMENT_START = 'TS5W';
/** Base64 starts: the spelling, the header's alignment, and where the spelling sits in its group's encoding. */
const BASE64_STARTS: ReadonlyArray<{ spelling: string; lead: number; offset: number }> = [
  { spelling: BASE64_DATABASE_START, lead: 0, offset: 0 },
  { spelling: BASE64_MANAGEMENT_START, lead: 0, offset: 0 },
  { spelling: 'FwaXYxX', lead: 1, offset: 2 },
  { spelling: '0uVjEu', lead: 1, offset: 2 },
  { spelling: 'hcGl2MV', lead: 2, offset: 3 },
  { spelling: 'NLlYxL', lead: 2, offset: 3 },
];
// (Marked pure so that a bundle importing the core without findTokens drops this module.)
const STARTS = /* @__PURE__ */ (() => [DATABASE_START, MANAGEMENT_START, ...BASE64_STARTS.map((s) => s.spelling)])();

const BACKSLASH = 0x5c;
const PERCENT = 0x25;
const EQUALS = 0x3d;

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
function isUpper(c: number): boolean {
  return c >= 0x41 && c <= 0x5a;
}
function isLower(c: number): boolean {
  return c >= 0x61 && c <= 0x7a;
}
function isAlphanumeric(c: number): boolean {
  return isDigit(c) || isUpper(c) || isLower(c);
}
/** [A-Za-z0-9_]: a character that glues a token to a word before it (`get_apiv1_tokens`). */
function isWordCharacter(c: number): boolean {
  return isAlphanumeric(c) || c === 0x5f;
}
/** A database token's characters after `apiv<n>_`: [A-Za-z0-9_-]. */
function isDatabaseBodyCharacter(c: number): boolean {
  return isWordCharacter(c) || c === 0x2d;
}
/** A management token's characters after `M.V<n>.`, `=` padding aside: [A-Za-z0-9+/_-]. */
function isManagementBodyCharacter(c: number): boolean {
  return isDatabaseBodyCharacter(c) || c === 0x2b || c === 0x2f;
}
function hexValue(c: number): number {
  if (isDigit(c)) return c - 0x30;
  const lower = c | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}
function hexAt(text: string, at: number, digits: number): number {
  if (at + digits > text.length) return -1;
  let value = 0;
  for (let i = 0; i < digits; i++) {
    const h = hexValue(text.charCodeAt(at + i));
    if (h < 0) return -1;
    value = value * 16 + h;
  }
  return value;
}

/**
 * Whether a token can start at `at`: not glued to a word before it. An escape
 * before it ends the word before: `%XX` (`%3DM.V1.…`, `?q=%22apiv1_…`), or
 * in a JSON string `\n`, `\t`, `\r` (`"Your token:\nM.V1.…"`) whose
 * backslash is not itself escaped (`C:\\new` is a backslash and a word).
 */
function startsAtBoundary(text: string, at: number): boolean {
  if (at === 0) return true;
  const before = text.charCodeAt(at - 1);
  if (!isWordCharacter(before)) return true;
  if (at >= 3 && text.charCodeAt(at - 3) === PERCENT && hexAt(text, at - 2, 2) >= 0) return true;
  if (before !== 0x6e && before !== 0x74 && before !== 0x72) return false;
  // Counted once per run of backslashes: only the start right after it counts them.
  let backslashes = 0;
  while (at - 2 - backslashes >= 0 && text.charCodeAt(at - 2 - backslashes) === BACKSLASH) backslashes++;
  return backslashes % 2 === 1;
}

/** The end of `apiv<n>_` / `M.V<n>.` at `at` (`n` one or more digits), or -1. */
function headerEnd(text: string, at: number, start: string, last: number): number {
  let i = at + start.length;
  const digitsFrom = i;
  while (i < text.length && isDigit(text.charCodeAt(i))) i++;
  return i > digitsFrom && i < text.length && text.charCodeAt(i) === last ? i + 1 : -1;
}

interface Candidate {
  /** Where reading stopped: past the token, or past what was read of a rejected one. */
  end: number;
  found?: FoundToken;
}

// A placeholder in documentation (`apiv1_xxxx…`, `M.V1.YOUR_TOKEN`,
// `apiv1_5555…`, `…abcdef0123456789`) or an identifier
// (`apiv1_list_tokens_v2_…`) is not a token. A real body is random base64: it
// holds two of lower case, upper case and digits (both cases from 32
// characters on), at least 8 distinct characters, and no run of more than 5
// of one character or of consecutive ones (`xxxxxx`, `abcdef`, `012345`). A
// random body fails this with a chance of about 1e-5 at 16 characters (the
// shortest a management token may have) and 1e-7 at a database token's 58.
const MIN_CLASSES = 2;
const BOTH_CASES_FROM = 32;
const MIN_DISTINCT = 8;
const MAX_RUN = 5;
// Longer runs are data (a blob, a minified bundle), not a token: they are
// skipped without being decoded or checked.
const MAX_TOKEN_LENGTH = 4096;
// The shortest a management token can be by these rules: `M.V1.` and MIN_DISTINCT characters.
const MIN_MANAGEMENT_LENGTH = 'M.V1.'.length + MIN_DISTINCT;

/** Whether a token's body, text[from, to) (after its header, without `=` padding), looks like documentation rather than a secret. */
function isPlaceholderBody(text: string, from: number, to: number): boolean {
  let classes = 0;
  // Which characters were seen, as bits of 4 words: bodies are ASCII.
  const seen = [0, 0, 0, 0];
  let distinct = 0;
  let same = 1;
  let ascending = 1;
  let previous = -1;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    classes |= isLower(c) ? 1 : isUpper(c) ? 2 : isDigit(c) ? 4 : 0;
    const bit = 1 << (c & 31);
    if (!(seen[(c >> 5) & 3] & bit)) {
      seen[(c >> 5) & 3] |= bit;
      distinct++;
    }
    same = c === previous ? same + 1 : 1;
    ascending = c === previous + 1 && isAlphanumeric(c) ? ascending + 1 : 1;
    if (same > MAX_RUN || ascending > MAX_RUN) return true;
    previous = c;
  }
  if (to - from >= BOTH_CASES_FROM && (classes & 3) !== 3) return true;
  return (classes & 1) + ((classes >> 1) & 1) + ((classes >> 2) & 1) < MIN_CLASSES || distinct < MIN_DISTINCT;
}

/** Whether `secret`, whole and decoded, is a management token (the rule of createdManagementToken). */
function isManagementSecret(secret: string, bodyStart: number): boolean {
  let bodyEnd = secret.length;
  while (bodyEnd > bodyStart && secret.charCodeAt(bodyEnd - 1) === EQUALS) bodyEnd--;
  return !isPlaceholderBody(secret, bodyStart, bodyEnd) && whyNotATokenSecret(secret) === undefined;
}

/** A database token at `at` (its `apiv` found there), long enough: plain in every form, its characters need no escape. */
function databaseAt(text: string, at: number): Candidate {
  const bodyStart = headerEnd(text, at, DATABASE_START, 0x5f);
  if (bodyStart < 0) return { end: at + 1 };
  let end = bodyStart;
  while (end < text.length && isDatabaseBodyCharacter(text.charCodeAt(end))) end++;
  if (end - at < ACCESS_TOKEN_MIN_LENGTH || end - at > MAX_TOKEN_LENGTH || isPlaceholderBody(text, bodyStart, end)) return { end };
  return { end, found: { kind: 'database', start: at, end, encoding: 'plain', secret: text.slice(at, end) } };
}

/**
 * The character an escape at `at` stands for and the escape's length, for a
 * JSON escape (`\/`, `\u002B`) or a URL one (`%2B`); undefined for anything else.
 */
function escapeAt(text: string, at: number): { char: number; length: number; encoding: Encoding } | undefined {
  const c = text.charCodeAt(at);
  if (c === PERCENT) {
    const value = hexAt(text, at + 1, 2);
    return value < 0 ? undefined : { char: value, length: 3, encoding: 'url' };
  }
  if (c !== BACKSLASH) return undefined;
  const next = text.charCodeAt(at + 1);
  if (next === 0x2f) return { char: next, length: 2, encoding: 'json' };
  if (next !== 0x75) return undefined;
  const value = hexAt(text, at + 2, 4);
  return value < 0 ? undefined : { char: value, length: 6, encoding: 'json' };
}

/**
 * A management token at `at` (its `M.V` found there). Its body may hold
 * escapes of one kind, JSON or URL, which decide its encoding; an escape of
 * the other kind, or of a character a token has not, ends it. `=` padding
 * ends it too, and must not be followed by more of the body.
 */
function managementAt(text: string, at: number): Candidate {
  const bodyStart = headerEnd(text, at, MANAGEMENT_START, 0x2e);
  if (bodyStart < 0) return { end: at + 1 };
  let encoding: Encoding = 'plain';
  // The decoded secret's pieces, joined once (appending a character per
  // escape would make a rope of millions); none while there is no escape.
  const decoded: string[] = [];
  let copied = at;
  let end = bodyStart;
  // Characters of escapes beyond the one each stands for: the decoded length is end - at - escaped.
  let escaped = 0;
  let padded = false;
  while (end < text.length) {
    const c = text.charCodeAt(end);
    if (!padded && isManagementBodyCharacter(c)) {
      end++;
      continue;
    }
    if (c === EQUALS) {
      padded = true;
      end++;
      continue;
    }
    const escape = escapeAt(text, end);
    if (!escape || (encoding !== 'plain' && escape.encoding !== encoding)) break;
    if (!(padded ? escape.char === EQUALS : escape.char === EQUALS || isManagementBodyCharacter(escape.char))) break;
    encoding = escape.encoding;
    if (end - at - escaped <= MAX_TOKEN_LENGTH) decoded.push(text.slice(copied, end), String.fromCharCode(escape.char));
    padded = escape.char === EQUALS;
    end += escape.length;
    escaped += escape.length - 1;
    copied = end;
  }
  // Padding is the end: more of the body glued after it is no token.
  if (padded && end < text.length && isManagementBodyCharacter(text.charCodeAt(end))) return { end };
  if (end - at - escaped > MAX_TOKEN_LENGTH) return { end };
  if (encoding === 'plain' && isPlaceholderBody(text, bodyStart, end)) return { end };
  decoded.push(text.slice(copied, end));
  const secret = decoded.join('');
  if (!isManagementSecret(secret, bodyStart - at)) return { end };
  return { end, found: { kind: 'management', start: at, end, encoding, secret } };
}

const BASE64_VALUES = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) BASE64_VALUES['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.charCodeAt(i)] = i;
BASE64_VALUES[0x2d] = 62; // base64url
BASE64_VALUES[0x5f] = 63;

function base64Value(c: number): number {
  return c < 128 ? BASE64_VALUES[c] : -1;
}

/**
 * A token encoded in base64 as a whole value at `at` (after `: `, `=`, a
 * quote): the run of base64 characters there, not glued to more of them
 * before or after, decodes to a token, or to a token and a line break
 * (`echo TOKEN | base64`).
 */
function base64At(text: string, at: number): Candidate {
  if (at > 0 && base64Value(text.charCodeAt(at - 1)) >= 0) return { end: at + 1 };
  let end = at;
  while (end < text.length && base64Value(text.charCodeAt(end)) >= 0) end++;
  const dataEnd = end;
  while (end < text.length && end - dataEnd < 2 && text.charCodeAt(end) === EQUALS) end++;
  if (end < text.length && (base64Value(text.charCodeAt(end)) >= 0 || text.charCodeAt(end) === EQUALS)) return { end: at + 1 };
  // A line break may follow the token: decoded, it is 0 to 2 bytes longer.
  const decodedLength = Math.floor(((dataEnd - at) * 3) / 4);
  if (decodedLength < MIN_MANAGEMENT_LENGTH || decodedLength > MAX_TOKEN_LENGTH + 2) return { end: at + 1 };
  const decoded = decodeBase64(text, at, dataEnd);
  const secret = decoded?.replace(/\r?\n$/, '');
  if (secret === undefined) return { end: at + 1 };
  const token = secret.startsWith(DATABASE_START) ? databaseAt(secret, 0) : managementAt(secret, 0);
  if (!token.found || token.end !== secret.length || token.found.encoding !== 'plain') return { end: at + 1 };
  return { end, found: { ...token.found, start: at, end, encoding: 'base64' } };
}

/** The base64 text[from, to) decoded, when it is printable ASCII with line breaks; otherwise undefined. */
function decodeBase64(text: string, from: number, to: number): string | undefined {
  if ((to - from) % 4 === 1) return undefined;
  // Node's decoder reads base64 and base64url alike; the run holds nothing else.
  const bytes = Buffer.from(text.slice(from, to), 'base64');
  for (const byte of bytes) if (!((byte >= 0x21 && byte <= 0x7e) || byte === 0x0a || byte === 0x0d)) return undefined;
  return bytes.toString('latin1');
}

/**
 * Where the run of base64 characters around a position begins. Positions
 * only grow during a pass: the run is read backwards from a position down to
 * the last one asked about at most, so each character is read once, and only
 * characters of runs before a candidate are read at all.
 */
class Base64Runs {
  /** The last position asked about, and where the run of base64 characters ending there begins. */
  private askedAt = 0;
  private runStart = 0;

  constructor(private readonly text: string) {}

  startOfRunAt(at: number): number {
    let i = at;
    while (i > this.askedAt && base64Value(this.text.charCodeAt(i - 1)) >= 0) i--;
    // Back at the last position asked about, through base64 only: the same run as then.
    const start = i === this.askedAt ? this.runStart : i;
    this.askedAt = at;
    this.runStart = start;
    return start;
  }
}

/** text[from, to) decoded from base64 as bytes (Latin-1 characters); a trailing partial character is dropped. */
function decodeRun(text: string, from: number, to: number): string {
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (let i = from; i < to; i++) {
    value = ((value << 6) | base64Value(text.charCodeAt(i))) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((value >> bits) & 0xff);
    }
  }
  return String.fromCharCode(...bytes);
}

// How much of a run is decoded first to read a token inside it: enough for
// its header at any alignment (9 bytes from the group holding its start), so
// that a spelling not followed by a token costs little; a
// token doubles it (all doublings together read no more than twice the
// last), up to the longest token.
const FIRST_WINDOW_CHARS = 12;
const MAX_WINDOW_CHARS = Math.ceil((MAX_TOKEN_LENGTH + 6) / 3) * 4;

/**
 * A token inside a longer base64 text, its header's spelling found at `at`:
 * the spelling sits where the run's groups of four characters say it may,
 * the byte before the token ends a word, and what the token's bytes decode to
 * is a whole token. The range covers the groups that encode the token.
 */
function base64InRunAt(text: string, at: number, start: (typeof BASE64_STARTS)[number], runs: Base64Runs): Candidate {
  const group = at - start.offset;
  const runStart = runs.startOfRunAt(at);
  if (group < runStart || (group - runStart) % 4 !== 0) return { end: at + 1 };
  // One group before, for the byte before a token at alignment 0.
  const from = Math.max(runStart, group - 4);
  const tokenByte = ((group - from) / 4) * 3 + start.lead;
  for (let window = FIRST_WINDOW_CHARS; ; window *= 2) {
    // Read once as a slice: the run's end is looked for in the copy.
    const read = text.slice(from, group + window + 1);
    let length = group - from;
    while (length < read.length && base64Value(read.charCodeAt(length)) >= 0) length++;
    const to = from + Math.min(length, group + window - from);
    const runGoesOn = length > to - from;
    const decoded = decodeRun(read, 0, to - from);
    const isDatabase = decoded.startsWith(DATABASE_START, tokenByte);
    if (!isDatabase && !decoded.startsWith(MANAGEMENT_START, tokenByte)) return { end: at + 1 };
    if (!startsAtBoundary(decoded, tokenByte)) return { end: at + 1 };
    const token = isDatabase ? databaseAt(decoded, tokenByte) : managementAt(decoded, tokenByte);
    // The token may go on past what was decoded: decode more, unless it is already too long to be one.
    if (token.end >= decoded.length - 2 && runGoesOn && window < MAX_WINDOW_CHARS) continue;
    const end = Math.min(to, from + Math.ceil(token.end / 3) * 4);
    if (!token.found || (token.end >= decoded.length - 2 && runGoesOn)) return { end: Math.max(end, at + 1) };
    return { end, found: { ...token.found, start: from + Math.floor(token.found.start / 3) * 4, end, encoding: 'base64' } };
  }
}

/** A token encoded as a whole value, or else inside a longer encoded text. */
function base64Reader(start: (typeof BASE64_STARTS)[number]) {
  return (text: string, at: number, runs: Base64Runs): Candidate => {
    const whole = start.lead === 0 ? base64At(text, at) : undefined;
    return whole?.found ? whole : base64InRunAt(text, at, start, runs);
  };
}

const READERS: ReadonlyArray<(text: string, at: number, runs: Base64Runs) => Candidate> = /* @__PURE__ */ (() => [
  (text: string, at: number) => (startsAtBoundary(text, at) ? databaseAt(text, at) : { end: at + 1 }),
  (text: string, at: number) => (startsAtBoundary(text, at) ? managementAt(text, at) : { end: at + 1 }),
  ...BASE64_STARTS.map(base64Reader),
])();

/**
 * Every token in `text`, sorted by start, none overlapping another: a token
 * inside an encoded one is not reported again. Linear in the text's length:
 * the next place each start occurs is searched for once, from where the
 * reading has got to; a rejected candidate's body is not read again. Never
 * throws.
 */
export function findTokens(text: string): FoundToken[] {
  // Where each start occurs next, at or after `position`; EXHAUSTED once it occurs no more.
  const EXHAUSTED = -2;
  const found: FoundToken[] = [];
  const next = STARTS.map(() => -1);
  const runs = new Base64Runs(text);
  let position = 0;
  for (;;) {
    let which = -1;
    for (let s = 0; s < STARTS.length; s++) {
      if (next[s] !== EXHAUSTED && next[s] < position) {
        const index = text.indexOf(STARTS[s], position);
        next[s] = index < 0 ? EXHAUSTED : index;
      }
      if (next[s] >= 0 && (which < 0 || next[s] < next[which])) which = s;
    }
    if (which < 0) return found;
    const at = next[which];
    const candidate = READERS[which](text, at, runs);
    if (candidate.found) found.push(candidate.found);
    position = Math.max(candidate.end, at + 1);
  }
}
