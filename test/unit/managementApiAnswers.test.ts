// The Management API's odd answers and the client's own edges: Test
// Management Token always resolves; a wrong-shaped answer names its field
// (whatever redaction does) and no secret; a token list with one ID twice is
// refused; control characters never leave in a description; a create keeps
// the only copy of a secret whatever else is odd; long timeouts are clamped.
import * as assert from 'assert';
import * as http from 'http';
import type { AddressInfo } from 'net';
import type * as Undici from 'undici';
import { isManagementApiError, ManagementApiClient, ManagementApiPools, testManagementToken, type ManagementApiFailure } from '../../src/core/managementApiHttp';
import { redactSecrets } from '../../src/core/redact';
import type { Profile } from '../../src/core/types';
import { describeManagementApiFailure } from '../../src/managementApi/managementApiText';
import { assertNoSecret } from './managementApiSpec';

const TOKEN = 'M.V1.qZ3x9Lk2PbR7tYvWm4NcE1sHd8Ga6Uj0Of5Ti2Ky7Xw3';
const SECRET = `apiv1_${'Qx7Lm2Pz9Rt4Wb/+'.repeat(6)}`;
const ID = '55555555-5555-4555-8555-555555555555';
const OTHER_ID = '66666666-6666-4666-8666-666666666666';

const loadUndici = (): typeof Undici => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- handed to the client as the lazily loaded bundle hands it
  return require('undici') as typeof Undici;
};

interface Reply {
  status?: number;
  contentType?: string;
  body: string;
  delayMs?: number;
}

function token(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: ID, description: 'ci', permissions: [{ action: 'read', resource: 'db' }], createdAt: '2024-01-02T03:04:05Z', ...extra };
}

