/** Expiry input as users type it, and the RFC3339 form influxctl takes. */
import { readRfc3339 } from './dates';

export class ExpiryError extends Error {
  override name = 'ExpiryError';
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The last second RFC3339 can write: its years have four digits. */
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59);
const TOO_LATE = 'influxctl takes expiry dates up to 9999-12-31T23:59:59Z.';

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
    if (!isRealDate(y, m, d)) throw new ExpiryError(`"${text}" is not a real date.`);
    return utcDay(y, m, d);
  }
  if (DATE_TIME.test(text)) {
    const r = readRfc3339(text, { space: true, secondsOptional: true });
    if (!r.ok) throw new ExpiryError(r.reason === 'notReal' ? `"${text}" is not a real date and time.` : `"${text}" is not a valid RFC3339 date-time.`);
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
  if (!result) {
    throw new ExpiryError(
      `"${text}" is not an expiry. Use a duration (30m, 12h, 7d, 2w, 1y), a date (2030-01-31) or an RFC3339 date-time (2030-01-31T12:00:00Z).`,
    );
  }
  // A NaN time is a year past what Date can hold (999999y).
  if (!(result.getTime() <= LATEST)) throw new ExpiryError(`"${text}" is too far in the future: ${TOO_LATE}`);
  if (result.getTime() <= now.getTime()) {
    // As given, to the millisecond: formatRfc3339 would round a past instant up, maybe past now.
    throw new ExpiryError(`${result.toISOString().replace(/\.000Z$/, 'Z')} is not in the future.`);
  }
  return result;
}

/**
 * The RFC3339 UTC form influxctl's `--expires-at` takes, without fractions.
 * A fraction rounds up: an expiry just after now must not be written as now.
 */
export function formatRfc3339(date: Date): string {
  const ms = Math.ceil(date.getTime() / 1000) * 1000;
  if (!(ms <= LATEST)) throw new ExpiryError(`${Number.isNaN(ms) ? 'An invalid date' : 'A date past year 9999'} cannot be written as RFC3339: ${TOO_LATE}`);
  const iso = new Date(ms).toISOString();
  if (!/^\d{4}-/.test(iso)) throw new ExpiryError(`${iso} is before year 0 and cannot be written as RFC3339.`);
  return iso.replace(/\.000Z$/, 'Z');
}

/** "3 days", "5 hours", "12 minutes": the rough size of a duration. */
export function humanDuration(ms: number): string {
  const abs = Math.abs(ms);
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (abs >= 365 * DAY) return plural(Math.floor(abs / (365 * DAY)), 'year');
  if (abs >= 2 * DAY) return plural(Math.floor(abs / DAY), 'day');
  if (abs >= 2 * HOUR) return plural(Math.floor(abs / HOUR), 'hour');
  if (abs >= 2 * MINUTE) return plural(Math.floor(abs / MINUTE), 'minute');
  return 'a minute';
}

export const DAY_MS = DAY;
