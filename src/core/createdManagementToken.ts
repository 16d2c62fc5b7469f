import { REDACTED, redactSecrets } from './redact';
import { excerptOf, OutputFormatError, type SecretNotCapturedReason, type SecretProblem } from './managementTokens';

const TABLE_LINE = /^\s*[+|]/;
const LOG_LINE = /^\s*(warn|info|debug|error|WARN|INFO|DEBUG|ERROR)\b/;
const TABLE_ID_ROW = /^\s*\|\s*id\s*\|\s*([^|\s]+)\s*\|/;

// Terminal escape sequences: CSI (colours, erase line), OSC ended by BEL or
// ST (titles, hyperlinks), DCS/SOS/PM/APC strings ended by ST, and the
// two-character escapes. An unterminated one is left for the checks to refuse.
// Not util.stripVTControlCharacters: it leaves DCS/SOS/PM/APC strings in place
// (measured on Node 20: `ESC P 1;2|abc ESC \\` keeps `1;2|abc ESC \\`).
const ANSI =
  /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[PX^_][^\x1b]*\x1b\\|\x1b(?:[ -/]+[0-~]|[0-OQ-WYZ\\`a-~])/g;

/** `text` without terminal escape sequences (colours, hyperlinks, titles). */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

// A management token is `M.V<n>.` and a bearer token's characters (RFC 6750 b64token).
const MANAGEMENT_TOKEN = /^M\.V\d+\.[A-Za-z0-9\-._~+/]+=*$/;
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;
const MIN_BODY = 16;
const UUID = /^(?:urn:uuid:)?\{?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\}?$/i;

/**
 * Why `text` cannot be a management token secret, or undefined when it can.
 * The problem never holds the text: it may be a secret.
 */
export function whyNotATokenSecret(text: string): SecretProblem | undefined {
  if (text === '') return { code: 'empty' };
  if (/[\x00-\x08\x0a-\x1f\x7f-\x9f]/.test(text)) return { code: 'control' };
  const blank = /\s/.exec(text);
  if (blank) return { code: 'whitespace', codePoint: blank[0].codePointAt(0)! };
  const foreign = /[^\x21-\x7e]/u.exec(text);
  if (foreign) return { code: 'foreign', codePoint: foreign[0].codePointAt(0)! };
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(text)) return { code: 'url' };
  if (UUID.test(text)) return { code: 'uuid' };
  if (/^M\.V\d+\.$/.test(text)) return { code: 'onlyHeader' };
  if (!B64TOKEN.test(text)) return { code: 'punctuation' };
  if (!MANAGEMENT_TOKEN.test(text)) return { code: 'noHeader' };
  if (text.length - text.indexOf('.', 2) - 1 < MIN_BODY) return { code: 'tooShort' };
  return undefined;
}

/**
 * `management create` succeeded but its output did not hold one string that
 * can be the new token's secret. influxctl shows a secret only once:
 * `rawOutput` (stdout without escape codes) is the user's last chance to copy
 * it. It may hold the secret: offer it once (to the clipboard), never log or
 * display it. It is not enumerable, so that logging the error leaves it out.
 * `id` is the new token's ID when influxctl printed its table (2.11+).
 */
export class SecretNotCapturedError extends OutputFormatError {
  override name = 'SecretNotCapturedError';
  declare readonly rawOutput: string;
  constructor(
    reason: SecretNotCapturedReason,
    secretProblem: SecretProblem | undefined,
    excerpt: string,
    rawOutput: string,
    readonly id?: string,
  ) {
    super(secretProblem ? { code: 'secretNotCaptured', reason, secretProblem } : { code: 'secretNotCaptured', reason }, excerpt);
    Object.defineProperty(this, 'rawOutput', { value: rawOutput, enumerable: false });
  }
}

/** A SecretNotCapturedError, by name rather than instanceof: commands loaded on first use have their own copy of the class. */
export function isSecretNotCapturedError(err: unknown): err is SecretNotCapturedError {
  return err instanceof Error && err.name === 'SecretNotCapturedError' && typeof (err as { rawOutput?: unknown }).rawOutput === 'string';
}

/**
 * Extracts the secret from `influxctl management create` output: before 2.11
 * two warn lines then the token; 2.11+ a table, the warn lines, then the token.
 * Escape codes are removed first. Only a single line that is neither a table
 * row nor a log line counts, and only if it can be a management token;
 * anything else is a SecretNotCapturedError rather than a wrong secret stored.
 */
export function parseCreatedToken(stdout: string): { secret: string; id?: string } {
  const output = stripAnsi(stdout);
  const lines = output.split(/\r?\n/);
  let id: string | undefined;
  const candidates: string[] = [];
  for (const line of lines) {
    const idRow = TABLE_ID_ROW.exec(line);
    if (idRow) id = idRow[1];
    // Only ASCII blanks are trimmed: any other character around the token is refused below.
    const text = line.replace(/^[ \t]+|[ \t]+$/g, '');
    if (text === '' || TABLE_LINE.test(text) || LOG_LINE.test(text)) continue;
    candidates.push(text);
  }
  const tokens = candidates.filter((c) => whyNotATokenSecret(c) === undefined);
  if (tokens.length === 1 && candidates.length === 1) return { secret: tokens[0], id };
  const excerpt = excerptWithout(lines, candidates);
  if (tokens.length > 1) throw new SecretNotCapturedError('severalTokens', undefined, excerpt, output, id);
  if (candidates.length === 1) throw new SecretNotCapturedError('notAToken', whyNotATokenSecret(candidates[0]), excerpt, output, id);
  throw new SecretNotCapturedError(tokens.length === 1 ? 'otherLines' : 'noToken', undefined, excerpt, output, id);
}

/**
 * A redacted excerpt for the message. Candidate lines that could hold a secret
 * (no spaces, or a management token's start) are left out whole; invisible
 * characters are dropped first so that they cannot hide a secret from the
 * redaction patterns.
 */
function excerptWithout(lines: string[], candidates: string[]): string {
  const secretLike = new Set(candidates.filter((c) => !/\s/.test(c) || /M\.V\d/.test(c)));
  const text = lines
    .map((line) => (secretLike.has(line.replace(/^[ \t]+|[ \t]+$/g, '')) ? REDACTED : line))
    .join('\n')
    .replace(/\p{Cf}|[\x00-\x08\x0b-\x1f\x7f-\x9f]/gu, '');
  return excerptOf(redactSecrets(text, secretLike));
}
