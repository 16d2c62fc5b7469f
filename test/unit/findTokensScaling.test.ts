// findTokens runs on every change of an open document and on every file of a
// workspace: its work per byte must not grow with the text, whatever the text
// holds. Work is counted as characters read (test/unit/countingText.ts), so a
// loaded machine cannot fail it; CPU time (not wall time) backs it up for the
// work done on what was read, and `npm run bench` times ordinary text.
import * as assert from 'assert';
import { findTokens } from '../../src/core';
import { PATHOLOGICAL_TOKEN_TEXTS, sourceTextWithTokens } from '../fixtures/tokenText';
import { countingText } from './countingText';
import { cpuTimed } from './cpuTime';

const SMALL = 16 * 1024;
const LARGE = 10 * SMALL;
// Linear work reads each byte a fixed number of times at any size: a growth
// near 1. Quadratic work gives about LARGE / SMALL = 10.
const MAX_GROWTH = 1.5;
// Far above what a linear pass reads; reached, the test stops there.
const MAX_READS_PER_BYTE = 20;

function readsPerByte(text: string): number {
  const counted = countingText(text, MAX_READS_PER_BYTE * text.length);
  findTokens(counted.text);
  return counted.reads() / text.length;
}

/** The least CPU time of a few runs: what the work costs, without the machine's other load. */
function cpuMs(text: string): number {
  let least = Infinity;
  for (let i = 0; i < 3; i++) least = Math.min(least, cpuTimed(() => findTokens(text)).ms);
  return least;
}

const TEXTS: Record<string, (bytes: number) => string> = {
  ...PATHOLOGICAL_TOKEN_TEXTS,
  'ordinary source text with tokens': (bytes) => sourceTextWithTokens(bytes, 3).text,
};

describe('findTokens scales linearly', function () {
  this.timeout(60000);

  it('the counting stand-in finds what the string finds', () => {
    const { text } = sourceTextWithTokens(SMALL, 2);
    assert.deepStrictEqual(findTokens(countingText(text).text), findTokens(text));
    assert.strictEqual(findTokens(text).length, 12);
  });

  for (const [shape, build] of Object.entries(TEXTS)) {
    it(`reads: ${shape}`, () => {
      const small = readsPerByte(build(SMALL));
      const large = readsPerByte(build(LARGE));
      const detail = `${small.toFixed(2)} reads per byte at ${SMALL} bytes, ${large.toFixed(2)} at ${LARGE}`;
      assert.ok(large / small < MAX_GROWTH, detail);
    });
  }

  it('CPU time: 1 MB of each shape costs about 10 times 100 KB, not 100 times', () => {
    // Quadratic work on what was read (a decoded secret checked again and
    // again) reads nothing more from the text: time shows it.
    const slow: string[] = [];
    for (const [shape, build] of Object.entries(TEXTS)) {
      const small = build(100 * 1024);
      const large = build(1000 * 1024);
      cpuMs(small); // compiled before it is timed
      const ratio = cpuMs(large) / Math.max(cpuMs(small), 1);
      if (ratio > 30) slow.push(`${shape}: ${ratio.toFixed(1)} times`);
    }
    assert.deepStrictEqual(slow, []);
  });
});
