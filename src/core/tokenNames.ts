/** What a person knows a token by: management and database tokens alike. */
export interface NamedToken {
  id: string;
  description: string;
}

/** How a token is named to a person: its description, or its ID when it has none. */
export function tokenName(token: NamedToken): string {
  return token.description || token.id;
}


const ROTATED_SUFFIX = / \(rotated \d{4}-\d{2}-\d{2}\)$/;

/**
 * The description of a token made to replace one described `description`:
 * the same, marked with the day (UTC) of the rotation, an earlier mark
 * replaced rather than stacked. Both tokens are listed side by side until
 * the old one is revoked, so they must be told apart.
 */
export function rotatedDescription(description: string, day: string): string {
  return `${description.replace(ROTATED_SUFFIX, '')} (rotated ${day})`;
}
