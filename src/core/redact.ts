/**
 * Redaction of anything token-shaped, by pattern and by known value, so that
 * no secret reaches a log or a message even when it was never seen before.
 */

export const REDACTED = '[REDACTED]';

// Management tokens start with `M.V<n>.`; the 4 characters after it are the
// listed prefix (not secret); anything longer is.
const MANAGEMENT_TOKEN = /\bM\.V\d+\.[A-Za-z0-9+/_=.~-]{5,}/g;
const AUTHORIZATION = /\b(Bearer|Token|Basic)(\s+)[^\s"',;]+/gi;
const SECRET_ASSIGNMENT = /\b((?:mgmt_)?token|secret|password|api[_-]?key)(\s*[=:]\s*)("[^"\n]*"|'[^'\n]*'|[^\s"',;]+)/gi;
// Long runs of base64/base64url/hex-ish characters with mixed case and digits:
// how random secrets look, unlike words, paths, UUIDs or dates.
const HIGH_ENTROPY = /[A-Za-z0-9+/_=-]{24,}/g;

function looksRandom(candidate: string): boolean {
  return /[a-z]/.test(candidate) && /[A-Z]/.test(candidate) && /[0-9]/.test(candidate);
}

export function redactSecrets(text: string, knownSecrets: Iterable<string> = []): string {
  let out = text;
  for (const secret of knownSecrets) {
    if (secret.length >= 8) out = out.split(secret).join(REDACTED);
  }
  out = out.replace(MANAGEMENT_TOKEN, (match) => `${match.slice(0, match.indexOf('.', 2) + 5)}…${REDACTED}`);
  out = out.replace(AUTHORIZATION, (_m, scheme: string, space: string) => `${scheme}${space}${REDACTED}`);
  out = out.replace(SECRET_ASSIGNMENT, (_m, key: string, sep: string) => `${key}${sep}${REDACTED}`);
  out = out.replace(HIGH_ENTROPY, (match) => (looksRandom(match) ? REDACTED : match));
  return out;
}
