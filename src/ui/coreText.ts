// What the core's results and failures say to the person: the core returns
// codes and data (src/core holds no sentences), and these functions word
// them, localised through vscode.l10n.t. None of them repeats a secret.
import * as vscode from 'vscode';
import { DAY_MS, type ConfigEncoding, type ConfigEncodingError, type ConfigError, type ConfigErrorReason, type ExpiryError, type ManagementToken, type ProfileEditError } from '../core';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** "3 days", "5 hours", "12 minutes": the rough size of a duration. */
export function humanDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs >= 365 * DAY_MS) {
    const n = Math.floor(abs / (365 * DAY_MS));
    return n === 1 ? vscode.l10n.t('1 year') : vscode.l10n.t('{0} years', n);
  }
  if (abs >= 2 * DAY_MS) return vscode.l10n.t('{0} days', Math.floor(abs / DAY_MS));
  if (abs >= 2 * HOUR) return vscode.l10n.t('{0} hours', Math.floor(abs / HOUR));
  if (abs >= 2 * MINUTE) return vscode.l10n.t('{0} minutes', Math.floor(abs / MINUTE));
  return vscode.l10n.t('a minute');
}

/** "expires in 3 days", "never expires", "expired 2 days ago", "revoked". */
export function describeTokenLifetime(t: Pick<ManagementToken, 'expiresAt' | 'revokedAt'>, now: Date): string {
  if (t.revokedAt) return vscode.l10n.t('revoked');
  if (!t.expiresAt) return vscode.l10n.t('never expires');
  const left = t.expiresAt.getTime() - now.getTime();
  return left > 0 ? vscode.l10n.t('expires in {0}', humanDuration(left)) : vscode.l10n.t('expired {0} ago', humanDuration(left));
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

/** Why config.toml cannot be used, with where (line and column from 1) when known. */
export function describeConfigError(err: ConfigError): string {
  const why = describeConfigReason(err.reason);
  return err.line ? vscode.l10n.t('{0} (line {1}, column {2})', why, err.line, err.column ?? 1) : why;
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

/** Whether `err` is the core's error `name`, by name: bundles loaded on first use have their own copies of the classes. */
function isNamed<T extends Error>(err: unknown, name: T['name']): err is T {
  return err instanceof Error && err.name === name;
}

/**
 * What went wrong, in words: a failure of the core worded from its code and
 * data, anything else by its own message.
 */
export function describeError(err: unknown): string {
  if (isNamed<ConfigError>(err, 'ConfigError')) return describeConfigError(err);
  if (isNamed<ConfigEncodingError>(err, 'ConfigEncodingError')) return describeConfigReason({ code: 'encoding', encoding: err.encoding, undecodable: true });
  if (isNamed<ProfileEditError>(err, 'ProfileEditError')) return describeProfileEditError(err);
  if (isNamed<ExpiryError>(err, 'ExpiryError')) return describeExpiryError(err);
  return err instanceof Error ? err.message : String(err);
}
