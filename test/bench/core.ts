// Benchmarks of src/core without VS Code: config.toml parsing and editing,
// and finding tokens in files.
// Prints JSON; scripts/bench.js runs it and puts the figures in its table.
import parseTomlString from '@iarna/toml/parse-string';
import { findTokens, lintConfig, parseProfiles, scanToml, setProfileMgmtToken } from '../../src/core';
import { LONG_LINE_SHAPES } from '../fixtures/longLines';
import { PATHOLOGICAL_TOKEN_TEXTS, sourceTextWithTokens } from '../fixtures/tokenText';

const RUNS = Number(process.env.BENCH_RUNS || 15);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** A config.toml like InfluxData's template: comments, sub-tables, both products. */
function config(profiles: number): string {
  let t = '## influxctl - example configuration\n\n';
  for (let i = 0; i < profiles; i++) {
    t += i % 2
      ? `[[profile]]\n    ## Profile ${i}\n    name = "p${i}"\n    product = "clustered"\n    host = "cluster-${i}.example.com"\n    port = "443"\n    # database = ""\n\n    [profile.tls]\n        insecure = false\n\n    [profile.auth.oauth2]\n        client_id = "client-${i}"\n        scopes = [""]\n        parameters = { audience = "" }\n\n`
      : `[[profile]]\n    ## Profile ${i}\n    name = "p${i}"\n    product = "dedicated"\n    account_id = "0b8fbb2a-8f7b-4a1c-9d6e-2f1e4c3b5a69"\n    cluster_id = "5c3e8a1f-7d2b-4e6a-b9c0-1f2e3d4c5b6a"\n\n`;
  }
  return t;
}

function time(fn: () => unknown, runs: number): { ms: number; min: number; max: number } {
  for (let i = 0; i < 3; i++) fn();
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    xs.push(performance.now() - t);
  }
  return { ms: median(xs), min: Math.min(...xs), max: Math.max(...xs) };
}

const out: Record<string, unknown> = {};
for (const n of [10, 1000, 10000]) {
  const text = config(n);
  const target = `p${Math.floor(n / 2)}`;
  const runs = n === 10000 ? Math.min(RUNS, 5) : RUNS;
  out[n] = {
    bytes: text.length,
    // The floor: @iarna/toml itself, without the extension's checks.
    tomlParse: time(() => parseTomlString(text), runs),
    parseProfiles: time(() => parseProfiles(text), runs),
    setProfileMgmtToken: time(() => setProfileMgmtToken(text, target, 'M.V1.benchQz7NotARealToken0123456789abcdefXYZ'), runs),
  };
}

// Time per KB of scanning (and linting) files whose bulk sits on one long
// line, at 50 KB and 1.6 MB: test/unit/tomlScaling.test.ts counts the same
// work deterministically; these are its times.
const longLines: Record<string, unknown> = {};
for (const [shape, build] of Object.entries(LONG_LINE_SHAPES)) {
  const [small, large] = [build(50 * 1024), build(1600 * 1024)];
  const perKB = (fn: (t: string) => unknown, text: string, runs: number) => (time(() => fn(text), runs).ms * 1000) / (text.length / 1024);
  const scanSmall = perKB(scanToml, small, RUNS);
  const scanLarge = perKB(scanToml, large, Math.min(RUNS, 5));
  longLines[shape] = { scanUsPerKB: { small: scanSmall, large: scanLarge }, scanGrowth: scanLarge / scanSmall, lintLargeMs: time(() => lintConfig(large), Math.min(RUNS, 3)).ms };
}

// findTokens on ordinary source text with a few tokens in every form: 10 MB
// for its speed (the workspace scan), 1 MB for an open document's
// diagnostics, run on every change; and the slowest of the pathological
// shapes (test/unit/findTokensScaling.test.ts) at 1 MB.
const MB = 1024 * 1024;
function findTokensFigures(): Record<string, unknown> {
  const large = sourceTextWithTokens(10 * MB, 10);
  const found = findTokens(large.text).length;
  if (found !== large.tokens.length) throw new Error(`findTokens found ${found} of ${large.tokens.length} tokens`);
  const tenMB = time(() => findTokens(large.text), RUNS);
  const document = sourceTextWithTokens(MB, 1).text;
  const pathological = Object.entries(PATHOLOGICAL_TOKEN_TEXTS).map(([shape, build]) => {
    const text = build(MB);
    return { shape, ms: time(() => findTokens(text), Math.min(RUNS, 5)).ms };
  });
  const slowest = pathological.reduce((a, b) => (b.ms > a.ms ? b : a));
  return {
    bytes: large.text.length,
    tokens: large.tokens.length,
    tenMB,
    mbPerSecond: large.text.length / MB / (tenMB.ms / 1000),
    oneMB: time(() => findTokens(document), RUNS),
    pathological: { shapes: pathological.length, slowestShape: slowest.shape, slowestMs: slowest.ms },
  };
}
const tokens = findTokensFigures();
process.stdout.write(JSON.stringify({ config: out, longLines, findTokens: tokens }));
