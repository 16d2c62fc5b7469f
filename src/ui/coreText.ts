// What the core's results and failures say to the person: the core returns
// codes and data (src/core holds no sentences), and these functions word
// them, localised through vscode.l10n.t. None of them repeats a secret.
import * as vscode from 'vscode';
import {
  DAY_MS,
  stderrSummary,
  type ConfigEncoding,
  type ConfigEncodingError,
  type ConfigError,
  type ConfigErrorReason,
  type ExpiryError,
  type InfluxctlError,
  type InfluxctlFailure,
  type NamedToken,
  type ManagementToken,
  type OutputFormatError,
  type OutputFormatProblem,
  type ProfileEditError,
  type SecretProblem,
  type TimestampProblem,
  type TokenStatus,
} from '../core';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** "3 days", "5 hours", "12 minutes": the rough size of a duration. */
export function humanDuration(ms: number): string {
  const [unit, n] = durationIn(ms);
  return wordedOnce(`${unit}${n}`, () => {
    switch (unit) {
      case 'years':
        return n === 1 ? vscode.l10n.t('1 year') : vscode.l10n.t('{0} years', n);
      case 'days':
        return vscode.l10n.t('{0} days', n);
      case 'hours':
        return vscode.l10n.t('{0} hours', n);
      case 'minutes':
        return vscode.l10n.t('{0} minutes', n);
      case 'minute':
        return vscode.l10n.t('a minute');
    }
  });
}

/** A duration's largest whole unit (two or more of it, below a year) and how many. */
function durationIn(ms: number): ['years' | 'days' | 'hours' | 'minutes' | 'minute', number] {
  const abs = Math.abs(ms);
  if (abs >= 365 * DAY_MS) return ['years', Math.floor(abs / (365 * DAY_MS))];
  if (abs >= 2 * DAY_MS) return ['days', Math.floor(abs / DAY_MS)];
  if (abs >= 2 * HOUR) return ['hours', Math.floor(abs / HOUR)];
  if (abs >= 2 * MINUTE) return ['minutes', Math.floor(abs / MINUTE)];
  return ['minute', 1];
}

// Rows of thousands of tokens share a handful of these phrases: each is worded
// once (the display language cannot change while the extension runs).
const worded = new Map<string, string>();

function wordedOnce(key: string, word: () => string): string {
  let text = worded.get(key);
  if (text === undefined) {
    text = word();
    worded.set(key, text);
  }
  return text;
}

/** A token's status in words (rows, tooltips, pickers), worded once. */
export const STATUS_WORDS: Record<TokenStatus, string> = {
  active: vscode.l10n.t('active'),
  expiring: vscode.l10n.t('expiring'),
  expired: vscode.l10n.t('expired'),
  revoked: vscode.l10n.t('revoked'),
};

/** The one absolute form of an instant people read (tooltips, pickers, modals): RFC3339 in UTC, without zero milliseconds. */
export function instant(d: Date): string {
  return d.toISOString().replace(/\.000Z$/, 'Z');
}

/** "expires in 3 days", "never expires", "expired 2 days ago", "revoked". */
export function describeTokenLifetime(t: Pick<ManagementToken, 'expiresAt' | 'revokedAt'>, now: Date): string {
  if (t.revokedAt) return wordedOnce('revoked', () => vscode.l10n.t('revoked'));
  if (!t.expiresAt) return wordedOnce('never', () => vscode.l10n.t('never expires'));
  const left = t.expiresAt.getTime() - now.getTime();
  const [unit, n] = durationIn(left);
  return left > 0
    ? wordedOnce(`in ${unit}${n}`, () => vscode.l10n.t('expires in {0}', humanDuration(left)))
    : wordedOnce(`ago ${unit}${n}`, () => vscode.l10n.t('expired {0} ago', humanDuration(left)));
}

/**
 * The same in a row, where the end is cut off at the default width: a future
 * expiry as "in 3 days" (the row's icon and its screen reader label say it is
 * an expiry); the other cases as describeTokenLifetime.
 */
export function describeTokenLifetimeInRow(t: Pick<ManagementToken, 'expiresAt' | 'revokedAt'>, now: Date): string {
  const left = t.expiresAt && !t.revokedAt ? t.expiresAt.getTime() - now.getTime() : 0;
  if (left <= 0) return describeTokenLifetime(t, now);
  const [unit, n] = durationIn(left);
  return wordedOnce(`row ${unit}${n}`, () => vscode.l10n.t({ message: 'in {0}', args: [humanDuration(left)], comment: ['When a token expires, in a row of the view: {0} is a duration such as "3 days"'] }));
}

