/** The UTC calendar day of a moment, as YYYY-MM-DD (default descriptions, once-a-day notices). */
export function isoDay(at: Date = new Date()): string {
  return at.toISOString().slice(0, 10);
}
