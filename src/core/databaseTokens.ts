/**
 * Database tokens of the Management HTTP API (Cloud Dedicated and Clustered):
 * their types and strict parsing of the API's answers (./databaseTokenAnswers,
 * re-exported), status, permissions in words and request bodies.
 * Pure: no I/O, no undici, no vscode.
 */
import { ALL_DATABASES, codePoints, type DatabaseToken, type DatabaseTokenPermission } from './databaseTokenAnswers';
import { tokenStatus } from './managementTokens';
import type { TokenStatus } from './types';

export * from './databaseTokenAnswers';
export { ManagementApiResponseError } from './managementApiErrors';

// ---------------------------------------------------------------- status

/** active, expiring (within warningDays), expired or revoked: the rules of management tokens. */
export function databaseTokenStatus(token: DatabaseToken, now: Date, warningDays: number): TokenStatus {
  return tokenStatus(token, now, warningDays);
}

// ---------------------------------------------------------------- permissions in words

const ACTION_ORDER: Record<string, number> = { read: 0, write: 1 };

function compareActions(a: string, b: string): number {
  const oa = ACTION_ORDER[a] ?? 2;
  const ob = ACTION_ORDER[b] ?? 2;
  return oa - ob || (a < b ? -1 : a > b ? 1 : 0);
}

/** `*` first, then by name (code-unit order: stable whatever the locale). */
function compareResources(a: string, b: string): number {
  if (a === b) return 0;
  if (a === ALL_DATABASES) return -1;
  if (b === ALL_DATABASES) return 1;
  return a < b ? -1 : 1;
}

function resourceWords(resource: string): string {
  return resource === ALL_DATABASES ? 'all databases' : resource;
}

/** Resource → its actions, sorted, without duplicates. */
function actionsByResource(perms: readonly DatabaseTokenPermission[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const p of perms) {
    const actions = map.get(p.resource);
    if (!actions) map.set(p.resource, [p.action]);
    else if (!actions.includes(p.action)) actions.push(p.action);
  }
  for (const actions of map.values()) actions.sort(compareActions);
  return new Map([...map].sort(([a], [b]) => compareResources(a, b)));
}

/**
 * Permissions in words: "read/write mydb", "read all databases",
 * "write db1, db2", "read/write db1; read db2"; "no access" for none.
 * Read and write on one database read as "read/write"; databases with the
 * same actions are listed together.
 */
export function describePermissions(perms: readonly DatabaseTokenPermission[]): string {
  if (perms.length === 0) return 'no access';
  // Most tokens hold one database: no grouping to do (long lists stay cheap).
  if (perms.length === 1) return `${perms[0].action} ${resourceWords(perms[0].resource)}`;
  if (perms.length === 2 && perms[0].resource === perms[1].resource) {
    const [a, b] = [perms[0].action, perms[1].action];
    const actions = a === b ? a : compareActions(a, b) < 0 ? `${a}/${b}` : `${b}/${a}`;
    return `${actions} ${resourceWords(perms[0].resource)}`;
  }
  const groups = new Map<string, string[]>();
  for (const [resource, actions] of actionsByResource(perms)) {
    const label = actions.join('/');
    const list = groups.get(label);
    if (list) list.push(resource);
    else groups.set(label, [resource]);
  }
  const labels = [...groups.keys()].sort((a, b) => compareLabels(a.split('/'), b.split('/')));
  return labels.map((label) => `${label} ${groups.get(label)!.map(resourceWords).join(', ')}`).join('; ');
}

/** read/write before read before write before anything else. */
function compareLabels(a: string[], b: string[]): number {
  const rank = (l: string[]): number => (l.length === 2 && l[0] === 'read' && l[1] === 'write' ? 0 : l.length === 1 && l[0] === 'read' ? 1 : l.length === 1 && l[0] === 'write' ? 2 : 3);
  const d = rank(a) - rank(b);
  if (d) return d;
  const ja = a.join('/');
  const jb = b.join('/');
  return ja < jb ? -1 : ja > jb ? 1 : 0;
}

