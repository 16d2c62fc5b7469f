// The Management API's answers in words: one sentence per result of Test
// Management Token and per failure of a call (database tokens, databases),
// for error rows and notifications: what happened and what to do next. Kept
// apart from the HTTP client (a bundle loaded on first use) so that
// formatting a result does not load undici.
import { redactSecrets, type ManagementApiFailure, type ManagementApiOperation, type ManagementTokenTestResult } from '../core';
import { describeDatabaseTokenInputProblem } from './databaseTokenText';

/** Where a failure happened: the profile, its product and the call. */
export interface FailureContext {
  profileName: string;
  /** 'dedicated', 'clustered' or what the profile says. */
  product?: string;
  operation: ManagementApiOperation;
}

const DOING: Record<ManagementApiOperation, string> = {
  testManagementToken: 'test the management token',
  listDatabases: 'list the databases',
  listDatabaseTokens: 'list the database tokens',
  getDatabaseToken: 'read the database token',
  createDatabaseToken: 'create the database token',
  updateDatabaseToken: 'update the database token',
  revokeDatabaseToken: 'revoke the database token',
};

/** Operations on one token, named by its ID: a 404 may mean that token is gone. */
const ON_ONE_TOKEN = new Set<ManagementApiOperation>(['getDatabaseToken', 'updateDatabaseToken', 'revokeDatabaseToken']);

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function serverSaid(detail: string | undefined): string {
  return detail ? ` (the server said: ${JSON.stringify(redactSecrets(detail))})` : '';
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/**
 * A failed TLS handshake in one sentence. A certificate that cannot be
 * verified gets the one safe fix, trusting the cluster's own certificate
 * authority; never advice to turn verification off.
 */
function tlsSentence(p: string, url: string, detail: string): string {
  if (!/certificate/i.test(detail) || detail.includes('[profile.tls]')) return `TLS with ${hostOf(url)} failed for ${p}: ${detail}.`;
  return `The TLS certificate of ${hostOf(url)} for ${p} could not be verified: ${detail}. If the cluster uses a certificate authority of its own, set [profile.tls] ca = "/path/to/ca.pem" to it.`;
}

function targetHint(product: string | undefined): string {
  if (product === 'clustered') return 'check that host and port point at the cluster';
  if (product === 'dedicated') return 'check account_id and cluster_id';
  return 'check the profile';
}

/** One sentence for an error row or a notification: what failed, why, and what to do next. */
export function describeManagementApiFailure(context: FailureContext, f: ManagementApiFailure): string {
  const p = JSON.stringify(context.profileName);
  const doing = DOING[context.operation];
  const clustered = context.product === 'clustered';
  switch (f.kind) {
    case 'rejected':
      return f.status === 401
        ? `The Management API of ${p} rejected the management token (401)${serverSaid(f.detail)}: it is revoked, expired or wrong. Create a new management token or set another mgmt_token.`
        : `The Management API of ${p} refused to ${doing} (403)${serverSaid(f.detail)}: the management token lacks the permission${clustered ? ' or belongs to another cluster' : ' or belongs to another account or cluster'}. ${clustered ? 'Use a management token of this cluster' : 'Check account_id and cluster_id, or use a management token of this cluster'}.`;
    case 'notFound':
      if (ON_ONE_TOKEN.has(context.operation)) {
        return `Could not ${doing} of ${p}: the Management API answered 404 Not Found at ${f.url}${serverSaid(f.detail)}; the token may no longer exist. Refresh the list and try again.`;
      }
      return clustered
        ? `The Management API of ${p} answered 404 Not Found at ${f.url}${serverSaid(f.detail)}: this Clustered release may have no Management API (it needs 20250508 or later). Check host and port, or upgrade the cluster.`
        : `The Management API of ${p} answered 404 Not Found at ${f.url}${serverSaid(f.detail)}: check account_id and cluster_id of the profile.`;
    case 'conflict':
      return `Could not ${doing} of ${p}: the Management API answered 409 Conflict${serverSaid(f.detail)}; the request conflicts with the cluster's tokens (perhaps another token has that description). Refresh the list and try again, with another description if needed.`;
    case 'badRequest':
      return `Could not ${doing} of ${p}: the Management API refused the request as invalid (400)${serverSaid(f.detail)}. Check the description, the databases and the expiry, then try again.`;
    case 'server':
      return `The Management API of ${p} failed with ${f.status} at ${f.url}${serverSaid(f.detail)}; could not ${doing}. Try again later, and check the cluster's health if it persists.`;
    case 'unexpected': {
      const status = f.status === undefined ? '' : ` (HTTP ${f.status})`;
      const created =
        context.operation === 'createDatabaseToken' && f.status !== undefined && f.status >= 200 && f.status < 300
          ? ' The token may have been created without its secret reaching you: refresh the list and revoke it if it is there.'
          : '';
      const hint = targetHint(context.product);
      return `Could not ${doing} of ${p}: the answer from ${f.url}${status} is not what the Management API sends: ${f.detail}. ${hint[0].toUpperCase()}${hint.slice(1)}, and that no proxy answers in its place.${created}`;
    }
    case 'tls':
      return tlsSentence(p, f.url, f.detail);
    case 'network':
      return `Could not reach ${f.url} for ${p}: ${f.detail}. Check host and port, the network and any proxy or VPN, then retry.`;
    case 'timeout':
      return `${f.url} did not answer within ${plural(f.seconds, 'second')} for ${p}. Check the network and ${clustered ? 'host and port' : 'the profile'}, or raise the setting influxdbTokens.timeoutSeconds, then retry.`;
    case 'misconfigured':
      if (f.input) return `Cannot ${doing} of ${p}: the request was not sent: ${describeDatabaseTokenInputProblem(f.input)}`;
      return `Cannot ${doing} of ${p}: ${f.detail}.`;
    case 'cancelled':
      return `Cancelled: did not ${doing} of ${p}.`;
    case 'needsConsent':
      return f.consent === 'plainHttp'
        ? `Did not ${doing} of ${p}: it would send the management token unencrypted (plain HTTP) to ${f.host}. Nothing was sent.`
        : `Did not ${doing} of ${p}: it would skip the verification of ${f.host}'s certificate ([profile.tls] insecure). Nothing was sent.`;
  }
}

/** One sentence per result of Test Management Token, for a notification: what happened and what to do next. */
export function describeManagementTokenTest(profileName: string, r: ManagementTokenTestResult): string {
  const p = JSON.stringify(profileName);
  switch (r.kind) {
    case 'valid':
      return `The management token of ${p} works: ${plural(r.databases, 'database')}.`;
    case 'rejected':
      return r.status === 401
        ? `The management token of ${p} was rejected (401)${serverSaid(r.detail)}: it is revoked, expired or wrong. Create a new one or set another mgmt_token.`
        : `The management token of ${p} was refused (403)${serverSaid(r.detail)}: it lacks the permission to list databases or belongs to another account or cluster. Check account_id and cluster_id, or create a new token with the needed permissions.`;
    case 'notFound':
      return `The Management API of ${p} answered 404 Not Found at ${r.url}${serverSaid(r.detail)}: check account_id and cluster_id (Cloud Dedicated) or host and port (Clustered).`;
    case 'unexpected':
      if (r.status >= 500) {
        return `The Management API of ${p} failed with ${r.status} at ${r.url}${serverSaid(r.detail)}; the token could not be tested. Try again later, and check the cluster's health if it persists.`;
      }
      return `The Management API of ${p} answered ${r.status} at ${r.url}${serverSaid(r.detail)}, not a list of databases; check that host and port (or account_id and cluster_id) point at the Management API.`;
    case 'tls':
      return tlsSentence(p, r.url, r.message);
    case 'network':
      return `Could not reach ${r.url} for ${p}: ${r.message}. Check host and port, the network and any proxy or VPN, then test again.`;
    case 'timeout':
      return `${r.url} did not answer within ${plural(r.seconds, 'second')} for ${p}. Check host, port and the network, or raise influxdbTokens.timeoutSeconds and test again.`;
    case 'misconfigured':
      return `Cannot test the management token of ${p}: ${r.message}.`;
    case 'cancelled':
      return `Cancelled: did not test the management token of ${p}.`;
    case 'needsConsent':
      return r.consent === 'plainHttp'
        ? `Did not test the management token of ${p}: it would be sent unencrypted (plain HTTP) to ${r.host}. Nothing was sent.`
        : `Did not test the management token of ${p}: it would skip the verification of ${r.host}'s certificate ([profile.tls] insecure). Nothing was sent.`;
  }
}
