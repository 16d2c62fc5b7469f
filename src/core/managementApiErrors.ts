/**
 * The errors of the Management HTTP API client, apart from the client itself:
 * the VS Code layer reads them from its activation bundle, while the client
 * (./managementApi) lives in the HTTP bundle loaded on first use.
 *
 * Two bundles hold two copies of these classes, so `instanceof` does not work
 * across them: use isManagementApiError().
 */
import type { ClusterOriginProblem } from './clusterOrigin';

/** Why a description cannot be used: required (empty or blank), multiLine, control (a control character's `codePoint`), loneSurrogate. */
export type DescriptionProblem = { code: 'required' | 'multiLine' | 'loneSurrogate' } | { code: 'control'; codePoint: number };

/** Why a database name cannot be a permission's resource: required, tooLong (`length` code points, at most `max`), control, loneSurrogate, spaceAround. */
export type ResourceProblem = { code: 'required' | 'control' | 'loneSurrogate' | 'spaceAround' } | { code: 'tooLong'; length: number; max: number };

/**
 * Input the extension refuses before sending anything: a description or a
 * resource with its problem, a permission list that is not one, an action
 * other than read or write (`action`, cut short), an expiry that is no date
 * or not RFC3339 UTC, an update with nothing to update, no body at all.
 */
export type DatabaseTokenInputProblem =
  | { code: 'description'; problem: DescriptionProblem }
  | { code: 'resource'; problem: ResourceProblem }
  | { code: 'unknownAction'; action: string }
  | { code: 'permissionsNotList' | 'notAPermission' | 'invalidExpiry' | 'expiresAtNotRfc3339' | 'nothingToUpdate' | 'noBody' };

/**
 * Why a profile or a call cannot make a request; nothing was sent. origin:
 * the profile names no cluster; consoleUrl: the console URL is not an
 * http(s) URL (`value` cut short, unset when token-shaped); tlsPair:
 * `[profile.tls]` has only one of cert and key (`has`); tokenEmpty,
 * tokenCharacters: the management token is empty or holds characters no
 * token has; notTokenId: not a database token ID (`value` cut short, unset
 * when token-shaped); badUrl: the request URL does not parse; tlsFile: a
 * `[profile.tls]` file cannot be used; input: the request's own input was
 * refused; failed: an unexpected error before any URL was known (`error`:
 * its name and message, redacted).
 */
export type ManagementApiConfigProblem =
  | { code: 'origin'; origin: ClusterOriginProblem }
  | { code: 'consoleUrl'; value?: string }
  | { code: 'tlsPair'; has: 'cert' | 'key' }
  | { code: 'tokenEmpty' | 'tokenCharacters' | 'badUrl' }
  | { code: 'notTokenId'; value?: string }
  | { code: 'tlsFile'; file: TlsFileProblem }
  | { code: 'input'; input: DatabaseTokenInputProblem }
  | { code: 'failed'; error: string };

/**
 * A `[profile.tls]` file (`field`, at path `file`) that cannot be used:
 * notRegular (a directory, FIFO, device, socket or other), tooLarge (over
 * `maxBytes`), changed (while it was read), unreadable (`errno` as Node
 * gives it, `error` the system's message).
 */
export type TlsFileProblem = { field: 'ca' | 'cert' | 'key'; file: string } & (
  | { code: 'notRegular'; what: 'directory' | 'fifo' | 'device' | 'socket' | 'other' }
  | { code: 'tooLarge'; maxBytes: number }
  | { code: 'changed' }
  | { code: 'unreadable'; errno?: string; error: string }
);

/** A JSON value as a problem names it: its type, and (when short and not a secret's field) its text. */
export interface ValueShape {
  /** 'null', 'array', 'object', 'string', 'number', 'boolean', or another typeof. */
  type: string;
  /** A string of at most 40 characters, a number or a boolean, as written. */
  text?: string;
}

/** What an answer should have been (ManagementApiResponseError.answer). */
export type AnswerKind = 'databaseTokenList' | 'databaseToken' | 'createdDatabaseToken' | 'databaseList';

