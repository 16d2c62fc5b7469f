import type { Profile, TokenStatus } from '../core';
import type { DatabaseTokenRef, ManagementTokenRef, ProfileRef } from '../state/refs';

/** A row of the Profiles view: an influxctl profile of config.toml. */
export type ProfileNode = ProfileRef;

/** A management token listed under its profile. */
export interface TokenNode extends ManagementTokenRef {
  status: TokenStatus;
  hasSecret: boolean;
  /** Profiles whose mgmt_token is this token. */
  inUseBy: string[];
  /** Where the workspace scan found it, in the row's words ("found in 2 files"); undefined when nowhere. */
  found?: string;
}

/** Under a profile: its Management Tokens (expanded) or its Database Tokens (collapsed: nothing is fetched until opened). */
export interface GroupNode {
  kind: 'group';
  group: 'management' | 'database';
  configPath: string;
  profile: Profile;
}

/** A database token of the profile's cluster, from the Management HTTP API. */
export interface DatabaseTokenNode extends DatabaseTokenRef {
  status: TokenStatus;
  hasSecret: boolean;
  /** It is the profile's `token` in config.toml: influxctl query and write use it. */
  isProfileToken: boolean;
  /** Where the workspace scan found it, in the row's words ("found in 2 files"); undefined when nowhere. */
  found?: string;
}

/** A row that says something instead of listing: an error, a login, a broken config, an empty list. */
export interface MessageNode {
  kind: 'message';
  /**
   * 'error' rows offer Retry, 'login' rows Open and Copy, 'config' rows open the file, 'noAuth' rows offer a
   * management token, 'boundElsewhere' rows Forget or Rebind the secrets stored for another cluster,
   * 'consent' rows Allow the weakened TLS a profile asks for, 'noInfluxctl' rows Set influxctl Path or Install influxctl.
   */
  role: 'error' | 'login' | 'config' | 'info' | 'noAuth' | 'boundElsewhere' | 'consent' | 'noInfluxctl';
  /** The group the row stands in, when it is under one: what Retry lists again. */
  group?: GroupNode['group'];
  label: string;
  detail?: string;
  configPath: string;
  profile?: Profile;
  url?: string;
  code?: string;
  position?: { line: number; column: number };
}

export type Node = ProfileNode | GroupNode | TokenNode | DatabaseTokenNode | MessageNode;

export function isMessageNode(arg: unknown): arg is MessageNode {
  return typeof arg === 'object' && arg !== null && (arg as { kind?: unknown }).kind === 'message';
}