describe('Management API answers and edges', function () {
  this.timeout(15000);
  let reply: Reply = { body: '[]' };
  const seen: { method: string; url: string; body: string }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', body });
      const send = (): void => {
        res.writeHead(reply.status ?? 200, { 'content-type': reply.contentType ?? 'application/json' });
        res.end(reply.body);
      };
      if (reply.delayMs) setTimeout(send, reply.delayMs);
      else send();
    });
  });
  let profile: Profile;
  const pools = new ManagementApiPools();
  const errors: string[] = [];

  before(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as AddressInfo).port;
    profile = { name: 'c', product: 'clustered', host: '127.0.0.1', port: String(port), tls: { disable: true }, hasOAuth2: false, index: 0, line: 0 };
  });

  after(async () => {
    await pools.destroy();
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
    const all = errors.join('\n');
    assertNoSecret(all, SECRET);
    assertNoSecret(all, TOKEN);
  });

  function client(extra: Partial<ConstructorParameters<typeof ManagementApiClient>[2]> = {}, p: Profile = profile): ManagementApiClient {
    return new ManagementApiClient(p, TOKEN, { timeoutSeconds: 10, loadUndici, pools, ...extra });
  }

  async function failure(call: Promise<unknown>): Promise<ManagementApiFailure> {
    try {
      await call;
    } catch (err) {
      assert.ok(isManagementApiError(err), `not a ManagementApiError: ${String(err)}`);
      errors.push(err.message, JSON.stringify(err.failure));
      return err.failure;
    }
    return assert.fail('the call did not fail');
  }

  describe('Test Management Token always resolves', () => {
    it('a console URL that new URL refuses, a loadUndici that throws, odd timeouts: results, never rejections', async () => {
      const dedicated: Profile = { name: 'd', product: 'dedicated', accountId: ID, clusterId: OTHER_ID, hasOAuth2: false, index: 0, line: 0 };
      for (const consoleBaseUrl of ['http://[', 'https://console.example.com:99999', 'https://user:pw@console.example.com', 'https://con sole.example.com', 'ftp://x']) {
        const r = await testManagementToken(dedicated, TOKEN, { timeoutSeconds: 5, loadUndici, consoleBaseUrl });
        assert.strictEqual(r.kind, 'misconfigured', `${consoleBaseUrl}: ${JSON.stringify(r)}`);
      }
      const broken = (): typeof Undici => {
        throw new TypeError('undici bundle missing');
      };
      const r = await testManagementToken(profile, TOKEN, { timeoutSeconds: 5, loadUndici: broken });
      assert.strictEqual(r.kind, 'unexpected', JSON.stringify(r));
      assert.ok(r.kind === 'unexpected' && r.status === 0 && (r.problem.code === 'failed' || r.problem.code === 'notPrepared') && /undici bundle missing/.test(r.problem.error), JSON.stringify(r));
      const f = await failure(new ManagementApiClient(profile, TOKEN, { timeoutSeconds: 5, loadUndici: broken, pools: new ManagementApiPools() }).listDatabases());
      assert.strictEqual(f.kind, 'unexpected');
      reply = { body: '[]' };
      for (const timeoutSeconds of [Number.NaN, -1, 0]) {
        assert.strictEqual((await testManagementToken(profile, TOKEN, { timeoutSeconds, loadUndici })).kind, 'valid', String(timeoutSeconds));
      }
      assert.strictEqual((await testManagementToken(profile, undefined as unknown as string, { timeoutSeconds: 5, loadUndici })).kind, 'misconfigured');
    });
  });

  describe('answers', () => {
    it('a token list with one ID twice is refused, naming the ID (also written in another case)', async () => {
      for (const second of [ID, ID.toUpperCase()]) {
        reply = { body: JSON.stringify([token(), token({ id: OTHER_ID }), token({ id: second, revokedAt: '2024-02-01T00:00:00Z' })]) };
        const f = await failure(client().listDatabaseTokens());
        assert.strictEqual(f.kind, 'unexpected');
        assert.deepStrictEqual(f.kind === 'unexpected' && f.problem, { code: 'shape', answer: 'databaseTokenList', field: '[2].id', problem: { code: 'repeatedId', id: second, first: 0 } });
        const text = describeManagementApiFailure({ profileName: 'p', operation: 'listDatabaseTokens' }, f);
        assert.ok(text.includes('"[2].id"') && text.includes(second) && text.includes('[0]'), text);
      }
    });

    it('a wrong-shaped answer names the field, also after redaction, and shows no secret', async () => {
      const cases: [() => Promise<unknown>, Reply, string][] = [
        [() => client().getDatabaseToken(ID), { body: JSON.stringify(token({ permissions: [{ action: 5, resource: 'db' }] })) }, 'permissions[0].action'],
        [() => client().updateDatabaseToken(ID, { description: 'x' }), { body: JSON.stringify(token({ createdAt: SECRET.slice(0, 30) })) }, 'createdAt'],
        [() => client().listDatabaseTokens(), { body: JSON.stringify([token({ description: { token: SECRET } })]) }, '[0].description'],
        [() => client().createDatabaseToken({ description: 'x', permissions: [] }), { body: JSON.stringify(token()) }, 'accessToken'],
        [() => client().createDatabaseToken({ description: 'x', permissions: [] }), { body: JSON.stringify(token({ accessToken: 'apiv1_tooShortToBeOne123' })) }, 'accessToken'],
        [() => client().createDatabaseToken({ description: 'x', permissions: [] }), { body: JSON.stringify(token({ accessToken: 12345 })) }, 'accessToken'],
      ];
      for (const [call, r, field] of cases) {
        reply = r;
        const f = await failure(call());
        assert.strictEqual(f.kind, 'unexpected', JSON.stringify(f));
        assert.ok(f.kind === 'unexpected' && f.problem.code === 'shape' && f.problem.field === field, JSON.stringify(f));
        const detail = describeManagementApiFailure({ profileName: 'p', operation: 'createDatabaseToken' }, f);
        assert.ok(detail.includes(`"${field}"`), `${field} not named in ${detail}`);
        assert.ok(redactSecrets(detail).includes(`"${field}"`), `${field} lost to a second redaction: ${redactSecrets(detail)}`);
        assert.ok(!detail.includes('Qx7Lm2Pz') && !detail.includes('tooShortToBeOne') && !detail.includes('12345'), detail);
      }
    });

    it('C0 and C1 control characters in a description are refused before sending (create and update), naming the field', async () => {
      const before = seen.length;
      for (const c of ['\u0000', '\u001b', '\u007f', '\u0085', '\u009b', '\u0090']) {
        for (const call of [
          () => client().createDatabaseToken({ description: `ci${c}x`, permissions: [] }),
          () => client().updateDatabaseToken(ID, { description: `ci${c}x` }),
        ]) {
          const f = await failure(call());
          assert.ok(f.kind === 'misconfigured' && f.problem.code === 'input' && f.problem.input.code === 'description', JSON.stringify(f));
          assert.match(describeManagementApiFailure({ profileName: 'p', operation: 'createDatabaseToken' }, f), /description/);
        }
      }
      assert.strictEqual(seen.length, before, 'nothing was sent');
    });
  });

  describe('a create keeps the only copy of the secret', () => {
    const created = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ ...token(), accessToken: SECRET, ...extra });
    const cases: [string, Reply, string, { id?: string; description?: string }][] = [
      ['the ID missing', { body: JSON.stringify(created({ id: undefined })) }, 'id', { description: 'ci' }],
      ['the ID not a UUID', { body: JSON.stringify(created({ id: '../x' })) }, 'id', { description: 'ci' }],
      ['a bad date', { body: JSON.stringify(created({ createdAt: 'now' })) }, 'createdAt', { id: ID, description: 'ci' }],
      ['permissions of the wrong shape', { body: JSON.stringify(created({ permissions: { read: ['db'] } })) }, 'permissions', { id: ID, description: 'ci' }],
      ['a description that is no text', { body: JSON.stringify(created({ description: 7 })) }, 'description', { id: ID }],
      ['an undocumented success status', { status: 202, body: JSON.stringify(created()) }, 'status', { id: ID, description: 'ci' }],
      ['an HTML media type around JSON', { contentType: 'text/html', body: JSON.stringify(created()) }, 'content-type', { id: ID, description: 'ci' }],
      ['JSON cut short after the secret', { body: JSON.stringify({ accessToken: SECRET, ...token() }).replace(/"createdAt".*$/, '"createdAt":"2024-01-0') }, 'body', { id: ID, description: 'ci' }],
      ['JSON cut short, the secret with escaped slashes', { body: `{"id":"${ID}","accessToken":"${SECRET.replace(/\//g, '\\/')}","descr` }, 'body', { id: ID }],
      ['the object wrapped in an array', { body: JSON.stringify([created()]) }, 'body', { id: ID, description: 'ci' }],
      ['the object wrapped in another', { body: JSON.stringify({ token: created() }) }, 'accessToken', { id: ID, description: 'ci' }],
      ['the secret with a line break after it', { body: JSON.stringify(created({ accessToken: `${SECRET}\r\n` })) }, 'accessToken', { id: ID, description: 'ci' }],
      ['two accessToken keys', { body: JSON.stringify(created()).replace(/^\{/, `{"accessToken":"apiv1_${'Zz9'.repeat(30)}",`) }, 'accessToken', { id: ID, description: 'ci' }],
    ];
    for (const [name, r, field, readable] of cases) {
      it(`${name}: resolves with the secret, what could be read and the problem (${field})`, async () => {
        reply = r;
        const result = await client().createDatabaseToken({ description: 'ci', permissions: [] });
        assert.strictEqual(result.accessToken, SECRET);
        assert.ok(result.problem, 'a problem is reported');
        assert.strictEqual(result.problem.field, field);
        assert.strictEqual(result.token.id, readable.id);
        assert.strictEqual(result.token.description, readable.description);
        const shown = JSON.stringify(result.problem) + JSON.stringify({ ...result.token });
        errors.push(shown);
        assertNoSecret(shown, SECRET);
      });
    }

    it('a documented answer has no problem; no valid secret still throws', async () => {
      reply = { status: 201, body: JSON.stringify(created()) };
      const ok = await client().createDatabaseToken({ description: 'ci', permissions: [] });
      assert.strictEqual(ok.problem, undefined);
      reply = { status: 500, body: JSON.stringify(created()) };
      assert.strictEqual((await failure(client().createDatabaseToken({ description: 'ci', permissions: [] }))).kind, 'server');
      reply = { contentType: 'text/html', body: `<html>${JSON.stringify(created({ accessToken: 'short' }))}</html>` };
      assert.strictEqual((await failure(client().createDatabaseToken({ description: 'ci', permissions: [] }))).kind, 'unexpected');
    });
  });

  describe('timeouts', () => {
    it('a timeoutSeconds beyond what a timer holds (24.8 days) is clamped, never an immediate timeout', async () => {
      reply = { body: '[]', delayMs: 150 };
      for (const timeoutSeconds of [3e6, 1e12, Infinity]) {
        const r = await testManagementToken(profile, TOKEN, { timeoutSeconds, loadUndici });
        assert.strictEqual(r.kind, 'valid', `${timeoutSeconds}: ${JSON.stringify(r)}`);
        assert.deepStrictEqual(await client({ timeoutSeconds }).listDatabases(), []);
      }
    });
  });
});
