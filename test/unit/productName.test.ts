// One name for the extension wherever a person meets it as a whole: the
// Marketplace title, the activity bar's container, the output channel, the
// command palette's category, the settings' group and the README's title.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from './simulator';

const root = repoRoot();
const read = (file: string): string => fs.readFileSync(path.join(root, file), 'utf8');
const manifest = JSON.parse(read('package.json'));
const nls: Record<string, string> = JSON.parse(read('package.nls.json'));
/** A manifest field as English shows it: a %key% of package.nls.json resolved. */
const shown = (value: string): string => nls[/^%([^%]+)%$/.exec(value)?.[1] ?? ''] ?? value;

describe('product name', () => {
  it('is "InfluxDB Tokens" in the Marketplace title, the view container, the output channel, every command\'s category, the settings and the README', () => {
    const name = shown(manifest.displayName);
    assert.strictEqual(name, 'InfluxDB Tokens', 'it manages management and database tokens');
    const channel = /createOutputChannel\('([^']+)'/.exec(read('src/base/log.ts'))?.[1];
    const places: [string, unknown][] = [
      ['view container', shown(manifest.contributes.viewsContainers.activitybar[0].title)],
      ['output channel (src/base/log.ts)', channel],
      ['settings group', shown(manifest.contributes.configuration.title)],
      ['README title', read('README.md').split('\n')[0].replace(/^# /, '')],
      ...manifest.contributes.commands.map((c: { command: string; category: string }): [string, unknown] => [`category of ${c.command}`, shown(c.category)]),
    ];
    assert.deepStrictEqual(places.filter(([, value]) => value !== name), []);
    assert.ok(shown(manifest.contributes.walkthroughs[0].title).endsWith(name), 'the walkthrough names it too');
  });

  it('keeps the extension ID and command IDs it was published with', () => {
    assert.strictEqual(manifest.name, 'influxdb-mgmt-tokens');
    assert.ok(manifest.contributes.commands.every((c: { command: string }) => c.command.startsWith('influxdbTokens.')));
  });
});