/** A token named with its ID, for confirmations that must be unambiguous: "desc (id)", "(no description) (id)". */
export function tokenNameWithId(token: NamedToken): string {
  return vscode.l10n.t('{0} ({1})', token.description || vscode.l10n.t('(no description)'), token.id);
}

/** Why an expiry was refused, and what is accepted (for an input box's validation). */
export function describeExpiryError(err: ExpiryError): string {
  const value = JSON.stringify(err.value);
  switch (err.code) {
    case 'notAnExpiry':
      return vscode.l10n.t('{0} is not an expiry. Use a duration (30m, 12h, 7d, 2w, 1y), a date (2030-01-31) or an RFC3339 date-time (2030-01-31T12:00:00Z).', value);
    case 'notARealDate':
      return vscode.l10n.t('{0} is not a real date.', value);
    case 'notARealDateTime':
      return vscode.l10n.t('{0} is not a real date and time.', value);
    case 'notRfc3339':
      return vscode.l10n.t('{0} is not a valid RFC3339 date-time.', value);
    case 'pastYear9999':
      return vscode.l10n.t('{0} is too far in the future: influxctl takes expiry dates up to 9999-12-31T23:59:59Z.', value);
    case 'notInFuture':
      return vscode.l10n.t('{0} is not in the future.', err.value);
    case 'invalidDate':
      return vscode.l10n.t('The expiry is not a valid date.');
    case 'beforeYear0':
      return vscode.l10n.t('{0} is before year 0 and cannot be written as RFC3339.', err.value);
  }
}

function encodingName(encoding: ConfigEncoding): string {
  return encoding === 'utf-16le' ? 'UTF-16 LE' : encoding === 'utf-16be' ? 'UTF-16 BE' : 'UTF-8';
}

function describeConfigReason(r: ConfigErrorReason): string {
  switch (r.code) {
    case 'notToml':
      return vscode.l10n.t('config.toml is not valid TOML: {0}', r.parserMessage);
    case 'unreadable':
      return vscode.l10n.t('config.toml could not be read: {0}', r.parserMessage);
    case 'tooDeep':
      return vscode.l10n.t('config.toml nests arrays or tables more than {0} levels deep (under {1})', r.limit, JSON.stringify(r.key));
    case 'profileNotTables':
      return vscode.l10n.t('"profile" must be written as [[profile]] tables');
    case 'encoding':
      if (r.undecodable && r.encoding.startsWith('utf-16')) {
        return vscode.l10n.t('config.toml starts like {0} but is not valid {0} text, which influxctl cannot read. Save it as UTF-8 without BOM.', encodingName(r.encoding));
      }
      if (r.undecodable) {
        return vscode.l10n.t("config.toml is not valid UTF-8 (perhaps Windows-1252, what Windows PowerShell 5.1's Set-Content writes), which influxctl cannot read. Save it as UTF-8.");
      }
      if (r.encoding === 'utf-8-bom') return vscode.l10n.t('config.toml starts with a UTF-8 byte order mark (BOM), which influxctl cannot read. Save it as UTF-8 without BOM.');
      return vscode.l10n.t('config.toml is saved as {0} (what Windows PowerShell 5.1 writes), which influxctl cannot read. Save it as UTF-8 without BOM.', encodingName(r.encoding));
  }
}

/** Why config.toml cannot be used, led by where (line and column from 1) when known: a cut-off row still says where to look. */
export function describeConfigError(err: ConfigError): string {
  const why = describeConfigReason(err.reason);
  return err.line ? vscode.l10n.t('Line {0}, column {1}: {2}', err.line, err.column ?? 1, why) : why;
}

/** Why a key of a profile was not set in config.toml (nothing was changed). */
export function describeProfileEditError(err: ProfileEditError): string {
  const profile = JSON.stringify(err.profileName);
  switch (err.code) {
    case 'noSuchProfile':
      return vscode.l10n.t('No profile named {0} in config.toml', profile);
    case 'duplicateProfile':
      return vscode.l10n.t('Two profiles are named {0}; rename one', profile);
    case 'notUnicode':
      return vscode.l10n.t('The value for {0} is not valid Unicode text (lone surrogate); nothing was changed', err.key);
    case 'notScannable':
      return vscode.l10n.t('config.toml could not be read for editing ({0}); nothing was changed', err.detail ?? '');
    case 'inlineProfiles':
      return vscode.l10n.t('config.toml writes its profiles inline (profile = [...]); set {0} by hand', err.key);
    case 'tableOrDottedKey':
      return vscode.l10n.t('{0} of profile {1} is written as a table or dotted key; fix it by hand', err.key, profile);
    case 'wouldChangeOthers':
      return vscode.l10n.t('Setting {0} would change other settings in config.toml; nothing was changed', err.key);
  }
}

