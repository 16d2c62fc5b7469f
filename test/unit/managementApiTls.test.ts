// TLS is never weakened silently: [profile.tls] applies to a Clustered host
// only, plain HTTP to another machine and `insecure` need the caller's
// consent (nothing is sent without it), and the [profile.tls] files are
// regular files of bounded size, read under the request's timeout and
// cancellation, never cached when the read failed.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as https from 'https';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import type * as Undici from 'undici';
import {
  isManagementApiError,
  ManagementApiClient,
  ManagementApiPools,
  MAX_TLS_FILE_BYTES,
  testManagementToken,
  type ManagementApiClientOptions,
  type ManagementApiFailure,
  type TestManagementTokenOptions,
} from '../../src/core/managementApiHttp';
import type { TlsFileProblem } from '../../src/core/managementApiErrors';
import type { Profile, ProfileTls } from '../../src/core/types';
import { describeManagementApiFailure, describeManagementTokenTest } from '../../src/managementApi/managementApiText';

const FIXTURES = [path.resolve(__dirname, '../../../test/fixtures'), path.resolve(__dirname, '../fixtures'), path.resolve('test/fixtures')].find((p) => fs.existsSync(path.join(p, 'tls')))!;
const CERT_FILE = path.join(FIXTURES, 'tls', 'localhost.crt');
const KEY_FILE = path.join(FIXTURES, 'tls', 'localhost.key');
const TOKEN = 'M.V1.qZ3x9Lk2PbR7tYvWm4NcE1sHd8Ga6Uj0Of5Ti2Ky7Xw3';
const ACCOUNT = '0b8fbb2a-8f7b-4a1c-9d6e-2f1e4c3b5a69';
const CLUSTER = '5c3e8a1f-7d2b-4e6a-b9c0-1f2e3d4c5b6a';

let loads = 0;
const loadUndici = (): typeof Undici => {
  loads++;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- handed to the client as the lazily loaded bundle hands it
  return require('undici') as typeof Undici;
};

function clustered(host: string, port: number, tls: ProfileTls = {}): Profile {
  return { name: 'c', product: 'clustered', host, port: String(port), tls, hasOAuth2: false, index: 0, line: 0 };
}

function dedicated(tls?: ProfileTls): Profile {
  return { name: 'd', product: 'dedicated', accountId: ACCOUNT, clusterId: CLUSTER, tls, hasOAuth2: false, index: 0, line: 0 };
}

function verify(profile: Profile, extra: Partial<TestManagementTokenOptions> = {}): ReturnType<typeof testManagementToken> {
  return testManagementToken(profile, TOKEN, { timeoutSeconds: 10, loadUndici, ...extra });
}

async function clientFailure(call: Promise<unknown>): Promise<ManagementApiFailure> {
  try {
    await call;
  } catch (err) {
    assert.ok(isManagementApiError(err), String(err));
    return err.failure;
  }
  return assert.fail('the call did not fail');
}

function client(profile: Profile, extra: Partial<ManagementApiClientOptions> = {}): ManagementApiClient {
  return new ManagementApiClient(profile, TOKEN, { timeoutSeconds: 10, loadUndici, pools: new ManagementApiPools(), ...extra });
}

async function listen(server: http.Server, host = '127.0.0.1'): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

