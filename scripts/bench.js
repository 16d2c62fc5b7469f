#!/usr/bin/env node
// npm run bench: measures what the extension costs, side by side in one run,
// and prints a table (median and min–max over repeated runs); JSON goes to
// .test-runs/bench.json, and is copied to bench/results.json, from which
// README.md's table is rewritten (scripts/lib/benchTable.js). Budgets are in
// the table; timings are figures, not tests.
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const util = require('util');
const cs = require('./lib/codeServer');
const fixtures = require('./lib/fixtures');
const { RESULTS, benchRows, writeReadmeTable } = require('./lib/benchTable');

const ROOT = cs.ROOT;
const RUNS = Number(process.env.BENCH_RUNS || 15);

async function hostBenchmarks(vscode) {
  const runDir = cs.makeRunDir('bench-host');
  const resultFile = path.join(runDir, 'bench.json');
  cs.writeUserSettings(runDir, {});
  const server = await cs.startCodeServer(vscode, runDir, { smoke: true, env: { BENCH_RESULT: resultFile, BENCH_RUNS: String(RUNS), INFLUXDB_TOKENS_TEST: '1' } });
  const host = new URL(server.url).host;
  const payload = [
    ['extensionDevelopmentPath', cs.remoteUri(host, ROOT)],
    ['extensionTestsPath', cs.remoteUri(host, path.join(ROOT, 'dist', 'test', 'bench', 'index.js'))],
  ];
  const url = `${server.url}/?folder=${encodeURIComponent(cs.remoteUri(host, path.join(runDir, 'workspace')))}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const browser = await cs.launchChromium(runDir);
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    const done = new Promise((resolve) => page.exposeFunction('codeAutomationExit', resolve));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const line = Array.isArray(args) ? util.format(...args) : String(args);
      if (/Error|error/.test(line) && !/^\[/.test(line)) console.error(line);
    });
    await page.goto(url);
    // The result file is what counts: the host does not always report its exit.
    // Whichever comes first, the polling and the ten-minute timer end with it,
    // so that nothing keeps this process alive once the bench is done.
    let waiting = true;
    let timer;
    const written = (async () => {
      while (waiting && !fs.existsSync(resultFile)) await new Promise((r) => setTimeout(r, 500));
    })();
    const timedOut = new Promise((r) => {
      timer = setTimeout(r, 10 * 60 * 1000);
    });
    try {
      await Promise.race([done, written, timedOut]);
    } finally {
      waiting = false;
      clearTimeout(timer);
    }
  } finally {
    await browser.close().catch(() => {});
    server.stop();
  }
  if (!fs.existsSync(resultFile)) throw new Error(`host benchmarks wrote no result; see ${runDir}/code-server.log`);
  return JSON.parse(fs.readFileSync(resultFile, 'utf8'));
}

/** activate() of the packaged (minified) extension, over several window reloads. */
async function activation(vscode) {
  const runDir = cs.makeRunDir('bench-activation');
  cs.installVsix(vscode, runDir, path.join(ROOT, 'dist', 'influxdb-mgmt-tokens.vsix'));
  const { configPath } = fixtures.writeDemo(path.join(runDir, 'influxctl'));
  cs.writeUserSettings(runDir, { 'influxdbTokens.configPath': configPath, 'influxdbTokens.influxctlPath': fixtures.SIMULATOR });
  const server = await cs.startCodeServer(vscode, runDir, {});
  const browser = await cs.launchChromium(runDir);
  const times = [];
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(`${server.url}/?folder=${encodeURIComponent(path.join(runDir, 'workspace'))}`);
    const logsDir = path.join(runDir, 'user-data', 'logs');
    const readAll = () => {
      const found = [];
      const walk = (d) => fs.existsSync(d) && fs.readdirSync(d, { withFileTypes: true }).forEach((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : e.name === 'InfluxDB Tokens.log' && found.push(path.join(d, e.name))));
      walk(logsDir);
      return found.flatMap((f) => [...fs.readFileSync(f, 'utf8').matchAll(/activated in ([\d.]+) ms, CPU ([\d.]+) ms/g)].map((m) => ({ wall: Number(m[1]), cpu: Number(m[2]) })));
    };
    for (let i = 0; i < Math.min(RUNS, 8); i++) {
      if (i > 0) await page.reload();
      await page.locator('.activitybar a.action-label[aria-label="InfluxDB Tokens"]').click({ timeout: 60000 });
      const deadline = Date.now() + 30000;
      while (readAll().length <= i && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    }
    times.push(...readAll());
  } finally {
    await browser.close().catch(() => {});
    server.stop();
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const wall = times.map((t) => t.wall);
  const cpu = times.map((t) => t.cpu);
  return {
    activateMs: median(wall),
    min: Math.min(...wall),
    max: Math.max(...wall),
    cpuMs: median(cpu),
    cpuMin: Math.min(...cpu),
    cpuMax: Math.max(...cpu),
    runs: times.length,
  };
}

/** Bytes in dist/extension.js by origin: our src, or each package. */
function bundleInputs(meta) {
  const out = {};
  for (const [file, v] of Object.entries(meta.outputs['dist/extension.js'].inputs)) {
    const key = file.startsWith('src/') ? 'src' : file.replace(/^node_modules\/((?:@[^/]+\/)?[^/]+)\/.*$/, '$1');
    out[key] = (out[key] ?? 0) + v.bytesInOutput;
  }
  return out;
}

/**
 * secretlint (npm) with its recommended rules, the scanner the issue compares
 * against: installed once into the user's cache (not a dependency of the
 * project). Undefined, and the row says so, when npm cannot install it.
 */
function installSecretlint() {
  const dir = path.join(process.env.XDG_CACHE_HOME || path.join(require('os').homedir(), '.cache'), 'influxdb-mgmt-tokens', 'secretlint');
  const bin = path.join(dir, 'node_modules', 'secretlint', 'bin', 'secretlint.js');
  if (fs.existsSync(bin)) return bin;
  try {
    fs.mkdirSync(dir, { recursive: true });
    execFileSync('npm', ['install', '--prefix', dir, '--no-save', '--no-audit', '--no-fund', 'secretlint@13', '@secretlint/secretlint-rule-preset-recommend@13'], { stdio: ['ignore', 'ignore', 'inherit'] });
    return fs.existsSync(bin) ? bin : undefined;
  } catch (err) {
    console.error(`secretlint could not be installed: ${err.message}`);
    return undefined;
  }
}

async function main() {
  const vscode = cs.ensureVscode();
  execFileSync('node', ['esbuild.js'], { cwd: ROOT, stdio: 'inherit' });
  console.error('config.toml benchmarks…');
  const core = JSON.parse(execFileSync('node', [path.join(ROOT, 'dist', 'test', 'bench', 'core.js')], { encoding: 'utf8', env: { ...process.env, BENCH_RUNS: String(RUNS) } }));
  console.error('workspace scan for tokens…');
  // VS Code's own ripgrep, where the extension finds it in code-server (lib/vscode is its application root).
  const appRoot = path.resolve(path.dirname(vscode.entry), '..', '..', 'lib', 'vscode');
  const rg = ['node_modules/@vscode/ripgrep/bin/rg', `node_modules/@vscode/ripgrep-universal/bin/${process.platform}-${process.arch}/rg`].map((p) => path.join(appRoot, p)).find((p) => fs.existsSync(p));
  const secretlint = installSecretlint();
  const scan = rg ? JSON.parse(execFileSync('node', ['--expose-gc', path.join(ROOT, 'dist', 'test', 'bench', 'workspaceScan.js')], { encoding: 'utf8', env: { ...process.env, BENCH_RG: rg, ...(secretlint && { BENCH_SECRETLINT: secretlint }) } })) : {};
  console.error('extension-host benchmarks (CLI overhead, concurrency, scale, memory)…');
  const host = await hostBenchmarks(vscode);
  console.error('activation of the packaged extension…');
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  // Sizes of what the .vsix ships, read right after packaging.
  const sizes = Object.fromEntries(['extension', 'http', 'toml'].map((n) => [n, fs.statSync(path.join(ROOT, 'dist', `${n}.js`)).size]));
  const meta = JSON.parse(fs.readFileSync(path.join(ROOT, 'dist', 'extension.meta.json'), 'utf8'));
  const act = { ...(await activation(vscode)), bundleBytes: sizes.extension, httpBytes: sizes.http, tomlBytes: sizes.toml, bundleInputs: bundleInputs(meta) };

  const result = { date: new Date().toISOString(), runs: RUNS, activation: act, ...host, ...core, ...scan };
  const rows = benchRows(result);
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  console.log(`\n${'measure'.padEnd(w0)}  ${'figure'.padEnd(w1)}  budget`);
  for (const [a, b, c, ok] of rows) console.log(`${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}${ok === null ? '' : ok ? '  ok' : '  OVER'}`);
  const json = JSON.stringify(result, null, 2);
  fs.mkdirSync(path.join(ROOT, '.test-runs'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, '.test-runs', 'bench.json'), json);
  fs.mkdirSync(path.dirname(path.join(ROOT, RESULTS)), { recursive: true });
  fs.writeFileSync(path.join(ROOT, RESULTS), json);
  writeReadmeTable(ROOT);
  console.log(`\nJSON: .test-runs/bench.json, copied to ${RESULTS}; README.md's table rewritten from it`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
