// Which cluster a profile names (clusterOrigin, originKey), and the URLs,
// verification and client calls built from it: hostile ids and hosts never
// reach a path, `new URL` or the network, and a token pasted into the wrong
// key is refused without being repeated.
import * as assert from 'assert';
import * as http from 'http';
import type { AddressInfo } from 'net';
import type * as Undici from 'undici';
import { clusterOrigin, examineOrigin, isLoopbackHost, originKey, type ClusterOriginField, type ClusterOriginProblem } from '../../src/core/clusterOrigin';
import { describeClusterOriginProblem } from '../../src/managementApi/clusterOriginText';
import { describeManagementApiFailure, describeManagementTokenTest } from '../../src/managementApi/managementApiText';
import { lintConfig } from '../../src/core/configLint';
import { parseProfiles } from '../../src/core/profiles';
import { tomlBasicString } from '../../src/core/tomlEdit';
import { isManagementApiError, ManagementApiClient, ManagementApiConfigError, managementApiBaseUrl, testManagementToken } from '../../src/core/managementApiHttp';
import type { Profile } from '../../src/core/types';
import { assertNoSecret } from './managementApiSpec';

const ACCOUNT = '0b8fbb2a-8f7b-4a1c-9d6e-2f1e4c3b5a69';
const CLUSTER = '5c3e8a1f-7d2b-4e6a-b9c0-1f2e3d4c5b6a';
const MGMT = 'M.V1.qZ3x9Lk2PbR7tYvWm4NcE1sHd8Ga6Uj0Of5Ti2Ky7Xw3';
const DB_TOKEN = `apiv1_${'Qx7Lm2Pz9Rt4Wb'.repeat(6)}`;

function dedicated(extra: Partial<Profile> = {}): Profile {
  return { name: 'd', product: 'dedicated', accountId: ACCOUNT, clusterId: CLUSTER, hasOAuth2: false, index: 0, line: 0, ...extra };
}

function clustered(host: string | undefined, port?: string, extra: Partial<Profile> = {}): Profile {
  return { name: 'c', product: 'clustered', host, port, hasOAuth2: false, index: 0, line: 0, ...extra };
}

function problemOf(profile: Profile): ClusterOriginProblem {
  const r = clusterOrigin(profile);
  assert.ok(!r.ok, `expected a problem for ${JSON.stringify(profile)}, got ${JSON.stringify(r)}`);
  return r.problem;
}

let loads = 0;
const loadUndici = (): typeof Undici => {
  loads++;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- handed to the client as the lazily loaded bundle hands it
  return require('undici') as typeof Undici;
};

