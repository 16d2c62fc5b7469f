/**
 * What a failed Management API request says, in words: failures before an
 * answer classified (timeout, TLS, network) and explained, and short,
 * redacted excerpts of error bodies. The texts explain; they never advise
 * weakening TLS (plain HTTP or no verification): that takes the person's
 * consent, asked by the caller (tlsConsent).
 */
import type { ManagementApiFailure } from './managementApiErrors';
import { redactSecrets } from './redact';

/** Longest `detail` kept from a response body. */
export const DETAIL_LENGTH = 200;

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

/** Redacts the known secrets and anything token-shaped, also a known secret cut off at the end. */
export function scrub(text: string, secrets: string | readonly string[]): string {
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
export function detailOf(raw: string, token: string | readonly string[]): string | undefined {
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
    return 'the server does not speak TLS on that port (ERR_SSL_WRONG_VERSION_NUMBER); check that port is the HTTPS port of the cluster';
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

/** An unexpected error in a few words: its name and message (redact before showing). */
export function messageOf(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

/**
 * A request that failed before its answer, classified: timeout (the timer
 * fired, or undici's own), TLS (https only), or network; details redacted.
 */
export function failureBeforeAnswer(err: unknown, x: { url: string; https: boolean; secrets: readonly string[]; seconds: number; timedOut: boolean }): ManagementApiFailure {
  const { codes, messages } = errorCodes(err);
  if (x.timedOut || codes.some((c) => TIMEOUT_CODES.has(c))) return { kind: 'timeout', url: x.url, seconds: x.seconds };
  if (x.https && isTlsFailure(codes, messages)) return { kind: 'tls', url: x.url, detail: scrub(describeTlsError(codes, messages), x.secrets) };
  return { kind: 'network', url: x.url, detail: scrub(describeNetworkError(codes, messages, x.url), x.secrets) };
}
