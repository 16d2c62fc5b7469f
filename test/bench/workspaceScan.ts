// The workspace scan for tokens, without VS Code: a generated tree of 10,000
// files (100 MB) holding 50 tokens in every form, scanned as the extension
// scans it, (a) ripgrep listing candidates that findTokens confirms, and (b) a
// Node scanner reading every file; against ripgrep alone searching the plain
// prefixes. Prints JSON; scripts/bench.js runs it with BENCH_RG set to VS
// Code's bundled ripgrep.
//   node --expose-gc dist/test/bench/workspaceScan.js
import { execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { containsCandidate, findTokens, looksBinary, ripgrepArgs, splitNulSeparated, tokenCandidatePatterns, tokenCandidateStrings } from '../../src/core';

const FILES = 10000;
const TOTAL_BYTES = 100 * 1024 * 1024;
const RUNS = Math.min(Number(process.env.BENCH_RUNS || 5), 5);
const PAIRS = Math.min(Number(process.env.BENCH_RUNS || 9), 9);
const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** A small deterministic generator: the same tree every run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const rand = random(21);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const randomText = (n: number, alphabet = BASE64URL): string => Array.from({ length: n }, () => pick([...alphabet])).join('');

const databaseToken = (): string => `apiv1_${randomText(64)}`;
const managementToken = (): string => `M.V1.${randomText(20)}/${randomText(20)}+${randomText(12)}==`;

// Ordinary source text, and random base64 blobs.
const LINES = [
  'import { createClient } from "./client";',
  'export function handler(event, context) {',
  '  const result = await fetch(`${baseUrl}/api/v0/accounts/${accountId}/clusters`, { headers });',
  '  if (!result.ok) throw new Error(`request failed: ${result.status}`);',
  '  return result.json();',
  '}',
  'for (let i = 0; i < items.length; i++) total += items[i].weight * factor;',
  'SELECT time, host, usage_user FROM cpu WHERE time > now() - 1h ORDER BY time DESC',
  '    <div class="row"><span>{{ measurement }}</span></div>',
  'apiVersion: apps/v1',
  'kind: Deployment',
  'id: 3f2b8c1e-5d4a-4b6c-9e7f-0a1b2c3d4e5f',
  'Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
];
/** What must not count as a token, as documentation and code about tokens hold it: in 2% of the files (DECOY_SHARE). */
const DECOYS = [
  '# The token looks like apiv1_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'def get_apiv1_tokens(client): return client.list("apiv1_")',
  'token_prefix = "M.V1.+5Jk"  # as influxctl lists it',
  'MANAGEMENT_TOKEN="M.V1.YOUR_MANAGEMENT_TOKEN"',
  'INFLUX_TOKEN=apiv1_0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ01',
].join('\n');
const DECOY_SHARE = Number(process.env.BENCH_DECOY_SHARE ?? 0.02);

interface Expected {
  file: string;
  secret: string;
}

/** Writes the tree; the tokens it holds, by file. */
function generate(dir: string): { expected: Expected[]; bytes: number } {
  const expected: Expected[] = [];
  const place = (file: string, secret: string, text: string): string => {
    expected.push({ file, secret });
    return text;
  };
  const blob = (): string => `blob: ${Buffer.from(randomText(600, BASE64URL)).toString('base64')}\n`;
  let bytes = 0;
  const perFile = TOTAL_BYTES / FILES;
  for (let i = 0; i < FILES; i++) {
    const rel = path.join(`pkg${i % 100}`, `mod${Math.floor(i / 100) % 10}`, `file${i}.${pick(['ts', 'py', 'yaml', 'md', 'json'])}`);
    let text = rand() < DECOY_SHARE ? `${DECOYS}\n` : '';
    while (text.length < perFile) text += rand() < 0.02 ? blob() : `${pick(LINES)}\n`;
    // 50 tokens, 10 of each form, in every 200th file.
    if (i % 200 === 7) {
      const n = expected.length;
      const form = n % 5;
      const db = databaseToken();
      const mgmt = managementToken();
      if (form === 0) text += place(rel, db, `INFLUX_TOKEN=${db}\n`);
      else if (form === 1) text += place(rel, mgmt, `mgmt_token = "${mgmt}"\n`);
      else if (form === 2) text += place(rel, mgmt, `${JSON.stringify({ source: [`token = "${mgmt}"`] }).replace(/\//g, '\\/')}\n`);
      else if (form === 3) text += place(rel, mgmt, `url = "https://example.com/write?token=${encodeURIComponent(mgmt)}"\n`);
      else if (n % 2) text += place(rel, db, `data:\n  token: ${Buffer.from(db).toString('base64')}\n`);
      // A whole .env in a Secret: the token inside a longer encoded text.
      else text += place(rel, mgmt, `data:\n  .env: ${Buffer.from(`DEBUG=1\nMANAGEMENT_TOKEN=${mgmt}\n`).toString('base64')}\n`);
    }
    fs.mkdirSync(path.join(dir, path.dirname(rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
    bytes += text.length;
  }
  return { expected, bytes };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; min: number; max: number; result: T }> {
  let result = await fn();
  const xs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    result = await fn();
    xs.push(performance.now() - t);
  }
  return { ms: median(xs), min: Math.min(...xs), max: Math.max(...xs), result };
}

function ripgrep(rg: string, args: string[], cwd: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(rg, args, { cwd, shell: false, stdio: ['ignore', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', reject);
    child.on('close', () => resolve(splitNulSeparated(Buffer.concat(chunks).toString('utf8'))));
  });
}

const candidates = tokenCandidateStrings();

/** What the extension does with a listed file (src/foundTokens/workspaceScan.ts, with fs for workspace.fs). */
async function readFile(file: string): Promise<{ file: string; secret: string }[]> {
  const stat = await fs.promises.stat(file);
  if (stat.size > MAX_FILE_BYTES) return [];
  const bytes = await fs.promises.readFile(file);
  if (!containsCandidate(bytes, candidates) || looksBinary(bytes)) return [];
  return findTokens(new TextDecoder().decode(bytes)).map((t) => ({ file, secret: t.secret }));
}

/** Reads files eight at a time, as the extension does. */
async function readAll(files: string[]): Promise<{ file: string; secret: string }[]> {
  const found: { file: string; secret: string }[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < files.length) found.push(...(await readFile(files[next++])));
    }),
  );
  return found;
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

// secretlint reads and lints every file in JavaScript; past this it is stopped and reported as slower than that.
const SECRETLINT_LIMIT_MS = Number(process.env.BENCH_SECRETLINT_LIMIT_MS ?? 300000);

/** secretlint with its recommended rules over the same tree, once: its time, or that it was stopped at the limit. */
function runSecretlint(bin: string, dir: string): Promise<{ ms: number; finished: boolean }> {
  const rc = path.join(os.tmpdir(), `secretlintrc-${process.pid}.json`);
  fs.writeFileSync(rc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, '--secretlintrc', rc, '--format', 'json', '**/*'], { cwd: dir, shell: false, stdio: 'ignore', env: { ...process.env, NODE_PATH: path.join(path.dirname(bin), '..', '..') } });
    const timer = setTimeout(() => child.kill('SIGKILL'), SECRETLINT_LIMIT_MS);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      fs.rmSync(rc, { force: true });
      resolve({ ms: performance.now() - started, finished: signal === null });
    });
  });
}

