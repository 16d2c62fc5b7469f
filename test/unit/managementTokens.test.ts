import * as assert from 'assert';
import { DAY_MS } from '../../src/core/expiry';
import {
  configuredTokenState,
  crossCheckCreatedSecret,
  excerptOf,
  findTokenOfSecret,
  isIdentifyingPrefix,
  isTokenId,
  isTokenOfSecret,
  matchConfiguredToken,
  OutputFormatError,
  parseManagementTokenList,
  tokenStatus,
} from '../../src/core/managementTokens';
import type { ManagementToken } from '../../src/core/types';
import { describeOutputFormatError } from '../../src/ui/coreText';

// The documented example of `influxctl management list --format json`
// (reference/docs/cloud-dedicated/admin_tokens_management_list.md).
const DOCUMENTED_EXAMPLE = `[
  {
    "id": "000x0000-000x-0000-X0x0-X0X00000x000",
    "account_id": "0x0x0x00-0Xx0-00x0-x0X0-00x00XX0Xx0X",
    "token_prefix": "M.V1.+5Jk",
    "revoked_at": {
      "seconds": 1710273809,
      "nanos": 948178000
    },
    "created_at": {
      "seconds": 1710273527,
      "nanos": 622095000
    },
    "description": "Client1 token",
    "created_by": "X0x0xxx0-0XXx-000x-00x0-0X000Xx00000"
  },
  {
    "id": "00XXxXxx-000X-000X-x0Xx-00000xx00x00",
    "account_id": "0x0x0x00-0Xx0-00x0-x0X0-00x00XX0Xx0X",
    "token_prefix": "M.V1.ynmf",
    "revoked_at": {
      "seconds": 1710274107,
      "nanos": 467542000
    },
    "created_at": {
      "seconds": 1710273882,
      "nanos": 819785000
    },
    "description": "Client2 token",
    "created_by": "X0x0xxx0-0XXx-000x-00x0-0X000Xx00000"
  },
  {
    "id": "000x000X-Xx0X-0000-0x0X-000xX000xx00",
    "account_id": "0x0x0x00-0Xx0-00x0-x0X0-00x00XX0Xx0X",
    "token_prefix": "M.V1.nAHw",
    "expires_at": {
      "seconds": 1719491696
    },
    "revoked_at": {
      "seconds": 1710274650,
      "nanos": 63389000
    },
    "created_at": {
      "seconds": 1710274420,
      "nanos": 436126000
    },
    "description": "Client3 token",
    "created_by": "X0x0xxx0-0XXx-000x-00x0-0X000Xx00000"
  }
]`;

const ID = '3fa85f64-5717-4562-b3fc-2c963f66afa6';

function formatError(stdout: string): OutputFormatError {
  let caught: unknown;
  try {
    parseManagementTokenList(stdout);
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof OutputFormatError, `expected OutputFormatError, got ${String(caught)}`);
  return caught;
}

/** The error as the person reads it. */
function shown(err: OutputFormatError): string {
  return describeOutputFormatError(err);
}

