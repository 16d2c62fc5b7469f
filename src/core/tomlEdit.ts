import { isDeepStrictEqual } from 'util';
import type * as TOML from '@iarna/toml';
import { parseToml, profileTables } from './profiles';
import { forEachTomlStatement, type TomlHeader, type TomlKeyValue, type TomlStatement } from './tomlScan';

/** Writes `s` as a TOML basic string, quotes included. */
export function tomlBasicString(s: string): string {
  const named: Record<string, string> = { '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r', '"': '\\"', '\\': '\\\\' };
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const code = ch.charCodeAt(0);
    if (named[ch]) out += named[ch];
    else if (code < 0x20 || code === 0x7f) out += '\\u' + code.toString(16).toUpperCase().padStart(4, '0');
    else if (code >= 0xd800 && code <= 0xdbff && /[\udc00-\udfff]/.test(s[i + 1] ?? '')) {
      out += ch + s[i + 1];
      i++;
    } else if (code >= 0xd800 && code <= 0xdfff) throw new RangeError('not valid Unicode text (lone surrogate)');
    else out += ch;
  }
  return out + '"';
}

const isProfileHeader = (s: { kind: string; path?: string[] }): boolean =>
  s.kind === 'arrayTable' && s.path!.length === 1 && s.path![0] === 'profile';

/**
 * Sets `mgmt_token` of the `[[profile]]` named `profileName` and returns the
 * new text. Only one line changes: an existing value is replaced in place
 * (indentation, spacing and an inline comment are kept), otherwise one line
 * is inserted right after the profile's last own key/value statement (so
 * before `[profile.tls]` and other sub-tables), with that statement's
 * indentation and the surrounding line break style.
 *
 * Throws, leaving the caller's text as it was, when the text is not TOML
 * (ConfigError), when no profile or more than one profile has that name, or
 * when the edited text would not parse back to the original data with only
 * that one key set.
 */
export function setProfileMgmtToken(text: string, profileName: string, token: string): string {
  return setProfileString(text, profileName, 'mgmt_token', token);
}

/** The string keys of a profile the extension writes: the management token, and the token and database of query/write. */
export type ProfileStringKey = 'mgmt_token' | 'token' | 'database';

/**
 * Why a profile's key was not set (the text is unchanged): noSuchProfile,
 * duplicateProfile (two profiles have the name), notUnicode (the value holds
 * a lone surrogate), notScannable (`detail`: the scanner's words), inlineProfiles
 * (`profile = [...]`), tableOrDottedKey (the key is written so), wouldChangeOthers
 * (the edit would change what other settings mean).
 */
export type ProfileEditErrorCode = 'noSuchProfile' | 'duplicateProfile' | 'notUnicode' | 'notScannable' | 'inlineProfiles' | 'tableOrDottedKey' | 'wouldChangeOthers';

/** A key of a profile that could not be set; the VS Code layer words it. Never holds the value. */
export class ProfileEditError extends Error {
  override name = 'ProfileEditError';
  constructor(
    readonly code: ProfileEditErrorCode,
    readonly profileName: string,
    readonly key: ProfileStringKey,
    readonly detail?: string,
  ) {
    super(`${code}: ${key} of profile ${JSON.stringify(profileName)}${detail ? ` (${detail})` : ''}`);
  }
}

/** Sets one string key of a profile, with setProfileMgmtToken's guarantees (one line changes, the rest means the same). */
export function setProfileString(text: string, profileName: string, key: ProfileStringKey, token: string): string {
  const data = parseToml(text);
  const profiles = profileTables(data, text);
  const matches: number[] = [];
  profiles.forEach((p, i) => {
    if (p.name === profileName) matches.push(i);
  });
  if (matches.length === 0) throw new ProfileEditError('noSuchProfile', profileName, key);
  if (matches.length > 1) throw new ProfileEditError('duplicateProfile', profileName, key);
  const target = matches[0];
  let value: string;
  try {
    value = tomlBasicString(token);
  } catch {
    throw new ProfileEditError('notUnicode', profileName, key);
  }

  // One pass over the statements: find the target's header, its own key/values,
  // and (for a profile without keys) the indentation other profiles use.
  let headerCount = 0;
  let header: TomlHeader | undefined;
  let lastOwn: TomlKeyValue | undefined;
  let existing: TomlKeyValue | undefined;
  let otherIndent: string | undefined;
  let segmentEnd = text.length; // where the next [[profile]] starts
  let inProfileBody = false; // between a [[profile]] header and the next header
  const visit = (s: TomlStatement): void => {
    if (s.kind !== 'keyValue') {
      inProfileBody = isProfileHeader(s);
      if (inProfileBody) {
        if (headerCount === target) header = s;
        if (headerCount === target + 1) segmentEnd = s.start;
        headerCount++;
      }
      return;
    }
    if (!inProfileBody) return;
    if (header && headerCount - 1 === target) {
      lastOwn = s;
      if (s.key.length === 1 && s.key[0] === key) existing = s;
    } else if (otherIndent === undefined) {
      otherIndent = text.slice(s.lineStart, s.keyStart);
    }
  };
  try {
    forEachTomlStatement(text, visit);
  } catch (err) {
    throw new ProfileEditError('notScannable', profileName, key, (err as Error).message);
  }
  if (headerCount !== profiles.length || !header) {
    throw new ProfileEditError('inlineProfiles', profileName, key);
  }

  // One edit: text[from, to) becomes `insertion`.
  let from: number;
  let to: number;
  let insertion: string;
  if (existing) {
    from = existing.valueStart;
    to = existing.valueEnd;
    insertion = value;
  } else {
    if (Object.prototype.hasOwnProperty.call(profiles[target], key)) {
      throw new ProfileEditError('tableOrDottedKey', profileName, key);
    }
    const at = lastOwn ? lastOwn.end : header.end;
    const indent = lastOwn
      ? text.slice(lastOwn.lineStart, lastOwn.keyStart)
      : otherIndent ?? text.slice(header.start, header.end).match(/^[ \t]*/)![0] + '    ';
    from = to = at;
    insertion = lineBreakAt(text, at) + indent + `${key} = ` + value;
  }
  const edited = text.slice(0, from) + insertion + text.slice(to);

  // The promise: the file means exactly what it meant, plus this one key.
  const originalProfile = { ...profiles[target] };
  profiles[target][key] = token;
  if (!meansTheSame(text, edited, { from, to, insertion }, header.start, segmentEnd, data, originalProfile, profiles[target])) {
    throw new ProfileEditError('wouldChangeOthers', profileName, key);
  }
  return edited;
}

