// A local stand-in for the InfluxDB 3 Management HTTP API, for tests and the
// demo: databases (GET …/databases) and database tokens (list, get, create,
// update, revoke), for Cloud Dedicated (`/api/v0/accounts/{a}/clusters/{c}/…`)
// or Clustered (`/api/v0/…`, over HTTPS with a self-signed CA).
//
// Every request it receives and every answer it sends is checked against the
// official OpenAPI document of its product (openApiCheck.js): a request or an
// answer that does not conform gets a 500 whose message says what failed, and
// is recorded in `violations` so that tests can assert that none happened.
//
// Authentication, as before: the Bearer token must be a management token the
// simulated influxctl issued (`profiles[name].issued` of the state file) that
// is neither revoked nor expired; no Bearer → 401, any other token → 403. The
// token's profile names the cluster: `state.clusters[name]`.
//
// State (the simulated influxctl's JSON file, read on every request):
//   clusters: {
//     [profileName]: {
//       accountId?, clusterId?,      // Cloud Dedicated: the path must name these (else 404)
//       databases?: [{ name, maxTables, maxColumnsPerTable, retentionPeriod, partitionTemplate? }],
//                                    // absent: the two default databases below
//       databaseTokens?: [{ id, description, permissions: [{action, resource}],
//                           createdAt, expiresAt?, revokedAt? }],   // RFC3339 strings, as the API
//       accessTokens?: { [tokenId]: 'apiv1_…' },  // secrets the stand-in issued (the real API keeps none)
//     }
//   }
//   api: { status, delayMs, html, hugeBytes, body, operation }   // faults, see below
//
// Guesses where the documents say nothing (the reference's "unknowns"):
//   - GET …/tokens lists revoked tokens too (with revokedAt);
//   - DELETE sets revokedAt and answers 204, also for a token already revoked
//     (keeping the first revokedAt);
//   - 409 on create or update when an active token (not revoked) already has
//     the description, and on update of a revoked token;
//   - 400 for an empty description, an action other than read or write, or an
//     expiresAt not in the future.
//
// Faults, from `state.api` or `setFault()` (which wins): `delayMs` before
// answering; `status` answers that status with {code, message} (or with an HTML
// page when `html`); `html` alone answers 200 with a proxy's HTML page;
// `hugeBytes` answers 200 (or `status`) with a JSON array that long; `body`
// answers that text as application/json. `operation` (an operationId) limits
// the fault to one operation; `times` (setFault only) to that many requests;
// `applyFirst` carries a create, update or delete out before the injected
// answer (a proxy that failed after the cluster acted).
// Injected answers are not checked against the document (they are the point).
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const http = require('http');
const https = require('https');
const path = require('path');
const { ROOT } = require('./codeServer');
const { openApiDocument } = require('./openApiCheck');

const DATABASES = [
  { name: 'telemetry', maxTables: 500, maxColumnsPerTable: 250, retentionPeriod: 0 },
  { name: 'iot_sensors', maxTables: 500, maxColumnsPerTable: 250, retentionPeriod: 2592000000000000 },
];

/** The self-signed CA and the server certificate it is (CN localhost, SAN localhost and 127.0.0.1). */
const TLS_DIR = path.join(ROOT, 'test', 'fixtures', 'tls');
const LOCALHOST_TLS = {
  /** For a profile's `[profile.tls] ca`: the certificate is its own CA. */
  ca: path.join(TLS_DIR, 'localhost.crt'),
  cert: path.join(TLS_DIR, 'localhost.crt'),
  key: path.join(TLS_DIR, 'localhost.key'),
};

const MUTATING = new Set(['CreateDatabaseToken', 'UpdateDatabaseToken', 'DeleteDatabaseToken']);

/**
 * The state file, parsed again only when it changed (a list of 100,000 tokens
 * is 25 MB). `version` changes with the file. Not to be changed: see writable().
 */
function readState(statePath, cache) {
  try {
    const st = fs.statSync(statePath);
    const version = `${statePath}:${st.ino}:${st.size}:${st.mtimeMs}`;
    if (cache.version !== version) {
      cache.version = version;
      cache.state = JSON.parse(fs.readFileSync(statePath, 'utf8'));
      cache.answers = new Map();
    }
    return cache.state;
  } catch {
    cache.version = '';
    cache.answers = new Map();
    return { profiles: {} };
  }
}

