#!/usr/bin/env node
// npm start: builds and packages the extension, installs it into code-server
// with a demo config.toml and the simulated influxctl, and prints the URL.
// Everything the demo touches lives in .test-runs/demo-*; nothing else changes.
'use strict';
const fs = require('fs');
const path = require('path');
const cs = require('./lib/codeServer');
const fixtures = require('./lib/fixtures');
const { startFakeManagementApi, LOCALHOST_TLS } = require('./lib/fakeManagementApi');

async function main() {
  const vscode = cs.ensureVscode();
  console.log('Building and packaging the extension…');
  const vsix = cs.packageDemoVsix();
  const runDir = cs.makeRunDir('demo');
  const { configPath, statePath } = fixtures.writeDemo(path.join(runDir, 'influxctl'));
  // Cloud Dedicated ("default") through the console URL below; Clustered
  // ("staging") over HTTPS with a self-signed CA that its [profile.tls] trusts.
  const api = await startFakeManagementApi({ statePath, product: 'dedicated' });
  const clustered = await startFakeManagementApi({ statePath, product: 'clustered', https: true });
  fs.writeFileSync(configPath, fixtures.demoConfigWithLocalApis({ stagingPort: clustered.port, caFile: LOCALHOST_TLS.ca }), { mode: 0o600 });
  cs.installVsix(vscode, runDir, vsix);
  cs.writeUserSettings(runDir, {
    'influxdbTokens.configPath': configPath,
    'influxdbTokens.influxctlPath': fixtures.SIMULATOR,
  });
  const port = Number(process.env.PORT) || 8080;
  const host = process.env.HOST || '127.0.0.1';
  const server = await cs.startCodeServer(vscode, runDir, { port, host, env: { INFLUXDB_TOKENS_CONSOLE_URL: api.url } });
  const workspace = path.join(runDir, 'workspace');
  console.log(`
InfluxDB Tokens demo is running. Open in a browser:

    ${server.url}/?folder=${encodeURIComponent(workspace)}

and click the "InfluxDB Tokens" icon in the activity bar.
This is a SIMULATION: influxctl is test/simulator/influxctl.js, the Management API is a
local stand-in (${api.url} for Cloud Dedicated, ${clustered.url} for Clustered) and the
tokens are made up; no InfluxDB account is needed and nothing leaves this machine.
Demo config.toml: ${configPath}
Press Ctrl+C to stop.`);
  const stop = () => {
    server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.child.on('exit', (code) => {
    console.error(`code-server exited (${code}); see ${runDir}/code-server.log`);
    process.exit(1);
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
