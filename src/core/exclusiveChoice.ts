/**
 * A multiple choice where one item stands alone (like "All databases"): the
 * selection after a change, given the one before it. Ticking the exclusive
 * item unticks the others; ticking another unticks the exclusive one.
 */
export function keepExclusive<T>(before: readonly T[], after: readonly T[], exclusive: T): T[] {
  if (!after.includes(exclusive) || after.length === 1) return [...after];
  return before.includes(exclusive) ? after.filter((item) => item !== exclusive) : [exclusive];
}
