/**
 * Redaction of anything token-shaped, by pattern and by known value, so that
 * no secret reaches a log or a message even when it was never seen before.
 */

export const REDACTED = '[REDACTED]';

// Where a token starts, also glued to the text before it: a management token
// `M.V<n>.`, whose next 4 characters are the listed prefix (not secret), or a
// database token `apiv<n>_` (also the documents' `apiv1_5555…`, which looks
// nothing like random text). `%` is in the characters for URL-encoded ones.
const TOKEN_START = /M\.V\d+\.|apiv\d+_/g;
const TOKEN_CHARS = /(?:[A-Za-z0-9+/_=.~%-]|\\\/)*/y;
// A token wrapped onto the next line (a terminal's width, a log's wrapping):
// the next line starts, maybe indented, with more of it.
const CONTINUATION = /(\r?\n|\r)[ \t]*([A-Za-z0-9+/_=.~%-]+)/y;
const PREFIX_CHARACTERS = 4;
// A database token's `apiv1_` followed by fewer characters is prose, not a secret.
const MIN_ACCESS_TOKEN_BODY = 8;
// `Token` and `Basic` only as an Authorization header's scheme: "token" is an
// ordinary word in influxctl's messages ("copy the token and store…").
const AUTHORIZATION = /\b(Bearer|Authorization:\s*(?:Token|Basic))(\s+)[^\s"',;]+/gi;
// `key = value` (TOML, env), `"key": "value"` (JSON), `password: value`
// (YAML), whatever the key is prefixed with (INFLUX_TOKEN, accessToken,
// client_secret); but "token:" only before a quote: "invalid token: token is
// expired" is prose.
const VALUE = `("[^"\\n]*"|'[^'\\n]*'|[^\\s"',;]+)`;
const TOKEN_ASSIGNMENT = new RegExp(`\\b(\\w*token)("?\\s*=\\s*|"?\\s*:\\s*(?=["']))${VALUE}`, 'gi');
const SECRET_ASSIGNMENT = new RegExp(`\\b(\\w*(?:secret|password|passwd|api[_-]?key))("?\\s*[=:]\\s*)${VALUE}`, 'gi');
// Long runs of base64/base64url/hex-ish characters with mixed case and digits:
// how random secrets look, unlike words, paths, UUIDs or dates.
const HIGH_ENTROPY = /[A-Za-z0-9+/_=%-]{24,}/g;
// Known secrets shorter than this are not redacted (they would mangle ordinary
// text); pieces of a known secret this long are.
const MIN_KNOWN = 8;

function looksRandom(candidate: string): boolean {
  return /[a-z]/.test(candidate) && /[A-Z]/.test(candidate) && /[0-9]/.test(candidate);
}

// A path ("/home/al/Projects2024/tmp-Xy12Ab/config") is short names joined by
// "/", "-" and "_" (or URL escapes such as %20); a secret that holds a "/"
// still has a long random piece.
function looksSecret(run: string): boolean {
  const words = run.replace(/%[0-9A-Fa-f]{2}/g, '/');
  if (!looksRandom(words.replace(/\//g, ''))) return false;
  return !words.includes('/') || words.split(/[/_-]/).some((piece) => piece.length >= 16 && looksRandom(piece));
}

// A wrapped token's next piece is random: a digit, a base64 symbol or a
// capital inside it. The words that start an ordinary next line ("warn",
// "Error", "Connection") are not, and stay.
function looksLikeContinuation(run: string): boolean {
  return /[0-9+/=%]|[a-z][A-Z]/.test(run);
}

/**
 * A database token's secret after `apiv<n>_`: long enough, and random (a
 * digit, or both cases), unlike the words of `get_apiv2_tokens_list`.
 */
function isAccessTokenBody(body: string, length: number): boolean {
  return length >= MIN_ACCESS_TOKEN_BODY && (/[0-9]/.test(body) || (/[a-z]/.test(body) && /[A-Z]/.test(body)));
}

/**
 * Token-shaped strings: management tokens keep `M.V<n>.` and the listed
 * prefix, database tokens `apiv<n>_`; the rest, wrapped lines included, is
 * redacted.
 */
function redactTokenShapes(text: string): string {
  let out = '';
  let copied = 0;
  TOKEN_START.lastIndex = 0;
  for (let m = TOKEN_START.exec(text); m; m = TOKEN_START.exec(text)) {
    const kept = m[0].startsWith('M') ? PREFIX_CHARACTERS : 0;
    const bodyStart = m.index + m[0].length;
    TOKEN_CHARS.lastIndex = bodyStart;
    let firstLine = TOKEN_CHARS.exec(text)![0];
    // A sentence's full stop after a bare prefix is not part of a token.
    // Counted by a loop: a regex would backtrack over a long run of dots.
    let stopsAt = firstLine.length;
    while (stopsAt > 0 && firstLine.charCodeAt(stopsAt - 1) === 0x2e) stopsAt--;
    const stopped = stopsAt < firstLine.length;
    firstLine = firstLine.slice(0, stopsAt);
    let end = bodyStart + firstLine.length;
    let length = firstLine.length;
    let lineBreaks = '';
    if (!stopped) {
      for (;;) {
        CONTINUATION.lastIndex = end;
        const next = CONTINUATION.exec(text);
        if (!next || !looksLikeContinuation(next[2])) break;
        lineBreaks += next[1];
        length += next[2].length;
        end = CONTINUATION.lastIndex;
      }
    }
    if (kept ? length <= kept : !isAccessTokenBody(text.slice(bodyStart, end), length)) {
      // Not a token: go on after it, so that a long run is read once.
      if (!kept) TOKEN_START.lastIndex = end;
      continue;
    }
    out += `${text.slice(copied, bodyStart)}${kept ? `${firstLine.slice(0, kept)}…` : ''}${REDACTED}${lineBreaks}`;
    copied = end;
    TOKEN_START.lastIndex = end;
  }
  return out + text.slice(copied);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Known secrets: the whole value wherever it is (glued to other text, or
 * wrapped across lines, its line breaks kept), then any piece of MIN_KNOWN or
 * more characters of it (a secret cut off by an excerpt, a wrapped line seen
 * alone). A management token's listed prefix is public, not such a piece.
 */
function redactKnown(text: string, secrets: string[]): string {
  let out = text;
  for (const secret of secrets) {
    const wrapped = new RegExp([...secret].map(escapeRegExp).join('(?:(?:\\r?\\n|\\r)[ \\t]*)?'), 'g');
    out = out.replace(wrapped, (match) => REDACTED + match.replace(/[^\r\n]/g, ''));
  }
  const pieces = new Set<string>();
  for (const secret of secrets) {
    const secretPart = /^M\.V\d+\./.test(secret) ? secret.slice(secret.indexOf('.', 2) + 1 + PREFIX_CHARACTERS) : secret;
    for (let i = 0; i + MIN_KNOWN <= secretPart.length; i++) pieces.add(secretPart.slice(i, i + MIN_KNOWN));
  }
  if (pieces.size === 0) return out;
  // Mark every character inside a known piece, then replace each marked stretch.
  let result = '';
  let copied = 0;
  let stretchEnd = -1;
  let stretchStart = -1;
  for (let i = 0; i + MIN_KNOWN <= out.length; i++) {
    if (!pieces.has(out.slice(i, i + MIN_KNOWN))) continue;
    if (i > stretchEnd) {
      if (stretchStart >= 0) {
        result += out.slice(copied, stretchStart) + REDACTED;
        copied = stretchEnd;
      }
      stretchStart = i;
    }
    stretchEnd = i + MIN_KNOWN;
  }
  if (stretchStart >= 0) result += out.slice(copied, stretchStart) + REDACTED;
  return stretchStart >= 0 ? result + out.slice(stretchEnd) : out;
}

/** A secret as it also appears in a URL or in JSON. */
function spellingsOf(secret: string): string[] {
  return [...new Set([secret, encodeURIComponent(secret), secret.replace(/\//g, '\\/')])];
}

export function redactSecrets(text: string, knownSecrets: Iterable<string> = []): string {
  const known = [...knownSecrets].filter((s) => s.length >= MIN_KNOWN).flatMap(spellingsOf);
  let out = known.length ? redactKnown(text, known) : text;
  out = redactTokenShapes(out);
  out = out.replace(AUTHORIZATION, (_m, scheme: string, space: string) => `${scheme}${space}${REDACTED}`);
  for (const assignment of [TOKEN_ASSIGNMENT, SECRET_ASSIGNMENT]) {
    out = out.replace(assignment, (_m, key: string, sep: string) => `${key}${sep}${REDACTED}`);
  }
  out = out.replace(HIGH_ENTROPY, (match) => (looksSecret(match) ? REDACTED : match));
  return out;
}

/** `data` (codes and data, as a problem holds them) with every string in it passed through `redact`. */
export function redactStrings<T>(data: T, redact: (text: string) => string): T {
  if (typeof data === 'string') return redact(data) as T;
  if (Array.isArray(data)) return data.map((v: unknown) => redactStrings(v, redact)) as T;
  if (typeof data !== 'object' || data === null) return data;
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, redactStrings(v, redact)])) as T;
}

/** `data` with every string in it redacted by redactSecrets(). */
export function redactData<T>(data: T, knownSecrets: readonly string[] = []): T {
  return redactStrings(data, (text) => redactSecrets(text, knownSecrets));
}
