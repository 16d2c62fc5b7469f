// Writes a config.toml and the simulated influxctl's state for tests and the demo.
'use strict';
const fs = require('fs');
const path = require('path');

const DAY = 86400;

function ts(secondsFromNow, now = Date.now()) {
  return { seconds: Math.floor(now / 1000) + secondsFromNow, nanos: 123000000 };
}

function token(id, description, { created = -30 * DAY, expires, revoked, prefix } = {}) {
  const t = {
    id,
    account_id: '0b8fbb2a-8f7b-4a1c-9d6e-2f1e4c3b5a69',
    token_prefix: prefix ?? `M.V1.${id.slice(0, 4)}`,
    created_at: ts(created),
    description,
    created_by: '6a1e2d3c-4b5a-4968-8776-5f4e3d2c1b0a',
  };
  if (expires !== undefined) t.expires_at = { seconds: ts(expires).seconds };
  if (revoked !== undefined) t.revoked_at = ts(revoked);
  return t;
}

// The demo's default profile is configured with "grafana provisioning", which
// expires in 3 days: the view flags it and offers to rotate it.
const GRAFANA_ID = 'b4d2f6a8-2c3e-4f7a-9b0c-1d2e3f4a5b6c';
const GRAFANA_SECRET = 'M.V1.b4d2Qz7DemoOnlyNotARealToken8fKx2LmP9vRt4WbN6cYh3JsE0uGa';
// The staging profile's "staging deploys" management token, issued by the
// simulated influxctl, so that the Clustered stand-in accepts it.
const STAGING_DEPLOYS_ID = 'f8b6d0e2-6a7c-4d1e-9f4a-5b6c7d8e9f0a';
const STAGING_SECRET = 'M.V1.f8b6Qz7DemoOnlyNotARealToken3hTy8KpW2xNc5VbR9mLq4JsD7uFe';

const ACCOUNT_ID = '0b8fbb2a-8f7b-4a1c-9d6e-2f1e4c3b5a69';
const CLUSTER_ID = '5c3e8a1f-7d2b-4e6a-b9c0-1f2e3d4c5b6a';

/** An RFC3339 time, as the Management API writes it, `seconds` from now. */
function iso(secondsFromNow, now = Date.now()) {
  return new Date(Math.floor(now / 1000) * 1000 + secondsFromNow * 1000).toISOString();
}

/** A database token as the Management API stand-in keeps it (see fakeManagementApi.js). */
function dbToken(id, description, permissions, { created = -30 * DAY, expires, revoked } = {}) {
  const t = { id, description, permissions, createdAt: iso(created) };
  if (expires !== undefined) t.expiresAt = iso(expires);
  if (revoked !== undefined) t.revokedAt = iso(revoked);
  return t;
}

const read = (resource) => ({ action: 'read', resource });
const write = (resource) => ({ action: 'write', resource });
const NS_PER_DAY = 86400 * 1e9;

function database(name, { retentionDays = 0, maxTables = 500, maxColumnsPerTable = 200 } = {}) {
  return { name, maxTables, maxColumnsPerTable, retentionPeriod: retentionDays * NS_PER_DAY };
}

/**
 * The clusters behind the demo profiles for the Management API stand-in:
 * databases, and database tokens of every status (active, expiring within the
 * default 7 days, expired, revoked) and every kind of permission (read on one
 * database, read/write, several databases, all databases `*`).
 */
function demoClusters() {
  return {
    default: {
      accountId: ACCOUNT_ID,
      clusterId: CLUSTER_ID,
      databases: [
        database('telemetry', { retentionDays: 30 }),
        database('iot_sensors', { retentionDays: 365, maxTables: 1000, maxColumnsPerTable: 250 }),
        database('billing'),
      ],
      databaseTokens: [
        dbToken('3f1c2b4a-5d6e-4f70-8a91-b2c3d4e5f601', 'grafana dashboards', [read('telemetry')], { expires: 120 * DAY }),
        dbToken('3f1c2b4a-5d6e-4f70-8a91-b2c3d4e5f602', 'telegraf edge agents', [read('iot_sensors'), write('iot_sensors')], { expires: 4 * DAY }),
        dbToken('3f1c2b4a-5d6e-4f70-8a91-b2c3d4e5f603', 'nightly export', [read('telemetry'), read('billing')], { expires: -3 * DAY, created: -90 * DAY }),
        dbToken('3f1c2b4a-5d6e-4f70-8a91-b2c3d4e5f604', 'admin scripts', [read('*'), write('*')]),
        dbToken('3f1c2b4a-5d6e-4f70-8a91-b2c3d4e5f605', 'old collector (revoked)', [write('telemetry')], { revoked: -10 * DAY, created: -200 * DAY }),
      ],
    },
    staging: {
      databases: [database('staging_metrics', { retentionDays: 7 }), database('staging_logs', { retentionDays: 3 })],
      databaseTokens: [
        dbToken('7a2d3c4b-6e5f-4a81-9b02-c3d4e5f60701', 'load generator', [write('staging_metrics'), write('staging_logs')], { expires: 45 * DAY }),
        dbToken('7a2d3c4b-6e5f-4a81-9b02-c3d4e5f60702', 'qa read-only', [read('*')], { expires: 2 * DAY }),
        dbToken('7a2d3c4b-6e5f-4a81-9b02-c3d4e5f60703', 'perf run 2026-q2', [read('staging_metrics'), write('staging_metrics')], { expires: -14 * DAY, created: -60 * DAY }),
        dbToken('7a2d3c4b-6e5f-4a81-9b02-c3d4e5f60704', 'leaked in CI log (revoked)', [read('staging_logs')], { revoked: -2 * DAY, created: -20 * DAY }),
      ],
    },
  };
}