describe('parseManagementTokenList', () => {
  it('parses the documented example', () => {
    const tokens = parseManagementTokenList(DOCUMENTED_EXAMPLE);
    assert.strictEqual(tokens.length, 3);
    assert.deepStrictEqual(tokens[0], {
      id: '000x0000-000x-0000-X0x0-X0X00000x000',
      description: 'Client1 token',
      prefix: 'M.V1.+5Jk',
      createdAt: new Date(1710273527622),
      expiresAt: undefined,
      revokedAt: new Date(1710273809948),
      accountId: '0x0x0x00-0Xx0-00x0-x0X0-00x00XX0Xx0X',
      createdBy: 'X0x0xxx0-0XXx-000x-00x0-0X000Xx00000',
    });
    assert.deepStrictEqual(
      tokens.map((t) => [t.prefix, t.description]),
      [
        ['M.V1.+5Jk', 'Client1 token'],
        ['M.V1.ynmf', 'Client2 token'],
        ['M.V1.nAHw', 'Client3 token'],
      ],
    );
    assert.strictEqual(tokens[0].createdAt.toISOString(), '2024-03-12T19:58:47.622Z');
    assert.strictEqual(tokens[2].revokedAt?.toISOString(), '2024-03-12T20:17:30.063Z');
  });

  it('reads an expires_at without nanos', () => {
    const [, , third] = parseManagementTokenList(DOCUMENTED_EXAMPLE);
    assert.strictEqual(third.expiresAt?.toISOString(), '2024-06-27T12:34:56.000Z');
  });

  it('accepts seconds and nanos as numeric strings (protojson int64)', () => {
    const [t] = parseManagementTokenList(
      JSON.stringify([{ id: ID, created_at: { seconds: '1710273527', nanos: '5000000' }, expires_at: { seconds: '1900000000' } }]),
    );
    assert.strictEqual(t.createdAt.toISOString(), '2024-03-12T19:58:47.005Z');
    assert.strictEqual(t.expiresAt?.toISOString(), '2030-03-17T17:46:40.000Z');
  });

  it('accepts RFC3339 string timestamps', () => {
    const [t] = parseManagementTokenList(
      JSON.stringify([{ id: ID, created_at: '2024-03-12T19:58:47.622095Z', expires_at: '2030-01-01T00:00:00+01:00', revoked_at: '2024-04-01T00:00:00Z' }]),
    );
    assert.strictEqual(t.createdAt.toISOString(), '2024-03-12T19:58:47.622Z');
    assert.strictEqual(t.expiresAt?.toISOString(), '2029-12-31T23:00:00.000Z');
    assert.strictEqual(t.revokedAt?.toISOString(), '2024-04-01T00:00:00.000Z');
  });

  it('treats an epoch expiry (object, string, or RFC3339) as never', () => {
    const tokens = parseManagementTokenList(
      JSON.stringify([
        { id: ID, expires_at: { seconds: 0 } },
        { id: ID, expires_at: { seconds: '0', nanos: 0 } },
        { id: ID, expires_at: {} },
        { id: ID, expires_at: '1970-01-01T00:00:00Z' },
        { id: ID, expires_at: null, revoked_at: { seconds: 0 } },
      ]),
    );
    for (const t of tokens) assert.strictEqual(t.expiresAt, undefined);
    assert.strictEqual(tokens[4].revokedAt, undefined);
  });

  it("treats Go's zero time (object, string, or RFC3339) as never, like the epoch", () => {
    const tokens = parseManagementTokenList(
      JSON.stringify([
        { id: ID, expires_at: { seconds: -62135596800 } },
        { id: ID, expires_at: { seconds: '-62135596800', nanos: 0 } },
        { id: ID, expires_at: '0001-01-01T00:00:00Z' },
        { id: ID, expires_at: '0001-01-01T00:00:00.000000000Z', revoked_at: { seconds: -62135596800, nanos: '0' } },
      ]),
    );
    for (const t of tokens) assert.strictEqual(t.expiresAt, undefined);
    assert.strictEqual(tokens[3].revokedAt, undefined);
  });

  it('reads the first and last second protobuf timestamps can hold', () => {
    const [t] = parseManagementTokenList(
      JSON.stringify([{ id: ID, created_at: { seconds: -62135596799 }, expires_at: { seconds: '253402300799', nanos: 999999999 } }]),
    );
    assert.strictEqual(t.createdAt.toISOString(), '0001-01-01T00:00:01.000Z');
    assert.strictEqual(t.expiresAt?.toISOString(), '9999-12-31T23:59:59.999Z');
  });

  it('reads an RFC3339 string with a space for the T, a lowercase z, and many fraction digits', () => {
    const [t] = parseManagementTokenList(JSON.stringify([{ id: ID, expires_at: '2030-01-01 00:00:00.123456789z' }]));
    assert.strictEqual(t.expiresAt?.toISOString(), '2030-01-01T00:00:00.123Z');
  });

  it('null (no tokens) is an empty list, and so is []', () => {
    assert.deepStrictEqual(parseManagementTokenList('null'), []);
    assert.deepStrictEqual(parseManagementTokenList('null\n'), []);
    assert.deepStrictEqual(parseManagementTokenList('[]\n'), []);
  });

  it('ignores unknown extra fields', () => {
    const [t] = parseManagementTokenList(
      JSON.stringify([{ id: ID, description: 'd', token_prefix: 'M.V1.abcd', permissions: [{ action: 'write' }], color: 'blue' }]),
    );
    assert.strictEqual(t.id, ID);
    assert.strictEqual(t.description, 'd');
    assert.ok(!('permissions' in t));
    assert.ok(!('color' in t));
  });

  it('defaults a missing description to "" and missing optional fields to undefined', () => {
    const [t] = parseManagementTokenList(JSON.stringify([{ id: ID }]));
    assert.strictEqual(t.description, '');
    assert.strictEqual(t.prefix, '');
    assert.strictEqual(t.accountId, undefined);
    assert.strictEqual(t.createdBy, undefined);
    assert.strictEqual(t.expiresAt, undefined);
    assert.strictEqual(t.revokedAt, undefined);
    assert.ok(t.createdAt instanceof Date);
  });

  it('keeps a description with quotes, newlines and non-ASCII as is', () => {
    const description = 'CI "prod" token\nfür Grafana ✓';
    const [t] = parseManagementTokenList(JSON.stringify([{ id: ID, description }]));
    assert.strictEqual(t.description, description);
  });

  describe('errors', () => {
    it('non-JSON output is an OutputFormatError quoting an excerpt', () => {
      const err = formatError('Error: failed to list management tokens: connection refused\n');
      assert.match(shown(err), /not JSON/);
      assert.ok(shown(err).includes('connection refused'), shown(err));
      assert.strictEqual(err.name, 'OutputFormatError');
    });

    it('the table format (someone forgot --format json) is an OutputFormatError', () => {
      const err = formatError('+------+\n| ID   |\n+------+\n');
      assert.match(shown(err), /not JSON/);
      assert.ok(shown(err).includes('| ID |'), shown(err));
    });

    it('empty output is an OutputFormatError saying nothing was printed', () => {
      const empty = formatError('');
      assert.deepStrictEqual([empty.problem, empty.excerpt], [{ code: 'listNotJson' }, '']);
      assert.match(shown(empty), /influxctl printed nothing/);
    });

    it('a JSON object is not a list', () => {
      const err = formatError('{"tokens": []}');
      assert.match(shown(err), /not a JSON array/);
      assert.ok(shown(err).includes('tokens'), shown(err));
    });

    it('an item without an id is refused, naming its position', () => {
      const err = formatError(JSON.stringify([{ id: ID }, { description: 'no id here' }]));
      assert.deepStrictEqual(err.problem, { code: 'tokenWithoutId', position: 2 });
      assert.match(shown(err), /Token 2 of the list has no "id"/);
      assert.ok(shown(err).includes('no id here'), shown(err));
    });

    it('an item that is not an object is refused', () => {
      assert.match(shown(formatError('[42]')), /no "id"/);
      assert.match(shown(formatError('[null]')), /no "id"/);
      assert.match(shown(formatError(JSON.stringify([{ id: 7 }]))), /no "id"/);
    });

    it('a bad timestamp is refused, naming the token and the field', () => {
      const err = formatError(JSON.stringify([{ id: ID, created_at: { seconds: 'soon' } }]));
      assert.deepStrictEqual(err.problem, { code: 'badTimestamp', tokenId: JSON.stringify(ID), field: 'created_at.seconds', problem: { code: 'notInteger' } });
      assert.ok(shown(err).includes(ID), shown(err));
      assert.match(shown(err), /created_at/);
      assert.match(shown(formatError(JSON.stringify([{ id: ID, expires_at: 'next tuesday' }]))), /expires_at/);
      assert.match(shown(formatError(JSON.stringify([{ id: ID, revoked_at: true }]))), /revoked_at/);
    });

    describe('a timestamp that is not exactly one is an error, never a silent date', () => {
      const bad: [string, unknown][] = [
        ['seconds as a non-numeric string', { seconds: 'soon' }],
        ['seconds as an empty string', { seconds: '' }],
        ['seconds as a string with spaces', { seconds: ' 1710273527 ' }],
        ['seconds in hex', { seconds: '0x10' }],
        ['seconds in exponent form', { seconds: '1e9' }],
        ['seconds with a fraction', { seconds: 1710273527.5 }],
        ['seconds as a boolean', { seconds: true }],
        ['seconds as an array', { seconds: [1710273527] }],
        ['seconds as an empty array', { seconds: [] }],
        ['seconds as an object', { seconds: {} }],
        ['seconds past year 9999', { seconds: 253402300800 }],
        ['seconds before year 1', { seconds: -62135596801 }],
        ['seconds far past what a Date holds', { seconds: '99999999999999999999' }],
        ['seconds as a huge number', { seconds: 1e300 }],
        ['negative nanos', { seconds: 1710273527, nanos: -1 }],
        ['nanos of a whole second', { seconds: 1710273527, nanos: 1000000000 }],
        ['nanos as text', { seconds: 1710273527, nanos: 'many' }],
        ['an array', [1710273527, 0]],
        ['a number', 1710273527],
        ['an RFC3339 string without an offset (not local time)', '2030-01-01T00:00:00'],
        ['an RFC3339 string without seconds', '2030-01-01T00:00Z'],
        ['a date alone', '2030-01-01'],
        ['a date in prose', 'Tue Jan 01 2030 00:00:00 GMT'],
        ['a number as a string', '1710273527'],
        ['a day that does not exist', '2030-02-30T00:00:00Z'],
        ['an hour that does not exist', '2030-01-01T24:00:00Z'],
        ['a year past 9999 by its offset', '9999-12-31T23:59:59-01:00'],
        ['year 0', '0000-06-01T00:00:00Z'],
        ['an offset of 24 hours', '2030-01-01T00:00:00+24:00'],
        ['an offset of 60 minutes', '2030-01-01T00:00:00+05:60'],
        ['an object with Seconds capitalised', { Seconds: 1710273527 }],
        ['an object with other keys only', { secs: 5 }],
        ['seconds beside an unknown key', { seconds: 1710273527, zone: 'UTC' }],
      ];
      for (const [what, value] of bad) {
        it(what, () => {
          const err = formatError(JSON.stringify([{ id: ID, expires_at: value }]));
          assert.match(shown(err), /expires_at/);
          assert.ok(shown(err).includes(ID), shown(err));
        });
      }

      it('an offset that cannot be is named so, not as a year out of range', () => {
        for (const offset of ['+24:00', '-24:00', '+05:60']) {
          assert.match(shown(formatError(JSON.stringify([{ id: ID, expires_at: `2030-01-01T00:00:00${offset}` }]))), /not a real date and time/, offset);
        }
      });
    });

    describe('100,000-deep JSON is an OutputFormatError with a short message, not a stack overflow', () => {
      const deepArray = `${'['.repeat(100000)}${']'.repeat(100000)}`;
      const deepObject = `${'{"a":'.repeat(100000)}1${'}'.repeat(100000)}`;
      const cases: [string, string, RegExp][] = [
        ['an item that is a deep array', `[${deepArray}]`, /Token 1 of the list has no "id"/],
        ['an item without an id holding a deep object', `[{"description":${deepObject}}]`, /Token 1 of the list has no "id"/],
        ['an id that is a deep object', `[{"id":${deepObject}}]`, /Token 1 of the list has no "id"/],
        ['a timestamp that is a deep array', `[{"id":"${ID}","created_at":${deepArray}}]`, /created_at/],
        ['seconds that are a deep array', `[{"id":"${ID}","expires_at":{"seconds":${deepArray}}}]`, /expires_at/],
        ['a timestamp next to a deep field', `[{"id":"${ID}","extra":${deepObject},"revoked_at":"soon"}]`, /revoked_at/],
        ['a deep object instead of a list', deepObject, /not a JSON array/],
        ['a 1 MB id with a bad timestamp', `[{"id":"${'i'.repeat(1 << 20)}","created_at":"soon"}]`, /created_at/],
      ];
      for (const [what, stdout, message] of cases) {
        it(what, () => {
          const err = formatError(stdout);
          assert.match(shown(err), message);
          assert.ok(shown(err).length < 400, `message is ${shown(err).length} characters`);
        });
      }
    });

    it('the message stays short even for 1 MB of garbage', () => {
      const garbage = 'garbage '.repeat(131072);
      const err = formatError(garbage);
      assert.ok(shown(err).length < 300, `message is ${shown(err).length} characters`);
      assert.ok(err.excerpt.length < 200);
      assert.ok(shown(err).includes('garbage garbage'), shown(err));
    });
  });
});