async function main(): Promise<void> {
  const rg = process.env.BENCH_RG;
  if (!rg || !fs.existsSync(rg)) throw new Error('BENCH_RG must name a ripgrep binary (VS Code\'s bundled one)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'influxdb-tokens-scan-bench-'));
  try {
    const { expected, bytes } = generate(dir);
    const gc = (globalThis as { gc?: () => void }).gc;
    const rgArgs = ripgrepArgs({ patterns: tokenCandidatePatterns(), exclude: ['**/.git'], useIgnoreFiles: true, useParentIgnoreFiles: false, useGlobalIgnoreFiles: false, followSymlinks: true });
    const plainSearch = (): Promise<string[]> => ripgrep(rg, ['--files-with-matches', '--null', '--fixed-strings', '--no-config', '-e', 'apiv1_', '-e', 'M.V1.', '--', '.'], dir);
    const scan = async (): Promise<{ file: string; secret: string }[]> => readAll((await ripgrep(rg, rgArgs, dir)).map((p) => path.join(dir, p)));
    const candidateFiles = (await ripgrep(rg, rgArgs, dir)).length;
    // Side by side, alternating, on a machine others share: the ratio is the median of each pair's.
    await plainSearch();
    await scan();
    gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    let heapPeak = heapBefore;
    const sampler = setInterval(() => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)), 5);
    const plainMs: number[] = [];
    const scanMs: number[] = [];
    let found: { file: string; secret: string }[] = [];
    for (let i = 0; i < PAIRS; i++) {
      let t = performance.now();
      await plainSearch();
      plainMs.push(performance.now() - t);
      t = performance.now();
      found = await scan();
      scanMs.push(performance.now() - t);
    }
    clearInterval(sampler);
    const withNode = await time(() => readAll(walk(dir)));
    const key = (f: { file: string; secret: string }): string => `${path.relative(dir, f.file)}\n${f.secret}`;
    const want = new Set(expected.map((e) => `${e.file}\n${e.secret}`));
    const check = (found: { file: string; secret: string }[]) => ({ found: found.filter((f) => want.has(key(f))).length, falsePositives: found.filter((f) => !want.has(key(f))).length });
    const ripgrepVersion = execFileSync(rg, ['--version'], { encoding: 'utf8' }).split('\n')[0];
    const secretlint = process.env.BENCH_SECRETLINT ? await runSecretlint(process.env.BENCH_SECRETLINT, dir) : undefined;
    process.stdout.write(
      JSON.stringify({
        workspaceScan: {
          files: FILES,
          megabytes: bytes / 1024 / 1024,
          tokens: expected.length,
          ripgrepVersion,
          plainRipgrep: { ms: median(plainMs), min: Math.min(...plainMs), max: Math.max(...plainMs) },
          candidateFiles,
          ripgrepAndFindTokens: { ms: median(scanMs), min: Math.min(...scanMs), max: Math.max(...scanMs), ratio: median(scanMs.map((x, i) => x / plainMs[i])), ...check(found) },
          nodeScanner: { ms: withNode.ms, min: withNode.min, max: withNode.max, ratio: withNode.ms / median(plainMs), ...check(withNode.result) },
          heapGrowthMB: (heapPeak - heapBefore) / 1024 / 1024,
          secretlint,
        },
      }),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: Error) => {
  console.error(err);
  process.exit(1);
});
