// One sentence per result of Test Management Token, for notifications:
// what happened and what to do next. Kept apart from the HTTP client (a bundle
// loaded on first use) so that formatting a result does not load undici.
import { redactSecrets, type VerifyResult } from '../core';

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

/** One sentence for a notification: what happened and what to do next. */
export function describeTokenTest(profileName: string, r: VerifyResult): string {
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
      if (r.message.includes('[profile.tls]')) return `TLS with ${hostOf(r.url)} failed for ${p}: ${r.message}.`;
      return `The TLS certificate of ${hostOf(r.url)} for ${p} could not be verified: ${r.message}. Set [profile.tls] ca = "/path/to/ca.pem" to the certificate authority that signed it, or insecure = true if you trust it.`;
    case 'network':
      return `Could not reach ${r.url} for ${p}: ${r.message}. Check host and port, the network and any proxy or VPN, then test again.`;
    case 'timeout':
      return `${r.url} did not answer within ${plural(r.seconds, 'second')} for ${p}. Check host, port and the network, or raise influxdbTokens.timeoutSeconds and test again.`;
    case 'misconfigured':
      return `Cannot test the management token of ${p}: ${r.message}.`;
  }
}
