/**
 * The Management HTTP API of Cloud Dedicated and Clustered, with undici:
 *
 * - verifyManagementToken(): proof that a management token works, one
 *   `GET …/databases` (the cheapest call the API has) classified into a result
 *   the UI can explain in one sentence;
 * - ManagementApiClient: database tokens and databases, as the official
 *   OpenAPI documents describe them, through pooled keep-alive connections
 *   (ManagementApiPools); every failure is one ManagementApiError.
 *
 * undici is used only through `options.loadUndici()`: the extension loads it
 * lazily from a separate bundle, so this module imports nothing of it but types.
 */
import { readFile as fsReadFile } from 'fs/promises';
import type * as Undici from 'undici';
import {
  parseCreatedDatabaseToken,
  parseDatabaseList,
  parseDatabaseToken,
  parseDatabaseTokenList,
  updateDatabaseTokenBody,
  createDatabaseTokenBody,
  DatabaseTokenInputError,
  type CreateDatabaseTokenBody,
  type CreatedDatabaseToken,
  type Database,
  type DatabaseToken,
  type UpdateDatabaseTokenBody,
} from './databaseTokens';
import { ManagementApiError, ManagementApiResponseError, type ManagementApiFailure, type ManagementApiOperation } from './managementApiErrors';
import { redactSecrets } from './redact';
import { isTokenId } from './tokens';
import type { Profile } from './types';

export { ManagementApiError, isManagementApiError, ManagementApiResponseError } from './managementApiErrors';
export type { ManagementApiFailure, ManagementApiOperation } from './managementApiErrors';

export const DEFAULT_CONSOLE_BASE_URL = 'https://console.influxdata.com';

export type VerifyResult =
  | { kind: 'valid'; databases: number; url: string }
  | { kind: 'rejected'; status: 401 | 403; url: string; detail?: string }
  | { kind: 'notFound'; status: 404; url: string; detail?: string }
  | { kind: 'unexpected'; status: number; url: string; detail?: string }
  | { kind: 'tls'; url: string; message: string }
  | { kind: 'network'; url: string; message: string }
  | { kind: 'timeout'; url: string; seconds: number }
  | { kind: 'misconfigured'; message: string };

export interface VerifyOptions {
  /** Overall limit for connecting, sending and reading the answer. */
  timeoutSeconds: number;
  /** Returns the undici module; called only when a request is made. */
  loadUndici: () => typeof Undici;
  /** Cloud Dedicated console; `https://console.influxdata.com` by default. */
  consoleBaseUrl?: string;
  /** Cancellation by the user: the promise then rejects with an Error named 'AbortError'. */
  signal?: AbortSignal;
  /** Reads `[profile.tls]` ca, cert and key files; fs.promises.readFile by default. */
  readFile?: (path: string) => Promise<Buffer>;
}

/** A profile that cannot be turned into a Management API request. */
export class ManagementApiConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ManagementApiConfigError';
  }
}

