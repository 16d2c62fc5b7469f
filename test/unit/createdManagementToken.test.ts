import * as assert from 'assert';
import { inspect } from 'util';
import { parseCreatedToken, SecretNotCapturedError, stripAnsi, whyNotATokenSecret } from '../../src/core/createdManagementToken';
import { OutputFormatError } from '../../src/core/managementTokens';
import { describeOutputFormatError, describeSecretProblem } from '../../src/ui/coreText';

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

/** The error as the person reads it. */
function shown(err: OutputFormatError): string {
  return describeOutputFormatError(err);
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
      assert.deepStrictEqual(err.problem, { code: 'secretNotCaptured', reason: 'noToken' });
      assert.match(shown(err), /no token string/);
      assert.match(shown(err), /not captured/);
      formatError('\n\r\n  \n');
    });

    it('only a table', () => {
      assert.match(shown(formatError(TABLE)), /no token string/);
    });

    it('only warn lines', () => {
      assert.match(shown(formatError(WARN)), /no token string/);
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
      assert.deepStrictEqual(err.problem, { code: 'secretNotCaptured', reason: 'severalTokens' });
      assert.match(shown(err), /more than one token-like line/);
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
        for (const message of [err.message, shown(err)]) {
          assert.ok(!message.includes(BODY.slice(0, 20)), message);
          assert.ok(!message.includes(BODY.slice(-20)), message);
        }
        assert.ok(!err.excerpt.includes(BODY.slice(10, 30)), err.excerpt);
      }
    });

    it('the error message quotes the rest of the output to help diagnose', () => {
      const err = formatError('Error: permission denied: user lacks management:write\n');
      assert.ok(shown(err).includes('permission denied'), shown(err));
    });
  });

  describe('terminal escape codes are removed before parsing', () => {
    const ESC = '\x1b';
    const cases: [string, string][] = [
      ['a colour around the token', `${WARN}${ESC}[1;32m${SECRET}${ESC}[0m\n`],
      ['a colour before and a reset after, with an erase-line code', `${ESC}[32m${SECRET}${ESC}[0m${ESC}[K\n`],
      ['coloured warn lines and a coloured token (2.11)', `${TABLE}${ESC}[33mwarn${ESC}[0m\tplease copy the token\n${ESC}[33mWARN${ESC}[0m\tonly time\n${ESC}[1m${SECRET}${ESC}[22m\n`],
      ['an OSC 8 hyperlink around the token, ended by BEL', `${ESC}]8;;https://console.influxdata.com/${String.fromCharCode(7)}${SECRET}${ESC}]8;;${String.fromCharCode(7)}\n`],
      ['an OSC title ended by ST', `${ESC}]0;influxctl${ESC}\\${SECRET}\n`],
      ['a character set selection', `${ESC}(B${SECRET}\n`],
    ];
    for (const [what, stdout] of cases) {
      it(what, () => {
        assert.strictEqual(parseCreatedToken(stdout).secret, SECRET);
      });
    }

    it('the 2.11 table still gives the id when coloured', () => {
      const coloured = TABLE.replace(ID, `${ESC}[36m${ID}${ESC}[0m`);
      assert.deepStrictEqual(parseCreatedToken(`${coloured}${WARN}${SECRET}\n`), { secret: SECRET, id: ID });
    });

    it('stripAnsi removes CSI, OSC and two-character escapes, and nothing else', () => {
      assert.strictEqual(stripAnsi(`a${ESC}[31mb${ESC}[0m${ESC}]8;;x${String.fromCharCode(7)}c${ESC}]8;;${ESC}\\d${ESC}=e`), 'abcde');
      assert.strictEqual(stripAnsi('plain [31m text'), 'plain [31m text');
    });
  });

  describe('what cannot be a token is refused, the raw output kept for the user', () => {
    const refused: [string, string, RegExp][] = [
      ['a trailing zero-width space', `${WARN}${SECRET}\u200b\n`, /U\+200B/],
      ['a leading zero-width space', `${WARN}\u200b${SECRET}\n`, /U\+200B/],
      ['a zero-width joiner inside', `${SECRET.slice(0, 30)}\u200d${SECRET.slice(30)}\n`, /U\+200D/],
      ['a byte order mark before it', `\ufeff${SECRET}\n`, /U\+FEFF/],
      ['a soft hyphen inside', `${SECRET.slice(0, 20)}\u00ad${SECRET.slice(20)}\n`, /U\+00AD/],
      ['a right-to-left mark', `${SECRET}\u200f\n`, /U\+200F/],
      ['a bidi override', `\u202e${SECRET}\n`, /U\+202E/],
      ['a bidi isolate', `\u2066${SECRET}\u2069\n`, /U\+2066/],
      ['a word joiner', `${SECRET}\u2060\n`, /U\+2060/],
      ['a trailing no-break space', `${SECRET}\u00a0\n`, /space/],
      ['a trailing ideographic space', `${SECRET}\u3000\n`, /space/],
      ['a Hangul filler (invisible letter)', `${SECRET}\u3164\n`, /U\+3164/],
      ['a homoglyph (Cyrillic a)', `${SECRET.replace('a', '\u0430')}\n`, /U\+0430/],
      ['a BEL control character', `${SECRET}\u0007\n`, /control/],
      ['a NUL', `${SECRET}\u0000\n`, /control/],
      ['a lone carriage return (a spinner overwritten by the token)', `Creating...\r${SECRET}\n`, /control/],
      ['an escape code that is not complete', `\x1b]8;;https://x${SECRET}\n`, /control/],
      ['a tab inside', `${SECRET.slice(0, 20)}\t${SECRET.slice(20)}\n`, /space/],
      ['a URL', `${WARN}https://console.influxdata.com/api/v0/accounts/x/tokens/abcdef0123456789\n`, /URL/],
      ['a URL without a path', 'http://localhost:8086\n', /URL/],
      ['a bare UUID', `${WARN}${ID}\n`, /UUID/],
      ['an uppercase UUID', `${ID.toUpperCase().replace(/1/g, 'A')}\n`, /UUID/],
      ['a UUID without dashes', `${'3fa85f6457174562b3fc2c963f66afa6'}\n`, /UUID/],
      ['a UUID in braces', `{${ID}}\n`, /UUID/],
      ['a quoted token', `"${SECRET}"\n`, /characters a token/],
      ['a JSON string', `{"token":"${SECRET}"}\n`, /characters a token/],
      ['a JWT', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U\n', /M\.V/],
      ['a path', '/usr/local/bin/influxctl-2.11.0\n', /M\.V/],
      ['base64 without the M.V prefix', 'cVozeDlMazIrUGJSN3RZdi9XbTROY0Ux\n', /M\.V/],
      ['a token body that is too short to be one', 'M.V1.abcdefghij\n', /too short/],
      ['only the start of a token', 'M.V1.\n', /only the start of a management token/],
    ];
    for (const [what, stdout, reason] of refused) {
      it(what, () => {
        const err = formatError(stdout);
        assert.ok(err instanceof SecretNotCapturedError, `${err.name}: ${err.message}`);
        assert.match(shown(err), reason);
        assert.match(shown(err), /not captured/);
        assert.strictEqual(err.rawOutput, stripAnsi(stdout), 'the raw output, escape codes removed, is kept');
        for (const message of [err.message, shown(err)]) {
          for (let i = 0; i + 12 <= BODY.length; i += 6) assert.ok(!message.includes(BODY.slice(i, i + 12)), message);
        }
      });
    }

    it('the raw output is not in the message, not enumerable, and not shown by logging the error', () => {
      const err = formatError(`${TABLE}${WARN}${SECRET}\u200b\n`) as SecretNotCapturedError;
      assert.ok(err.rawOutput.includes(SECRET));
      assert.ok(!Object.keys(err).includes('rawOutput'));
      for (const text of [err.message, shown(err), err.excerpt, JSON.stringify(err), inspect(err), String(err)]) {
        assert.ok(!text.includes(BODY.slice(0, 12)), text);
        assert.ok(!text.includes(BODY.slice(-12)), text);
      }
    });

    it('output without any token is a SecretNotCapturedError too (the token exists; its secret is unknown)', () => {
      const err = formatError(`${TABLE}${WARN}`);
      assert.ok(err instanceof SecretNotCapturedError);
      assert.strictEqual(err.rawOutput, `${TABLE}${WARN}`);
    });

    it("carries the new token's ID when the 2.11 table shows it, so that it can be revoked", () => {
      const withTable = formatError(`${TABLE}${WARN}${SECRET}\u200b\n`);
      assert.ok(withTable instanceof SecretNotCapturedError);
      assert.strictEqual(withTable.id, ID);
      const without = formatError(`${WARN}${SECRET}\u200b\n`);
      assert.ok(without instanceof SecretNotCapturedError);
      assert.strictEqual(without.id, undefined);
    });
  });

  describe('whyNotATokenSecret', () => {
    it('accepts management tokens of any version', () => {
      assert.strictEqual(whyNotATokenSecret(SECRET), undefined);
      assert.strictEqual(whyNotATokenSecret('M.V2.abcdefghijklmnop0123456789_-~.+/=='), undefined);
      assert.strictEqual(whyNotATokenSecret('M.V10.Qz7xY9Lk2+PbR7tYv/Wm4NcE1sHd8'), undefined);
    });

    it('says why anything else is not one, without repeating it', () => {
      const cases: [string, string][] = [
        ['', 'empty'],
        [' ', 'whitespace'],
        [`${SECRET}\u200b`, 'foreign'],
        [ID, 'uuid'],
        ['https://example.com/x', 'url'],
        ['not a token at all', 'whitespace'],
      ];
      for (const [text, code] of cases) {
        const why = whyNotATokenSecret(text);
        assert.strictEqual(why?.code, code, JSON.stringify(text));
        const words = describeSecretProblem(why);
        assert.ok(text.trim() === '' || !words.includes(text), words);
      }
      assert.deepStrictEqual(whyNotATokenSecret(`${SECRET}\u200b`), { code: 'foreign', codePoint: 0x200b });
    });
  });
});
