#!/usr/bin/env node
// The demo tier of `npm test`: proves the README's `npm start` by running it as
// a newcomer would, waiting for the URL it prints, fetching that URL and
// checking the workbench page is served, then stopping it (Ctrl+C's signal)
// and checking that nothing it started is left running.
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const cs = require('./lib/codeServer');

const URL_TIMEOUT_MS = Number(process.env.DEMO_URL_TIMEOUT_SECONDS || 600) * 1000;
const STOP_TIMEOUT_MS = 20000;

/** Processes whose command line mentions `needle` (Linux /proc). */
function processesMentioning(needle) {
  const found = [];
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (cmdline.includes(needle) && Number(pid) !== process.pid) found.push(`${pid} ${cmdline.slice(0, 160)}`);
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

async function until(what, ms, check) {
  const deadline = Date.now() + ms;
  for (;;) {
    const result = await check();
    if (result) return result;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** What scripts/test-all.js reads, like the other tiers' summaries. */
function writeSummary(started, ok) {
  const dir = path.join(cs.ROOT, '.test-runs');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'demo-summary.json'), JSON.stringify({ passed: ok ? 1 : 0, failed: ok ? 0 : 1, seconds: Math.round((Date.now() - started) / 100) / 10 }));
}

async function main() {
  const started = Date.now();
  const port = await cs.freePort();
  // Own process group, so that stopping it reaches npm and the demo script alike.
  const demo = spawn('npm', ['start'], { cwd: cs.ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PORT: String(port) } });
  let output = '';
  demo.stdout.on('data', (d) => (output += d));
  demo.stderr.on('data', (d) => (output += d));
  let exited = null;
  demo.on('exit', (code, signal) => (exited = { code, signal }));

  const stopDemo = () => {
    try {
      process.kill(-demo.pid, 'SIGINT');
    } catch {
      // already gone
    }
  };
  try {
    const url = await until('npm start to print its URL', URL_TIMEOUT_MS, () => {
      if (exited) throw new Error(`npm start exited (${JSON.stringify(exited)}) before printing a URL:\n${output}`);
      return output.match(/^\s+(http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+)$/m)?.[1];
    });
    const toUrl = Date.now() - started;
    const runDir = output.match(/Demo config\.toml: (.*)\/influxctl\/config\.toml/)?.[1];
    if (!runDir) throw new Error(`npm start did not name its demo folder:\n${output}`);
    const res = await fetch(url);
    const html = await res.text();
    if (res.status !== 200 || !/<html/i.test(html) || !html.includes('workbench')) {
      throw new Error(`${url} answered ${res.status} without the workbench page:\n${html.slice(0, 500)}`);
    }
    console.log(`npm start printed its URL after ${(toUrl / 1000).toFixed(1)} s; ${url} serves the workbench (${html.length} bytes)`);

    stopDemo();
    await until('npm start to exit', STOP_TIMEOUT_MS, () => exited);
    const left = await until('everything npm start started to stop', STOP_TIMEOUT_MS, () => (processesMentioning(runDir).length === 0 ? [] : null)).catch(() => processesMentioning(runDir));
    if (left.length) throw new Error(`processes left behind by npm start:\n${left.join('\n')}`);
    await until(`port ${port} to be free`, STOP_TIMEOUT_MS, () => fetch(`http://127.0.0.1:${port}/healthz`).then(() => false, () => true));
    console.log(`npm start stopped cleanly: no process of ${runDir} left, port ${port} free`);
    console.log('demo check: OK');
    writeSummary(started, true);
  } catch (err) {
    stopDemo();
    console.error(String(err && err.stack ? err.stack : err));
    console.log('demo check: FAILED');
    writeSummary(started, false);
    process.exitCode = 1;
  }
}

main();