/** Longest `detail` kept from a response body. */
const DETAIL_LENGTH = 200;
/** Bytes of an error body kept for `detail`; the rest is read and discarded. */
const ERROR_BODY_KEEP = 4096;
/** An error body longer than this is not read further. */
const ERROR_BODY_DISCARD_LIMIT = 256 * 1024;
/** A database list longer than this is not a database list (verifyManagementToken). */
const LIST_BODY_LIMIT = 32 * 1024 * 1024;
/** The largest answer ManagementApiClient reads: 100,000 database tokens take about 25 MB. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_CRL',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
  'CERT_SIGNATURE_FAILURE',
  'CERT_NOT_YET_VALID',
  'CERT_HAS_EXPIRED',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_CHAIN_TOO_LONG',
  'INVALID_CA',
  'INVALID_PURPOSE',
  'HOSTNAME_MISMATCH',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_TLS_CERT_ALTNAME_FORMAT',
  'ERR_TLS_HANDSHAKE_TIMEOUT',
  'ERR_TLS_INVALID_PROTOCOL_VERSION',
  'ERR_TLS_PROTOCOL_VERSION_CONFLICT',
  'ERR_OSSL_PEM_NO_START_LINE',
  'ERR_OSSL_X509_KEY_VALUES_MISMATCH',
  'EPROTO',
]);

const TLS_EXPLANATIONS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the server presents a self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'the certificate chain ends in a self-signed certificate that is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the certificate is signed by an unknown certificate authority',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the certificate is signed by an unknown certificate authority',
  UNABLE_TO_GET_ISSUER_CERT: 'the issuer of the certificate is unknown',
  CERT_HAS_EXPIRED: 'the certificate has expired',
  CERT_NOT_YET_VALID: 'the certificate is not valid yet',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the certificate is for another host name',
  HOSTNAME_MISMATCH: 'the certificate is for another host name',
};

const NETWORK_EXPLANATIONS: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused: nothing listens on that host and port',
  ENOTFOUND: 'the host name was not found (DNS)',
  EAI_AGAIN: 'the host name could not be looked up (temporary DNS failure)',
  EAI_NODATA: 'the host name has no address (DNS)',
  EAI_NONAME: 'the host name was not found (DNS)',
  ECONNRESET: 'the connection was reset by the server or a proxy',
  EPIPE: 'the connection was closed by the server',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  ENETDOWN: 'the network is down',
  EADDRNOTAVAIL: 'the address is not available',
  UND_ERR_SOCKET: 'the server closed the connection',
  UND_ERR_CLOSED: 'the connection was closed',
  UND_ERR_DESTROYED: 'the connection was closed',
};

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

function hostWithPort(host: string, port: string | undefined): string {
  // An IPv6 literal needs brackets in a URL; one colon is a host with its port.
  const h = (host.match(/:/g) ?? []).length >= 2 && !host.startsWith('[') ? `[${host}]` : host;
  return port === undefined ? h : `${h}:${port}`;
}

/**
 * The base URL of a profile's Management API, as the spec of the product says:
 * Cloud Dedicated `{console}/api/v0/accounts/{account_id}/clusters/{cluster_id}`,
 * Clustered `https://{host}[:{port}]/api/v0` (http only with `[profile.tls]
 * disable = true`). Throws ManagementApiConfigError when the profile lacks
 * what the product needs.
 */
export function managementApiBaseUrl(profile: Profile, consoleBaseUrl?: string): string {
  const product = profile.product;
  if (product === 'dedicated') {
    const missing = [
      ...(profile.accountId ? [] : ['account_id']),
      ...(profile.clusterId ? [] : ['cluster_id']),
    ];
    if (missing.length) {
      throw new ManagementApiConfigError(
        `the profile has no ${missing.join(' and ')}; set account_id and cluster_id (Cloud Dedicated profiles need both)`,
      );
    }
    let base = (consoleBaseUrl ?? DEFAULT_CONSOLE_BASE_URL).trim().replace(/\/+$/, '');
    if (!/^https?:\/\/[^/\s]+/i.test(base)) {
      throw new ManagementApiConfigError(`the console URL ${JSON.stringify(base)} is not an http(s) URL`);
    }
    base = base.replace(/\/api\/v0$/, '');
    return `${base}/api/v0/accounts/${encodeURIComponent(profile.accountId!)}/clusters/${encodeURIComponent(profile.clusterId!)}`;
  }
  if (product === 'clustered') {
    // influxctl wants a bare host name; tolerate a pasted URL.
    const host = (profile.host ?? '').trim().replace(/^https?:\/\//i, '').replace(/\/+$/, '');
    if (!host) throw new ManagementApiConfigError('the profile has no host; set host to the cluster host name (Clustered profiles need it)');
    if (/[\s/?#@]/.test(host)) {
      throw new ManagementApiConfigError(`host ${JSON.stringify(host)} is not a host name; write only the name, for example "cluster-host.com"`);
    }
    let port: string | undefined;
    if (profile.port !== undefined && profile.port.trim() !== '') {
      port = profile.port.trim();
      const n = Number(port);
      if (!/^\d+$/.test(port) || n < 1 || n > 65535) {
        throw new ManagementApiConfigError(`port ${JSON.stringify(profile.port)} is not a port number; set port to a number from 1 to 65535, as a string`);
      }
    }
    const scheme = profile.tls?.disable ? 'http' : 'https';
    return `${scheme}://${hostWithPort(host, port)}/api/v0`;
  }
  if (product === undefined || product === '') {
    throw new ManagementApiConfigError('the profile has no product; set product = "dedicated" (Cloud Dedicated) or "clustered" (Clustered)');
  }
  throw new ManagementApiConfigError(
    `product ${JSON.stringify(product)} is unknown; set product = "dedicated" (Cloud Dedicated) or "clustered" (Clustered)`,
  );
}

/** The `GET …/databases` URL for a profile. Throws ManagementApiConfigError like managementApiBaseUrl. */
export function managementApiUrl(profile: Profile, consoleBaseUrl?: string): string {
  return `${managementApiBaseUrl(profile, consoleBaseUrl)}/databases`;
}

function abortError(): Error {
  const err = new Error('The management token test was cancelled.');
  err.name = 'AbortError';
  return err;
}

/** Redacts the known secrets and anything token-shaped, also a known secret cut off at the end. */
function scrub(text: string, secrets: string | readonly string[]): string {
  const known = (typeof secrets === 'string' ? [secrets] : secrets).filter((s) => s.length >= 8);
  let out = redactSecrets(text, known);
  for (const secret of known) {
    for (let k = Math.min(secret.length - 1, out.length); k >= 8; k--) {
      if (out.endsWith(secret.slice(0, k))) {
        out = `${out.slice(0, out.length - k)}[REDACTED]`;
        break;
      }
    }
  }
  return out;
}

/** A short, single-line, redacted excerpt of an error body (its `message` when it is JSON). */
function detailOf(raw: string, token: string | readonly string[]): string | undefined {
  let text = raw;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed && typeof parsed === 'object') {
      const o = parsed as Record<string, unknown>;
      const message = [o.message, o.error, o.detail, o.description].find((v) => typeof v === 'string' && v.trim() !== '');
      if (typeof message === 'string') text = typeof o.code === 'number' || typeof o.code === 'string' ? `${o.code}: ${message}` : message;
    }
  } catch {
    // Not JSON: keep the text.
  }
  // Strip HTML tags of proxy error pages, collapse whitespace.
  text = text.replace(/<[^>]{0,200}>/g, ' ').replace(/\s+/g, ' ').trim();
  if (!text) return undefined;
  text = scrub(text, token);
  if (text.length > DETAIL_LENGTH) text = `${text.slice(0, DETAIL_LENGTH - 1)}…`;
  return scrub(text, token);
}

