/** What a person knows a token by: management and database tokens alike. */
export interface NamedToken {
  id: string;
  description: string;
}

/** How a token is named to a person: its description, or its ID when it has none. */
export function tokenName(token: NamedToken): string {
  return token.description || token.id;
}

