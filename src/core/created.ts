import { redactSecrets } from './redact';
import { excerptOf, OutputFormatError } from './tokens';

const TABLE_LINE = /^\s*[+|]/;
const LOG_LINE = /^\s*(warn|info|debug|error|WARN|INFO|DEBUG|ERROR)\b/;
const TABLE_ID_ROW = /^\s*\|\s*id\s*\|\s*([^|\s]+)\s*\|/;

/**
 * Extracts the secret from `influxctl management create` output: before 2.11
 * two warn lines then the token; 2.11+ a table, the warn lines, then the token.
 * Only a single whitespace-free line that is neither a table row nor a log
 * line counts; anything else is an error rather than a wrong secret stored.
 */
export function parseCreatedToken(stdout: string): { secret: string; id?: string } {
  const lines = stdout.split(/\r?\n/);
  let id: string | undefined;
  const candidates: string[] = [];
  for (const line of lines) {
    const idRow = TABLE_ID_ROW.exec(line);
    if (idRow) id = idRow[1];
    const text = line.trim();
    if (text === '' || TABLE_LINE.test(text) || LOG_LINE.test(text)) continue;
    candidates.push(text);
  }
  const tokens = candidates.filter((c) => !/\s/.test(c) && c.length >= 16);
  if (tokens.length !== 1 || candidates.length !== 1) {
    const why = tokens.length > 1 ? 'influxctl printed more than one token-like line' : 'influxctl printed no token string';
    throw new OutputFormatError(`${why}; the new token was not captured`, excerptOf(redactSecrets(stdout)));
  }
  return { secret: tokens[0], id };
}
