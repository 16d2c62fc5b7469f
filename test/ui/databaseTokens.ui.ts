import * as assert from 'assert';
import * as fs from 'fs';
import { wb } from './session';

describe('UI: database tokens', function () {
  this.timeout(120000);

  it('lists the database tokens of a profile, creates one on two databases, uses it for query/write, edits its permissions, and revokes it', async () => {
    const w = wb();
    await w.clearToasts();
    await w.expand('default');
    await w.expandTo('Database Tokens', 'grafana dashboards');
    assert.match(await w.rowDescription('telegraf edge agents'), /^in \d+ days · read\/write iot_sensors$/);
    assert.strictEqual(await w.rowDescription('admin scripts'), 'never expires · read/write all databases');
    await w.documentScreenshot('database-tokens');

    await w.contextMenu('Database Tokens', 'Create Database Token…');
    await w.answerInput('Description of the database token', 'ui reports');
    await w.pickMany(['telemetry', 'billing']);
    await w.pick('Different per database…');
    await w.pick('Read and write');
    await w.pick('Read');
    await w.pick('30 days');
    await w.clickToastButton(/Created database token "ui reports"/, 'Use for influxctl query/write');
    await w.notification(/influxctl query and write with profile "default" now use database token "ui reports"/);

    const cluster = (w.state() as unknown as { clusters: Record<string, { databaseTokens: { id: string; description: string }[]; accessTokens: Record<string, string> }> }).clusters.default;
    const created = cluster.databaseTokens.find((t) => t.description === 'ui reports')!;
    const secret = cluster.accessTokens[created.id];
    const config = fs.readFileSync(w.configPath, 'utf8');
    assert.ok(config.includes(`token = "${secret}"`), 'config.toml holds the new database token for query/write');
    // The row shows it once the tree has followed config.toml.
    assert.match(await w.waitForRowDescription('ui reports', /in use by query\/write$/), /^in (29|30) days · read\/write telemetry; read billing · secret stored · in use by query\/write$/);

    await w.contextMenu('ui reports', 'Edit Database Token…');
    await w.answerInput('Description of the database token', 'ui reports');
    await w.pickMany([], ['billing']);
    await w.pick('Read');
    const confirm = w.dialog();
    await confirm.waitFor();
    assert.match(await confirm.innerText(), /Permissions: removes read on billing and write on telemetry[\s\S]*cannot change an expiry/);
    await confirm.locator('.monaco-button', { hasText: 'Save Changes' }).first().click();
    await w.notification(/Updated database token "ui reports"/);
    const edited = (w.state() as unknown as { clusters: Record<string, { databaseTokens: { id: string; permissions: unknown[] }[] }> }).clusters.default.databaseTokens.find((t) => t.id === created.id)!;
    assert.deepStrictEqual(edited.permissions, [{ action: 'read', resource: 'telemetry' }]);
    await w.waitForRowDescription('ui reports', /^in (29|30) days · read telemetry · secret stored · in use by query\/write$/);

    await w.contextMenu('ui reports', 'Revoke Database Token…');
    const dialog = w.dialog();
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /ui reports[\s\S]*is the token of profile "default" in config\.toml/);
    await dialog.locator('.monaco-button', { hasText: 'Revoke' }).first().click();
    await w.row('ui reports').waitFor({ state: 'detached', timeout: 30000 });
    await w.collapse('Database Tokens');
  });
});