/**
 * Whether `edited` (`text` with [edit.from, edit.to) replaced by
 * `edit.insertion`) parses to `expected` (the original data with the token
 * set). The edit lies inside the edited profile's own part of the file, from
 * its header (`start`) to the next [[profile]] (`end`): when that part is a
 * self-contained TOML document, parsing just that part keeps a 1,000-profile
 * edit fast; otherwise the whole file is parsed.
 */
function meansTheSame(
  text: string,
  edited: string,
  edit: { from: number; to: number; insertion: string },
  start: number,
  end: number,
  expected: TOML.JsonMap,
  originalProfile: TOML.JsonMap,
  expectedProfile: TOML.JsonMap,
): boolean {
  try {
    const before = parseToml(text.slice(start, end)).profile as TOML.JsonMap[] | undefined;
    // The edited part is made from `text`, not cut from `edited`: cutting from
    // the concatenated `edited` copied the whole file (a tenth of the edit's time).
    const after = parseToml(text.slice(start, edit.from) + edit.insertion + text.slice(edit.to, end)).profile as TOML.JsonMap[] | undefined;
    if (before?.length === 1 && after?.length === 1 && isDeepStrictEqual(before[0], originalProfile)) {
      return isDeepStrictEqual(after[0], expectedProfile);
    }
  } catch {
    // Not self-contained: check the whole file below.
  }
  try {
    return isDeepStrictEqual(parseToml(edited), expected);
  } catch {
    return false;
  }
}

/** The line break in use at `at` (the end of a line): the one that follows, else the file's first, else LF. */
function lineBreakAt(text: string, at: number): string {
  if (text.startsWith('\r\n', at)) return '\r\n';
  if (text[at] === '\n') return '\n';
  const first = text.indexOf('\n');
  return first > 0 && text[first - 1] === '\r' ? '\r\n' : '\n';
}

/** A profile to add: what influxctl needs to reach a Cloud Dedicated or a Clustered cluster (no secret). */
export type NewProfile = { name: string } & ({ product: 'dedicated'; account_id: string; cluster_id: string } | { product: 'clustered'; host: string; port?: string });

/** Why a profile was not added (the text is unchanged): duplicateProfile (the name is taken), notUnicode (a lone surrogate), wouldChangeOthers (the text would not parse to its data plus that profile, e.g. inline `profile = [...]`). */
export type ProfileAddErrorCode = 'duplicateProfile' | 'notUnicode' | 'wouldChangeOthers';

/** A profile that could not be added; the VS Code layer words it. */
export class ProfileAddError extends Error {
  override name = 'ProfileAddError';
  constructor(
    readonly code: ProfileAddErrorCode,
    readonly profileName: string,
  ) {
    super(`${code}: profile ${JSON.stringify(profileName)}`);
  }
}

/**
 * Appends a `[[profile]]` table to config.toml's text and returns the new
 * text: after one blank line, in the file's line break style and its
 * profiles' indentation; nothing before it changes. Throws ProfileAddError
 * (or ConfigError when `text` is not TOML) unless the new text parses to the
 * old data with exactly this profile added at the end.
 */
export function appendProfile(text: string, profile: NewProfile): string {
  const data = parseToml(text);
  const profiles = profileTables(data, text);
  if (profiles.some((p) => p.name === profile.name)) throw new ProfileAddError('duplicateProfile', profile.name);
  const eol = lineBreakAt(text, text.length);
  let indent: string | undefined;
  let inProfileBody = false;
  forEachTomlStatement(text, (s) => {
    if (s.kind !== 'keyValue') inProfileBody = isProfileHeader(s);
    else if (inProfileBody && indent === undefined) indent = text.slice(s.lineStart, s.keyStart);
  });
  const entries = Object.entries(profile).filter(([, value]) => value !== undefined) as [string, string][];
  let lines: string[];
  try {
    lines = ['[[profile]]', ...entries.map(([key, value]) => `${indent ?? '    '}${key} = ${tomlBasicString(value)}`)];
  } catch {
    throw new ProfileAddError('notUnicode', profile.name);
  }
  // One blank line between the file's last line and the new table: as many line breaks as it lacks.
  const lacking = text.trim() === '' ? 0 : text.endsWith(eol + eol) ? 0 : text.endsWith(eol) ? 1 : 2;
  const edited = text + eol.repeat(lacking) + lines.join(eol) + eol;
  const expected = { ...data, profile: [...profiles, Object.fromEntries(entries)] };
  try {
    if (isDeepStrictEqual(parseToml(edited), expected)) return edited;
  } catch {
    // Not TOML any more: refused below.
  }
  throw new ProfileAddError('wouldChangeOthers', profile.name);
}
