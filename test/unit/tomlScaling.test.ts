// The config.toml scanner runs on every keystroke in config.toml (diagnostics,
// CodeLens): its work per byte must not grow with the size of the file, also
// when everything sits on one long line. Work is counted as characters read
// (test/unit/countingText.ts), not timed, so a loaded machine cannot fail it;
// `npm run bench` times the same shapes.
import * as assert from 'assert';
import { closestKey } from '../../src/core/configKeyLint';
import { lintConfig } from '../../src/core/configLint';
import { scanToml } from '../../src/core/tomlScan';
import { LONG_LINE_SHAPES } from '../fixtures/longLines';
import { countingText } from './countingText';

const SMALL = 16 * 1024;
const LARGE = 10 * SMALL;
// Linear work reads each byte a fixed number of times at any size: a growth
// near 1. Quadratic work gives about LARGE / SMALL = 10.
const MAX_GROWTH = 1.5;
// Far above what a linear pass reads; reached, the test stops there.
const MAX_READS_PER_BYTE = 100;

function readsPerByte(text: string, fn: (text: string) => unknown): number {
  const counted = countingText(text, MAX_READS_PER_BYTE * text.length);
  fn(counted.text);
  return counted.reads() / text.length;
}

/** Reads per byte at LARGE divided by reads per byte at SMALL. */
function growth(build: (bytes: number) => string, fn: (text: string) => unknown): { ratio: number; detail: string } {
  const small = readsPerByte(build(SMALL), fn);
  const large = readsPerByte(build(LARGE), fn);
  const ratio = large / small;
  return { ratio, detail: `${small.toFixed(2)} reads per byte at ${SMALL} bytes, ${large.toFixed(2)} at ${LARGE}: growth ${ratio.toFixed(2)}` };
}

describe('config.toml scanning scales linearly', function () {
  this.timeout(60000);

  it('the counting stand-in reads as the string it stands for, and counts', () => {
    const text = LONG_LINE_SHAPES['a one-line inline table of strings'](SMALL);
    const counted = countingText(text);
    assert.deepStrictEqual(scanToml(counted.text), scanToml(text));
    assert.ok(counted.reads() >= text.length, `${counted.reads()} reads`);
    assert.throws(() => scanToml(countingText(text, 100).text), /read more than 100 characters/);
  });

  for (const [shape, build] of Object.entries(LONG_LINE_SHAPES)) {
    it(`scanToml: ${shape}`, () => {
      const { ratio, detail } = growth(build, scanToml);
      assert.ok(ratio < MAX_GROWTH, detail);
    });

    it(`lintConfig: ${shape}`, () => {
      // The parser reads a copy (its own growth is @iarna/toml's); what lintConfig itself reads is counted.
      const { ratio, detail } = growth(build, lintConfig);
      assert.ok(ratio < MAX_GROWTH, detail);
    });
  }

  it('closestKey: a long unknown key is not compared letter by letter with the known ones', () => {
    // Suggesting the nearest known key compared every character of an 800 KB key: 5 s.
    const known = ['name', 'product', 'host'].map((k) => countingText(k));
    const read = () => known.reduce((sum, k) => sum + k.reads(), 0);
    assert.strictEqual(closestKey('k'.repeat(800 * 1024), known.map((k) => k.text)), undefined);
    assert.strictEqual(read(), 0);
    // A key of about their length is compared, and the count sees it.
    assert.strictEqual(String(closestKey('nmae', known.map((k) => k.text))), 'name');
    assert.ok(read() > 0);
  });
});
