/**
 * Redaction of anything token-shaped, by pattern and by known value, so that
 * no secret reaches a log or a message even when it was never seen before.
 */

export const REDACTED = '[REDACTED]';

// Management tokens start with `M.V<n>.`; the 4 characters after it are the
// listed prefix (not secret); anything longer is.
// A sentence's full stop after a bare prefix is not part of a token.
const MANAGEMENT_TOKEN = /\bM\.V\d+\.[A-Za-z0-9+/_=.~-]{4,}[A-Za-z0-9+/_=~-]/g;
// `Token` and `Basic` only as an Authorization header's scheme: "token" is an
// ordinary word in influxctl's messages ("copy the token and store…").
const AUTHORIZATION = /\b(Bearer|Authorization:\s*(?:Token|Basic))(\s+)[^\s"',;]+/gi;
// `key = value` (TOML, env), `"key": "value"` (JSON), `password: value`
// (YAML); but "token:" only before a quote: "invalid token: token is expired" is prose.
const VALUE = `("[^"\\n]*"|'[^'\\n]*'|[^\\s"',;]+)`;
const TOKEN_ASSIGNMENT = new RegExp(`\\b((?:mgmt_)?token)("?\\s*=\\s*|"?\\s*:\\s*(?=["']))${VALUE}`, 'gi');
const SECRET_ASSIGNMENT = new RegExp(`\\b(secret|password|passwd|api[_-]?key)("?\\s*[=:]\\s*)${VALUE}`, 'gi');
// Long runs of base64/base64url/hex-ish characters with mixed case and digits:
// how random secrets look, unlike words, paths, UUIDs or dates.
const HIGH_ENTROPY = /[A-Za-z0-9+/_=-]{24,}/g;

function looksRandom(candidate: string): boolean {
  return /[a-z]/.test(candidate) && /[A-Z]/.test(candidate) && /[0-9]/.test(candidate);
}

// A path ("/home/al/Projects2024/tmp-Xy12Ab/config") is short names joined by
// "/", "-" and "_"; a secret that holds a "/" still has a long random piece.
function looksSecret(run: string): boolean {
  if (!looksRandom(run)) return false;
  return !run.includes('/') || run.split(/[/_-]/).some((piece) => piece.length >= 16 && looksRandom(piece));
}

export function redactSecrets(text: string, knownSecrets: Iterable<string> = []): string {
  let out = text;
  for (const secret of knownSecrets) {
    if (secret.length >= 8) out = out.split(secret).join(REDACTED);
  }
  out = out.replace(MANAGEMENT_TOKEN, (match) => `${match.slice(0, match.indexOf('.', 2) + 5)}…${REDACTED}`);
  out = out.replace(AUTHORIZATION, (_m, scheme: string, space: string) => `${scheme}${space}${REDACTED}`);
  for (const assignment of [TOKEN_ASSIGNMENT, SECRET_ASSIGNMENT]) {
    out = out.replace(assignment, (_m, key: string, sep: string) => `${key}${sep}${REDACTED}`);
  }
  out = out.replace(HIGH_ENTROPY, (match) => (looksSecret(match) ? REDACTED : match));
  return out;
}