/** What an influxctl call that did not succeed means, and what to do next. */
export function describeInfluxctlFailure(f: InfluxctlFailure): string {
  switch (f.kind) {
    case 'notFound':
      return vscode.l10n.t('influxctl was not found ({0}). Install it, or set "influxdbTokens.influxctlPath" to its full path.', f.executable);
    case 'notExecutable':
      return vscode.l10n.t('{0} cannot be run (permission denied). Make it executable or fix "influxdbTokens.influxctlPath".', f.executable);
    case 'loginRequired':
      return f.code
        ? vscode.l10n.t('influxctl needs you to log in: open {0} and enter the code {1}, then retry.', f.url, f.code)
        : vscode.l10n.t('influxctl needs you to log in: open {0}, then retry.', f.url);
    case 'exit': {
      const detail = stderrSummary(f.stderr);
      if (f.exitCode !== null) return detail ? vscode.l10n.t('influxctl exited with code {0}: {1}', f.exitCode, detail) : vscode.l10n.t('influxctl exited with code {0}', f.exitCode);
      return detail ? vscode.l10n.t('influxctl was stopped by {0}: {1}', String(f.signal), detail) : vscode.l10n.t('influxctl was stopped by {0}', String(f.signal));
    }
    case 'timeout':
      return vscode.l10n.t('influxctl did not finish within {0} s and was stopped. Check the network, or raise "influxdbTokens.timeoutSeconds".', f.seconds);
    case 'cancelled':
      return vscode.l10n.t('Cancelled.');
    case 'outputTooLarge':
      return vscode.l10n.t('influxctl printed more than {0} MB and was stopped.', Math.round(f.limitBytes / 1048576));
    case 'refused':
      if (f.reason === 'nulInArgument') return vscode.l10n.t('Refusing to run influxctl: {0} contains a NUL character, which cannot be passed on a command line.', JSON.stringify(f.value));
      if (f.reason === 'multiLineDescription') return vscode.l10n.t('The description must be a single line.');
      return f.ids.length
        ? vscode.l10n.t('Refusing to revoke: not a token ID: {0}.', f.ids.map((id) => JSON.stringify(id)).join(', '))
        : vscode.l10n.t('Refusing to revoke: no token IDs.');
  }
}

