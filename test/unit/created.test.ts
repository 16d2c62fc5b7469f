import * as assert from 'assert';
import { parseCreatedToken } from '../../src/core/created';
import { OutputFormatError } from '../../src/core/tokens';

// A realistic management token: `M.V1.` and 60 base64 characters.
const BODY = 'qZ3x9Lk2+PbR7tYv/Wm4NcE1sHd8Ga6Uj0Of5Ti2Ky7Xw3Vn9Bq1Mr4Sp8Ae';
const SECRET = `M.V1.${BODY}`;
const ID = '11111111-1111-1111-1111-111111111111';

const WARN = 'warn\tplease copy the token and store in a safe place\nwarn\tthis is the *only time* you will see the token\n';

// influxctl before 2.11.0 (reference/docs/influxctl-release-notes.md, "Before example").
const V2_10 = `${WARN}${SECRET}\n`;

// influxctl 2.11.0+ ("After example").
const TABLE = [
  '+-------------+--------------------------------------+',
  `|          id | ${ID} |`,
  '| description | Example Token                        |',
  '|  expires at | 2025-10-24T00:00:00Z                 |',
  '|  revoked at |                                      |',
  '+-------------+--------------------------------------+',
  '',
].join('\n');
const V2_11 = `${TABLE}${WARN}${SECRET}\n`;

function formatError(stdout: string): OutputFormatError {
  let caught: unknown;
  try {
    parseCreatedToken(stdout);
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof OutputFormatError, `expected OutputFormatError for ${JSON.stringify(stdout)}, got ${String(caught)}`);
  return caught;
}

describe('parseCreatedToken', () => {
  it('the sample secret is M.V1. and 60 base64 characters', () => {
    assert.strictEqual(BODY.length, 60);
    assert.match(BODY, /^[A-Za-z0-9+/]{60}$/);
  });

  describe('accepted forms', () => {
    it('2.10: two warn lines, then the token', () => {
      assert.deepStrictEqual(parseCreatedToken(V2_10), { secret: SECRET, id: undefined });
    });

    it('2.11+: a table, the warn lines, then the token; the id comes from the table', () => {
      assert.deepStrictEqual(parseCreatedToken(V2_11), { secret: SECRET, id: ID });
    });

    it('2.10 with the warnings on stderr: only the token on stdout', () => {
      assert.deepStrictEqual(parseCreatedToken(`${SECRET}\n`), { secret: SECRET, id: undefined });
    });

    it('2.11 with the warnings on stderr: the table and the token', () => {
      assert.deepStrictEqual(parseCreatedToken(`${TABLE}${SECRET}\n`), { secret: SECRET, id: ID });
    });

    it('CRLF line endings (2.10 and 2.11)', () => {
      const crlf = (s: string) => s.replace(/\n/g, '\r\n');
      assert.deepStrictEqual(parseCreatedToken(crlf(V2_10)), { secret: SECRET, id: undefined });
      assert.deepStrictEqual(parseCreatedToken(crlf(V2_11)), { secret: SECRET, id: ID });
    });

    it('no trailing newline, and blank lines around', () => {
      assert.strictEqual(parseCreatedToken(`\n${WARN}\n${SECRET}`).secret, SECRET);
      assert.strictEqual(parseCreatedToken(`${SECRET}\n\n\n`).secret, SECRET);
    });

    it('the secret is returned exactly: no surrounding whitespace, no CR', () => {
      const { secret } = parseCreatedToken(`${WARN}  ${SECRET}  \r\n`);
      assert.strictEqual(secret, SECRET);
    });

    it('a table whose description holds a token-looking word still yields the real token', () => {
      const table = TABLE.replace('Example Token', 'M.V1.abcdefghijklmnopqrstuvwxyz');
      assert.notStrictEqual(table, TABLE);
      assert.deepStrictEqual(parseCreatedToken(`${table}${WARN}${SECRET}\n`), { secret: SECRET, id: ID });
    });
  });

  describe('refused output (never a border, a warning, or a guess as the secret)', () => {
    it('empty output', () => {
      const err = formatError('');
      assert.match(err.message, /no token string/);
      assert.match(err.message, /not captured/);
      formatError('\n\r\n  \n');
    });

    it('only a table', () => {
      assert.match(formatError(TABLE).message, /no token string/);
    });

    it('only warn lines', () => {
      assert.match(formatError(WARN).message, /no token string/);
    });

    it('a table and warn lines but no token', () => {
      formatError(`${TABLE}${WARN}`);
    });

    it('only a table border', () => {
      formatError('+-------------+--------------------------------------+\n');
    });

    it('two token-like lines', () => {
      const other = `M.V1.${BODY.split('').reverse().join('')}`;
      const err = formatError(`${WARN}${SECRET}\n${other}\n`);
      assert.match(err.message, /more than one token-like line/);
    });

    it('a token next to another unexpected line', () => {
      formatError(`${WARN}Something unexpected happened\n${SECRET}\n`);
      formatError(`${SECRET}\nDone.\n`);
    });

    it('a short word is not a token', () => {
      formatError(`${WARN}ok\n`);
    });

    it('a token-like string inside a sentence is not a token', () => {
      formatError(`${WARN}your token is ${SECRET}\n`);
    });

    it('JSON output (--format json) is not taken apart', () => {
      formatError(`{"id": "${ID}", "token": "${SECRET}"}\n`);
    });

    it('never returns a warn line or a border, whatever else is printed', () => {
      for (const stdout of [
        'warn\tthis-is-a-very-long-warning-without-spaces\n',
        'WARN\tplease copy the token\n',
        '+--------------------------------------------------+\n',
        '|          id | 11111111-1111-1111-1111-111111111111 |\n',
        'error\tsomething failed\n',
      ]) {
        formatError(stdout);
      }
    });

    it('the error message does not contain a secret that appears in garbage', () => {
      const stdouts = [
        `Error: something failed\n${SECRET}\n`,
        `failed to create token ${SECRET} (retry later)\n`,
        `{"id": "${ID}", "token": "${SECRET}"}\n`,
        `${SECRET}\n${SECRET}\n`,
      ];
      for (const stdout of stdouts) {
        const err = formatError(stdout);
        assert.ok(!err.message.includes(BODY.slice(0, 20)), err.message);
        assert.ok(!err.excerpt.includes(BODY.slice(10, 30)), err.excerpt);
        assert.ok(!err.message.includes(BODY.slice(-20)), err.message);
      }
    });

    it('the error message quotes the rest of the output to help diagnose', () => {
      const err = formatError('Error: permission denied: user lacks management:write\n');
      assert.ok(err.message.includes('permission denied'), err.message);
    });
  });
});
