import * as assert from 'assert';
import * as fs from 'fs';
import * as http from 'http';
import * as https from 'https';
import type { AddressInfo } from 'net';
import * as path from 'path';
import type * as Undici from 'undici';
import {
  ManagementApiConfigError,
  managementApiUrl,
  testManagementToken,
  type TestManagementTokenOptions,
  type ManagementTokenTestResult,
} from '../../src/core/managementApiHttp';
import type { ManagementApiConfigProblem } from '../../src/core/managementApiErrors';
import type { Profile } from '../../src/core/types';
import { describeManagementTokenTest } from '../../src/managementApi/managementApiText';

// The bundle runs from dist/test/unit; the sources may also be run in place.
const FIXTURES = [path.resolve(__dirname, '../../../test/fixtures'), path.resolve(__dirname, '../fixtures'), path.resolve('test/fixtures')].find((p) =>
  fs.existsSync(path.join(p, 'management-api')),
)!;
const CERT_FILE = path.join(FIXTURES, 'tls', 'localhost.crt');
const KEY_FILE = path.join(FIXTURES, 'tls', 'localhost.key');

// Shaped like a real management token; redacted by pattern and by value.
const TOKEN = 'M.V1.qZ3x9Lk2PbR7tYvWm4NcE1sHd8Ga6Uj0Of5Ti2Ky7Xw3';
// Not token-shaped at all: only redaction by known value catches it.
const PLAIN_TOKEN = 'qwzx-plain-kjvb-lower-mnbt-value-ptlx';

type Product = 'dedicated' | 'clustered';

/** What the official spec says a `GET …/databases` request looks like. */
interface SpecRequest {
  basePath: string;
  template: string;
  pattern: RegExp;
  params: string[];
  scheme: string;
}

function readSpec(product: Product): SpecRequest {
  const file = path.join(FIXTURES, 'management-api', `${product === 'dedicated' ? 'cloud-dedicated' : 'clustered'}.openapi.yml`);
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
  // servers: - url: https://{baseurl}/api/v0
  const server = lines.map((l) => /^\s+- url: https?:\/\/\{baseurl\}(\/\S*)\s*$/.exec(l)).find(Boolean);
  assert.ok(server, `${file}: no servers url`);
  const basePath = server[1];
  // The list path: a top-level path ending in /databases with a `get:` operation.
  let template: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const m = /^ {2}(\/\S*\/databases|\/databases):\s*$/.exec(lines[i]);
    if (!m) continue;
    for (let j = i + 1; j < lines.length && !/^ {2}\S/.test(lines[j]); j++) {
      if (/^ {4}get:\s*$/.test(lines[j])) template = m[1];
    }
    if (template) break;
  }
  assert.ok(template, `${file}: no GET …/databases path`);
  // Global security and the management-token scheme: HTTP bearer.
  const security = lines.findIndex((l) => /^security:\s*$/.test(l));
  assert.ok(security >= 0 && /^\s+- bearerAuthManagementToken:/.test(lines[security + 1]), `${file}: security`);
  const schemeAt = lines.findIndex((l) => /^ {4}bearerAuthManagementToken:\s*$/.test(l));
  assert.ok(schemeAt >= 0, `${file}: no bearerAuthManagementToken scheme`);
  const schemeLines = lines.slice(schemeAt + 1, schemeAt + 5).join('\n');
  assert.match(schemeLines, /type: http/);
  const scheme = /scheme: (\S+)/.exec(schemeLines)![1];
  const params: string[] = [];
  const source = (basePath + template).replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, name: string) => {
    params.push(name);
    return '([^/?#]+)';
  });
  return { basePath, template, pattern: new RegExp(`^${source}$`), params, scheme };
}

const SPEC: Record<Product, SpecRequest> = { dedicated: readSpec('dedicated'), clustered: readSpec('clustered') };

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

interface TestServer {
  port: number;
  seen: Seen[];
  product: Product;
  token: string;
  server: http.Server;
}

const servers: TestServer[] = [];

