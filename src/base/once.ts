/** `make`, called on the first call only; later calls return what it made. For bundles loaded on first use. */
export function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}
