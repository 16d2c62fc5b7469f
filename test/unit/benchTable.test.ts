// README.md's performance table is made from the figures of the bench run it
// reports (bench/results.json), never edited by hand.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from './simulator';
const { RESULTS, withBenchTable } = require('../../scripts/lib/benchTable.js');

describe('the performance table of README.md', () => {
  const readme = fs.readFileSync(path.join(repoRoot(), 'README.md'), 'utf8');
  const results = JSON.parse(fs.readFileSync(path.join(repoRoot(), RESULTS), 'utf8'));

  it('is the one made from bench/results.json', () => {
    assert.strictEqual(readme, withBenchTable(readme, results), 'README.md does not hold the table of bench/results.json: run npm run bench, or node scripts/lib/benchTable.js');
  });

  it('a figure edited by hand is not the table made from the figures', () => {
    const figure = `${results.activation.activateMs.toFixed(results.activation.activateMs < 10 ? 2 : 1)} ms`;
    assert.ok(readme.includes(figure), figure);
    const edited = readme.replace(figure, '9.99 ms');
    assert.notStrictEqual(withBenchTable(edited, results), edited);
  });

  it('needs its markers', () => {
    assert.throws(() => withBenchTable('# README\n', results), /no <!-- bench:start --> … <!-- bench:end --> markers/);
  });
});
