/**
 * Redaction of anything token-shaped, by pattern and by known value, so that
 * no secret reaches a log or a message even when it was never seen before.
 */

export const REDACTED = '[REDACTED]';

// Management tokens start with `M.V<n>.`, also glued to the text before them;
// the 4 characters after it are the listed prefix (not secret); anything
// longer is.
const MANAGEMENT_TOKEN_START = /M\.V\d+\./g;
const TOKEN_CHARS = /[A-Za-z0-9+/_=.~-]*/y;
// A token wrapped onto the next line (a terminal's width, a log's wrapping):
// the next line starts, maybe indented, with more of it.
const CONTINUATION = /(\r?\n)[ \t]*([A-Za-z0-9+/_=.~-]+)/y;
const PREFIX_CHARACTERS = 4;
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
const HIGH_ENTROPY = /[A-Za-z0-9+/_=-]{24,}/g;
// Known secrets shorter than this are not redacted (they would mangle ordinary
// text); pieces of a known secret this long are.
const MIN_KNOWN = 8;

function looksRandom(candidate: string): boolean {
  return /[a-z]/.test(candidate) && /[A-Z]/.test(candidate) && /[0-9]/.test(candidate);
}

// A path ("/home/al/Projects2024/tmp-Xy12Ab/config") is short names joined by
// "/", "-" and "_"; a secret that holds a "/" still has a long random piece.
function looksSecret(run: string): boolean {
  if (!looksRandom(run)) return false;
  return !run.includes('/') || run.split(/[/_-]/).some((piece) => piece.length >= 16 && looksRandom(piece));
}

// A wrapped token's next piece is random: a digit, a base64 symbol or a
// capital inside it. The words that start an ordinary next line ("warn",
// "Error", "Connection") are not, and stay.
function looksLikeContinuation(run: string): boolean {
  return /[0-9+/=]|[a-z][A-Z]/.test(run);
}

/** Management tokens keep `M.V<n>.` and the listed prefix; the rest, wrapped lines included, is redacted. */
function redactManagementTokens(text: string): string {
  let out = '';
  let copied = 0;
  MANAGEMENT_TOKEN_START.lastIndex = 0;
  for (let m = MANAGEMENT_TOKEN_START.exec(text); m; m = MANAGEMENT_TOKEN_START.exec(text)) {
    const bodyStart = m.index + m[0].length;
    TOKEN_CHARS.lastIndex = bodyStart;
    let firstLine = TOKEN_CHARS.exec(text)![0];
    // A sentence's full stop after a bare prefix is not part of a token.
    const stops = /\.*$/.exec(firstLine)![0];
    firstLine = firstLine.slice(0, firstLine.length - stops.length);
    let end = bodyStart + firstLine.length;
    let length = firstLine.length;
    let lineBreaks = '';
    if (stops === '') {
      for (;;) {
        CONTINUATION.lastIndex = end;
        const next = CONTINUATION.exec(text);
        if (!next || !looksLikeContinuation(next[2])) break;
        lineBreaks += next[1];
        length += next[2].length;
        end = CONTINUATION.lastIndex;
      }
    }
    if (length <= PREFIX_CHARACTERS) continue;
    out += `${text.slice(copied, bodyStart)}${firstLine.slice(0, PREFIX_CHARACTERS)}…${REDACTED}${lineBreaks}`;
    copied = end;
    MANAGEMENT_TOKEN_START.lastIndex = end;
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
    const wrapped = new RegExp([...secret].map(escapeRegExp).join('(?:\\r?\\n[ \\t]*)?'), 'g');
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

export function redactSecrets(text: string, knownSecrets: Iterable<string> = []): string {
  const known = [...knownSecrets].filter((s) => s.length >= MIN_KNOWN);
  let out = known.length ? redactKnown(text, known) : text;
  out = redactManagementTokens(out);
  out = out.replace(AUTHORIZATION, (_m, scheme: string, space: string) => `${scheme}${space}${REDACTED}`);
  for (const assignment of [TOKEN_ASSIGNMENT, SECRET_ASSIGNMENT]) {
    out = out.replace(assignment, (_m, key: string, sep: string) => `${key}${sep}${REDACTED}`);
  }
  out = out.replace(HIGH_ENTROPY, (match) => (looksSecret(match) ? REDACTED : match));
  return out;
}
