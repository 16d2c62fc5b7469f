#!/usr/bin/env node
// Runs the UI suite: packages the .vsix (a release build, with the switches that
// point Cloud Dedicated at the stand-in: cs.packageDemoVsix), then mocha drives
// Chromium through the code-server workbench (test/ui, bundled into dist/test/ui).
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const ROOT = path.resolve(__dirname, '..');

const started = Date.now();
// Screenshots of failures are of this run only.
fs.rmSync(path.join(ROOT, '.test-runs', 'ui-screenshots'), { recursive: true, force: true });
execFileSync('node', ['esbuild.js'], { cwd: ROOT, stdio: 'inherit' });
require('./lib/codeServer').packageDemoVsix();
const Mocha = require('mocha');
const mocha = new Mocha({ timeout: 60000, reporter: 'spec', color: false });
if (process.env.UI_TEST_GREP) mocha.grep(process.env.UI_TEST_GREP);
mocha.addFile(path.join(ROOT, 'dist', 'test', 'ui', 'index.js'));
const runner = mocha.run((failures) => {
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const stats = runner.stats;
  console.log(`UI tier: ${stats.passes} passed, ${stats.failures} failed in ${seconds} s`);
  fs.mkdirSync(path.join(ROOT, '.test-runs'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, '.test-runs', 'ui-summary.json'), JSON.stringify({ passed: stats.passes, failed: stats.failures, seconds: Number(seconds) }));
  process.exit(failures ? 1 : 0);
});
