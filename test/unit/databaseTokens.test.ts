import * as assert from 'assert';
import {
  createDatabaseTokenBody,
  databaseTokenStatus,
  DatabaseTokenInputError,
  descriptionProblem,
  parseCreatedDatabaseToken,
  parseDatabaseList,
  parseDatabaseToken,
  parseDatabaseTokenList,
  permissionDiff,
  resourceProblem,
  singleDatabaseOf,
  updateDatabaseTokenBody,
  type DatabaseToken,
  type DatabaseTokenInputProblem,
  type DatabaseTokenPermission,
} from '../../src/core/databaseTokens';
import { ManagementApiResponseError } from '../../src/core/managementApiErrors';
import { parseRfc3339 } from '../../src/core/dates';
import { rotatedDescription } from '../../src/core/tokenNames';
import { describeDatabaseTokenInputProblem, describePermissionDiff, describePermissions } from '../../src/managementApi/databaseTokenText';
import { describeCreatedTokenProblem } from '../../src/managementApi/answerText';
import { describeManagementApiFailure } from '../../src/managementApi/managementApiText';
import { requestExamples, responseExamples, type Product } from './managementApiSpec';

const { openApiDocument } = require('../../scripts/lib/openApiCheck.js') as {
  openApiDocument(product: Product): { checkRequest(r: { method: string; url: string; headers: Record<string, string>; body: string }): { errors: string[] } };
};

const DAY = 86400000;
const ACCOUNT = '11111111-1111-4111-8111-111111111111';
const CLUSTER = '33333333-3333-4333-8333-333333333333';
const ID = '55555555-5555-4555-8555-555555555555';

function token(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: ID, description: 'Limited Access Token', permissions: [{ action: 'read', resource: 'DatabaseOne' }], createdAt: '2023-12-21T17:32:28.000Z', ...overrides };
}

/** What a person reads of a ManagementApiResponseError: the failure it becomes, worded. */
function wordsOf(err: unknown): string {
  assert.ok(err instanceof ManagementApiResponseError, String(err));
  const problem = { code: 'shape' as const, answer: err.answer, field: err.field, problem: err.problem };
  return describeManagementApiFailure({ profileName: 'p', operation: 'listDatabaseTokens' }, { kind: 'unexpected', status: 200, url: 'https://h/api/v0/tokens', problem });
}

/** The words of what `fn` throws. */
function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return wordsOf(err);
  }
  throw new Error('not refused');
}

/** Asserts a ManagementApiResponseError naming `field`, whose words match `message`. */
function assertRefused(fn: () => unknown, field: string, message?: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof ManagementApiResponseError, String(err));
    assert.strictEqual(err.field, field, err.message);
    const words = wordsOf(err);
    if (field) assert.ok(words.includes(`"${field}"`), words);
    if (message) assert.match(words, message);
    return true;
  });
}

const read = (resource: string): DatabaseTokenPermission => ({ action: 'read', resource });
const write = (resource: string): DatabaseTokenPermission => ({ action: 'write', resource });