const DEMO_CONFIG = `## influxctl - connection profiles (a demo: the tokens come from a simulated influxctl)

[[profile]]
    ## Cloud Dedicated production cluster
    name = "default"
    product = "dedicated"
    account_id = "0b8fbb2a-8f7b-4a1c-9d6e-2f1e4c3b5a69"
    cluster_id = "5c3e8a1f-7d2b-4e6a-b9c0-1f2e3d4c5b6a"
    mgmt_token = "${GRAFANA_SECRET}"

[[profile]]
    name = "staging"
    product = "clustered"
    host = "influxdb.staging.example.com"
    port = "8443"

    [profile.tls]
        insecure = false

    [profile.auth.oauth2]
        client_id = "influxctl-staging"
        scopes = [""]
        parameters = { audience = "" }
        token_url = "https://login.example.com/oauth2/v2/token"
        device_url = "https://login.example.com/oauth2/v2/auth/device"
`;

function demoState() {
  return {
    version: '2.11.0',
    warnings: 'stdout',
    profiles: {
      default: {
        tokens: [
          token('a3c1e5f7-1b2d-4e6f-8a9b-0c1d2e3f4a5b', 'ci-pipeline', { expires: 60 * DAY }),
          token(GRAFANA_ID, 'grafana provisioning', { expires: 3 * DAY }),
          token('c5e3a7b9-3d4f-4a8b-8c1d-2e3f4a5b6c7d', 'old backup job', { expires: -2 * DAY }),
          token('d6f4b8c0-4e5a-4b9c-9d2e-3f4a5b6c7d8e', 'terraform', {}),
          token('e7a5c9d1-5f6b-4c0d-8e3f-4a5b6c7d8e9f', 'laptop (revoked)', { expires: 90 * DAY, revoked: -5 * DAY }),
        ],
        issued: { [GRAFANA_ID]: GRAFANA_SECRET },
      },
      staging: {
        tokens: [
          token(STAGING_DEPLOYS_ID, 'staging deploys', { expires: 20 * DAY }),
          token('0a9c7e1f-7b8d-4e2f-8a5b-6c7d8e9f0a1b', 'staging smoke tests', { expires: 2 * DAY }),
          token('1b0d8f2a-8c9e-4f3a-9b6c-7d8e9f0a1b2c', 'retired exporter', { revoked: -1 * DAY }),
        ],
        issued: { [STAGING_DEPLOYS_ID]: STAGING_SECRET },
      },
    },
    clusters: demoClusters(),
  };
}

/**
 * The demo config.toml with the staging profile pointed at a local Clustered
 * Management API stand-in over HTTPS (trusting its CA) and given the
 * "staging deploys" management token, so that its database tokens show.
 */
function demoConfigWithLocalApis({ stagingPort, caFile }) {
  const from = DEMO_CONFIG.indexOf('    host = "influxdb.staging.example.com"');
  const to = DEMO_CONFIG.indexOf('    [profile.auth.oauth2]');
  if (from < 0 || to < 0) throw new Error('DEMO_CONFIG changed: update demoConfigWithLocalApis');
  const staging = [
    '    ## a local stand-in of the cluster\'s Management API (HTTPS, self-signed CA)',
    '    host = "127.0.0.1"',
    `    port = "${stagingPort}"`,
    `    mgmt_token = "${STAGING_SECRET}"`,
    '',
    '    [profile.tls]',
    `        ca = ${JSON.stringify(caFile)}`,
    '',
    '',
  ].join('\n');
  return DEMO_CONFIG.slice(0, from) + staging + DEMO_CONFIG.slice(to);
}

/** Writes config.toml and influxctl-sim.json into dir; returns their paths. */
function writeDemo(dir, { config = DEMO_CONFIG, state = demoState() } = {}) {
  fs.mkdirSync(dir, { recursive: true });
  const configPath = path.join(dir, 'config.toml');
  const statePath = path.join(dir, 'influxctl-sim.json');
  fs.writeFileSync(configPath, config, { mode: 0o600 });
  fs.writeFileSync(statePath, JSON.stringify(state, null, 2));
  return { configPath, statePath };
}

const SIMULATOR = path.join(require('./codeServer').ROOT, 'test', 'simulator', 'influxctl.js');

module.exports = {
  DAY,
  ts,
  token,
  iso,
  dbToken,
  database,
  DEMO_CONFIG,
  demoConfigWithLocalApis,
  demoState,
  demoClusters,
  writeDemo,
  SIMULATOR,
  GRAFANA_ID,
  GRAFANA_SECRET,
  STAGING_DEPLOYS_ID,
  STAGING_SECRET,
  ACCOUNT_ID,
  CLUSTER_ID,
};
