/**
 * How one Management API request travels: keep-alive connection pools per
 * origin and TLS choice, the `[profile.tls]` certificate files (read under
 * the request's timeout and cancellation), one exchange whose failures
 * before an answer are classified by ./managementApiDiagnosis. Part of the
 * HTTP bundle, loaded on first use with ./managementApi; undici is reached
 * only through `loadUndici()`.
 */
import { constants as fsConstants } from 'fs';
import { open as fsOpen, stat as fsStat } from 'fs/promises';
import type * as Undici from 'undici';
import type { ManagementApiFailure, TlsFileProblem } from './managementApiErrors';
import { failureBeforeAnswer, messageOf, scrub, scrubData } from './managementApiDiagnosis';

/** Bytes of an error body kept for `detail`; the rest is read and discarded. */
export const ERROR_BODY_KEEP = 4096;
/** An error body longer than this is not read further. */
const ERROR_BODY_DISCARD_LIMIT = 256 * 1024;
/** The largest `[profile.tls]` ca, cert or key file read: PEM bundles are a few hundred KB at most. */
export const MAX_TLS_FILE_BYTES = 1024 * 1024;

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

// ---------------------------------------------------------------- certificate files

/** How the TLS of a Clustered host is set up ([profile.tls]); undefined: the defaults (Cloud Dedicated). */
export interface TlsChoice {
  insecure: boolean;
  ca?: string;
  cert?: string;
  key?: string;
}

type TlsField = TlsFileProblem['field'];

/** A [profile.tls] file that cannot be used: the request is not sent. */
export class TlsFileError extends Error {
  constructor(readonly problem: TlsFileProblem) {
    super(`[profile.tls] ${problem.field}: ${problem.code}`);
  }
}

/** The pool was being made for a request that was cancelled or timed out; another request makes it again. */
class PoolAbandoned extends Error {
  constructor() {
    super('the connection pool was abandoned');
  }
}

/** `promise`, or a PoolAbandoned rejection as soon as `signal` aborts. */
function unlessAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new PoolAbandoned());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new PoolAbandoned());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

