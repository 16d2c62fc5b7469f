import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { formatRfc3339 } from '../../src/core/expiry';
import { detectLoginPrompt, STDERR_SHOWN_BYTES } from '../../src/core/influxctl';
import { OutputFormatError } from '../../src/core/managementTokens';
import { failure, fixture as simFixture, isAlive, removeFixtures, SIMULATOR, waitFor, type Fixture, type SimState, type SimToken } from './simulator';

const DAY = 86400;
const SECRET = 'M.V1.qZ3x9Lk2+PbR7tYv/Wm4NcE1sHd8Ga6Uj0Of5Ti2Ky7Xw3Vn9Bq1Mr4Sp8Ae';
const ID1 = 'a3c1e5f7-1b2d-4e6f-8a9b-0c1d2e3f4a5b';
const ID2 = 'b4d2f6a8-2c3e-4f7a-9b0c-1d2e3f4a5b6c';

const CONFIG = `[[profile]]
    name = "default"
    product = "dedicated"
    account_id = "0b8fbb2a-8f7b-4a1c-9d6e-2f1e4c3b5a69"
    cluster_id = "5c3e8a1f-7d2b-4e6a-b9c0-1f2e3d4c5b6a"

[[profile]]
    name = "staging"
    product = "clustered"
    host = "influxdb.staging.example.com"
    port = "8443"
`;

function simToken(id: string, description: string, extra: Partial<SimToken> = {}): SimToken {
  const now = Math.floor(Date.now() / 1000);
  return { id, description, token_prefix: `M.V1.${id.slice(0, 4)}`, created_at: { seconds: now - 30 * DAY, nanos: 123000000 }, ...extra };
}

function fixture(state: SimState = { version: '2.11.0', warnings: 'stdout', profiles: {} }, config = CONFIG): Fixture {
  return simFixture(state, config);
}

