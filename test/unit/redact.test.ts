import * as assert from 'assert';
import { REDACTED, redactSecrets } from '../../src/core/redact';
import { cpuTimed } from './cpuTime';

const BODY = 'qZ3x9Lk2+PbR7tYv/Wm4NcE1sHd8Ga6Uj0Of5Ti2Ky7Xw3Vn9Bq1Mr4Sp8Ae';
const SECRET = `M.V1.${BODY}`;

function assertHidden(out: string, secret: string): void {
  // No 8-character window of the secret's random part may survive.
  const random = secret.startsWith('M.V') ? secret.slice(9) : secret;
  for (let i = 0; i + 8 <= random.length; i++) {
    assert.ok(!out.includes(random.slice(i, i + 8)), `${JSON.stringify(random.slice(i, i + 8))} leaked in ${JSON.stringify(out)}`);
  }
}

describe('redactSecrets', () => {
  describe('management tokens', () => {
    it('keep only their 9-character listed prefix', () => {
      const out = redactSecrets(`created ${SECRET} ok`);
      assert.strictEqual(out, `created M.V1.qZ3x…${REDACTED} ok`);
      assertHidden(out, SECRET);
    });

    it('M.V1.+5Jk… keeps M.V1.+5Jk', () => {
      const out = redactSecrets('M.V1.+5JkAbCdEf0123456789abcdefXYZ');
      assert.ok(out.startsWith('M.V1.+5Jk'), out);
      assert.ok(!out.includes('AbCdEf'), out);
      assert.ok(out.includes(REDACTED), out);
    });

    it('are redacted wherever they sit: quotes, JSON, start and end of text, several per line', () => {
      const other = `M.V2.${BODY.split('').reverse().join('')}`;
      for (const text of [
        SECRET,
        `"${SECRET}"`,
        `{"token":"${SECRET}"}`,
        `a=${SECRET},b=${other}`,
        `line1\n${SECRET}\nline3`,
      ]) {
        const out = redactSecrets(text);
        assertHidden(out, SECRET);
        assertHidden(out, other);
      }
    });

    it('a short token body (5+ characters after the prefix) is still redacted', () => {
      assert.strictEqual(redactSecrets('M.V1.abcdefgh'), `M.V1.abcd…${REDACTED}`);
    });
  });

  // Secrets the high-entropy fallback does not catch: short pieces between slashes, one letter case.
  const SLASHY = 'M.V1.Ab1/Cd2/Ef3/Gh4/Ij5/Kl6/Mn7/Op8/Qr9/St0/Uv1/Wx2/Yz3/Ab4/Cd5';
  const LOWER = 'M.V1.qzxlkpbrtyvwmncshdgaujoftikyxwvnbqmrspaeqzxlkpbrtyvwmncs';

  describe('management tokens glued to other text', () => {
    for (const secret of [SECRET, SLASHY, LOWER]) {
      for (const before of ['x', '7', 'token', 'ABC123', '_', 'é']) {
        it(`${secret.slice(0, 12)}… after ${JSON.stringify(before)}`, () => {
          const out = redactSecrets(`got ${before}${secret} back`);
          assertHidden(out, secret);
          assert.ok(out.startsWith(`got ${before}`), out);
          assert.ok(out.endsWith(' back'), out);
        });
      }
    }
  });

  describe('management tokens wrapped across lines', () => {
    for (const secret of [SECRET, SLASHY]) {
      for (const at of [7, 12, 20, 40, 60]) {
        for (const [name, lineBreak] of [
          ['LF', '\n'],
          ['CRLF', '\r\n'],
          ['LF and indentation', '\n    '],
        ]) {
          it(`${secret.slice(0, 12)}… wrapped after ${at} characters (${name})`, () => {
            const out = redactSecrets(`stderr: ${secret.slice(0, at)}${lineBreak}${secret.slice(at)}\nnext line`);
            assertHidden(out, secret);
            assert.ok(out.endsWith('\nnext line'), out);
          });
        }
      }
    }

    it('wrapped over three lines', () => {
      const out = redactSecrets(`${SECRET.slice(0, 25)}\n${SECRET.slice(25, 45)}\n${SECRET.slice(45)}\ndone`);
      assertHidden(out, SECRET);
      assert.ok(out.endsWith('\ndone'), out);
    });

    it('a whole token at the end of a line leaves the words of the next line alone', () => {
      for (const next of ['warn\tplease copy the token', 'Error: rpc failed', 'Connection refused', 'done']) {
        assert.strictEqual(redactSecrets(`${SECRET}\n${next}`), `M.V1.qZ3x…${REDACTED}\n${next}`);
      }
    });

    it('the line count stays the same', () => {
      const text = `a\n${SECRET.slice(0, 30)}\n${SECRET.slice(30)}\nb`;
      assert.strictEqual(redactSecrets(text).split('\n').length, text.split('\n').length);
    });
  });

  describe('database tokens (apiv<n>_…)', () => {
    const ACCESS = 'apiv1_Zk3pQ9xLm2Nb7VcR4tYw8HsJ1dFg6Ka0Eo5Ui2Ty7Pr3Wq9Sx1Mn4Bv8Cz6Dl0Hj2Gf';
    const DIGITS = `apiv1_${'5'.repeat(64)}`;

    it("keep only apiv<n>_, also the documents' digits-only examples", () => {
      assert.strictEqual(redactSecrets(`token ${DIGITS}, next`), `token apiv1_${REDACTED}, next`);
      assert.strictEqual(redactSecrets('x=apiv2_Qm9+/aZ0c3Rz9Lk=='), `x=apiv2_${REDACTED}`);
      assert.strictEqual(redactSecrets(`"accessToken":"${ACCESS}"`).includes(ACCESS.slice(6, 20)), false);
    });

    it('apiv1_ followed by fewer than 8 characters is prose', () => {
      assert.strictEqual(redactSecrets('apiv1_ is the prefix'), 'apiv1_ is the prefix');
      assert.strictEqual(redactSecrets('apiv1_short'), 'apiv1_short');
    });

    for (const secret of [ACCESS, DIGITS]) {
      for (const before of ['x', '7', 'token']) {
        it(`${secret.slice(0, 12)}… glued after ${JSON.stringify(before)}`, () => {
          const out = redactSecrets(`got ${before}${secret} back`);
          assertHidden(out, secret.slice(6));
          assert.strictEqual(out, `got ${before}apiv1_${REDACTED} back`);
        });
      }
      for (const [name, lineBreak] of [['LF', '\n'], ['CRLF', '\r\n'], ['CR', '\r'], ['LF and indentation', '\n  ']]) {
        it(`${secret.slice(0, 12)}… wrapped (${name})`, () => {
          const out = redactSecrets(`${secret.slice(0, 56)}${lineBreak}${secret.slice(56)}\nnext line`);
          assertHidden(out, secret.slice(6));
          assert.ok(out.endsWith('\nnext line'), out);
        });
      }
    }
  });

  describe('tokens URL-encoded or JSON-escaped', () => {
    for (const secret of [SECRET, SLASHY]) {
      it(`${secret.slice(0, 12)}… URL-encoded, unknown and known`, () => {
        const encoded = encodeURIComponent(secret);
        for (const known of [[], [secret]]) {
          const out = redactSecrets(`GET /x?t=${encoded}&y=1 and ${encoded}`, known);
          assertHidden(out, secret);
          assertHidden(out, encoded);
          assert.ok(out.startsWith('GET /x?t=') && out.includes('&y=1 and '), out);
        }
      });
      it(`${secret.slice(0, 12)}… JSON-escaped (\\/), known`, () => {
        const escaped = secret.replace(/\//g, '\\/');
        const out = redactSecrets(`{"t":"${escaped}"}`, [secret]);
        assertHidden(out, secret);
        assertHidden(out, escaped);
      });
    }

    it('a known secret that no pattern knows, URL-encoded', () => {
      assert.strictEqual(redactSecrets('GET /q?p=pass%20word1 done', ['pass word1']), `GET /q?p=${REDACTED} done`);
    });

    it('a management token with JSON-escaped slashes, not known', () => {
      const escaped = SLASHY.replace(/\//g, '\\/');
      const out = redactSecrets(`{"t":"${escaped}"}`);
      assert.strictEqual(out, `{"t":"M.V1.Ab1\\…${REDACTED}"}`);
    });
  });

  describe('known secrets', () => {
    const KNOWN = 'lowercaseonlyknownsecretvalue';

    it('are redacted when wrapped across lines, with or without indentation', () => {
      for (const lineBreak of ['\n', '\r\n', '\n\t', '\n  ']) {
        for (const at of [1, 4, 10, 27]) {
          const out = redactSecrets(`value: ${KNOWN.slice(0, at)}${lineBreak}${KNOWN.slice(at)} end`, [KNOWN]);
          assertHidden(out, KNOWN);
          assert.ok(out.startsWith('value: ') && out.endsWith(' end'), out);
        }
      }
    });

    it('are redacted when glued to other text, and when only a long piece shows (a cut excerpt, a wrapped continuation)', () => {
      for (const text of [`x${KNOWN}y`, `${KNOWN.slice(0, 14)}…`, `stderr: ${KNOWN.slice(12)}`, `prefix-${KNOWN.slice(3, 20)}-suffix`]) {
        const out = redactSecrets(text, [KNOWN]);
        assert.ok(!out.includes(KNOWN.slice(12, 20)) && !out.includes(KNOWN.slice(3, 11)), out);
      }
    });

    it('a wrapped management token known by value is hidden', () => {
      const out = redactSecrets(`stderr: ${SECRET.slice(0, 33)}\n${SECRET.slice(33)}`, [SECRET]);
      assertHidden(out, SECRET);
    });
  });

  describe('assignments whatever the key is called', () => {
    for (const [text, expected] of [
      ['INFLUX_TOKEN=abc123', `INFLUX_TOKEN=${REDACTED}`],
      ['export INFLUXCTL_MGMT_TOKEN="abc 123"', `export INFLUXCTL_MGMT_TOKEN=${REDACTED}`],
      ['{"accessToken": "apiv3_abc"}', `{"accessToken": ${REDACTED}}`],
      ['client_secret = "s3cr3t"', `client_secret = ${REDACTED}`],
      ['DB_PASSWORD: hunter2', `DB_PASSWORD: ${REDACTED}`],
    ]) {
      it(text, () => assert.strictEqual(redactSecrets(text), expected));
    }

    it('token_prefix and tokens are not secrets', () => {
      for (const text of ['"token_prefix": "M.V1.+5Jk"', 'tokens = 3', 'token_count: 2']) assert.strictEqual(redactSecrets(text), text);
    });
  });

  describe('other credentials', () => {
    it('Bearer xyz', () => {
      assert.strictEqual(redactSecrets('Authorization: Bearer xyz'), `Authorization: Bearer ${REDACTED}`);
      assert.strictEqual(redactSecrets('bearer abc.def.ghi'), `bearer ${REDACTED}`);
    });

    it('Authorization: Token and Basic', () => {
      assert.strictEqual(redactSecrets('Authorization: Token abcdef'), `Authorization: Token ${REDACTED}`);
      assert.strictEqual(redactSecrets('Authorization: Basic dXNlcjpwYXNz'), `Authorization: Basic ${REDACTED}`);
    });

    it('mgmt_token = "..." (TOML), token: and password=', () => {
      assert.strictEqual(redactSecrets('    mgmt_token = "not-a-pattern"'), `    mgmt_token = ${REDACTED}`);
      assert.strictEqual(redactSecrets("mgmt_token='abc'"), `mgmt_token=${REDACTED}`);
      assert.strictEqual(redactSecrets('token = "db-token"'), `token = ${REDACTED}`);
      assert.strictEqual(redactSecrets('password=hunter2 user=bob'), `password=${REDACTED} user=bob`);
      assert.strictEqual(redactSecrets('api_key: abc123'), `api_key: ${REDACTED}`);
    });

    it('long mixed-case base64 runs', () => {
      const jwtish = 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9';
      assert.strictEqual(redactSecrets(`got ${jwtish} back`), `got ${REDACTED} back`);
      const b64 = 'Xk9fQ2lR7uVbN3mZ8pWtY1sLc4HgA6jE0oDrK5iF';
      assert.strictEqual(redactSecrets(`value ${b64}`), `value ${REDACTED}`);
      const b64url = 'Xk9fQ2lR7uVb-N3mZ8pWtY1s_Lc4HgA6jE0oDrK5iF';
      assert.strictEqual(redactSecrets(`value ${b64url}.`), `value ${REDACTED}.`);
    });

    it('a base64 run containing slashes is still redacted', () => {
      const out = redactSecrets(`stderr: ${BODY}`);
      assert.strictEqual(out, `stderr: ${REDACTED}`);
    });

    it('known secrets, even short-ish and pattern-less (>= 8 characters)', () => {
      assert.strictEqual(redactSecrets('login as hunter22 failed', ['hunter22']), `login as ${REDACTED} failed`);
      assert.strictEqual(redactSecrets('x lowercaseonlysecret y', ['lowercaseonlysecret']), `x ${REDACTED} y`);
      assert.strictEqual(redactSecrets('hunter22 hunter22', new Set(['hunter22'])), `${REDACTED} ${REDACTED}`);
    });

    it('known secrets shorter than 8 characters are not redacted (would mangle ordinary text)', () => {
      assert.strictEqual(redactSecrets('the profile is a', ['a', 'the']), 'the profile is a');
    });
  });

  describe('left alone', () => {
    const untouched = [
      '3fa85f64-5717-4562-b3fc-2c963f66afa6',
      'revoked management token 3fa85f64-5717-4562-b3fc-2c963f66afa6',
      'token 3FA85F64-5717-4562-B3FC-2C963F66AFA6 expires soon',
      '/home/alice/.config/influxctl/config.toml',
      '/Users/alice/Library/Application Support/influxctl/config.toml',
      'C:\\Users\\Alice2\\AppData\\Roaming\\influxctl\\config.toml',
      '/home/alice/Projects/InfluxDB2024/config.toml',
      'run: influxctl --config /tmp/influxdb-tokens-test-Ab3xQ9/config.toml --profile default --timeout 60s management list --format json',
      '/var/folders/7x/k2lm9qpz0wxy1_3bnc4ab8kr0000gn/T/influxctl-Xy12Ab/config.toml',
      '2024-03-12T19:58:47.622095Z',
      '2030-01-31T12:00:00+02:00',
      'created 2024-03-12, expires 2025-10-24T00:00:00Z',
      'please copy the token and store in a safe place',
      'this is the *only time* you will see the token',
      'Token expired; create a new management token and retry.',
      'Basic authentication is not supported by this cluster.',
      'The token was revoked by an administrator.',
      'M.V1.+5Jk',
      'prefix M.V1.+5Jk.',
      'invalid token: token is expired',
      'rpc error: token: not found',
      'prefix M.V1.+5Jk (Client1 token)',
      '| 3fa85f64-5717-4562-b3fc-2c963f66afa6 | Client1 token | M.V1.+5Jk | 2024-03-12T19:58:47Z |',
      'influxctl exited with code 1: Error: rpc error: code = Unavailable desc = connection refused',
      'ConcurrencyLimiterRunsAtMostMaxTasks',
      'done in 1234 ms (exit 0, 5678 bytes)',
      '/Users/John%20Smith/Documents%202024/Config',
      'GET /files?filename=Quarterly%20Report%202024.csv',
      'https://docs.influxdata.com/search/?t=Management%20API%2C%20cURL',
      'get_apiv2_tokens_list()',
      '/src/apiv1_handlers/index.ts',
      'apiv1_ is the prefix',
      '',
    ];
    for (const text of untouched) {
      it(JSON.stringify(text), () => {
        assert.strictEqual(redactSecrets(text), text);
      });
    }

    it('known secrets do not affect unrelated text', () => {
      assert.strictEqual(redactSecrets('nothing to see', ['hunter22']), 'nothing to see');
    });
  });

  it('is fast on 1 MB of text', () => {
    const text = 'lorem ipsum dolor sit amet 2024-01-01 /tmp/x '.repeat(24000);
    // CPU time, not wall time: the budget holds on a machine busy with other work.
    const { ms, value } = cpuTimed(() => redactSecrets(text, ['hunter22']));
    assert.strictEqual(value, text);
    assert.ok(ms < 1000, `${ms.toFixed(0)} ms of CPU`);
  });

  describe('time grows linearly with hostile text (a long run after a token start)', () => {
    const shapes: [string, (n: number) => string][] = [
      ['dots after apiv1_', (n) => `apiv1_${'.'.repeat(n)}a`],
      ['dots after M.V1.', (n) => `M.V1.${'.'.repeat(n)}a`],
      ['words after apiv1_ starts', (n) => 'apiv1_tokens_'.repeat(Math.ceil(n / 13))],
      ['a run of token characters after many starts', (n) => `${'apiv1_'.repeat(Math.ceil(n / 12))}${'a'.repeat(n / 2)}`],
      ['percent escapes', (n) => '%20'.repeat(Math.ceil(n / 3))],
    ];
    for (const [what, make] of shapes) {
      it(what, () => {
        const time = (n: number) => {
          const text = make(n);
          let best = Infinity;
          for (let i = 0; i < 3; i++) best = Math.min(best, cpuTimed(() => redactSecrets(text)).ms);
          return best;
        };
        const small = time(50_000);
        const large = time(400_000);
        // 8 times the text: linear is about 8 times the time; quadratic would be 64.
        assert.ok(large < Math.max(small, 1) * 24, `${what}: 50 KB ${small.toFixed(1)} ms, 400 KB ${large.toFixed(1)} ms`);
      });
    }
  });
});
