// The performance table, made from the figures `npm run bench` writes: printed
// by scripts/bench.js, and written into README.md between the bench markers
// from bench/results.json (the run's figures, committed), so that the table
// is never edited by hand; test/unit/benchTable.test.ts checks it is not.
//   node scripts/lib/benchTable.js   rewrites README.md's table from bench/results.json
'use strict';
const fs = require('fs');
const path = require('path');

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';
const RESULTS = path.join('bench', 'results.json');

function ms(x) {
  return `${x.toFixed(x < 10 ? 2 : 1)} ms`;
}

function spreadMs(x) {
  return `${ms(x.min)}–${ms(x.max)}`;
}

const MB = 1024 * 1024;

function count(n) {
  return Number(n).toLocaleString('en');
}

/** `a / b / c` of `pick` over the entries of `bySize`, in their order. */
function over(bySize, pick) {
  return Object.values(bySize).map(pick).join(' / ');
}

/**
 * The table's rows: [measure, figure, budget, met (true, false, or null when
 * there is no budget)]. `r` is the JSON of one bench run.
 */
function benchRows(r) {
  const a = r.activation;
  const cli = r.cliOverhead;
  const db = r.databaseTokens;
  const ft = r.findTokens;
  const sizes = (bySize) => Object.keys(bySize).map(count).join(' / ');
  const perToken = (bySize) => {
    const us = Object.values(bySize).map((x) => x.perTokenUs);
    return `${Math.min(...us).toFixed(1)}–${Math.max(...us).toFixed(1)} µs per token`;
  };
  const shapes = Object.values(r.longLines);
  const range = (xs, digits) => `${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}`;
  return [
    a.cpuMs === undefined
      ? ['`activate()` of the packaged extension in code-server', `${ms(a.activateMs)} (${ms(a.min)}–${ms(a.max)} over ${a.runs} reloads)`, '≤ 15 ms', a.activateMs <= 15]
      : ['`activate()` of the packaged extension in code-server: CPU time, and wall time (which on 2 busy cores also counts what else ran)', `CPU ${ms(a.cpuMs)} (${ms(a.cpuMin)}–${ms(a.cpuMax)} over ${a.runs} reloads); wall ${ms(a.activateMs)} (${ms(a.min)}–${ms(a.max)})`, 'CPU ≤ 15 ms', a.cpuMs <= 15],
    ['code loaded at activation (`dist/extension.js`)', `${(a.bundleBytes / 1024).toFixed(1)} KB; on first use the TOML parser (${(a.tomlBytes / 1024).toFixed(0)} KB) and the HTTP client (${(a.httpBytes / 1024).toFixed(0)} KB, undici)`, '≤ 100 KB', a.bundleBytes <= 100 * 1024],
    [`refresh → rows, ${cli.tokens} management tokens, against the simulated influxctl run directly`, `${ms(cli.extensionMs)} vs ${ms(cli.directMs)}: ratio ${cli.ratio.toFixed(3)}`, '≤ 1.05', cli.ratio <= 1.05],
    ['8 profiles whose list takes 300 ms, listed at once, against 1', `${ms(r.concurrency.eightMs)} vs ${ms(r.concurrency.oneMs)}: ratio ${r.concurrency.ratio.toFixed(2)}`, '≤ 1.3', r.concurrency.ratio <= 1.3],
    [`parse + tree items for ${sizes(r.scale)} management tokens`, `${over(r.scale, (x) => ms(x.ms))} (${perToken(r.scale)})`, '10,000 ≤ 50 ms', r.scale['10000'].ms <= 50],
    [`\`parseProfiles\` for ${sizes(r.config)} profiles`, `${over(r.config, (x) => ms(x.parseProfiles.ms))} (@iarna/toml alone: ${over(r.config, (x) => ms(x.tomlParse.ms))})`, '1,000 ≤ 10 ms', r.config['1000'].parseProfiles.ms <= 10],
    [`\`setProfileMgmtToken\` for ${sizes(r.config)} profiles`, `${over(r.config, (x) => ms(x.setProfileMgmtToken.ms))} (1,000: ${spreadMs(r.config['1000'].setProfileMgmtToken)})`, '1,000 ≤ 10 ms', r.config['1000'].setProfileMgmtToken.ms <= 10],
    [`\`scanToml\` of ${shapes.length} files whose bulk sits on one long line or string, 50 KB and 1.6 MB`, `${range(shapes.map((x) => x.scanUsPerKB.small), 1)} µs per KB at 50 KB, ${range(shapes.map((x) => x.scanUsPerKB.large), 1)} at 1.6 MB (growth ${range(shapes.map((x) => x.scanGrowth), 2)}); \`lintConfig\` of them at 1.6 MB: ${range(shapes.map((x) => x.lintLargeMs), 0)} ms`, 'linear', null],
    ['heap after listing 100,000 management tokens, then 20 refreshes', `${r.memory.afterFirstMB.toFixed(1)} MB after the first, ${r.memory.afterLastMB.toFixed(1)} MB after the last`, 'flat', Math.abs(r.memory.growthAfterFirstMB) < 5],
    [`database tokens: expand → rows for ${db.felt.tokens} tokens, against a bare undici GET of the same list, from a stand-in that answers after ${db.felt.delayMs} ms`, `${ms(db.felt.extensionMs)} vs ${ms(db.felt.bareMs)}: ratio ${db.felt.ratio.toFixed(3)}`, '≤ 1.05', db.felt.ratio <= 1.05],
    ['the same, from a stand-in that answers at once (in process)', `${ms(db.overhead.extensionMs)} vs ${ms(db.overhead.bareMs)}: ratio ${db.overhead.ratio.toFixed(2)}`, '', null],
    [`the floor of that: the answer parsed and checked, ${db.overhead.tokens} tree items made`, `${ms(db.overhead.floorMs)}: ratio ${db.overhead.floorRatio.toFixed(2)} with nothing else`, '', null],
    ['database tokens: 8 profiles whose list takes 300 ms, expanded at once, against 1', `${ms(db.concurrent.eightMs)} vs ${ms(db.concurrent.oneMs)}: ratio ${db.concurrent.ratio.toFixed(2)}`, '≤ 1.3', db.concurrent.ratio <= 1.3],
    [`database tokens: parse + tree items for ${sizes(db.scale)}`, `${over(db.scale, (x) => ms(x.ms))} (${perToken(db.scale)})`, '10,000 ≤ 50 ms', db.scale['10000'].ms <= 50],
    ['heap after 20 refreshes of 10,000 database tokens', `${db.memory.afterFirstMB.toFixed(1)} MB after the first, ${db.memory.afterLastMB.toFixed(1)} MB after the last`, 'flat', Math.abs(db.memory.growthAfterFirstMB) < 5],
    [`\`findTokens\` on ${(ft.bytes / MB).toFixed(0)} MB of ordinary source text with ${ft.tokens} tokens in every form`, `${ft.mbPerSecond.toFixed(0)} MB/s (${ms(ft.tenMB.ms)}, ${spreadMs(ft.tenMB)})`, '≥ 100 MB/s', ft.mbPerSecond >= 100],
    [`\`findTokens\` of a 1 MB open document (diagnostics, on every change)`, `${ms(ft.oneMB.ms)} (${spreadMs(ft.oneMB)}); the slowest of ${ft.pathological.shapes} pathological 1 MB texts (${ft.pathological.slowestShape}): ${ms(ft.pathological.slowestMs)}`, '≤ 10 ms', ft.oneMB.ms <= 10],
    ...workspaceScanRows(r.workspaceScan),
  ];
}

