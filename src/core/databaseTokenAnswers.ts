/**
 * Database tokens of the Management HTTP API (Cloud Dedicated and Clustered):
 * their types and strict parsing of the API's answers (camelCase, as the
 * official OpenAPI documents say). Pure: no I/O, no undici, no vscode.
 * ./databaseTokens re-exports all of it.
 */
import { GO_ZERO_TIME, parseRfc3339 } from './dates';
import { ManagementApiResponseError, type AnswerFieldProblem, type AnswerKind, type UnexpectedProblem, type ValueShape } from './managementApiErrors';
import { redactData } from './redact';
import { isTokenId } from './managementTokens';

/** `read` and `write` are the documented actions; the schema allows any string, and an unknown one is kept as it is. */
export type DatabaseTokenAction = 'read' | 'write';

export interface DatabaseTokenPermission {
  // `string & {}` keeps the two known actions visible to editors while any string is allowed.
  action: DatabaseTokenAction | (string & {});
  /** A database name (1 to 64 characters) or `*`: all databases. */
  resource: string;
}

export interface DatabaseToken {
  id: string;
  description: string;
  /** May be empty: a token with no access. */
  permissions: DatabaseTokenPermission[];
  createdAt: Date;
  /** undefined: never expires. */
  expiresAt?: Date;
  /** undefined: not revoked. */
  revokedAt?: Date;
  /** Cloud Dedicated only. */
  accountId?: string;
  /** Cloud Dedicated only. */
  clusterId?: string;
}

/**
 * What in a `POST …/tokens` answer is not as documented, while its
 * `accessToken` is: `field` names it (`createdAt`, `permissions[0].action`,
 * `status`, `content-type`, `body`), `problem` says what is wrong (a field's
 * problem, or what made the answer as a whole unexpected), redacted.
 */
export interface CreatedDatabaseTokenProblem {
  field: string;
  problem: AnswerFieldProblem | UnexpectedProblem;
}

/**
 * What `POST …/tokens` answers: the token and its secret, shown this once.
 * When the answer carries a valid `accessToken` but something else is odd,
 * the secret is kept all the same: `problem` says what is odd, and `token`
 * holds only what could be read (`id` when it is a UUID, `description` when
 * it is text, …). Store the secret first, then look at `problem`.
 */
export type CreatedDatabaseToken =
  | {
      token: DatabaseToken;
      /** The secret (`apiv1_…`). Never log, show or store it outside SecretStorage. */
      accessToken: string;
      problem?: undefined;
    }
  | {
      token: Partial<DatabaseToken>;
      /** The secret (`apiv1_…`). Never log, show or store it outside SecretStorage. */
      accessToken: string;
      problem: CreatedDatabaseTokenProblem;
    };

/** One entry of `GET …/databases`. */
export interface Database {
  name: string;
  maxTables: number;
  maxColumnsPerTable: number;
  /** Nanoseconds; 0 means infinite. */
  retentionPeriod: number;
  /** As the API gives it; not interpreted. */
  partitionTemplate?: unknown[];
  /** Cloud Dedicated only. */
  accountId?: string;
  /** Cloud Dedicated only. */
  clusterId?: string;
}

export interface ParseOptions {
  /**
   * 'dedicated' requires `accountId` and `clusterId` on every object, as the
   * Cloud Dedicated document does; otherwise they are optional.
   */
  product?: string;
}

/** The resource that stands for every database. */
export const ALL_DATABASES = '*';

// ---------------------------------------------------------------- parsing

type Json = Record<string, unknown>;

function fail(field: string, problem: AnswerFieldProblem, what: AnswerKind): never {
  throw new ManagementApiResponseError(field, problem, what);
}

/** A value's type, with its text when it is a short string, a number or a boolean. */
function shapeOf(value: unknown): ValueShape {
  if (value === null) return { type: 'null' };
  if (Array.isArray(value)) return { type: 'array' };
  if (typeof value === 'string') return value.length > 40 ? { type: 'string' } : { type: 'string', text: value };
  if (typeof value === 'number' || typeof value === 'boolean') return { type: typeof value, text: String(value) };
  return { type: typeof value };
}

