/**
 * Timer limits. setTimeout holds at most 2^31-1 ms (about 24.8 days): Node
 * fires a longer one after 1 ms, so every timeout is clamped here first.
 */

/** The longest delay setTimeout honours, in ms. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * A timeout setting in seconds as a usable number of seconds: `fallback`
 * when it is not a positive number, at most MAX_TIMER_MS / 1000 (an infinite
 * or huge setting means "as long as a timer can wait").
 */
export function timeoutSeconds(value: number, fallback = 60): number {
  if (typeof value !== 'number' || Number.isNaN(value) || value <= 0) return fallback;
  return Math.min(value, MAX_TIMER_MS / 1000);
}

/** `seconds` (from timeoutSeconds()) in whole ms for setTimeout: at least 1, at most MAX_TIMER_MS. */
export function timerMs(seconds: number): number {
  return Math.min(Math.max(1, Math.ceil(seconds * 1000)), MAX_TIMER_MS);
}
