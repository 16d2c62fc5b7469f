#!/usr/bin/env node
// Runs the in-extension-host mocha suite (dist/test/suite) inside a real VS Code:
// code-server's extension host, opened by headless Chromium through the
// smoke-test driver, which loads the development extension and the tests.
'use strict';
const fs = require('fs');
const path = require('path');
const util = require('util');
const cs = require('./lib/codeServer');

async function main() {
  const started = Date.now();
  const vscode = cs.ensureVscode();
  const runDir = cs.makeRunDir('host');
  const resultFile = path.join(runDir, 'results.json');
  // The web workbench saves edited files after a second by default (files.autoSave is
  // afterDelay there): tests of an editor with unsaved changes need it off.
  cs.writeUserSettings(runDir, { 'files.autoSave': 'off' });
  const server = await cs.startCodeServer(vscode, runDir, {
    smoke: true,
    env: { HOST_TEST_RESULT: resultFile, INFLUXDB_TOKENS_TEST: '1', HOST_TEST_GREP: process.env.HOST_TEST_GREP ?? '' },
  });
  const host = new URL(server.url).host;
  const payload = [
    ['extensionDevelopmentPath', cs.remoteUri(host, cs.ROOT)],
    ['extensionTestsPath', cs.remoteUri(host, path.join(cs.ROOT, 'dist', 'test', 'suite', 'index.js'))],
  ];
  const url = `${server.url}/?folder=${encodeURIComponent(cs.remoteUri(host, path.join(runDir, 'workspace')))}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

  let browser;
  let exitCode;
  try {
    browser = await cs.launchChromium(runDir);
    const page = browser.pages()[0] ?? (await browser.newPage());
    const done = new Promise((resolve) => page.exposeFunction('codeAutomationExit', (code) => resolve(code)));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const line = Array.isArray(args) ? util.format(...args) : String(args);
      if (!/^\[(Extension Host|renderer)\]/.test(line) || process.env.HOST_TEST_VERBOSE) process.stdout.write(`${line}\n`);
    });
    await page.goto(url);
    const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), 15 * 60 * 1000));
    exitCode = await Promise.race([done, timeout]);
  } finally {
    await browser?.close().catch(() => {});
    server.stop();
  }

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (!fs.existsSync(resultFile)) {
    console.error(`in-host tests: no result (exit ${exitCode}); see ${runDir}/code-server.log`);
    process.exit(1);
  }
  const { passed, failed } = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
  for (const f of failed) console.error(`\nFAILED: ${f.title}\n${f.error}`);
  console.log(`in-host tier: ${passed.length} passed, ${failed.length} failed in ${seconds} s`);
  fs.writeFileSync(path.join(cs.ROOT, '.test-runs', 'host-summary.json'), JSON.stringify({ passed: passed.length, failed: failed.length, seconds: Number(seconds) }));
  process.exit(failed.length > 0 || exitCode !== 0 ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
