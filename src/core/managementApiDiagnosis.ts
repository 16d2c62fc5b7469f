/**
 * What a failed Management API request says: failures before an answer
 * classified (timeout, TLS, network) with what the network stack said, and
 * short, redacted excerpts of error bodies. The VS Code layer words them
 * (src/managementApi/managementApiText.ts).
 */
import type { ManagementApiFailure, NetworkCause } from './managementApiErrors';
import { redactSecrets, redactStrings } from './redact';

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

/** An unexpected error in a few words: its name and message (redact before showing). */
export function messageOf(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

/**
 * A request that failed before its answer, classified: timeout (the timer
 * fired, or undici's own), TLS (https only), or network, with the codes and
 * the first message of the error's causes (redacted) for the VS Code layer
 * to explain.
 */
export function failureBeforeAnswer(err: unknown, x: { url: string; https: boolean; secrets: readonly string[]; seconds: number; timedOut: boolean }): ManagementApiFailure {
  const { codes, messages } = errorCodes(err);
  if (x.timedOut || codes.some((c) => TIMEOUT_CODES.has(c))) return { kind: 'timeout', url: x.url, seconds: x.seconds };
  const cause: NetworkCause = messages.length ? { codes: codes.map((c) => scrub(c, x.secrets)), message: scrub(messages[0], x.secrets) } : { codes: codes.map((c) => scrub(c, x.secrets)) };
  return { kind: x.https && isTlsFailure(codes, messages) ? 'tls' : 'network', url: x.url, ...cause };
}

/** `data` (a problem's codes and data) with the known secrets and anything token-shaped redacted from every string in it. */
export function scrubData<T>(data: T, secrets: string | readonly string[]): T {
  return redactStrings(data, (text) => scrub(text, secrets));
}
