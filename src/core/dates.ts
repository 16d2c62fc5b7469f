// Dates as the extension reads and writes them: one RFC3339 reader for
// influxctl's JSON, the Management API's answers and what people type, and
// Go's zero time, which both influxctl and the API may write for "unset".

/** The UTC calendar day of a moment, as YYYY-MM-DD (default descriptions, once-a-day notices). */
export function isoDay(at: Date = new Date()): string {
  return at.toISOString().slice(0, 10);
}

/** Go's zero time.Time: what a Go program writes for a time never set. */
export const GO_ZERO_TIME = '0001-01-01T00:00:00Z';
export const GO_ZERO_MS = -62135596800000;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The number of `n` digits at `at`, or -1. */
function digits(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** What readRfc3339 read: the moment, or why not (the wrong shape, or a date, time or offset that cannot be). */
export type Rfc3339Reading = { ok: true; ms: number } | { ok: false; reason: 'notRfc3339' | 'notReal' };

export interface Rfc3339Leniency {
  /** A space between date and time, as RFC 3339 (5.6) allows for readability. */
  space?: boolean;
  /** `12:00Z` for `12:00:00Z`, as people type it. */
  secondsOptional?: boolean;
}

/**
 * An RFC3339 date-time with an offset (`2023-12-21T17:32:28Z`,
 * `…28.123456789+01:00`, `t` and `z` too): fractions of any length, of which
 * milliseconds are kept; a leap second rolls over. One without an offset is
 * refused rather than read as local time. By hand, without a regular
 * expression: lists of 100,000 tokens hold 300,000 of them.
 */
export function readRfc3339(s: string, lenient: Rfc3339Leniency = {}): Rfc3339Reading {
  const NOT: Rfc3339Reading = { ok: false, reason: 'notRfc3339' };
  if (s.length < 17 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(13) !== 58) return NOT;
  const t = s.charCodeAt(10);
  if (t !== 84 && t !== 116 && !(lenient.space && t === 32)) return NOT; // T, t or a space
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  let i = 16;
  let second = 0;
  if (s.charCodeAt(16) === 58) {
    second = digits(s, 17, 2);
    i = 19;
  } else if (!lenient.secondsOptional) return NOT;
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return NOT;
  let ms = 0;
  if (i === 19 && s.charCodeAt(i) === 46) {
    // Fractions: any number of digits, milliseconds kept.
    const from = ++i;
    while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
    if (i === from) return NOT;
    for (let k = 0; k < 3; k++) ms = ms * 10 + (from + k < i ? s.charCodeAt(from + k) - 48 : 0);
  }
  let offsetMinutes = 0;
  let badOffset = false;
  const z = s.charCodeAt(i);
  if (z === 90 || z === 122) {
    // Z or z
    if (i + 1 !== s.length) return NOT;
  } else if (z === 43 || z === 45) {
    // +hh:mm or -hh:mm
    if (i + 6 !== s.length || s.charCodeAt(i + 3) !== 58) return NOT;
    const oh = digits(s, i + 1, 2);
    const om = digits(s, i + 4, 2);
    if (oh < 0 || om < 0) return NOT;
    badOffset = oh > 23 || om > 59;
    offsetMinutes = (z === 45 ? -1 : 1) * (oh * 60 + om);
  } else {
    return NOT;
  }
  const leap = month === 2 && ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0);
  const realDay = month >= 1 && month <= 12 && day >= 1 && day <= DAYS_IN_MONTH[month - 1] + (leap ? 1 : 0);
  if (!realDay || hour > 23 || minute > 59 || second > 60 || badOffset) return { ok: false, reason: 'notReal' };
  let time = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  if (year < 100) {
    // Date.UTC reads years 0-99 as 1900-1999.
    const d = new Date(time);
    d.setUTCFullYear(year);
    time = d.getTime();
  }
  time -= offsetMinutes * 60000;
  return Number.isNaN(time) ? { ok: false, reason: 'notReal' } : { ok: true, ms: time };
}

/** The strict form (OpenAPI `format: date-time`) as a Date, or undefined when it is not one. */
export function parseRfc3339(text: string): Date | undefined {
  const r = readRfc3339(text);
  return r.ok ? new Date(r.ms) : undefined;
}
