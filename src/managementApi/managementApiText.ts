// The Management API's answers in words: one sentence per result of Test
// Management Token and per failure of a call (database tokens, databases),
// for error rows and notifications: what happened and what to do next. The
// core gives codes and data (what the network stack said, what is wrong
// with an answer or a profile); these functions word them, localised through
// vscode.l10n.t. Kept apart from the HTTP client (a bundle loaded on first
// use) so that formatting a result does not load undici. The texts explain;
// they never advise weakening TLS (plain HTTP or no verification): that
// takes the person's consent, asked by the caller.
import * as vscode from 'vscode';
import {
  redactSecrets,
  type ManagementApiConfigProblem,
  type ManagementApiFailure,
  type ManagementApiOperation,
  type ManagementTokenTestResult,
  type NetworkCause,
  type TlsFileProblem,
  type UnexpectedProblem,
} from '../core';
import { describeClusterOriginProblem } from './clusterOriginText';
import { describeUnexpected, describeValue } from './answerText';
import { describeDatabaseTokenInputProblem } from './databaseTokenText';

/** Where a failure happened: the profile, its product and the call. */
export interface FailureContext {
  profileName: string;
  /** 'dedicated', 'clustered' or what the profile says. */
  product?: string;
  operation: ManagementApiOperation;
}

const DOING_COMMENT = ['What the extension was doing, after "Could not", "Cannot", "Did not" or "refused to", before "of <profile>".'];

/** What the call was doing ("list the database tokens"), to go into the sentences below. */
function doing(operation: ManagementApiOperation): string {
  switch (operation) {
    case 'testManagementToken':
      return vscode.l10n.t({ message: 'test the management token', comment: DOING_COMMENT });
    case 'listDatabases':
      return vscode.l10n.t({ message: 'list the databases', comment: DOING_COMMENT });
    case 'listDatabaseTokens':
      return vscode.l10n.t({ message: 'list the database tokens', comment: DOING_COMMENT });
    case 'getDatabaseToken':
      return vscode.l10n.t({ message: 'read the database token', comment: DOING_COMMENT });
    case 'createDatabaseToken':
      return vscode.l10n.t({ message: 'create the database token', comment: DOING_COMMENT });
    case 'updateDatabaseToken':
      return vscode.l10n.t({ message: 'update the database token', comment: DOING_COMMENT });
    case 'revokeDatabaseToken':
      return vscode.l10n.t({ message: 'revoke the database token', comment: DOING_COMMENT });
  }
}

/** Operations on one token, named by its ID: a 404 may mean that token is gone. */
const ON_ONE_TOKEN = new Set<ManagementApiOperation>(['getDatabaseToken', 'updateDatabaseToken', 'revokeDatabaseToken']);

function seconds(n: number): string {
  return n === 1 ? vscode.l10n.t('1 second') : vscode.l10n.t('{0} seconds', n);
}

