import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as TOML from '@iarna/toml';
import { wb } from './session';

// Made-up secrets (none issued, so the leak scan does not look for them). The management one starts with
// terraform's listed prefix (M.V1.d6f4): once the default profile's tokens are listed, that names it.
const TERRAFORM_LIKE = 'M.V1.d6f4Qz7UiFoundTokenTest8fKx2LmP9vRt4WbN6cYh3JsE0uGa';
const DATABASE = 'apiv1_Qz7xLk2PbR7tYvWm4NcE1sHd8Ga6Uj0Of5Ti2Ky7Xw3Vn9Bq1Mr4Sp8AeZc3Hf6Jd-_Rk5';
const NOTEBOOK_DATABASE = 'apiv1_Hf6Jd-_Rk5Qz7xLk2PbR7tYvWm4NcE1sHd8Ga6Uj0Of5Ti2Ky7Xw3Vn9Bq1Mr4Sp8AeZc3';
const TERRAFORM_ID = 'd6f4b8c0-4e5a-4b9c-9d2e-3f4a5b6c7d8e';

describe('UI: tokens found in files', function () {
  this.timeout(120000);

  it('shows leaked tokens (.env, Kubernetes Secret, notebook) in the Problems panel, and revoking from the quick fix reaches influxctl', async () => {
    const w = wb();
    const dir = path.join(w.runDir, 'workspace');
    const files = {
      '.env': `INFLUX_HOST=https://cluster.example.com\nMANAGEMENT_TOKEN=${TERRAFORM_LIKE}\n`,
      'secret.yaml': `apiVersion: v1\nkind: Secret\nmetadata:\n  name: influx\ndata:\n  token: ${Buffer.from(DATABASE).toString('base64')}\n`,
      'query.ipynb': JSON.stringify({
        cells: [{ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: [`client = InfluxDBClient3(host="h", token="${NOTEBOOK_DATABASE}")\n`] }],
        metadata: {},
        nbformat: 4,
        nbformat_minor: 5,
      }),
    };
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    try {
      // The default profile's tokens listed, as the view shows them.
      await w.expandTo('default', 'terraform');
      for (const name of Object.keys(files)) await w.openFile(name);
      await w.runCommand('Problems: Focus on Problems View');
      const problems = w.page.locator('.markers-panel .monaco-list-row');
      const management = problems.filter({ hasText: 'InfluxDB management token "terraform" of profile "default" (active).' });
      await management.first().waitFor({ timeout: 20000 });
      const unknown = problems.filter({ hasText: 'An InfluxDB database token this extension does not know.' });
      // The Kubernetes Secret's (base64) and the notebook cell's.
      await unknown.nth(1).waitFor({ timeout: 20000 });
      assert.strictEqual(await unknown.count(), 2, (await problems.allInnerTexts()).join('\n'));
      const shown = (await problems.allInnerTexts()).join('\n');
      for (const secret of [TERRAFORM_LIKE, DATABASE, NOTEBOOK_DATABASE]) assert.ok(!shown.includes(secret.slice(9, 40)), 'no secret in the Problems panel');

      // The finding opens at its range; its quick fixes are offered there.
      await management.first().dblclick();
      await w.page.locator('.tab.active', { hasText: '.env' }).waitFor();
      await w.page.locator('.editor-instance .monaco-editor.focused').waitFor({ timeout: 10000 });
      const revoke = w.page.locator('.action-widget').getByText('Revoke this token…', { exact: true }).first();
      // Ctrl+. can come before the editor has the code actions of the position: asked again until the menu offers them.
      for (let attempt = 1; ; attempt++) {
        await w.page.keyboard.press('Control+.');
        try {
          await revoke.waitFor({ timeout: 5000 });
          break;
        } catch (err) {
          if (attempt === 3) throw err;
          await w.page.keyboard.press('Escape');
        }
      }
      await w.documentScreenshot('found-token-quick-fixes');
      await revoke.click();
      const dialog = w.dialog();
      await dialog.waitFor();
      assert.match(await dialog.innerText(), /Revoke this management token\?[\s\S]*terraform \(d6f4b8c0-4e5a-4b9c-9d2e-3f4a5b6c7d8e\)/);
      await dialog.locator('.monaco-button', { hasText: 'Revoke' }).first().click();
      await w.notification(/Revoked management token "terraform"/);
      assert.ok(w.state().profiles.default.tokens.find((t) => t.id === TERRAFORM_ID)?.revoked_at, 'the simulator shows it revoked');
    } finally {
      await w.page.keyboard.press('Escape');
      await w.runCommand('View: Close All Editors');
      for (const name of Object.keys(files)) fs.rmSync(path.join(dir, name), { force: true });
    }
  });

  it('a token row says in how many files its token was found, and Show Where Found opens the file with the token selected', async () => {
    const w = wb();
    // The secret of profile default's mgmt_token as config.toml holds it now (earlier tests may have rotated it).
    const profiles = (TOML.parse(fs.readFileSync(w.configPath, 'utf8')) as { profile: { name: string; mgmt_token: string }[] }).profile;
    const secret = profiles.find((p) => p.name === 'default')!.mgmt_token;
    const dir = path.join(w.runDir, 'workspace', 'copied');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'grafana.env'), `# for the dashboards\nMANAGEMENT_TOKEN=${secret}\n`);
    try {
      await w.clearToasts();
      await w.runCommand('InfluxDB Tokens: Find InfluxDB Tokens in Workspace');
      // The files of the test above are gone: only this copy holds a token.
      await w.notification(/InfluxDB tokens found in the workspace: 1, in files: 1\./);
      await w.clearToasts();
      await w.openView();
      await w.expand('default');
      await w.waitForRowDescription('default', /^1 leak · /);
      await w.expand('Management Tokens');
      const found = w.page.locator('.part.sidebar .monaco-list-row', { has: w.page.locator('.label-description', { hasText: 'found in 1 file' }) });
      await found.first().waitFor({ timeout: 20000 });
      const label = (await found.first().locator('.label-name').innerText()).trim();
      await w.contextMenu(label, 'Show Where Found');
      await w.page.locator('.tabs-container .tab.active', { hasText: 'grafana.env' }).waitFor();
      // The token's range is selected: line 2, from after `MANAGEMENT_TOKEN=` (column 18) to its end, where the cursor stands.
      await w.page.locator('.statusbar-item', { hasText: `Ln 2, Col ${18 + secret.length} (${secret.length} selected)` }).waitFor();
    } finally {
      await w.runCommand('View: Close All Editors');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
