#!/usr/bin/env node
// A simulated influxctl for tests and the demo, faithful to the documented
// contract of `influxctl management list|create|revoke` (2.10 and 2.11+ output).
//
// State lives in a JSON file: $INFLUXCTL_SIM_STATE, else influxctl-sim.json
// beside the --config file. Every argv received is appended to
// <state>.calls.jsonl. State shape:
//   { "version": "2.11.0",           // create output form: <2.11 warn lines only, >=2.11 table first
//     "warnings": "stderr"|"stdout", // where the two warn lines go
//     "profiles": { "<name>": {
//        "tokens": [ <list JSON objects> ],
//        "issued": { "<id>": "<secret>" },        // secrets this simulator printed
//        "fault": { "commands": ["list"], "delayMs": 300, "hang": true, "exitCode": 1,
//                   "stderr": "...", "stdout": "...", "login": true, "failIds": ["<id>"],
//                   "killSelfAfterMs": 200, "bigOutputMB": 50 } } } }
//
// Faults apply to the profile's calls (only to `commands` when given), in this order:
//   login            prints a device-login prompt on stderr and waits forever
//   hang             waits forever (until killed)
//   delayMs          sleeps first; beyond --timeout it fails with "context deadline exceeded"
//   killSelfAfterMs  prints the first half of the token list JSON, then kills itself
//                    with SIGKILL after that many ms (influxctl killed mid-run)
//   bigOutputMB      prints that many MB of non-JSON garbage to stdout, then exits 0
//   stdout, stderr, exitCode   prints them as given and exits with exitCode (default 0),
//                    e.g. { "stdout": "garbage", "exitCode": 0 } for garbage with success
//   failIds          revoke fails for these IDs as if they did not exist
//   createPrints     create prints this where the secret belongs ({secret} stands for it),
//                    e.g. "\u001b[32m{secret}\u001b[0m" (colours) or a URL instead
//   listedPrefix     create lists the new token with this token_prefix (not the secret's)
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const crypto = require('crypto');

const GLOBAL_FLAGS = new Set(['--config', '--profile', '--timeout', '--account', '--cluster']);
const GLOBAL_SWITCHES = new Set(['--debug', '--trace']);

function fail(message, code = 1) {
  process.stderr.write(`Error: ${message}\n`);
  process.exit(code);
}

function parseArgs(argv) {
  const globals = {};
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (GLOBAL_FLAGS.has(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined) fail(`flag needs an argument: ${name}`);
      globals[name.slice(2)] = value;
    } else if (GLOBAL_SWITCHES.has(arg)) {
      globals[arg.slice(2)] = true;
    } else {
      rest.push(arg);
    }
  }
  return { globals, rest };
}

function parseCommandFlags(args, known, switches) {
  const flags = {};
  const positional = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = (eq > 0 ? arg.slice(0, eq) : arg).slice(2);
    if (switches.includes(name)) flags[name] = true;
    else if (known.includes(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
      if (value === undefined) fail(`flag needs an argument: --${name}`);
      flags[name] = value;
    } else fail(`flag provided but not defined: -${name}`);
  }
  return { flags, positional };
}

function goDurationMs(text) {
  let total = 0;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
  let m;
  let matched = '';
  while ((m = re.exec(text))) {
    matched += m[0];
    total += Number(m[1]) * { ms: 1, s: 1000, m: 60000, h: 3600000 }[m[2]];
  }
  if (matched !== text) fail(`invalid value "${text}" for flag -timeout: parse error`);
  return total;
}

function defaultConfigPath() {
  if (process.platform === 'win32') return path.join(process.env.APPDATA || '', 'influxctl', 'config.toml');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', 'influxctl', 'config.toml');
  return path.join(process.env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config'), 'influxctl', 'config.toml');
}

const KNOWN_PROFILE_KEYS = new Set(['name', 'product', 'host', 'port', 'database', 'token', 'account_id', 'cluster_id', 'mgmt_token', 'tls', 'auth']);

function loadProfile(configPath, profileName) {
  let text;
  try {
    text = fs.readFileSync(configPath, 'utf8');
  } catch {
    fail(`failed to load configuration: open ${configPath}: no such file or directory`);
  }
  let data;
  try {
    data = require('@iarna/toml').parse(text);
  } catch (e) {
    fail(`failed to load configuration: ${String(e.message).split('\n')[0]}`);
  }
  const profiles = Array.isArray(data.profile) ? data.profile : [];
  for (const p of profiles) {
    for (const key of Object.keys(p)) {
      if (!KNOWN_PROFILE_KEYS.has(key)) fail(`failed to load configuration: unknown key "${key}" in profile`);
    }
  }
  const profile = profiles.find((p) => p.name === profileName);
  if (!profile) fail(`profile "${profileName}" not found in ${configPath}`);
  return profile;
}

function statePath(configPath) {
  return process.env.INFLUXCTL_SIM_STATE || path.join(path.dirname(configPath), 'influxctl-sim.json');
}

function readState(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return { version: '2.11.0', profiles: {} };
  }
}

