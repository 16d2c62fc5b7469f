import * as assert from 'assert';
import { ConfigError, parseProfiles, parseToml } from '../../src/core/profiles';
import { setProfileMgmtToken } from '../../src/core/tomlEdit';
import { CLUSTERED_SAMPLE as CLUSTERED_TEMPLATE, DEDICATED_SAMPLE as DEDICATED_TEMPLATE, filled } from './docSamples';
import { cpuTimed } from './cpuTime';

const DEDICATED_SAMPLE = filled(DEDICATED_TEMPLATE);
const CLUSTERED_SAMPLE = filled(CLUSTERED_TEMPLATE);

const TOKEN = 'M.V1.qZ3x9Lk2+PbR7tYv/Wm4NcE1sHd8Ga6Uj0Of5Ti2Ky7Xw3Vn9Bq1Mr4Sp8Ae';

function configError(text: string): ConfigError {
  let caught: unknown;
  try {
    parseProfiles(text);
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof ConfigError, `expected ConfigError, got ${String(caught)}`);
  return caught;
}

describe('parseProfiles', () => {
  it('reads the Cloud Dedicated sample', () => {
    const profiles = parseProfiles(DEDICATED_SAMPLE);
    assert.deepStrictEqual(profiles, [
      {
        name: 'default',
        product: 'dedicated',
        host: 'cluster-id.a.influxdb.io',
        port: undefined,
        accountId: '0b8fbb2a-8f7b-4a1c-9d6e-2f1e4c3b5a69',
        clusterId: '5c3e8a1f-7d2b-4e6a-b9c0-1f2e3d4c5b6a',
        database: undefined,
        token: undefined,
        mgmtToken: undefined,
        tls: undefined,
        hasOAuth2: false,
        index: 0,
        line: 2,
      },
    ]);
  });

  it("reads the database token of query and write (token), an empty one as unset", () => {
    const [a, b] = parseProfiles('[[profile]]\nname = "a"\ntoken = "apiv1_secret"\n[[profile]]\nname = "b"\ntoken = ""\n');
    assert.strictEqual(a.token, 'apiv1_secret');
    assert.strictEqual(b.token, undefined);
  });

  it('reads the Clustered sample, whose profile ends with [profile.auth.oauth2]', () => {
    const [p, ...rest] = parseProfiles(CLUSTERED_SAMPLE);
    assert.strictEqual(rest.length, 0);
    assert.strictEqual(p.name, 'default');
    assert.strictEqual(p.product, 'clustered');
    assert.strictEqual(p.host, 'influxdb.example.com');
    assert.strictEqual(p.port, '8443');
    assert.strictEqual(p.accountId, undefined);
    assert.strictEqual(p.clusterId, undefined);
    assert.strictEqual(p.tls, undefined);
    assert.strictEqual(p.hasOAuth2, true);
    assert.strictEqual(p.line, 2);
    // The OAuth2 keys belong to the sub-table, not to the profile.
    const data = parseToml(CLUSTERED_SAMPLE) as { profile: { auth: { oauth2: Record<string, unknown> } }[] };
    assert.strictEqual(data.profile[0].auth.oauth2.client_id, 'influxctl');
    assert.deepStrictEqual(data.profile[0].auth.oauth2.parameters, { audience: '' });
  });

  it('a file without profiles, or empty, has none', () => {
    assert.deepStrictEqual(parseProfiles(''), []);
    assert.deepStrictEqual(parseProfiles('# only a comment\n'), []);
    assert.deepStrictEqual(parseProfiles('[other]\nx = 1\n'), []);
  });

  it('reads several profiles with their header lines (0-based), mgmt_token, tls and oauth2', () => {
    const text = [
      '# profiles', // 0
      '', // 1
      '[[profile]]', // 2
      '  name = "default"', // 3
      '  product = "dedicated"', // 4
      '  account_id = "acc"', // 5
      '  cluster_id = "clu"', // 6
      `  mgmt_token = "${TOKEN}"`, // 7
      '', // 8
      '  [[profile]]  # indented, with a comment', // 9
      '  name = "staging"', // 10
      '  product = "clustered"', // 11
      '  host = "influxdb.staging.example.com"', // 12
      '  port = "8443"', // 13
      '  database = "db"', // 14
      '  [profile.tls]', // 15
      '    insecure = true', // 16
      '    ca = "/etc/ssl/ca.pem"', // 17
      '  [profile.auth.oauth2]', // 18
      '    client_id = "influxctl"', // 19
      '[[ profile ]]', // 20
      'name = "no-secret"', // 21
      'mgmt_token = ""', // 22
      '[profile."tls"]', // 23
      'disable = true', // 24
    ].join('\n');
    const profiles = parseProfiles(text);
    assert.deepStrictEqual(
      profiles.map((p) => [p.name, p.index, p.line]),
      [
        ['default', 0, 2],
        ['staging', 1, 9],
        ['no-secret', 2, 20],
      ],
    );
    const [a, b, c] = profiles;
    assert.strictEqual(a.mgmtToken, TOKEN);
    assert.strictEqual(a.accountId, 'acc');
    assert.strictEqual(a.clusterId, 'clu');
    assert.strictEqual(a.tls, undefined);
    assert.strictEqual(a.hasOAuth2, false);
    assert.strictEqual(b.mgmtToken, undefined);
    assert.strictEqual(b.database, 'db');
    assert.deepStrictEqual(b.tls, { insecure: true, disable: false, ca: '/etc/ssl/ca.pem', cert: undefined, key: undefined });
    assert.strictEqual(b.hasOAuth2, true);
    assert.strictEqual(c.mgmtToken, undefined, 'an empty mgmt_token is no token');
    assert.deepStrictEqual(c.tls, { insecure: false, disable: true, ca: undefined, cert: undefined, key: undefined });
    assert.strictEqual(c.hasOAuth2, false);
  });

  it('header lines are right with CRLF line endings', () => {
    const text = '# c\r\n[[profile]]\r\nname = "a"\r\n\r\n[[profile]]\r\nname = "b"\r\n';
    assert.deepStrictEqual(
      parseProfiles(text).map((p) => [p.name, p.line]),
      [
        ['a', 1],
        ['b', 4],
      ],
    );
  });

  it('reads both documented samples saved with CRLF (Windows) line endings, comments included', () => {
    for (const sample of [DEDICATED_SAMPLE, CLUSTERED_SAMPLE]) {
      const crlf = sample.replace(/\n/g, '\r\n');
      assert.deepStrictEqual(parseProfiles(crlf), parseProfiles(sample));
    }
  });

  it('CRLF does not shift error positions', () => {
    const err = configError('# profiles\r\n[[profile]]\r\nname = "a"\r\nhost = \r\n');
    assert.strictEqual(err.line, 4);
    assert.strictEqual(err.column, 8);
  });

  it('a header-looking line inside a multi-line string is not a profile header', () => {
    const text = [
      '[[profile]]', // 0
      'name = "a"', // 1
      'database = """', // 2
      '[[profile]]', // 3
      'name = "fake"', // 4
      '"""', // 5
      "token = '''", // 6
      '[[profile]]', // 7
      "'''", // 8
      '[[profile]]', // 9
      'name = "b"', // 10
    ].join('\n');
    const profiles = parseProfiles(text);
    assert.deepStrictEqual(
      profiles.map((p) => [p.name, p.index, p.line]),
      [
        ['a', 0, 0],
        ['b', 1, 9],
      ],
    );
    assert.strictEqual(profiles[0].database, '[[profile]]\nname = "fake"\n');
  });

  it('header lines are right for quoted and spaced [[profile]] headers', () => {
    const text = ['[[profile]]', 'name = "a"', '[["profile"]]', 'name = "b"', '  [[ profile ]] # c', 'name = "c"', "[['profile']]", 'name = "d"'].join('\n');
    assert.deepStrictEqual(
      parseProfiles(text).map((p) => [p.name, p.line]),
      [
        ['a', 0],
        ['b', 2],
        ['c', 4],
        ['d', 6],
      ],
    );
  });

  it('a header-looking text inside an array or a comment is not a header', () => {
    const text = ['[[profile]]', 'name = "a"', 'x = [', '  "[[profile]]", # [[profile]]', ']', '# [[profile]]', '[[profile]]', 'name = "b"'].join('\n');
    assert.deepStrictEqual(
      parseProfiles(text).map((p) => p.line),
      [0, 6],
    );
  });

  it('a profile without a string name is left out, keeping the others\' index and line', () => {
    const text = '[[profile]]\nproduct = "dedicated"\n[[profile]]\nname = 7\n[[profile]]\nname = "ok"\n';
    assert.deepStrictEqual(
      parseProfiles(text).map((p) => [p.name, p.index, p.line]),
      [['ok', 2, 4]],
    );
  });

  it('keeps a product that is not dedicated/clustered as written, and a numeric port as a string', () => {
    const [p] = parseProfiles('[[profile]]\nname = "x"\nproduct = "serverless"\nport = 443\n');
    assert.strictEqual(p.product, 'serverless');
    assert.strictEqual(p.port, '443');
  });

  it('never puts the secret in anything but mgmtToken', () => {
    const [p] = parseProfiles(`[[profile]]\nname = "x"\nmgmt_token = "${TOKEN}"\n`);
    const { mgmtToken, ...rest } = p;
    assert.strictEqual(mgmtToken, TOKEN);
    assert.ok(!JSON.stringify(rest).includes(TOKEN.slice(9)));
  });

  describe('errors', () => {
    it('malformed TOML: 1-based line and column pointing at the error', () => {
      const text = '[[profile]]\nname = "a"\nhost = \n';
      const err = configError(text);
      assert.strictEqual(err.line, 3);
      assert.strictEqual(err.column, 8);
      assert.match(err.message, /^config\.toml is not valid TOML: /);
      assert.match(err.message, /\(line 3, column 8\)$/);
      assert.strictEqual(err.name, 'ConfigError');
    });

    it('garbage after a value points at the garbage', () => {
      const text = '[[profile]]\nname = "a"\n  port = "1" x\n';
      const err = configError(text);
      assert.strictEqual(err.line, 3);
      assert.strictEqual(err.column, '  port = "1" x'.indexOf('x') + 1);
    });

    it('an unterminated string reports its line', () => {
      const err = configError('[[profile]]\nname = "a\nproduct = "dedicated"\n');
      assert.strictEqual(err.line, 2);
      assert.match(err.message, /not valid TOML/);
    });

    it('a duplicate key is refused with its line', () => {
      const err = configError('[[profile]]\nname = "a"\nname = "b"\n');
      assert.strictEqual(err.line, 3);
    });

    it('the message does not repeat the whole file (no secret leaks through it)', () => {
      const err = configError(`[[profile]]\nname = "a"\nmgmt_token = "${TOKEN}"\nhost = = "x"\n`);
      assert.strictEqual(err.line, 4);
      assert.ok(!err.message.includes(TOKEN.slice(9)), err.message);
      assert.ok(!err.message.includes('\n'), err.message);
    });

    it('profile = 3 is refused', () => {
      const err = configError('profile = 3\n');
      assert.match(err.message, /\[\[profile\]\]/);
    });

    it('[profile] as a single table, or an array of non-tables, is refused', () => {
      configError('[profile]\nname = "a"\n');
      configError('profile = ["a", "b"]\n');
    });

    describe('every ConfigError says where', () => {
      /** 1-based line and column of the first `needle` in `text`. */
      function at(text: string, needle: string, last = false): [number, number] {
        const offset = last ? text.lastIndexOf(needle) : text.indexOf(needle);
        assert.ok(offset >= 0, needle);
        const before = text.slice(0, offset).split('\n');
        return [before.length, before[before.length - 1].length + 1];
      }
      function position(text: string): [number | undefined, number | undefined] {
        const err = configError(text);
        assert.match(err.message, /\(line \d+, column \d+\)$/, err.message);
        return [err.line, err.column];
      }

      describe('a date or time that does not exist', () => {
        const cases: [string, string, string][] = [
          ['an offset date-time', '[[profile]]\nname = "a"\nx = 1979-13-45T00:00:00Z\n', '1979-13-45'],
          ['a local date-time', '[[profile]]\nname = "a"\n  x = 1979-01-01T25:00:00\n', '1979-01-01T25'],
          ['a local date', '# 2024-00-10\n[[profile]]\nname = "a"\nx = 2024-00-10\n', '2024-00-10\n'],
          ['a local time', '[[profile]]\nname = "a"\nx = 24:61:00\n', '24:61'],
          ['in a multi-line array', '[[profile]]\nname = "a"\nx = [\n  1979-01-01T00:00:00Z,\n  1979-13-01T00:00:00Z,\n]\n', '1979-13-01'],
          ['in an inline table, after a string holding one', 'x = { s = "1979-13-01T00:00:00Z", d = 1979-13-01T00:00:00Z }\n', '1979-13-01'],
          ['after a string holding a date', '[[profile]]\nname = "1979-13-45"\ny = "1979-13-45"\nx = 1979-13-45\n', '1979-13-45\n'],
        ];
        for (const [what, text, needle] of cases) {
          it(what, () => {
            const err = configError(text);
            assert.match(err.message, /date|time/i);
            assert.deepStrictEqual(position(text), at(text, needle, true));
          });
        }
      });

      it('a date that does not exist in a big file is found quickly', () => {
        const filler = Array.from({ length: 20000 }, (_, i) => `[[profile]]\nname = "p${i}"\nport = "443"\n`).join('');
        const text = `${filler}[[profile]]\nname = "bad"\nx = 1979-13-45\n${filler.replace(/"p/g, '"q')}`;
        // CPU time, not wall time: the budget holds on a machine busy with other work.
        const { ms, value } = cpuTimed(() => position(text));
        assert.deepStrictEqual(value, at(text, '1979-13-45', true));
        assert.ok(ms < 3000, `${ms.toFixed(0)} ms of CPU`);
      });

      describe('profile written as something else than [[profile]] tables', () => {
        const cases: [string, string, string][] = [
          ['[profile]', '# a comment\n\n  [profile]\nname = "a"\n', '[profile]'],
          ['[profile] after other tables', '[other]\nx = 1\n[profile]\nname = "a"\n', '[profile]'],
          ['[profile.tls] before any [[profile]]', '\n[profile.tls]\ninsecure = true\n', '[profile.tls]'],
          ['profile = "x"', '# c\nprofile = "x"\n', 'profile ='],
          ['profile = 3', 'profile = 3\n', 'profile ='],
          ['profile = ["a", "b"]', '\n\nprofile = ["a", "b"]\n', 'profile ='],
          ['profile.name = "a"', 'profile.name = "a"\n', 'profile.name'],
          ['profile = [["a"]] (arrays instead of tables)', 'x = 1\nprofile = [["a"]]\n', 'profile ='],
        ];
        for (const [what, text, needle] of cases) {
          it(what, () => {
            const err = configError(text);
            assert.match(err.message, /\[\[profile\]\]/);
            assert.deepStrictEqual(position(text), at(text, needle));
          });
        }

        it('setProfileMgmtToken says where as well', () => {
          const text = '# c\n[profile]\nname = "default"\n';
          assert.throws(
            () => setProfileMgmtToken(text, 'default', TOKEN),
            (err: unknown) => err instanceof ConfigError && err.line === 2 && err.column === 1,
          );
        });
      });

      describe('nesting deeper than 100 levels', () => {
        const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
        const cases: [string, string, [number, number]][] = [
          ['an array', `a = 1\n\nx = ${deep(150)}\n`, [3, 5 + 100]],
          ['an array 100,000 deep', `a = 1\nx = ${deep(100000)}\n`, [2, 5 + 100]],
          ['an array in a table', `[[profile]]\nname = "a"\n  x = ${deep(150)}\n`, [3, 7 + 98]],
          ['inline tables', `[[profile]]\nname = "a"\nauth = ${'{ a = '.repeat(150)}1${' }'.repeat(150)}\n`, [3, 8 + 6 * 98]],
          ['a dotted key', `[[profile]]\nname = "a"\n    ${Array(150).fill('k').join('.')} = 1\n`, [3, 5]],
          ['a header', `[[profile]]\nname = "a"\n\n[${Array(150).fill('t').join('.')}]\nx = 1\n`, [4, 1]],
          ['arrays of tables', `${Array.from({ length: 51 }, (_, i) => `[[${Array(i + 1).fill('t').join('.')}]]`).join('\n')}\n`, [51, 1]],
          ['dotted keys in an inline table', `x = { ${Array(150).fill('k').join('.')} = 1 }\n`, [1, 7]],
          ['arrays of inline tables', `[[profile]]\nname = "a"\nm = ${'[{ a = '.repeat(75)}1${' }]'.repeat(75)}\n`, [3, 5 + 7 * 49]],
        ];
        for (const [what, text, expected] of cases) {
          it(what, () => {
            const err = configError(text);
            assert.match(err.message, /levels deep/);
            assert.deepStrictEqual(position(text), expected);
          });
        }

        it('100 levels are fine', () => {
          assert.doesNotThrow(() => parseToml(`x = ${deep(100)}\n`));
          assert.doesNotThrow(() => parseToml(`[[${Array(50).fill('t').join('.')}]]\n`));
        });
      });
    });

    it('parseToml throws ConfigError too', () => {
      assert.throws(() => parseToml('a = '), (err: unknown) => err instanceof ConfigError && err.line === 1);
    });
  });
});
