// The config.toml scanner runs on every keystroke in config.toml (diagnostics,
// CodeLens): its time per byte must not grow with the size of the file, also
// when everything sits on one long line.
import * as assert from 'assert';
import { lintConfig } from '../../src/core/configLint';
import { scanToml } from '../../src/core/tomlScan';

const SMALL = 50 * 1024;
const LARGE = 1600 * 1024;
// Linear work gives a ratio near 1 (a little more once the text outgrows the
// CPU caches); quadratic work gives about LARGE / SMALL = 32.
const MAX_RATIO = 8;

/** Best of several runs, in ms: the least disturbed by a loaded 2-core machine. */
function bestMs(fn: () => unknown, runs: number): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    fn();
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e6);
  }
  return best;
}

/**
 * Time per byte at LARGE divided by time per byte at SMALL. Each sample does
 * the same amount of text (the small one as often as it fits in the large
 * one), so that both last long enough to measure alike.
 */
function growth(build: (bytes: number) => string, fn: (text: string) => unknown): { ratio: number; detail: string } {
  const small = build(SMALL);
  const large = build(LARGE);
  const times = Math.round(large.length / small.length);
  fn(small); // warm up the JIT
  const smallMs = bestMs(() => {
    for (let i = 0; i < times; i++) fn(small);
  }, 5);
  const largeMs = bestMs(() => fn(large), 3);
  const ratio = largeMs / smallMs;
  return { ratio, detail: `${times} × ${small.length} bytes: ${smallMs.toFixed(1)} ms, ${large.length} bytes: ${largeMs.toFixed(1)} ms, ratio ${ratio.toFixed(1)}` };
}

function repeatTo(bytes: number, head: string, unit: string, tail: string): string {
  return head + unit.repeat(Math.ceil((bytes - head.length - tail.length) / unit.length)) + tail;
}

const SHAPES: Record<string, (bytes: number) => string> = {
  'a one-line basic string of escaped quotes': (n) => repeatTo(n, '[[profile]]\nname = "a"\nnote = "', '\\"', '"\n'),
  'a one-line basic string of escaped backslashes and quotes': (n) => repeatTo(n, '[[profile]]\nname = "a"\nnote = "', '\\\\\\"', '"\n'),
  'a one-line scopes array': (n) => repeatTo(n, '[[profile]]\nname = "a"\n[profile.auth.oauth2]\nscopes = [', '"s", ', '"s"]\n'),
  'a one-line array of literal strings': (n) => repeatTo(n, 'x = [', "'s',", "'s']\n[[profile]]\nname = \"a\"\n"),
  'a one-line inline table of strings': (n) => repeatTo(n, 'x = { a = "b"', ', "k\\"" = "v\\""', ' }\n[[profile]]\nname = "a"\n'),
  'a multi-line basic string of escaped quotes': (n) => repeatTo(n, 'x = """', '\\"""', '"""\n[[profile]]\nname = "a"\n'),
  'a multi-line literal string of quote pairs': (n) => repeatTo(n, "x = '''", "''a", "'''\n[[profile]]\nname = \"a\"\n"),
};

describe('config.toml scanning scales linearly', function () {
  this.timeout(60000);

  for (const [shape, build] of Object.entries(SHAPES)) {
    it(`scanToml: ${shape}`, () => {
      const { ratio, detail } = growth(build, scanToml);
      assert.ok(ratio < MAX_RATIO, detail);
    });
  }

  it('lintConfig: a long unknown key or table name is not compared letter by letter with the known ones', () => {
    // Suggesting the nearest known key compared every character of an 800 KB key: 5 s.
    for (const text of [`[[profile]]\nname = "a"\n${'k'.repeat(800 * 1024)} = 1\n`, `[[profile]]\nname = "a"\n[profile.${'t'.repeat(800 * 1024)}]\n`]) {
      const ms = bestMs(() => lintConfig(text), 2);
      assert.ok(ms < 1500, `${ms.toFixed(0)} ms`);
    }
  });

  it('lintConfig: a 1.6 MB one-line string of escaped quotes or scopes array takes well under the seconds it took', () => {
    // 9 s and 4 s before the scanner was linear; the parser alone takes about 0.1 s.
    for (const shape of ['a one-line basic string of escaped quotes', 'a one-line scopes array']) {
      const text = SHAPES[shape](LARGE);
      const ms = bestMs(() => lintConfig(text), 2);
      assert.ok(ms < 2500, `${shape}: ${ms.toFixed(0)} ms`);
    }
  });
});
