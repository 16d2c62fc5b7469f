// A local stand-in for the InfluxDB 3 Management HTTP API (GET …/databases),
// for tests and the demo. A token is accepted when the simulated influxctl
// issued it (its state file) and it is neither revoked nor expired, so the
// two simulators agree. `state.api` can force faults: { status, delayMs }.
'use strict';
const fs = require('fs');
const http = require('http');

const DATABASES = [
  { name: 'telemetry', maxTables: 500, maxColumnsPerTable: 250, retentionPeriod: 0 },
  { name: 'iot_sensors', maxTables: 500, maxColumnsPerTable: 250, retentionPeriod: 2592000000000000 },
];

function readState(statePath) {
  try {
    return JSON.parse(fs.readFileSync(statePath, 'utf8'));
  } catch {
    return { profiles: {} };
  }
}

function tokenIsValid(state, secret) {
  for (const profile of Object.values(state.profiles || {})) {
    for (const [id, issued] of Object.entries(profile.issued || {})) {
      if (issued !== secret) continue;
      const t = (profile.tokens || []).find((x) => x.id === id);
      if (!t || t.revoked_at) return false;
      return !(t.expires_at && Number(t.expires_at.seconds) * 1000 <= Date.now());
    }
  }
  return false;
}

/** Starts the server on 127.0.0.1; resolves to { url, port, requests, close }. */
function startFakeManagementApi({ statePath, port = 0 }) {
  const requests = [];
  const server = http.createServer((req, res) => {
    const auth = req.headers.authorization || '';
    requests.push({ method: req.method, path: req.url, accept: req.headers.accept, bearer: auth.startsWith('Bearer ') });
    const state = readState(statePath);
    const fault = state.api || {};
    const reply = (status, body) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    setTimeout(() => {
      if (fault.status) return reply(fault.status, { code: fault.status, message: 'injected fault' });
      const listPath = /^\/api\/v0\/(accounts\/[^/]+\/clusters\/[^/]+\/)?databases$/;
      if (req.method !== 'GET' || !listPath.test(req.url.split('?')[0])) return reply(404, { code: 404, message: 'not found' });
      if (!auth.startsWith('Bearer ')) return reply(401, { code: 401, message: 'missing token' });
      if (!tokenIsValid(state, auth.slice(7))) return reply(403, { code: 403, message: 'token is not valid' });
      return reply(200, DATABASES);
    }, fault.delayMs || 0);
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address();
      resolve({ url: `http://127.0.0.1:${actual}`, port: actual, requests, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

module.exports = { startFakeManagementApi };
