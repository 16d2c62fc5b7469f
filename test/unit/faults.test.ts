// InfluxctlClient against a misbehaving influxctl (the simulator's faults) and
// hostile arguments: killed mid-run, runaway output, garbage with success,
// hangs, and values that would do harm if a shell ever saw them.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { InfluxctlError, type InfluxctlFailure } from '../../src/core/influxctl';
import { OutputFormatError } from '../../src/core/managementTokens';
import { tomlBasicString } from '../../src/core/tomlEdit';
import { describeError } from '../../src/ui/coreText';
import { failure, fixture as simFixture, isAlive, removeFixtures, SIMULATOR, waitFor, type Fixture, type SimState } from './simulator';

const ID1 = 'a3c1e5f7-1b2d-4e6f-8a9b-0c1d2e3f4a5b';
const MB = 1024 * 1024;

function configFor(names: string[]): string {
  return names.map((n) => `[[profile]]\n    name = ${tomlBasicString(n)}\n    product = "clustered"\n    host = "influxdb.example.com"\n`).join('\n');
}

function fixture(state: SimState, names = ['default']): Fixture {
  return simFixture(state, configFor(names));
}

const withFault = (fault: Record<string, unknown>): SimState => ({ version: '2.11.0', warnings: 'stdout', profiles: { default: { tokens: [], fault } } });

async function assertAllExited(f: Fixture): Promise<void> {
  for (const pid of f.pids()) await waitFor(() => !isAlive(pid)).catch(() => assert.fail(`influxctl (pid ${pid}) still runs`));
}

