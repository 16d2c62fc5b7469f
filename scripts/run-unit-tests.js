#!/usr/bin/env node
// Runs the unit tests of src/core (no VS Code), bundled into dist/test/unit.
'use strict';
const fs = require('fs');
const path = require('path');
const Mocha = require('mocha');
const ROOT = path.resolve(__dirname, '..');

const started = Date.now();
const dir = path.join(ROOT, 'dist', 'test', 'unit');
const mocha = new Mocha({ timeout: 20000, reporter: process.env.UNIT_REPORTER || 'dot', color: false });
for (const file of fs.readdirSync(dir).sort()) if (file.endsWith('.test.js')) mocha.addFile(path.join(dir, file));
const runner = mocha.run((failures) => {
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`unit tier: ${runner.stats.passes} passed, ${runner.stats.failures} failed in ${seconds} s`);
  fs.mkdirSync(path.join(ROOT, '.test-runs'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, '.test-runs', 'unit-summary.json'), JSON.stringify({ passed: runner.stats.passes, failed: runner.stats.failures, seconds: Number(seconds) }));
  process.exit(failures ? 1 : 0);
});