function kindOfFile(s: { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): Extract<TlsFileProblem, { code: 'notRegular' }>['what'] {
  if (s.isDirectory()) return 'directory';
  if (s.isFIFO()) return 'fifo';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'device';
  if (s.isSocket()) return 'socket';
  return 'other';
}

function tooLarge(field: TlsField, file: string): TlsFileError {
  return new TlsFileError({ field, file, code: 'tooLarge', maxBytes: MAX_TLS_FILE_BYTES });
}

/**
 * A certificate or key file from disk: a regular file only (a FIFO, device or
 * directory is refused before it is opened, and again after, should the path
 * have changed), at most MAX_TLS_FILE_BYTES, read in pieces that stop when
 * `signal` aborts.
 */
async function readRegularFile(field: TlsField, file: string, signal: AbortSignal): Promise<Buffer> {
  const before = await fsStat(file);
  if (!before.isFile()) throw new TlsFileError({ field, file, code: 'notRegular', what: kindOfFile(before) });
  if (before.size > MAX_TLS_FILE_BYTES) throw tooLarge(field, file);
  if (signal.aborted) throw new PoolAbandoned();
  // Non-blocking: a path swapped for a FIFO since the stat cannot block the open.
  const handle = await fsOpen(file, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
  try {
    const opened = await handle.stat();
    if (!opened.isFile() || opened.ino !== before.ino || opened.dev !== before.dev) {
      throw new TlsFileError({ field, file, code: 'changed' });
    }
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      if (signal.aborted) throw new PoolAbandoned();
      const buffer = Buffer.alloc(64 * 1024);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > MAX_TLS_FILE_BYTES) throw tooLarge(field, file);
      chunks.push(buffer.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** A [profile.tls] file, through the caller's reader when given (bounded by `signal` and the size limit all the same). */
async function readTlsFile(field: TlsField, file: string, signal: AbortSignal, readFile: ((path: string) => Promise<Buffer>) | undefined): Promise<Buffer> {
  try {
    if (!readFile) return await readRegularFile(field, file, signal);
    const data = await unlessAborted(readFile(file), signal);
    if (data.length > MAX_TLS_FILE_BYTES) throw tooLarge(field, file);
    return data;
  } catch (err) {
    if (err instanceof TlsFileError || err instanceof PoolAbandoned) throw err;
    const code = (err as { code?: unknown }).code;
    const error = String((err as Error)?.message ?? err);
    throw new TlsFileError(typeof code === 'string' ? { field, file, code: 'unreadable', errno: code, error } : { field, file, code: 'unreadable', error });
  }
}

// ---------------------------------------------------------------- connection pools

/** What a pool is made from: its origin, the TLS choice, and how to load undici and read the TLS files. */
export interface PoolRequest {
  loadUndici: () => typeof Undici;
  origin: string;
  tls: TlsChoice | undefined;
  /** The caller's reader of [profile.tls] files; regular files from disk by default. */
  readFile?: (path: string) => Promise<Buffer>;
  connectTimeoutMs: number;
}

/**
 * One undici Pool (keep-alive connections) per origin and TLS choice, shared
 * by every request and every ManagementApiClient given this object. The
 * `[profile.tls]` files are read when the pool for them is made, under the
 * timeout and cancellation of the request that makes it; a pool that could
 * not be made (a failed, cancelled or timed-out read) is not kept. close()
 * (for example when config.toml changes) makes the next request read them again.
 *
 * Not undici's Agent: it keeps a pool per origin, but with one set of TLS
 * options, where two profiles may reach one origin with different
 * [profile.tls] files; it would be one Agent per TLS choice, made as these
 * pools are. It measured the same (200-token list from the stand-in, 40
 * calls, 2026-12-04): 24.1 ms a call with these pools, 24.5 ms with an Agent,
 * 23.3 ms bare, when the stand-in answers after 20 ms; one connection for
 * calls in turn and 7 new ones for 8 at once with either (15 for an Agent
 * without the wait in `answered()`).
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

  /**
   * @internal The pool for an origin, made on first use. `signal` is the
   * request's (its timeout and cancellation): the wait, and the reading of the
   * TLS files when this request makes the pool, stop when it aborts.
   */
  async dispatcher(request: PoolRequest, signal: AbortSignal): Promise<Undici.Dispatcher> {
    const { origin, tls } = request;
    const key = JSON.stringify(tls ? [origin, tls.insecure, tls.ca ?? '', tls.cert ?? '', tls.key ?? ''] : [origin]);
    for (;;) {
      let pool = this.pools.get(key);
      if (!pool) {
        // Given up with this request's signal even while a read or a stat hangs (a dead network mount):
        // the waiting requests then make the pool again, with their own limits.
        const made = unlessAborted(this.makePool(request, signal), signal);
        pool = made;
        this.pools.set(key, made);
        // A pool that could not be made is not kept: the next request tries again.
        made.catch(() => {
          if (this.pools.get(key) === made) this.pools.delete(key);
        });
      }
      try {
        const dispatcher = await unlessAborted(pool, signal);
        if (this.settling) await unlessAborted(this.settling, signal);
        return dispatcher;
      } catch (err) {
        // Another request was making it and gave up: make it for this one.
        if (err instanceof PoolAbandoned && !signal.aborted) {
          if (this.pools.get(key) === pool) this.pools.delete(key);
          continue;
        }
        throw err;
      }
    }
  }

  private async makePool({ loadUndici, origin, tls, readFile, connectTimeoutMs }: PoolRequest, signal: AbortSignal): Promise<Undici.Dispatcher> {
    const connect: { timeout: number; rejectUnauthorized?: boolean; ca?: Buffer; cert?: Buffer; key?: Buffer } = { timeout: connectTimeoutMs };
    if (tls) {
      connect.rejectUnauthorized = !tls.insecure;
      for (const field of ['ca', 'cert', 'key'] as const) {
        const file = tls[field];
        if (file) connect[field] = await readTlsFile(field, file, signal, readFile);
      }
    }
    if (signal.aborted) throw new PoolAbandoned();
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

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface Exchange {
  loadUndici: () => typeof Undici;
  pools: ManagementApiPools;
  /** The request's URL; its origin gets a pool. */
  url: string;
  /** TLS of a Clustered host; undefined for plain HTTP and for Cloud Dedicated (default verification). */
  tls: TlsChoice | undefined;
  token: string;
  /** Everything to redact from details: the token and any other secret known. */
  secrets: readonly string[];
  method: Method;
  body?: string;
  /** The limit, as reported in a timeout failure. */
  seconds: number;
  /** The same limit for timers (clamped: see ./timeouts). */
  timeoutMs: number;
  signal?: AbortSignal;
  readFile?: (path: string) => Promise<Buffer>;
  /** Answers with these statuses are read up to okLimit bytes; any other up to a few KB. */
  okStatuses: (status: number) => boolean;
  okLimit: number;
}

export interface Answer {
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
 * answer (a TLS file, TLS, network, timeout, cancellation) is returned as a
 * ManagementApiFailure. The timeout and the caller's cancellation run from
 * the start: they also bound the reading of the [profile.tls] files.
 */
export async function exchange(x: Exchange): Promise<Answer | ManagementApiFailure> {
  const { url, secrets } = x;
  if (x.signal?.aborted) return { kind: 'cancelled', url };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: 'misconfigured', url, problem: { code: 'badUrl' } };
  }
  const https = parsed.protocol === 'https:';
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, x.timeoutMs);
  const onUserAbort = (): void => controller.abort();
  x.signal?.addEventListener('abort', onUserAbort, { once: true });
  try {
    let dispatcher: Undici.Dispatcher;
    try {
      dispatcher = await x.pools.dispatcher(
        { loadUndici: x.loadUndici, origin: parsed.origin, tls: x.tls, readFile: x.readFile, connectTimeoutMs: x.timeoutMs },
        controller.signal,
      );
    } catch (err) {
      if (x.signal?.aborted) return { kind: 'cancelled', url };
      if (timedOut) return { kind: 'timeout', url, seconds: x.seconds };
      if (err instanceof TlsFileError) return { kind: 'misconfigured', url, problem: { code: 'tlsFile', file: scrubData(err.problem, secrets) } };
      return { kind: 'unexpected', url, problem: { code: 'notPrepared', error: scrub(messageOf(err), secrets) } };
    }
    if (x.signal?.aborted) return { kind: 'cancelled', url };
    if (timedOut) return { kind: 'timeout', url, seconds: x.seconds };
    try {
      const headers: Record<string, string> = { authorization: `Bearer ${x.token}`, accept: 'application/json' };
      if (x.body !== undefined) headers['content-type'] = 'application/json';
      const response = await dispatcher.request({
        path: `${parsed.pathname}${parsed.search}`,
        method: x.method,
        headers,
        body: x.body,
        signal: controller.signal,
        headersTimeout: x.timeoutMs,
        bodyTimeout: x.timeoutMs,
      });
      const status = response.statusCode;
      const ok = x.okStatuses(status);
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
      return failureBeforeAnswer(err, { url, https, secrets, seconds: x.seconds, timedOut });
    }
  } finally {
    clearTimeout(timer);
    x.signal?.removeEventListener('abort', onUserAbort);
  }
}
