/**
 * ManagementApiClient: database tokens and databases of one profile's
 * cluster, as the official OpenAPI documents describe them, through pooled
 * keep-alive connections (./managementApiTransport). Every failure is one
 * ManagementApiError. Re-exported by ./managementApi.
 */
import type * as Undici from 'undici';
import { isTokenShaped } from './clusterOrigin';
import {
  accessTokensIn,
  createDatabaseTokenBody,
  DatabaseTokenInputError,
  parseCreatedDatabaseToken,
  parseDatabaseList,
  parseDatabaseToken,
  parseDatabaseTokenList,
  salvageCreatedDatabaseToken,
  updateDatabaseTokenBody,
  type CreateDatabaseTokenBody,
  type CreatedDatabaseToken,
  type Database,
  type DatabaseToken,
  type UpdateDatabaseTokenBody,
} from './databaseTokens';
import { detailOf, messageOf, scrub, scrubData } from './managementApiDiagnosis';
import { ManagementApiError, ManagementApiResponseError, type ManagementApiFailure, type ManagementApiOperation, type TlsConsent } from './managementApiErrors';
import { managementApiBaseUrl, requestTarget, statusProblem, tokenProblem } from './managementApiTarget';
import { ERROR_BODY_KEEP, exchange, sharedManagementApiPools, type Answer, type ManagementApiPools, type Method } from './managementApiTransport';
import { timeoutSeconds, timerMs } from './timeouts';
import { isTokenId } from './managementTokens';
import type { Profile } from './types';

/** The largest answer ManagementApiClient reads: 100,000 database tokens take about 25 MB. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;

export interface ManagementApiClientOptions {
  /** Limit for one request: reading the [profile.tls] files, connecting, sending and reading the answer (influxdbTokens.timeoutSeconds; clamped to what a timer holds). */
  timeoutSeconds: number;
  /** Returns the undici module; called only when a request is made. */
  loadUndici: () => typeof Undici;
  /** Cloud Dedicated console; `https://console.influxdata.com` by default. */
  consoleBaseUrl?: string;
  /** Reads `[profile.tls]` ca, cert and key files; regular files of at most 1 MiB from disk by default. */
  readFile?: (path: string) => Promise<Buffer>;
  /** Connection pools to share; sharedManagementApiPools() by default. */
  pools?: ManagementApiPools;
  /** The largest answer read; DEFAULT_MAX_BODY_BYTES (64 MiB) by default. */
  maxBodyBytes?: number;
  /** What the person agreed to: plain HTTP to another machine, no certificate verification. None by default. */
  tlsConsent?: TlsConsent;
}

type ClientOperation = Exclude<ManagementApiOperation, 'testManagementToken'>;

/**
 * The documented success status of each operation; any other is a failure.
 * One exception: creating also takes 201 with the documented body, because
 * the token then exists and its secret is shown only in that answer.
 */
const SUCCESS: Record<ClientOperation, readonly number[]> = {
  listDatabases: [200],
  listDatabaseTokens: [200],
  getDatabaseToken: [200],
  createDatabaseToken: [200, 201],
  updateDatabaseToken: [200],
  revokeDatabaseToken: [204],
};

function failureOfStatus(a: Answer, url: string, secrets: readonly string[]): ManagementApiFailure {
  const { status } = a;
  const detail = detailOf(a.text, secrets);
  const extra = detail ? { detail } : {};
  if (status === 400) return { kind: 'badRequest', status, url, ...extra };
  if (status === 401 || status === 403) return { kind: 'rejected', status, url, ...extra };
  if (status === 404) return { kind: 'notFound', status, url, ...extra };
  if (status === 409) return { kind: 'conflict', status, url, ...extra };
  if (status >= 500 && status <= 599) return { kind: 'server', status, url, ...extra };
  return { kind: 'unexpected', status, url, problem: statusProblem(a, secrets) };
}

function looksLikeHtml(a: Answer): boolean {
  return /^text\/html\b/i.test(a.contentType ?? '') || /^\s*<(!doctype|html|head|body)\b/i.test(a.text);
}

interface JsonAnswer {
  operation: ClientOperation;
  url: string;
  status: number;
  json: unknown;
}

/** An answer read: its JSON, or the failure it is with the part at fault (`status`, `body`, `content-type`). */
type Read = { ok: true; json: unknown } | { ok: false; failure: ManagementApiFailure; field: string };

