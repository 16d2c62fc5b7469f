#!/usr/bin/env node
// npm test: build, typecheck, lint, then every tier, one after the other (2 cores: never two suites at once).
//   unit     src/core, plain Node
//   in-host  mocha inside code-server's extension host (real vscode API)
//   UI       the packaged .vsix in code-server, driven by Chromium
//   demo     `npm start` started, its page fetched, stopped (scripts/check-demo.js)
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const ROOT = path.resolve(__dirname, '..');

const tiers = [
  { name: 'unit', script: 'run-unit-tests.js', summary: 'unit-summary.json' },
  { name: 'in-host', script: 'run-host-tests.js', summary: 'host-summary.json' },
  { name: 'UI', script: 'run-ui-tests.js', summary: 'ui-summary.json' },
  { name: 'demo', script: 'check-demo.js', summary: 'demo-summary.json' },
];

const started = Date.now();
const build = spawnSync('node', ['esbuild.js'], { cwd: ROOT, stdio: 'inherit' });
if (build.status !== 0) process.exit(1);
const typecheck = spawnSync('npx', ['tsc', '-p', '.', '--noEmit'], { cwd: ROOT, stdio: 'inherit' });
const lint = spawnSync('npx', ['eslint', '--max-warnings', '0', '.'], { cwd: ROOT, stdio: 'inherit' });
const lines = [`typecheck: ${typecheck.status === 0 ? 'clean' : 'FAILED'}`, `lint: ${lint.status === 0 ? 'clean' : 'FAILED'}`];
let passed = 0;
let failed = (typecheck.status === 0 ? 0 : 1) + (lint.status === 0 ? 0 : 1);
for (const tier of tiers) {
  const summaryFile = path.join(ROOT, '.test-runs', tier.summary);
  fs.rmSync(summaryFile, { force: true });
  const run = spawnSync('node', [path.join('scripts', tier.script)], { cwd: ROOT, stdio: 'inherit' });
  if (fs.existsSync(summaryFile)) {
    const s = JSON.parse(fs.readFileSync(summaryFile, 'utf8'));
    passed += s.passed;
    failed += s.failed;
    lines.push(`${tier.name} tier: ${s.passed} passed, ${s.failed} failed in ${s.seconds} s`);
    if (run.status !== 0 && s.failed === 0) {
      failed += 1;
      lines.push(`${tier.name} tier: exited with ${run.status}`);
    }
  } else {
    failed += 1;
    lines.push(`${tier.name} tier: did not run to the end (exit ${run.status})`);
  }
}
console.log(`\n${lines.join('\n')}\ntotal time ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
