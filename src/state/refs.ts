import type { DatabaseToken, ManagementToken, Profile } from '../core';

// What commands act on: a profile of a config.toml, or a token of one. Tree
// rows extend these (tree/nodes.ts) with what only the view needs; a command
// given a row reads it as one of these, and re-reads the profile from
// config.toml before acting (ui/profilePicker.ts).

export interface ProfileRef {
  kind: 'profile';
  configPath: string;
  profile: Profile;
}

export interface ManagementTokenRef {
  kind: 'token';
  configPath: string;
  profile: Profile;
  token: ManagementToken;
}

export interface DatabaseTokenRef {
  kind: 'databaseToken';
  configPath: string;
  profile: Profile;
  token: DatabaseToken;
}

/** Anything that names a profile of a config.toml: a ref, or a group or message row under a profile. */
export interface NamesProfile {
  configPath: string;
  profile: Pick<Profile, 'name'>;
}

export function profileRef(configPath: string, profile: Profile): ProfileRef {
  return { kind: 'profile', configPath, profile };
}

function hasKind(arg: unknown, kind: string): boolean {
  return typeof arg === 'object' && arg !== null && (arg as { kind?: unknown }).kind === kind;
}

export function isProfileRef(arg: unknown): arg is ProfileRef {
  return hasKind(arg, 'profile');
}

export function isManagementTokenRef(arg: unknown): arg is ManagementTokenRef {
  return hasKind(arg, 'token');
}

export function isDatabaseTokenRef(arg: unknown): arg is DatabaseTokenRef {
  return hasKind(arg, 'databaseToken');
}

export function namesProfile(arg: unknown): arg is NamesProfile {
  const a = arg as Partial<NamesProfile> | null;
  return typeof a === 'object' && a !== null && typeof a.configPath === 'string' && typeof a.profile?.name === 'string';
}