/**
 * What is wrong with one field of an answer: missing, empty, notA (`value`
 * is not of type `expected`), lessThan (`value` below `min`), nameLength (a
 * database name of `length` characters, not 1 to 64), repeatedId (`id`
 * already at index `first`), topLevel (the answer is `value`, not an
 * `expected`), tooShort (an accessToken under `min` characters),
 * controlChars (an accessToken with blanks or control characters),
 * repeatedSecret (two different accessTokens; the last was kept),
 * trimmedSecret (an accessToken with blanks around it, removed).
 */
export type AnswerFieldProblem =
  | { code: 'missing' | 'empty' | 'controlChars' | 'repeatedSecret' | 'trimmedSecret' }
  | { code: 'notA'; expected: 'string' | 'UUID' | 'RFC3339' | 'integer' | 'array' | 'object'; value: ValueShape }
  | { code: 'lessThan'; value: number; min: number }
  | { code: 'nameLength'; length: number }
  | { code: 'repeatedId'; id: string; first: number }
  | { code: 'topLevel'; expected: 'array' | 'object'; value: ValueShape }
  | { code: 'tooShort'; min: number };

/**
 * What makes an answer (or a call) unexpected: status (a `status` the API
 * does not answer here; `excerpt` of the body, `location` of a redirect),
 * tooLarge (over `limitBytes`, not read), html (a page, not JSON), notJson,
 * shape (not the documented `answer`: `field` and its problem), failed (an
 * unexpected error: `error`, its name and message, redacted), notPrepared
 * (the connection could not be prepared; nothing was sent).
 */
export type UnexpectedProblem =
  | { code: 'status'; status: number; excerpt?: string; location?: string }
  | { code: 'tooLarge'; limitBytes: number }
  | { code: 'html' | 'notJson'; excerpt?: string }
  | { code: 'shape'; answer: AnswerKind; field: string; problem: AnswerFieldProblem }
  | { code: 'failed' | 'notPrepared'; error: string };

/** What the client was doing, for messages ("list the database tokens"). */
export type ManagementApiOperation =
  | 'testManagementToken'
  | 'listDatabases'
  | 'listDatabaseTokens'
  | 'getDatabaseToken'
  | 'createDatabaseToken'
  | 'updateDatabaseToken'
  | 'revokeDatabaseToken';

/**
 * Why a Management API call failed. `url` never holds a secret; `detail` (an
 * excerpt of the server's answer) and every text of a problem are short,
 * single-line and redacted (the management token, any `accessToken` and
 * anything token-shaped are removed).
 */
export type ManagementApiFailure =
  /** 401 or 403: the management token was refused. */
  | { kind: 'rejected'; status: 401 | 403; url: string; detail?: string }
  /** 404: no such account/cluster, no such token, or no Management API (Clustered before 20250508). */
  | { kind: 'notFound'; status: 404; url: string; detail?: string }
  /** 409: the request conflicts with what the cluster has. */
  | { kind: 'conflict'; status: 409; url: string; detail?: string }
  /** 400: the server found the request invalid. */
  | { kind: 'badRequest'; status: 400; url: string; detail?: string }
  /** 5xx. */
  | { kind: 'server'; status: number; url: string; detail?: string }
  /**
   * Anything the API does not answer: another status, a redirect, HTML from a
   * proxy, a body that is not JSON or not of the documented shape, a body over
   * the size limit. `status` is the HTTP status when there was one.
   */
  | { kind: 'unexpected'; status?: number; url: string; problem: UnexpectedProblem }
  /** The TLS handshake failed (certificate, protocol): what the network stack said (NetworkCause). */
  | ({ kind: 'tls'; url: string } & NetworkCause)
  /** No answer: DNS, refused or reset connection (NetworkCause). */
  | ({ kind: 'network'; url: string } & NetworkCause)
  /** No complete answer within `seconds` (influxdbTokens.timeoutSeconds). */
  | { kind: 'timeout'; url: string; seconds: number }
  /** The profile (or the call) lacks what a request needs; nothing was sent. */
  | { kind: 'misconfigured'; url?: string; problem: ManagementApiConfigProblem }
  /**
   * Nothing was sent: the request needs the person's consent first, because
   * it would weaken TLS. plainHttp: `[profile.tls] disable = true` sends the
   * management token unencrypted to `host`, which is not this machine;
   * insecure: `[profile.tls] insecure = true` skips the verification of
   * `host`'s certificate. Ask, naming `host`, then retry with
   * `tlsConsent: { [consent]: true }`.
   */
  | { kind: 'needsConsent'; consent: TlsConsentKind; url: string; host: string }
  /** The caller's AbortSignal fired. */
  | { kind: 'cancelled'; url?: string };

