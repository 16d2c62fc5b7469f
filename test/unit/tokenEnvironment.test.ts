import * as assert from 'assert';
import { parseDataPlaneUrl, profileDataPlaneUrl, tokenEnvironment } from '../../src/core/tokenEnvironment';
import type { Profile } from '../../src/core/types';

const ACCOUNT = '0B8FBB2A-8F7B-4A1C-9D6E-2F1E4C3B5A69';
const CLUSTER = '5c3e8a1f-7d2b-4e6a-b9c0-1f2e3d4c5b6a';
const DB_SECRET = 'apiv1_Zq3xK9mLp2Rt7Vw4Yb8Nc1Df6Gh0Jk5Ms3Qe2Ua9Ic7Oe1Xr4Tw8Pz6Lm3Nb5Vc2X';
const MGMT_SECRET = 'M.V1.a3c1SomeManagementSecret0123456789abcdef';

function profile(fields: Partial<Profile>): Profile {
  return { name: 'p', hasOAuth2: false, index: 0, line: 0, ...fields };
}

const dedicated = profile({ name: 'prod', product: 'dedicated', accountId: ACCOUNT, clusterId: CLUSTER });
const clustered = profile({ name: 'staging', product: 'clustered', host: 'influxdb.example.com', port: '8443' });

describe('tokenEnvironment', () => {
  const host = 'https://cluster.a.influxdb.io';

  it('a database token on exactly one database: INFLUX_HOST, INFLUX_TOKEN and INFLUX_DATABASE', () => {
    const perms = [
      { action: 'read', resource: 'telemetry' },
      { action: 'write', resource: 'telemetry' },
    ];
    assert.deepStrictEqual(tokenEnvironment(dedicated, { kind: 'database', secret: DB_SECRET, permissions: perms, host }), {
      INFLUX_HOST: host,
      INFLUX_TOKEN: DB_SECRET,
      INFLUX_DATABASE: 'telemetry',
    });
  });

  it('a database token on several databases, on all databases, or on none: no INFLUX_DATABASE', () => {
    for (const permissions of [
      [
        { action: 'read', resource: 'telemetry' },
        { action: 'read', resource: 'billing' },
      ],
      [{ action: 'read', resource: '*' }],
      [
        { action: 'read', resource: '*' },
        { action: 'write', resource: 'telemetry' },
      ],
      [],
    ]) {
      assert.deepStrictEqual(tokenEnvironment(clustered, { kind: 'database', secret: DB_SECRET, permissions, host }), { INFLUX_HOST: host, INFLUX_TOKEN: DB_SECRET }, JSON.stringify(permissions));
    }
  });

  it('a management token of Cloud Dedicated: MANAGEMENT_TOKEN, INFLUXCTL_PROFILE, ACCOUNT_ID and CLUSTER_ID (lower-cased UUIDs)', () => {
    assert.deepStrictEqual(tokenEnvironment(dedicated, { kind: 'management', secret: MGMT_SECRET }), {
      MANAGEMENT_TOKEN: MGMT_SECRET,
      INFLUXCTL_PROFILE: 'prod',
      ACCOUNT_ID: ACCOUNT.toLowerCase(),
      CLUSTER_ID: CLUSTER,
    });
  });

  it('a management token of Clustered: MANAGEMENT_TOKEN and INFLUXCTL_PROFILE only (no host is invented)', () => {
    assert.deepStrictEqual(tokenEnvironment(clustered, { kind: 'management', secret: MGMT_SECRET }), { MANAGEMENT_TOKEN: MGMT_SECRET, INFLUXCTL_PROFILE: 'staging' });
  });
});

describe('profileDataPlaneUrl', () => {
  it("Clustered: the profile's host and port by clusterOrigin's rule (443 left out, http only with TLS disabled)", () => {
    assert.strictEqual(profileDataPlaneUrl(clustered), 'https://influxdb.example.com:8443');
    assert.strictEqual(profileDataPlaneUrl(profile({ product: 'clustered', host: 'https://InfluxDB.Example.com/' })), 'https://influxdb.example.com');
    assert.strictEqual(profileDataPlaneUrl(profile({ product: 'clustered', host: '::1', port: '8086' })), 'https://[::1]:8086');
    assert.strictEqual(profileDataPlaneUrl(profile({ product: 'clustered', host: '127.0.0.1', port: '8086', tls: { disable: true } })), 'http://127.0.0.1:8086');
  });

  it('Cloud Dedicated: its host when it has one, else none (the user is asked, never a guess)', () => {
    assert.strictEqual(profileDataPlaneUrl(dedicated), undefined);
    assert.strictEqual(profileDataPlaneUrl({ ...dedicated, host: 'cluster-id.a.influxdb.io' }), 'https://cluster-id.a.influxdb.io');
    assert.strictEqual(profileDataPlaneUrl({ ...dedicated, host: 'not a host' }), undefined);
  });

  it('a profile that names no cluster has no data-plane URL', () => {
    assert.strictEqual(profileDataPlaneUrl(profile({ product: 'clustered' })), undefined);
    assert.strictEqual(profileDataPlaneUrl(profile({ product: 'dedicated', host: 'x.example.com' })), undefined);
    assert.strictEqual(profileDataPlaneUrl(profile({ product: 'clustered', host: 'h.example.com', port: 'x' })), undefined);
  });
});

describe('parseDataPlaneUrl', () => {
  it('takes an https URL of a host (and port), made canonical', () => {
    assert.deepStrictEqual(parseDataPlaneUrl(' https://Cluster-ID.a.InfluxDB.io/ '), { ok: true, url: 'https://cluster-id.a.influxdb.io' });
    assert.deepStrictEqual(parseDataPlaneUrl('https://cluster.example.com:443'), { ok: true, url: 'https://cluster.example.com' });
    assert.deepStrictEqual(parseDataPlaneUrl('https://cluster.example.com:8443'), { ok: true, url: 'https://cluster.example.com:8443' });
  });

  it('refuses what is not a URL, not https, more than a host, or a token', () => {
    const problems = Object.fromEntries(
      ['cluster.example.com', 'http://cluster.example.com', 'ftp://x.example.com', 'https://x.example.com/api/v2', 'https://user:pw@x.example.com', 'https://x.example.com?a=b', 'https://x.example.com#f', 'https://bad host', 'https://', `https://${DB_SECRET}`, MGMT_SECRET].map((u) => {
        const r = parseDataPlaneUrl(u);
        return [u, r.ok ? 'ok' : r.problem];
      }),
    );
    assert.deepStrictEqual(problems, {
      'cluster.example.com': 'notUrl',
      'http://cluster.example.com': 'notHttps',
      'ftp://x.example.com': 'notHttps',
      'https://x.example.com/api/v2': 'notOrigin',
      'https://user:pw@x.example.com': 'notOrigin',
      'https://x.example.com?a=b': 'notOrigin',
      'https://x.example.com#f': 'notOrigin',
      'https://bad host': 'notUrl',
      'https://': 'notUrl',
      [`https://${DB_SECRET}`]: 'tokenShaped',
      [MGMT_SECRET]: 'tokenShaped',
    });
  });
});