describe('excerptOf', () => {
  it('flattens whitespace, quotes, and cuts long text with an ellipsis', () => {
    assert.strictEqual(excerptOf('a\n\tb  c'), '"a b c"');
    assert.strictEqual(excerptOf('   '), '');
    const long = excerptOf('x'.repeat(500), 10);
    assert.strictEqual(long, `"${'x'.repeat(10)}…"`);
  });
});

const NOW = new Date('2030-06-01T12:00:00Z');

function token(fields: Partial<ManagementToken> = {}): ManagementToken {
  return { id: ID, description: 'd', prefix: 'M.V1.abcd', createdAt: new Date('2030-01-01T00:00:00Z'), ...fields };
}

function inDays(days: number): Date {
  return new Date(NOW.getTime() + days * DAY_MS);
}

describe('tokenStatus', () => {
  it('never-expiring and not revoked is active', () => {
    assert.strictEqual(tokenStatus(token(), NOW, 7), 'active');
  });

  it('expiring later than warningDays is active', () => {
    assert.strictEqual(tokenStatus(token({ expiresAt: inDays(30) }), NOW, 7), 'active');
    assert.strictEqual(tokenStatus(token({ expiresAt: inDays(7.01) }), NOW, 7), 'active');
  });

  it('expiring within warningDays is expiring', () => {
    assert.strictEqual(tokenStatus(token({ expiresAt: inDays(3) }), NOW, 7), 'expiring');
    assert.strictEqual(tokenStatus(token({ expiresAt: inDays(7) }), NOW, 7), 'expiring');
    assert.strictEqual(tokenStatus(token({ expiresAt: new Date(NOW.getTime() + 1000) }), NOW, 7), 'expiring');
  });

  it('warningDays 0 never flags expiring', () => {
    assert.strictEqual(tokenStatus(token({ expiresAt: new Date(NOW.getTime() + 1000) }), NOW, 0), 'active');
  });

  it('an expiry in the past, or exactly now, is expired', () => {
    assert.strictEqual(tokenStatus(token({ expiresAt: inDays(-2) }), NOW, 7), 'expired');
    assert.strictEqual(tokenStatus(token({ expiresAt: NOW }), NOW, 7), 'expired');
  });

  it('revoked wins over expired and over expiring', () => {
    const revokedAt = inDays(-1);
    assert.strictEqual(tokenStatus(token({ revokedAt }), NOW, 7), 'revoked');
    assert.strictEqual(tokenStatus(token({ revokedAt, expiresAt: inDays(-2) }), NOW, 7), 'revoked');
    assert.strictEqual(tokenStatus(token({ revokedAt, expiresAt: inDays(2) }), NOW, 7), 'revoked');
  });

  describe('relative to its lifetime: expiring only in the last quarter of it, and within warningDays', () => {
    /** A token created `ageDays` ago that lives `lifetimeDays` in all. */
    const aged = (lifetimeDays: number, ageDays: number): ManagementToken => token({ createdAt: inDays(-ageDays), expiresAt: inDays(lifetimeDays - ageDays) });

    it('a 7-day token is active when created and for its first 126 hours, expiring in its last 42', () => {
      assert.strictEqual(tokenStatus(aged(7, 0), NOW, 7), 'active');
      assert.strictEqual(tokenStatus(aged(7, 5.24), NOW, 7), 'active');
      assert.strictEqual(tokenStatus(aged(7, 5.25), NOW, 7), 'expiring');
      assert.strictEqual(tokenStatus(aged(7, 6.9), NOW, 7), 'expiring');
    });

    it('a 7-day token created 7 days ago is expired', () => {
      assert.strictEqual(tokenStatus(aged(7, 7), NOW, 7), 'expired');
    });

    it('a 1-day token is active when created, expiring in its last 6 hours', () => {
      assert.strictEqual(tokenStatus(aged(1, 0), NOW, 7), 'active');
      assert.strictEqual(tokenStatus(aged(1, 0.74), NOW, 7), 'active');
      assert.strictEqual(tokenStatus(aged(1, 0.75), NOW, 7), 'expiring');
    });

    it('a 30-day token warns for the whole window, as before', () => {
      assert.strictEqual(tokenStatus(aged(30, 0), NOW, 7), 'active');
      assert.strictEqual(tokenStatus(aged(30, 22.9), NOW, 7), 'active');
      assert.strictEqual(tokenStatus(aged(30, 23), NOW, 7), 'expiring');
    });

    it('the window still bounds it: a 1-day token with warningDays 0.1 warns in its last 2.4 hours', () => {
      assert.strictEqual(tokenStatus(aged(1, 0.8), NOW, 0.1), 'active');
      assert.strictEqual(tokenStatus(aged(1, 0.9), NOW, 0.1), 'expiring');
    });

    it('a never-expiring token is active however old', () => {
      assert.strictEqual(tokenStatus(token({ createdAt: inDays(-3650) }), NOW, 7), 'active');
    });

    it('a createdAt missing, invalid, the epoch or not before expiresAt leaves the window alone to decide', () => {
      assert.strictEqual(tokenStatus({ expiresAt: inDays(3) }, NOW, 7), 'expiring');
      assert.strictEqual(tokenStatus(token({ createdAt: new Date(NaN), expiresAt: inDays(3) }), NOW, 7), 'expiring');
      assert.strictEqual(tokenStatus(token({ createdAt: new Date(0), expiresAt: inDays(3) }), NOW, 7), 'expiring');
      assert.strictEqual(tokenStatus(token({ createdAt: inDays(4), expiresAt: inDays(3) }), NOW, 7), 'expiring');
    });

    it('a createdAt in the future (clock skew) counts as now: a token just created is active', () => {
      assert.strictEqual(tokenStatus(token({ createdAt: inDays(0.01), expiresAt: inDays(7) }), NOW, 7), 'active');
      assert.strictEqual(tokenStatus(token({ createdAt: inDays(0.01), expiresAt: inDays(1) }), NOW, 7), 'active');
    });
  });

  it('works on what parseManagementTokenList returns (documented example: all revoked)', () => {
    const statuses = parseManagementTokenList(DOCUMENTED_EXAMPLE).map((t) => tokenStatus(t, NOW, 7));
    assert.deepStrictEqual(statuses, ['revoked', 'revoked', 'revoked']);
  });
});