/**
 * Database tokens and databases of one profile's cluster through the
 * Management HTTP API, authenticated by a management token. Every method
 * either returns what the API documents or throws a ManagementApiError (also
 * for cancellation and unexpected errors); the management token and any
 * `accessToken` appear in no error and no URL.
 */
export class ManagementApiClient {
  // Private fields: a logged or serialised client shows neither the token nor the profile (which may hold mgmt_token).
  readonly #profile: Profile;
  readonly #token: string;
  readonly #options: ManagementApiClientOptions;

  constructor(profile: Profile, managementToken: string, options: ManagementApiClientOptions) {
    this.#profile = profile;
    this.#token = managementToken;
    this.#options = options;
  }

  /** The name of the profile this client serves. */
  get profileName(): string {
    return this.#profile.name;
  }

  /** The Management API's base URL for the profile, or undefined when the profile lacks what it needs. */
  get baseUrl(): string | undefined {
    try {
      return managementApiBaseUrl(this.#profile, this.#options.consoleBaseUrl);
    } catch {
      return undefined;
    }
  }

  /** `GET …/tokens`: every database token of the cluster (revoked ones too, when the server lists them); one ID twice is refused. */
  listDatabaseTokens(signal?: AbortSignal): Promise<DatabaseToken[]> {
    return this.guard('listDatabaseTokens', signal, async () => {
      const answer = await this.call('listDatabaseTokens', 'GET', '/tokens', undefined, signal);
      return this.parse(answer, (json) => parseDatabaseTokenList(json, { product: this.#profile.product }));
    });
  }

  /** `GET …/tokens/{id}`. */
  getDatabaseToken(id: string, signal?: AbortSignal): Promise<DatabaseToken> {
    return this.guard('getDatabaseToken', signal, async () => {
      const answer = await this.call('getDatabaseToken', 'GET', this.tokenPath('getDatabaseToken', id), undefined, signal);
      return this.parse(answer, (json) => parseDatabaseToken(json, { product: this.#profile.product }));
    });
  }

  /** `GET …/databases`: for choosing permissions. */
  listDatabases(signal?: AbortSignal): Promise<Database[]> {
    return this.guard('listDatabases', signal, async () => {
      const answer = await this.call('listDatabases', 'GET', '/databases', undefined, signal);
      return this.parse(answer, (json) => parseDatabaseList(json, { product: this.#profile.product }));
    });
  }

  /**
   * `POST …/tokens` (answers 200): the new token and its `accessToken`, which
   * the API shows only this once. The body is checked again as
   * createDatabaseTokenBody() builds it. An answer with a valid `accessToken`
   * is never thrown away: whatever else is odd in it (a field, the status,
   * the media type, JSON cut short) is the result's `problem`, and `token`
   * holds what could be read. Throws only when no secret came back.
   */
  createDatabaseToken(body: CreateDatabaseTokenBody, signal?: AbortSignal): Promise<CreatedDatabaseToken> {
    const operation: ClientOperation = 'createDatabaseToken';
    return this.guard(operation, signal, async () => {
      const checked = this.checkBody(operation, () => {
        if (typeof body !== 'object' || body === null) throw new DatabaseTokenInputError({ code: 'noBody' }, 'body');
        const b = createDatabaseTokenBody({ description: body.description, permissions: body.permissions, expiresAt: undefined });
        if (body.expiresAt !== undefined) {
          if (typeof body.expiresAt !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(body.expiresAt)) {
            throw new DatabaseTokenInputError({ code: 'expiresAtNotRfc3339' }, 'expiresAt');
          }
          b.expiresAt = body.expiresAt;
        }
        return b;
      });
      const limit = this.#options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
      // Every 2xx answer is read in full: it may hold the only copy of the secret.
      const { answer: r, url } = await this.send(operation, 'POST', '/tokens', JSON.stringify(checked), signal, (s) => s >= 200 && s <= 299);
      const read = this.read(operation, r, url, limit);
      const options = { product: this.#profile.product };
      if (read.ok) {
        const answer = { operation, url, status: r.status, json: read.json };
        return this.parse(answer, (json) => {
          try {
            const created = parseCreatedDatabaseToken(json, options);
            // JSON keeps the last of two `accessToken` keys: say so, rather than pass one for sure.
            if (!created.problem && accessTokensIn(r.text).length > 1) {
              return { token: created.token, accessToken: created.accessToken, problem: { field: 'accessToken', problem: { code: 'repeatedSecret' } } };
            }
            return created;
          } catch (err) {
            // Not the documented object (wrapped in another, say), yet with one valid secret in it: kept.
            const kept = err instanceof ManagementApiResponseError ? salvageCreatedDatabaseToken(r.text, { field: err.field || 'body', problem: err.problem }) : undefined;
            if (kept) return this.scrubbed(kept);
            throw err;
          }
        });
      }
      const salvaged = r.status >= 200 && r.status <= 299 ? this.salvage(r.text, read, options) : undefined;
      if (salvaged) return salvaged;
      // Whatever the answer calls an accessToken stays out of the error, also one that is not valid.
      const f = read.failure;
      return this.fail(operation, scrubData(f, [this.#token, ...accessTokensIn(r.text)]));
    });
  }

  /** `PATCH …/tokens/{id}` (answers 200): `permissions`, when given, replaces the whole list. */
  updateDatabaseToken(id: string, body: UpdateDatabaseTokenBody, signal?: AbortSignal): Promise<DatabaseToken> {
    return this.guard('updateDatabaseToken', signal, async () => {
      const path = this.tokenPath('updateDatabaseToken', id);
      const checked = this.checkBody('updateDatabaseToken', () => updateDatabaseTokenBody(body));
      const answer = await this.call('updateDatabaseToken', 'PATCH', path, JSON.stringify(checked), signal);
      return this.parse(answer, (json) => parseDatabaseToken(json, { product: this.#profile.product }));
    });
  }

  /** `DELETE …/tokens/{id}` (answers 204): revokes the token, at once and for good. */
  revokeDatabaseToken(id: string, signal?: AbortSignal): Promise<void> {
    return this.guard('revokeDatabaseToken', signal, async () => {
      await this.call('revokeDatabaseToken', 'DELETE', this.tokenPath('revokeDatabaseToken', id), undefined, signal);
    });
  }

  private fail(operation: ManagementApiOperation, failure: ManagementApiFailure): never {
    throw new ManagementApiError(failure, operation, this.#profile.product);
  }

  /** Runs `task`; anything it throws that is not a ManagementApiError becomes one (cancelled, or unexpected). */
  private async guard<T>(operation: ClientOperation, signal: AbortSignal | undefined, task: () => Promise<T>): Promise<T> {
    try {
      return await task();
    } catch (err) {
      if (err instanceof ManagementApiError) throw err;
      if (signal?.aborted) this.fail(operation, { kind: 'cancelled' });
      const error = scrub(messageOf(err), [this.#token]);
      const url = this.baseUrl;
      return this.fail(operation, url ? { kind: 'unexpected', url, problem: { code: 'failed', error } } : { kind: 'misconfigured', problem: { code: 'failed', error } });
    }
  }

  private tokenPath(operation: ManagementApiOperation, id: string): string {
    if (typeof id !== 'string' || !isTokenId(id)) {
      const shown = typeof id === 'string' && isTokenShaped(id) ? {} : { value: String(id).slice(0, 40) };
      this.fail(operation, { kind: 'misconfigured', problem: { code: 'notTokenId', ...shown } });
    }
    return `/tokens/${encodeURIComponent(id)}`;
  }

  private checkBody<T>(operation: ManagementApiOperation, build: () => T): T {
    try {
      return build();
    } catch (err) {
      if (err instanceof DatabaseTokenInputError) {
        this.fail(operation, { kind: 'misconfigured', problem: { code: 'input', input: scrubData(err.problem, [this.#token]) } });
      }
      throw err;
    }
  }

  /**
   * The answer's JSON parsed by `parse`; a ManagementApiResponseError becomes
   * an `unexpected` failure naming the field. Only the part that may quote a
   * value is redacted: redacting the whole could hide the field's name.
   */
  private parse<T>(answer: JsonAnswer, parse: (json: unknown) => T): T {
    try {
      return parse(answer.json);
    } catch (err) {
      if (err instanceof ManagementApiResponseError) {
        // Whatever accessToken the answer held is redacted too, also one of the wrong type or length.
        const access = (answer.json as { accessToken?: unknown } | null)?.accessToken;
        const secrets = typeof access === 'string' ? [this.#token, access] : [this.#token];
        const problem = { code: 'shape' as const, answer: err.answer, field: err.field, problem: scrubData(err.problem, secrets) };
        this.fail(answer.operation, { kind: 'unexpected', status: answer.status, url: answer.url, problem });
      }
      throw err;
    }
  }

  /** A created token from an answer that failed `read` (its status, media type or JSON), when it carries a valid secret. */
  private salvage(text: string, read: Extract<Read, { ok: false }>, options: { product?: string }): CreatedDatabaseToken | undefined {
    const f = read.failure;
    // Reading a 2xx answer, the only one salvaged, fails only as `unexpected`.
    if (f.kind !== 'unexpected') return undefined;
    const why = { field: read.field, problem: scrubData(f.problem, [this.#token]) };
    let created: CreatedDatabaseToken | undefined;
    try {
      const json: unknown = JSON.parse(text);
      created = parseCreatedDatabaseToken(json, options);
      // The body's own oddity, if any, says more; otherwise the answer's.
      if (!created.problem) created = { token: created.token, accessToken: created.accessToken, problem: why };
    } catch {
      created = salvageCreatedDatabaseToken(text, why);
    }
    return created && this.scrubbed(created);
  }

  /** `created` with its problem's detail redacted (the management token, the secret). */
  private scrubbed(created: CreatedDatabaseToken): CreatedDatabaseToken {
    if (!created.problem) return created;
    return { ...created, problem: { field: created.problem.field, problem: scrubData(created.problem.problem, [this.#token, created.accessToken]) } };
  }

  /** One request: its answer, or a thrown ManagementApiError for a failure before an answer (nothing sent, TLS, network, timeout, cancellation). */
  private async send(
    operation: ClientOperation,
    method: Method,
    path: string,
    body: string | undefined,
    signal: AbortSignal | undefined,
    okStatuses: (status: number) => boolean,
  ): Promise<{ answer: Answer; url: string }> {
    const token = this.#token;
    const options = this.#options;
    if (signal?.aborted) this.fail(operation, { kind: 'cancelled' });
    const target = requestTarget(this.#profile, options.consoleBaseUrl, options.tlsConsent, path);
    if (!target.ok) {
      const f = target.failure;
      this.fail(operation, f.kind === 'misconfigured' ? scrubData(f, [token]) : f);
    }
    const { url } = target;
    const problem = tokenProblem(token);
    if (problem) this.fail(operation, { kind: 'misconfigured', url, problem });
    const seconds = timeoutSeconds(options.timeoutSeconds);
    const r = await exchange({
      loadUndici: options.loadUndici,
      pools: options.pools ?? sharedManagementApiPools(),
      url,
      tls: target.tls,
      token,
      secrets: [token],
      method,
      body,
      seconds,
      timeoutMs: timerMs(seconds),
      signal,
      readFile: options.readFile,
      okStatuses,
      okLimit: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    });
    if (r.kind !== 'answer') this.fail(operation, r);
    return { answer: r, url };
  }

  /** An answer's JSON, or what is wrong with it: a status not documented, a body over the limit, HTML, not JSON. */
  private read(operation: ClientOperation, r: Answer, url: string, limit: number): Read {
    const token = this.#token;
    const { status } = r;
    if (!SUCCESS[operation].includes(status)) return { ok: false, failure: failureOfStatus(r, url, [token]), field: 'status' };
    if (r.tooLarge) return { ok: false, failure: { kind: 'unexpected', status, url, problem: { code: 'tooLarge', limitBytes: limit } }, field: 'body' };
    if (status === 204) return { ok: true, json: undefined };
    if (looksLikeHtml(r)) {
      const excerpt = detailOf(r.text.slice(0, ERROR_BODY_KEEP), [token]);
      return { ok: false, failure: { kind: 'unexpected', status, url, problem: excerpt ? { code: 'html', excerpt } : { code: 'html' } }, field: 'content-type' };
    }
    try {
      return { ok: true, json: JSON.parse(r.text) };
    } catch {
      // The text may hold an accessToken: only its beginning, redacted, is shown.
      const excerpt = detailOf(r.text.slice(0, ERROR_BODY_KEEP), [token]);
      return { ok: false, failure: { kind: 'unexpected', status, url, problem: excerpt ? { code: 'notJson', excerpt } : { code: 'notJson' } }, field: 'body' };
    }
  }

  /** One request with a documented answer: its JSON (undefined for 204), or a thrown ManagementApiError. */
  private async call(operation: ClientOperation, method: Method, path: string, body: string | undefined, signal: AbortSignal | undefined): Promise<JsonAnswer> {
    const success = SUCCESS[operation];
    const { answer: r, url } = await this.send(operation, method, path, body, signal, (s) => success.includes(s));
    const read = this.read(operation, r, url, this.#options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
    if (!read.ok) this.fail(operation, read.failure);
    return { operation, url, status: r.status, json: read.json };
  }
}