async function listen(server: http.Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

async function startServer(options: { product: Product; tls?: boolean; token?: string; handler: Handler }): Promise<TestServer> {
  const seen: Seen[] = [];
  const handler: Handler = (req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    options.handler(req, res);
  };
  const server = options.tls
    ? https.createServer({ cert: fs.readFileSync(CERT_FILE), key: fs.readFileSync(KEY_FILE) }, handler)
    : http.createServer(handler);
  // A failed TLS handshake is the client's business.
  server.on('tlsClientError', () => undefined);
  const port = await listen(server);
  const s = { port, seen, product: options.product, token: options.token ?? TOKEN, server };
  servers.push(s);
  return s;
}

function json(status: number, body: unknown): Handler {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
}

const THREE_DATABASES = [
  { name: 'DatabaseOne', maxTables: 500, maxColumnsPerTable: 200, retentionPeriod: 0 },
  { name: 'DatabaseTwo', maxTables: 100, maxColumnsPerTable: 50, retentionPeriod: 300000000000 },
  { name: 'DatabaseThree', maxTables: 10, maxColumnsPerTable: 10, retentionPeriod: 0 },
];

function clustered(port: number, tls: Profile['tls'] = {}): Profile {
  return { name: 'onprem', product: 'clustered', host: '127.0.0.1', port: String(port), tls, hasOAuth2: false, index: 0, line: 0 };
}

// UUIDs as the console shows them; the upper case of one is sent lower-cased.
const ACCOUNT = '0B8FBB2A-8F7B-4A1C-9D6E-2F1E4C3B5A69';
const CLUSTER = '5c3e8a1f-7d2b-4e6a-b9c0-1f2e3d4c5b6a';

function dedicated(overrides: Partial<Profile> = {}): Profile {
  return { name: 'prod', product: 'dedicated', accountId: ACCOUNT, clusterId: CLUSTER, hasOAuth2: false, index: 0, line: 0, ...overrides };
}

let undiciLoads = 0;
function options(extra: Partial<TestManagementTokenOptions> = {}): TestManagementTokenOptions {
  return {
    timeoutSeconds: 10,
    loadUndici: () => {
      undiciLoads++;
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the client is handed undici as the lazily loaded bundle hands it
      return require('undici') as typeof Undici;
    },
    ...extra,
  };
}

/** Every string the result holds, for leak checks. */
function strings(r: ManagementTokenTestResult): string {
  return JSON.stringify(r);
}

function assertNoToken(text: string, token = TOKEN): void {
  const random = token.startsWith('M.V') ? token.slice(9) : token;
  for (let i = 0; i + 8 <= random.length; i++) {
    assert.ok(!text.includes(random.slice(i, i + 8)), `token piece ${JSON.stringify(random.slice(i, i + 8))} leaked in ${text}`);
  }
}

describe('managementApi', function () {
  this.timeout(10000);

  before(() => {
    assert.ok(FIXTURES, 'test/fixtures not found');
  });

  // Every request that reached a server must be what the spec describes.
  afterEach(() => {
    for (const s of servers) {
      const spec = SPEC[s.product];
      for (const req of s.seen) {
        assert.strictEqual(req.method, 'GET');
        const m = spec.pattern.exec(req.url);
        assert.ok(m, `${req.url} does not match ${spec.basePath}${spec.template}`);
        if (s.product === 'dedicated') {
          assert.deepStrictEqual(spec.params, ['accountId', 'clusterId']);
          assert.strictEqual(m[1], ACCOUNT.toLowerCase());
          assert.strictEqual(m[2], CLUSTER);
        }
        assert.strictEqual(spec.scheme, 'bearer');
        assert.strictEqual(req.headers.authorization, `Bearer ${s.token}`);
        assert.strictEqual(req.headers.accept, 'application/json');
        for (const [name, value] of Object.entries(req.headers)) {
          if (name !== 'authorization') assertNoToken(String(value), s.token);
        }
      }
      s.seen.length = 0;
    }
  });

  after(async () => {
    await Promise.all(
      servers.map(
        (s) =>
          new Promise<void>((resolve) => {
            s.server.closeAllConnections();
            s.server.close(() => resolve());
          }),
      ),
    );
  });

  describe('the OpenAPI fixtures', () => {
    it('give the list paths and bearer auth of both products', () => {
      assert.strictEqual(SPEC.clustered.basePath, '/api/v0');
      assert.strictEqual(SPEC.clustered.template, '/databases');
      assert.strictEqual(SPEC.dedicated.basePath, '/api/v0');
      assert.strictEqual(SPEC.dedicated.template, '/accounts/{accountId}/clusters/{clusterId}/databases');
      assert.strictEqual(SPEC.dedicated.scheme, 'bearer');
    });
  });

  describe('managementApiUrl', () => {
    it('Cloud Dedicated: console URL with the account and cluster UUIDs, lower-cased', () => {
      const url = managementApiUrl(dedicated());
      assert.strictEqual(url, `https://console.influxdata.com/api/v0/accounts/${ACCOUNT.toLowerCase()}/clusters/${CLUSTER}/databases`);
      assert.strictEqual(
        managementApiUrl(dedicated(), 'http://127.0.0.1:9/'),
        `http://127.0.0.1:9/api/v0/accounts/${ACCOUNT.toLowerCase()}/clusters/${CLUSTER}/databases`,
      );
    });

    it('Clustered: https, the port only when set, http with tls.disable', () => {
      const p = clustered(8443);
      assert.strictEqual(managementApiUrl(p), 'https://127.0.0.1:8443/api/v0/databases');
      assert.strictEqual(managementApiUrl({ ...p, host: 'cluster-host.com', port: undefined }), 'https://cluster-host.com/api/v0/databases');
      assert.strictEqual(managementApiUrl({ ...p, tls: { disable: true } }), 'http://127.0.0.1:8443/api/v0/databases');
      assert.strictEqual(managementApiUrl({ ...p, host: '::1' }), 'https://[::1]:8443/api/v0/databases');
    });

    it('throws ManagementApiConfigError for profiles it cannot use', () => {
      assert.throws(() => managementApiUrl(dedicated({ clusterId: undefined })), ManagementApiConfigError);
      assert.throws(() => managementApiUrl({ ...clustered(1), host: undefined }), ManagementApiConfigError);
      assert.throws(() => managementApiUrl({ ...clustered(1), product: undefined }), ManagementApiConfigError);
    });
  });

  describe('Clustered over HTTPS with a self-signed certificate', () => {
    let s: TestServer;
    before(async () => {
      s = await startServer({ product: 'clustered', tls: true, handler: json(200, THREE_DATABASES) });
    });

    it('is a TLS failure by default', async () => {
      const r = await testManagementToken(clustered(s.port), TOKEN, options());
      assert.strictEqual(r.kind, 'tls', strings(r));
      assert.strictEqual(r.url, `https://127.0.0.1:${s.port}/api/v0/databases`);
      assert.ok(r.codes.includes('DEPTH_ZERO_SELF_SIGNED_CERT'), strings(r));
      assert.match(r.message ?? '', /self-signed/);
      assert.strictEqual(s.seen.length, 0);
      const text = describeManagementTokenTest('onprem', r);
      assert.match(text, /the server presents a self-signed certificate \(DEPTH_ZERO_SELF_SIGNED_CERT\)/);
      assert.match(text, /\[profile\.tls\] ca = /);
      assert.doesNotMatch(text, /insecure/, 'never advice to turn verification off');
      assertNoToken(text);
    });

    it('works with tls.insecure = true and the consent to it', async () => {
      const r = await testManagementToken(clustered(s.port, { insecure: true }), TOKEN, options({ tlsConsent: { insecure: true } }));
      assert.deepStrictEqual(r, { kind: 'valid', databases: 3, url: `https://127.0.0.1:${s.port}/api/v0/databases` });
      assert.strictEqual(s.seen.length, 1);
    });

    it('works with tls.ca naming the certificate', async () => {
      const r = await testManagementToken(clustered(s.port, { ca: CERT_FILE }), TOKEN, options());
      assert.deepStrictEqual(r, { kind: 'valid', databases: 3, url: `https://127.0.0.1:${s.port}/api/v0/databases` });
    });

    it('reads tls.ca through options.readFile', async () => {
      const asked: string[] = [];
      const readFile = async (p: string): Promise<Buffer> => {
        asked.push(p);
        return fs.readFileSync(CERT_FILE);
      };
      const r = await testManagementToken(clustered(s.port, { ca: '/virtual/ca.pem' }), TOKEN, options({ readFile }));
      assert.strictEqual(r.kind, 'valid', strings(r));
      assert.deepStrictEqual(asked, ['/virtual/ca.pem']);
    });

    it('an unreadable tls.ca file is a misconfiguration', async () => {
      const r = await testManagementToken(clustered(s.port, { ca: path.join(FIXTURES, 'tls', 'missing.pem') }), TOKEN, options());
      assert.strictEqual(r.kind, 'misconfigured', strings(r));
      assert.ok(r.problem.code === 'tlsFile' && r.problem.file.code === 'unreadable' && r.problem.file.errno === 'ENOENT' && r.problem.file.field === 'ca', strings(r));
      assert.match(describeManagementTokenTest('onprem', r), /ca file .*missing\.pem.*does not exist/);
    });

    it('plain HTTP to the HTTPS port (tls.disable by mistake) is a network failure', async () => {
      const r = await testManagementToken(clustered(s.port, { disable: true }), TOKEN, options());
      assert.strictEqual(r.kind, 'network', strings(r));
      assert.ok(r.url.startsWith('http://'));
    });
  });

  describe('answers', () => {
    it('Clustered with tls.disable over plain HTTP: 3 databases', async () => {
      const s = await startServer({ product: 'clustered', handler: json(200, THREE_DATABASES) });
      const r = await testManagementToken(clustered(s.port, { disable: true, ca: '/not/read' }), TOKEN, options());
      assert.deepStrictEqual(r, { kind: 'valid', databases: 3, url: `http://127.0.0.1:${s.port}/api/v0/databases` });
      assert.strictEqual(s.seen.length, 1);
      const text = describeManagementTokenTest('onprem', r);
      assert.strictEqual(text, 'The management token of "onprem" works: 3 databases.');
    });

    it('HTTPS client to a plain HTTP server is a TLS failure that does not advise plain HTTP', async () => {
      const s = await startServer({ product: 'clustered', handler: json(200, THREE_DATABASES) });
      const r = await testManagementToken(clustered(s.port), TOKEN, options());
      assert.strictEqual(r.kind, 'tls', strings(r));
      assert.ok(r.codes.includes('ERR_SSL_WRONG_VERSION_NUMBER'), strings(r));
      const text = describeManagementTokenTest('onprem', r);
      assert.match(text, /does not speak TLS on that port \(ERR_SSL_WRONG_VERSION_NUMBER\)/);
      assert.doesNotMatch(text, /disable = true|insecure = true/);
    });

    it('Cloud Dedicated through consoleBaseUrl, IDs lower-cased', async () => {
      const s = await startServer({ product: 'dedicated', handler: json(200, THREE_DATABASES) });
      const r = await testManagementToken(dedicated(), TOKEN, options({ consoleBaseUrl: `http://127.0.0.1:${s.port}` }));
      assert.strictEqual(r.kind, 'valid', strings(r));
      assert.strictEqual(r.databases, 3);
      assert.strictEqual(s.seen.length, 1);
      assert.strictEqual(s.seen[0].url, `/api/v0/accounts/${ACCOUNT.toLowerCase()}/clusters/${CLUSTER}/databases`);
    });

    it('an empty list is valid with 0 databases', async () => {
      const s = await startServer({ product: 'clustered', handler: json(200, []) });
      const r = await testManagementToken(clustered(s.port, { disable: true }), TOKEN, options());
      assert.deepStrictEqual(r, { kind: 'valid', databases: 0, url: `http://127.0.0.1:${s.port}/api/v0/databases` });
      assert.strictEqual(describeManagementTokenTest('x', r), 'The management token of "x" works: 0 databases.');
    });

    for (const status of [401, 403] as const) {
      it(`${status} is rejected`, async () => {
        const s = await startServer({ product: 'clustered', handler: json(status, { code: status, message: 'the token is not valid' }) });
        const r = await testManagementToken(clustered(s.port, { disable: true }), TOKEN, options());
        assert.deepStrictEqual(r, {
          kind: 'rejected',
          status,
          url: `http://127.0.0.1:${s.port}/api/v0/databases`,
          detail: `${status}: the token is not valid`,
        });
        const text = describeManagementTokenTest('prod', r);
        assert.ok(text.startsWith(`The management token of "prod" was ${status === 401 ? 'rejected' : 'refused'} (${status})`), text);
        assert.match(text, status === 401 ? /Create a new one or set another mgmt_token\.$/ : /Check account_id and cluster_id/);
        assertNoToken(text);
      });
    }

    it('404 is notFound', async () => {
      const s = await startServer({ product: 'dedicated', handler: json(404, { code: 404, message: 'cluster not found' }) });
      const r = await testManagementToken(dedicated(), TOKEN, options({ consoleBaseUrl: `http://127.0.0.1:${s.port}/` }));
      assert.strictEqual(r.kind, 'notFound', strings(r));
      assert.strictEqual(r.detail, '404: cluster not found');
      assert.match(describeManagementTokenTest('prod', r), /check account_id and cluster_id/);
    });

    for (const token of [TOKEN, PLAIN_TOKEN]) {
      it(`500 is unexpected, with the echoed token redacted from the detail (${token === TOKEN ? 'token-shaped' : 'plain'})`, async () => {
        const s = await startServer({
          product: 'clustered',
          token,
          handler: (req, res) => {
            res.writeHead(500, { 'content-type': 'text/plain' });
            res.end(`internal error for ${req.headers.authorization} (token ${token}) ${'x'.repeat(5000)}`);
          },
        });
        const r = await testManagementToken(clustered(s.port, { disable: true }), token, options());
        assert.strictEqual(r.kind, 'unexpected', strings(r));
        assert.strictEqual(r.status, 500);
        const excerpt = r.problem.code === 'status' ? r.problem.excerpt : undefined;
        assert.ok(excerpt && excerpt.length <= 200, strings(r));
        assert.match(excerpt, /^internal error for Bearer /);
        assertNoToken(strings(r), token);
        const text = describeManagementTokenTest('onprem', r);
        assert.match(text, /failed with 500 at .* \(the server said: "internal error for Bearer /);
        assert.match(text, /Try again later/);
        assertNoToken(text, token);
      });
    }

    it('a token cut off at the 200-character limit is still hidden', async () => {
      const s = await startServer({
        product: 'clustered',
        token: PLAIN_TOKEN,
        handler: (_req, res) => {
          res.writeHead(502);
          res.end(`${'y'.repeat(180)} ${PLAIN_TOKEN}`);
        },
      });
      const r = await testManagementToken(clustered(s.port, { disable: true }), PLAIN_TOKEN, options());
      assert.strictEqual(r.kind, 'unexpected', strings(r));
      assertNoToken(strings(r), PLAIN_TOKEN);
    });

    it('200 with a JSON object, or with HTML, is unexpected', async () => {
      const obj = await startServer({ product: 'clustered', handler: json(200, { databases: [] }) });
      const r1 = await testManagementToken(clustered(obj.port, { disable: true }), TOKEN, options());
      assert.strictEqual(r1.kind, 'unexpected', strings(r1));
      assert.strictEqual(r1.status, 200);
      assert.deepStrictEqual(r1.problem, { code: 'shape', answer: 'databaseList', field: '', problem: { code: 'topLevel', expected: 'array', value: { type: 'object' } } });
      assert.match(describeManagementTokenTest('onprem', r1), /\(the server said: "expected a JSON array of databases, got an object"\), not a list of databases/);
      const html = await startServer({
        product: 'clustered',
        handler: (_req, res) => {
          res.writeHead(200, { 'content-type': 'text/html' });
          res.end('<html><body><h1>Welcome</h1></body></html>');
        },
      });
      const r2 = await testManagementToken(clustered(html.port, { disable: true }), TOKEN, options());
      assert.strictEqual(r2.kind, 'unexpected', strings(r2));
      assert.deepStrictEqual(r2.problem, { code: 'notJson', excerpt: 'Welcome' });
      assert.match(describeManagementTokenTest('onprem', r2), /point at the Management API/);
    });

    it('a redirect is unexpected and says where to', async () => {
      const s = await startServer({
        product: 'clustered',
        handler: (_req, res) => {
          res.writeHead(302, { location: 'https://login.example.com/' });
          res.end();
        },
      });
      const r = await testManagementToken(clustered(s.port, { disable: true }), TOKEN, options());
      assert.deepStrictEqual(r, {
        kind: 'unexpected',
        status: 302,
        url: `http://127.0.0.1:${s.port}/api/v0/databases`,
        problem: { code: 'status', status: 302, location: 'https://login.example.com/' },
      });
      assert.match(describeManagementTokenTest('onprem', r), /answered 302 at .* \(the server said: "redirects to https:\/\/login\.example\.com\/"\), not a list of databases/);
    });
  });

  describe('failures before an answer', () => {
    it('a server that never answers times out after timeoutSeconds', async () => {
      const s = await startServer({ product: 'clustered', handler: () => undefined });
      const started = Date.now();
      const r = await testManagementToken(clustered(s.port, { disable: true }), TOKEN, options({ timeoutSeconds: 1 }));
      const elapsed = Date.now() - started;
      assert.deepStrictEqual(r, { kind: 'timeout', url: `http://127.0.0.1:${s.port}/api/v0/databases`, seconds: 1 });
      assert.ok(elapsed >= 900 && elapsed < 2000, `${elapsed} ms`);
      assert.match(describeManagementTokenTest('onprem', r), /did not answer within 1 second for "onprem".*timeoutSeconds/);
    });

    it('a refused connection is a network failure', async () => {
      const server = http.createServer();
      const port = await listen(server);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      const r = await testManagementToken(clustered(port, { disable: true }), TOKEN, options());
      assert.strictEqual(r.kind, 'network', strings(r));
      assert.ok(r.codes.includes('ECONNREFUSED'), strings(r));
      const text = describeManagementTokenTest('onprem', r);
      assert.match(text, /^Could not reach http:\/\/127\.0\.0\.1:\d+\/api\/v0\/databases for "onprem": the connection was refused.*\(ECONNREFUSED\)\. Check host and port/);
    });

    it('cancellation resolves with cancelled, never rejects', async () => {
      const s = await startServer({ product: 'clustered', handler: () => undefined });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      const r = await testManagementToken(clustered(s.port, { disable: true }), TOKEN, options({ signal: controller.signal, timeoutSeconds: 30 }));
      assert.deepStrictEqual(r, { kind: 'cancelled', url: `http://127.0.0.1:${s.port}/api/v0/databases` });
      const aborted = new AbortController();
      aborted.abort();
      const before = s.seen.length;
      assert.deepStrictEqual(await testManagementToken(clustered(s.port, { disable: true }), TOKEN, options({ signal: aborted.signal })), { kind: 'cancelled' });
      assert.strictEqual(s.seen.length, before, 'nothing sent');
    });
  });

  describe('misconfigured profiles', () => {
    const cases: [string, Profile, ManagementApiConfigProblem, RegExp][] = [
      ['dedicated without account_id', dedicated({ accountId: undefined }), { code: 'origin', origin: { field: 'account_id', reason: 'missing' } }, /no account_id; set account_id and cluster_id/],
      ['dedicated without either ID', dedicated({ accountId: '', clusterId: undefined }), { code: 'origin', origin: { field: 'account_id', reason: 'missing' } }, /no account_id; set account_id and cluster_id/],
      ['clustered without host', { ...clustered(443), host: undefined }, { code: 'origin', origin: { field: 'host', reason: 'missing' } }, /no host; set host/],
      ['no product', { ...clustered(443), product: undefined }, { code: 'origin', origin: { field: 'product', reason: 'missing' } }, /no product; set product = "dedicated"/],
      ['an unknown product', { ...clustered(443), product: 'serverless' }, { code: 'origin', origin: { field: 'product', reason: 'unknown', value: 'serverless' } }, /"serverless" is unknown/],
      ['a bad port', { ...clustered(443), port: 'https' }, { code: 'origin', origin: { field: 'port', reason: 'notPort', value: 'https' } }, /port "https" is not a port number/],
      ['a cert without a key', clustered(443, { cert: CERT_FILE }), { code: 'tlsPair', has: 'cert' }, /has cert but no key/],
    ];
    for (const [name, profile, problem, message] of cases) {
      it(name, async () => {
        const before = undiciLoads;
        const r = await testManagementToken(profile, TOKEN, options());
        assert.strictEqual(r.kind, 'misconfigured', strings(r));
        assert.deepStrictEqual(r.problem, problem);
        assert.strictEqual(undiciLoads, before, 'undici must not be loaded for a misconfigured profile');
        const text = describeManagementTokenTest(profile.name, r);
        assert.match(text, message);
        assert.ok(text.startsWith(`Cannot test the management token of "${profile.name}": `), text);
        assertNoToken(text);
      });
    }

    it('an empty or multi-line token', async () => {
      const r1 = await testManagementToken(clustered(443), '', options());
      assert.deepStrictEqual(r1, { kind: 'misconfigured', problem: { code: 'tokenEmpty' } });
      assert.match(describeManagementTokenTest('p', r1), /: the management token is empty; set mgmt_token or pick a token with a stored secret\.$/);
      const r2 = await testManagementToken(clustered(443), `${TOKEN}\n`, options());
      assert.deepStrictEqual(r2, { kind: 'misconfigured', problem: { code: 'tokenCharacters' } });
      assertNoToken(strings(r2));
      assertNoToken(describeManagementTokenTest('p', r2));
    });
  });

  describe('describeManagementTokenTest', () => {
    const url = 'https://console.influxdata.com/api/v0/accounts/a/clusters/c/databases';
    const all: ManagementTokenTestResult[] = [
      { kind: 'valid', databases: 1, url },
      { kind: 'rejected', status: 401, url, detail: `bad token ${TOKEN}` },
      { kind: 'rejected', status: 403, url },
      { kind: 'notFound', status: 404, url },
      { kind: 'unexpected', status: 500, url, problem: { code: 'status', status: 500, excerpt: `boom ${TOKEN}` } },
      { kind: 'unexpected', status: 418, url, problem: { code: 'status', status: 418 } },
      { kind: 'tls', url, codes: ['CERT_HAS_EXPIRED'], message: 'certificate has expired' },
      { kind: 'network', url, codes: ['ENOTFOUND'], message: 'getaddrinfo ENOTFOUND console.influxdata.com' },
      { kind: 'timeout', url, seconds: 30 },
      { kind: 'misconfigured', problem: { code: 'origin', origin: { field: 'host', reason: 'missing' } } },
      { kind: 'unexpected', status: 200, url, problem: { code: 'tooLarge', limitBytes: 1 } },
    ];
    it('is one sentence per kind with a next step, and never shows a token', () => {
      const nextStep = /Create|Check|check|Set|set|Try|raise/;
      for (const r of all) {
        const text = describeManagementTokenTest('prod', r);
        assert.ok(text.includes('"prod"'), text);
        assert.ok(text.endsWith('.'), text);
        if (r.kind !== 'valid') assert.match(text, nextStep);
        assertNoToken(text);
      }
      assert.strictEqual(describeManagementTokenTest('prod', all[0]), 'The management token of "prod" works: 1 database.');
      assert.match(describeManagementTokenTest('prod', all[8]), /within 30 seconds/);
    });
  });
});