/**
 * Reads a body, keeping its first `keep` bytes and discarding the rest; stops
 * early (`stopped`) past `limit` bytes.
 */
async function readBody(body: AsyncIterable<Buffer | Uint8Array>, keep: number, limit: number): Promise<{ text: string; stopped: boolean }> {
  const chunks: Buffer[] = [];
  let kept = 0;
  let total = 0;
  for await (const chunk of body) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    total += buf.length;
    if (kept < keep) {
      const part = buf.subarray(0, keep - kept);
      chunks.push(part);
      kept += part.length;
    }
    if (total > limit) return { text: Buffer.concat(chunks).toString('utf8'), stopped: true };
  }
  return { text: Buffer.concat(chunks).toString('utf8'), stopped: false };
}

function errorCodes(err: unknown): { codes: string[]; messages: string[] } {
  const codes: string[] = [];
  const messages: string[] = [];
  let e: unknown = err;
  for (let depth = 0; e && depth < 6; depth++) {
    if (typeof e === 'object') {
      const o = e as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
      if (typeof o.code === 'string') codes.push(o.code);
      if (typeof o.message === 'string' && o.message) messages.push(o.message);
      // AggregateError (several addresses tried): look at the first.
      if (Array.isArray(o.errors) && o.errors.length && !o.cause) {
        e = o.errors[0];
        continue;
      }
      e = o.cause;
    } else break;
  }
  return { codes, messages };
}

function isTlsFailure(codes: string[], messages: string[]): boolean {
  return (
    codes.some((c) => TLS_CODES.has(c) || c.startsWith('ERR_SSL_') || c.startsWith('ERR_TLS_') || c.startsWith('CERT_')) ||
    messages.some((m) => /\b(SSL|TLS) routines\b|certificate/i.test(m))
  );
}

function describeTlsError(codes: string[], messages: string[]): string {
  const code = codes.find((c) => TLS_EXPLANATIONS[c]);
  if (code) return `${TLS_EXPLANATIONS[code]} (${code})`;
  if (codes.includes('ERR_SSL_WRONG_VERSION_NUMBER')) {
    return 'the server does not speak TLS on that port (ERR_SSL_WRONG_VERSION_NUMBER); if it serves plain HTTP set [profile.tls] disable = true';
  }
  const alert = codes.find((c) => /ALERT/.test(c));
  if (alert) {
    return `the server refused the TLS handshake (${alert}); if it needs a client certificate set [profile.tls] cert and key`;
  }
  const code2 = codes.find((c) => c !== 'UND_ERR_SOCKET');
  const message = messages[0] ?? 'the TLS handshake failed';
  return code2 && !message.includes(code2) ? `${message} (${code2})` : message;
}