describe('InfluxctlClient against a misbehaving influxctl', function () {
  this.timeout(20000);

  after(removeFixtures);

  describe('faults', () => {
    it('killed mid-run (SIGKILL after printing half a list): an exit failure naming the signal, not a parsed list', async () => {
      const f = fixture(withFault({ killSelfAfterMs: 300 }));
      const started = Date.now();
      const fail = await failure(f.client().listManagementTokens('default'));
      assert.strictEqual(fail.kind, 'exit');
      const exit = fail as Extract<InfluxctlFailure, { kind: 'exit' }>;
      assert.strictEqual(exit.exitCode, null);
      assert.strictEqual(exit.signal, 'SIGKILL');
      assert.match(fail.message, /^influxctl was stopped by SIGKILL/);
      assert.ok(Date.now() - started >= 250, 'it ran until the kill');
      await assertAllExited(f);
    });

    it('50 MB of output: outputTooLarge beyond 48 MB, the process stopped, within 10 s', async () => {
      const f = fixture(withFault({ bigOutputMB: 50 }));
      const started = Date.now();
      const fail = await failure(f.client().listManagementTokens('default'));
      const elapsed = Date.now() - started;
      assert.strictEqual(fail.kind, 'outputTooLarge');
      assert.strictEqual((fail as { limitBytes: number }).limitBytes, 48 * MB);
      assert.match(fail.message, /printed more than 48 MB and was stopped/);
      assert.ok(elapsed < 10000, `took ${elapsed} ms`);
      await assertAllExited(f);
    });

    it('bigOutputMB under the limit (2 MB of garbage, exit 0) is an OutputFormatError with a short excerpt', async () => {
      const f = fixture(withFault({ bigOutputMB: 2 }));
      await assert.rejects(f.client().listManagementTokens('default'), (err: unknown) => {
        assert.ok(err instanceof OutputFormatError, String(err));
        assert.ok((JSON.parse(err.excerpt) as string).length <= 121, `excerpt: ${err.excerpt}`);
        assert.ok(describeError(err).length < 300, `message of ${describeError(err).length} characters`);
        return true;
      });
    });

    it('garbage with exit 0 (fault.stdout): OutputFormatError quoting a short excerpt, for list and create', async () => {
      const garbage = `\u001b[31mpanic: runtime error\u001b[0m ${'<html>&nbsp;</html> '.repeat(500)}\u0000\u0001 end`;
      const f = fixture(withFault({ stdout: garbage, exitCode: 0 }));
      await assert.rejects(f.client().listManagementTokens('default'), (err: unknown) => {
        assert.ok(err instanceof OutputFormatError, String(err));
        assert.deepStrictEqual(err.problem, { code: 'listNotJson' });
        assert.match(describeError(err), /^The token list is not JSON\. influxctl printed: "/);
        assert.ok(describeError(err).includes('panic: runtime error'), describeError(err));
        assert.ok((JSON.parse(err.excerpt) as string).length <= 121, `excerpt: ${err.excerpt}`);
        assert.ok(describeError(err).length < 1000, describeError(err));
        return true;
      });
      await assert.rejects(f.client().createManagementToken('default', { description: 'x' }), (err: unknown) => {
        assert.ok(err instanceof OutputFormatError, String(err));
        assert.strictEqual(err.problem.code, 'secretNotCaptured');
        assert.match(describeError(err), /the new token was not captured/);
        assert.ok(describeError(err).length < 400, describeError(err));
        return true;
      });
      assert.strictEqual(f.calls().length, 2);
    });

    it('a hang with timeoutSeconds 1: timeout after about 1 s, the process stopped', async () => {
      const f = fixture(withFault({ hang: true }));
      const started = Date.now();
      const fail = await failure(f.client({ timeoutSeconds: 1 }).listManagementTokens('default'));
      const elapsed = Date.now() - started;
      assert.strictEqual(fail.kind, 'timeout');
      assert.match(fail.message, /did not finish within 1 s/);
      assert.ok(elapsed >= 900 && elapsed < 5000, `took ${elapsed} ms`);
      await assertAllExited(f);
    });
  });

  describe('hostile arguments', () => {
    it('hostile descriptions reach influxctl as one literal argv element each, and no shell runs them', async () => {
      const f = fixture({ version: '2.11.0', warnings: 'stdout', profiles: { default: { tokens: [] } } });
      const marker = path.join(f.dir, 'pwned');
      const cwdMarker = path.resolve('pwned-by-description');
      const hadCwdMarker = fs.existsSync(cwdMarker);
      const descriptions = [
        `it's "double" and 'single' quoted`,
        `$(touch ${marker})`,
        `$(touch pwned-by-description)`,
        `\`touch ${marker}\``,
        `; touch ${marker}; echo`,
        `x && touch ${marker} || touch ${marker} & wait`,
        `| tee ${marker}`,
        `> ${marker}`,
        `first line\nsecond line\r\nthird; $(touch ${marker})`,
        `--expires-at=2000-01-01T00:00:00Z`,
        `-h`,
        `$HOME %PATH% \${IFS} * ? ~ !! \\ 🚀 Grüße`,
        `${'0123456789abcdef$(touch x)`;'.repeat(400)}`.slice(0, 10240),
      ];
      assert.strictEqual(descriptions[descriptions.length - 1].length, 10240);
      const outcomes: string[] = [];
      for (const description of descriptions) {
        try {
          const created = await f.client().createManagementToken('default', { description });
          const token = f.state().profiles.default.tokens.at(-1)!;
          assert.strictEqual(created.secret, f.state().profiles.default.issued?.[token.id], 'the secret captured is the one printed');
          outcomes.push('created');
        } catch (err) {
          // influxctl 2.11+ echoes the description in a table: a line break would
          // split it, so such descriptions are refused before influxctl runs.
          assert.ok(/[\r\n]/.test(description) && /single line/.test(describeError(err)), `${JSON.stringify(description.slice(0, 40))}: ${String(err)}`);
          outcomes.push('refused');
        }
      }
      const spawned = descriptions.filter((d) => !/[\r\n]/.test(d));
      assert.deepStrictEqual(descriptions.filter((_d, i) => outcomes[i] === 'created'), spawned, 'single-line descriptions are all created');

      const calls = f.calls();
      assert.strictEqual(calls.length, spawned.length);
      calls.forEach((argv, i) => {
        assert.deepStrictEqual(argv, ['--config', f.configPath, '--profile', 'default', '--timeout', '60s', 'management', 'create', '--description', spawned[i]]);
      });
      assert.deepStrictEqual(
        f.state().profiles.default.tokens.map((t) => t.description),
        spawned,
      );
      assert.ok(!fs.existsSync(marker), 'a shell ran a description');
      if (!hadCwdMarker) assert.ok(!fs.existsSync(cwdMarker), 'a shell ran $(touch …) in the working folder');
    });

    it('hostile profile names reach influxctl literally after --profile', async () => {
      const marker = path.join(os.tmpdir(), `influxdb-tokens-faults-${process.pid}-pwned`);
      const names = [
        `de"fault`,
        `it's`,
        `$(touch ${marker})`,
        `\`touch ${marker}\``,
        `prod; touch ${marker}`,
        `line\nbreak`,
        `--config=/etc/passwd`,
        `-h`,
        ` spaced `,
        `東京 🚀`,
      ];
      const f = fixture({ profiles: {} }, names);
      for (const name of names) assert.deepStrictEqual(await f.client().listManagementTokens(name), []);
      const calls = f.calls();
      assert.strictEqual(calls.length, names.length);
      calls.forEach((argv, i) => {
        assert.deepStrictEqual(argv, ['--config', f.configPath, '--profile', names[i], '--timeout', '60s', 'management', 'list', '--format', 'json']);
      });
      assert.ok(!fs.existsSync(marker), 'a shell ran a profile name');
    });

    it('a NUL character in any argument is refused with a clear Error before spawning', async () => {
      const f = fixture({ version: '2.11.0', warnings: 'stdout', profiles: { default: { tokens: [] } } });
      const cases: [string, () => Promise<unknown>, RegExp][] = [
        ['description', () => f.client().createManagementToken('default', { description: 'before\0after' }), /"before\\u0000after"/],
        ['profile', () => f.client().listManagementTokens('def\0ault'), /"def\\u0000ault"/],
        ['config path', () => f.client({ configPath: `${f.configPath}\0.bak` }).listManagementTokens('default'), /\\u0000\.bak"/],
        ['executable', () => f.client({ executable: `${SIMULATOR}\0` }).listManagementTokens('default'), /\\u0000"/],
        ['long description', () => f.client().createManagementToken('default', { description: `${'d'.repeat(10000)}\0` }), /"d{80}…"/],
      ];
      for (const [what, call, shows] of cases) {
        await assert.rejects(call(), (err: unknown) => {
          assert.ok(err instanceof InfluxctlError && err.failure.kind === 'refused' && err.failure.reason === 'nulInArgument', `${what}: ${String(err)}`);
          const message = describeError(err);
          assert.match(message, /^Refusing to run influxctl: .* contains a NUL character/, what);
          assert.match(message, shows, `${what}: ${message}`);
          assert.ok(message.length < 300, `${what}: ${message.length} characters`);
          return true;
        });
      }
      assert.deepStrictEqual(f.calls(), [], 'influxctl was started');
    });

    it('token IDs that are not UUIDs are refused by revokeManagementTokens without spawning', async () => {
      const f = fixture({ profiles: { default: { tokens: [{ id: ID1, description: 'a', token_prefix: 'M.V1.a3c1', created_at: { seconds: 1 } }] } } });
      const marker = path.join(f.dir, 'pwned');
      const bad = [
        [`$(touch ${marker})`],
        [ID1, `\`touch ${marker}\``],
        [`${ID1}; touch ${marker}`],
        [`${ID1}\n`],
        [`${ID1}\0`],
        [` ${ID1}`],
        ['--force'],
        ['-h'],
        [ID1.replace(/-/g, '')],
        [`${ID1.slice(0, -1)}g`],
        [''],
        [],
      ];
      for (const ids of bad) {
        await assert.rejects(f.client().revokeManagementTokens('default', ids), (err: unknown) => {
          assert.ok(err instanceof InfluxctlError && err.failure.kind === 'refused' && /^Refusing to revoke: /.test(describeError(err)), `${JSON.stringify(ids)}: ${String(err)}`);
          return true;
        });
      }
      assert.deepStrictEqual(f.calls(), [], 'influxctl was started');
      assert.ok(!fs.existsSync(marker));
      assert.strictEqual(f.state().profiles.default.tokens.length, 1);
    });
  });
});
