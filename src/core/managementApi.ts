/**
 * Proof that a management token works: one `GET …/databases` against the
 * Management HTTP API (the cheapest call the API has), classified into a
 * result the UI can explain in one sentence.
 *
 * undici is used only through `options.loadUndici()`: the extension loads it
 * lazily from a separate bundle, so this module imports nothing of it but types.
 */
import { readFile as fsReadFile } from 'fs/promises';
import type * as Undici from 'undici';
import { redactSecrets } from './redact';
import type { Profile } from './types';

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
/** A database list longer than this is not a database list. */
const LIST_BODY_LIMIT = 32 * 1024 * 1024;

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
 * The `GET …/databases` URL for a profile. Throws ManagementApiConfigError
 * when the profile lacks what the product needs.
 */
export function managementApiUrl(profile: Profile, consoleBaseUrl?: string): string {
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
    return `${base}/api/v0/accounts/${encodeURIComponent(profile.accountId!)}/clusters/${encodeURIComponent(profile.clusterId!)}/databases`;
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
    return `${scheme}://${hostWithPort(host, port)}/api/v0/databases`;
  }
  if (product === undefined || product === '') {
    throw new ManagementApiConfigError('the profile has no product; set product = "dedicated" (Cloud Dedicated) or "clustered" (Clustered)');
  }
  throw new ManagementApiConfigError(
    `product ${JSON.stringify(product)} is unknown; set product = "dedicated" (Cloud Dedicated) or "clustered" (Clustered)`,
  );
}

function abortError(): Error {
  const err = new Error('The management token test was cancelled.');
  err.name = 'AbortError';
  return err;
}

/** Redacts the token and anything token-shaped, also a token cut off at the end. */
function scrub(text: string, token: string): string {
  let out = redactSecrets(text, [token]);
  for (let k = Math.min(token.length - 1, out.length); k >= 8; k--) {
    if (out.endsWith(token.slice(0, k))) {
      out = `${out.slice(0, out.length - k)}[REDACTED]`;
      break;
    }
  }
  return out;
}

/** A short, single-line, redacted excerpt of an error body (its `message` when it is JSON). */
function detailOf(raw: string, token: string): string | undefined {
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
  if (!token) return { kind: 'misconfigured', message: 'the management token is empty; set mgmt_token or pick a token with a stored secret' };
  if (/[\s\u0000-\u001f\u007f]/.test(token) || /[^\u0020-\u007e]/.test(token)) {
    return { kind: 'misconfigured', message: 'the management token contains spaces, line breaks or other characters a token cannot have; copy it again' };
  }
  const seconds = options.timeoutSeconds > 0 && Number.isFinite(options.timeoutSeconds) ? options.timeoutSeconds : 60;
  const timeoutMs = Math.ceil(seconds * 1000);

  // TLS material from [profile.tls], only when TLS is used.
  const tls = profile.tls ?? {};
  const https = url.startsWith('https:');
  const connect: { rejectUnauthorized: boolean; ca?: Buffer; cert?: Buffer; key?: Buffer; timeout: number } = {
    rejectUnauthorized: !tls.insecure,
    timeout: timeoutMs,
  };
  if (https) {
    if ((tls.cert && !tls.key) || (!tls.cert && tls.key)) {
      return {
        kind: 'misconfigured',
        message: `[profile.tls] has ${tls.cert ? 'cert' : 'key'} but no ${tls.cert ? 'key' : 'cert'}; a client certificate needs both`,
      };
    }
    const read = options.readFile ?? ((p: string) => fsReadFile(p));
    for (const field of ['ca', 'cert', 'key'] as const) {
      const file = tls[field];
      if (!file) continue;
      try {
        connect[field] = await read(file);
      } catch (err) {
        const code = (err as { code?: unknown }).code;
        const why = code === 'ENOENT' ? 'it does not exist' : code === 'EACCES' ? 'permission denied' : scrub(String((err as Error).message ?? err), token);
        return { kind: 'misconfigured', message: `cannot read [profile.tls] ${field} file ${JSON.stringify(file)}: ${why}` };
      }
    }
  }
  if (options.signal?.aborted) throw abortError();

  const undici = options.loadUndici();
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onUserAbort = (): void => controller.abort();
  options.signal?.addEventListener('abort', onUserAbort, { once: true });
  const agent = new undici.Agent({ connect, connectTimeout: timeoutMs });
  let clean = false;
  try {
    const response = await undici.request(url, {
      method: 'GET',
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      dispatcher: agent,
      signal: controller.signal,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const status = response.statusCode;
    if (status === 200) {
      const { text, stopped } = await readBody(response.body, LIST_BODY_LIMIT, LIST_BODY_LIMIT);
      clean = !stopped;
      if (stopped) return { kind: 'unexpected', status, url, detail: 'the answer is too large to be a list of databases' };
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        const excerpt = detailOf(text, token);
        return { kind: 'unexpected', status, url, detail: `the answer is not JSON${excerpt ? `: ${excerpt}` : ''}` };
      }
      if (!Array.isArray(parsed)) {
        const what = parsed === null ? 'null' : typeof parsed === 'object' ? 'an object' : `a ${typeof parsed}`;
        return { kind: 'unexpected', status, url, detail: `expected a JSON array of databases, got ${what}` };
      }
      return { kind: 'valid', databases: parsed.length, url };
    }
    const { text, stopped } = await readBody(response.body, ERROR_BODY_KEEP, ERROR_BODY_DISCARD_LIMIT);
    clean = !stopped;
    let detail = detailOf(text, token);
    if (status >= 300 && status < 400) {
      const location = response.headers.location;
      const where = Array.isArray(location) ? location[0] : location;
      if (where) detail = scrub(`redirects to ${where}`.slice(0, DETAIL_LENGTH), token);
    }
    const extra = detail ? { detail } : {};
    if (status === 401 || status === 403) return { kind: 'rejected', status, url, ...extra };
    if (status === 404) return { kind: 'notFound', status: 404, url, ...extra };
    return { kind: 'unexpected', status, url, ...extra };
  } catch (err) {
    if (options.signal?.aborted) throw abortError();
    const { codes, messages } = errorCodes(err);
    if (timedOut || codes.some((c) => TIMEOUT_CODES.has(c))) return { kind: 'timeout', url, seconds };
    if (https && isTlsFailure(codes, messages)) {
      return { kind: 'tls', url, message: scrub(describeTlsError(codes, messages), token) };
    }
    return { kind: 'network', url, message: scrub(describeNetworkError(codes, messages, url), token) };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onUserAbort);
    // close() waits for nothing in flight after a fully read answer; destroy() ends the rest.
    await (clean ? agent.close() : agent.destroy()).catch(() => undefined);
  }
}
