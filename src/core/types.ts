/** A management token as `influxctl management list` describes it (the secret is never listed). */
export interface ManagementToken {
  id: string;
  description: string;
  /** The first characters of the secret, for example `M.V1.+5Jk`. */
  prefix: string;
  createdAt: Date;
  /** undefined: never expires. */
  expiresAt?: Date;
  /** undefined: not revoked. */
  revokedAt?: Date;
  accountId?: string;
  createdBy?: string;
}

export type TokenStatus = 'active' | 'expiring' | 'expired' | 'revoked';

export interface ProfileTls {
  insecure?: boolean;
  disable?: boolean;
  ca?: string;
  cert?: string;
  key?: string;
}

/** One `[[profile]]` of influxctl's config.toml. */
export interface Profile {
  name: string;
  /** 'dedicated' | 'clustered' when valid; otherwise what the file says. */
  product?: string;
  host?: string;
  port?: string;
  accountId?: string;
  clusterId?: string;
  database?: string;
  /** The database token influxctl query and write use. Secret: never log or display it. */
  token?: string;
  /** Secret: never log or display it. */
  mgmtToken?: string;
  tls?: ProfileTls;
  /** Whether the profile has an `[profile.auth.oauth2]` table. */
  hasOAuth2: boolean;
  /** Position among the file's `[[profile]]` tables, from 0. */
  index: number;
  /** Line of the profile's `[[profile]]` header, from 0. */
  line: number;
}

/**
 * What a revoke did, for management and database tokens alike: the tokens the
 * cluster now shows revoked, and the others with why (a token whose state is
 * unknown counts as not revoked).
 */
export interface RevokeResult {
  revoked: string[];
  failed: { id: string; error: Error }[];
}