function codePointOf(n: number): string {
  return `U+${n.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Why a string cannot be a management token secret; never repeats the string. */
export function describeSecretProblem(p: SecretProblem): string {
  switch (p.code) {
    case 'empty':
      return vscode.l10n.t('it is empty');
    case 'control':
      return vscode.l10n.t('it holds control characters (a terminal escape code or a carriage return)');
    case 'whitespace':
      return vscode.l10n.t('it holds a space or other whitespace ({0})', codePointOf(p.codePoint));
    case 'foreign':
      return vscode.l10n.t('it holds {0}, an invisible or non-ASCII character no token has', codePointOf(p.codePoint));
    case 'url':
      return vscode.l10n.t('it is a URL');
    case 'uuid':
      return vscode.l10n.t('it is a UUID (a token ID), not a secret');
    case 'onlyHeader':
      return vscode.l10n.t('it is only the start of a management token (M.V<n>.), without the token');
    case 'punctuation':
      return vscode.l10n.t('it holds characters a token does not have (quotes, brackets or other punctuation)');
    case 'noHeader':
      return vscode.l10n.t('it does not start with M.V<n>. as management tokens do');
    case 'tooShort':
      return vscode.l10n.t('it is too short to be a management token');
  }
}

function describeTimestampProblem(field: string, p: TimestampProblem): string {
  switch (p.code) {
    case 'notTimestamp':
      return vscode.l10n.t('{0} is not a timestamp', field);
    case 'extraKey':
      return vscode.l10n.t('{0} is not a timestamp: it has "{1}" instead of only seconds and nanos', field, p.key);
    case 'notInteger':
      return vscode.l10n.t('{0} is not an integer', field);
    case 'nanosRange':
      return vscode.l10n.t('{0} is not between 0 and 999999999', field);
    case 'notRfc3339':
      return vscode.l10n.t('{0} is not an RFC3339 date-time with an offset', field);
    case 'notReal':
      return vscode.l10n.t('{0} is not a real date and time', field);
    case 'outOfRange':
      return vscode.l10n.t('{0} is outside the years 0001 to 9999', field);
  }
}

function describeOutputFormatProblem(p: OutputFormatProblem): string {
  switch (p.code) {
    case 'listNotJson':
      return vscode.l10n.t('The token list is not JSON');
    case 'listNotArray':
      return vscode.l10n.t('The token list is not a JSON array');
    case 'tokenWithoutId':
      return vscode.l10n.t('Token {0} of the list has no "id"', p.position);
    case 'badTimestamp':
      return vscode.l10n.t('Token {0}: {1}', p.tokenId, describeTimestampProblem(p.field, p.problem));
    case 'secretNotCaptured': {
      switch (p.reason) {
        case 'severalTokens':
          return vscode.l10n.t('influxctl printed more than one token-like line; the new token was not captured');
        case 'notAToken':
          return vscode.l10n.t('influxctl printed a line that cannot be the token: {0}; the new token was not captured', p.secretProblem ? describeSecretProblem(p.secretProblem) : '');
        case 'otherLines':
          return vscode.l10n.t('influxctl printed other lines besides the token; the new token was not captured');
        case 'noToken':
          return vscode.l10n.t('influxctl printed no token string; the new token was not captured');
      }
    }
  }
}

/** What influxctl printed that is not what the extension expects, with a redacted excerpt of it. */
export function describeOutputFormatError(err: OutputFormatError): string {
  const what = describeOutputFormatProblem(err.problem);
  return err.excerpt ? vscode.l10n.t('{0}. influxctl printed: {1}', what, err.excerpt) : vscode.l10n.t('{0}. influxctl printed nothing.', what);
}

/** Whether `err` is the core's error `name`, by name: bundles loaded on first use have their own copies of the classes. */
export function isNamed<T extends Error>(err: unknown, name: T['name']): err is T {
  return err instanceof Error && err.name === name;
}

/**
 * What went wrong, in words: a failure of the core worded from its code and
 * data, anything else by its own message.
 */
/** A message ending a sentence that adds its own full stop: without the message's. */
export function withoutFullStop(text: string): string {
  return text.replace(/\.+\s*$/, '');
}

export function describeError(err: unknown): string {
  if (isNamed<ConfigError>(err, 'ConfigError')) return describeConfigError(err);
  if (isNamed<ConfigEncodingError>(err, 'ConfigEncodingError')) return describeConfigReason({ code: 'encoding', encoding: err.encoding, undecodable: true });
  if (isNamed<ProfileEditError>(err, 'ProfileEditError')) return describeProfileEditError(err);
  if (isNamed<ExpiryError>(err, 'ExpiryError')) return describeExpiryError(err);
  if (isNamed<InfluxctlError>(err, 'InfluxctlError')) return describeInfluxctlFailure(err.failure);
  if (isNamed<OutputFormatError>(err, 'OutputFormatError') || isNamed<OutputFormatError>(err, 'SecretNotCapturedError')) return describeOutputFormatError(err);
  return err instanceof Error ? err.message : String(err);
}

/** The row of a profile whose influxctl cannot be run: what the extension tried to run, in a few words. */
export function describeMissingInfluxctl(f: Extract<InfluxctlFailure, { kind: 'notFound' | 'notExecutable' }>): string {
  return f.kind === 'notFound' ? vscode.l10n.t('influxctl not found: {0}', f.executable) : vscode.l10n.t('influxctl cannot be run: {0}', f.executable);
}

/**
 * What went wrong in a few words, for a row at the default sidebar width:
 * influxctl's own last words without its "Error:" and "rpc error:" framing,
 * or the whole description when it is already short.
 */
export function describeFailureBriefly(err: unknown): string {
  if (!isNamed<InfluxctlError>(err, 'InfluxctlError')) return describeError(err);
  const f = err.failure;
  switch (f.kind) {
    case 'exit': {
      const said = stderrSummary(f.stderr)
        .replace(/^(error:\s*)+/i, '')
        .replace(/^rpc error:\s*/i, '');
      const grpc = /^code = (\w+) desc = (.*)$/.exec(said);
      // gRPC's code name is influxctl's data, like the text after it: "PermissionDenied" reads "Permission denied".
      if (grpc) return `${grpc[1].replace(/\B([A-Z])/g, (c) => ` ${c.toLowerCase()}`)}: ${grpc[2]}`;
      // Without a word from influxctl, its exit code is already short.
      return said || describeInfluxctlFailure(f);
    }
    case 'timeout':
      return vscode.l10n.t('Timed out after {0} s', f.seconds);
    default:
      return describeInfluxctlFailure(f);
  }
}
