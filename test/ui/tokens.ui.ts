/// <reference lib="dom" />
import * as assert from 'assert';
import { wb } from './session';

/** Creates a management token of profile default from the palette; the simulator's record of it. */
async function createFromPalette(description: string): Promise<{ id: string; description: string }> {
  const w = wb();
  await w.clearToasts();
  await w.runCommand('InfluxDB Tokens: Create Management Token…');
  await w.pick('default');
  await w.answerInput('Description of the token', description);
  await w.pick('7 days');
  await w.notification(new RegExp(`Created management token "${description}"`));
  return w.state().profiles.default.tokens.find((t) => t.description === description)!;
}

describe('UI: create and revoke', function () {
  this.timeout(90000);

  it('creates a token from the view title with a preset and a typed description; the row shows its stored secret', async () => {
    const w = wb();
    await w.clearToasts();
    // Like Explorer's title actions, the view's + acts on the selected profile.
    await w.row('default').click();
    await w.viewAction('Create Management Token…');
    await w.page.locator('.quick-input-widget .quick-input-title', { hasText: 'Create Management Token (default)' }).waitFor();
    const description = 'ui created "quoted" $(whoami)';
    await w.answerInput('Description of the token', description);
    await w.page.locator('.quick-input-widget .quick-input-title', { hasText: 'Create Management Token (default) (2/2)' }).waitFor();
    await w.documentScreenshot('create-expiry');
    await w.pick('7 days');
    await w.notification(/Created management token/);

    const created = w.state().profiles.default.tokens.find((t) => t.description === description);
    assert.ok(created, 'the simulator received the description as one literal argument');
    await w.expand('default');
    const row = w.row(description);
    await row.waitFor();
    assert.match(await w.rowDescription(description), /^in (6|7) days · secret stored$/);

    await w.clickToastButton(/Created management token/, 'Copy Secret');
    const secret = w.state().profiles.default.issued?.[created.id];
    assert.ok(secret);
    assert.strictEqual(await w.waitForClipboard(secret), secret);
  });

  it('goes back from the expiry to the description with the real Back button, the typed description kept', async () => {
    const w = wb();
    await w.clearToasts();
    await w.runCommand('InfluxDB Tokens: Create Management Token…');
    await w.pick('default');
    await w.answerInput('Description of the token', 'ui went back');
    const widget = w.page.locator('.quick-input-widget');
    await widget.locator('.quick-input-title', { hasText: 'Create Management Token (default) (2/2)' }).waitFor();
    await widget.getByRole('button', { name: 'Back' }).click();
    await widget.locator('.quick-input-title', { hasText: 'Create Management Token (default) (1/2)' }).waitFor();
    assert.strictEqual(await widget.locator('.quick-input-box input').inputValue(), 'ui went back');
    await widget.locator('.quick-input-box input').press('Enter');
    await w.pick('1 day');
    await w.notification(/Created management token "ui went back"/);
    assert.ok(w.state().profiles.default.tokens.some((t) => t.description === 'ui went back'));
  });

  it('copies the stored secret from the row afterwards', async () => {
    const w = wb();
    // The token the test above created; one is created here when this test runs alone.
    const created = w.state().profiles.default.tokens.find((t) => t.description.startsWith('ui created')) ?? (await createFromPalette('ui copy probe'));
    await w.expand('default');
    await w.page.evaluate(() => navigator.clipboard.writeText('nothing yet'));
    await w.contextMenu(created.description, 'Copy Stored Secret');
    const secret = w.state().profiles.default.issued?.[created.id];
    assert.ok(secret);
    assert.strictEqual(await w.waitForClipboard(secret), secret);
  });

  it('revokes a token from its context menu after a modal confirmation', async () => {
    const w = wb();
    await w.expand('default');
    await w.contextMenu('ci-pipeline', 'Revoke Management Token…');
    const dialog = w.dialog();
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /ci-pipeline \(a3c1e5f7-1b2d-4e6f-8a9b-0c1d2e3f4a5b\)[\s\S]*cannot be undone/);
    await w.documentScreenshot('revoke-confirm');
    await dialog.locator('.monaco-button', { hasText: 'Revoke' }).first().click();
    await w.row('ci-pipeline').waitFor({ state: 'detached', timeout: 20000 });
    const revoked = w.state().profiles.default.tokens.find((t) => t.id === 'a3c1e5f7-1b2d-4e6f-8a9b-0c1d2e3f4a5b');
    assert.ok(revoked?.revoked_at, 'the simulator revoked it');
    await w.viewAction('Show or Hide Revoked Tokens');
    await w.row('ci-pipeline').waitFor();
    assert.strictEqual(await w.rowDescription('ci-pipeline'), 'revoked');
    await w.viewAction('Show or Hide Revoked Tokens');
  });

  it('offers Revoke only on active tokens', async () => {
    const w = wb();
    const menu = await w.openContextMenu('old backup job');
    const entries = await menu.locator('.action-label').allInnerTexts();
    await w.page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    assert.ok(entries.some((e) => e.includes('Copy Token ID')), entries.join(', '));
    assert.ok(!entries.some((e) => e.includes('Revoke')), `expired tokens cannot be revoked: ${entries.join(', ')}`);
  });

  it('Delete on a focused token row asks to revoke it with the same modal; Cancel leaves it', async () => {
    const w = wb();
    await w.expand('default');
    await w.row('terraform').click();
    await w.page.keyboard.press('Delete');
    const dialog = w.dialog();
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /Revoke this management token\?[\s\S]*terraform \(d6f4b8c0-4e5a-4b9c-9d2e-3f4a5b6c7d8e\)[\s\S]*cannot be undone/);
    await dialog.locator('.monaco-button', { hasText: 'Cancel' }).first().click();
    await dialog.waitFor({ state: 'detached' });
    assert.ok(!w.state().profiles.default.tokens.find((t) => t.description === 'terraform')?.revoked_at, 'not revoked');
  });

  it('Enter copies the ID of the token row the arrow keys moved to', async () => {
    const w = wb();
    await w.expand('default');
    await w.row('old backup job').click();
    await w.page.keyboard.press('ArrowDown');
    const focused = await w.page.locator('.part.sidebar .monaco-list-row.focused .label-name').innerText();
    const token = w.state().profiles.default.tokens.find((t) => t.description === focused);
    assert.ok(token, `the row below "old backup job" is a token row (${focused})`);
    await w.page.evaluate(() => navigator.clipboard.writeText('nothing yet'));
    await w.page.keyboard.press('Enter');
    assert.strictEqual(await w.waitForClipboard(token.id), token.id);
  });
});

