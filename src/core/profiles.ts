import type * as TOML from '@iarna/toml';
import parseTomlString from '@iarna/toml/parse-string';
import { findNestingBeyond, findScalar, LineIndex, scanToml } from './tomlScan';
import type { ConfigEncoding } from './configEncoding';
import type { Profile, ProfileTls } from './types';

/**
 * Why config.toml cannot be used. notToml and unreadable carry the TOML
 * parser's own words (`parserMessage`: technical detail, in English); tooDeep
 * the top-level key and the nesting limit; encoding how the file is stored
 * when influxctl cannot read it (`undefined`: bytes that are not text in it).
 */
export type ConfigErrorReason =
  | { code: 'notToml'; parserMessage: string }
  | { code: 'unreadable'; parserMessage: string }
  | { code: 'tooDeep'; key: string; limit: number }
  | { code: 'profileNotTables' }
  | { code: 'encoding'; encoding: ConfigEncoding; undecodable: boolean };

/**
 * config.toml cannot be used; line and column count from 1 when known. The
 * VS Code layer words `reason`; the message is for the log and for config
 * lint's syntax problem.
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    readonly reason: ConfigErrorReason,
    readonly line?: number,
    readonly column?: number,
  ) {
    const message = logMessage(reason);
    super(line ? `${message} (line ${line}, column ${column ?? 1})` : message);
  }
}

function logMessage(r: ConfigErrorReason): string {
  switch (r.code) {
    case 'notToml':
      return `config.toml is not valid TOML: ${r.parserMessage}`;
    case 'unreadable':
      return `config.toml could not be read: ${r.parserMessage}`;
    case 'tooDeep':
      return `config.toml nests arrays or tables more than ${r.limit} levels deep (under ${JSON.stringify(r.key)})`;
    case 'profileNotTables':
      return '"profile" must be written as [[profile]] tables';
    case 'encoding':
      return `config.toml is ${r.undecodable ? 'not valid' : 'stored as'} ${r.encoding}`;
  }
}

interface TomlParseError extends Error {
  line?: number;
  col?: number;
}

/**
 * Deeper nesting is refused: influxctl's settings nest at most 5 levels, and
 * recursive walks of parsed data (util.isDeepStrictEqual in tomlEdit, the
 * recursive value skipping of tomlScan) overflow the stack at a few thousand.
 */
const MAX_DEPTH = 100;

/** Whether arrays or tables nest more than MAX_DEPTH levels; the top-level key they are under if so. Iterative. */
function tooDeepUnder(data: TOML.JsonMap): string | undefined {
  // Only arrays and tables are stacked (a config is mostly scalars), with their depths beside them.
  const isContainer = (v: unknown): v is object => typeof v === 'object' && v !== null && !(v instanceof Date);
  const stack: object[] = [];
  const depths: number[] = [];
  for (const key of Object.keys(data)) {
    if (!isContainer(data[key])) continue;
    stack.push(data[key] as object);
    depths.push(1);
    while (stack.length > 0) {
      const value = stack.pop()!;
      const depth = depths.pop()!;
      if (depth > MAX_DEPTH) return key;
      for (const child of Array.isArray(value) ? value : Object.values(value)) {
        if (isContainer(child)) {
          stack.push(child);
          depths.push(depth + 1);
        }
      }
    }
  }
  return undefined;
}

/** A ConfigError positioned at `offset` (when known), 1-based. */
function configErrorAt(reason: ConfigErrorReason, text: string, offset: number | undefined): ConfigError {
  if (offset === undefined) return new ConfigError(reason);
  const { line, column } = new LineIndex(text).position(offset);
  return new ConfigError(reason, line + 1, column + 1);
}

/**
 * Whether @iarna/toml fails on `literal` without saying where: it throws a
 * bare TypeError for a date or time that does not exist (1979-13-45).
 */
function failsWithoutPosition(literal: string): boolean {
  if (!/\d[-:]/.test(literal)) return false;
  try {
    parseTomlString(`x = ${literal}`);
    return false;
  } catch (err) {
    return typeof (err as TomlParseError | undefined)?.line !== 'number';
  }
}