describe('TLS choices and [profile.tls] files', function () {
  this.timeout(15000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-files-'));
  const seen: string[] = [];
  const answer = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    seen.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('[]');
  };
  const secure = https.createServer({ cert: fs.readFileSync(CERT_FILE), key: fs.readFileSync(KEY_FILE) }, answer);
  secure.on('tlsClientError', () => undefined);
  const plain = http.createServer(answer);
  let securePort = 0;
  let plainPort = 0;

  before(async () => {
    securePort = await listen(secure);
    plainPort = await listen(plain, '0.0.0.0');
  });

  after(async () => {
    for (const s of [secure, plain]) {
      s.closeAllConnections();
      await new Promise<void>((r) => s.close(() => r()));
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('consent', () => {
    it('insecure = true is not used without consent: needsConsent naming the host, nothing sent, undici not loaded', async () => {
      const before = { seen: seen.length, loads };
      const p = clustered('127.0.0.1', securePort, { insecure: true });
      const r = await verify(p);
      assert.deepStrictEqual(r, { kind: 'needsConsent', consent: 'insecure', url: `https://127.0.0.1:${securePort}/api/v0/databases`, host: `127.0.0.1:${securePort}` });
      const f = await clientFailure(client(p).listDatabaseTokens());
      assert.deepStrictEqual(f, { kind: 'needsConsent', consent: 'insecure', url: `https://127.0.0.1:${securePort}/api/v0/tokens`, host: `127.0.0.1:${securePort}` });
      // Consent to plain HTTP is not consent to skip verification.
      assert.strictEqual((await verify(p, { tlsConsent: { plainHttp: true } })).kind, 'needsConsent');
      assert.deepStrictEqual({ seen: seen.length, loads }, before);
      assert.strictEqual((await verify(p, { tlsConsent: { insecure: true } })).kind, 'valid');
      // Only `true` weakens TLS: other values (a hand-made profile) keep the verification and HTTPS.
      const odd = clustered('127.0.0.1', securePort, { insecure: 'true' as unknown as boolean, disable: 'false' as unknown as boolean });
      const r2 = await verify(odd);
      assert.ok(r2.kind === 'tls' && r2.url.startsWith('https://'), JSON.stringify(r2));
    });

    it('plain HTTP (disable = true) to another machine needs consent; nothing is sent', async () => {
      const before = { seen: seen.length, loads };
      for (const host of ['cluster.example.com', '10.0.0.1', '128.0.0.1', '::2', '[2001:db8::1]', 'localhost.example.com', '127.0.0.1.example.com', '0.0.0.0']) {
        const p = clustered(host, 8086, { disable: true });
        const r = await verify(p);
        assert.strictEqual(r.kind, 'needsConsent', `${host}: ${JSON.stringify(r)}`);
        assert.ok(r.kind === 'needsConsent' && r.consent === 'plainHttp' && r.url.startsWith('http://') && r.host.endsWith(':8086'), JSON.stringify(r));
        const f = await clientFailure(client(p).createDatabaseToken({ description: 'x', permissions: [] }));
        assert.ok(f.kind === 'needsConsent' && f.consent === 'plainHttp', JSON.stringify(f));
      }
      assert.deepStrictEqual({ seen: seen.length, loads }, before);
    });

    it('plain HTTP to this machine (127.0.0.0/8, ::1, localhost) needs no consent', async () => {
      assert.strictEqual((await verify(clustered('127.0.0.1', plainPort, { disable: true }))).kind, 'valid');
      assert.strictEqual((await verify(clustered('127.0.0.2', plainPort, { disable: true }))).kind, 'valid');
      for (const host of ['localhost', '::1']) {
        const r = await verify(clustered(host, plainPort, { disable: true }), { timeoutSeconds: 3 });
        assert.notStrictEqual(r.kind, 'needsConsent', `${host}: ${JSON.stringify(r)}`);
      }
    });

    it('with consent, plain HTTP goes to another machine', async function () {
      const address = Object.values(os.networkInterfaces())
        .flat()
        .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
      if (!address) this.skip();
      const p = clustered(address!, plainPort, { disable: true });
      assert.strictEqual((await verify(p)).kind, 'needsConsent');
      const r = await verify(p, { tlsConsent: { plainHttp: true } });
      assert.deepStrictEqual(r, { kind: 'valid', databases: 0, url: `http://${address}:${plainPort}/api/v0/databases` });
      assert.deepStrictEqual(await client(p, { tlsConsent: { plainHttp: true } }).listDatabases(), []);
    });

    it('Cloud Dedicated ignores [profile.tls]: HTTPS to the console, default verification, no file read', async () => {
      const read: string[] = [];
      const readFile = async (file: string): Promise<Buffer> => {
        read.push(file);
        return fs.readFileSync(CERT_FILE);
      };
      const consoleBaseUrl = `https://127.0.0.1:${securePort}`;
      const before = seen.length;
      for (const tls of [{ insecure: true }, { ca: CERT_FILE }, { insecure: true, disable: true, ca: CERT_FILE, cert: CERT_FILE, key: KEY_FILE }] as ProfileTls[]) {
        const r = await verify(dedicated(tls), { consoleBaseUrl, readFile, tlsConsent: { insecure: true, plainHttp: true } });
        assert.strictEqual(r.kind, 'tls', `${JSON.stringify(tls)}: ${JSON.stringify(r)}`);
        assert.ok(r.url.startsWith('https://'), r.url);
        const f = await clientFailure(client(dedicated(tls), { consoleBaseUrl, readFile, tlsConsent: { insecure: true } }).listDatabaseTokens());
        assert.strictEqual(f.kind, 'tls', JSON.stringify(f));
      }
      assert.deepStrictEqual(read, []);
      assert.strictEqual(seen.length, before);
    });

    it('a Cloud Dedicated console over plain HTTP: this machine only, unless consented', async () => {
      assert.strictEqual((await verify(dedicated(), { consoleBaseUrl: `http://127.0.0.1:${plainPort}` })).kind, 'valid');
      const r = await verify(dedicated(), { consoleBaseUrl: 'http://console.example.com' });
      assert.ok(r.kind === 'needsConsent' && r.consent === 'plainHttp' && r.host === 'console.example.com', JSON.stringify(r));
    });
  });

  describe('[profile.tls] files', () => {
    const good = (): Profile => clustered('127.0.0.1', securePort, { ca: CERT_FILE });

    it('a FIFO as ca is refused at once, never opened (nothing hangs); the pool is not kept and a later request with a good ca works', async function () {
      if (process.platform === 'win32') this.skip();
      const fifo = path.join(dir, 'ca.fifo');
      execFileSync('mkfifo', [fifo]);
      const p = clustered('127.0.0.1', securePort, { ca: fifo });
      const r = await verify(p, { timeoutSeconds: 30 });
      assert.strictEqual(r.kind, 'misconfigured', JSON.stringify(r));
      assert.deepStrictEqual(r.kind === 'misconfigured' && r.problem, { code: 'tlsFile', file: { field: 'ca', file: fifo, code: 'notRegular', what: 'fifo' } });
      assert.match(describeManagementTokenTest(p.name, r), /\[profile\.tls\] ca .*ca\.fifo.* is a named pipe \(FIFO\)/);
      const pools = new ManagementApiPools();
      const f = await clientFailure(client(p, { pools, timeoutSeconds: 30 }).listDatabases());
      assert.strictEqual(f.kind, 'misconfigured');
      assert.strictEqual(pools.size, 0, 'a pool that could not be made is not kept');
      assert.deepStrictEqual(await client(good(), { pools }).listDatabases(), []);
      assert.strictEqual((await verify(good())).kind, 'valid');
      await pools.destroy();
    });

    it('a read that never ends: timeout, or cancelled, under the request’s own limits; the next request reads again and works', async () => {
      let reads = 0;
      let hang = true;
      const readFile = (): Promise<Buffer> => {
        reads++;
        return hang ? new Promise<Buffer>(() => undefined) : Promise.resolve(fs.readFileSync(CERT_FILE));
      };
      const p = clustered('127.0.0.1', securePort, { ca: '/virtual/ca.pem' });
      const r = await verify(p, { readFile, timeoutSeconds: 0.3 });
      assert.deepStrictEqual(r, { kind: 'timeout', url: `https://127.0.0.1:${securePort}/api/v0/databases`, seconds: 0.3 });

      const pools = new ManagementApiPools();
      const timedOut = await clientFailure(client(p, { pools, readFile, timeoutSeconds: 0.3 }).listDatabases());
      assert.strictEqual(timedOut.kind, 'timeout');
      assert.strictEqual(pools.size, 0);
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      const cancelled = await clientFailure(client(p, { pools, readFile, timeoutSeconds: 30 }).listDatabases(controller.signal));
      assert.strictEqual(cancelled.kind, 'cancelled');
      const aborted = new AbortController();
      setTimeout(() => aborted.abort(), 100);
      assert.strictEqual((await verify(p, { readFile, timeoutSeconds: 30, signal: aborted.signal })).kind, 'cancelled');

      // Two requests wait for one pool; the one making it gives up: the other makes it again.
      const first = new AbortController();
      const a = clientFailure(client(p, { pools, readFile, timeoutSeconds: 30 }).listDatabases(first.signal));
      const b = client(p, { pools, readFile, timeoutSeconds: 30 }).listDatabases();
      await new Promise((r2) => setTimeout(r2, 50));
      hang = false;
      first.abort();
      assert.strictEqual((await a).kind, 'cancelled');
      assert.deepStrictEqual(await b, []);
      const before = reads;
      assert.deepStrictEqual(await client(p, { pools, readFile }).listDatabases(), []);
      assert.strictEqual(reads, before, 'a pool that was made is kept');
      await pools.destroy();
    });

    it('/dev/zero, a directory, a file over the size limit: misconfigured, nothing sent, nothing kept', async function () {
      const big = path.join(dir, 'big.pem');
      fs.writeFileSync(big, `-----BEGIN CERTIFICATE-----\n${'A'.repeat(MAX_TLS_FILE_BYTES)}\n-----END CERTIFICATE-----\n`);
      const cases: [ProfileTls, TlsFileProblem, RegExp][] = [
        [{ ca: dir }, { field: 'ca', file: dir, code: 'notRegular', what: 'directory' }, /ca .* is a directory/],
        [{ ca: big }, { field: 'ca', file: big, code: 'tooLarge', maxBytes: MAX_TLS_FILE_BYTES }, /ca file .*big\.pem.* is larger than 1 MiB/],
        [{ cert: big, key: KEY_FILE }, { field: 'cert', file: big, code: 'tooLarge', maxBytes: MAX_TLS_FILE_BYTES }, /cert file .* is larger than 1 MiB/],
      ];
      if (process.platform !== 'win32') {
        cases.push(
          [{ ca: '/dev/zero' }, { field: 'ca', file: '/dev/zero', code: 'notRegular', what: 'device' }, /ca "\/dev\/zero" is a device/],
          [{ key: '/dev/null', cert: CERT_FILE }, { field: 'key', file: '/dev/null', code: 'notRegular', what: 'device' }, /key "\/dev\/null" is a device/],
        );
      }
      const before = seen.length;
      const pools = new ManagementApiPools();
      for (const [tls, file, message] of cases) {
        const p = clustered('127.0.0.1', securePort, tls);
        const r = await verify(p);
        assert.deepStrictEqual(r.kind === 'misconfigured' && r.problem, { code: 'tlsFile', file }, JSON.stringify(r));
        assert.match(describeManagementTokenTest(p.name, r), message);
        const f = await clientFailure(client(p, { pools }).listDatabases());
        assert.ok(f.kind === 'misconfigured' && JSON.stringify(f.problem) === JSON.stringify({ code: 'tlsFile', file }), JSON.stringify(f));
        assert.match(describeManagementApiFailure({ profileName: p.name, product: p.product, operation: 'listDatabases' }, f), message);
      }
      assert.strictEqual(pools.size, 0);
      assert.strictEqual(seen.length, before);
    });

    it('a reader given by the caller is held to the size limit too', async () => {
      const readFile = async (): Promise<Buffer> => Buffer.alloc(MAX_TLS_FILE_BYTES + 1, 0x41);
      const r = await verify(clustered('127.0.0.1', securePort, { ca: '/virtual/huge.pem' }), { readFile });
      assert.deepStrictEqual(r.kind === 'misconfigured' && r.problem, { code: 'tlsFile', file: { field: 'ca', file: '/virtual/huge.pem', code: 'tooLarge', maxBytes: MAX_TLS_FILE_BYTES } });
      assert.match(describeManagementTokenTest('p', r), /larger than 1 MiB/);
    });
  });
});