describe('UI: put a new token into config.toml', function () {
  this.timeout(90000);

  it('creates a token and "Set as mgmt_token" writes exactly that secret into the profile, comments intact', async () => {
    const w = wb();
    const fs = await import('fs');
    const before = fs.readFileSync(w.configPath, 'utf8');
    await w.clearToasts();
    await w.runCommand('InfluxDB Tokens: Create Management Token…');
    await w.pick('staging');
    await w.answerInput('Description of the token', 'staging automation');
    await w.pick('30 days');
    await w.clickToastButton(/Created management token "staging automation"/, 'Set as mgmt_token');
    await w.notification(/mgmt_token of profile "staging" is set/);

    const created = w.state().profiles.staging.tokens.find((t) => t.description === 'staging automation')!;
    const secret = w.state().profiles.staging.issued![created.id];
    const after = fs.readFileSync(w.configPath, 'utf8');
    const added = after.split('\n').filter((l) => !before.split('\n').includes(l));
    assert.deepStrictEqual(added, [`    mgmt_token = "${secret}"`]);
    for (const comment of before.split('\n').filter((l) => l.trim().startsWith('#'))) assert.ok(after.includes(comment), comment);
    const staging = after.slice(after.indexOf('name = "staging"'));
    assert.ok(staging.indexOf('mgmt_token') < staging.indexOf('[profile.tls]'), 'inside the staging profile, before its sub-tables');
    await w.row('staging').waitFor();
    await w.page.waitForFunction(() =>
      Array.from(document.querySelectorAll('.part.sidebar .monaco-list-row')).some((r) => (r.textContent ?? '').includes('mgmt_token set')),
    );
  });
});

describe('UI: rotate a profile token', function () {
  this.timeout(90000);

  it('rotates the mgmt_token of a profile: new secret in config.toml, old token revoked, new one in use', async () => {
    const w = wb();
    const fs = await import('fs');
    const { GRAFANA_ID, GRAFANA_SECRET } = require('../../scripts/lib/fixtures.js');
    assert.ok(fs.readFileSync(w.configPath, 'utf8').includes(GRAFANA_SECRET));
    assert.strictEqual(fs.statSync(w.configPath).mode & 0o777, 0o600, 'config.toml is the owner\'s alone, so no permission question comes between the steps');
    await w.clearToasts();
    await w.contextMenu('default', 'Rotate mgmt_token…');
    await w.pick('Same lifetime as the old token (33 days)');
    const dialog = w.dialog();
    await dialog.waitFor({ timeout: 30000 });
    assert.match(await dialog.innerText(), /Revoke the old token "grafana provisioning" now\?/);
    await w.documentScreenshot('rotate-confirm');
    await dialog.locator('.monaco-button', { hasText: 'Revoke Old Token' }).first().click();
    await w.notification(/done\. The new token is in config\.toml and the old one is revoked/);

    const state = w.state().profiles.default;
    const created = state.tokens.find((t) => t.description.startsWith('grafana provisioning (rotated '))!;
    assert.ok(created, 'the new token keeps the description with a rotation date');
    const config = fs.readFileSync(w.configPath, 'utf8');
    assert.ok(config.includes(`mgmt_token = "${state.issued![created.id]}"`), 'config.toml holds the new secret');
    assert.ok(!config.includes(GRAFANA_SECRET));
    assert.ok(state.tokens.find((t) => t.id === GRAFANA_ID)!.revoked_at, 'the old token is revoked');

    await w.expand('default');
    // The row shows once listed, and "in use" once config.toml is read again.
    assert.match(await w.waitForRowDescription(created.description, /in use by profile default$/), /in use by profile default$/);
    await w.viewAction('Show or Hide Revoked Tokens');
    await w.row('grafana provisioning').waitFor();
    assert.strictEqual(await w.rowDescription('grafana provisioning'), 'revoked');
    await w.viewAction('Show or Hide Revoked Tokens');
  });
});