export interface PermissionDiff {
  /** In `after`, not in `before`; sorted by resource (`*` first), then action. */
  added: DatabaseTokenPermission[];
  /** In `before`, not in `after`; same order. */
  removed: DatabaseTokenPermission[];
}

function keyOf(p: DatabaseTokenPermission): string {
  return `${p.action}\u0000${p.resource}`;
}

function comparePermissions(a: DatabaseTokenPermission, b: DatabaseTokenPermission): number {
  return compareResources(a.resource, b.resource) || compareActions(a.action, b.action);
}

/** What replacing `before` by `after` adds and removes (as sets: order and duplicates do not count). */
export function permissionDiff(before: readonly DatabaseTokenPermission[], after: readonly DatabaseTokenPermission[]): PermissionDiff {
  const b = new Map(before.map((p) => [keyOf(p), p]));
  const a = new Map(after.map((p) => [keyOf(p), p]));
  const added = [...a].filter(([k]) => !b.has(k)).map(([, p]) => ({ action: p.action, resource: p.resource }));
  const removed = [...b].filter(([k]) => !a.has(k)).map(([, p]) => ({ action: p.action, resource: p.resource }));
  return { added: added.sort(comparePermissions), removed: removed.sort(comparePermissions) };
}

function listWords(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function diffPart(verb: string, perms: DatabaseTokenPermission[]): string | undefined {
  if (!perms.length) return undefined;
  const items = [...actionsByResource(perms)].map(([resource, actions]) => `${actions.join('/')} on ${resourceWords(resource)}`);
  return `${verb} ${listWords(items)}`;
}

/** "adds write on db2, removes read on db1"; "no change" when both grant the same. */
export function describePermissionDiff(before: readonly DatabaseTokenPermission[], after: readonly DatabaseTokenPermission[]): string {
  const { added, removed } = permissionDiff(before, after);
  const parts = [diffPart('adds', added), diffPart('removes', removed)].filter((p): p is string => p !== undefined);
  return parts.length ? parts.join(', ') : 'no change';
}

// ---------------------------------------------------------------- request bodies

/** Input the extension refuses before sending anything; the message fits an input box. */
export class DatabaseTokenInputError extends Error {
  override name = 'DatabaseTokenInputError';
  constructor(
    message: string,
    readonly field: 'description' | 'permissions' | 'expiresAt' | 'body',
  ) {
    super(message);
  }
}

// C0 and C1 control characters (U+0085 is a line break to some, U+009B a terminal's CSI) and DEL.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// A UTF-16 surrogate not in a pair: no character at all, sent as an escape nobody can read back.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function codePointOf(ch: string): string {
  return `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Why a description cannot be used, or undefined when it can (for an input box's validation). Never repeats the text. */
export function descriptionProblem(description: string): string | undefined {
  if (typeof description !== 'string' || description.trim() === '') return 'A description is required.';
  if (/[\r\n\u2028\u2029]/.test(description)) return 'The description must be a single line.';
  const control = CONTROL.exec(description);
  if (control) return `The description must not contain control characters (it holds ${codePointOf(control[0])}).`;
  if (LONE_SURROGATE.test(description)) return 'The description holds a broken character (a lone UTF-16 surrogate).';
  return undefined;
}

/** Why a database name cannot be a permission's resource, or undefined when it can (`*` can: all databases). */
export function resourceProblem(resource: string): string | undefined {
  if (typeof resource !== 'string') return 'A database name is required.';
  if (resource === ALL_DATABASES) return undefined;
  const length = codePoints(resource);
  if (length < 1) return 'A database name is required.';
  if (length > 64) return `A database name has at most 64 characters; this one has ${length}.`;
  if (CONTROL.test(resource)) return 'A database name must not contain control characters.';
  if (LONE_SURROGATE.test(resource)) return 'A database name must not hold a broken character (a lone UTF-16 surrogate).';
  if (resource.trim() !== resource) return 'A database name must not start or end with a space.';
  return undefined;
}

function checkedPermissions(perms: readonly DatabaseTokenPermission[]): DatabaseTokenPermission[] {
  if (!Array.isArray(perms)) throw new DatabaseTokenInputError('The permissions must be a list.', 'permissions');
  const seen = new Set<string>();
  const out: DatabaseTokenPermission[] = [];
  for (const p of perms) {
    if (typeof p !== 'object' || p === null) throw new DatabaseTokenInputError('A permission must be an action and a database.', 'permissions');
    if (p.action !== 'read' && p.action !== 'write') {
      throw new DatabaseTokenInputError(`The action ${typeof p.action === 'string' ? JSON.stringify(p.action.slice(0, 40)) : typeof p.action} is unknown; a permission is "read" or "write".`, 'permissions');
    }
    const problem = resourceProblem(p.resource);
    if (problem) throw new DatabaseTokenInputError(problem, 'permissions');
    const key = keyOf(p);
    if (seen.has(key)) continue;
    seen.add(key);
    // Only the two documented fields go out.
    out.push({ action: p.action, resource: p.resource });
  }
  return out;
}

/** The body of `POST …/tokens`, as the OpenAPI documents name its fields. */
export interface CreateDatabaseTokenBody {
  description: string;
  permissions: DatabaseTokenPermission[];
  /** RFC3339 UTC; absent: never expires. */
  expiresAt?: string;
}

/** The body of `PATCH …/tokens/{id}`: at least one field; `permissions` replaces the whole list. */
export interface UpdateDatabaseTokenBody {
  description?: string;
  permissions?: DatabaseTokenPermission[];
}

/**
 * The body of `POST …/tokens`. The description is required and single-line
 * (its surrounding spaces are dropped), actions are read or write, resources
 * a database name of 1 to 64 characters or `*`; duplicates are dropped.
 * `expiresAt` undefined means never. Throws DatabaseTokenInputError.
 */
export function createDatabaseTokenBody(input: { description: string; permissions: readonly DatabaseTokenPermission[]; expiresAt?: Date }): CreateDatabaseTokenBody {
  const problem = descriptionProblem(input?.description ?? '');
  if (problem) throw new DatabaseTokenInputError(problem, 'description');
  const body: CreateDatabaseTokenBody = { description: input.description.trim(), permissions: checkedPermissions(input.permissions ?? []) };
  if (input.expiresAt !== undefined) {
    if (!(input.expiresAt instanceof Date) || Number.isNaN(input.expiresAt.getTime())) {
      throw new DatabaseTokenInputError('The expiry is not a valid date.', 'expiresAt');
    }
    // RFC3339 in UTC with a Z, as the documents' examples; milliseconds only when there are some.
    body.expiresAt = input.expiresAt.toISOString().replace(/\.000Z$/, 'Z');
  }
  return body;
}

/**
 * The body of `PATCH …/tokens/{id}`: the description and/or the whole new
 * permission list (PATCH replaces it; an empty list removes all access).
 * Expiry cannot be changed. Throws DatabaseTokenInputError.
 */
export function updateDatabaseTokenBody(input: { description?: string; permissions?: readonly DatabaseTokenPermission[] }): UpdateDatabaseTokenBody {
  const body: UpdateDatabaseTokenBody = {};
  if (typeof input !== 'object' || input === null) throw new DatabaseTokenInputError('Nothing to update: give a description or permissions.', 'body');
  if (input.description !== undefined) {
    const problem = descriptionProblem(input.description);
    if (problem) throw new DatabaseTokenInputError(problem, 'description');
    body.description = input.description.trim();
  }
  if (input.permissions !== undefined) body.permissions = checkedPermissions(input.permissions);
  if (body.description === undefined && body.permissions === undefined) {
    throw new DatabaseTokenInputError('Nothing to update: give a description or permissions.', 'body');
  }
  return body;
}

/** The database a token covers alone (for a profile's `database`), or undefined when it covers none, several or all. */
export function singleDatabaseOf(perms: readonly DatabaseTokenPermission[]): string | undefined {
  const resources = new Set(perms.map((p) => p.resource));
  if (resources.size !== 1) return undefined;
  const [only] = resources;
  return only === ALL_DATABASES ? undefined : only;
}
