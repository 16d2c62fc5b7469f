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
          token('f8b6d0e2-6a7c-4d1e-9f4a-5b6c7d8e9f0a', 'staging deploys', { expires: 20 * DAY }),
          token('0a9c7e1f-7b8d-4e2f-8a5b-6c7d8e9f0a1b', 'staging smoke tests', { expires: 2 * DAY }),
          token('1b0d8f2a-8c9e-4f3a-9b6c-7d8e9f0a1b2c', 'retired exporter', { revoked: -1 * DAY }),
        ],
      },
    },
  };
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

module.exports = { DAY, ts, token, DEMO_CONFIG, demoState, writeDemo, SIMULATOR, GRAFANA_ID, GRAFANA_SECRET };
