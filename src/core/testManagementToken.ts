/**
 * Test Management Token: proof that a management token works, one
 * `GET …/databases` (the cheapest call the Management API has) classified into
 * a result the UI can explain in one sentence; it always resolves, never rejects.
 *
 * URLs are built from clusterOrigin() (./clusterOrigin, ./managementApiTarget). `[profile.tls]`
 * applies to a Clustered host only; Cloud Dedicated always uses HTTPS to the
 * console with the default verification. Plain HTTP to anything but this
 * machine, and HTTPS without verification, are sent only with the caller's
 * consent (`tlsConsent`); without it nothing is sent and the result says
 * which consent is needed (`needsConsent`).
 *
 * undici is used only through `options.loadUndici()`: the extension loads it
 * lazily from a separate bundle, so this module imports nothing of it but types.
 */
import type * as Undici from 'undici';
import { detailOf, messageOf, scrub, scrubData } from './managementApiDiagnosis';
import type { ManagementApiConfigProblem, NetworkCause, TlsConsent, TlsConsentKind, UnexpectedProblem } from './managementApiErrors';
import { requestTarget, statusProblem, tokenProblem } from './managementApiTarget';
import { exchange, ManagementApiPools, type Answer } from './managementApiTransport';
import { timeoutSeconds, timerMs } from './timeouts';
import type { Profile } from './types';

/** What Test Management Token found. testManagementToken() always resolves with one of these. */
export type ManagementTokenTestResult =
  | { kind: 'valid'; databases: number; url: string }
  | { kind: 'rejected'; status: 401 | 403; url: string; detail?: string }
  | { kind: 'notFound'; status: 404; url: string; detail?: string }
  /**
   * Any other answer, or none (status 0: an unexpected error). `problem`
   * says what: tooLarge and notJson, shape (not a list of databases; its
   * `field` is empty), status (another status), failed or notPrepared.
   */
  | { kind: 'unexpected'; status: number; url: string; problem: UnexpectedProblem }
  | ({ kind: 'tls'; url: string } & NetworkCause)
  | ({ kind: 'network'; url: string } & NetworkCause)
  | { kind: 'timeout'; url: string; seconds: number }
  /** Nothing was sent: the profile (or the token) cannot be used. */
  | { kind: 'misconfigured'; problem: ManagementApiConfigProblem }
  /** Nothing was sent: ask the person (naming `host`), then test again with `tlsConsent: { [consent]: true }`. */
  | { kind: 'needsConsent'; consent: TlsConsentKind; url: string; host: string }
  /** options.signal was aborted. */
  | { kind: 'cancelled'; url?: string };

export interface TestManagementTokenOptions {
  /** Overall limit for reading the [profile.tls] files, connecting, sending and reading the answer (clamped to what a timer holds). */
  timeoutSeconds: number;
  /** Returns the undici module; called only when a request is made. */
  loadUndici: () => typeof Undici;
  /** Cloud Dedicated console; `https://console.influxdata.com` by default. */
  consoleBaseUrl?: string;
  /** Cancellation by the user: the result is then `{ kind: 'cancelled' }`. */
  signal?: AbortSignal;
  /** Reads `[profile.tls]` ca, cert and key files; regular files of at most 1 MiB from disk by default. */
  readFile?: (path: string) => Promise<Buffer>;
  /** What the person agreed to: plain HTTP to another machine, no certificate verification. None by default. */
  tlsConsent?: TlsConsent;
}

/** A database list longer than this is not a database list (testManagementToken). */
const LIST_BODY_LIMIT = 32 * 1024 * 1024;

// ---------------------------------------------------------------- testManagementToken