describe('isTokenId', () => {
  it('accepts UUIDs in either case', () => {
    assert.ok(isTokenId(ID));
    assert.ok(isTokenId(ID.toUpperCase()));
    assert.ok(isTokenId('00000000-0000-0000-0000-000000000000'));
  });

  it('rejects flags, shell syntax, empty and almost-UUIDs', () => {
    for (const bad of [
      '',
      '--force',
      '-h',
      '; rm -rf /',
      `${ID}; rm -rf /`,
      `${ID}\n`,
      ` ${ID}`,
      `--${ID}`,
      ID.slice(0, -1),
      ID.replace(/-/g, ''),
      '3fa85f64-5717-4562-b3fc-2c963f66afag',
      '000x0000-000x-0000-X0x0-X0X00000x000',
    ]) {
      assert.strictEqual(isTokenId(bad), false, JSON.stringify(bad));
    }
  });
});

describe('which listed token a secret is', () => {
  const SECRET = 'M.V1.abcdQz7xY9Lk2+PbR7tYv/Wm4NcE1sHd8Ga6Uj0Of5Ti2Ky7Xw3Vn9Bq1Mr4Sp8Ae';
  const LIVE = token({ id: '11111111-1111-1111-1111-111111111111', prefix: 'M.V1.abcd', description: 'live' });
  const REVOKED = token({ id: '22222222-2222-2222-2222-222222222222', prefix: 'M.V1.abcd', description: 'revoked', revokedAt: inDays(-1) });
  const OTHER = token({ id: '33333333-3333-3333-3333-333333333333', prefix: 'M.V1.wxyz', description: 'other' });

  describe('prefixes too short to identify a token never match', () => {
    for (const prefix of ['', 'M', 'M.', 'M.V', 'M.V1', 'M.V1.', 'M.V1.a', 'M.V1.ab', 'M.V1.abc', 'M.V12.abc']) {
      it(JSON.stringify(prefix), () => {
        const secret = SECRET.startsWith(prefix) ? SECRET : `${prefix}dQz7xY9Lk2+PbR7tYv/Wm4NcE1sHd8Ga6`;
        assert.strictEqual(isIdentifyingPrefix(prefix), false);
        const t = token({ prefix });
        assert.strictEqual(isTokenOfSecret(secret, t), false);
        assert.deepStrictEqual(findTokenOfSecret(secret, [t]), { kind: 'none' });
        assert.deepStrictEqual(configuredTokenState(secret, [t], NOW, 7), { kind: 'unlisted' });
      });
    }

    it('M.V1. and 4 characters identify a token, as influxctl lists them', () => {
      assert.ok(isIdentifyingPrefix('M.V1.+5Jk'));
      assert.ok(isIdentifyingPrefix('M.V12.abcd'));
      assert.ok(isTokenOfSecret(SECRET, LIVE));
      assert.strictEqual(isTokenOfSecret(undefined, LIVE), false);
      assert.strictEqual(isTokenOfSecret('', LIVE), false);
    });

    it('a short prefix beside the real one does not make the match ambiguous', () => {
      const blanket = token({ id: '44444444-4444-4444-4444-444444444444', prefix: 'M.V1.' });
      assert.deepStrictEqual(findTokenOfSecret(SECRET, [blanket, LIVE, OTHER]), { kind: 'one', token: LIVE });
    });
  });

  describe('several tokens that could be it are ambiguous, never a guess', () => {
    it('a revoked and a live token sharing a prefix, in either order', () => {
      for (const tokens of [
        [REVOKED, LIVE, OTHER],
        [LIVE, REVOKED, OTHER],
      ]) {
        const match = findTokenOfSecret(SECRET, tokens);
        assert.strictEqual(match.kind, 'ambiguous');
        assert.deepStrictEqual(match.kind === 'ambiguous' && match.tokens.map((t) => t.description).sort(), ['live', 'revoked']);
        const state = matchConfiguredToken(SECRET, tokens, NOW, 7);
        assert.strictEqual(state.kind, 'ambiguous');
        assert.deepStrictEqual(
          state.kind === 'ambiguous' && state.candidates.map((c) => `${c.token.description}:${c.status}`).sort(),
          ['live:active', 'revoked:revoked'],
        );
        assert.notStrictEqual(configuredTokenState(SECRET, tokens, NOW, 7).kind, 'listed');
      }
    });

    it('a longer and a shorter prefix that both start the secret', () => {
      const longer = token({ id: '55555555-5555-5555-5555-555555555555', prefix: 'M.V1.abcdQz7' });
      assert.strictEqual(findTokenOfSecret(SECRET, [LIVE, longer]).kind, 'ambiguous');
    });

    it('the same token listed twice is one token', () => {
      assert.deepStrictEqual(findTokenOfSecret(SECRET, [LIVE, { ...LIVE }]), { kind: 'one', token: LIVE });
    });

    it('exactly one token is named, with its status; none is unlisted; no mgmt_token is none', () => {
      assert.deepStrictEqual(matchConfiguredToken(SECRET, [OTHER, REVOKED], NOW, 7), { kind: 'listed', token: REVOKED, status: 'revoked' });
      assert.deepStrictEqual(configuredTokenState(SECRET, [OTHER, LIVE], NOW, 7), { kind: 'listed', token: LIVE, status: 'active' });
      assert.deepStrictEqual(configuredTokenState(SECRET, [OTHER], NOW, 7), { kind: 'unlisted' });
      assert.deepStrictEqual(matchConfiguredToken(undefined, [LIVE], NOW, 7), { kind: 'none' });
      assert.deepStrictEqual(findTokenOfSecret(undefined, [LIVE]), { kind: 'none' });
    });
  });

  describe('crossCheckCreatedSecret', () => {
    it('with an ID: confirmed when the secret starts with that token\'s prefix, a mismatch when not', () => {
      assert.deepStrictEqual(crossCheckCreatedSecret({ secret: SECRET, id: LIVE.id }, [OTHER, LIVE]), { kind: 'confirmed', token: LIVE });
      assert.deepStrictEqual(crossCheckCreatedSecret({ secret: SECRET, id: OTHER.id }, [OTHER, LIVE]), { kind: 'mismatch', token: OTHER });
      const url = 'https://console.influxdata.com/tokens/abcdef';
      assert.deepStrictEqual(crossCheckCreatedSecret({ secret: url, id: LIVE.id }, [LIVE]), { kind: 'mismatch', token: LIVE });
    });

    it('with an ID: unverified when the token is not listed or its prefix cannot tell', () => {
      assert.deepStrictEqual(crossCheckCreatedSecret({ secret: SECRET, id: LIVE.id }, [OTHER]), { kind: 'unverified' });
      const blanket = token({ id: LIVE.id, prefix: 'M.V1.' });
      assert.deepStrictEqual(crossCheckCreatedSecret({ secret: 'M.V1.somethingelse0123', id: LIVE.id }, [blanket]), { kind: 'unverified' });
    });

    it('without an ID (before 2.11): by prefix among live tokens only', () => {
      assert.deepStrictEqual(crossCheckCreatedSecret({ secret: SECRET }, [REVOKED, LIVE, OTHER]), { kind: 'confirmed', token: LIVE });
      const twin = token({ id: '66666666-6666-6666-6666-666666666666', prefix: 'M.V1.abcd' });
      assert.deepStrictEqual(crossCheckCreatedSecret({ secret: SECRET }, [LIVE, twin]), { kind: 'ambiguous', tokens: [LIVE, twin] });
      assert.deepStrictEqual(crossCheckCreatedSecret({ secret: SECRET }, [REVOKED, OTHER]), { kind: 'unmatched' });
    });
  });
});