/**
 * A request that failed before its answer, as the network stack says it:
 * the error codes along the error's causes (`ECONNREFUSED`,
 * `DEPTH_ZERO_SELF_SIGNED_CERT`, …) and the first message, redacted. The
 * VS Code layer explains them by code.
 */
export interface NetworkCause {
  codes: string[];
  message?: string;
}

/** What weakens TLS and so needs the caller's consent (see the failure `needsConsent`). */
export type TlsConsentKind = 'plainHttp' | 'insecure';

/** The consent of the person to weaken TLS, given to a request (TestManagementTokenOptions, ManagementApiClientOptions). */
export interface TlsConsent {
  /** Send to a host other than this machine over plain HTTP (`[profile.tls] disable = true`). */
  plainHttp?: boolean;
  /** Skip the verification of the server's certificate (`[profile.tls] insecure = true`). */
  insecure?: boolean;
}

export type ManagementApiFailureKind = ManagementApiFailure['kind'];

/** The one error every failed Management API call throws. */
export class ManagementApiError extends Error {
  override name = 'ManagementApiError';
  constructor(
    readonly failure: ManagementApiFailure,
    readonly operation: ManagementApiOperation,
    /** The profile's product as given ('dedicated', 'clustered' or what the file says). */
    readonly product?: string,
  ) {
    super(summary(failure, operation));
  }
}

function summary(f: ManagementApiFailure, operation: ManagementApiOperation): string {
  const where = f.url ? ` (${f.url})` : '';
  switch (f.kind) {
    case 'rejected':
    case 'notFound':
    case 'conflict':
    case 'badRequest':
    case 'server':
      return `${operation}: HTTP ${f.status}${where}${f.detail ? `: ${f.detail}` : ''}`;
    case 'unexpected':
      return `${operation}: unexpected answer${f.status === undefined ? '' : ` (HTTP ${f.status})`}${where}: ${f.problem.code}`;
    case 'misconfigured':
      return `${operation}: misconfigured${where}: ${f.problem.code}`;
    case 'timeout':
      return `${operation}: no answer within ${f.seconds} s${where}`;
    case 'cancelled':
      return `${operation}: cancelled`;
    case 'needsConsent':
      return `${operation}: not sent: ${f.consent === 'plainHttp' ? `plain HTTP to ${f.host}` : `no certificate verification of ${f.host}`} needs consent${where}`;
    case 'tls':
    case 'network':
      return `${operation}: ${f.kind}${where}: ${f.codes.join(', ') || f.message || 'no code'}`;
  }
}

const KINDS = new Set<string>(['rejected', 'notFound', 'conflict', 'badRequest', 'server', 'unexpected', 'tls', 'network', 'timeout', 'misconfigured', 'needsConsent', 'cancelled']);

/** Whether `err` is a ManagementApiError, also one thrown by another bundle's copy of the class. */
export function isManagementApiError(err: unknown): err is ManagementApiError {
  if (!(err instanceof Error) || err.name !== 'ManagementApiError') return false;
  const failure = (err as { failure?: unknown }).failure;
  return typeof failure === 'object' && failure !== null && KINDS.has(String((failure as { kind?: unknown }).kind));
}

/**
 * A Management API answer that is not of the documented shape: `field` is
 * where (`[3].permissions[0].resource`, empty for the whole answer),
 * `problem` what is wrong with it (it may quote the value: redact it, and
 * only it), `answer` what the answer should have been. The message (for
 * logs) names the three.
 */
export class ManagementApiResponseError extends Error {
  override name = 'ManagementApiResponseError';
  constructor(
    readonly field: string,
    readonly problem: AnswerFieldProblem,
    readonly answer: AnswerKind,
  ) {
    super(`not a ${answer}: ${field ? `field "${field}" ` : ''}${problem.code}`);
  }
}