function describeNetworkError(codes: string[], messages: string[], url: string): string {
  const code = codes.find((c) => NETWORK_EXPLANATIONS[c]);
  if (code) {
    let text = `${NETWORK_EXPLANATIONS[code]} (${code})`;
    if (code === 'UND_ERR_SOCKET' && url.startsWith('http:')) {
      text += '; if the server expects HTTPS, remove [profile.tls] disable = true';
    }
    return text;
  }
  const message = messages[0] ?? 'the request failed';
  const first = codes[0];
  return first && !message.includes(first) ? `${message} (${first})` : message;
}

// ---------------------------------------------------------------- connection pools

interface TlsChoice {
  insecure: boolean;
  ca?: string;
  cert?: string;
  key?: string;
}

/** A [profile.tls] file that cannot be read: the request is not sent. */
class TlsFileError extends Error {}

/** What a pool is made from: its origin, the TLS choice of the profile, and how to load undici and read the TLS files. */
interface PoolRequest {
  loadUndici: () => typeof Undici;
  origin: string;
  tls: TlsChoice | undefined;
  readFile: (path: string) => Promise<Buffer>;
  connectTimeoutMs: number;
}

/**
 * One undici Pool (keep-alive connections) per origin and TLS choice, shared
 * by every request and every ManagementApiClient given this object. The
 * `[profile.tls]` files are read when the pool for them is made; close() (for
 * example when config.toml changes) makes the next request read them again.
 */
export class ManagementApiPools {
  private readonly pools = new Map<string, Promise<Undici.Dispatcher>>();

  constructor(
    private readonly settings: {
      /** Connections per origin at most; 16 by default. */
      connections?: number;
      /** How long an idle connection stays open, in ms; 30 s by default (the server may close it sooner). */
      keepAliveTimeoutMs?: number;
    } = {},
  ) {}

  /**
   * undici marks a connection free a tick after an answer's body ends: a
   * request sent before then opens a second connection instead of reusing it.
   * So the next request waits for that tick, and the answer itself does not.
   */
  private settling: Promise<void> | undefined;

  /** @internal An answer was read to its end: its connection is free after this tick. */
  answered(): void {
    const tick = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      if (this.settling === tick) this.settling = undefined;
    });
    this.settling = tick;
  }

  /** How many pools (origins) exist. */
  get size(): number {
    return this.pools.size;
  }

  /** @internal The pool for an origin, made on first use. */
  dispatcher(request: PoolRequest): Promise<Undici.Dispatcher> {
    const { origin, tls } = request;
    const key = JSON.stringify(tls ? [origin, tls.insecure, tls.ca ?? '', tls.cert ?? '', tls.key ?? ''] : [origin]);
    let pool = this.pools.get(key);
    if (!pool) {
      pool = this.makePool(request);
      this.pools.set(key, pool);
      // A pool that could not be made is not kept: the next request tries again.
      pool.catch(() => {
        if (this.pools.get(key) === pool) this.pools.delete(key);
      });
    }
    const made = pool;
    return this.settling ? this.settling.then(() => made) : made;
  }

  private async makePool({ loadUndici, origin, tls, readFile, connectTimeoutMs }: PoolRequest): Promise<Undici.Dispatcher> {
    const connect: { timeout: number; rejectUnauthorized?: boolean; ca?: Buffer; cert?: Buffer; key?: Buffer } = { timeout: connectTimeoutMs };
    if (tls) {
      connect.rejectUnauthorized = !tls.insecure;
      for (const field of ['ca', 'cert', 'key'] as const) {
        const file = tls[field];
        if (!file) continue;
        try {
          connect[field] = await readFile(file);
        } catch (err) {
          const code = (err as { code?: unknown }).code;
          const why = code === 'ENOENT' ? 'it does not exist' : code === 'EACCES' ? 'permission denied' : String((err as Error).message ?? err);
          throw new TlsFileError(`cannot read [profile.tls] ${field} file ${JSON.stringify(file)}: ${why}`);
        }
      }
    }
    const undici = loadUndici();
    return new undici.Pool(origin, {
      connect,
      connections: this.settings.connections ?? 16,
      keepAliveTimeout: this.settings.keepAliveTimeoutMs ?? 30_000,
    });
  }

  /** Closes every pool once its requests are done. Pools are made again on the next request. */
  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((p) => p.then((d) => d.close()).catch(() => undefined)));
  }

  /** Ends every pool at once, aborting requests in flight. */
  async destroy(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((p) => p.then((d) => d.destroy()).catch(() => undefined)));
  }
}

