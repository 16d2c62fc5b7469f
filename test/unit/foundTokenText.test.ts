import * as assert from 'assert';
import type { DatabaseToken, ManagementToken, Profile } from '../../src/core';
import { describeFoundToken } from '../../src/foundTokens/foundTokenText';
import type { TokenIdentity } from '../../src/foundTokens/tokenIdentity';

const MGMT_SECRET = 'M.V1.abcdQz7UnitOnlyNotARealToken8fKx2LmP9vRt4WbN6cYh3JsE0uGa';
const DB_SECRET = `apiv1_${'x'.repeat(64)}`;
const profile: Profile = { name: 'staging', hasOAuth2: false, index: 0, line: 0, mgmtToken: MGMT_SECRET, token: DB_SECRET };
const created = new Date('2030-01-01T00:00:00Z');
const management: ManagementToken = { id: '11111111-2222-3333-4444-555555555555', description: 'ci', prefix: 'M.V1.abcd', createdAt: created };
const database: DatabaseToken = {
  id: '3f1c2b4a-5d6e-4f70-8a91-b2c3d4e5f602',
  description: 'telegraf edge agents',
  permissions: [
    { action: 'read', resource: 'metrics' },
    { action: 'write', resource: 'metrics' },
  ],
  createdAt: created,
};

function known(kind: 'management' | 'database', extra: Partial<Extract<TokenIdentity, { known: true }>> = {}): TokenIdentity {
  return { known: true, kind, configPath: '/c/config.toml', profile, configured: false, ...extra };
}

describe('a found token in words', () => {
  const cases: [string, TokenIdentity, string][] = [
    ['an unknown database token', { known: false, kind: 'database' }, 'An InfluxDB database token this extension does not know.'],
    ['an unknown management token', { known: false, kind: 'management' }, 'An InfluxDB management token this extension does not know.'],
    [
      'a listed database token',
      known('database', { listed: { kind: 'database', token: database, status: 'active' } }),
      'InfluxDB database token "telegraf edge agents" of profile "staging" (active; read/write metrics).',
    ],
    ['a listed management token, revoked', known('management', { listed: { kind: 'management', token: management, status: 'revoked' } }), 'InfluxDB management token "ci" of profile "staging" (revoked).'],
    ['a database token of a profile, not listed (yet)', known('database'), 'An InfluxDB database token of profile "staging".'],
    ['a management token of a profile, not listed (yet)', known('management'), 'An InfluxDB management token of profile "staging".'],
    [
      "a profile's mgmt_token",
      known('management', { configured: true, listed: { kind: 'management', token: management, status: 'expiring' } }),
      'InfluxDB management token "ci" of profile "staging" (expiring). It is the mgmt_token of that profile in config.toml.',
    ],
    ["a profile's token", known('database', { configured: true }), 'An InfluxDB database token of profile "staging". It is the token of that profile in config.toml.'],
  ];
  for (const [what, identity, expected] of cases) {
    it(`words ${what} in whole sentences, without the secret`, () => {
      const text = describeFoundToken(identity);
      assert.strictEqual(text, expected);
      for (const secret of [MGMT_SECRET, DB_SECRET]) assert.ok(!text.includes(secret.slice(5, 20)), 'no part of a secret');
      assert.match(text, /\.$/);
    });
  }
});