describe('databaseTokens', () => {
  describe('parsing the documents’ own examples', () => {
    for (const product of ['dedicated', 'clustered'] as const) {
      it(`${product}: GET …/tokens`, () => {
        const [example] = responseExamples(product, 'GetDatabaseTokens');
        const tokens = parseDatabaseTokenList(example, { product });
        assert.deepStrictEqual(
          tokens.map((t) => [t.id, t.description, t.permissions.length, t.createdAt.toISOString()]),
          [
            ['55555555-5555-4555-8555-555555555555', 'Limited Access Token', 2, '2023-12-21T17:32:28.000Z'],
            ['66666666-6666-4666-8666-666666666666', 'Full Access Token', 1, '2024-03-02T04:20:19.000Z'],
            ['77777777-7777-4777-8777-777777777777', 'No Access Token', 0, '2024-03-02T04:20:19.000Z'],
          ],
        );
        assert.deepStrictEqual(tokens[0].permissions, [read('DatabaseOne'), write('DatabaseTwo')]);
        assert.strictEqual(tokens[0].expiresAt, undefined);
        assert.strictEqual(tokens[0].revokedAt, undefined);
        if (product === 'dedicated') {
          assert.strictEqual(tokens[0].accountId, ACCOUNT);
          assert.strictEqual(tokens[0].clusterId, CLUSTER);
        } else {
          assert.ok(!('accountId' in tokens[0]) && !('clusterId' in tokens[0]));
        }
      });

      it(`${product}: GET and PATCH …/tokens/{id}`, () => {
        const examples = [...responseExamples(product, 'GetDatabaseToken'), ...responseExamples(product, 'UpdateDatabaseToken')];
        assert.ok(examples.length >= 7, `${examples.length} examples`);
        for (const example of examples) {
          const t = parseDatabaseToken(example, { product });
          assert.strictEqual(t.id, (example as { id: string }).id);
          assert.deepStrictEqual(t.permissions, (example as { permissions: unknown }).permissions);
        }
      });

      it(`${product}: POST …/tokens answers with the accessToken`, () => {
        const examples = responseExamples(product, 'CreateDatabaseToken');
        assert.strictEqual(examples.length, 3);
        for (const example of examples) {
          const created = parseCreatedDatabaseToken(example, { product });
          assert.strictEqual(created.accessToken, (example as { accessToken: string }).accessToken);
          assert.match(created.accessToken, /^apiv1_\d{64}$/);
          assert.ok(!('accessToken' in created.token), 'the secret is not part of the token');
        }
      });

      it(`${product}: GET …/databases`, () => {
        const [example] = responseExamples(product, 'GetClusterDatabases');
        const dbs = parseDatabaseList(example, { product });
        assert.deepStrictEqual(
          dbs.map((d) => [d.name, d.maxTables, d.maxColumnsPerTable, d.retentionPeriod, d.partitionTemplate?.length]),
          [
            ['DatabaseOne', 500, 200, 0, undefined],
            ['DatabaseTwo', 100, 50, 300000000000, 4],
          ],
        );
        assert.strictEqual(dbs[0].accountId, product === 'dedicated' ? ACCOUNT : undefined);
      });
    }

    it('Cloud Dedicated requires accountId and clusterId, as its document does', () => {
      const [clustered] = responseExamples('clustered', 'GetDatabaseTokens');
      assertRefused(() => parseDatabaseTokenList(clustered, { product: 'dedicated' }), '[0].accountId', /is missing/);
      const [dbs] = responseExamples('clustered', 'GetClusterDatabases');
      assertRefused(() => parseDatabaseList(dbs, { product: 'dedicated' }), '[0].accountId', /is missing/);
    });
  });

  describe('refusing what the documents do not describe, naming the field', () => {
    const what = /: the answer is not a list of database tokens: /;
    it('a list that is no array', () => {
      for (const value of [{ tokens: [] }, null, 'tokens', 3]) {
        assert.match(refusal(() => parseDatabaseTokenList(value)), /expected a JSON array, got /);
      }
      assert.deepStrictEqual(
        (() => {
          try {
            return parseDatabaseTokenList({});
          } catch (err) {
            return err instanceof ManagementApiResponseError && [err.field, err.problem, err.answer];
          }
        })(),
        ['', { code: 'topLevel', expected: 'array', value: { type: 'object' } }, 'databaseTokenList'],
      );
      assert.match(refusal(() => parseDatabaseTokenList({})), /expected a JSON array, got an object/);
      assert.match(refusal(() => parseDatabaseTokenList(null)), /got null/);
    });

    const cases: [string, unknown, string, RegExp][] = [
      ['an item that is no object', 'x', '[1]', /not an object/],
      ['a missing id', token({ id: undefined }), '[1].id', /is missing/],
      ['an id that is no UUID', token({ id: 'abc' }), '[1].id', /the string "abc", not a UUID/],
      ['a description that is a number', token({ description: 7 }), '[1].description', /number 7, not a string/],
      ['missing permissions', token({ permissions: undefined }), '[1].permissions', /is missing/],
      ['permissions as an object (the Clustered CLI page shows {})', token({ permissions: {} }), '[1].permissions', /an object, not an array/],
      ['a permission that is a string', token({ permissions: ['read:db'] }), '[1].permissions[0]', /not an object/],
      ['a permission without action', token({ permissions: [{ resource: 'db' }] }), '[1].permissions[0].action', /is missing/],
      ['an empty action', token({ permissions: [{ action: '', resource: 'db' }] }), '[1].permissions[0].action', /is empty/],
      ['a resource that is a number', token({ permissions: [read('a'), { action: 'read', resource: 5 }] }), '[1].permissions[1].resource', /not a string/],
      ['an empty resource', token({ permissions: [read('')] }), '[1].permissions[0].resource', /0 characters long/],
      ['a resource of 65 characters', token({ permissions: [read('d'.repeat(65))] }), '[1].permissions[0].resource', /65 characters long; a database name has 1 to 64/],
      ['a missing createdAt', token({ createdAt: undefined }), '[1].createdAt', /is missing/],
      ['createdAt in snake case only', { ...token({ createdAt: undefined }), created_at: '2023-12-21T17:32:28Z' }, '[1].createdAt', /is missing/],
      ['createdAt as protobuf {seconds, nanos}', token({ createdAt: { seconds: 1703179948, nanos: 0 } }), '[1].createdAt', /an object, not a string/],
      ['createdAt not a date', token({ createdAt: 'yesterday' }), '[1].createdAt', /"yesterday", not an RFC3339 date-time/],
      ['createdAt without a time zone', token({ createdAt: '2023-12-21T17:32:28' }), '[1].createdAt', /not an RFC3339/],
      ['createdAt on February 30', token({ createdAt: '2023-02-30T00:00:00Z' }), '[1].createdAt', /not an RFC3339/],
      ['expiresAt as a number', token({ expiresAt: 1703179948 }), '[1].expiresAt', /number 1703179948, not a string/],
      ['revokedAt not a date', token({ revokedAt: 'never' }), '[1].revokedAt', /not an RFC3339/],
    ];
    for (const [name, item, field, message] of cases) {
      it(name, () => {
        assertRefused(() => parseDatabaseTokenList([token(), item]), field, message);
        assert.match(refusal(() => parseDatabaseTokenList([token(), item])), what);
      });
    }

    it('a long value is not quoted in the message', () => {
      assertRefused(() => parseDatabaseToken(token({ createdAt: 'x'.repeat(300) })), 'createdAt', /is a string, not an RFC3339/);
    });

    it('null and Go’s zero time for an optional time read as unset; extra fields are ignored', () => {
      const t = parseDatabaseToken(token({ expiresAt: null, revokedAt: '0001-01-01T00:00:00Z', status: 'ACTIVE' }));
      assert.strictEqual(t.expiresAt, undefined);
      assert.strictEqual(t.revokedAt, undefined);
      assert.ok(!('status' in t));
    });

    it('a created token without a usable accessToken; the value is never in the message', () => {
      const base = responseExamples('clustered', 'CreateDatabaseToken')[0] as Record<string, unknown>;
      const short = 'apiv1_shortSecretValue123';
      for (const [accessToken, message] of [
        [undefined, /"accessToken" is missing/],
        [short, /"accessToken" is shorter than 64 characters/],
        [12345678901, /"accessToken" is a number, not a string/],
        [`apiv1_${'a'.repeat(60)} ${'b'.repeat(10)}`, /contains spaces/],
      ] as const) {
        assert.throws(
          () => parseCreatedDatabaseToken({ ...base, accessToken }),
          (err: Error) => {
            const words = wordsOf(err);
            assert.match(words, message);
            const all = `${words} ${err.message} ${JSON.stringify(err)}`;
            assert.ok(!all.includes('shortSecret') && !all.includes('12345678901') && !all.includes('aaaaaaaa'), all);
            return true;
          },
        );
      }
      // With a usable accessToken, another odd field is a problem of the result, not a refusal (the secret is kept).
      const kept = parseCreatedDatabaseToken({ ...base, createdAt: 'now' });
      assert.deepStrictEqual(kept.problem, { field: 'createdAt', problem: { code: 'notA', expected: 'RFC3339', value: { type: 'string', text: 'now' } } });
      assert.strictEqual(describeCreatedTokenProblem(kept.problem!), 'createdAt: is the string "now", not an RFC3339 date-time');
    });

    it('databases: missing or wrong numbers', () => {
      const db = { name: 'db', maxTables: 1, maxColumnsPerTable: 1, retentionPeriod: 0 };
      assertRefused(() => parseDatabaseList([db, { ...db, maxTables: undefined }]), '[1].maxTables', /is missing/);
      assertRefused(() => parseDatabaseList([{ ...db, maxTables: 0 }]), '[0].maxTables', /less than 1/);
      assertRefused(() => parseDatabaseList([{ ...db, retentionPeriod: -1 }]), '[0].retentionPeriod', /less than 0/);
      assertRefused(() => parseDatabaseList([{ ...db, retentionPeriod: 1.5 }]), '[0].retentionPeriod', /not an integer/);
      assertRefused(() => parseDatabaseList([{ ...db, maxColumnsPerTable: '200' }]), '[0].maxColumnsPerTable', /not an integer/);
      assertRefused(() => parseDatabaseList([{ ...db, name: undefined, database_name: 'db' }]), '[0].name', /is missing/);
      assertRefused(() => parseDatabaseList([{ ...db, partitionTemplate: 'time' }]), '[0].partitionTemplate', /not an array/);
      assert.match(refusal(() => parseDatabaseList({ databases: [] })), /not a list of databases: expected a JSON array, got an object/);
    });
  });

  describe('parseRfc3339', () => {
    it('reads the forms RFC3339 allows', () => {
      const cases: [string, string][] = [
        ['2023-12-21T17:32:28Z', '2023-12-21T17:32:28.000Z'],
        ['2023-12-21T17:32:28.000Z', '2023-12-21T17:32:28.000Z'],
        ['2023-12-21T17:32:28.123456789Z', '2023-12-21T17:32:28.123Z'],
        ['2023-12-21T17:32:28.5Z', '2023-12-21T17:32:28.500Z'],
        ['2023-12-21t17:32:28z', '2023-12-21T17:32:28.000Z'],
        ['2023-12-21T17:32:28+01:00', '2023-12-21T16:32:28.000Z'],
        ['2023-12-21T17:32:28-05:30', '2023-12-21T23:02:28.000Z'],
        ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
        ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'],
      ];
      for (const [text, iso] of cases) assert.strictEqual(parseRfc3339(text)?.toISOString(), iso, text);
    });

    it('refuses what is not RFC3339', () => {
      for (const text of [
        '',
        '2023-12-21',
        '2023-12-21 17:32:28Z',
        '2023-12-21T17:32:28',
        '2023-12-21T17:32:28+0000',
        '2023-12-21T17:32:28.Z',
        '2023-12-21T24:00:00Z',
        '2023-13-01T00:00:00Z',
        '2023-02-29T00:00:00Z',
        '2023-12-21T17:32:28Z ',
        '2023-12-21T17:32:28ZZ',
        '１２３４-12-21T17:32:28Z',
      ]) {
        assert.strictEqual(parseRfc3339(text), undefined, text);
      }
    });
  });

  describe('databaseTokenStatus: the rules of management tokens', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    const t = (extra: Partial<DatabaseToken>): DatabaseToken => ({ id: ID, description: 'd', permissions: [], createdAt: new Date(0), ...extra });
    it('active, expiring within warningDays, expired, revoked', () => {
      assert.strictEqual(databaseTokenStatus(t({}), now, 7), 'active');
      assert.strictEqual(databaseTokenStatus(t({ expiresAt: new Date(now.getTime() + 30 * DAY) }), now, 7), 'active');
      assert.strictEqual(databaseTokenStatus(t({ expiresAt: new Date(now.getTime() + 3 * DAY) }), now, 7), 'expiring');
      assert.strictEqual(databaseTokenStatus(t({ expiresAt: new Date(now.getTime() + 3 * DAY) }), now, 2), 'active');
      assert.strictEqual(databaseTokenStatus(t({ expiresAt: now }), now, 7), 'expired');
      assert.strictEqual(databaseTokenStatus(t({ expiresAt: new Date(now.getTime() + DAY), revokedAt: new Date(0) }), now, 7), 'revoked');
    });
  });

  describe('databaseTokenStatus: relative to the lifetime as for management tokens', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    const t = (createdAt: Date, expiresAt: Date): DatabaseToken => ({ id: ID, description: 'd', permissions: [], createdAt, expiresAt });
    it('a 7-day token just created is active; with 1 day of 7 left it is expiring', () => {
      assert.strictEqual(databaseTokenStatus(t(now, new Date(now.getTime() + 7 * DAY)), now, 7), 'active');
      assert.strictEqual(databaseTokenStatus(t(new Date(now.getTime() - 6 * DAY), new Date(now.getTime() + DAY)), now, 7), 'expiring');
    });
  });

  describe('permissions in words', () => {
    it('describePermissions', () => {
      const cases: [DatabaseTokenPermission[], string][] = [
        [[read('mydb'), write('mydb')], 'read/write mydb'],
        [[write('mydb'), read('mydb')], 'read/write mydb'],
        [[read('*')], 'read all databases'],
        [[read('*'), write('*')], 'read/write all databases'],
        [[write('db2'), write('db1')], 'write db1, db2'],
        [[read('mydb')], 'read mydb'],
        [[read('db1'), write('db1'), read('db2'), read('db3')], 'read/write db1; read db2, db3'],
        [[write('logs'), read('*')], 'read all databases; write logs'],
        [[read('a'), read('a')], 'read a'],
        [[{ action: 'admin', resource: 'x' }, read('x')], 'read/admin x'],
        [[{ action: 'zeta', resource: 'x' }, { action: 'admin', resource: 'x' }], 'admin/zeta x'],
        [[write('*'), read('*')], 'read/write all databases'],
        [[write('b'), write('a')], 'write a, b'],
        [[], 'no access'],
      ];
      for (const [perms, words] of cases) assert.strictEqual(describePermissions(perms), words, JSON.stringify(perms));
    });

    it('permissionDiff and describePermissionDiff', () => {
      assert.strictEqual(describePermissionDiff([read('db1'), write('db2')], [write('db2'), read('db2')].concat(write('db2'))), 'adds read on db2, removes read on db1');
      assert.strictEqual(describePermissionDiff([read('db1')], [read('db1'), write('db2')]), 'adds write on db2');
      assert.strictEqual(describePermissionDiff([read('db1'), write('db1')], [read('db1')]), 'removes write on db1');
      assert.strictEqual(describePermissionDiff([read('db1'), write('db2')], [write('db2'), read('db1')]), 'no change');
      assert.strictEqual(describePermissionDiff([], []), 'no change');
      assert.strictEqual(
        describePermissionDiff([read('a')], [read('*'), write('*'), write('b'), read('c')]),
        'adds read/write on all databases, write on b and read on c, removes read on a',
      );
      assert.deepStrictEqual(permissionDiff([read('b'), read('a')], [write('c')]), { added: [write('c')], removed: [read('a'), read('b')] });
    });

    it('singleDatabaseOf: the database a token covers alone', () => {
      assert.strictEqual(singleDatabaseOf([read('db'), write('db')]), 'db');
      assert.strictEqual(singleDatabaseOf([read('db'), write('db2')]), undefined);
      assert.strictEqual(singleDatabaseOf([read('*')]), undefined);
      assert.strictEqual(singleDatabaseOf([]), undefined);
    });
  });

  describe('request bodies', () => {
    function assertConforms(method: 'POST' | 'PATCH', body: unknown): void {
      for (const product of ['dedicated', 'clustered'] as const) {
        const prefix = product === 'dedicated' ? `/api/v0/accounts/${ACCOUNT}/clusters/${CLUSTER}` : '/api/v0';
        const url = method === 'POST' ? `${prefix}/tokens` : `${prefix}/tokens/${ID}`;
        const { errors } = openApiDocument(product).checkRequest({ method, url, headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) });
        assert.deepStrictEqual(errors, [], `${product} ${method} ${JSON.stringify(body)}`);
      }
    }

    it('createDatabaseTokenBody: the documented fields, expiresAt in UTC or absent', () => {
      const body = createDatabaseTokenBody({
        description: '  grafana  ',
        permissions: [read('db1'), write('db1'), read('db1'), read('*')],
        expiresAt: new Date('2027-03-04T05:06:07+02:00'),
      });
      assert.deepStrictEqual(body, { description: 'grafana', permissions: [read('db1'), write('db1'), read('*')], expiresAt: '2027-03-04T03:06:07Z' });
      assertConforms('POST', body);
      const never = createDatabaseTokenBody({ description: 'x', permissions: [read('db')] });
      assert.ok(!('expiresAt' in never));
      assert.strictEqual(createDatabaseTokenBody({ description: 'x', permissions: [], expiresAt: new Date(Date.UTC(2027, 0, 1, 0, 0, 0, 250)) }).expiresAt, '2027-01-01T00:00:00.250Z');
      // Only action and resource go out, whatever else the objects carry.
      const extra = createDatabaseTokenBody({ description: 'x', permissions: [{ action: 'read', resource: 'db', id: 'p1' } as DatabaseTokenPermission] });
      assert.deepStrictEqual(extra.permissions, [read('db')]);
      assertConforms('POST', extra);
    });

    it('the documents’ request examples are what the builders make of them', () => {
      for (const product of ['dedicated', 'clustered'] as const) {
        for (const example of requestExamples(product, 'CreateDatabaseToken') as { description: string; permissions: DatabaseTokenPermission[] }[]) {
          assert.deepStrictEqual(createDatabaseTokenBody(example), example);
        }
        for (const example of requestExamples(product, 'UpdateDatabaseToken') as { description?: string; permissions?: DatabaseTokenPermission[] }[]) {
          assert.deepStrictEqual(updateDatabaseTokenBody(example), example);
          assertConforms('PATCH', updateDatabaseTokenBody(example));
        }
      }
    });

    it('refuses a missing or multi-line description, unknown actions, bad resources', () => {
      const refused: [() => unknown, string, DatabaseTokenInputProblem, RegExp][] = [
        [() => createDatabaseTokenBody({ description: '  ', permissions: [] }), 'description', { code: 'description', problem: { code: 'required' } }, /required/],
        [() => createDatabaseTokenBody({ description: 'a\nb', permissions: [] }), 'description', { code: 'description', problem: { code: 'multiLine' } }, /single line/],
        [() => createDatabaseTokenBody({ description: 'a\u0007', permissions: [] }), 'description', { code: 'description', problem: { code: 'control', codePoint: 7 } }, /control/],
        [() => createDatabaseTokenBody({ description: 'a', permissions: [{ action: 'admin', resource: 'db' }] }), 'permissions', { code: 'unknownAction', action: '"admin"' }, /"admin" is unknown/],
        [() => createDatabaseTokenBody({ description: 'a', permissions: [read('')] }), 'permissions', { code: 'resource', problem: { code: 'required' } }, /name is required/],
        [
          () => createDatabaseTokenBody({ description: 'a', permissions: [read('x'.repeat(65))] }),
          'permissions',
          { code: 'resource', problem: { code: 'tooLong', length: 65, max: 64 } },
          /at most 64 characters; this one has 65/,
        ],
        [() => createDatabaseTokenBody({ description: 'a', permissions: [read(' db')] }), 'permissions', { code: 'resource', problem: { code: 'spaceAround' } }, /start or end with a space/],
        [() => createDatabaseTokenBody({ description: 'a', permissions: [], expiresAt: new Date(NaN) }), 'expiresAt', { code: 'invalidExpiry' }, /not a valid date/],
        [() => updateDatabaseTokenBody({}), 'body', { code: 'nothingToUpdate' }, /Nothing to update/],
        [() => updateDatabaseTokenBody({ description: '' }), 'description', { code: 'description', problem: { code: 'required' } }, /required/],
      ];
      for (const [fn, field, problem, words] of refused) {
        assert.throws(fn, (err: unknown) => {
          assert.ok(err instanceof DatabaseTokenInputError, String(err));
          assert.strictEqual(err.field, field);
          assert.deepStrictEqual(err.problem, problem);
          assert.match(describeDatabaseTokenInputProblem(err.problem), words);
          return true;
        });
      }
      assert.strictEqual(resourceProblem('*'), undefined);
      assert.strictEqual(resourceProblem('é'.repeat(64)), undefined);
      assert.strictEqual(resourceProblem('🙂'.repeat(64)), undefined, '64 code points, 128 UTF-16 units');
      assert.strictEqual(descriptionProblem('CI · 2026'), undefined);
    });

    it('refuses C0 and C1 control characters in a description (create and update), naming the field and the character', () => {
      const controls = ['\u0000', '\u0009', '\u001b', '\u001f', '\u007f', '\u0080', '\u0085', '\u008d', '\u009b', '\u009f'];
      for (const c of controls) {
        const code = `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
        for (const description of [`ci${c}token`, `${c}ci`, `ci ${c}`]) {
          for (const build of [() => createDatabaseTokenBody({ description, permissions: [] }), () => updateDatabaseTokenBody({ description })]) {
            assert.throws(
              build,
              (err: unknown) => err instanceof DatabaseTokenInputError && err.field === 'description' && /description/i.test(describeDatabaseTokenInputProblem(err.problem)) && describeDatabaseTokenInputProblem(err.problem).includes(code),
              code,
            );
          }
          assert.ok(descriptionProblem(description), code);
        }
      }
      // A lone surrogate is no character: refused too; a pair (an emoji) and other scripts are fine.
      assert.ok(descriptionProblem('ci \ud83d'));
      assert.ok(descriptionProblem('\ude42 ci'));
      assert.strictEqual(descriptionProblem('ci 🙂 Ÿ ¡ é'), undefined);
      assert.deepStrictEqual(resourceProblem('db\u0085'), { code: 'control' });
    });

    it('refuses bodies that are not of the documented types, with DatabaseTokenInputError rather than a TypeError', () => {
      const refused: [() => unknown, string][] = [
        [() => createDatabaseTokenBody({ description: 5 as unknown as string, permissions: [] }), 'description'],
        [() => createDatabaseTokenBody({ description: 'a', permissions: [null as unknown as DatabaseTokenPermission] }), 'permissions'],
        [() => createDatabaseTokenBody({ description: 'a', permissions: [{ action: 'read', resource: 7 as unknown as string }] }), 'permissions'],
        [() => createDatabaseTokenBody({ description: 'a', permissions: [{ action: 10n as unknown as string, resource: 'db' }] }), 'permissions'],
        [() => updateDatabaseTokenBody(null as unknown as { description?: string }), 'body'],
      ];
      for (const [fn, field] of refused) assert.throws(fn, (err: unknown) => err instanceof DatabaseTokenInputError && err.field === field);
    });

    it('updateDatabaseTokenBody: PATCH replaces the whole list; an empty list removes all access', () => {
      assert.deepStrictEqual(updateDatabaseTokenBody({ permissions: [] }), { permissions: [] });
      assert.deepStrictEqual(updateDatabaseTokenBody({ description: ' new ' }), { description: 'new' });
      const both = updateDatabaseTokenBody({ description: 'd', permissions: [write('db2'), read('db1')] });
      assert.deepStrictEqual(both, { description: 'd', permissions: [write('db2'), read('db1')] });
      assertConforms('PATCH', both);
    });
  });

  describe('at scale', function () {
    this.timeout(60000);

    function listJson(n: number): string {
      const items: string[] = [];
      for (let i = 0; i < n; i++) {
        const id = `${i.toString(16).padStart(8, '0')}-5555-4555-8555-555555555555`;
        const extra = `${i % 3 === 0 ? ',"expiresAt":"2027-01-01T00:00:00Z"' : ''}${i % 7 === 0 ? ',"revokedAt":"2026-01-01T00:00:00.123Z"' : ''}`;
        items.push(
          `{"accountId":"${ACCOUNT}","clusterId":"${CLUSTER}","id":"${id}","description":"token number ${i}","permissions":[{"action":"read","resource":"db${i % 50}"},{"action":"write","resource":"db${i % 50}"}],"createdAt":"2025-12-21T17:32:28.000Z"${extra}}`,
        );
      }
      return `[${items.join(',')}]`;
    }

    // How fast is the bench's business (npm run bench: "database tokens: parse + tree items",
    // budget 10,000 ≤ 50 ms): a time limit here would fail on a busy machine, not on slow code.
    it('parses lists of 10,000 and 100,000 tokens whole and in order', () => {
      for (const n of [10_000, 100_000]) {
        const tokens = parseDatabaseTokenList(JSON.parse(listJson(n)) as unknown, { product: 'dedicated' });
        assert.strictEqual(tokens.length, n);
        assert.strictEqual(tokens[n - 1].description, `token number ${n - 1}`);
        assert.strictEqual(tokens.filter((t) => t.revokedAt).length, Math.ceil(n / 7));
      }
    });
  });
});

describe('rotatedDescription', () => {
  it('marks the replacement with the day of the rotation, replacing an earlier mark rather than stacking it', () => {
    assert.strictEqual(rotatedDescription('grafana dashboards', '2026-12-04'), 'grafana dashboards (rotated 2026-12-04)');
    assert.strictEqual(rotatedDescription('grafana dashboards (rotated 2026-01-02)', '2026-12-04'), 'grafana dashboards (rotated 2026-12-04)');
    assert.strictEqual(rotatedDescription('(rotated 2026-01-02) notes', '2026-12-04'), '(rotated 2026-01-02) notes (rotated 2026-12-04)', 'only a trailing mark is replaced');
  });
});