function notA(expected: Extract<AnswerFieldProblem, { code: 'notA' }>['expected'], value: unknown): AnswerFieldProblem {
  return { code: 'notA', expected, value: shapeOf(value) };
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requiredString(o: Json, key: string, path: string, what: AnswerKind): string {
  const value = o[key];
  if (typeof value === 'string') return value;
  if (value === undefined) fail(`${path}${key}`, { code: 'missing' }, what);
  return fail(`${path}${key}`, notA('string', value), what);
}

function uuidField(o: Json, key: string, path: string, what: AnswerKind): string {
  const value = requiredString(o, key, path, what);
  if (!isTokenId(value)) fail(`${path}${key}`, notA('UUID', value), what);
  return value;
}

function optionalUuid(o: Json, key: string, path: string, what: AnswerKind, required: boolean): string | undefined {
  if (o[key] === undefined && !required) return undefined;
  return uuidField(o, key, path, what);
}

function dateField(o: Json, key: string, path: string, what: AnswerKind): Date {
  const value = requiredString(o, key, path, what);
  const date = parseRfc3339(value);
  if (!date) fail(`${path}${key}`, notA('RFC3339', value), what);
  return date;
}


/**
 * An optional date-time. Absent means unset; `null` and Go's zero time
 * (0001-01-01T00:00:00Z) are read as unset too, a leniency beyond the
 * document (which says "absent") so that an unset value never makes a
 * revoked or expired row.
 */
function optionalDate(o: Json, key: string, path: string, what: AnswerKind): Date | undefined {
  const value = o[key];
  if (value === undefined || value === null || value === GO_ZERO_TIME) return undefined;
  return dateField(o, key, path, what);
}

function integerField(o: Json, key: string, path: string, what: AnswerKind, min: number): number {
  const value = o[key];
  if (value === undefined) fail(`${path}${key}`, { code: 'missing' }, what);
  if (typeof value !== 'number' || !Number.isInteger(value)) fail(`${path}${key}`, notA('integer', value), what);
  if (value < min) fail(`${path}${key}`, { code: 'lessThan', value, min }, what);
  return value;
}

/** Length in code points, as JSON Schema's maxLength counts. */
export function codePoints(s: string): number {
  if (s.length <= 64) {
    let n = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0xdc00 || c > 0xdfff) n++;
    }
    return n;
  }
  return [...s].length;
}

function parsePermissions(o: Json, path: string, what: AnswerKind): DatabaseTokenPermission[] {
  const list = o.permissions;
  if (list === undefined) fail(`${path}permissions`, { code: 'missing' }, what);
  if (!Array.isArray(list)) fail(`${path}permissions`, notA('array', list), what);
  const out: DatabaseTokenPermission[] = [];
  for (let i = 0; i < list.length; i++) {
    const p = list[i];
    // The field's path is made only for an error: lists can be long.
    if (!isObject(p)) fail(`${path}permissions[${i}]`, notA('object', p), what);
    const { action, resource } = p;
    // The schema requires neither; a permission without both grants nothing we could show.
    if (typeof action !== 'string' || action === '') {
      fail(`${path}permissions[${i}].action`, action === undefined ? { code: 'missing' } : action === '' ? { code: 'empty' } : notA('string', action), what);
    }
    if (typeof resource !== 'string') {
      fail(`${path}permissions[${i}].resource`, resource === undefined ? { code: 'missing' } : notA('string', resource), what);
    }
    if (resource.length === 0 || (resource.length > 64 && codePoints(resource) > 64)) {
      fail(`${path}permissions[${i}].resource`, { code: 'nameLength', length: codePoints(resource) }, what);
    }
    // The parsed object itself when it holds only these two (fewer objects for long lists).
    let onlyThese = true;
    for (const key in p) {
      if (key !== 'action' && key !== 'resource') {
        onlyThese = false;
        break;
      }
    }
    out.push(onlyThese ? (p as unknown as DatabaseTokenPermission) : { action, resource });
  }
  return out;
}

function parseTokenObject(value: unknown, path: string, what: AnswerKind, dedicated: boolean): DatabaseToken {
  if (!isObject(value)) fail(path.replace(/\.$/, ''), path ? notA('object', value) : { code: 'topLevel', expected: 'object', value: shapeOf(value) }, what);
  const token: DatabaseToken = {
    id: uuidField(value, 'id', path, what),
    description: requiredString(value, 'description', path, what),
    permissions: parsePermissions(value, path, what),
    createdAt: dateField(value, 'createdAt', path, what),
  };
  const expiresAt = optionalDate(value, 'expiresAt', path, what);
  if (expiresAt) token.expiresAt = expiresAt;
  const revokedAt = optionalDate(value, 'revokedAt', path, what);
  if (revokedAt) token.revokedAt = revokedAt;
  const accountId = optionalUuid(value, 'accountId', path, what, dedicated);
  if (accountId !== undefined) token.accountId = accountId;
  const clusterId = optionalUuid(value, 'clusterId', path, what, dedicated);
  if (clusterId !== undefined) token.clusterId = clusterId;
  return token;
}

