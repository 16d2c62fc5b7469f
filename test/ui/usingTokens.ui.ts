import * as assert from 'assert';
import { createHash } from 'crypto';
import { wb } from './session';

type Clusters = Record<string, { databaseTokens: { id: string; description: string }[]; accessTokens: Record<string, string> }>;

/** The rows of text the terminal panel shows (xterm's DOM renderer: the workbench runs with terminal GPU acceleration off). */
const TERMINAL_ROWS = '.terminal-wrapper .xterm-rows > div';

describe('UI: a terminal with a token', function () {
  this.timeout(120000);

  it('opens a terminal from a database token row whose environment holds the token: the SHA-256 of $INFLUX_TOKEN it prints is the secret\'s', async () => {
    const w = wb();
    await w.clearToasts();
    await w.runCommand('InfluxDB Tokens: Create Database Token…');
    await w.pick('default');
    await w.answerInput('Description of the database token', 'terminal probe');
    await w.pickMany(['telemetry']);
    await w.pick('Read');
    await w.pick('7 days');
    await w.notification(/Created database token "terminal probe"/);
    const cluster = (w.state() as unknown as { clusters: Clusters }).clusters.default;
    const created = cluster.databaseTokens.find((t) => t.description === 'terminal probe')!;
    const secret = cluster.accessTokens[created.id];
    const hash = createHash('sha256').update(secret).digest('hex');
    await w.clearToasts();

    await w.expand('default');
    await w.expandTo('Database Tokens', 'terminal probe');
    await w.contextMenu('terminal probe', 'Open Terminal with Token…');
    // Cloud Dedicated: the data-plane URL is asked, once per cluster.
    await w.answerInput(/URL programs reach the cluster of profile "default"/, 'https://cluster-id.a.influxdb.io');
    const tab = w.page.locator('.terminal-tabs-entry, .single-terminal-tab, .pane-header', { hasText: 'default: terminal probe' }).first();
    await tab.waitFor({ timeout: 20000 });
    await w.page.locator('.terminal-wrapper.active .xterm').first().click();
    await w.page.keyboard.type('printf %s "$INFLUX_TOKEN" | sha256sum; echo "host=$INFLUX_HOST db=$INFLUX_DATABASE"');
    await w.page.keyboard.press('Enter');
    // Both lines the command prints (the second comes last).
    await w.page.waitForFunction(
      ([rows, expected]) => expected.every((line) => Array.from(document.querySelectorAll(rows)).some((row) => (row.textContent ?? '').includes(line))),
      [TERMINAL_ROWS, [`${hash}  -`, 'host=https://cluster-id.a.influxdb.io db=telemetry']] as const,
      { timeout: 20000 },
    );
    const text = (await w.page.locator(TERMINAL_ROWS).allTextContents()).join('\n');
    assert.ok(!text.includes(secret), 'the secret itself never shows in the terminal');
    await w.documentScreenshot('terminal-with-token');
    await w.collapse('Database Tokens');

    // Transient: a reload of the window neither revives the terminal nor leaves its environment in what VS Code persists.
    await w.page.reload();
    await w.page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
    await w.openView();
    // The terminal VS Code revived, or a new one when there is none: focusing waits for the reconnection first.
    await w.runCommand('Terminal: Focus Terminal');
    await w.page.waitForFunction(
      (rows) => Array.from(document.querySelectorAll(rows)).some((row) => /workspace# ?$/.test((row.textContent ?? '').trim() + ' ')),
      '.part.panel .terminal-wrapper .xterm-rows > div',
      { timeout: 30000 },
    );
    assert.strictEqual(await w.page.locator('.part.panel', { hasText: 'default: terminal probe' }).count(), 0, 'the terminal with the token was not revived');
    assert.deepStrictEqual(w.filesHolding([secret]).holding, [], 'no file the run wrote holds the secret');
    await w.runCommand('Terminal: Kill the Active Terminal Instance');
  });
});
