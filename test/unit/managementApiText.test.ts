import * as assert from 'assert';
import { ManagementApiError, isManagementApiError, type ManagementApiFailure, type ManagementApiOperation } from '../../src/core/managementApiErrors';
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
      { kind: 'unexpected', status: 200, url: CLUSTERED_URL, detail: 'the answer is not JSON' },
      { kind: 'unexpected', url: CLUSTERED_URL, detail: 'x' },
      { kind: 'tls', url: CLUSTERED_URL, detail: 'the server presents a self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)' },
      { kind: 'network', url: CLUSTERED_URL, detail: 'the connection was refused (ECONNREFUSED)' },
      { kind: 'timeout', url: CLUSTERED_URL, seconds: 1 },
      { kind: 'misconfigured', detail: 'the profile has no host; set host' },
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
          if (f.kind !== 'cancelled') assert.match(t, /Create|Check|check|Set|set|Use|Refresh|Try|raise|upgrade|retry/, t);
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
      text('clustered', 'listDatabaseTokens', { kind: 'tls', url: CLUSTERED_URL, detail: 'the server presents a self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)' }),
      'The TLS certificate of cluster-host.com for "prod" could not be verified: the server presents a self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT). If the cluster uses a certificate authority of its own, set [profile.tls] ca = "/path/to/ca.pem" to it.',
    );
    assert.strictEqual(
      text('clustered', 'listDatabaseTokens', { kind: 'tls', url: CLUSTERED_URL, detail: 'the server does not speak TLS on that port (ERR_SSL_WRONG_VERSION_NUMBER); check that port is the HTTPS port of the cluster' }),
      'TLS with cluster-host.com failed for "prod": the server does not speak TLS on that port (ERR_SSL_WRONG_VERSION_NUMBER); check that port is the HTTPS port of the cluster.',
    );
    for (const detail of ['the certificate has expired (CERT_HAS_EXPIRED)', 'the certificate is for another host name (ERR_TLS_CERT_ALTNAME_INVALID)']) {
      assert.doesNotMatch(text('clustered', 'listDatabaseTokens', { kind: 'tls', url: CLUSTERED_URL, detail }), /insecure|disable/);
    }
    assert.strictEqual(
      text('clustered', 'listDatabaseTokens', { kind: 'timeout', url: CLUSTERED_URL, seconds: 30 }),
      'https://cluster-host.com/api/v0/tokens did not answer within 30 seconds for "prod". Check the network and host and port, or raise the setting influxdbTokens.timeoutSeconds, then retry.',
    );
  });

  it('a create whose 2xx answer was unreadable warns that the token may exist', () => {
    assert.match(text('dedicated', 'createDatabaseToken', { kind: 'unexpected', status: 200, url: DEDICATED_URL, detail: 'the answer is not JSON' }), /may have been created/);
    assert.doesNotMatch(text('dedicated', 'createDatabaseToken', { kind: 'unexpected', status: 302, url: DEDICATED_URL, detail: 'a redirect' }), /may have been created/);
    assert.doesNotMatch(text('dedicated', 'listDatabaseTokens', { kind: 'unexpected', status: 200, url: DEDICATED_URL, detail: 'x' }), /may have been created/);
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