describe('clusterOrigin', () => {
  describe('Cloud Dedicated', () => {
    it('is the account and cluster UUIDs, lower-cased; the key is stable', () => {
      const r = clusterOrigin(dedicated({ accountId: ACCOUNT.toUpperCase() }));
      assert.deepStrictEqual(r, { ok: true, origin: { product: 'dedicated', accountId: ACCOUNT, clusterId: CLUSTER } });
      assert.strictEqual(originKey(r.ok ? r.origin : assert.fail()), `dedicated/${ACCOUNT}/${CLUSTER}`);
      assert.strictEqual(managementApiBaseUrl(dedicated({ clusterId: CLUSTER.toUpperCase() })), `https://console.influxdata.com/api/v0/accounts/${ACCOUNT}/clusters/${CLUSTER}`);
    });

    const notUuids = ['..', '.', '../databases', 'a/b', 'a\\b', '%2e%2e', `${ACCOUNT}/..`, `${ACCOUNT}%2F..`, ` ${ACCOUNT}`, `{${ACCOUNT}}`, `urn:uuid:${ACCOUNT}`, ACCOUNT.replace(/-/g, ''), `${ACCOUNT}\n`, 'acct 1/ü?', 'cl#2%x'];
    for (const field of ['account_id', 'cluster_id'] as const) {
      it(`${field}: anything but a UUID is notUuid, and no path is built from it`, () => {
        for (const value of notUuids) {
          const profile = field === 'account_id' ? dedicated({ accountId: value }) : dedicated({ clusterId: value });
          assert.deepStrictEqual(problemOf(profile), { field, reason: 'notUuid', value }, value);
          assert.throws(() => managementApiBaseUrl(profile), (err: Error) => err instanceof ManagementApiConfigError && JSON.stringify(err.problem) === JSON.stringify({ code: 'origin', origin: { field, reason: 'notUuid', value } }));
          assert.match(describeClusterOriginProblem({ field, reason: 'notUuid', value }), new RegExp(`^${field} .* is not a UUID; set ${field} to the`));
        }
        const missing = field === 'account_id' ? dedicated({ accountId: '' }) : dedicated({ clusterId: undefined });
        assert.deepStrictEqual(problemOf(missing), { field, reason: 'missing' });
      });
    }
  });

  describe('Clustered', () => {
    const accepted: [string | undefined, string | undefined, string, number][] = [
      ['cluster-host.com', undefined, 'cluster-host.com', 443],
      ['Cluster-Host.Example.COM', '8443', 'cluster-host.example.com', 8443],
      ['https://cluster-host.com/', undefined, 'cluster-host.com', 443],
      ['HTTPS://cluster-host.com//', '08443', 'cluster-host.com', 8443],
      ['cluster-host.com.', undefined, 'cluster-host.com', 443],
      ['cluster-host.com:9443', undefined, 'cluster-host.com', 9443],
      ['cluster-host.com', ' ', 'cluster-host.com', 443],
      ['127.0.0.1', '8086', '127.0.0.1', 8086],
      ['::1', undefined, '::1', 443],
      ['[::1]', '8443', '::1', 8443],
      ['0:0:0:0:0:0:0:1', '8443', '::1', 8443],
      ['2001:DB8::A', undefined, '2001:db8::a', 443],
      ['::ffff:127.0.0.1', undefined, '::ffff:7f00:1', 443],
      ['localhost', '1', 'localhost', 1],
    ];
    for (const [host, port, name, number] of accepted) {
      it(`host ${JSON.stringify(host)}, port ${JSON.stringify(port)}: ${name}:${number}`, () => {
        const r = clusterOrigin(clustered(host, port));
        assert.deepStrictEqual(r, { ok: true, origin: { product: 'clustered', host: name, port: number } });
      });
    }

    it('one cluster, one key; other clusters, other keys', () => {
      const key = (host: string, port?: string): string => {
        const r = clusterOrigin(clustered(host, port));
        assert.ok(r.ok, JSON.stringify(r));
        return originKey(r.origin);
      };
      assert.strictEqual(key('Cluster-Host.com'), 'clustered/cluster-host.com:443');
      assert.strictEqual(key('https://cluster-host.com/', '443'), key('cluster-host.com'));
      assert.strictEqual(key('cluster-host.com:443'), key('cluster-host.com.'));
      assert.strictEqual(key('[::1]', '8443'), 'clustered/[::1]:8443');
      assert.strictEqual(key('0:0::1', '8443'), key('::1', '8443'));
      assert.notStrictEqual(key('cluster-host.com', '8443'), key('cluster-host.com'));
      assert.notStrictEqual(key('cluster-host.co'), key('cluster-host.com'));
    });

    const refused: [string, string | undefined, ClusterOriginProblem['reason']][] = [
      ['cluster\\host.com', undefined, 'notHostName'],
      ['cluster%2ehost.com', undefined, 'notHostName'],
      ['cluster host.com', undefined, 'notHostName'],
      [' cluster-host.com', undefined, 'notHostName'],
      ['cluster-host.com\t', undefined, 'notHostName'],
      ['cluster-host.com/api', undefined, 'notHostName'],
      ['cluster-host.com?x=1', undefined, 'notHostName'],
      ['cluster-host.com#x', undefined, 'notHostName'],
      ['user@cluster-host.com', undefined, 'notHostName'],
      ['https://user:pw@cluster-host.com', undefined, 'notHostName'],
      ['[::1]:8443', undefined, 'notHostName'],
      ['[::1]:8443', '8443', 'notHostName'],
      ['fe80::1%eth0', undefined, 'notHostName'],
      ['[fe80::1%25eth0]', undefined, 'notHostName'],
      ['[cluster-host.com]', undefined, 'notHostName'],
      ['clüster.example.com', undefined, 'notHostName'],
      ['cluster_host.com', undefined, 'notHostName'],
      ['-cluster.com', undefined, 'notHostName'],
      ['cluster..com', undefined, 'notHostName'],
      ['127.1', undefined, 'notHostName'],
      ['0x7f.0.0.1', undefined, 'notHostName'],
      ['2130706433', undefined, 'notHostName'],
      ['1.2.3.256', undefined, 'notHostName'],
      ['cluster-host.com:', undefined, 'notHostName'],
      ['cluster-host.com:https', undefined, 'notHostName'],
      ['cluster-host.com:8443', '8443', 'portTwice'],
      ['cluster-host.com:8443', '443', 'portTwice'],
      ['cluster-host.com', 'https', 'notPort'],
      ['cluster-host.com', '0', 'notPort'],
      ['cluster-host.com', '65536', 'notPort'],
      ['cluster-host.com', '-1', 'notPort'],
      ['cluster-host.com', '1e3', 'notPort'],
      ['cluster-host.com', '0x1bb', 'notPort'],
      ['cluster-host.com', '443/x', 'notPort'],
      ['cluster-host.com', ' 443', 'notPort'],
    ];
    for (const [host, port, reason] of refused) {
      it(`host ${JSON.stringify(host)}, port ${JSON.stringify(port)}: ${reason}, a misconfiguration and never a request`, async () => {
        const p = clustered(host, port);
        const problem = problemOf(p);
        assert.strictEqual(problem.reason, reason);
        assert.strictEqual(problem.field, reason === 'notPort' ? 'port' : 'host');
        assert.strictEqual(problem.value, reason === 'notPort' ? port : host);
        assert.throws(() => managementApiBaseUrl(p), (err: Error) => err instanceof ManagementApiConfigError && err.problem.code === 'origin' && err.problem.origin.field === problem.field);
        const before = loads;
        const r = await testManagementToken(p, MGMT, { timeoutSeconds: 5, loadUndici });
        assert.strictEqual(r.kind, 'misconfigured', JSON.stringify(r));
        await assert.rejects(new ManagementApiClient(p, MGMT, { timeoutSeconds: 5, loadUndici }).listDatabaseTokens(), (err: unknown) => {
          assert.ok(isManagementApiError(err) && err.failure.kind === 'misconfigured', String(err));
          return true;
        });
        assert.strictEqual(loads, before, 'undici was not even loaded');
      });
    }

    it('no host, no product, an unknown product', () => {
      assert.deepStrictEqual(problemOf(clustered(undefined)), { field: 'host', reason: 'missing' });
      assert.deepStrictEqual(problemOf(clustered('  ')), { field: 'host', reason: 'missing' });
      assert.deepStrictEqual(problemOf(clustered('h', undefined, { product: undefined })), { field: 'product', reason: 'missing' });
      assert.deepStrictEqual(problemOf(clustered('h', undefined, { product: 'serverless' })), { field: 'product', reason: 'unknown', value: 'serverless' });
    });
  });

  describe('a token in the wrong key', () => {
    const tokens = [
      MGMT,
      DB_TOKEN,
      `https://${MGMT}/`,
      `${MGMT}.example.com`,
      `Bearer ${MGMT}`,
      encodeURIComponent(MGMT).replace(/\./g, '%2E'),
      `apiv1_${'Qx7Lm2Pz9Rt4Wb'.repeat(2)}`,
      'qZ3x9Lk2PbR7tYvWm4NcE1sHd8Ga6Uj0Of5Ti2Ky7Xw3',
    ];
    const fields: [ClusterOriginProblem['field'], (v: string) => Profile][] = [
      ['account_id', (v) => dedicated({ accountId: v })],
      ['cluster_id', (v) => dedicated({ clusterId: v })],
      ['host', (v) => clustered(v)],
      ['port', (v) => clustered('cluster-host.com', v)],
      ['product', (v) => clustered('cluster-host.com', undefined, { product: v })],
      // Unused by the product, refused all the same: nothing token-shaped is kept as an ID or a host.
      ['host', (v) => dedicated({ host: v })],
      ['account_id', (v) => clustered('cluster-host.com', undefined, { accountId: v })],
    ];
    for (const [field, make] of fields) {
      it(`${field}: tokenShaped; the value is in no problem, message or result`, async () => {
        for (const token of tokens) {
          const p = make(token);
          assert.deepStrictEqual(problemOf(p), { field, reason: 'tokenShaped' }, token);
          let message = '';
          assert.throws(
            () => managementApiBaseUrl(p),
            (err: Error) => {
              message = err.message;
              return err instanceof ManagementApiConfigError;
            },
          );
          assert.ok(message.includes(field), message);
          const r = await testManagementToken(p, 'M.V1.otherTokenToSendXyz1234567890abcdefGHIJ', { timeoutSeconds: 5, loadUndici });
          assert.strictEqual(r.kind, 'misconfigured');
          const f = await new ManagementApiClient(p, 'M.V1.otherTokenToSendXyz1234567890abcdefGHIJ', { timeoutSeconds: 5, loadUndici }).listDatabases().catch((e: unknown) => e);
          assert.ok(isManagementApiError(f) && f.failure.kind === 'misconfigured');
          const words = `${describeClusterOriginProblem(problemOf(p))} ${describeManagementTokenTest(p.name, r)} ${describeManagementApiFailure({ profileName: p.name, product: p.product, operation: 'listDatabases' }, f.failure)}`;
          assert.match(words, new RegExp(`${field} holds what looks like a token`));
          const all = `${message} ${JSON.stringify(r)} ${f.message} ${JSON.stringify(f.failure)} ${words}`;
          for (const secret of [MGMT, DB_TOKEN, 'qZ3x9Lk2PbR7tYvWm4NcE1sHd8Ga6Uj0Of5Ti2Ky7Xw3']) assertNoSecret(all, secret);
          assert.ok(!all.includes(token) && !all.includes(token.slice(5, 20)), all);
        }
      });
    }

    it('describeClusterOriginProblem: one sentence per problem naming the field, its value only when kept, and what to set', () => {
      const cases: [ClusterOriginProblem, RegExp][] = [
        [{ field: 'product', reason: 'missing' }, /^the profile has no product; set product = "dedicated" \(Cloud Dedicated\) or "clustered" \(Clustered\)$/],
        [{ field: 'cluster_id', reason: 'missing' }, /^the profile has no cluster_id; set account_id and cluster_id/],
        [{ field: 'host', reason: 'missing' }, /^the profile has no host; set host/],
        [{ field: 'port', reason: 'missing' }, /^the profile has no port; set port to a number from 1 to 65535/],
        [{ field: 'product', reason: 'unknown', value: 'serverless' }, /^product "serverless" is unknown; set product = /],
        [{ field: 'cluster_id', reason: 'notUuid' }, /^cluster_id is not a UUID; set cluster_id to the cluster ID/],
        [{ field: 'host', reason: 'notHostName', value: 'a b' }, /^host "a b" is not a host name; write only the name/],
        [{ field: 'host', reason: 'notHostName' }, /^host is not a host name/],
        [{ field: 'port', reason: 'notPort', value: 'x' }, /^port "x" is not a port number/],
        [{ field: 'port', reason: 'notPort' }, /^port is not a port number/],
        [{ field: 'host', reason: 'portTwice', value: 'h:1' }, /^host "h:1" has a port, and the profile sets port too/],
        [{ field: 'port', reason: 'tokenShaped' }, /^port holds what looks like a token \(a secret\), not a port; it was not sent anywhere\. Put the right value in port/],
        [{ field: 'product', reason: 'tokenShaped' }, /not a product;/],
        [{ field: 'account_id', reason: 'tokenShaped' }, /^account_id holds .* not an ID;/],
      ];
      for (const [problem, words] of cases) assert.match(describeClusterOriginProblem(problem), words);
      assert.match(describeClusterOriginProblem({ field: 'host', reason: 'notHostName', value: 'x'.repeat(100) }), /"x{79}…"/);
    });

    it('a UUID in any case is never token-shaped', () => {
      assert.ok(clusterOrigin(dedicated({ accountId: '0B8fbb2A-8f7B-4A1c-9D6e-2F1e4C3b5A69' })).ok);
    });
  });

  it('nothing reaches a server: hostile hosts next to a listening one', async () => {
    let requests = 0;
    const server = http.createServer((_req, res) => {
      requests++;
      res.end('[]');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as AddressInfo).port;
    try {
      for (const host of [`127.0.0.1:${port}`, `127.0.0.1%2f`, `127.0.0.1\\@x`, '127.0.0.1/..', '127.0.0.1 ', `[127.0.0.1]`]) {
        const r = await testManagementToken(clustered(host, String(port), { tls: { disable: true } }), MGMT, { timeoutSeconds: 5, loadUndici });
        assert.strictEqual(r.kind, 'misconfigured', `${host}: ${JSON.stringify(r)}`);
      }
      assert.strictEqual(requests, 0);
      const ok = await testManagementToken(clustered('127.0.0.1', String(port), { tls: { disable: true } }), MGMT, { timeoutSeconds: 5, loadUndici });
      assert.strictEqual(ok.kind, 'valid', JSON.stringify(ok));
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  describe("one rule with config.toml's linter (examineOrigin)", () => {
    /** config.toml with one profile holding `fields` (absent when undefined). */
    const toml = (fields: Partial<Record<ClusterOriginField, string>>): string =>
      `[[profile]]\nname = "p"\n${Object.entries(fields)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${k} = ${tomlBasicString(v!)}\n`)
        .join('')}`;
    /** The origin fields the linter flags, and the one clusterOrigin refuses (if any), for the same text. */
    const verdicts = (text: string): { lint: string[]; origin: string[] } => {
      const origin = clusterOrigin(parseProfiles(text)[0]);
      const lint = lintConfig(text).flatMap((p) => (p.code === 'missingField' || p.code === 'badValue' ? [p.key] : p.code === 'badProduct' ? ['product'] : []));
      return { lint: lint.sort(), origin: origin.ok ? [] : [origin.problem.field] };
    };
    const D = { product: 'dedicated', account_id: ACCOUNT, cluster_id: CLUSTER };
    const C = { product: 'clustered', host: 'cluster-host.com', port: '8443' };
    const broken: [string, Partial<Record<ClusterOriginField, string>>][] = [
      ['no product', { ...D, product: undefined }],
      ['an empty product', { ...D, product: '' }],
      ['an unknown product', { ...D, product: 'serverless' }],
      ['a product in capitals', { ...C, product: 'Clustered' }],
      ['a token as product', { ...D, product: MGMT }],
      ...(['account_id', 'cluster_id'] as const).flatMap((k): [string, Partial<Record<ClusterOriginField, string>>][] => [
        [`Dedicated without ${k}`, { ...D, [k]: undefined }],
        [`Dedicated with an empty ${k}`, { ...D, [k]: '' }],
        [`Dedicated with a placeholder ${k}`, { ...D, [k]: k.toUpperCase() }],
        [`Dedicated with ${k} ../databases`, { ...D, [k]: '../databases' }],
        [`Dedicated with a token in ${k}`, { ...D, [k]: MGMT }],
      ]),
      ['Dedicated with a token in host (not a key it needs)', { ...D, host: DB_TOKEN }],
      ['Clustered without host', { ...C, host: undefined }],
      ['Clustered with a blank host', { ...C, host: '  ' }],
      ['Clustered with a URL path in host', { ...C, host: 'cluster-host.com/api' }],
      ['Clustered with a user in host', { ...C, host: 'user@cluster-host.com' }],
      ['Clustered with a placeholder host', { ...C, host: '{{< influxdb/host >}}' }],
      ['Clustered with a port in host and in port', { ...C, host: 'cluster-host.com:9443' }],
      ['Clustered with a token in host', { ...C, host: MGMT }],
      ['Clustered with a placeholder port', { ...C, port: 'INFLUXDB_PORT' }],
      ['Clustered with port 0', { ...C, port: '0' }],
      ['Clustered with port 65536', { ...C, port: '65536' }],
      ['Clustered with a token in port', { ...C, port: DB_TOKEN }],
      ['Clustered with a token in account_id (not a key it needs)', { ...C, account_id: MGMT }],
    ];
    for (const [what, fields] of broken) {
      it(`${what}: the linter flags exactly the field clusterOrigin refuses`, () => {
        const { lint, origin } = verdicts(toml(fields));
        assert.strictEqual(origin.length, 1, 'clusterOrigin refuses it');
        assert.deepStrictEqual(lint, origin);
      });
    }

    const fine: [string, Partial<Record<ClusterOriginField, string>>][] = [
      ['Dedicated', D],
      ['Dedicated with UUIDs in capitals', { ...D, account_id: ACCOUNT.toUpperCase() }],
      ['Clustered', C],
      ['Clustered without port (443)', { ...C, port: undefined }],
      ['Clustered with an empty port', { ...C, port: '' }],
      ['Clustered with the port in host', { ...C, host: 'cluster-host.com:9443', port: undefined }],
      ['Clustered with a pasted https:// and an IPv6 literal', { ...C, host: 'https://[::1]/' }],
    ];
    for (const [what, fields] of fine) {
      it(`${what}: clusterOrigin names a cluster and the linter flags nothing`, () => {
        assert.deepStrictEqual(verdicts(toml(fields)), { lint: [], origin: [] });
        assert.deepStrictEqual(lintConfig(toml(fields)), []);
      });
    }

    it('with several faults, the linter flags each field once, and clusterOrigin refuses the first of them', () => {
      const text = toml({ product: 'clustered', host: 'bad host', port: 'https', account_id: MGMT });
      const { lint, origin } = verdicts(text);
      assert.deepStrictEqual(lint, ['account_id', 'host', 'port']);
      const r = examineOrigin({ product: 'clustered', host: 'bad host', port: 'https', account_id: MGMT });
      assert.ok(!r.ok);
      assert.deepStrictEqual(r.problems, [
        { field: 'account_id', reason: 'tokenShaped' },
        { field: 'port', reason: 'notPort', value: 'https' },
        { field: 'host', reason: 'notHostName', value: 'bad host' },
      ]);
      assert.deepStrictEqual(origin, ['account_id']);
    });

    it('a TOML integer where influxctl wants a string is a wrong type to the linter; the rule reads its digits', () => {
      const text = '[[profile]]\nname = "p"\nproduct = "clustered"\nhost = "cluster-host.com"\nport = 8443\n';
      assert.deepStrictEqual(lintConfig(text).map((p) => [p.code, 'key' in p ? p.key : undefined]), [['wrongType', 'port']]);
      assert.deepStrictEqual(clusterOrigin(parseProfiles(text)[0]), { ok: true, origin: { product: 'clustered', host: 'cluster-host.com', port: 8443 } });
    });
  });

  it('isLoopbackHost: localhost, 127.0.0.0/8 and ::1 only', () => {
    for (const h of ['localhost', 'LOCALHOST', '127.0.0.1', '127.255.0.9', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1']) assert.ok(isLoopbackHost(h), h);
    for (const h of ['localhost.example.com', '128.0.0.1', '10.0.0.1', '::2', '::ffff:10.0.0.1', 'example.com', '0.0.0.0', '']) assert.ok(!isLoopbackHost(h), h);
  });
});