let sharedPools: ManagementApiPools | undefined;

/** The pools a ManagementApiClient uses when it is given none: one set per process. */
export function sharedManagementApiPools(): ManagementApiPools {
  sharedPools ??= new ManagementApiPools();
  return sharedPools;
}

// ---------------------------------------------------------------- one exchange

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

interface Exchange {
  loadUndici: () => typeof Undici;
  pools: ManagementApiPools;
  profile: Profile;
  token: string;
  /** Everything to redact from details: the token and any other secret known. */
  secrets: readonly string[];
  url: string;
  method: Method;
  body?: string;
  seconds: number;
  signal?: AbortSignal;
  readFile?: (path: string) => Promise<Buffer>;
  /** Answers with these statuses are read up to okLimit bytes; any other up to a few KB. */
  okStatuses: readonly number[];
  okLimit: number;
}

interface Answer {
  kind: 'answer';
  status: number;
  /** The body (of an error: its beginning). */
  text: string;
  /** The body was longer than the limit and was not read to its end. */
  tooLarge: boolean;
  contentType?: string;
  location?: string;
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * Sends one request and reads its answer. Never throws: a failure before an
 * answer (TLS, network, timeout, cancellation, a profile that cannot be used)
 * is returned as a ManagementApiFailure.
 */
async function exchange(x: Exchange): Promise<Answer | ManagementApiFailure> {
  const { url, secrets } = x;
  if (x.signal?.aborted) return { kind: 'cancelled', url };
  const timeoutMs = Math.ceil(x.seconds * 1000);
  const parsed = new URL(url);
  const https = parsed.protocol === 'https:';
  let tls: TlsChoice | undefined;
  if (https) {
    const t = x.profile.tls ?? {};
    if ((t.cert && !t.key) || (!t.cert && t.key)) {
      return { kind: 'misconfigured', url, detail: `[profile.tls] has ${t.cert ? 'cert' : 'key'} but no ${t.cert ? 'key' : 'cert'}; a client certificate needs both` };
    }
    tls = { insecure: !!t.insecure, ca: t.ca || undefined, cert: t.cert || undefined, key: t.key || undefined };
  }
  let dispatcher: Undici.Dispatcher;
  try {
    dispatcher = await x.pools.dispatcher({ loadUndici: x.loadUndici, origin: parsed.origin, tls, readFile: x.readFile ?? ((p: string) => fsReadFile(p)), connectTimeoutMs: timeoutMs });
  } catch (err) {
    if (err instanceof TlsFileError) return { kind: 'misconfigured', url, detail: scrub(err.message, secrets) };
    throw err;
  }
  if (x.signal?.aborted) return { kind: 'cancelled', url };

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onUserAbort = (): void => controller.abort();
  x.signal?.addEventListener('abort', onUserAbort, { once: true });
  try {
    const headers: Record<string, string> = { authorization: `Bearer ${x.token}`, accept: 'application/json' };
    if (x.body !== undefined) headers['content-type'] = 'application/json';
    const response = await dispatcher.request({
      path: `${parsed.pathname}${parsed.search}`,
      method: x.method,
      headers,
      body: x.body,
      signal: controller.signal,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const status = response.statusCode;
    const ok = x.okStatuses.includes(status);
    const { text, stopped } = ok
      ? await readBody(response.body, x.okLimit, x.okLimit)
      : await readBody(response.body, ERROR_BODY_KEEP, ERROR_BODY_DISCARD_LIMIT);
    if (!stopped) x.pools.answered();
    return {
      kind: 'answer',
      status,
      text,
      tooLarge: stopped,
      contentType: header(response.headers, 'content-type'),
      location: header(response.headers, 'location'),
    };
  } catch (err) {
    if (x.signal?.aborted) return { kind: 'cancelled', url };
    const { codes, messages } = errorCodes(err);
    if (timedOut || codes.some((c) => TIMEOUT_CODES.has(c))) return { kind: 'timeout', url, seconds: x.seconds };
    if (https && isTlsFailure(codes, messages)) return { kind: 'tls', url, detail: scrub(describeTlsError(codes, messages), secrets) };
    return { kind: 'network', url, detail: scrub(describeNetworkError(codes, messages, url), secrets) };
  } finally {
    clearTimeout(timer);
    x.signal?.removeEventListener('abort', onUserAbort);
  }
}

/** Why a token cannot be sent, or undefined. */
function tokenProblem(token: string): string | undefined {
  if (!token) return 'the management token is empty; set mgmt_token or pick a token with a stored secret';
  if (/[\s\u0000-\u001f\u007f]/.test(token) || /[^\u0020-\u007e]/.test(token)) {
    return 'the management token contains spaces, line breaks or other characters a token cannot have; copy it again';
  }
  return undefined;
}

function timeoutSecondsOf(value: number): number {
  return value > 0 && Number.isFinite(value) ? value : 60;
}

/** The detail of an error answer; for a redirect, where it goes. */
function answerDetail(a: Answer, secrets: readonly string[]): string | undefined {
  if (a.status >= 300 && a.status < 400 && a.location) return scrub(`redirects to ${a.location}`.slice(0, DETAIL_LENGTH), secrets);
  return detailOf(a.text, secrets);
}

// ---------------------------------------------------------------- verifyManagementToken

/**
 * Calls `GET …/databases` with the token and classifies the answer. Never
 * throws for a failed request; rejects with an Error named 'AbortError' when
 * `options.signal` is aborted.
 */
export async function verifyManagementToken(profile: Profile, token: string, options: VerifyOptions): Promise<VerifyResult> {
  if (options.signal?.aborted) throw abortError();
  let url: string;
  try {
    url = managementApiUrl(profile, options.consoleBaseUrl);
  } catch (err) {
    if (err instanceof ManagementApiConfigError) return { kind: 'misconfigured', message: scrub(err.message, token) };
    throw err;
  }
  const problem = tokenProblem(token);
  if (problem) return { kind: 'misconfigured', message: problem };
  // A connection of its own, closed at the end: a test of a token says nothing of a pooled connection.
  const pools = new ManagementApiPools({ connections: 1 });
  try {
    const seconds = timeoutSecondsOf(options.timeoutSeconds);
    const r = await exchange({
      loadUndici: options.loadUndici,
      pools,
      profile,
      token,
      secrets: [token],
      url,
      method: 'GET',
      seconds,
      signal: options.signal,
      readFile: options.readFile,
      okStatuses: [200],
      okLimit: LIST_BODY_LIMIT,
    });
    switch (r.kind) {
      case 'answer':
        break;
      case 'cancelled':
        throw abortError();
      case 'tls':
      case 'network':
        return { kind: r.kind, url, message: r.detail };
      case 'timeout':
        return { kind: 'timeout', url, seconds: r.seconds };
      case 'misconfigured':
        return { kind: 'misconfigured', message: r.detail };
      default:
        return { kind: 'unexpected', status: 0, url, detail: r.kind };
    }
    const { status } = r;
    if (status === 200) {
      if (r.tooLarge) return { kind: 'unexpected', status, url, detail: 'the answer is too large to be a list of databases' };
      let parsed: unknown;
      try {
        parsed = JSON.parse(r.text);
      } catch {
        const excerpt = detailOf(r.text, token);
        return { kind: 'unexpected', status, url, detail: `the answer is not JSON${excerpt ? `: ${excerpt}` : ''}` };
      }
      if (!Array.isArray(parsed)) {
        const what = parsed === null ? 'null' : typeof parsed === 'object' ? 'an object' : `a ${typeof parsed}`;
        return { kind: 'unexpected', status, url, detail: `expected a JSON array of databases, got ${what}` };
      }
      return { kind: 'valid', databases: parsed.length, url };
    }
    const detail = answerDetail(r, [token]);
    const extra = detail ? { detail } : {};
    if (status === 401 || status === 403) return { kind: 'rejected', status, url, ...extra };
    if (status === 404) return { kind: 'notFound', status: 404, url, ...extra };
    return { kind: 'unexpected', status, url, ...extra };
  } finally {
    await pools.destroy();
  }
}

// ---------------------------------------------------------------- ManagementApiClient

export interface ManagementApiClientOptions {
  /** Limit for one request: connecting, sending and reading the answer (influxdbTokens.timeoutSeconds). */
  timeoutSeconds: number;
  /** Returns the undici module; called only when a request is made. */
  loadUndici: () => typeof Undici;
  /** Cloud Dedicated console; `https://console.influxdata.com` by default. */
  consoleBaseUrl?: string;
  /** Reads `[profile.tls]` ca, cert and key files; fs.promises.readFile by default. */
  readFile?: (path: string) => Promise<Buffer>;
  /** Connection pools to share; sharedManagementApiPools() by default. */
  pools?: ManagementApiPools;
  /** The largest answer read; DEFAULT_MAX_BODY_BYTES (64 MiB) by default. */
  maxBodyBytes?: number;
}

type ClientOperation = Exclude<ManagementApiOperation, 'verifyManagementToken'>;

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

function failureOfStatus(status: number, url: string, detail: string | undefined): ManagementApiFailure {
  const extra = detail ? { detail } : {};
  if (status === 400) return { kind: 'badRequest', status, url, ...extra };
  if (status === 401 || status === 403) return { kind: 'rejected', status, url, ...extra };
  if (status === 404) return { kind: 'notFound', status, url, ...extra };
  if (status === 409) return { kind: 'conflict', status, url, ...extra };
  if (status >= 500 && status <= 599) return { kind: 'server', status, url, ...extra };
  const what = status >= 300 && status < 400 ? `a redirect (HTTP ${status})` : `HTTP ${status}`;
  return { kind: 'unexpected', status, url, detail: detail ? `${what}: ${detail}` : `${what}, which the Management API does not answer here` };
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

/**
 * Database tokens and databases of one profile's cluster through the
 * Management HTTP API, authenticated by a management token. Every method
 * either returns what the API documents or throws a ManagementApiError; the
 * management token and any `accessToken` appear in no error and no URL.
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

  /** `GET …/tokens`: every database token of the cluster (revoked ones too, when the server lists them). */
  async listDatabaseTokens(signal?: AbortSignal): Promise<DatabaseToken[]> {
    const answer = await this.call('listDatabaseTokens', 'GET', '/tokens', undefined, signal);
    return this.parse(answer, (json) => parseDatabaseTokenList(json, { product: this.#profile.product }));
  }

  /** `GET …/tokens/{id}`. */
  async getDatabaseToken(id: string, signal?: AbortSignal): Promise<DatabaseToken> {
    const answer = await this.call('getDatabaseToken', 'GET', this.tokenPath('getDatabaseToken', id), undefined, signal);
    return this.parse(answer, (json) => parseDatabaseToken(json, { product: this.#profile.product }));
  }

  /** `GET …/databases`: for choosing permissions. */
  async listDatabases(signal?: AbortSignal): Promise<Database[]> {
    const answer = await this.call('listDatabases', 'GET', '/databases', undefined, signal);
    return this.parse(answer, (json) => parseDatabaseList(json, { product: this.#profile.product }));
  }

  /**
   * `POST …/tokens` (answers 200): the new token and its `accessToken`, which
   * the API shows only this once. The body is checked again as
   * createDatabaseTokenBody() builds it.
   */
  async createDatabaseToken(body: CreateDatabaseTokenBody, signal?: AbortSignal): Promise<CreatedDatabaseToken> {
    const checked = this.checkBody('createDatabaseToken', () => {
      const b = createDatabaseTokenBody({ description: body.description, permissions: body.permissions, expiresAt: undefined });
      if (body.expiresAt !== undefined) {
        if (typeof body.expiresAt !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(body.expiresAt)) {
          throw new DatabaseTokenInputError('expiresAt is not an RFC3339 UTC date-time', 'expiresAt');
        }
        b.expiresAt = body.expiresAt;
      }
      return b;
    });
    const answer = await this.call('createDatabaseToken', 'POST', '/tokens', JSON.stringify(checked), signal);
    return this.parse(answer, (json) => parseCreatedDatabaseToken(json, { product: this.#profile.product }));
  }

  /** `PATCH …/tokens/{id}` (answers 200): `permissions`, when given, replaces the whole list. */
  async updateDatabaseToken(id: string, body: UpdateDatabaseTokenBody, signal?: AbortSignal): Promise<DatabaseToken> {
    const path = this.tokenPath('updateDatabaseToken', id);
    const checked = this.checkBody('updateDatabaseToken', () => updateDatabaseTokenBody(body));
    const answer = await this.call('updateDatabaseToken', 'PATCH', path, JSON.stringify(checked), signal);
    return this.parse(answer, (json) => parseDatabaseToken(json, { product: this.#profile.product }));
  }

  /** `DELETE …/tokens/{id}` (answers 204): revokes the token, at once and for good. */
  async revokeDatabaseToken(id: string, signal?: AbortSignal): Promise<void> {
    await this.call('revokeDatabaseToken', 'DELETE', this.tokenPath('revokeDatabaseToken', id), undefined, signal);
  }

  private fail(operation: ManagementApiOperation, failure: ManagementApiFailure): never {
    throw new ManagementApiError(failure, operation, this.#profile.product);
  }

  private tokenPath(operation: ManagementApiOperation, id: string): string {
    if (typeof id !== 'string' || !isTokenId(id)) {
      this.fail(operation, { kind: 'misconfigured', detail: `${JSON.stringify(String(id).slice(0, 40))} is not a database token ID (a UUID); nothing was sent` });
    }
    return `/tokens/${encodeURIComponent(id)}`;
  }

  private checkBody<T>(operation: ManagementApiOperation, build: () => T): T {
    try {
      return build();
    } catch (err) {
      if (err instanceof DatabaseTokenInputError) {
        this.fail(operation, { kind: 'misconfigured', detail: scrub(`the request was not sent: ${err.message}`, [this.#token]) });
      }
      throw err;
    }
  }

  /** The answer's JSON parsed by `parse`; a ManagementApiResponseError becomes an `unexpected` failure. */
  private parse<T>(answer: JsonAnswer, parse: (json: unknown) => T): T {
    try {
      return parse(answer.json);
    } catch (err) {
      if (err instanceof ManagementApiResponseError) {
        // Whatever accessToken the answer held is redacted too, also one of the wrong type or length.
        const access = (answer.json as { accessToken?: unknown } | null)?.accessToken;
        const secrets = typeof access === 'string' ? [this.#token, access] : [this.#token];
        this.fail(answer.operation, { kind: 'unexpected', status: answer.status, url: answer.url, detail: scrub(err.message, secrets) });
      }
      throw err;
    }
  }

  /** One request: the answer's JSON (undefined for 204), or a thrown ManagementApiError. */
  private async call(operation: ClientOperation, method: Method, path: string, body: string | undefined, signal: AbortSignal | undefined): Promise<JsonAnswer> {
    const token = this.#token;
    const options = this.#options;
    if (signal?.aborted) this.fail(operation, { kind: 'cancelled' });
    let base: string;
    try {
      base = managementApiBaseUrl(this.#profile, options.consoleBaseUrl);
    } catch (err) {
      if (err instanceof ManagementApiConfigError) this.fail(operation, { kind: 'misconfigured', detail: scrub(err.message, [token]) });
      throw err;
    }
    const url = `${base}${path}`;
    const problem = tokenProblem(token);
    if (problem) this.fail(operation, { kind: 'misconfigured', url, detail: problem });
    const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    const success = SUCCESS[operation];
    const r = await exchange({
      loadUndici: options.loadUndici,
      pools: options.pools ?? sharedManagementApiPools(),
      profile: this.#profile,
      token,
      secrets: [token],
      url,
      method,
      body,
      seconds: timeoutSecondsOf(options.timeoutSeconds),
      signal,
      readFile: options.readFile,
      okStatuses: success,
      okLimit: limit,
    });
    if (r.kind !== 'answer') this.fail(operation, r);
    const { status } = r;
    if (!success.includes(status)) {
      this.fail(operation, failureOfStatus(status, url, answerDetail(r, [token])));
    }
    if (r.tooLarge) {
      this.fail(operation, { kind: 'unexpected', status, url, detail: `the answer is larger than ${Math.round(limit / (1024 * 1024))} MiB; it was not read` });
    }
    if (status === 204) return { operation, url, status, json: undefined };
    if (looksLikeHtml(r)) {
      const excerpt = detailOf(r.text.slice(0, ERROR_BODY_KEEP), [token]);
      this.fail(operation, { kind: 'unexpected', status, url, detail: `the answer is an HTML page, not JSON (a proxy or a login page?)${excerpt ? `: ${excerpt}` : ''}` });
    }
    try {
      return { operation, url, status, json: JSON.parse(r.text) };
    } catch {
      // The text may hold an accessToken: only its beginning, redacted, is shown.
      const excerpt = detailOf(r.text.slice(0, ERROR_BODY_KEEP), [token]);
      return this.fail(operation, { kind: 'unexpected', status, url, detail: `the answer is not JSON${excerpt ? `: ${excerpt}` : ''}` });
    }
  }
}
