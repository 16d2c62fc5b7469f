import * as assert from 'assert';
import * as fs from 'fs';
import { wb } from './session';

describe('UI: the Profiles view', function () {
  this.timeout(60000);

  it('shows the profiles of config.toml and, expanded, tokens of each status', async () => {
    const w = wb();
    await w.row('default').waitFor();
    assert.deepStrictEqual(await w.rowLabels(), ['default', 'staging']);
    assert.match(await w.rowDescription('default'), /^mgmt_token (set|in \d+ days) · default · dedicated · 5c3e8a1f…$/);
    await w.expand('default');
    await w.row('terraform').waitFor();
    assert.deepStrictEqual(await w.rowLabels(), ['default', 'Management Tokens', 'ci-pipeline', 'grafana provisioning', 'old backup job', 'terraform', 'Database Tokens', 'staging']);
    assert.match(await w.rowDescription('ci-pipeline'), /^in \d+ days$/);
    assert.match(await w.rowDescription('grafana provisioning'), /^in \d+ days · in use by profile default$/);
    await w.page.waitForFunction(() =>
      Array.from(document.querySelectorAll('.part.sidebar .monaco-list-row')).some((r) => (r.textContent ?? '').includes('mgmt_token in 2 days')),
    );
    assert.strictEqual(await w.rowDescription('old backup job'), 'expired 2 days ago');
    assert.strictEqual(await w.rowDescription('terraform'), 'never expires');
    assert.strictEqual(await w.row('grafana provisioning').getAttribute('aria-label'), 'grafana provisioning, expiring, in 2 days · in use by profile default');
    await w.row('grafana provisioning').hover();
    await w.page.locator('.monaco-hover', { hasText: 'b4d2f6a8-2c3e-4f7a-9b0c-1d2e3f4a5b6c' }).waitFor();
    await w.documentScreenshot('profiles-view');
    await w.page.mouse.move(700, 500);
  });

  it('leads each row with what matters, readable at the default sidebar width and shown at a narrow one', async () => {
    const w = wb();
    await w.expandTo('default', 'terraform');
    await w.page.waitForFunction(() =>
      Array.from(document.querySelectorAll('.part.sidebar .monaco-list-row')).some((r) => (r.textContent ?? '').includes('mgmt_token in 2 days')),
    );
    // The profile's status and the tokens' expiries are read in full, not cut off, at the default width.
    assert.match(await w.visibleDescription('default'), /^mgmt_token in 2 days · /);
    for (const token of ['ci-pipeline', 'grafana provisioning', 'terraform']) {
      const status = (await w.rowDescription(token)).split(' · ')[0];
      assert.ok((await w.visibleDescription(token)).startsWith(status), `${token}: "${status}" is read in full`);
    }
    await w.screenshot('rows at the default width');
    const box = (await w.page.locator('.part.sidebar').boundingBox())!;
    try {
      await w.setSidebarWidth(200);
      // Narrower, the row is cut at its end only: what shows is still the start, the status.
      assert.ok((await w.rowDescription('default')).startsWith(await w.visibleDescription('default')));
      await w.screenshot('rows at a narrow width');
    } finally {
      await w.setSidebarWidth(box.width);
    }
    await w.collapse('default');
  });

  it('hides revoked tokens until "Show or Hide Revoked Tokens" is chosen', async () => {
    const w = wb();
    await w.expand('default');
    assert.strictEqual(await w.row('laptop (revoked)').count(), 0);
    await w.viewAction('Show or Hide Revoked Tokens');
    await w.row('laptop (revoked)').waitFor();
    assert.strictEqual(await w.rowDescription('laptop (revoked)'), 'revoked');
    await w.viewAction('Show or Hide Revoked Tokens');
    await w.row('laptop (revoked)').waitFor({ state: 'detached' });
  });

  it('filters from the palette: the command asks in an input box and the view says how many are shown', async () => {
    const w = wb();
    await w.expand('default');
    await w.runCommand('InfluxDB Tokens: Filter Tokens…');
    await w.answerInput('Show tokens whose description or ID contains', 'grafana');
    await w.row('ci-pipeline').waitFor({ state: 'detached' });
    assert.deepStrictEqual(await w.rowLabels(), ['default', 'Management Tokens', 'grafana provisioning', 'Database Tokens', 'staging']);
    const message = w.page.locator('.part.sidebar .message', { hasText: 'Showing' });
    await message.waitFor();
    assert.strictEqual((await message.innerText()).trim(), 'Showing 1 of 5 tokens matching "grafana"');
    await w.viewAction('Filter Tokens…');
    await w.answerInput('Show tokens whose description or ID contains', '');
    await w.row('ci-pipeline').waitFor();
  });

  it('shows a failing profile as an error row while the other one loads', async () => {
    const w = wb();
    // The short reason leads the row; the whole influxctl output is its tooltip.
    const error = w.rows().filter({ hasText: 'Permission denied: not allowed' });
    await w.expandTo('default', 'terraform');
    await w.withFault('staging', { exitCode: 1, stderr: 'Error: rpc error: code = PermissionDenied desc = not allowed\n' }, async () => {
      await w.expand('staging');
      await error.waitFor();
      assert.match(await error.innerText(), /^Permission denied: not allowed$/m);
      assert.ok(await w.row('terraform').isVisible(), 'the default profile still shows its tokens');
    });
    // The row is passive: a click selects it, its inline action retries.
    await error.hover();
    await error.locator('.action-label[aria-label="Retry"]').click();
    await w.row('staging deploys').waitFor();
    await w.collapse('staging');
  });

  it('shows the URL and code when influxctl waits for a browser login', async () => {
    const w = wb();
    await w.withFault('staging', { login: true }, async () => {
      await w.viewAction('Refresh');
      await w.expandTo('staging', 'Log in required: code WDJB-MJHT');
      assert.match(await w.row('Log in required: code WDJB-MJHT').innerText(), /https:\/\/auth\.influxdata\.com\/activate\?user_code=WDJB-MJHT/);
    });
    await w.viewAction('Refresh');
    await w.expandTo('staging', 'staging deploys');
    await w.collapse('staging');
  });

  it('shows a malformed config.toml with its position above the last good profiles, and follows edits on disk', async () => {
    const w = wb();
    const good = fs.readFileSync(w.configPath, 'utf8');
    try {
      fs.writeFileSync(w.configPath, good.replace('product = "clustered"', 'product = clustered'));
      const error = w.rows().filter({ hasText: 'not valid TOML' });
      await error.waitFor({ timeout: 15000 });
      const line = good.split('\n').findIndex((l) => l.includes('product = "clustered"')) + 1;
      assert.match(await error.innerText(), new RegExp(`Line ${line}, column \\d+: config\\.toml is not valid TOML`));
      // The last good profiles stay below the error, marked as such.
      const labels = await w.rowLabels();
      assert.match(labels[0], /^Line \d+/);
      assert.ok(labels.includes('default') && labels.includes('staging'), labels.join(', '));
      assert.match(await w.rowDescription('staging'), /^as last read · /);
      await w.screenshot('broken config.toml');
      fs.writeFileSync(w.configPath, good.replace('name = "staging"', 'name = "staging-eu"'));
      await w.row('staging-eu').waitFor({ timeout: 15000 });
    } finally {
      fs.writeFileSync(w.configPath, good);
    }
    await w.row('staging').waitFor({ timeout: 15000 });
  });

  it('shows the profiles when influxctl cannot be run, saying where it looked, with Set influxctl Path and Install influxctl', async () => {
    const w = wb();
    const missing = 'influxctl not found: /opt/nowhere/influxctl';
    w.setMachineSettings({ 'influxdbTokens.influxctlPath': '/opt/nowhere/influxctl' });
    try {
      await w.expandTo('default', missing);
      const row = w.row(missing);
      await row.hover();
      for (const action of ['Set influxctl Path…', 'Install influxctl']) assert.ok(await row.locator(`.action-label[aria-label="${action}"]`).isVisible(), action);
      assert.ok(await w.row('Database Tokens').first().isVisible(), 'database tokens do not need influxctl');
      assert.ok(await w.row('staging').isVisible());
      await w.screenshot('influxctl missing');
    } finally {
      w.setMachineSettings({ 'influxdbTokens.influxctlPath': require('../../scripts/lib/fixtures.js').SIMULATOR });
    }
    await w.expandTo('default', 'terraform');
    await w.collapse('default');
  });

  it('with a config.toml without profiles offers Add Profile…', async () => {
    const w = wb();
    const good = fs.readFileSync(w.configPath, 'utf8');
    try {
      fs.writeFileSync(w.configPath, '# influxctl profiles go here\n', { mode: 0o600 });
      const welcome = w.page.locator('.part.sidebar .welcome-view-content', { hasText: 'has no [[profile]] yet' });
      await welcome.waitFor({ timeout: 15000 });
      assert.ok(await welcome.locator('.monaco-button', { hasText: 'Add Profile…' }).isVisible());
      await w.screenshot('welcome with an empty config.toml');
    } finally {
      fs.writeFileSync(w.configPath, good, { mode: 0o600 });
    }
    await w.row('staging').waitFor({ timeout: 15000 });
  });

  it('without config.toml says where it looks, with no raw placeholder, and shows the path on request', async () => {
    const w = wb();
    const good = fs.readFileSync(w.configPath, 'utf8');
    fs.rmSync(w.configPath);
    try {
      const welcome = w.page.locator('.part.sidebar .welcome-view-content', { hasText: 'No influxctl config.toml was found' });
      await welcome.waitFor({ timeout: 15000 });
      assert.ok(!(await welcome.innerText()).includes('${'), 'no raw placeholder');
      assert.ok(await welcome.locator('.monaco-button', { hasText: 'Create config.toml' }).isVisible());
      await w.screenshot('welcome without config.toml');
      await welcome.locator('.monaco-button', { hasText: 'Show Where It Looked' }).click();
      await w.notification(`There is no config.toml at ${w.configPath}.`);
    } finally {
      // As the session wrote it: the owner's alone, so later tests that put a secret in it are not asked to restrict it.
      fs.writeFileSync(w.configPath, good, { mode: 0o600 });
      await w.clearToasts();
    }
    await w.row('staging').waitFor({ timeout: 15000 });
  });

  it('opens config.toml from the view with a CodeLens above each profile', async () => {
    const w = wb();
    await w.viewAction('Open influxctl config.toml');
    const lens = w.page.locator('.contentWidgets .codelens-decoration, .codelens-decoration', { hasText: 'Set mgmt_token of "staging"' });
    await lens.first().waitFor({ timeout: 20000 });
    assert.ok(await w.page.locator('.codelens-decoration', { hasText: 'Replace mgmt_token of "default"' }).first().isVisible());
    await w.documentScreenshot('config-codelens');
    await w.runCommand('View: Close All Editors');
  });
});