function listOf(json: unknown, what: AnswerKind): unknown[] {
  if (!Array.isArray(json)) fail('', { code: 'topLevel', expected: 'array', value: shapeOf(json) }, what);
  return json;
}

/** `GET …/tokens` (parsed JSON). Throws ManagementApiResponseError naming the field at fault. */
export function parseDatabaseTokenList(json: unknown, options: ParseOptions = {}): DatabaseToken[] {
  const what = 'databaseTokenList';
  const list = listOf(json, what);
  const dedicated = options.product === 'dedicated';
  const out: DatabaseToken[] = new Array(list.length);
  // Two entries with one ID (UUIDs, whatever their case) are refused, not merged:
  // they may disagree (one revoked, one active; other permissions), and
  // whichever were kept, revoke, edit and the stored secrets (all by ID)
  // would act on a token the cluster may describe otherwise.
  const seen = new Map<string, number>();
  for (let i = 0; i < list.length; i++) {
    const token = parseTokenObject(list[i], `[${i}].`, what, dedicated);
    const key = token.id.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) fail(`[${i}].id`, { code: 'repeatedId', id: token.id, first }, what);
    seen.set(key, i);
    out[i] = token;
  }
  return out;
}

/** `GET …/tokens/{id}` and `PATCH …/tokens/{id}` (parsed JSON). */
export function parseDatabaseToken(json: unknown, options: ParseOptions = {}): DatabaseToken {
  return parseTokenObject(json, '', 'databaseToken', options.product === 'dedicated');
}

/** The shortest `accessToken` the documents allow. */
export const ACCESS_TOKEN_MIN_LENGTH = 64;

const CREATED: AnswerKind = 'createdDatabaseToken';

/** Why `value` cannot be an `accessToken` (never quoting it), or undefined when it can. */
function accessTokenProblem(value: unknown): AnswerFieldProblem | undefined {
  if (value === undefined) return { code: 'missing' };
  // shapeOf() would quote a short string: say only what kind of value it is.
  if (typeof value !== 'string') return { code: 'notA', expected: 'string', value: { type: value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value } };
  if (codePoints(value) < ACCESS_TOKEN_MIN_LENGTH) return { code: 'tooShort', min: ACCESS_TOKEN_MIN_LENGTH };
  if (/[\s\u0000-\u001f\u007f-\u009f]/.test(value)) return { code: 'controlChars' };
  return undefined;
}

/** A secret with blanks or line breaks around it, without them, when that makes it valid; otherwise `value` as it is. */
function trimmedSecret(value: unknown): unknown {
  if (typeof value !== 'string' || accessTokenProblem(value) === undefined) return value;
  const trimmed = value.trim();
  return accessTokenProblem(trimmed) === undefined ? trimmed : value;
}

function attempt<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (err) {
    if (err instanceof ManagementApiResponseError) return undefined;
    throw err;
  }
}

/** Every field of a token object that can be read on its own. */
function partialToken(o: Json, dedicated: boolean): Partial<DatabaseToken> {
  const token: Partial<DatabaseToken> = {};
  if (typeof o.id === 'string' && isTokenId(o.id)) token.id = o.id;
  if (typeof o.description === 'string') token.description = o.description;
  const permissions = attempt(() => parsePermissions(o, '', CREATED));
  if (permissions) token.permissions = permissions;
  const createdAt = attempt(() => dateField(o, 'createdAt', '', CREATED));
  if (createdAt) token.createdAt = createdAt;
  const expiresAt = attempt(() => optionalDate(o, 'expiresAt', '', CREATED));
  if (expiresAt) token.expiresAt = expiresAt;
  const revokedAt = attempt(() => optionalDate(o, 'revokedAt', '', CREATED));
  if (revokedAt) token.revokedAt = revokedAt;
  const accountId = attempt(() => optionalUuid(o, 'accountId', '', CREATED, dedicated));
  if (accountId) token.accountId = accountId;
  const clusterId = attempt(() => optionalUuid(o, 'clusterId', '', CREATED, dedicated));
  if (clusterId) token.clusterId = clusterId;
  return token;
}

