// What the core's results and failures say to the person: the core returns
// codes and data (src/core holds no sentences), and these functions word
// them, localised through vscode.l10n.t. None of them repeats a secret.
import * as vscode from 'vscode';
import { DAY_MS, type ExpiryError, type ManagementToken } from '../core';

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
