// A stand-in for a string that counts how much of it the code under test
// reads: a measure of work that a loaded machine does not change, unlike time.

/** Characters a string method examines: its span for the ones that look at part of the text, all of it otherwise. */
function charactersExamined(raw: string, method: PropertyKey, args: unknown[], result: unknown): number {
  switch (method) {
    case 'charAt':
    case 'charCodeAt':
    case 'codePointAt':
    case 'at':
      return 1;
    case 'startsWith':
    case 'endsWith':
      return String(args[0]).length;
    case 'slice':
    case 'substring':
    case 'substr':
      return (result as string).length;
    case 'indexOf': {
      const from = Number(args[1] ?? 0);
      return ((result as number) === -1 ? raw.length : (result as number) + String(args[0]).length) - from;
    }
    default:
      return raw.length;
  }
}

/**
 * `text` behaves as `raw` for indexing, `length` and String methods, and
 * counts the characters read from it: one per index, a method's span (see
 * above), the whole text for a conversion to a string. Past `limit` it throws,
 * so that quadratic work fails in a moment instead of running for minutes.
 */
export function countingText(raw: string, limit = Infinity): { text: string; reads: () => number } {
  let reads = 0;
  const charge = (n: number): void => {
    reads += n;
    if (reads > limit) throw new Error(`read more than ${limit} characters of a ${raw.length}-character text`);
  };
  const text = new Proxy(Object(raw) as object, {
    get(_target, key) {
      if (key === 'length') return raw.length;
      if (typeof key === 'string' && /^\d+$/.test(key)) {
        charge(1);
        return raw[Number(key)];
      }
      if (key === Symbol.toPrimitive) {
        return () => {
          charge(raw.length);
          return raw;
        };
      }
      const value = (raw as unknown as Record<PropertyKey, unknown>)[key];
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result = (value as (...a: unknown[]) => unknown).apply(raw, args);
        charge(charactersExamined(raw, key, args, result));
        return result;
      };
    },
  }) as unknown as string;
  return { text, reads: () => reads };
}