/**
 * `POST …/tokens` (parsed JSON): the token and its `accessToken`. Throws
 * ManagementApiResponseError only when there is no valid `accessToken`; any
 * other oddity is the result's `problem`, with what could be read. Never puts
 * the secret into an error or a problem.
 */
export function parseCreatedDatabaseToken(json: unknown, options: ParseOptions = {}): CreatedDatabaseToken {
  if (!isObject(json)) fail('', { code: 'topLevel', expected: 'object', value: shapeOf(json) }, CREATED);
  const accessToken = trimmedSecret(json.accessToken);
  const wrong = accessTokenProblem(accessToken);
  if (wrong !== undefined || typeof accessToken !== 'string') return fail('accessToken', wrong ?? notA('string', undefined), CREATED);
  const dedicated = options.product === 'dedicated';
  try {
    const token = parseTokenObject(json, '', CREATED, dedicated);
    if (accessToken === json.accessToken) return { token, accessToken };
    return { token, accessToken, problem: { field: 'accessToken', problem: { code: 'trimmedSecret' } } };
  } catch (err) {
    if (!(err instanceof ManagementApiResponseError)) throw err;
    return { token: partialToken(json, dedicated), accessToken, problem: { field: err.field, problem: redactData(err.problem, [accessToken]) } };
  }
}

/** The JSON string literals after `"key":` in `text`, decoded; undecodable ones left out. */
function stringsOf(text: string, key: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(new RegExp(`"${key}"\\s*:\\s*("(?:[^"\\\\\\u0000-\\u001f]|\\\\.)*")`, 'g'))) {
    try {
      out.push(JSON.parse(m[1]) as string);
    } catch {
      // Not a JSON string after all.
    }
  }
  return [...new Set(out)];
}

/** Every string an answer's text gives as an `accessToken` (also text that is not JSON): to redact them from errors. */
export function accessTokensIn(text: string): string[] {
  return stringsOf(text, 'accessToken');
}

/**
 * The secret of a `POST …/tokens` answer that is not JSON (cut short, wrapped
 * in something else): its `accessToken` as written, when it appears once and
 * is valid, with the token's `id` and `description` when each appears once.
 * undefined when there is no such secret. Never throws.
 */
export function salvageCreatedDatabaseToken(text: string, problem: CreatedDatabaseTokenProblem): CreatedDatabaseToken | undefined {
  const secrets = [...new Set(stringsOf(text, 'accessToken').map(trimmedSecret))];
  if (secrets.length !== 1 || typeof secrets[0] !== 'string' || accessTokenProblem(secrets[0]) !== undefined) return undefined;
  const accessToken = secrets[0];
  const token: Partial<DatabaseToken> = {};
  const ids = stringsOf(text, 'id');
  if (ids.length === 1 && isTokenId(ids[0])) token.id = ids[0];
  const descriptions = stringsOf(text, 'description');
  if (descriptions.length === 1) token.description = descriptions[0];
  return { token, accessToken, problem: { field: problem.field, problem: redactData(problem.problem, [accessToken]) } };
}

/** `GET …/databases` (parsed JSON). */
export function parseDatabaseList(json: unknown, options: ParseOptions = {}): Database[] {
  const what = 'databaseList';
  const list = listOf(json, what);
  const dedicated = options.product === 'dedicated';
  const out: Database[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    const path = `[${i}].`;
    if (!isObject(item)) fail(`[${i}]`, notA('object', item), what);
    const name = requiredString(item, 'name', path, what);
    const length = codePoints(name);
    if (length < 1 || length > 64) fail(`${path}name`, { code: 'nameLength', length }, what);
    const db: Database = {
      name,
      maxTables: integerField(item, 'maxTables', path, what, 1),
      maxColumnsPerTable: integerField(item, 'maxColumnsPerTable', path, what, 1),
      retentionPeriod: integerField(item, 'retentionPeriod', path, what, 0),
    };
    if (item.partitionTemplate !== undefined) {
      if (!Array.isArray(item.partitionTemplate)) fail(`${path}partitionTemplate`, notA('array', item.partitionTemplate), what);
      db.partitionTemplate = item.partitionTemplate;
    }
    const accountId = optionalUuid(item, 'accountId', path, what, dedicated);
    if (accountId !== undefined) db.accountId = accountId;
    const clusterId = optionalUuid(item, 'clusterId', path, what, dedicated);
    if (clusterId !== undefined) db.clusterId = clusterId;
    out[i] = db;
  }
  return out;
}
