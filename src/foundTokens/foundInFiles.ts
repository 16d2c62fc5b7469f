/**
 * Where the scan's bundle puts what rows of the tree say about files
 * ("found in 2 files", "3 leaks"): by token ID for a token row (the same
 * token under two profiles of one cluster is one token), by foundProfileKey
 * for a profile row.
 */
export interface FoundRowWords {
  showFound(words: Map<string, string>): void;
}

/** The key of a profile row's words: apart from token IDs. */
export function foundProfileKey(profileName: string): string {
  return `profile:${profileName}`;
}
