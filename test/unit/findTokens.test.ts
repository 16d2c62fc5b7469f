import * as assert from 'assert';
import { findTokens, fingerprintSecret, type FoundToken } from '../../src/core';
import { seededRandom, sourceTextWithTokens } from '../fixtures/tokenText';

// Random-looking bodies (made up, no real token).
const DATABASE = 'apiv1_Qz7xLk2PbR7tYvWm4NcE1sHd8Ga6Uj0Of5Ti2Ky7Xw3Vn9Bq1Mr4Sp8AeZc3Hf6Jd-_Rk5';
const MANAGEMENT = 'M.V1.qZ3x9Lk2+PbR7tYv/Wm4NcE1sHd8Ga6Uj0Of5Ti2Ky7Xw3Vn9Bq1Mr4Sp8Ae==';

function b64(s: string): string {
  return Buffer.from(s, 'utf8').toString('base64');
}

/** What was found, as [kind, encoding, the text written there, secret]. */
function found(text: string): Array<[FoundToken['kind'], FoundToken['encoding'], string, string]> {
  return findTokens(text).map((t) => [t.kind, t.encoding, text.slice(t.start, t.end), t.secret]);
}

describe('findTokens', () => {
  describe('plain', () => {
    it('finds a database token and a management token', () => {
      assert.deepStrictEqual(found(`token = "${DATABASE}"\nmgmt_token = '${MANAGEMENT}'\n`), [
        ['database', 'plain', DATABASE, DATABASE],
        ['management', 'plain', MANAGEMENT, MANAGEMENT],
      ]);
    });

    it('at the text start and end, alone, with CRLF, several per line, in order', () => {
      assert.deepStrictEqual(found(DATABASE), [['database', 'plain', DATABASE, DATABASE]]);
      assert.deepStrictEqual(found(MANAGEMENT), [['management', 'plain', MANAGEMENT, MANAGEMENT]]);
      const text = `${MANAGEMENT}\r\nINFLUX_TOKEN=${DATABASE}\r\na=${DATABASE},b=${MANAGEMENT} ${DATABASE}`;
      const tokens = findTokens(text);
      assert.deepStrictEqual(
        tokens.map((t) => [t.kind, t.start, t.end]),
        [
          ['management', 0, MANAGEMENT.length],
          ['database', MANAGEMENT.length + 15, MANAGEMENT.length + 15 + DATABASE.length],
          ...[text.indexOf('a=') + 2, text.indexOf('b=') + 2, text.lastIndexOf(' ') + 1].map((start, i) => {
            const token = i === 1 ? MANAGEMENT : DATABASE;
            return [i === 1 ? 'management' : 'database', start, start + token.length];
          }),
        ],
      );
      assert.ok(tokens.every((t) => t.encoding === 'plain'));
    });

    it('offsets are UTF-16 code units', () => {
      const text = `😀 é ${DATABASE}`;
      const [token] = findTokens(text);
      assert.strictEqual(token.start, 5);
      assert.strictEqual(text.slice(token.start, token.end), DATABASE);
    });

    it('other versions of the headers', () => {
      const v2 = DATABASE.replace('apiv1_', 'apiv2_');
      const m12 = MANAGEMENT.replace('M.V1.', 'M.V12.');
      assert.deepStrictEqual(found(`${v2} ${m12}`), [
        ['database', 'plain', v2, v2],
        ['management', 'plain', m12, m12],
      ]);
    });

    it('ends a management token at a sentence full stop, and after its padding', () => {
      assert.deepStrictEqual(found(`Use ${MANAGEMENT}.`), [['management', 'plain', MANAGEMENT, MANAGEMENT]]);
      const unpadded = MANAGEMENT.replace(/=+$/, '');
      assert.deepStrictEqual(found(`"${unpadded}".`), [['management', 'plain', unpadded, unpadded]]);
    });
  });

  describe('JSON-escaped', () => {
    it('\\/ and \\u002B / \\u003D inside a JSON string', () => {
      const escaped = MANAGEMENT.replace(/\//g, '\\/').replace(/\+/g, '\\u002B').replace(/=/g, '\\u003d');
      const text = `{"cells":[{"source":["MANAGEMENT_TOKEN = \\"${escaped}\\"\\n"]}]}`;
      assert.deepStrictEqual(found(text), [['management', 'json', escaped, MANAGEMENT]]);
    });

    it('JSON.stringify output (only \\/ needs no escaping there: the token is plain)', () => {
      assert.deepStrictEqual(found(JSON.stringify({ token: MANAGEMENT, db: DATABASE })), [
        ['management', 'plain', MANAGEMENT, MANAGEMENT],
        ['database', 'plain', DATABASE, DATABASE],
      ]);
    });

    it('after a \\n, \\t or \\r escape in a JSON string, not after an escaped backslash and n', () => {
      assert.deepStrictEqual(found(`{"text": "Your token:\\n${MANAGEMENT}\\n", "env": "A=1\\tB=2\\r${DATABASE}"}`), [
        ['management', 'plain', MANAGEMENT, MANAGEMENT],
        ['database', 'plain', DATABASE, DATABASE],
      ]);
      assert.deepStrictEqual(found(`"C:\\\\n${MANAGEMENT}"`), []);
      assert.deepStrictEqual(found(`"\\\\\\n${MANAGEMENT}"`).length, 1);
    });

    it('an escaped backslash ends the token', () => {
      const [token] = findTokens(`"${MANAGEMENT.slice(0, 30)}\\\\/${MANAGEMENT.slice(30)}"`);
      assert.ok(!token || token.end <= 31 + 1);
    });
  });

  describe('URL-encoded', () => {
    it('%2B %2F %3D after ?token=', () => {
      const encoded = encodeURIComponent(MANAGEMENT);
      assert.ok(encoded.includes('%2B') && encoded.includes('%2F') && encoded.includes('%3D'));
      const text = `https://example.com/api?db=x&token=${encoded}&x=1`;
      assert.deepStrictEqual(found(text), [['management', 'url', encoded, MANAGEMENT]]);
    });

    it('lower-case hex, and a token after a %XX escape', () => {
      const encoded = encodeURIComponent(MANAGEMENT).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
      assert.ok(encoded.includes('%2b'));
      assert.deepStrictEqual(found(`q=%22${encoded}%22`), [['management', 'url', encoded, MANAGEMENT]]);
      assert.deepStrictEqual(found(`q=%3D${DATABASE}`), [['database', 'plain', DATABASE, DATABASE]]);
    });

    it('a database token in a query string is written as it is', () => {
      assert.deepStrictEqual(found(`?token=${encodeURIComponent(DATABASE)}`), [['database', 'plain', DATABASE, DATABASE]]);
    });

    it('mixed JSON and URL escapes end the token at the second kind', () => {
      const text = `M.V1.qZ3x9Lk2%2BPbR7tYvWm4NcE1sHd8Ga6Uj\\/0Of5Ti2Ky7Xw3Vn9Bq1Mr4Sp8Ae`;
      assert.deepStrictEqual(found(text), [['management', 'url', text.slice(0, text.indexOf('\\')), 'M.V1.qZ3x9Lk2+PbR7tYvWm4NcE1sHd8Ga6Uj']]);
    });
  });

  describe('base64 as a whole value', () => {
    it('a Kubernetes Secret with both kinds', () => {
      const text = `apiVersion: v1\r\nkind: Secret\r\ndata:\r\n  token: ${b64(DATABASE)}\r\n  mgmt: "${b64(MANAGEMENT)}"\r\n`;
      assert.deepStrictEqual(found(text), [
        ['database', 'base64', b64(DATABASE), DATABASE],
        ['management', 'base64', b64(MANAGEMENT), MANAGEMENT],
      ]);
    });

    it('with a trailing line break encoded (echo TOKEN | base64), unpadded, base64url', () => {
      assert.deepStrictEqual(found(`x: ${b64(`${DATABASE}\n`)}`), [['database', 'base64', b64(`${DATABASE}\n`), DATABASE]]);
      const unpadded = b64(MANAGEMENT.slice(0, -1)).replace(/=+$/, '');
      assert.deepStrictEqual(found(unpadded), [['management', 'base64', unpadded, MANAGEMENT.slice(0, -1)]]);
      const url = Buffer.from(MANAGEMENT).toString('base64url');
      assert.deepStrictEqual(found(`v=${url}`), [['management', 'base64', url, MANAGEMENT]]);
    });

    it('not when the value decodes to a token start and bytes that are no text', () => {
      const value = Buffer.concat([Buffer.from('apiv1_'), Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 37) % 256))]).toString('base64');
      assert.ok(value.startsWith('YXBpdjFf'));
      assert.deepStrictEqual(found(`x: ${value}`), []);
    });

    it('not when the value decodes to a word glued to a token, or to a placeholder', () => {
      assert.deepStrictEqual(found(`x: QUJD${b64(DATABASE)}`), []);
      assert.deepStrictEqual(found(`x: ${b64(`apiv1_${'x'.repeat(60)}`)}`), []);
    });
  });

  describe('base64 inside a longer encoded text (a whole .env in a Kubernetes Secret)', () => {
    /** The groups of `encoded` that encode `secret` inside `plain`: what findTokens reports as written. */
    function groupsOf(plain: string, secret: string): string {
      const at = plain.indexOf(secret);
      return b64(plain).slice(Math.floor(at / 3) * 4, Math.ceil((at + secret.length) / 3) * 4);
    }

    it('at each of the three alignments, both kinds, with text around them', () => {
      for (const lead of ['', 'A=', 'AB=']) {
        const env = `${lead}${DATABASE}\nINFLUX_MGMT=${MANAGEMENT}\nDEBUG=1\n`;
        const written = `data:\n  .env: ${b64(env)}\n`;
        assert.deepStrictEqual(
          found(written),
          [
            ['database', 'base64', groupsOf(env, DATABASE), DATABASE],
            ['management', 'base64', groupsOf(env, MANAGEMENT), MANAGEMENT],
          ],
          lead,
        );
      }
    });

    it('a token followed by more text in one value', () => {
      assert.deepStrictEqual(found(`x: ${b64(`${DATABASE} more`)}`), [['database', 'base64', groupsOf(`${DATABASE} more`, DATABASE), DATABASE]]);
    });

    it('not at a position the groups of four rule out, nor glued to a word, nor followed by bytes that are no text', () => {
      // The spelling of `apiv1_` at alignment 1, but one character off the run's groups.
      const shifted = `x: Q${b64(`A${DATABASE}`)}`;
      assert.deepStrictEqual(found(shifted), []);
      assert.deepStrictEqual(found(`x: ${b64(`word${DATABASE}`)}`), []);
      const binary = Buffer.concat([Buffer.from('AB apiv1_'), Buffer.from(Array.from({ length: 64 }, (_, i) => 128 + i))]).toString('base64');
      assert.deepStrictEqual(found(`x: ${binary}`), []);
    });

    it('a token longer than the first window decoded, and not one longer than 4096 characters', () => {
      const body = 'qZ3x9Lk2PbR7tYvWm4NcE1sHd8Ga6Uj0Of5Ti2Ky7Xw3Vn9Bq1Mr4Sp8Ae';
      const long = `apiv1_${body.repeat(10)}`;
      assert.deepStrictEqual(found(`x: ${b64(`A=${long}\n`)}`), [['database', 'base64', groupsOf(`A=${long}\n`, long), long]]);
      const tooLong = `apiv1_${body.repeat(80)}`;
      assert.deepStrictEqual(found(`x: ${b64(`A=${tooLong}\n`)}`), []);
    });
  });

  describe('no false positives', () => {
    for (const [what, text] of [
      ['x placeholders', `apiv1_${'x'.repeat(64)}`],
      ['an ellipsis', 'token = "apiv1_..."'],
      ['a placeholder in angle brackets', 'M.V1.<token>'],
      ['YOUR_TOKEN', 'apiv1_YOUR_DATABASE_TOKEN_GOES_HERE_AND_IT_IS_LONG_ENOUGH_TO_PASS'],
      ['one repeated digit', `apiv1_${'5'.repeat(64)}`],
      ['a truncated sample', `apiv1_Qz7xLk2PbR7tYv${'x'.repeat(50)}`],
      ['a sequential sample', 'M.V1.AbCdEf0123456789abcdefXYZ'],
      ['a lower-case identifier', 'get_token_for_apiv1_endpoint_and_more_words_until_it_is_long_enough_ok'],
      ['a snake_case identifier with digits', 'def apiv1_list_database_tokens_v2_response_schema_for_cluster_2024_11(self):'],
      ['a management token body without upper case from 32 characters on', 'M.V1.qz3x9lk2+pbr7tyv/wm4nce1shd8ga6uj0of5ti2ky7xw3'],
      ['a listed prefix', 'token_prefix: M.V1.+5Jk'],
      ['a glued word', `get_${DATABASE} x${MANAGEMENT} get_apiv1_tokens`],
      ['a UUID', 'account_id = "0b8fbb2a-8f7b-4a1c-9d6e-2f1e4c3b5a69"'],
      ['a JWT', 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'],
      ['random base64', 'cert: MIIBszCCAVmgAwIBAgIUfYvT2t5wJ3Z9HkQ2xTg7xNn1c0kwCgYIKoZIzj0EAwIw'],
      ['the base64 start of a token alone', `x: YXBpdjFf TS5WMS4x ${b64('apiv1_short')}`],
      ['a header with no digits', `apiv_${DATABASE.slice(6)} M.V.${MANAGEMENT.slice(5)}`],
      ['padding glued to more', `${MANAGEMENT}abc`],
    ]) {
      it(what, () => assert.deepStrictEqual(found(text), []));
    }
  });

  it('ordinary source text (as timed by the bench): every token in every form, nothing else', () => {
    const { text, tokens } = sourceTextWithTokens(256 * 1024, 4);
    assert.deepStrictEqual(
      found(text).map(([, encoding, written, secret]) => ({ written, secret, encoding })),
      tokens,
    );
  });

  it('tokens longer than 4096 characters are data, not tokens', () => {
    const body = 'qZ3x9Lk2+PbR7tYv/Wm4NcE1sHd8Ga6Uj0Of5Ti2Ky7Xw3Vn9Bq1Mr4Sp8Ae'.repeat(70);
    assert.deepStrictEqual(found(`M.V1.${body}`), []);
    assert.deepStrictEqual(found(`M.V1.${body.slice(0, 4091)}`).length, 1);
    assert.deepStrictEqual(found(`M.V1.${encodeURIComponent(body.slice(0, 4091))}`).length, 1);
  });

  it('on texts made of pieces of tokens, escapes and separators: sorted, apart, each as written decodes to its secret', () => {
    const pieces = ['apiv1_', 'M.V1.', 'YXBpdjFf', 'TS5WMS4', '%2B', '%2f', '%3D', '\\/', '\\u002B', '\\', '\\n', '=', '==', '"', ' ', '\r\n', '_', '-', '+', '/', '.', 'é', '😀'];
    const random = seededRandom(7);
    const bodies = [DATABASE.slice(6), MANAGEMENT.slice(5, -2), b64(DATABASE), b64(MANAGEMENT)];
    const seen = new Map<string, number>();
    for (let round = 0; round < 2000; round++) {
      let text = '';
      while (text.length < 300) text += random() < 0.2 ? bodies[Math.floor(random() * bodies.length)] : pieces[Math.floor(random() * pieces.length)];
      const tokens = findTokens(text);
      let end = 0;
      for (const t of tokens) {
        assert.ok(t.start >= end && t.end > t.start && t.end <= text.length, JSON.stringify(text));
        end = t.end;
        const written = text.slice(t.start, t.end);
        const decoded = { plain: written, json: JSON.parse(`"${written}"`) as string, url: decodeURIComponent(written), base64: Buffer.from(written, 'base64').toString('latin1') }[t.encoding];
        // A base64 range covers whole groups: the token, and the bytes that share its first and last group.
        if (t.encoding === 'base64') assert.ok(decoded.includes(t.secret) && decoded.length <= t.secret.length + 4, JSON.stringify(text));
        else assert.strictEqual(decoded, t.secret, JSON.stringify(text));
        assert.ok(t.secret.startsWith(t.kind === 'database' ? 'apiv1_' : 'M.V1.'), JSON.stringify(text));
        seen.set(`${t.kind} ${t.encoding}`, (seen.get(`${t.kind} ${t.encoding}`) ?? 0) + 1);
      }
    }
    // The pieces make every kind and form, so that the checks above were met.
    assert.deepStrictEqual([...seen.keys()].sort(), ['database base64', 'database plain', 'management base64', 'management json', 'management plain', 'management url'], JSON.stringify([...seen]));
  });

  it('never throws, on anything', () => {
    for (const text of ['', 'a', '\\', '%', '%2', '\\u00', 'M.V', 'M.V1', 'M.V1.', 'apiv', 'apiv1', 'apiv1_', 'YXBpdj', 'TS5W', '\ud800', `${MANAGEMENT.slice(0, 20)}%2`]) {
      assert.ok(Array.isArray(findTokens(text)), text);
    }
  });

  it('fingerprintSecret: a SHA-256 hex digest, the same for the same secret', () => {
    assert.strictEqual(fingerprintSecret('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    assert.strictEqual(fingerprintSecret(DATABASE), fingerprintSecret(`${DATABASE}`));
    assert.notStrictEqual(fingerprintSecret(DATABASE), fingerprintSecret(MANAGEMENT));
    assert.ok(!fingerprintSecret(DATABASE).includes(DATABASE.slice(6, 14)));
  });
});