/** Parses TOML, turning @iarna/toml's error into a ConfigError with a 1-based position. */
export function parseToml(text: string): TOML.JsonMap {
  let data: TOML.JsonMap;
  try {
    // @iarna/toml refuses the CR of a CRLF that ends a comment (iarna-toml#33);
    // CRLF is a valid TOML newline, and dropping the CR moves no line or column.
    // A UTF-8 byte order mark (Windows editors write one) is not content either.
    data = parseTomlString(text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n'));
  } catch (err) {
    const e = (err ?? {}) as TomlParseError;
    const firstLine = String(e.message ?? err).split('\n')[0].replace(/ at row \d+, col \d+, pos \d+:?$/, '');
    if (typeof e.line !== 'number') {
      // Not a TomlError: the parser stopped at the first value it could not make, in text order.
      const at = findScalar(text, failsWithoutPosition);
      if (at !== undefined) throw configErrorAt({ code: 'notToml', parserMessage: firstLine }, text, at);
      throw new ConfigError({ code: 'unreadable', parserMessage: firstLine });
    }
    const [line, column] = clampPosition(text, e.line, e.col ?? 0);
    throw new ConfigError({ code: 'notToml', parserMessage: firstLine }, line + 1, column + 1);
  }
  const deepKey = tooDeepUnder(data);
  if (deepKey !== undefined) {
    throw configErrorAt({ code: 'tooDeep', key: deepKey, limit: MAX_DEPTH }, text, findNestingBeyond(text, MAX_DEPTH));
  }
  return data;
}

/**
 * The `[[profile]]` tables of parsed config.toml (none when it has none).
 * Throws a ConfigError, positioned where `profile` is first made something
 * else, when `profile` is not an array of tables.
 */
export function profileTables(data: TOML.JsonMap, text: string): TOML.JsonMap[] {
  const raw = data.profile;
  if (raw === undefined) return [];
  if (Array.isArray(raw) && raw.every((p) => typeof p === 'object' && p !== null && !Array.isArray(p) && !(p instanceof Date))) {
    return raw as TOML.JsonMap[];
  }
  throw configErrorAt({ code: 'profileNotTables' }, text, profileMisuse(text));
}

/**
 * Offset of the first statement that makes `profile` something other than
 * an array of tables: a top-level `profile = …` or `profile.x = …`, a
 * `[profile]` table, or a `[profile.x]` before any `[[profile]]`.
 */
function profileMisuse(text: string): number | undefined {
  let statements: ReturnType<typeof scanToml>;
  try {
    statements = scanToml(text);
  } catch {
    return undefined;
  }
  let topLevel = true;
  let arraySeen = false;
  for (const s of statements) {
    if (s.kind === 'keyValue') {
      if (topLevel && s.key[0] === 'profile') return s.keyStart;
      continue;
    }
    topLevel = false;
    if (s.path[0] !== 'profile') continue;
    if (s.kind === 'arrayTable' && s.path.length === 1) arraySeen = true;
    else if (s.path.length === 1 || !arraySeen) return text.indexOf('[', s.start);
  }
  return undefined;
}

/**
 * The parser may point past the end of a line or of the text (an unterminated
 * string, a lone `[`); keeps a 0-based position inside the text, at most just
 * after the line's last character (its CR excluded).
 */
function clampPosition(text: string, line: number, column: number): [number, number] {
  let start = 0;
  let n = 0;
  for (; n < line; n++) {
    const lf = text.indexOf('\n', start);
    if (lf < 0) break;
    start = lf + 1;
  }
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  if (end > start && text[end - 1] === '\r') end--;
  return [n, Math.max(0, Math.min(column, end - start))];
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  return undefined;
}

function tlsOf(v: unknown): ProfileTls | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const t = v as Record<string, unknown>;
  return {
    insecure: t.insecure === true,
    disable: t.disable === true,
    ca: str(t.ca) || undefined,
    cert: str(t.cert) || undefined,
    key: str(t.key) || undefined,
  };
}

/** Lines (from 0) of each `[[profile]]` header, in order. */
function profileHeaderLines(text: string, count: number): number[] {
  // Without multi-line strings, a line that starts with [[profile]] is a header: one regex finds them,
  // when it finds as many as were parsed. Anything else (quoted keys, multi-line strings) is scanned.
  if (!text.includes('"""') && !text.includes("'''")) {
    const lines: number[] = [];
    let line = 0;
    let counted = 0;
    for (const m of text.matchAll(/(^|\n)[ \t]*\[\[[ \t]*profile[ \t]*\]\]/g)) {
      const start = m[1] ? m.index + 1 : 0;
      for (let i = text.indexOf('\n', counted); i !== -1 && i < start; i = text.indexOf('\n', i + 1)) line++;
      counted = start;
      lines.push(line);
    }
    if (lines.length === count) return lines;
  }
  const index = new LineIndex(text);
  try {
    return scanToml(text)
      .filter((s) => s.kind === 'arrayTable' && s.path.length === 1 && s.path[0] === 'profile')
      .map((s) => index.position(s.kind === 'arrayTable' ? s.start : 0).line);
  } catch {
    return [];
  }
}

/**
 * Parses influxctl's config.toml into its profiles. Throws ConfigError with a
 * position when the file is not TOML or `profile` is not an array of tables.
 * Profiles without a string name are left out (influxctl cannot select them).
 */
export function parseProfiles(text: string): Profile[] {
  const raw = profileTables(parseToml(text), text);
  if (raw.length === 0) return [];
  const lines = profileHeaderLines(text, raw.length);
  const profiles: Profile[] = [];
  raw.forEach((p, index) => {
    if (typeof p.name !== 'string') return;
    const auth = p.auth as TOML.JsonMap | undefined;
    profiles.push({
      name: p.name,
      product: str(p.product),
      host: str(p.host),
      port: str(p.port),
      accountId: str(p.account_id),
      clusterId: str(p.cluster_id),
      database: str(p.database),
      token: typeof p.token === 'string' && p.token !== '' ? p.token : undefined,
      mgmtToken: typeof p.mgmt_token === 'string' && p.mgmt_token !== '' ? p.mgmt_token : undefined,
      tls: tlsOf(p.tls),
      hasOAuth2: typeof auth === 'object' && auth !== null && typeof auth.oauth2 === 'object',
      index,
      line: lines[index] ?? 0,
    });
  });
  return profiles;
}
