// ManagementApiClient against the Management API stand-in (which checks every
// request and answer against the official OpenAPI documents), for Cloud
// Dedicated over HTTP and Clustered over HTTPS with a self-signed CA.
import * as assert from 'assert';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import type * as Undici from 'undici';
import { createDatabaseTokenBody, databaseTokenStatus, type DatabaseToken } from '../../src/core/databaseTokens';
import { describePermissionDiff, describePermissions } from '../../src/managementApi/databaseTokenText';
import {
  isManagementApiError,
  ManagementApiClient,
  ManagementApiError,
  managementApiBaseUrl,
  ManagementApiPools,
  testManagementToken,
  type ManagementApiClientOptions,
  type ManagementApiFailure,
} from '../../src/core/managementApiHttp';
import { parseProfiles } from '../../src/core/profiles';
import type { Profile } from '../../src/core/types';
import { describeManagementApiFailure } from '../../src/managementApi/managementApiText';
import { assertNoSecret, documentedStatuses, OPERATIONS, responseExamples, type OperationId, type Product } from './managementApiSpec';

const fixtures = require('../../scripts/lib/fixtures.js') as {
  writeDemo(dir: string): { configPath: string; statePath: string };
  demoConfigWithLocalApis(o: { stagingPort: number; caFile: string }): string;
  GRAFANA_SECRET: string;
  STAGING_SECRET: string;
  ACCOUNT_ID: string;
  CLUSTER_ID: string;
};
const stand = require('../../scripts/lib/fakeManagementApi.js') as {
  startFakeManagementApi(o: { statePath: string; product?: Product; https?: true }): Promise<FakeApi>;
  LOCALHOST_TLS: { ca: string; cert: string; key: string };
};

interface Fault {
  status?: number;
  delayMs?: number;
  html?: boolean;
  hugeBytes?: number;
  body?: string;
  operation?: OperationId;
  times?: number;
}

interface FakeApi {
  url: string;
  port: number;
  requests: { method: string; path: string; accept?: string; bearer: boolean; contentType?: string; operationId?: string; status?: number; injected?: boolean }[];
  violations: { kind: string; path: string; errors: string[] }[];
  readonly connections: number;
  setFault(f?: Fault): void;
  close(): Promise<void>;
}

const { GRAFANA_SECRET, STAGING_SECRET, ACCOUNT_ID, CLUSTER_ID } = fixtures;
const { LOCALHOST_TLS } = stand;
const UNKNOWN_ID = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';

let undiciLoads = 0;
const loadUndici = (): typeof Undici => {
  undiciLoads++;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- handed to the client as the lazily loaded bundle hands it
  return require('undici') as typeof Undici;
};

/** Every secret a test saw (management tokens, created access tokens), and every error text made. */
const secrets = new Set<string>([GRAFANA_SECRET, STAGING_SECRET]);
const errorTexts: string[] = [];

interface Setup {
  product: Product;
  api: FakeApi;
  statePath: string;
  profile: Profile;
  token: string;
  consoleBaseUrl?: string;
}

function dedicatedProfile(extra: Partial<Profile> = {}): Profile {
  return { name: 'default', product: 'dedicated', accountId: ACCOUNT_ID, clusterId: CLUSTER_ID, hasOAuth2: false, index: 0, line: 0, ...extra };
}

function clusteredProfile(port: number, tls: Profile['tls'] = { ca: LOCALHOST_TLS.ca }, extra: Partial<Profile> = {}): Profile {
  return { name: 'staging', product: 'clustered', host: '127.0.0.1', port: String(port), tls, hasOAuth2: false, index: 1, line: 9, ...extra };
}

function state(statePath: string): { clusters: Record<string, { databaseTokens: { id: string; description: string }[]; accessTokens?: Record<string, string> }> } {
  return JSON.parse(fs.readFileSync(statePath, 'utf8'));
}

/** The failure a call ends with; its texts are kept for the leak check. */
async function failure(promise: Promise<unknown>, s?: Pick<Setup, 'profile'>): Promise<ManagementApiFailure & { error: ManagementApiError }> {
  try {
    await promise;
  } catch (err) {
    assert.ok(isManagementApiError(err), `not a ManagementApiError: ${String(err)}`);
    assert.ok(err instanceof ManagementApiError);
    const text = describeManagementApiFailure({ profileName: s?.profile.name ?? 'p', product: err.product, operation: err.operation }, err.failure);
    errorTexts.push(err.message, JSON.stringify(err.failure), text, String(err.stack));
    return { ...err.failure, error: err };
  }
  assert.fail('the call did not fail');
}

