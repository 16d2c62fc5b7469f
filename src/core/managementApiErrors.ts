/**
 * The errors of the Management HTTP API client, apart from the client itself:
 * the VS Code layer reads them from its activation bundle, while the client
 * (./managementApi) lives in the HTTP bundle loaded on first use.
 *
 * Two bundles hold two copies of these classes, so `instanceof` does not work
 * across them: use isManagementApiError().
 */

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
 * Why a Management API call failed. `url` never holds a secret; `detail` is
 * short, single-line and redacted (the management token, any `accessToken`
 * and anything token-shaped are removed).
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
  | { kind: 'unexpected'; status?: number; url: string; detail: string }
  /** The TLS handshake failed (certificate, protocol); `detail` says why and may name the [profile.tls] fix. */
  | { kind: 'tls'; url: string; detail: string }
  /** No answer: DNS, refused or reset connection. */
  | { kind: 'network'; url: string; detail: string }
  /** No complete answer within `seconds` (influxdbTokens.timeoutSeconds). */
  | { kind: 'timeout'; url: string; seconds: number }
  /** The profile (or the call) lacks what a request needs; nothing was sent. `input`: the request's own input was refused. */
  | { kind: 'misconfigured'; url?: string; detail: string; input?: DatabaseTokenInputProblem }
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
      return `${operation}: unexpected answer${f.status === undefined ? '' : ` (HTTP ${f.status})`}${where}: ${f.detail}`;
    case 'timeout':
      return `${operation}: no answer within ${f.seconds} s${where}`;
    case 'cancelled':
      return `${operation}: cancelled`;
    case 'needsConsent':
      return `${operation}: not sent: ${f.consent === 'plainHttp' ? `plain HTTP to ${f.host}` : `no certificate verification of ${f.host}`} needs consent${where}`;
    default:
      return `${operation}: ${f.kind}${where}: ${f.detail}`;
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
 * where (`[3].permissions[0].resource`), `problem` what is wrong with it
 * (it may quote the value: redact it, and only it), `what` what the answer
 * is not; the message says all three.
 */
export class ManagementApiResponseError extends Error {
  override name = 'ManagementApiResponseError';
  constructor(
    message: string,
    readonly field: string,
    readonly problem: string = message,
    readonly what: string = '',
  ) {
    super(message);
  }
}