function writeState(file, state) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(state, null, 2));
  fs.renameSync(tmp, file);
}

function versionAtLeast(version, major, minor) {
  const [a, b] = String(version).replace(/^v/, '').split('.').map(Number);
  return a > major || (a === major && b >= minor);
}

function formatTime(ts) {
  if (!ts) return '';
  return new Date(Number(ts.seconds) * 1000 + Math.floor((ts.nanos || 0) / 1e6)).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function table(rows) {
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  const border = `+-${'-'.repeat(w0)}-+-${'-'.repeat(w1)}-+`;
  return [border, ...rows.map(([k, v]) => `| ${k.padStart(w0)} | ${v.padEnd(w1)} |`), border].join('\n') + '\n';
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function nowTs() {
  const ms = Date.now();
  return { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 };
}

function newSecret() {
  // The listed token_prefix is the first 9 characters of the secret.
  const body = crypto.randomBytes(48).toString('base64').replace(/=+$/, '');
  return `M.V1.${body.slice(0, 4)}Qz7${body.slice(4)}`;
}

async function main() {
  const { globals, rest } = parseArgs(process.argv.slice(2));
  const configPath = globals.config || defaultConfigPath();
  const profileName = globals.profile || process.env.INFLUXCTL_PROFILE || 'default';
  const file = statePath(configPath);
  fs.appendFileSync(`${file}.calls.jsonl`, JSON.stringify({ argv: process.argv.slice(2), pid: process.pid, at: new Date().toISOString() }) + '\n');

  const [group, command, ...args] = rest;
  if (group === 'version' || group === '--version') {
    process.stdout.write(`influxctl ${readState(file).version || '2.11.0'}\n`);
    return;
  }
  if (group !== 'management' || !['list', 'create', 'revoke'].includes(command)) {
    fail(`unknown command "${rest.join(' ')}" for "influxctl"`);
  }

  const timeoutMs = globals.timeout ? goDurationMs(globals.timeout) : 60000;
  loadProfile(configPath, profileName);
  const state = readState(file);
  state.profiles = state.profiles || {};
  const cluster = (state.profiles[profileName] = state.profiles[profileName] || { tokens: [] });
  cluster.tokens = cluster.tokens || [];
  const fault = cluster.fault && (!cluster.fault.commands || cluster.fault.commands.includes(command)) ? cluster.fault : {};

  if (fault.login) {
    process.stderr.write(
      'warn\tno valid token found, starting device login\n' +
        'Please visit the following URL in your browser to log in:\n\n' +
        '    https://auth.influxdata.com/activate?user_code=WDJB-MJHT\n\n' +
        'and confirm the code: WDJB-MJHT\n',
    );
    await new Promise(() => setInterval(() => {}, 1 << 30));
  }
  if (fault.hang) await new Promise(() => setInterval(() => {}, 1 << 30));
  if (fault.delayMs) {
    if (fault.delayMs > timeoutMs) {
      await sleep(timeoutMs);
      fail('context deadline exceeded');
    }
    await sleep(fault.delayMs);
  }
  if (fault.killSelfAfterMs !== undefined) {
    const json = JSON.stringify(cluster.tokens.length ? cluster.tokens : [{ id: crypto.randomUUID(), description: 'partial' }], null, 2);
    process.stdout.write(json.slice(0, Math.ceil(json.length / 2)));
    setTimeout(() => process.kill(process.pid, 'SIGKILL'), Number(fault.killSelfAfterMs));
    await new Promise(() => setInterval(() => {}, 1 << 30));
  }
  if (fault.bigOutputMB !== undefined) {
    // 64 KB of printable garbage (no JSON), written with backpressure; a reader
    // that goes away (EPIPE) ends the process like influxctl's write error would.
    const random = crypto.randomBytes(48 * 1024).toString('base64');
    const chunk = Buffer.from(random.replace(/(.{79})/g, '$1\n').slice(0, 64 * 1024));
    process.stdout.on('error', () => process.exit(1));
    for (let left = Math.round(Number(fault.bigOutputMB) * 16); left > 0; left--) {
      if (!process.stdout.write(chunk)) await new Promise((resolve) => process.stdout.once('drain', resolve));
    }
    await new Promise((resolve) => process.stdout.write('', resolve));
    process.exit(0);
  }
  if (fault.stdout !== undefined || fault.stderr !== undefined || fault.exitCode !== undefined) {
    // Exit once both are written to the end: a large write to a pipe would be cut short by exiting at once.
    await new Promise((resolve) => process.stdout.write(fault.stdout || '', resolve));
    await new Promise((resolve) => process.stderr.write(fault.stderr || '', resolve));
    process.exit(fault.exitCode ?? 0);
  }

  if (command === 'list') {
    const { flags } = parseCommandFlags(args, ['format', 'sort'], []);
    const tokens = [...cluster.tokens].sort((a, b) => Number(a.created_at?.seconds ?? 0) - Number(b.created_at?.seconds ?? 0));
    if (flags.format === 'json') {
      process.stdout.write(JSON.stringify(tokens, null, 2) + '\n');
    } else {
      for (const t of tokens) {
        process.stdout.write(table([['id', t.id], ['description', t.description || ''], ['prefix', t.token_prefix], ['expires at', formatTime(t.expires_at) || '1970-01-01T00:00:00Z'], ['revoked at', formatTime(t.revoked_at)]]));
      }
    }
    return;
  }

  if (command === 'create') {
    const { flags, positional } = parseCommandFlags(args, ['description', 'expires-at', 'format'], []);
    if (positional.length) fail(`unexpected argument "${positional[0]}"`);
    if (versionAtLeast(state.version || '2.11.0', 2, 10) && !flags.description) {
      fail('description must be a non-empty string');
    }
    let expires;
    if (flags['expires-at'] !== undefined) {
      const ms = Date.parse(flags['expires-at']);
      if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(flags['expires-at']) || Number.isNaN(ms)) {
        fail(`parsing time "${flags['expires-at']}" as "2006-01-02T15:04:05Z07:00": cannot parse`);
      }
      if (ms <= Date.now()) fail('expiration time must be in the future');
      expires = { seconds: Math.floor(ms / 1000) };
    }
    const secret = newSecret();
    const token = {
      id: crypto.randomUUID(),
      account_id: cluster.accountId || '9e5b3b8a-2c1a-4f0e-8d5a-6a1b2c3d4e5f',
      // fault.listedPrefix: a list that disagrees with the printed secret.
      token_prefix: fault.listedPrefix ?? secret.slice(0, 9),
      created_at: nowTs(),
      description: flags.description || '',
      created_by: '2f0c8b55-1d6e-4b1b-9a4e-7c5d3e2f1a0b',
    };
    if (expires) token.expires_at = expires;
    cluster.tokens.push(token);
    cluster.issued = cluster.issued || {};
    cluster.issued[token.id] = secret;
    writeState(file, state);
    const warn = 'warn\tplease copy the token and store in a safe place\nwarn\tthis is the *only time* you will see the token\n';
    if (versionAtLeast(state.version || '2.11.0', 2, 11)) {
      process.stdout.write(table([['id', token.id], ['description', token.description], ['expires at', formatTime(token.expires_at)], ['revoked at', '']]));
    }
    (state.warnings === 'stderr' ? process.stderr : process.stdout).write(warn);
    // fault.createPrints: what stands where the secret belongs ({secret} is replaced by it).
    process.stdout.write(`${fault.createPrints !== undefined ? fault.createPrints.replace('{secret}', secret) : secret}\n`);
    return;
  }

  // revoke
  const { flags, positional } = parseCommandFlags(args, [], ['force']);
  if (positional.length === 0) fail('at least one token ID is required');
  if (!flags.force) {
    process.stdout.write(`Are you sure you want to revoke ${positional.length} management token(s)? (y/N): `);
    const answer = await new Promise((resolve) => {
      let input = '';
      process.stdin.on('data', (d) => (input += d));
      process.stdin.on('end', () => resolve(input));
      process.stdin.on('error', () => resolve(''));
    });
    if (!/^y/i.test(String(answer).trim())) fail('revoke cancelled');
  }
  const failIds = new Set(fault.failIds || []);
  const failed = [];
  for (const id of positional) {
    const token = cluster.tokens.find((t) => t.id === id);
    if (!token || failIds.has(id)) {
      failed.push(id);
      continue;
    }
    if (!token.revoked_at) token.revoked_at = nowTs();
    process.stdout.write(`revoked management token ${id}\n`);
  }
  writeState(file, state);
  if (failed.length) fail(`failed to revoke management token(s): ${failed.map((id) => `${id}: not found`).join(', ')}`);
}

main().catch((e) => fail(e && e.message ? e.message : String(e)));