/** What the server said, quoted and redacted; undefined when it said nothing. */
function said(detail: string | undefined): string | undefined {
  return detail ? JSON.stringify(redactSecrets(detail)) : undefined;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

// ---------------------------------------------------------------- what the network stack said

/** Why a TLS handshake failed, by the error code: an explanation for the codes a person meets. */
function tlsExplanation(code: string): string | undefined {
  switch (code) {
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
      return vscode.l10n.t('the server presents a self-signed certificate ({0})', code);
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return vscode.l10n.t('the certificate chain ends in a self-signed certificate that is not trusted ({0})', code);
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
      return vscode.l10n.t('the certificate is signed by an unknown certificate authority ({0})', code);
    case 'UNABLE_TO_GET_ISSUER_CERT':
      return vscode.l10n.t('the issuer of the certificate is unknown ({0})', code);
    case 'CERT_HAS_EXPIRED':
      return vscode.l10n.t('the certificate has expired ({0})', code);
    case 'CERT_NOT_YET_VALID':
      return vscode.l10n.t('the certificate is not valid yet ({0})', code);
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
    case 'HOSTNAME_MISMATCH':
      return vscode.l10n.t('the certificate is for another host name ({0})', code);
    default:
      return undefined;
  }
}

/** The library's own message with the code it lacks, or `fallback` when there is no message. */
function rawCause(c: NetworkCause, code: string | undefined, fallback: string): string {
  const message = c.message === undefined ? fallback : redactSecrets(c.message);
  return code && !message.includes(code) ? vscode.l10n.t('{0} ({1})', message, code) : message;
}

/** A failed handshake explained; `certificate`: a certificate could not be verified (trusting the cluster's CA may help). */
function tlsCause(c: NetworkCause): { text: string; certificate: boolean } {
  for (const code of c.codes) {
    const text = tlsExplanation(code);
    if (text) return { text, certificate: true };
  }
  if (c.codes.includes('ERR_SSL_WRONG_VERSION_NUMBER')) {
    return { text: vscode.l10n.t('the server does not speak TLS on that port ({0}); check that port is the HTTPS port of the cluster', 'ERR_SSL_WRONG_VERSION_NUMBER'), certificate: false };
  }
  const alert = c.codes.find((code) => /ALERT/.test(code));
  if (alert) return { text: vscode.l10n.t('the server refused the TLS handshake ({0}); if it needs a client certificate set [profile.tls] cert and key', alert), certificate: false };
  const text = rawCause(c, c.codes.find((code) => code !== 'UND_ERR_SOCKET'), vscode.l10n.t('the TLS handshake failed'));
  // The library's message is English from Node or OpenSSL: it is data, read as such.
  return { text, certificate: /certificate/i.test(c.message ?? '') };
}

function networkExplanation(code: string): string | undefined {
  switch (code) {
    case 'ECONNREFUSED':
      return vscode.l10n.t('the connection was refused: nothing listens on that host and port ({0})', code);
    case 'ENOTFOUND':
    case 'EAI_NONAME':
      return vscode.l10n.t('the host name was not found (DNS) ({0})', code);
    case 'EAI_AGAIN':
      return vscode.l10n.t('the host name could not be looked up (temporary DNS failure) ({0})', code);
    case 'EAI_NODATA':
      return vscode.l10n.t('the host name has no address (DNS) ({0})', code);
    case 'ECONNRESET':
      return vscode.l10n.t('the connection was reset by the server or a proxy ({0})', code);
    case 'EPIPE':
      return vscode.l10n.t('the connection was closed by the server ({0})', code);
    case 'ETIMEDOUT':
      return vscode.l10n.t('the connection timed out ({0})', code);
    case 'EHOSTUNREACH':
      return vscode.l10n.t('the host is unreachable ({0})', code);
    case 'ENETUNREACH':
      return vscode.l10n.t('the network is unreachable ({0})', code);
    case 'ENETDOWN':
      return vscode.l10n.t('the network is down ({0})', code);
    case 'EADDRNOTAVAIL':
      return vscode.l10n.t('the address is not available ({0})', code);
    case 'UND_ERR_CLOSED':
    case 'UND_ERR_DESTROYED':
      return vscode.l10n.t('the connection was closed ({0})', code);
    default:
      return undefined;
  }
}

/** Why no answer came, explained by the first code that has an explanation, else the library's message. */
function networkCause(c: NetworkCause, url: string): string {
  for (const code of c.codes) {
    if (code === 'UND_ERR_SOCKET') {
      return url.startsWith('http:')
        ? vscode.l10n.t('the server closed the connection ({0}); if the server expects HTTPS, remove [profile.tls] disable = true', code)
        : vscode.l10n.t('the server closed the connection ({0})', code);
    }
    const text = networkExplanation(code);
    if (text) return text;
  }
  return rawCause(c, c.codes[0], vscode.l10n.t('the request failed'));
}

/**
 * A failed TLS handshake in one sentence. A certificate that cannot be
 * verified gets the one safe fix, trusting the cluster's own certificate
 * authority; never advice to turn verification off.
 */
function tlsSentence(p: string, url: string, c: NetworkCause): string {
  const { text, certificate } = tlsCause(c);
  if (!certificate) return vscode.l10n.t('TLS with {0} failed for {1}: {2}.', hostOf(url), p, text);
  return vscode.l10n.t('The TLS certificate of {0} for {1} could not be verified: {2}. If the cluster uses a certificate authority of its own, set [profile.tls] ca = "/path/to/ca.pem" to it.', hostOf(url), p, text);
}

// ---------------------------------------------------------------- what is wrong with a profile or a call

function notRegularFile(field: string, file: string, what: Extract<TlsFileProblem, { code: 'notRegular' }>['what']): string {
  switch (what) {
    case 'directory':
      return vscode.l10n.t('[profile.tls] {0} {1} is a directory, not a certificate or key file', field, file);
    case 'fifo':
      return vscode.l10n.t('[profile.tls] {0} {1} is a named pipe (FIFO), not a certificate or key file', field, file);
    case 'device':
      return vscode.l10n.t('[profile.tls] {0} {1} is a device, not a certificate or key file', field, file);
    case 'socket':
      return vscode.l10n.t('[profile.tls] {0} {1} is a socket, not a certificate or key file', field, file);
    case 'other':
      return vscode.l10n.t('[profile.tls] {0} {1} is not a regular file, not a certificate or key file', field, file);
  }
}

function describeTlsFileProblem(p: TlsFileProblem): string {
  const file = JSON.stringify(p.file);
  switch (p.code) {
    case 'notRegular':
      return notRegularFile(p.field, file, p.what);
    case 'tooLarge':
      return vscode.l10n.t('[profile.tls] {0} file {1} is larger than {2} MiB; it is not a certificate or key file', p.field, file, p.maxBytes / (1024 * 1024));
    case 'changed':
      return vscode.l10n.t('[profile.tls] {0} {1} changed while it was read; try again', p.field, file);
    case 'unreadable':
      if (p.errno === 'ENOENT') return vscode.l10n.t('cannot read [profile.tls] {0} file {1}: it does not exist', p.field, file);
      if (p.errno === 'EACCES' || p.errno === 'EPERM') return vscode.l10n.t('cannot read [profile.tls] {0} file {1}: permission denied', p.field, file);
      if (p.errno === 'EISDIR') return vscode.l10n.t('cannot read [profile.tls] {0} file {1}: it is a directory', p.field, file);
      return vscode.l10n.t('cannot read [profile.tls] {0} file {1}: {2}', p.field, file, p.error);
  }
}

/** Why nothing was sent, as a clause (without the final full stop); `testing`: for Test Management Token. */
function describeConfigProblem(p: ManagementApiConfigProblem, testing: boolean): string {
  switch (p.code) {
    case 'origin':
      return describeClusterOriginProblem(p.origin);
    case 'consoleUrl':
      return p.value === undefined ? vscode.l10n.t('the console URL is not an http(s) URL') : vscode.l10n.t('the console URL {0} is not an http(s) URL', JSON.stringify(p.value));
    case 'tlsPair':
      return p.has === 'cert' ? vscode.l10n.t('[profile.tls] has cert but no key; a client certificate needs both') : vscode.l10n.t('[profile.tls] has key but no cert; a client certificate needs both');
    case 'tokenEmpty':
      return vscode.l10n.t('the management token is empty; set mgmt_token or pick a token with a stored secret');
    case 'tokenCharacters':
      return vscode.l10n.t('the management token contains spaces, line breaks or other characters a token cannot have; copy it again');
    case 'notTokenId':
      return p.value === undefined
        ? vscode.l10n.t('a token-shaped value is not a database token ID (a UUID); nothing was sent')
        : vscode.l10n.t('{0} is not a database token ID (a UUID); nothing was sent', JSON.stringify(p.value));
    case 'badUrl':
      return vscode.l10n.t('the request URL is not valid; nothing was sent');
    case 'tlsFile':
      return describeTlsFileProblem(p.file);
    case 'input':
      return vscode.l10n.t('the request was not sent: {0}', describeDatabaseTokenInputProblem(p.input));
    case 'failed':
      return testing ? vscode.l10n.t('the test failed unexpectedly ({0}); nothing may have been sent', p.error) : vscode.l10n.t('the call failed unexpectedly ({0})', p.error);
  }
}

/** The check that fits the profile's product, as a whole sentence before "and that no proxy answers". */
function targetCheck(product: string | undefined): string {
  if (product === 'clustered') return vscode.l10n.t('Check that host and port point at the cluster, and that no proxy answers in its place.');
  if (product === 'dedicated') return vscode.l10n.t('Check account_id and cluster_id, and that no proxy answers in its place.');
  return vscode.l10n.t('Check the profile, and that no proxy answers in its place.');
}

// ---------------------------------------------------------------- the sentences

/** One sentence for an error row or a notification: what failed, why, and what to do next. */
export function describeManagementApiFailure(context: FailureContext, f: ManagementApiFailure): string {
  const p = JSON.stringify(context.profileName);
  const what = doing(context.operation);
  const clustered = context.product === 'clustered';
  switch (f.kind) {
    case 'rejected': {
      const s = said(f.detail);
      if (f.status === 401) {
        return s
          ? vscode.l10n.t('The Management API of {0} rejected the management token (401) (the server said: {1}): it is revoked, expired or wrong. Create a new management token or set another mgmt_token.', p, s)
          : vscode.l10n.t('The Management API of {0} rejected the management token (401): it is revoked, expired or wrong. Create a new management token or set another mgmt_token.', p);
      }
      if (clustered) {
        return s
          ? vscode.l10n.t('The Management API of {0} refused to {1} (403) (the server said: {2}): the management token lacks the permission or belongs to another cluster. Use a management token of this cluster.', p, what, s)
          : vscode.l10n.t('The Management API of {0} refused to {1} (403): the management token lacks the permission or belongs to another cluster. Use a management token of this cluster.', p, what);
      }
      return s
        ? vscode.l10n.t('The Management API of {0} refused to {1} (403) (the server said: {2}): the management token lacks the permission or belongs to another account or cluster. Check account_id and cluster_id, or use a management token of this cluster.', p, what, s)
        : vscode.l10n.t('The Management API of {0} refused to {1} (403): the management token lacks the permission or belongs to another account or cluster. Check account_id and cluster_id, or use a management token of this cluster.', p, what);
    }
    case 'notFound': {
      const s = said(f.detail);
      if (ON_ONE_TOKEN.has(context.operation)) {
        return s
          ? vscode.l10n.t('Could not {0} of {1}: the Management API answered 404 Not Found at {2} (the server said: {3}); the token may no longer exist. Refresh the list and try again.', what, p, f.url, s)
          : vscode.l10n.t('Could not {0} of {1}: the Management API answered 404 Not Found at {2}; the token may no longer exist. Refresh the list and try again.', what, p, f.url);
      }
      if (clustered) {
        return s
          ? vscode.l10n.t('The Management API of {0} answered 404 Not Found at {1} (the server said: {2}): this Clustered release may have no Management API (it needs 20250508 or later). Check host and port, or upgrade the cluster.', p, f.url, s)
          : vscode.l10n.t('The Management API of {0} answered 404 Not Found at {1}: this Clustered release may have no Management API (it needs 20250508 or later). Check host and port, or upgrade the cluster.', p, f.url);
      }
      return s
        ? vscode.l10n.t('The Management API of {0} answered 404 Not Found at {1} (the server said: {2}): check account_id and cluster_id of the profile.', p, f.url, s)
        : vscode.l10n.t('The Management API of {0} answered 404 Not Found at {1}: check account_id and cluster_id of the profile.', p, f.url);
    }
    case 'conflict': {
      const s = said(f.detail);
      return s
        ? vscode.l10n.t("Could not {0} of {1}: the Management API answered 409 Conflict (the server said: {2}); the request conflicts with the cluster's tokens (perhaps another token has that description). Refresh the list and try again, with another description if needed.", what, p, s)
        : vscode.l10n.t("Could not {0} of {1}: the Management API answered 409 Conflict; the request conflicts with the cluster's tokens (perhaps another token has that description). Refresh the list and try again, with another description if needed.", what, p);
    }
    case 'badRequest': {
      const s = said(f.detail);
      return s
        ? vscode.l10n.t('Could not {0} of {1}: the Management API refused the request as invalid (400) (the server said: {2}). Check the description, the databases and the expiry, then try again.', what, p, s)
        : vscode.l10n.t('Could not {0} of {1}: the Management API refused the request as invalid (400). Check the description, the databases and the expiry, then try again.', what, p);
    }
    case 'server': {
      const s = said(f.detail);
      return s
        ? vscode.l10n.t("The Management API of {0} failed with {1} at {2} (the server said: {3}); could not {4}. Try again later, and check the cluster's health if it persists.", p, f.status, f.url, s, what)
        : vscode.l10n.t("The Management API of {0} failed with {1} at {2}; could not {3}. Try again later, and check the cluster's health if it persists.", p, f.status, f.url, what);
    }
    case 'unexpected': {
      const why = describeUnexpected(f.problem);
      const first =
        f.status === undefined
          ? vscode.l10n.t('Could not {0} of {1}: the answer from {2} is not what the Management API sends: {3}.', what, p, f.url, why)
          : vscode.l10n.t('Could not {0} of {1}: the answer from {2} (HTTP {3}) is not what the Management API sends: {4}.', what, p, f.url, f.status, why);
      const sentences = [first, targetCheck(context.product)];
      if (context.operation === 'createDatabaseToken' && f.status !== undefined && f.status >= 200 && f.status < 300) {
        sentences.push(vscode.l10n.t('The token may have been created without its secret reaching you: refresh the list and revoke it if it is there.'));
      }
      return sentences.join(' ');
    }
    case 'tls':
      return tlsSentence(p, f.url, f);
    case 'network':
      return vscode.l10n.t('Could not reach {0} for {1}: {2}. Check host and port, the network and any proxy or VPN, then retry.', f.url, p, networkCause(f, f.url));
    case 'timeout':
      return clustered
        ? vscode.l10n.t('{0} did not answer within {1} for {2}. Check the network and host and port, or raise the setting influxdbTokens.timeoutSeconds, then retry.', f.url, seconds(f.seconds), p)
        : vscode.l10n.t('{0} did not answer within {1} for {2}. Check the network and the profile, or raise the setting influxdbTokens.timeoutSeconds, then retry.', f.url, seconds(f.seconds), p);
    case 'misconfigured':
      // A refused input is worded as a whole sentence already.
      if (f.problem.code === 'input') return vscode.l10n.t('Cannot {0} of {1}: the request was not sent: {2}', what, p, describeDatabaseTokenInputProblem(f.problem.input));
      return vscode.l10n.t('Cannot {0} of {1}: {2}.', what, p, describeConfigProblem(f.problem, false));
    case 'cancelled':
      return vscode.l10n.t('Cancelled: did not {0} of {1}.', what, p);
    case 'needsConsent':
      return f.consent === 'plainHttp'
        ? vscode.l10n.t('Did not {0} of {1}: it would send the management token unencrypted (plain HTTP) to {2}. Nothing was sent.', what, p, f.host)
        : vscode.l10n.t("Did not {0} of {1}: it would skip the verification of {2}'s certificate ([profile.tls] insecure). Nothing was sent.", what, p, f.host);
  }
}

/** What a test's answer that is no list of databases holds, as the server's words are quoted. */
function testDetail(p: UnexpectedProblem): string | undefined {
  switch (p.code) {
    case 'status':
      return p.location === undefined ? p.excerpt : vscode.l10n.t('redirects to {0}', p.location);
    case 'tooLarge':
      return vscode.l10n.t('the answer is too large to be a list of databases');
    case 'shape':
      if (p.answer === 'databaseList' && p.problem.code === 'topLevel') return vscode.l10n.t('expected a JSON array of databases, got {0}', describeValue(p.problem.value));
      return describeUnexpected(p);
    case 'failed':
      return vscode.l10n.t('the test failed unexpectedly ({0}); nothing may have been sent', p.error);
    default:
      return describeUnexpected(p);
  }
}

/** One sentence per result of Test Management Token, for a notification: what happened and what to do next. */
export function describeManagementTokenTest(profileName: string, r: ManagementTokenTestResult): string {
  const p = JSON.stringify(profileName);
  switch (r.kind) {
    case 'valid':
      return r.databases === 1 ? vscode.l10n.t('The management token of {0} works: 1 database.', p) : vscode.l10n.t('The management token of {0} works: {1} databases.', p, r.databases);
    case 'rejected': {
      const s = said(r.detail);
      if (r.status === 401) {
        return s
          ? vscode.l10n.t('The management token of {0} was rejected (401) (the server said: {1}): it is revoked, expired or wrong. Create a new one or set another mgmt_token.', p, s)
          : vscode.l10n.t('The management token of {0} was rejected (401): it is revoked, expired or wrong. Create a new one or set another mgmt_token.', p);
      }
      return s
        ? vscode.l10n.t('The management token of {0} was refused (403) (the server said: {1}): it lacks the permission to list databases or belongs to another account or cluster. Check account_id and cluster_id, or create a new token with the needed permissions.', p, s)
        : vscode.l10n.t('The management token of {0} was refused (403): it lacks the permission to list databases or belongs to another account or cluster. Check account_id and cluster_id, or create a new token with the needed permissions.', p);
    }
    case 'notFound': {
      const s = said(r.detail);
      return s
        ? vscode.l10n.t('The Management API of {0} answered 404 Not Found at {1} (the server said: {2}): check account_id and cluster_id (Cloud Dedicated) or host and port (Clustered).', p, r.url, s)
        : vscode.l10n.t('The Management API of {0} answered 404 Not Found at {1}: check account_id and cluster_id (Cloud Dedicated) or host and port (Clustered).', p, r.url);
    }
    case 'unexpected': {
      const s = said(testDetail(r.problem));
      if (r.status >= 500) {
        return s
          ? vscode.l10n.t("The Management API of {0} failed with {1} at {2} (the server said: {3}); the token could not be tested. Try again later, and check the cluster's health if it persists.", p, r.status, r.url, s)
          : vscode.l10n.t("The Management API of {0} failed with {1} at {2}; the token could not be tested. Try again later, and check the cluster's health if it persists.", p, r.status, r.url);
      }
      return s
        ? vscode.l10n.t('The Management API of {0} answered {1} at {2} (the server said: {3}), not a list of databases; check that host and port (or account_id and cluster_id) point at the Management API.', p, r.status, r.url, s)
        : vscode.l10n.t('The Management API of {0} answered {1} at {2}, not a list of databases; check that host and port (or account_id and cluster_id) point at the Management API.', p, r.status, r.url);
    }
    case 'tls':
      return tlsSentence(p, r.url, r);
    case 'network':
      return vscode.l10n.t('Could not reach {0} for {1}: {2}. Check host and port, the network and any proxy or VPN, then test again.', r.url, p, networkCause(r, r.url));
    case 'timeout':
      return vscode.l10n.t('{0} did not answer within {1} for {2}. Check host, port and the network, or raise influxdbTokens.timeoutSeconds and test again.', r.url, seconds(r.seconds), p);
    case 'misconfigured':
      return vscode.l10n.t('Cannot test the management token of {0}: {1}.', p, describeConfigProblem(r.problem, true));
    case 'cancelled':
      return vscode.l10n.t('Cancelled: did not test the management token of {0}.', p);
    case 'needsConsent':
      return r.consent === 'plainHttp'
        ? vscode.l10n.t('Did not test the management token of {0}: it would be sent unencrypted (plain HTTP) to {1}. Nothing was sent.', p, r.host)
        : vscode.l10n.t("Did not test the management token of {0}: it would skip the verification of {1}'s certificate ([profile.tls] insecure). Nothing was sent.", p, r.host);
  }
}