function writeState(statePath, state, cache) {
  const tmp = `${statePath}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(state, null, 2));
  fs.renameSync(tmp, statePath);
  cache.version = '';
}

/** The profile whose issued management token `secret` is, when it is usable; else undefined. */
function profileOfToken(state, secret) {
  for (const [name, profile] of Object.entries(state.profiles || {})) {
    for (const [id, issued] of Object.entries(profile.issued || {})) {
      if (issued !== secret) continue;
      const t = (profile.tokens || []).find((x) => x.id === id);
      if (!t || t.revoked_at) return undefined;
      if (t.expires_at && Number(t.expires_at.seconds) * 1000 <= Date.now()) return undefined;
      return name;
    }
  }
  return undefined;
}

function newAccessToken() {
  // `apiv1_` and base64 of 512 random bits, as InfluxData's security page describes.
  return `apiv1_${crypto.randomBytes(64).toString('base64')}`;
}

function error(status, message) {
  return { status, body: { code: status, message } };
}

/** A token as the API shows it: only the documented fields, the account and cluster for Cloud Dedicated. */
function shown(t, ids) {
  const out = {};
  if (ids) Object.assign(out, ids);
  out.id = t.id;
  out.description = t.description;
  out.permissions = t.permissions.map((p) => ({ action: p.action, resource: p.resource }));
  out.createdAt = t.createdAt;
  if (t.expiresAt) out.expiresAt = t.expiresAt;
  if (t.revokedAt) out.revokedAt = t.revokedAt;
  return out;
}

function htmlPage(status) {
  return `<!DOCTYPE html>\n<html><head><title>${status} Bad Gateway</title></head><body><center><h1>${status} Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n`;
}

/**
 * Starts the stand-in on 127.0.0.1; resolves to
 * { url, port, product, requests, violations, connections, setFault, close }.
 *
 * @param {object} options
 * @param {string} options.statePath the simulated influxctl's state file
 * @param {number} [options.port] 0 (any free port) by default
 * @param {'dedicated' | 'clustered'} [options.product] which document to serve and check;
 *   without it both path styles are served, each checked against its own document
 * @param {{cert: string | Buffer, key: string | Buffer} | true} [options.https] serve HTTPS;
 *   `true` uses LOCALHOST_TLS (trust it with `[profile.tls] ca = LOCALHOST_TLS.ca`)
 */
function startFakeManagementApi({ statePath, port = 0, product, https: tls } = {}) {
  if (product !== undefined && product !== 'dedicated' && product !== 'clustered') throw new Error(`product ${JSON.stringify(product)}: "dedicated" or "clustered"`);
  const requests = [];
  const violations = [];
  let connections = 0;
  let memoryFault;
  // The parsed state and, per state version, the checked answers of reading operations.
  const cache = { version: '', state: undefined, answers: new Map() };

  const documentFor = (pathname) => openApiDocument(product ?? (/^\/api\/v0\/accounts\//.test(pathname) ? 'dedicated' : 'clustered'));

  const handle = (req, res, raw) => {
    const auth = req.headers.authorization || '';
    const pathname = req.url.split('?')[0];
    const record = { method: req.method, path: req.url, accept: req.headers.accept, bearer: auth.startsWith('Bearer '), contentType: req.headers['content-type'] };
    requests.push(record);
    let state = readState(statePath, cache);
    const doc = documentFor(pathname);
    const check = doc.checkRequest({ method: req.method, url: req.url, headers: req.headers, body: raw });
    const operationId = check.route?.operation.operationId;
    record.operationId = operationId;

    let fault = memoryFault || state.api || {};
    if (fault.operation && fault.operation !== operationId) fault = {};
    const injected = fault.status || fault.html || fault.hugeBytes || fault.body !== undefined;

    /** Sends an answer, checked against the document unless told not to; returns whether it conformed. */
    const send = (status, body, { validate = true, contentType = 'application/json' } = {}) => {
      let text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
      let type = body === undefined ? undefined : contentType;
      let conformed = true;
      if (validate && check.route) {
        const problems = doc.checkResponse(check.route, { status, headers: { 'content-type': type }, body: text });
        if (problems.length) {
          conformed = false;
          violations.push({ kind: 'response', method: req.method, path: req.url, operationId, status, errors: problems });
          status = 500;
          text = JSON.stringify({ code: 500, message: `the stand-in's answer does not match the OpenAPI document: ${problems.join('; ')}` });
          type = 'application/json';
        }
      }
      record.status = status;
      const headers = type ? { 'content-type': type } : {};
      res.writeHead(status, headers);
      res.end(text);
      return conformed;
    };

    setTimeout(() => {
      if (injected) {
        if (memoryFault && memoryFault.times !== undefined && --memoryFault.times <= 0) memoryFault = undefined;
        record.injected = true;
        const actor = fault.applyFirst && MUTATING.has(operationId) && auth.startsWith('Bearer ') ? profileOfToken(state, auth.slice(7)) : undefined;
        if (actor && !check.errors.length) {
          state = structuredClone(state);
          if (operate(state, actor, doc.product, operationId, check.params, check.json).write) writeState(statePath, state, cache);
        }
        if (fault.hugeBytes) return sendHuge(res, fault.status || 200, fault.hugeBytes, record);
        if (fault.html) return send(fault.status || 200, htmlPage(fault.status || 502), { validate: false, contentType: 'text/html; charset=utf-8' });
        if (fault.body !== undefined) return send(fault.status || 200, String(fault.body), { validate: false });
        return send(fault.status, { code: fault.status, message: 'injected fault' }, { validate: false });
      }
      if (check.routeError) {
        // A path the document does not have: what a server without it answers, and a violation.
        violations.push({ kind: 'route', method: req.method, path: req.url, errors: check.errors });
        record.status = check.methodNotAllowed ? 405 : 404;
        res.writeHead(record.status, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ code: record.status, message: check.methodNotAllowed ? 'method not allowed' : 'not found' }));
      }
      if (check.errors.length) {
        violations.push({ kind: 'request', method: req.method, path: req.url, operationId, errors: check.errors });
        return send(500, { code: 500, message: `the request does not match the OpenAPI document: ${check.errors.join('; ')}` });
      }
      if (!auth.startsWith('Bearer ')) return send(401, { code: 401, message: 'missing token' });
      const profileName = profileOfToken(state, auth.slice(7));
      if (!profileName) return send(403, { code: 403, message: 'token is not valid' });
      if (MUTATING.has(operationId)) {
        state = structuredClone(state);
        const r = operate(state, profileName, doc.product, operationId, check.params, check.json);
        if (r.write) writeState(statePath, state, cache);
        return send(r.status, r.body);
      }
      // Reading: the same state gives the same answer, serialised and checked once.
      const key = JSON.stringify([doc.product, profileName, operationId, check.params]);
      let answer = cache.answers.get(key);
      if (!answer) {
        const r = operate(state, profileName, doc.product, operationId, check.params, check.json);
        answer = { status: r.status, text: r.body === undefined ? undefined : JSON.stringify(r.body), checked: false };
        cache.answers.set(key, answer);
      }
      if (answer.checked) {
        record.status = answer.status;
        res.writeHead(answer.status, answer.text === undefined ? {} : { 'content-type': 'application/json' });
        return res.end(answer.text ?? '');
      }
      answer.checked = send(answer.status, answer.text);
    }, fault.delayMs || 0);
  };

  const listener = (req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      try {
        handle(req, res, Buffer.concat(chunks).toString('utf8'));
      } catch (err) {
        violations.push({ kind: 'crash', method: req.method, path: req.url, errors: [String(err && err.stack)] });
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 500, message: `the stand-in failed: ${err && err.message}` }));
      }
    });
  };

  let server;
  if (tls) {
    const material = tls === true ? { cert: fs.readFileSync(LOCALHOST_TLS.cert), key: fs.readFileSync(LOCALHOST_TLS.key) } : tls;
    server = https.createServer({ cert: material.cert, key: material.key }, listener);
    // A client that refuses the certificate is the client's business.
    server.on('tlsClientError', () => undefined);
  } else {
    server = http.createServer(listener);
  }
  server.on('connection', () => {
    connections++;
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address();
      resolve({
        url: `${tls ? 'https' : 'http'}://127.0.0.1:${actual}`,
        port: actual,
        product,
        requests,
        violations,
        /** TCP connections accepted so far. */
        get connections() {
          return connections;
        },
        /** Sets (or with undefined clears) a fault that wins over `state.api`. */
        setFault(f) {
          memoryFault = f ? { ...f } : undefined;
        },
        server,
        close: () =>
          new Promise((r) => {
            server.closeAllConnections?.();
            server.close(() => r());
          }),
      });
    });
  });
}