/** The workspace scan's rows, once a run measured it. */
function workspaceScanRows(w) {
  if (!w) return [];
  const tree = `${count(w.files)} files, ${w.megabytes.toFixed(0)} MB, ${w.tokens} tokens in every form`;
  const scan = w.ripgrepAndFindTokens;
  const node = w.nodeScanner;
  return [
    [`workspace scan of ${tree}: VS Code's ripgrep lists candidates (${w.candidateFiles} files), findTokens confirms; against ripgrep alone searching the plain prefixes`, `${ms(scan.ms)} vs ${ms(w.plainRipgrep.ms)}: ratio ${scan.ratio.toFixed(2)}`, '≤ 2', scan.ratio <= 2],
    ['the same scan: tokens found, false positives, heap growth', `${scan.found} of ${w.tokens}, ${scan.falsePositives}, ${w.heapGrowthMB.toFixed(1)} MB`, `all, 0, ≤ 50 MB`, scan.found === w.tokens && scan.falsePositives === 0 && w.heapGrowthMB <= 50],
    ['the other option, a Node scanner reading every file (the fallback without ripgrep)', `${ms(node.ms)}: ratio ${node.ratio.toFixed(2)}, ${node.found} found, ${node.falsePositives} false positives`, '', null],
    ...(w.secretlint
      ? [[
          'secretlint (npm, recommended rules) on the same tree, once',
          w.secretlint.finished ? `${ms(w.secretlint.ms)}: ${(w.secretlint.ms / scan.ms).toFixed(0)} times the scan` : `stopped unfinished after ${ms(w.secretlint.ms)}: more than ${(w.secretlint.ms / scan.ms).toFixed(0)} times the scan`,
          'slower than the scan',
          w.secretlint.ms > scan.ms,
        ]]
      : []),
  ];
}

function met(ok) {
  return ok === null ? '' : ok ? 'yes' : '**no**';
}

/** The Markdown between the markers: when the figures are from, and the table. */
function benchTable(r) {
  const lines = [
    `Figures of the run of ${r.date.slice(0, 10)} on this machine (2 cores): medians of ${r.runs} rounds, min–max in brackets.`,
    '',
    '| measure | figure | budget | met |',
    '| --- | --- | --- | --- |',
    ...benchRows(r).map(([measure, figure, budget, ok]) => `| ${measure} | ${figure} | ${budget} | ${met(ok)} |`),
  ];
  return lines.join('\n');
}

/** `readme` with the text between the bench markers replaced by the table of `r`. */
function withBenchTable(readme, r) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start === -1 || end < start) throw new Error(`README.md has no ${START} … ${END} markers`);
  return `${readme.slice(0, start + START.length)}\n${benchTable(r)}\n${readme.slice(end)}`;
}

/** Rewrites `root`/README.md's table from `root`/bench/results.json. */
function writeReadmeTable(root) {
  const readmePath = path.join(root, 'README.md');
  const results = JSON.parse(fs.readFileSync(path.join(root, RESULTS), 'utf8'));
  fs.writeFileSync(readmePath, withBenchTable(fs.readFileSync(readmePath, 'utf8'), results));
}

if (require.main === module) writeReadmeTable(path.resolve(__dirname, '..', '..'));

module.exports = { RESULTS, benchRows, withBenchTable, writeReadmeTable };