describe('ManagementApiClient against the stand-in', function () {
  this.timeout(20000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'db-tokens-'));
  const pools = new ManagementApiPools();
  const setups: Record<Product, Setup> = {} as Record<Product, Setup>;
  let allowViolations = false;

  function client(s: Setup, extra: Partial<ManagementApiClientOptions> = {}, profile: Profile = s.profile, token = s.token): ManagementApiClient {
    return new ManagementApiClient(profile, token, { timeoutSeconds: 10, loadUndici, consoleBaseUrl: s.consoleBaseUrl, pools, ...extra });
  }

  before(async () => {
    for (const product of ['dedicated', 'clustered'] as const) {
      const { statePath } = fixtures.writeDemo(path.join(dir, product));
      const api = await stand.startFakeManagementApi({ statePath, product, https: product === 'clustered' ? true : undefined });
      setups[product] =
        product === 'dedicated'
          ? { product, api, statePath, profile: dedicatedProfile(), token: GRAFANA_SECRET, consoleBaseUrl: api.url }
          : { product, api, statePath, profile: clusteredProfile(api.port), token: STAGING_SECRET };
    }
  });

  afterEach(() => {
    for (const s of Object.values(setups)) {
      s.api.setFault(undefined);
      if (!allowViolations) assert.deepStrictEqual(s.api.violations, [], `${s.product}: the stand-in found requests or answers the document does not describe`);
      s.api.violations.length = 0;
    }
    allowViolations = false;
  });

  after(async () => {
    await pools.close();
    await Promise.all(Object.values(setups).map((s) => s.api.close()));
    fs.rmSync(dir, { recursive: true, force: true });
    // No secret in any error, message or URL the suite produced.
    const all = errorTexts.join('\n');
    for (const secret of secrets) assertNoSecret(all, secret);
  });

  describe('base URLs, exactly as the specs say', () => {
    it('Cloud Dedicated: {console}/api/v0/accounts/{account_id}/clusters/{cluster_id}', () => {
      assert.strictEqual(managementApiBaseUrl(dedicatedProfile()), `https://console.influxdata.com/api/v0/accounts/${ACCOUNT_ID}/clusters/${CLUSTER_ID}`);
      assert.strictEqual(managementApiBaseUrl(dedicatedProfile(), 'http://127.0.0.1:9/api/v0/'), `http://127.0.0.1:9/api/v0/accounts/${ACCOUNT_ID}/clusters/${CLUSTER_ID}`);
    });

    it('Clustered: https://{host}[:{port}]/api/v0, never the Dedicated path, http only with tls.disable', () => {
      const p = clusteredProfile(8443, {}, { accountId: ACCOUNT_ID, clusterId: CLUSTER_ID });
      assert.strictEqual(managementApiBaseUrl(p), 'https://127.0.0.1:8443/api/v0');
      assert.strictEqual(managementApiBaseUrl({ ...p, host: 'cluster-host.com', port: undefined }), 'https://cluster-host.com/api/v0');
      assert.strictEqual(managementApiBaseUrl({ ...p, tls: { disable: true } }), 'http://127.0.0.1:8443/api/v0');
      assert.strictEqual(managementApiBaseUrl({ ...p, tls: { insecure: true } }), 'https://127.0.0.1:8443/api/v0');
    });

    it('client.baseUrl, undefined for a profile it cannot use; a serialised client shows no secret', () => {
      const s = setups.dedicated;
      const c = client(s, {}, dedicatedProfile({ mgmtToken: GRAFANA_SECRET }));
      assertNoSecret(`${JSON.stringify(c)} ${String(c)} ${Object.keys(c).join()}`, GRAFANA_SECRET);
      assert.strictEqual(c.profileName, 'default');
      assert.strictEqual(client(s).baseUrl, `${s.api.url}/api/v0/accounts/${ACCOUNT_ID}/clusters/${CLUSTER_ID}`);
      assert.strictEqual(client(s, {}, dedicatedProfile({ clusterId: undefined })).baseUrl, undefined);
    });
  });

  for (const product of ['dedicated', 'clustered'] as const) {
    describe(`${product === 'dedicated' ? 'Cloud Dedicated over HTTP' : 'Clustered over HTTPS with a self-signed CA'}`, () => {
      const s = (): Setup => setups[product];
      const prefix = (): string => (product === 'dedicated' ? `/api/v0/accounts/${ACCOUNT_ID}/clusters/${CLUSTER_ID}` : '/api/v0');

      it('lists the database tokens of every status, revoked ones included', async () => {
        const before = s().api.requests.length;
        const tokens = await client(s()).listDatabaseTokens();
        const now = new Date();
        const statuses = tokens.map((t) => databaseTokenStatus(t, now, 7)).sort();
        assert.deepStrictEqual([...new Set(statuses)], ['active', 'expired', 'expiring', 'revoked']);
        const words = tokens.map((t) => describePermissions(t.permissions));
        if (product === 'dedicated') {
          assert.deepStrictEqual(words, ['read telemetry', 'read/write iot_sensors', 'read billing, telemetry', 'read/write all databases', 'write telemetry']);
          assert.ok(tokens.every((t) => t.accountId === ACCOUNT_ID && t.clusterId === CLUSTER_ID));
        } else {
          assert.deepStrictEqual(words, ['write staging_logs, staging_metrics', 'read all databases', 'read/write staging_metrics', 'read staging_logs']);
          assert.ok(tokens.every((t) => t.accountId === undefined));
        }
        const [req] = s().api.requests.slice(before);
        assert.deepStrictEqual(
          { method: req.method, path: req.path, accept: req.accept, bearer: req.bearer, contentType: req.contentType, operationId: req.operationId, status: req.status },
          { method: 'GET', path: `${prefix()}/tokens`, accept: 'application/json', bearer: true, contentType: undefined, operationId: 'GetDatabaseTokens', status: 200 },
        );
      });

      it('lists the databases', async () => {
        const dbs = await client(s()).listDatabases();
        assert.deepStrictEqual(
          dbs.map((d) => d.name),
          product === 'dedicated' ? ['telemetry', 'iot_sensors', 'billing'] : ['staging_metrics', 'staging_logs'],
        );
        assert.strictEqual(dbs[0].retentionPeriod, (product === 'dedicated' ? 30 : 7) * 86400e9);
      });

      it('creates (200 with the accessToken), reads, updates (PATCH, the whole list) and revokes (204) a token', async () => {
        const c = client(s());
        const before = s().api.requests.length;
        const expiresAt = new Date(Date.now() + 30 * 86400000);
        const created = await c.createDatabaseToken(
          createDatabaseTokenBody({ description: `ci ${product}`, permissions: [{ action: 'read', resource: 'db1' }, { action: 'write', resource: 'db2' }], expiresAt }),
        );
        secrets.add(created.accessToken);
        if (created.problem) assert.fail(`a documented answer has no problem: ${JSON.stringify(created.problem)}`);
        assert.match(created.accessToken, /^apiv1_[A-Za-z0-9+/=]{86,}$/);
        assert.strictEqual(state(s().statePath).clusters[product === 'dedicated' ? 'default' : 'staging'].accessTokens?.[created.token.id], created.accessToken);
        assert.strictEqual(created.token.description, `ci ${product}`);
        assert.strictEqual(created.token.expiresAt?.getTime(), Math.floor(expiresAt.getTime() / 1000) * 1000 + (expiresAt.getTime() % 1000));
        assert.strictEqual(databaseTokenStatus(created.token, new Date(), 7), 'active');

        const got: DatabaseToken = await c.getDatabaseToken(created.token.id);
        assert.deepStrictEqual(got, created.token);

        const updated = await c.updateDatabaseToken(created.token.id, { permissions: [{ action: 'write', resource: 'db2' }, { action: 'read', resource: 'db2' }] });
        assert.strictEqual(describePermissionDiff(created.token.permissions, updated.permissions), 'adds read on db2, removes read on db1');
        assert.strictEqual(updated.description, `ci ${product}`);
        const renamed = await c.updateDatabaseToken(created.token.id, { description: `ci ${product} (renamed)` });
        assert.deepStrictEqual(renamed.permissions, updated.permissions);

        await c.revokeDatabaseToken(created.token.id);
        const listed = (await c.listDatabaseTokens()).find((t) => t.id === created.token.id);
        assert.ok(listed?.revokedAt, 'revoked, still listed');
        assert.strictEqual(databaseTokenStatus(listed, new Date(), 7), 'revoked');
        // A second revoke: the stand-in's guess is 204 again.
        await c.revokeDatabaseToken(created.token.id);

        const sent = s().api.requests.slice(before).map((r) => `${r.method} ${r.path.slice(prefix().length)} ${r.contentType ?? '-'} ${r.status}`);
        const id = created.token.id;
        assert.deepStrictEqual(sent, [
          'POST /tokens application/json 200',
          `GET /tokens/${id} - 200`,
          `PATCH /tokens/${id} application/json 200`,
          `PATCH /tokens/${id} application/json 200`,
          `DELETE /tokens/${id} - 204`,
          'GET /tokens - 200',
          `DELETE /tokens/${id} - 204`,
        ]);
        assert.ok(!JSON.stringify(s().api.requests).includes(created.accessToken.slice(6, 30)));
      });

      it('409 from the cluster: a description an active token has (the stand-in’s guess)', async () => {
        const taken = product === 'dedicated' ? 'grafana dashboards' : 'load generator';
        const f = await failure(client(s()).createDatabaseToken(createDatabaseTokenBody({ description: taken, permissions: [] })), s());
        assert.strictEqual(f.kind, 'conflict');
        assert.match(describeManagementApiFailure({ profileName: 'x', product, operation: 'createDatabaseToken' }, f), /409 Conflict.*description/);
      });

      it('404 for a token that does not exist; 403 for a management token the cluster does not know', async () => {
        const f = await failure(client(s()).revokeDatabaseToken(UNKNOWN_ID), s());
        assert.strictEqual(f.kind, 'notFound');
        assert.strictEqual(f.url, `${s().api.url}${prefix()}/tokens/${UNKNOWN_ID}`);
        const other = 'M.V1.zzzzQz7SomeOtherTokenNobodyIssued8fKx2LmP9vRt4WbN6cYh3JsE';
        secrets.add(other);
        const g = await failure(client(s(), {}, s().profile, other).listDatabaseTokens(), s());
        assert.deepStrictEqual([g.kind, 'status' in g && g.status], ['rejected', 403]);
      });

      describe('every status the document gives, for every operation', () => {
        const calls: Record<OperationId, (c: ManagementApiClient) => Promise<unknown>> = {
          GetClusterDatabases: (c) => c.listDatabases(),
          GetDatabaseTokens: (c) => c.listDatabaseTokens(),
          CreateDatabaseToken: (c) => c.createDatabaseToken(createDatabaseTokenBody({ description: 'status probe', permissions: [{ action: 'read', resource: 'db' }] })),
          GetDatabaseToken: (c) => c.getDatabaseToken(UNKNOWN_ID),
          UpdateDatabaseToken: (c) => c.updateDatabaseToken(UNKNOWN_ID, { description: 'probe' }),
          DeleteDatabaseToken: (c) => c.revokeDatabaseToken(UNKNOWN_ID),
        };
        const kinds: Record<number, ManagementApiFailure['kind']> = { 400: 'badRequest', 401: 'rejected', 403: 'rejected', 404: 'notFound', 409: 'conflict', 500: 'server' };
        for (const op of OPERATIONS) {
          it(op, async () => {
            const statuses = documentedStatuses(product, op);
            const success = op === 'DeleteDatabaseToken' ? 204 : 200;
            assert.ok(statuses.includes(success), `${op} answers ${success}`);
            for (const status of statuses.filter((x) => x !== success)) {
              s().api.setFault({ status, operation: op, times: 1 });
              const f = await failure(calls[op](client(s())), s());
              assert.strictEqual(f.kind, kinds[status], `${op} ${status}`);
              assert.strictEqual('status' in f && f.status, status);
              assert.strictEqual('detail' in f && f.detail, `${status}: injected fault`);
              assert.ok(f.url?.startsWith(`${s().api.url}${prefix()}/`), f.url);
            }
            // A status the document does not give: unexpected.
            s().api.setFault({ status: 418, operation: op, times: 1 });
            const f = await failure(calls[op](client(s())), s());
            assert.deepStrictEqual([f.kind, 'status' in f && f.status], ['unexpected', 418]);
          });
        }

        it('a 200 where 204 is documented is unexpected; 201 with the documented body is taken for create', async () => {
          s().api.setFault({ status: 200, operation: 'DeleteDatabaseToken', times: 1 });
          const f = await failure(client(s()).revokeDatabaseToken(UNKNOWN_ID), s());
          assert.deepStrictEqual([f.kind, 'status' in f && f.status], ['unexpected', 200]);
          const [example] = responseExamples(product, 'CreateDatabaseToken');
          s().api.setFault({ status: 201, body: JSON.stringify(example), operation: 'CreateDatabaseToken', times: 1 });
          const created = await client(s()).createDatabaseToken(createDatabaseTokenBody({ description: 'created with 201', permissions: [] }));
          assert.strictEqual(created.accessToken, (example as { accessToken: string }).accessToken);
        });
      });
    });
  }

  describe('answers that are not the API’s', () => {
    const s = (): Setup => setups.clustered;
    const listingWords = (f: ManagementApiFailure): string => describeManagementApiFailure({ profileName: 'staging', product: 'clustered', operation: 'listDatabaseTokens' }, f);

    it('HTML from a proxy: 200 is unexpected, 502 is a server failure with the page’s text', async () => {
      s().api.setFault({ html: true, operation: 'GetDatabaseTokens', times: 1 });
      const f = await failure(client(s()).listDatabaseTokens(), s());
      assert.strictEqual(f.kind, 'unexpected');
      assert.ok(f.kind === 'unexpected' && f.problem.code === 'html' && f.problem.excerpt?.startsWith('502 Bad Gateway'), JSON.stringify(f));
      assert.match(listingWords(f), /: the answer is an HTML page, not JSON \(a proxy or a login page\?\): 502 Bad Gateway/);
      s().api.setFault({ html: true, status: 502, times: 1 });
      const g = await failure(client(s()).listDatabases(), s());
      assert.deepStrictEqual([g.kind, 'status' in g && g.status, 'detail' in g && g.detail], ['server', 502, '502 Bad Gateway 502 Bad Gateway nginx']);
    });

    it('a body that is not JSON, or not of the documented shape', async () => {
      s().api.setFault({ body: '[{"id": "55555555-5555-4555-8555-555555555555", "descr', times: 1 });
      const f = await failure(client(s()).listDatabaseTokens(), s());
      assert.strictEqual(f.kind, 'unexpected');
      assert.ok(f.kind === 'unexpected' && f.problem.code === 'notJson' && f.problem.excerpt?.startsWith('[{"id"'), JSON.stringify(f));
      assert.match(listingWords(f), /: the answer is not JSON: \[\{"id"/);
      s().api.setFault({ body: '[{"id": "55555555-5555-4555-8555-555555555555", "description": "x", "permissions": [], "created_at": "2023-12-21T17:32:28Z"}]', times: 1 });
      const g = await failure(client(s()).listDatabaseTokens(), s());
      assert.deepStrictEqual([g.kind, 'status' in g && g.status, g.kind === 'unexpected' && g.problem], [
        'unexpected',
        200,
        { code: 'shape', answer: 'databaseTokenList', field: '[0].createdAt', problem: { code: 'missing' } },
      ]);
      assert.match(listingWords(g), /: the answer is not a list of database tokens: field "\[0\]\.createdAt" is missing\./);
      assert.strictEqual(g.url, `${s().api.url}/api/v0/tokens`);
    });

    it('a huge body is not read past the limit, and the pool goes on working', async () => {
      s().api.setFault({ hugeBytes: 3 * 1024 * 1024, times: 1 });
      const f = await failure(client(s(), { maxBodyBytes: 1024 * 1024 }).listDatabaseTokens(), s());
      assert.deepStrictEqual([f.kind, f.kind === 'unexpected' && f.problem], ['unexpected', { code: 'tooLarge', limitBytes: 1024 * 1024 }]);
      assert.match(listingWords(f), /: the answer is larger than 1 MiB; it was not read\./);
      assert.ok((await client(s()).listDatabaseTokens()).length >= 4);
    });

    it('a created token whose answer is broken and holds no usable secret: no secret in the error, and the text says it may exist', async () => {
      const secret = `apiv1_${'Qx7Lm2Pz9Rt4Wb'.repeat(7)}`;
      const short = 'apiv1_Qx7Lm2Pz9Rt4WbShort';
      secrets.add(secret);
      secrets.add(short);
      const [example] = responseExamples('clustered', 'CreateDatabaseToken') as Record<string, unknown>[];
      const withoutSecret = { ...example };
      delete withoutSecret.accessToken;
      const cutInTheSecret = `${JSON.stringify(withoutSecret).slice(0, -1)},"accessToken":"${secret.slice(0, 40)}`;
      for (const body of [cutInTheSecret, JSON.stringify({ ...example, accessToken: short, createdAt: 'now' })]) {
        s().api.setFault({ body, operation: 'CreateDatabaseToken', times: 1 });
        const f = await failure(client(s()).createDatabaseToken(createDatabaseTokenBody({ description: 'broken answer', permissions: [] })), s());
        assert.strictEqual(f.kind, 'unexpected');
        assertNoSecret(JSON.stringify(f.error.failure) + f.error.message, secret);
        const text = describeManagementApiFailure({ profileName: 'staging', product: 'clustered', operation: 'createDatabaseToken' }, f);
        assert.match(text, /may have been created .* revoke it/);
      }
    });

    it('an error body echoing the management token and a secret is redacted', async () => {
      const server = http.createServer((req, res) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 500, message: `bad ${req.headers.authorization} token=${STAGING_SECRET} apiv1_${'9'.repeat(64)}` }));
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
      try {
        const port = (server.address() as AddressInfo).port;
        const f = await failure(client(s(), {}, clusteredProfile(port, { disable: true })).listDatabaseTokens(), s());
        assert.strictEqual(f.kind, 'server');
        assertNoSecret(JSON.stringify(f), STAGING_SECRET);
        assert.ok(!JSON.stringify(f).includes('9999999999'), JSON.stringify(f));
      } finally {
        server.closeAllConnections();
        await new Promise<void>((r) => server.close(() => r()));
      }
    });
  });

  describe('connections', () => {
    it('one keep-alive connection per origin, shared by requests and clients', async () => {
      for (const s of Object.values(setups)) {
        const own = new ManagementApiPools();
        try {
          const before = s.api.connections;
          const a = client(s, { pools: own });
          await a.listDatabaseTokens();
          await a.listDatabases();
          const b = client(s, { pools: own });
          await b.listDatabaseTokens();
          assert.strictEqual(s.api.connections - before, 1, `${s.product}: three requests, two clients, one connection`);
          assert.strictEqual(own.size, 1);
          await own.close();
          await a.listDatabases();
          assert.strictEqual(s.api.connections - before, 2, 'closed pools connect again');
        } finally {
          await own.close();
        }
      }
    });

    it('other TLS settings get a pool of their own', async () => {
      const s = setups.clustered;
      const own = new ManagementApiPools();
      try {
        await client(s, { pools: own }).listDatabases();
        await client(s, { pools: own, tlsConsent: { insecure: true } }, clusteredProfile(s.api.port, { insecure: true })).listDatabases();
        assert.strictEqual(own.size, 2);
      } finally {
        await own.destroy();
      }
    });
  });

  describe('cancellation and timeouts', () => {
    const s = (): Setup => setups.clustered;

    it('an AbortSignal cancels a request in flight at once', async () => {
      s().api.setFault({ delayMs: 3000 });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      // The server would answer after 3 s: 'cancelled' (not an answer, not a timeout) is the abort's doing.
      const f = await failure(client(s()).listDatabaseTokens(controller.signal), s());
      assert.strictEqual(f.kind, 'cancelled');
      assert.match(describeManagementApiFailure({ profileName: 'staging', operation: 'listDatabaseTokens' }, f), /^Cancelled/);
    });

    it('an aborted signal sends nothing', async () => {
      const before = s().api.requests.length;
      const controller = new AbortController();
      controller.abort();
      const f = await failure(client(s()).revokeDatabaseToken(UNKNOWN_ID, controller.signal), s());
      assert.strictEqual(f.kind, 'cancelled');
      assert.strictEqual(s().api.requests.length, before);
    });

    it('a server that does not answer in time is a timeout', async () => {
      s().api.setFault({ delayMs: 2000 });
      const f = await failure(client(s(), { timeoutSeconds: 0.3 }).listDatabaseTokens(), s());
      assert.deepStrictEqual(f.kind === 'timeout' && [f.seconds, f.url], [0.3, `${s().api.url}/api/v0/tokens`]);
      assert.match(describeManagementApiFailure({ profileName: 'staging', product: 'clustered', operation: 'listDatabaseTokens' }, f), /influxdbTokens\.timeoutSeconds/);
    });
  });

  describe('TLS', () => {
    const s = (): Setup => setups.clustered;

    it('without the CA: a TLS failure whose text names [profile.tls] ca', async () => {
      const f = await failure(client(s(), {}, clusteredProfile(s().api.port, {})).listDatabaseTokens(), s());
      assert.strictEqual(f.kind, 'tls');
      assert.ok(f.kind === 'tls' && /self-signed/.test(f.message ?? ''), JSON.stringify(f));
      const text = describeManagementApiFailure({ profileName: 'staging', product: 'clustered', operation: 'listDatabaseTokens' }, f);
      assert.match(text, /self-signed certificate/);
      assert.match(text, /\[profile\.tls\] ca = /);
      assert.doesNotMatch(text, /insecure/, 'never advice to turn verification off');
    });

    it('insecure = true works with the consent to it; so does ca read through options.readFile', async () => {
      const insecure = client(s(), { pools: new ManagementApiPools(), tlsConsent: { insecure: true } }, clusteredProfile(s().api.port, { insecure: true }));
      assert.strictEqual((await insecure.listDatabases()).length, 2);
      const asked: string[] = [];
      const own = new ManagementApiPools();
      const readFile = async (p: string): Promise<Buffer> => {
        asked.push(p);
        return fs.readFileSync(LOCALHOST_TLS.ca);
      };
      await client(s(), { pools: own, readFile }, clusteredProfile(s().api.port, { ca: '/virtual/ca.pem' })).listDatabases();
      await client(s(), { pools: own, readFile }, clusteredProfile(s().api.port, { ca: '/virtual/ca.pem' })).listDatabases();
      assert.deepStrictEqual(asked, ['/virtual/ca.pem'], 'read once, when the pool is made');
      await own.close();
    });

    it('plain HTTP to the HTTPS port is a network failure; HTTPS to a plain HTTP port is a TLS failure that does not advise plain HTTP', async () => {
      const f = await failure(client(s(), {}, clusteredProfile(s().api.port, { disable: true })).listDatabases(), s());
      assert.strictEqual(f.kind, 'network');
      allowViolations = true;
      const plain = setups.dedicated.api;
      const g = await failure(client(s(), {}, clusteredProfile(plain.port, {})).listDatabases(), s());
      assert.strictEqual(g.kind, 'tls');
      assert.ok(g.kind === 'tls' && g.codes.includes('ERR_SSL_WRONG_VERSION_NUMBER'), JSON.stringify(g));
      const text = describeManagementApiFailure({ profileName: 'p', product: 'clustered', operation: 'listDatabases' }, g);
      assert.match(text, /\(ERR_SSL_WRONG_VERSION_NUMBER\)/);
      assert.doesNotMatch(text, /disable = true|insecure = true/);
    });

    it('an unreadable ca file or a cert without key: misconfigured, nothing sent', async () => {
      const before = s().api.requests.length;
      const f = await failure(client(s(), {}, clusteredProfile(s().api.port, { ca: path.join(dir, 'missing.pem') })).listDatabases(), s());
      assert.ok(f.kind === 'misconfigured' && f.problem.code === 'tlsFile' && f.problem.file.code === 'unreadable' && f.problem.file.errno === 'ENOENT', JSON.stringify(f));
      assert.match(describeManagementApiFailure({ profileName: 'p', operation: 'listDatabases' }, f), /ca file .*missing\.pem.*does not exist/);
      const g = await failure(client(s(), {}, clusteredProfile(s().api.port, { ca: LOCALHOST_TLS.ca, cert: LOCALHOST_TLS.cert })).listDatabases(), s());
      assert.deepStrictEqual(g.kind === 'misconfigured' && g.problem, { code: 'tlsPair', has: 'cert' });
      assert.match(describeManagementApiFailure({ profileName: 'p', operation: 'listDatabases' }, g), /has cert but no key/);
      assert.strictEqual(s().api.requests.length, before);
    });
  });

  describe('refused before sending', () => {
    it('a profile without what its product needs, a bad token ID, a bad token, a bad body', async () => {
      const s = setups.dedicated;
      const before = s.api.requests.length;
      const loads = undiciLoads;
      const cases: [Promise<unknown>, RegExp][] = [
        [client(s, {}, dedicatedProfile({ accountId: undefined })).listDatabaseTokens(), /no account_id/],
        [client(s, {}, { ...dedicatedProfile(), product: 'serverless' }).listDatabaseTokens(), /"serverless" is unknown/],
        [client(s, {}, clusteredProfile(1, {}, { host: undefined })).listDatabaseTokens(), /no host/],
        [client(s).revokeDatabaseToken('../databases'), /is not a database token ID/],
        [client(s).updateDatabaseToken('not-a-uuid', { description: 'x' }), /is not a database token ID/],
        [client(s, {}, s.profile, '').listDatabaseTokens(), /management token is empty/],
        [client(s, {}, s.profile, `${GRAFANA_SECRET}\n`).listDatabaseTokens(), /line breaks/],
        [client(s).createDatabaseToken({ description: ' ', permissions: [] }), /not sent: A description is required/],
        [client(s).createDatabaseToken({ description: 'x', permissions: [], expiresAt: '2027-01-01T00:00:00+0000' }), /expiresAt is not an RFC3339 UTC/],
        [client(s).updateDatabaseToken(UNKNOWN_ID, {}), /Nothing to update/],
      ];
      for (const [call, message] of cases) {
        const f = await failure(call, s);
        assert.strictEqual(f.kind, 'misconfigured', JSON.stringify(f));
        // What the person reads: the request's own input is worded from its code.
        assert.match(describeManagementApiFailure({ profileName: s.profile.name, operation: 'listDatabaseTokens' }, f), message);
      }
      assert.strictEqual(s.api.requests.length, before, 'nothing was sent');
      assert.strictEqual(undiciLoads, loads, 'undici was not even loaded');
    });
  });

  describe('the stand-in checks what it receives and sends', () => {
    const s = (): Setup => setups.clustered;
    const undici = loadUndici();
    const dispatcher = new undici.Agent({ connect: { ca: fs.readFileSync(LOCALHOST_TLS.ca) } });
    after(() => dispatcher.close());

    async function raw(method: string, p: string, body?: unknown, contentType = 'application/json'): Promise<{ status: number; text: string }> {
      const r = await undici.request(`${s().api.url}${p}`, {
        method: method as 'GET',
        dispatcher,
        headers: { authorization: `Bearer ${STAGING_SECRET}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': contentType }) },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      return { status: r.statusCode, text: await r.body.text() };
    }

    it('a guessed field name in a request is refused with a 500 saying why, and recorded', async () => {
      allowViolations = true;
      const r = await raw('POST', '/api/v0/tokens', { description: 'guess', permissions: [{ action: 'read', resource: 'db' }], expirationType: 'noExpiration' });
      assert.strictEqual(r.status, 500);
      assert.match(r.text, /request body has the property \\"expirationType\\", which the document does not define/);
      const patch = await raw('PATCH', `/api/v0/tokens/${UNKNOWN_ID}`, { permissions: [{ action: 'read', database: 'db' }] });
      assert.strictEqual(patch.status, 500);
      assert.deepStrictEqual(
        s().api.violations.map((v) => [v.kind, v.errors.join('; ')]),
        [
          ['request', 'CreateDatabaseToken: request body has the property "expirationType", which the document does not define'],
          ['request', 'UpdateDatabaseToken: request body/permissions/0 has the property "database", which the document does not define'],
        ],
      );
    });

    it('wrong media type, query parameters, an empty PATCH, the Dedicated path on Clustered', async () => {
      allowViolations = true;
      assert.strictEqual((await raw('POST', '/api/v0/tokens', '{"description":"x"}', 'text/plain')).status, 500);
      assert.strictEqual((await raw('GET', '/api/v0/tokens?includeRevoked=true')).status, 500);
      assert.strictEqual((await raw('PATCH', `/api/v0/tokens/${UNKNOWN_ID}`, {})).status, 500);
      assert.strictEqual((await raw('GET', `/api/v0/accounts/${ACCOUNT_ID}/clusters/${CLUSTER_ID}/tokens`)).status, 404);
      assert.deepStrictEqual(
        s().api.violations.map((v) => v.kind),
        ['request', 'request', 'request', 'route'],
      );
      assert.match(s().api.violations[0].errors[0], /Content-Type "text\/plain" is not one of application\/json/);
      assert.match(s().api.violations[1].errors[0], /query parameter "includeRevoked" is not in the document/);
      assert.match(s().api.violations[2].errors[0], /must NOT have fewer than 1 properties/);
    });

    it('an answer of its own that the document does not allow becomes a 500 and is recorded', async () => {
      allowViolations = true;
      const file = s().statePath;
      const saved = fs.readFileSync(file, 'utf8');
      try {
        const broken = JSON.parse(saved);
        delete broken.clusters.staging.databaseTokens[0].createdAt;
        fs.writeFileSync(file, JSON.stringify(broken));
        const f = await failure(client(s()).listDatabaseTokens(), s());
        assert.deepStrictEqual([f.kind, 'status' in f && f.status], ['server', 500]);
        assert.match('detail' in f ? String(f.detail) : '', /does not match the OpenAPI document: GetDatabaseTokens: 200 answer\/0 lacks the required property "createdAt"/);
        assert.deepStrictEqual(
          s().api.violations.map((v) => v.kind),
          ['response'],
        );
      } finally {
        fs.writeFileSync(file, saved);
      }
    });
  });

  it('the demo (npm start): both profiles of its config.toml list database tokens through the stand-ins', async () => {
    const profiles = parseProfiles(fixtures.demoConfigWithLocalApis({ stagingPort: setups.clustered.api.port, caFile: LOCALHOST_TLS.ca }));
    const counts: Record<string, number> = {};
    for (const profile of profiles) {
      assert.ok(profile.mgmtToken, `${profile.name} has a mgmt_token`);
      const c = new ManagementApiClient(profile, profile.mgmtToken, { timeoutSeconds: 10, loadUndici, consoleBaseUrl: setups.dedicated.api.url, pools });
      counts[profile.name] = (await c.listDatabaseTokens()).length;
      assert.ok((await c.listDatabases()).length >= 2);
    }
    assert.ok(counts.default >= 5 && counts.staging >= 4, JSON.stringify(counts));
  });

  it('the stand-in as before, without a product: both path styles, old state files, faults from state.api', async () => {
    const file = path.join(dir, 'old-state.json');
    const issued = { id: '7e1d2c3b-4a59-4687-9a1b-2c3d4e5f6a7b', secret: 'M.V1.7e1dQz7OldSecretOfTheLocalProfile0123456789abcdefXYZ' };
    const old = { profiles: { local: { tokens: [{ id: issued.id, description: 'x', token_prefix: 'M.V1.7e1d', created_at: { seconds: 1 } }], issued: { [issued.id]: issued.secret } } } };
    fs.writeFileSync(file, JSON.stringify(old));
    const api = await stand.startFakeManagementApi({ statePath: file });
    try {
      const clustered = await testManagementToken(clusteredProfile(api.port, { disable: true }), issued.secret, { timeoutSeconds: 10, loadUndici });
      assert.deepStrictEqual(clustered, { kind: 'valid', databases: 2, url: `${api.url}/api/v0/databases` });
      const dedicated = await testManagementToken(dedicatedProfile(), issued.secret, { timeoutSeconds: 10, loadUndici, consoleBaseUrl: api.url });
      assert.strictEqual(dedicated.kind, 'valid');
      assert.deepStrictEqual(api.requests.map((r) => [r.method, r.accept, r.bearer, r.status]), [
        ['GET', 'application/json', true, 200],
        ['GET', 'application/json', true, 200],
      ]);
      fs.writeFileSync(file, JSON.stringify({ ...old, api: { status: 503 } }));
      const failing = await testManagementToken(clusteredProfile(api.port, { disable: true }), issued.secret, { timeoutSeconds: 10, loadUndici });
      assert.deepStrictEqual([failing.kind, 'status' in failing && failing.status], ['unexpected', 503]);
      assert.deepStrictEqual(api.violations, []);
    } finally {
      await api.close();
    }
  });

  it('testManagementToken against the Clustered stand-in over HTTPS with the CA', async () => {
    const s = setups.clustered;
    const r = await testManagementToken(s.profile, s.token, { timeoutSeconds: 10, loadUndici });
    assert.deepStrictEqual(r, { kind: 'valid', databases: 2, url: `${s.api.url}/api/v0/databases` });
  });
});