/** A JSON array of `bytes` bytes, streamed. */
function sendHuge(res, status, bytes, record) {
  record.status = status;
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(bytes) });
  const chunk = Buffer.from('0,'.repeat(32 * 1024));
  let left = bytes - 2;
  res.write('[');
  const pump = () => {
    while (left > 0) {
      const n = Math.min(left, chunk.length);
      let part = chunk.subarray(0, n);
      if (n === left) part = Buffer.concat([part.subarray(0, n - 1), Buffer.from('0')]);
      left -= n;
      if (!res.write(part)) return res.once('drain', pump);
    }
    res.end(']');
  };
  res.on('error', () => undefined);
  pump();
}

/** Does what an operation does to the state; returns { status, body, write }. */
function operate(state, profileName, product, operationId, params, body) {
  state.clusters ??= {};
  const existing = state.clusters[profileName];
  const cluster = existing ?? {};
  let ids;
  if (product === 'dedicated') {
    if ((cluster.accountId && cluster.accountId !== params.accountId) || (cluster.clusterId && cluster.clusterId !== params.clusterId)) {
      return error(404, 'cluster not found');
    }
    ids = { accountId: cluster.accountId ?? params.accountId, clusterId: cluster.clusterId ?? params.clusterId };
  }
  const tokens = cluster.databaseTokens ?? [];
  const find = () => tokens.find((t) => t.id === params.tokenId);
  const descriptionTaken = (description, exceptId) => tokens.some((t) => !t.revokedAt && t.id !== exceptId && t.description === description);
  const checkPermissions = (perms) => {
    const bad = (perms ?? []).find((p) => p.action !== 'read' && p.action !== 'write');
    return bad ? error(400, `unknown permission action ${JSON.stringify(bad.action)}; read or write`) : undefined;
  };
  const save = () => {
    cluster.databaseTokens = tokens;
    state.clusters[profileName] = cluster;
  };
  switch (operationId) {
    case 'GetClusterDatabases':
      return { status: 200, body: (cluster.databases ?? DATABASES).map((d) => ({ ...(ids ?? {}), ...d })) };
    case 'GetDatabaseTokens':
      return { status: 200, body: tokens.map((t) => shown(t, ids)) };
    case 'GetDatabaseToken': {
      const t = find();
      return t ? { status: 200, body: shown(t, ids) } : error(404, 'database token not found');
    }
    case 'CreateDatabaseToken': {
      if (body.description.trim() === '') return error(400, 'description must not be empty');
      const bad = checkPermissions(body.permissions);
      if (bad) return bad;
      if (body.expiresAt !== undefined && Date.parse(body.expiresAt) <= Date.now()) return error(400, 'expiresAt must be in the future');
      if (descriptionTaken(body.description)) return error(409, 'a database token with this description already exists');
      const t = { id: crypto.randomUUID(), description: body.description, permissions: body.permissions ?? [], createdAt: new Date().toISOString() };
      if (body.expiresAt !== undefined) t.expiresAt = body.expiresAt;
      const accessToken = newAccessToken();
      tokens.push(t);
      cluster.accessTokens = { ...(cluster.accessTokens ?? {}), [t.id]: accessToken };
      save();
      return { status: 200, body: { ...shown(t, ids), accessToken }, write: true };
    }
    case 'UpdateDatabaseToken': {
      const t = find();
      if (!t) return error(404, 'database token not found');
      if (t.revokedAt) return error(409, 'the database token is revoked');
      if (body.description !== undefined) {
        if (body.description.trim() === '') return error(400, 'description must not be empty');
        if (descriptionTaken(body.description, t.id)) return error(409, 'a database token with this description already exists');
      }
      const bad = checkPermissions(body.permissions);
      if (bad) return bad;
      if (body.description !== undefined) t.description = body.description;
      if (body.permissions !== undefined) t.permissions = body.permissions;
      save();
      return { status: 200, body: shown(t, ids), write: true };
    }
    case 'DeleteDatabaseToken': {
      const t = find();
      if (!t) return error(404, 'database token not found');
      if (!t.revokedAt) {
        t.revokedAt = new Date().toISOString();
        save();
        return { status: 204, write: true };
      }
      return { status: 204 };
    }
    default:
      return error(500, `the stand-in does not implement ${operationId}`);
  }
}

module.exports = { startFakeManagementApi, LOCALHOST_TLS, DATABASES };
