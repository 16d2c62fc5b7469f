import * as assert from 'assert';
import { ManagementApiError, isManagementApiError, type ManagementApiConfigProblem, type ManagementApiFailure, type ManagementApiOperation, type UnexpectedProblem } from '../../src/core/managementApiErrors';
import { describeCreatedTokenProblem } from '../../src/managementApi/answerText';
import { describeManagementApiFailure } from '../../src/managementApi/managementApiText';
import { assertNoSecret } from './managementApiSpec';

const TOKEN = 'M.V1.qZ3x9Lk2PbR7tYvWm4NcE1sHd8Ga6Uj0Of5Ti2Ky7Xw3';
const ACCESS = `apiv1_${'Zq3Lm8Rt2Wb7Nc4Xy9Pk1Hd6'.repeat(4)}`;
const DEDICATED_URL = 'https://console.influxdata.com/api/v0/accounts/a/clusters/c/tokens';
const CLUSTERED_URL = 'https://cluster-host.com/api/v0/tokens';

function text(product: string, operation: ManagementApiOperation, f: ManagementApiFailure): string {
  return describeManagementApiFailure({ profileName: 'prod', product, operation }, f);
}

describe('managementApiText', () => {
  it('one sentence with a next step for every kind, and never a secret', () => {
    const failures: ManagementApiFailure[] = [
      { kind: 'rejected', status: 401, url: CLUSTERED_URL, detail: `bad token ${TOKEN}` },
      { kind: 'rejected', status: 403, url: CLUSTERED_URL },
      { kind: 'notFound', status: 404, url: CLUSTERED_URL, detail: '404: not found' },
      { kind: 'conflict', status: 409, url: CLUSTERED_URL, detail: '409: conflict' },
      { kind: 'badRequest', status: 400, url: CLUSTERED_URL, detail: `400: bad accessToken ${ACCESS}` },
      { kind: 'server', status: 503, url: CLUSTERED_URL },
      { kind: 'unexpected', status: 200, url: CLUSTERED_URL, problem: { code: 'notJson', excerpt: `token=${TOKEN}` } },
      { kind: 'unexpected', url: CLUSTERED_URL, problem: { code: 'failed', error: 'TypeError: x' } },
      { kind: 'unexpected', status: 200, url: CLUSTERED_URL, problem: { code: 'shape', answer: 'databaseTokenList', field: '[0].id', problem: { code: 'notA', expected: 'UUID', value: { type: 'string', text: 'x' } } } },
      { kind: 'unexpected', status: 302, url: CLUSTERED_URL, problem: { code: 'status', status: 302, location: 'https://login.example.com/' } },
      { kind: 'tls', url: CLUSTERED_URL, codes: ['DEPTH_ZERO_SELF_SIGNED_CERT'], message: 'self-signed certificate' },
      { kind: 'tls', url: CLUSTERED_URL, codes: [], message: 'unable to verify the first certificate' },
      { kind: 'network', url: CLUSTERED_URL, codes: ['ECONNREFUSED'], message: 'connect ECONNREFUSED 127.0.0.1:1' },
      { kind: 'network', url: CLUSTERED_URL, codes: [] },
      { kind: 'timeout', url: CLUSTERED_URL, seconds: 1 },
      { kind: 'misconfigured', problem: { code: 'origin', origin: { field: 'host', reason: 'missing' } } },
      { kind: 'misconfigured', problem: { code: 'origin', origin: { field: 'host', reason: 'tokenShaped' } } },
      { kind: 'misconfigured', problem: { code: 'tokenEmpty' } },
      { kind: 'cancelled' },
    ];
    const operations: ManagementApiOperation[] = ['listDatabaseTokens', 'listDatabases', 'createDatabaseToken', 'updateDatabaseToken', 'revokeDatabaseToken', 'getDatabaseToken'];
    for (const product of ['dedicated', 'clustered', 'serverless']) {
      for (const operation of operations) {
        for (const f of failures) {
          const t = text(product, operation, f);
          assert.ok(t.includes('"prod"'), t);
          assert.ok(t.endsWith('.'), t);
          assert.ok(!/\.\./.test(t), t);
          if (f.kind !== 'cancelled') assert.match(t, /Create|Check|check|Set|set|Use|Refresh|Try|raise|upgrade|retry|Put/, t);
          assertNoSecret(t, TOKEN);
          assertNoSecret(t, ACCESS);
        }
      }
    }
  });

  it('401/403 say what to do with the management token', () => {
    assert.strictEqual(
      text('clustered', 'listDatabaseTokens', { kind: 'rejected', status: 401, url: CLUSTERED_URL }),
      'The Management API of "prod" rejected the management token (401): it is revoked, expired or wrong. Create a new management token or set another mgmt_token.',
    );
    assert.match(text('dedicated', 'createDatabaseToken', { kind: 'rejected', status: 403, url: DEDICATED_URL }), /refused to create the database token \(403\).*Check account_id and cluster_id/);
    assert.doesNotMatch(text('clustered', 'createDatabaseToken', { kind: 'rejected', status: 403, url: CLUSTERED_URL }), /account_id/);
  });

  it('404: no Management API on this Clustered release, or the IDs of Cloud Dedicated, or a token gone', () => {
    assert.strictEqual(
      text('clustered', 'listDatabaseTokens', { kind: 'notFound', status: 404, url: CLUSTERED_URL }),
      'The Management API of "prod" answered 404 Not Found at https://cluster-host.com/api/v0/tokens: this Clustered release may have no Management API (it needs 20250508 or later). Check host and port, or upgrade the cluster.',
    );
    assert.match(text('dedicated', 'listDatabaseTokens', { kind: 'notFound', status: 404, url: DEDICATED_URL }), /check account_id and cluster_id of the profile\.$/);
    assert.match(text('clustered', 'revokeDatabaseToken', { kind: 'notFound', status: 404, url: `${CLUSTERED_URL}/x` }), /the token may no longer exist\. Refresh the list/);
  });

  it('TLS failures name the [profile.tls] ca fix, never turning verification off; timeouts the setting', () => {
    assert.strictEqual(
      text('clustered', 'listDatabaseTokens', { kind: 'tls', url: CLUSTERED_URL, codes: ['DEPTH_ZERO_SELF_SIGNED_CERT'], message: 'self-signed certificate' }),
      'The TLS certificate of cluster-host.com for "prod" could not be verified: the server presents a self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT). If the cluster uses a certificate authority of its own, set [profile.tls] ca = "/path/to/ca.pem" to it.',
    );
    assert.strictEqual(
      text('clustered', 'listDatabaseTokens', { kind: 'tls', url: CLUSTERED_URL, codes: ['ERR_SSL_WRONG_VERSION_NUMBER'], message: 'wrong version number' }),
      'TLS with cluster-host.com failed for "prod": the server does not speak TLS on that port (ERR_SSL_WRONG_VERSION_NUMBER); check that port is the HTTPS port of the cluster.',
    );
    for (const code of ['CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID', 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE']) {
      assert.doesNotMatch(text('clustered', 'listDatabaseTokens', { kind: 'tls', url: CLUSTERED_URL, codes: [code] }), /insecure|disable/);
    }
    assert.match(text('clustered', 'listDatabaseTokens', { kind: 'tls', url: CLUSTERED_URL, codes: ['CERT_HAS_EXPIRED'] }), /the certificate has expired \(CERT_HAS_EXPIRED\)\. If the cluster uses a certificate authority of its own/);
    assert.match(text('clustered', 'listDatabaseTokens', { kind: 'tls', url: CLUSTERED_URL, codes: ['ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE'] }), /refused the TLS handshake \(ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE\); if it needs a client certificate set \[profile\.tls\] cert and key\.$/);
    // The library's own message, with the code it lacks; a certificate it names gets the ca fix.
    assert.match(text('clustered', 'listDatabaseTokens', { kind: 'tls', url: CLUSTERED_URL, codes: ['ERR_X'], message: 'certificate signature failure' }), /could not be verified: certificate signature failure \(ERR_X\)\. If the cluster/);
    assert.strictEqual(text('clustered', 'listDatabaseTokens', { kind: 'tls', url: CLUSTERED_URL, codes: ['UND_ERR_SOCKET'] }), 'TLS with cluster-host.com failed for "prod": the TLS handshake failed.');
    assert.strictEqual(
      text('clustered', 'listDatabaseTokens', { kind: 'timeout', url: CLUSTERED_URL, seconds: 30 }),
      'https://cluster-host.com/api/v0/tokens did not answer within 30 seconds for "prod". Check the network and host and port, or raise the setting influxdbTokens.timeoutSeconds, then retry.',
    );
  });

  it('a create whose 2xx answer was unreadable warns that the token may exist', () => {
    assert.match(text('dedicated', 'createDatabaseToken', { kind: 'unexpected', status: 200, url: DEDICATED_URL, problem: { code: 'notJson' } }), /may have been created/);
    assert.doesNotMatch(text('dedicated', 'createDatabaseToken', { kind: 'unexpected', status: 302, url: DEDICATED_URL, problem: { code: 'status', status: 302 } }), /may have been created/);
    assert.doesNotMatch(text('dedicated', 'listDatabaseTokens', { kind: 'unexpected', status: 200, url: DEDICATED_URL, problem: { code: 'notJson' } }), /may have been created/);
  });

  it('network failures are explained by their code, else by the library\'s message', () => {
    assert.strictEqual(
      text('clustered', 'listDatabaseTokens', { kind: 'network', url: CLUSTERED_URL, codes: ['ECONNREFUSED'], message: 'connect ECONNREFUSED 127.0.0.1:1' }),
      'Could not reach https://cluster-host.com/api/v0/tokens for "prod": the connection was refused: nothing listens on that host and port (ECONNREFUSED). Check host and port, the network and any proxy or VPN, then retry.',
    );
    assert.match(text('clustered', 'listDatabaseTokens', { kind: 'network', url: 'http://cluster-host.com/api/v0/tokens', codes: ['UND_ERR_SOCKET'] }), /the server closed the connection \(UND_ERR_SOCKET\); if the server expects HTTPS, remove \[profile\.tls\] disable = true\./);
    assert.match(text('clustered', 'listDatabaseTokens', { kind: 'network', url: CLUSTERED_URL, codes: ['EWHAT'], message: 'something odd' }), /: something odd \(EWHAT\)\. Check host/);
    assert.match(text('clustered', 'listDatabaseTokens', { kind: 'network', url: CLUSTERED_URL, codes: [] }), /: the request failed\. Check host/);
  });

  it('an unexpected answer says what is wrong with it, naming the field', () => {
    assert.strictEqual(
      text('clustered', 'listDatabaseTokens', { kind: 'unexpected', status: 200, url: CLUSTERED_URL, problem: { code: 'shape', answer: 'databaseTokenList', field: '[0].createdAt', problem: { code: 'notA', expected: 'RFC3339', value: { type: 'string', text: 'now' } } } }),
      'Could not list the database tokens of "prod": the answer from https://cluster-host.com/api/v0/tokens (HTTP 200) is not what the Management API sends: the answer is not a list of database tokens: field "[0].createdAt" is the string "now", not an RFC3339 date-time. Check that host and port point at the cluster, and that no proxy answers in its place.',
    );
    const said = (problem: UnexpectedProblem) => text('dedicated', 'listDatabases', { kind: 'unexpected', status: 200, url: DEDICATED_URL, problem });
    assert.match(said({ code: 'status', status: 302, location: 'https://login.example.com/' }), /: a redirect \(HTTP 302\): redirects to https:\/\/login\.example\.com\/\. Check account_id and cluster_id, and that no proxy/);
    assert.match(said({ code: 'status', status: 418 }), /: HTTP 418, which the Management API does not answer here\./);
    assert.match(said({ code: 'tooLarge', limitBytes: 64 * 1024 * 1024 }), /the answer is larger than 64 MiB; it was not read\./);
    assert.match(said({ code: 'html', excerpt: 'Sign in' }), /the answer is an HTML page, not JSON \(a proxy or a login page\?\): Sign in\./);
    assert.match(said({ code: 'shape', answer: 'databaseList', field: '', problem: { code: 'topLevel', expected: 'array', value: { type: 'object' } } }), /the answer is not a list of databases: expected a JSON array, got an object\./);
    assert.match(said({ code: 'shape', answer: 'databaseTokenList', field: '[1].id', problem: { code: 'repeatedId', id: 'abc', first: 0 } }), /field "\[1\]\.id" repeats the ID abc of \[0\]; a list holds each token once/);
    assert.match(said({ code: 'notPrepared', error: 'Error: boom' }), /the connection could not be prepared \(Error: boom\); nothing was sent\./);
  });

  it('a request not sent says why: the profile, a [profile.tls] file, the token, the input', () => {
    assert.strictEqual(
      text('clustered', 'listDatabaseTokens', { kind: 'misconfigured', problem: { code: 'origin', origin: { field: 'host', reason: 'missing' } } }),
      'Cannot list the database tokens of "prod": the profile has no host; set host to the cluster host name (Clustered profiles need it).',
    );
    const why = (problem: ManagementApiConfigProblem) => text('clustered', 'revokeDatabaseToken', { kind: 'misconfigured', problem });
    assert.match(why({ code: 'tlsPair', has: 'key' }), /: \[profile\.tls\] has key but no cert; a client certificate needs both\.$/);
    assert.match(why({ code: 'tlsFile', file: { field: 'ca', file: '/x/ca.fifo', code: 'notRegular', what: 'fifo' } }), /\[profile\.tls\] ca "\/x\/ca\.fifo" is a named pipe \(FIFO\), not a certificate or key file\.$/);
    assert.match(why({ code: 'tlsFile', file: { field: 'cert', file: '/x/c.pem', code: 'tooLarge', maxBytes: 1024 * 1024 } }), /is larger than 1 MiB/);
    assert.match(why({ code: 'tlsFile', file: { field: 'key', file: '/x/k.pem', code: 'unreadable', errno: 'EACCES', error: 'EACCES: permission denied' } }), /cannot read \[profile\.tls\] key file "\/x\/k\.pem": permission denied\.$/);
    assert.match(why({ code: 'notTokenId', value: 'abc' }), /"abc" is not a database token ID \(a UUID\); nothing was sent\.$/);
    assert.match(why({ code: 'notTokenId' }), /a token-shaped value is not a database token ID/);
    assert.match(why({ code: 'tokenCharacters' }), /contains spaces, line breaks/);
    assert.match(why({ code: 'consoleUrl', value: 'ftp://x' }), /the console URL "ftp:\/\/x" is not an http\(s\) URL\.$/);
    assert.strictEqual(why({ code: 'input', input: { code: 'permissionsNotList' } }), 'Cannot revoke the database token of "prod": the request was not sent: The permissions must be a list.');
  });

  it('describeCreatedTokenProblem names the field and what is odd, never the secret', () => {
    assert.strictEqual(describeCreatedTokenProblem({ field: 'createdAt', problem: { code: 'notA', expected: 'RFC3339', value: { type: 'string', text: 'now' } } }), 'createdAt: is the string "now", not an RFC3339 date-time');
    assert.strictEqual(describeCreatedTokenProblem({ field: 'accessToken', problem: { code: 'repeatedSecret' } }), 'accessToken: appears more than once with different values; the last one was kept');
    assert.strictEqual(describeCreatedTokenProblem({ field: 'status', problem: { code: 'status', status: 202 } }), 'status: HTTP 202, which the Management API does not answer here');
    assert.strictEqual(describeCreatedTokenProblem({ field: 'accessToken', problem: { code: 'notA', expected: 'string', value: { type: 'number' } } }), 'accessToken: is a number, not a string');
  });

  it('ManagementApiError: a message without secrets, recognised across bundles by name', () => {
    const err = new ManagementApiError({ kind: 'server', status: 500, url: CLUSTERED_URL, detail: '500: boom' }, 'listDatabaseTokens', 'clustered');
    assert.strictEqual(err.message, 'listDatabaseTokens: HTTP 500 (https://cluster-host.com/api/v0/tokens): 500: boom');
    assert.ok(isManagementApiError(err));
    // A copy of the class from another bundle: same name and shape, another prototype.
    const foreign = Object.assign(new Error('x'), { name: 'ManagementApiError', failure: { kind: 'timeout', url: CLUSTERED_URL, seconds: 1 } });
    assert.ok(isManagementApiError(foreign));
    assert.ok(!isManagementApiError(new Error('x')));
    assert.ok(!isManagementApiError(Object.assign(new Error('x'), { name: 'ManagementApiError', failure: { kind: 'other' } })));
  });
});
