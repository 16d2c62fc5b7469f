/**
 * Database tokens of the Management HTTP API (Cloud Dedicated and Clustered):
 * their types and strict parsing of the API's answers (./databaseTokenAnswers,
 * re-exported), status, permissions grouped for saying them, and request bodies.
 * Pure: no I/O, no undici, no vscode.
 */
import { ALL_DATABASES, codePoints, type DatabaseToken, type DatabaseTokenPermission } from './databaseTokenAnswers';
import type { DatabaseTokenInputProblem, DescriptionProblem, ResourceProblem } from './managementApiErrors';
import { tokenStatus } from './managementTokens';
import type { TokenStatus } from './types';

export * from './databaseTokenAnswers';
export { ManagementApiResponseError, type DatabaseTokenInputProblem, type DescriptionProblem, type ResourceProblem } from './managementApiErrors';

// ---------------------------------------------------------------- status

/** active, expiring (near the end of the warning window and of its lifetime), expired or revoked: the rules of management tokens. */
export function databaseTokenStatus(token: DatabaseToken, now: Date, warningDays: number): TokenStatus {
  return tokenStatus(token, now, warningDays);
}

// ---------------------------------------------------------------- permissions, grouped

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

/** Each resource with its actions: resources `*` first then by name, actions read, write, then others; no duplicates. */
export function actionsByResource(perms: readonly DatabaseTokenPermission[]): [resource: string, actions: string[]][] {
  const map = new Map<string, string[]>();
  for (const p of perms) {
    const actions = map.get(p.resource);
    if (!actions) map.set(p.resource, [p.action]);
    else if (!actions.includes(p.action)) actions.push(p.action);
  }
  for (const actions of map.values()) actions.sort(compareActions);
  return [...map].sort(([a], [b]) => compareResources(a, b));
}

/** Resources that share the same actions, as a permission list is described: "read/write db1, db2". */
export interface PermissionGroup {
  actions: string[];
  /** `*` (all databases) first, then by name. */
  resources: string[];
}

/**
 * Permissions grouped for saying them: read and write on one database are one
 * group (`read/write`), databases with the same actions are listed together;
 * groups read/write first, then read, then write, then anything else.
 */
export function permissionGroups(perms: readonly DatabaseTokenPermission[]): PermissionGroup[] {
  // Most tokens hold one database: no grouping to do (long lists stay cheap).
  if (perms.length === 1) return [{ actions: [perms[0].action], resources: [perms[0].resource] }];
  if (perms.length === 2 && perms[0].resource === perms[1].resource) {
    const [a, b] = [perms[0].action, perms[1].action];
    return [{ actions: a === b ? [a] : compareActions(a, b) < 0 ? [a, b] : [b, a], resources: [perms[0].resource] }];
  }
  const groups = new Map<string, PermissionGroup>();
  for (const [resource, actions] of actionsByResource(perms)) {
    const label = actions.join('/');
    const group = groups.get(label);
    if (group) group.resources.push(resource);
    else groups.set(label, { actions, resources: [resource] });
  }
  return [...groups.values()].sort((a, b) => compareLabels(a.actions, b.actions));
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

// ---------------------------------------------------------------- request bodies

/** Input the extension refuses before sending anything; the VS Code layer words `problem`. */
export class DatabaseTokenInputError extends Error {
  override name = 'DatabaseTokenInputError';
  constructor(
    readonly problem: DatabaseTokenInputProblem,
    readonly field: 'description' | 'permissions' | 'expiresAt' | 'body',
  ) {
    super(`${field}: ${problem.code}${'problem' in problem ? ` (${problem.problem.code})` : ''}`);
  }
}

// C0 and C1 control characters (U+0085 is a line break to some, U+009B a terminal's CSI) and DEL.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// A UTF-16 surrogate not in a pair: no character at all, sent as an escape nobody can read back.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The longest database name, in code points. */
const MAX_DATABASE_NAME = 64;

/** Why a description cannot be used, or undefined when it can (for an input box's validation). Never holds the text. */
export function descriptionProblem(description: string): DescriptionProblem | undefined {
  if (typeof description !== 'string' || description.trim() === '') return { code: 'required' };
  if (/[\r\n\u2028\u2029]/.test(description)) return { code: 'multiLine' };
  const control = CONTROL.exec(description);
  if (control) return { code: 'control', codePoint: control[0].charCodeAt(0) };
  if (LONE_SURROGATE.test(description)) return { code: 'loneSurrogate' };
  return undefined;
}

/** Why a database name cannot be a permission's resource, or undefined when it can (`*` can: all databases). */
export function resourceProblem(resource: string): ResourceProblem | undefined {
  if (typeof resource !== 'string') return { code: 'required' };
  if (resource === ALL_DATABASES) return undefined;
  const length = codePoints(resource);
  if (length < 1) return { code: 'required' };
  if (length > MAX_DATABASE_NAME) return { code: 'tooLong', length, max: MAX_DATABASE_NAME };
  if (CONTROL.test(resource)) return { code: 'control' };
  if (LONE_SURROGATE.test(resource)) return { code: 'loneSurrogate' };
  if (resource.trim() !== resource) return { code: 'spaceAround' };
  return undefined;
}

function checkedPermissions(perms: readonly DatabaseTokenPermission[]): DatabaseTokenPermission[] {
  if (!Array.isArray(perms)) throw new DatabaseTokenInputError({ code: 'permissionsNotList' }, 'permissions');
  const seen = new Set<string>();
  const out: DatabaseTokenPermission[] = [];
  for (const p of perms) {
    if (typeof p !== 'object' || p === null) throw new DatabaseTokenInputError({ code: 'notAPermission' }, 'permissions');
    if (p.action !== 'read' && p.action !== 'write') {
      throw new DatabaseTokenInputError({ code: 'unknownAction', action: typeof p.action === 'string' ? JSON.stringify(p.action.slice(0, 40)) : typeof p.action }, 'permissions');
    }
    const problem = resourceProblem(p.resource);
    if (problem) throw new DatabaseTokenInputError({ code: 'resource', problem }, 'permissions');
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
  if (problem) throw new DatabaseTokenInputError({ code: 'description', problem }, 'description');
  const body: CreateDatabaseTokenBody = { description: input.description.trim(), permissions: checkedPermissions(input.permissions ?? []) };
  if (input.expiresAt !== undefined) {
    if (!(input.expiresAt instanceof Date) || Number.isNaN(input.expiresAt.getTime())) {
      throw new DatabaseTokenInputError({ code: 'invalidExpiry' }, 'expiresAt');
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
  if (typeof input !== 'object' || input === null) throw new DatabaseTokenInputError({ code: 'nothingToUpdate' }, 'body');
  if (input.description !== undefined) {
    const problem = descriptionProblem(input.description);
    if (problem) throw new DatabaseTokenInputError({ code: 'description', problem }, 'description');
    body.description = input.description.trim();
  }
  if (input.permissions !== undefined) body.permissions = checkedPermissions(input.permissions);
  if (body.description === undefined && body.permissions === undefined) {
    throw new DatabaseTokenInputError({ code: 'nothingToUpdate' }, 'body');
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
