/** Expiry input as users type it, and the RFC3339 form influxctl takes. */
import { readRfc3339 } from './dates';

/**
 * Why an expiry cannot be used: notAnExpiry (none of the accepted forms),
 * notARealDate / notARealDateTime (2030-02-30, 25:00), notRfc3339, pastYear9999
 * (RFC3339 writes four-digit years), notInFuture, invalidDate (no date at all),
 * beforeYear0. `value` is the input as given, or the instant in RFC3339.
 */
export type ExpiryErrorCode = 'notAnExpiry' | 'notARealDate' | 'notARealDateTime' | 'notRfc3339' | 'pastYear9999' | 'notInFuture' | 'invalidDate' | 'beforeYear0';

/** An expiry refused; the VS Code layer words it from `code` and `value`. */
export class ExpiryError extends Error {
  override name = 'ExpiryError';
  constructor(
    readonly code: ExpiryErrorCode,
    readonly value: string,
  ) {
    super(`${code}: ${value}`);
  }
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The last second RFC3339 can write: its years have four digits. */
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59);

const RELATIVE = /^\+?(\d{1,6})\s*(m|min|mins|minutes?|h|hours?|d|days?|w|weeks?|y|years?)$/i;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** What people type as a date-time; readRfc3339 then reads it. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(\.\d{1,9})?)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Midnight UTC of a day; setUTCFullYear, not Date.UTC: that one reads years 0 to 99 as 1900 to 1999. */
function utcDay(year: number, month: number, day: number): Date {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d;
}

function isRealDate(year: number, month: number, day: number): boolean {
  const d = utcDay(year, month, day);
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

function addRelative(now: Date, amount: number, unit: string): Date {
  switch (unit[0].toLowerCase()) {
    case 'm':
      return new Date(now.getTime() + amount * MINUTE);
    case 'h':
      return new Date(now.getTime() + amount * HOUR);
    case 'd':
      return new Date(now.getTime() + amount * DAY);
    case 'w':
      return new Date(now.getTime() + amount * 7 * DAY);
    default: {
      const d = new Date(now.getTime());
      d.setUTCFullYear(d.getUTCFullYear() + amount);
      return d;
    }
  }
}

function parseAbsolute(text: string): Date | undefined {
  const dateOnly = DATE_ONLY.exec(text);
  if (dateOnly) {
    const [y, m, d] = dateOnly.slice(1, 4).map(Number);
    if (!isRealDate(y, m, d)) throw new ExpiryError('notARealDate', text);
    return utcDay(y, m, d);
  }
  if (DATE_TIME.test(text)) {
    const r = readRfc3339(text, { space: true, secondsOptional: true });
    if (!r.ok) throw new ExpiryError(r.reason === 'notReal' ? 'notARealDateTime' : 'notRfc3339', text);
    return new Date(r.ms);
  }
  return undefined;
}

/**
 * Parses an expiry: "never" or "" (undefined: the token never expires), an
 * RFC3339 date-time, a date (midnight UTC), or a relative `30m`, `12h`, `7d`,
 * `2w`, `1y` (also `+7d`). Throws ExpiryError when invalid or not in the future.
 */
export function parseExpiry(input: string, now: Date): Date | undefined {
  const text = input.trim();
  if (text === '' || /^never$/i.test(text)) return undefined;
  const relative = RELATIVE.exec(text);
  const result = relative ? addRelative(now, Number(relative[1]), relative[2]) : parseAbsolute(text);
  if (!result) throw new ExpiryError('notAnExpiry', text);
  // A NaN time is a year past what Date can hold (999999y).
  if (!(result.getTime() <= LATEST)) throw new ExpiryError('pastYear9999', text);
  if (result.getTime() <= now.getTime()) {
    // As given, to the millisecond: formatRfc3339 would round a past instant up, maybe past now.
    throw new ExpiryError('notInFuture', result.toISOString().replace(/\.000Z$/, 'Z'));
  }
  return result;
}

/**
 * The RFC3339 UTC form influxctl's `--expires-at` takes, without fractions.
 * A fraction rounds up: an expiry just after now must not be written as now.
 */
export function formatRfc3339(date: Date): string {
  const ms = Math.ceil(date.getTime() / 1000) * 1000;
  if (Number.isNaN(ms)) throw new ExpiryError('invalidDate', '');
  if (!(ms <= LATEST)) throw new ExpiryError('pastYear9999', date.toISOString());
  const iso = new Date(ms).toISOString();
  if (!/^\d{4}-/.test(iso)) throw new ExpiryError('beforeYear0', iso);
  return iso.replace(/\.000Z$/, 'Z');
}

export const DAY_MS = DAY;