describe('InfluxctlClient (against the simulator)', function () {
  this.timeout(8000);

  before(() => {
    assert.ok(SIMULATOR, 'test/simulator/influxctl.js not found');
  });

  after(removeFixtures);

  describe('list', () => {
    it('does not mistake a listed description holding a URL and "login" for a login prompt', async () => {
      const f = fixture({ profiles: { default: { tokens: [simToken(ID1, 'Grafana at https://grafana.example.com (SSO login, visit daily)')] } } });
      const tokens = await f.client().listManagementTokens('default');
      assert.deepStrictEqual(tokens.map((t) => t.description), ['Grafana at https://grafana.example.com (SSO login, visit daily)']);
    });

    it('lists the tokens of the profile and calls influxctl with the documented argv', async () => {
      const f = fixture({
        profiles: {
          staging: {
            tokens: [
              simToken(ID1, 'ci-pipeline', { expires_at: { seconds: Math.floor(Date.now() / 1000) + 60 * DAY } }),
              simToken(ID2, 'old', { revoked_at: { seconds: Math.floor(Date.now() / 1000) - DAY } }),
            ],
          },
          default: { tokens: [simToken('c5e3a7b9-3d4f-4a8b-8c1d-2e3f4a5b6c7d', 'other profile')] },
        },
      });
      const tokens = await f.client().listManagementTokens('staging');
      assert.deepStrictEqual(
        tokens.map((t) => [t.id, t.description, t.prefix, !!t.expiresAt, !!t.revokedAt]),
        [
          [ID1, 'ci-pipeline', 'M.V1.a3c1', true, false],
          [ID2, 'old', 'M.V1.b4d2', false, true],
        ],
      );
      assert.deepStrictEqual(f.calls(), [
        ['--config', f.configPath, '--profile', 'staging', '--timeout', '60s', 'management', 'list', '--format', 'json'],
      ]);
    });

    it('passes timeoutSeconds as --timeout', async () => {
      const f = fixture();
      assert.deepStrictEqual(await f.client({ timeoutSeconds: 5 }).listManagementTokens('default'), []);
      assert.deepStrictEqual(f.calls()[0].slice(0, 6), ['--config', f.configPath, '--profile', 'default', '--timeout', '5s']);
    });

    it('logs the command line and the outcome', async () => {
      const f = fixture();
      await f.client().listManagementTokens('default');
      assert.ok(f.logs.some((l) => l.startsWith('run: ') && l.includes('management list --format json')), f.logs.join('\n'));
      assert.ok(f.logs.some((l) => /^done in \d+ ms \(exit 0/.test(l)), f.logs.join('\n'));
    });

    it('output that is not the JSON list is an OutputFormatError', async () => {
      const f = fixture({ profiles: { default: { tokens: [], fault: { stdout: 'Error: something odd\n', exitCode: 0 } } } });
      await assert.rejects(f.client().listManagementTokens('default'), (err: unknown) => err instanceof OutputFormatError && /something odd/.test(err.excerpt));
    });
  });

  describe('create', () => {
    it('refuses a description with a line break before running influxctl', async () => {
      const f = fixture({ profiles: { default: { tokens: [] } } });
      const fail = await failure(f.client().createManagementToken('default', { description: 'one\ntwo' }));
      assert.deepStrictEqual([fail.kind, fail.kind === 'refused' && fail.reason], ['refused', 'multiLineDescription']);
      assert.match(fail.message, /single line/);
      assert.deepStrictEqual(f.calls(), []);
    });

    it('passes a hostile description as ONE literal argv element, without a shell', async () => {
      const f = fixture({ version: '2.10.0', warnings: 'stdout', profiles: { default: { tokens: [] } } });
      const marker = path.join(f.dir, 'pwned');
      const cwdX = path.resolve('x');
      const hadCwdX = fs.existsSync(cwdX);
      const description = `it's "quoted" $(touch x) \`touch ${marker}\` $(touch ${marker}) ; rm -rf nothing & echo | cat > ${marker}; Grüße, 東京, emoji 🚀 \\ $HOME %PATH% *`;
      const created = await f.client().createManagementToken('default', { description });

      const argv = f.calls()[0];
      const at = argv.indexOf('--description');
      assert.ok(at > 0, argv.join(' '));
      assert.strictEqual(argv[at + 1], description);
      assert.deepStrictEqual(argv, ['--config', f.configPath, '--profile', 'default', '--timeout', '60s', 'management', 'create', '--description', description]);
      assert.ok(!argv.includes('--expires-at'), 'no --expires-at when the token never expires');

      const state = f.state();
      const [token] = state.profiles.default.tokens;
      assert.strictEqual(token.description, description);
      assert.strictEqual(created.secret, state.profiles.default.issued?.[token.id]);
      assert.strictEqual(created.id, undefined, '2.10 prints no table, hence no id');
      assert.ok(!fs.existsSync(marker), 'a shell ran the description');
      assert.ok(!fs.existsSync(path.join(f.dir, 'x')));
      if (!hadCwdX) assert.ok(!fs.existsSync(cwdX), 'a shell ran $(touch x)');
    });

    it('2.11 output: returns the secret and the id from the table; passes --expires-at as RFC3339 UTC without fractions', async () => {
      const f = fixture({ version: '2.11.0', warnings: 'stdout', profiles: { default: { tokens: [] } } });
      const expiresAt = new Date(Date.now() + 7 * DAY * 1000 + 123);
      const created = await f.client().createManagementToken('default', { description: 'grafana "prod"', expiresAt });
      const argv = f.calls()[0];
      assert.deepStrictEqual(argv.slice(6), ['management', 'create', '--description', 'grafana "prod"', '--expires-at', formatRfc3339(expiresAt)]);
      assert.match(argv[argv.length - 1], /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      const [token] = f.state().profiles.default.tokens;
      assert.strictEqual(created.id, token.id);
      assert.strictEqual(created.secret, f.state().profiles.default.issued?.[token.id]);
      // A fraction of a second rounds up: the token never expires before the time asked for.
      assert.strictEqual(token.expires_at?.seconds, Math.ceil(expiresAt.getTime() / 1000));
    });

    it('the log never receives the secret (warnings on stdout or on stderr)', async () => {
      for (const [version, warnings] of [
        ['2.11.0', 'stdout'],
        ['2.11.0', 'stderr'],
        ['2.10.0', 'stderr'],
      ] as const) {
        const f = fixture({ version, warnings, profiles: { default: { tokens: [] } } });
        const created = await f.client().createManagementToken('default', { description: 'log check' });
        assert.match(created.secret, /^M\.V1\./);
        assert.ok(f.logs.length >= 2, f.logs.join('\n'));
        const body = created.secret.slice(9);
        for (const line of f.logs) {
          assert.ok(!line.includes(created.secret), `secret in log: ${line}`);
          for (let i = 0; i + 12 <= body.length; i += 6) {
            assert.ok(!line.includes(body.slice(i, i + 12)), `part of the secret in log: ${line}`);
          }
        }
        if (warnings === 'stderr') assert.ok(f.logs.some((l) => l.includes('only time')), 'stderr is logged');
      }
    });

    it('create output without a token is an OutputFormatError, not a wrong secret', async () => {
      const f = fixture({ profiles: { default: { tokens: [], fault: { stdout: 'warn\tplease copy the token\n', exitCode: 0 } } } });
      await assert.rejects(f.client().createManagementToken('default', { description: 'x' }), OutputFormatError);
    });
  });

  describe('revoke', () => {
    it('passes --force and the IDs, and the tokens get revoked', async () => {
      const f = fixture({ profiles: { default: { tokens: [simToken(ID1, 'a'), simToken(ID2, 'b')] } } });
      await f.client().revokeManagementTokens('default', [ID1, ID2]);
      assert.deepStrictEqual(f.calls(), [
        ['--config', f.configPath, '--profile', 'default', '--timeout', '60s', 'management', 'revoke', '--force', ID1, ID2],
      ]);
      assert.ok(f.state().profiles.default.tokens.every((t) => t.revoked_at));
    });

    it('refuses IDs that are not UUIDs without running influxctl', async () => {
      const f = fixture({ profiles: { default: { tokens: [simToken(ID1, 'a')] } } });
      for (const ids of [['--force'], [ID1, '; rm -rf /'], [''], [`${ID1} --help`], []]) {
        const fail = await failure(f.client().revokeManagementTokens('default', ids));
        assert.deepStrictEqual([fail.kind, fail.kind === 'refused' && fail.reason], ['refused', 'notTokenIds']);
        assert.match(fail.message, /Refusing to revoke/);
      }
      assert.deepStrictEqual(f.calls(), []);
      assert.strictEqual(f.state().profiles.default.tokens[0].revoked_at, undefined);
    });

    it('an unknown ID fails with influxctl\'s message', async () => {
      const f = fixture({ profiles: { default: { tokens: [simToken(ID1, 'a')] } } });
      const fail = await failure(f.client().revokeManagementTokens('default', [ID2]));
      assert.strictEqual(fail.kind, 'exit');
      assert.match(fail.message, /exited with code 1/);
      assert.ok(fail.message.includes(ID2), fail.message);
    });
  });

  describe('failures', () => {
    it('notFound: a nonexistent executable', async () => {
      const f = fixture();
      const missing = path.join(f.dir, 'no-such-influxctl');
      const fail = await failure(f.client({ executable: missing }).listManagementTokens('default'));
      assert.deepStrictEqual({ kind: fail.kind, executable: (fail as { executable: string }).executable }, { kind: 'notFound', executable: missing });
      assert.match(fail.message, /influxctl was not found/);
      assert.match(fail.message, /influxdbTokens\.influxctlPath/);
      assert.strictEqual(f.logs.filter((l) => l.startsWith('failed')).length, 1, f.logs.join('\n'));
    });

    it('notFound: a bare name that is not on PATH', async () => {
      const f = fixture();
      const fail = await failure(f.client({ executable: 'influxctl-not-installed', env: { ...process.env, INFLUXCTL_SIM_STATE: undefined, PATH: f.dir } }).listManagementTokens('default'));
      assert.strictEqual(fail.kind, 'notFound');
    });

    it('notExecutable: a file without the x bit', async () => {
      const f = fixture();
      const copy = path.join(f.dir, 'influxctl');
      fs.copyFileSync(SIMULATOR, copy);
      fs.chmodSync(copy, 0o644);
      const fail = await failure(f.client({ executable: copy }).listManagementTokens('default'));
      assert.strictEqual(fail.kind, 'notExecutable');
      assert.match(fail.message, /permission denied/);
    });

    it('timeout: a hanging influxctl is stopped after timeoutSeconds', async () => {
      const f = fixture({ profiles: { default: { tokens: [], fault: { hang: true } } } });
      const started = Date.now();
      const fail = await failure(f.client({ timeoutSeconds: 1 }).listManagementTokens('default'));
      const elapsed = Date.now() - started;
      assert.strictEqual(fail.kind, 'timeout');
      assert.strictEqual((fail as { seconds: number }).seconds, 1);
      assert.match(fail.message, /did not finish within 1 s/);
      assert.ok(elapsed >= 900 && elapsed < 4000, `took ${elapsed} ms`);
      assert.deepStrictEqual(f.calls()[0].slice(4, 6), ['--timeout', '1s']);
      for (const pid of f.pids()) assert.ok(!isAlive(pid), `influxctl (pid ${pid}) still runs`);
    });

    it('a timeoutSeconds beyond what a timer holds (24.8 days) is clamped, never an immediate timeout', async () => {
      for (const timeoutSeconds of [3e6, 1e12, Infinity]) {
        const f = fixture({ profiles: { default: { tokens: [simToken(ID1, 'slow')], fault: { delayMs: 300 } } } });
        const tokens = await f.client({ timeoutSeconds }).listManagementTokens('default');
        assert.deepStrictEqual(tokens.map((t) => t.id), [ID1], String(timeoutSeconds));
        // influxctl gets the same clamped limit, as a Go duration it can parse.
        assert.deepStrictEqual(f.calls()[0].slice(4, 6), ['--timeout', '2147483647ms']);
      }
      const f = fixture();
      await f.client({ timeoutSeconds: 1.5 }).listManagementTokens('default');
      await f.client({ timeoutSeconds: Number.NaN }).listManagementTokens('default');
      assert.deepStrictEqual(f.calls().map((c) => c[5]), ['1500ms', '60s']);
    });

    it('cancellation through an AbortSignal stops the process', async () => {
      const f = fixture({ profiles: { default: { tokens: [], fault: { hang: true } } } });
      const controller = new AbortController();
      const started = Date.now();
      const call = failure(f.client({ timeoutSeconds: 30 }).listManagementTokens('default', controller.signal));
      await waitFor(() => f.pids().length > 0);
      const [pid] = f.pids();
      assert.ok(isAlive(pid));
      controller.abort();
      const fail = await call;
      assert.strictEqual(fail.kind, 'cancelled');
      assert.ok(Date.now() - started < 3000);
      assert.ok(!isAlive(pid), `influxctl (pid ${pid}) still runs`);
    });

    it('an already aborted signal rejects without running influxctl', async () => {
      const f = fixture();
      const controller = new AbortController();
      controller.abort();
      const fail = await failure(f.client().listManagementTokens('default', controller.signal));
      assert.strictEqual(fail.kind, 'cancelled');
      assert.deepStrictEqual(f.calls(), []);
    });

    it('loginRequired: a device-login prompt is reported promptly with its URL and code', async () => {
      const f = fixture({ profiles: { default: { tokens: [], fault: { login: true } } } });
      const started = Date.now();
      const fail = await failure(f.client({ timeoutSeconds: 30 }).listManagementTokens('default'));
      assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`);
      assert.deepStrictEqual(
        { kind: fail.kind, url: (fail as { url: string }).url, code: (fail as { code?: string }).code },
        { kind: 'loginRequired', url: 'https://auth.influxdata.com/activate?user_code=WDJB-MJHT', code: 'WDJB-MJHT' },
      );
      assert.ok(fail.message.includes('https://auth.influxdata.com/activate?user_code=WDJB-MJHT'), fail.message);
      assert.ok(fail.message.includes('WDJB-MJHT'), fail.message);
      for (const pid of f.pids()) assert.ok(!isAlive(pid), `influxctl (pid ${pid}) still waits for a login`);
    });

    it('a non-zero exit reports the code and stderr, with secrets redacted from message and log', async () => {
      const stderr = `Error: rpc error: code = Unauthenticated desc = invalid management token ${SECRET}\nAuthorization: Bearer abc.def.ghi\n`;
      const f = fixture({ profiles: { default: { tokens: [], fault: { exitCode: 3, stderr } } } });
      const fail = await failure(f.client().listManagementTokens('default'));
      assert.strictEqual(fail.kind, 'exit');
      assert.strictEqual((fail as { exitCode: number }).exitCode, 3);
      assert.match(fail.message, /^influxctl exited with code 3: /);
      assert.match(fail.message, /Unauthenticated/);
      assert.ok(fail.message.includes('M.V1.qZ3x'), 'the listed prefix stays, to tell tokens apart');
      const leaks = [SECRET.slice(9, 30), SECRET.slice(-20), 'abc.def.ghi'];
      for (const text of [fail.message, (fail as { stderr: string }).stderr, ...f.logs]) {
        for (const leak of leaks) assert.ok(!text.includes(leak), `${leak} leaked in ${text}`);
      }
      assert.ok(f.logs.some((l) => l.startsWith('stderr: ')), f.logs.join('\n'));
    });

    it('a huge stderr: only its end is kept, redacted and logged (not 48 MB redacted on the extension host)', async () => {
      const line = `warn: retrying with ${SECRET}\n`;
      const stderr = `${line.repeat(Math.ceil((2 * 1024 * 1024) / line.length))}Error: the last words ${SECRET}\n`;
      const f = fixture({ profiles: { default: { tokens: [], fault: { exitCode: 2, stderr } } } });
      const fail = await failure(f.client().listManagementTokens('default'));
      const kept = (fail as { stderr: string }).stderr;
      assert.ok(kept.length <= STDERR_SHOWN_BYTES + 100, `${kept.length} characters kept`);
      assert.match(kept, /^\[about \d+ earlier bytes of stderr not shown\]\n/);
      assert.match(fail.message, /Error: the last words M\.V1\.qZ3x/);
      assert.ok(f.logs.join('\n').length < 3 * STDERR_SHOWN_BYTES, 'the log holds the end only');
      for (const text of [fail.message, kept, ...f.logs]) assert.ok(!text.includes(SECRET.slice(12)), 'redacted');
    });

    it('a secret that the end of a huge stderr cuts in two is redacted whole, not shown in part', async () => {
      // No line breaks: the kept end starts 20 characters before the secret's end, then plain words.
      const words = ' retrying'.repeat(Math.ceil(STDERR_SHOWN_BYTES / 9)).slice(0, STDERR_SHOWN_BYTES - 20);
      const stderr = `${'x '.repeat(32 * 1024)}${SECRET}${words}`;
      const f = fixture({ profiles: { default: { tokens: [], fault: { exitCode: 2, stderr } } } });
      const fail = await failure(f.client().listManagementTokens('default'));
      for (const text of [fail.message, (fail as { stderr: string }).stderr, ...f.logs]) assert.ok(!text.includes(SECRET.slice(-20)), 'no part of the secret');
    });

    it('knownSecrets are redacted from errors and logs even without a pattern', async () => {
      const known = 'correct-horse-battery-staple';
      const f = fixture({ profiles: { default: { tokens: [], fault: { exitCode: 1, stderr: `Error: credential ${known} rejected\n` } } } });
      const fail = await failure(f.client({ knownSecrets: () => [known] }).listManagementTokens('default'));
      assert.ok(fail.message.includes('rejected'), fail.message);
      for (const text of [fail.message, ...f.logs]) assert.ok(!text.includes(known), text);
    });

    it('a profile missing from config.toml is influxctl\'s error, reported as exit', async () => {
      const f = fixture();
      const fail = await failure(f.client().listManagementTokens('nope'));
      assert.strictEqual(fail.kind, 'exit');
      assert.match(fail.message, /profile "nope" not found/);
    });
  });
});

describe('detectLoginPrompt', () => {
  it('finds the URL and code of a device login', () => {
    assert.deepStrictEqual(detectLoginPrompt('Please visit https://example.com/device in your browser and enter code ABCD-EFGH.'), {
      url: 'https://example.com/device',
      code: 'ABCD-EFGH',
    });
  });

  it('takes the code from the URL when only the URL has it', () => {
    assert.deepStrictEqual(detectLoginPrompt('Open https://auth.example.com/activate?user_code=QWER-TYUI to log in'), {
      url: 'https://auth.example.com/activate?user_code=QWER-TYUI',
      code: 'QWER-TYUI',
    });
  });

  it('ignores URLs that are not a login prompt, and output without URLs', () => {
    assert.strictEqual(detectLoginPrompt('Error: Get "https://console.influxdata.com/api": connection refused'), undefined);
    assert.strictEqual(detectLoginPrompt('please log in again'), undefined);
    assert.strictEqual(detectLoginPrompt('[]'), undefined);
  });
});