function testAnswer(r: Answer, url: string, token: string): ManagementTokenTestResult {
  const { status } = r;
  if (status === 200) {
    if (r.tooLarge) return { kind: 'unexpected', status, url, problem: { code: 'tooLarge', limitBytes: LIST_BODY_LIMIT } };
    let parsed: unknown;
    try {
      parsed = JSON.parse(r.text);
    } catch {
      const excerpt = detailOf(r.text, token);
      return { kind: 'unexpected', status, url, problem: excerpt ? { code: 'notJson', excerpt } : { code: 'notJson' } };
    }
    if (!Array.isArray(parsed)) {
      // Only its type: the value may be anything the server sent.
      const value = { type: parsed === null ? 'null' : typeof parsed };
      return { kind: 'unexpected', status, url, problem: { code: 'shape', answer: 'databaseList', field: '', problem: { code: 'topLevel', expected: 'array', value } } };
    }
    return { kind: 'valid', databases: parsed.length, url };
  }
  const detail = detailOf(r.text, [token]);
  const extra = detail ? { detail } : {};
  if (status === 401 || status === 403) return { kind: 'rejected', status, url, ...extra };
  if (status === 404) return { kind: 'notFound', status: 404, url, ...extra };
  return { kind: 'unexpected', status, url, problem: statusProblem(r, [token]) };
}

/**
 * Calls `GET …/databases` with the token and classifies the answer. Always
 * resolves, never rejects: a profile or token that cannot be used is
 * `misconfigured`, a weakened TLS without consent `needsConsent` (both send
 * nothing), an aborted `options.signal` is `cancelled`, and an unexpected
 * error is `unexpected` (status 0) or, before any URL is known, `misconfigured`.
 */
export async function testManagementToken(profile: Profile, token: string, options: TestManagementTokenOptions): Promise<ManagementTokenTestResult> {
  let url: string | undefined;
  try {
    if (options.signal?.aborted) return { kind: 'cancelled' };
    const target = requestTarget(profile, options.consoleBaseUrl, options.tlsConsent, '/databases');
    if (!target.ok) {
      const f = target.failure;
      return f.kind === 'needsConsent' ? { kind: 'needsConsent', consent: f.consent, url: f.url, host: f.host } : { kind: 'misconfigured', problem: scrubData(f.problem, [token]) };
    }
    url = target.url;
    const problem = tokenProblem(token);
    if (problem) return { kind: 'misconfigured', problem };
    // A connection of its own, closed at the end: a test of a token says nothing of a pooled connection.
    const pools = new ManagementApiPools({ connections: 1 });
    try {
      const seconds = timeoutSeconds(options.timeoutSeconds);
      const r = await exchange({
        loadUndici: options.loadUndici,
        pools,
        url,
        tls: target.tls,
        token,
        secrets: [token],
        method: 'GET',
        seconds,
        timeoutMs: timerMs(seconds),
        signal: options.signal,
        readFile: options.readFile,
        okStatuses: (status) => status === 200,
        okLimit: LIST_BODY_LIMIT,
      });
      switch (r.kind) {
        case 'answer':
          return testAnswer(r, url, token);
        case 'cancelled':
          return { kind: 'cancelled', url };
        case 'tls':
        case 'network':
          return { ...r, url };
        case 'timeout':
          return { kind: 'timeout', url, seconds: r.seconds };
        case 'misconfigured':
          return { kind: 'misconfigured', problem: r.problem };
        case 'unexpected':
          return { kind: 'unexpected', status: r.status ?? 0, url, problem: r.problem };
        default:
          return { kind: 'unexpected', status: 0, url, problem: { code: 'failed', error: r.kind } };
      }
    } finally {
      await pools.destroy().catch(() => undefined);
    }
  } catch (err) {
    if (options?.signal?.aborted) return url ? { kind: 'cancelled', url } : { kind: 'cancelled' };
    const error = scrub(messageOf(err), typeof token === 'string' ? [token] : []);
    return url ? { kind: 'unexpected', status: 0, url, problem: { code: 'failed', error } } : { kind: 'misconfigured', problem: { code: 'failed', error } };
  }
}
