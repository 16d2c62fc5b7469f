// @iarna/toml's string parser alone (its index also pulls in stringify and streams).
declare module '@iarna/toml/parse-string' {
  import type { JsonMap } from '@iarna/toml';
  function parseString(text: string): JsonMap;
  export = parseString;
}
