import * as fs from 'fs';
import * as path from 'path';
import { wb } from './session';

// Made at run time: no token-shaped literal sits in the repository.
const BODY = 'Xk3pQ9vL2mZ7tR4wY8nB1cF6hJ0sD5gK3aE7uI2oP9qW4eR8tY1uI6oP3aS5dF';
const DATABASE_TOKEN = `apiv1_${BODY}`;
const MANAGEMENT_TOKEN = `M.V1.${BODY.slice(0, 20)}/${BODY.slice(20, 40)}+Qa==`;

describe('UI: tokens found in the workspace', function () {
  this.timeout(120000);

  it('Find InfluxDB Tokens in Workspace lists a .env, two Kubernetes Secrets and a notebook in the Problems panel', async () => {
    const w = wb();
    const dir = path.join(w.runDir, 'workspace', 'leaky');
    const write = (file: string, text: string): void => {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    };
    write('.env', `INFLUX_TOKEN=${DATABASE_TOKEN}\n`);
    write('deploy/secret.yaml', `apiVersion: v1\nkind: Secret\nmetadata:\n  name: influxdb\ndata:\n  token: ${Buffer.from(MANAGEMENT_TOKEN).toString('base64')}\n`);
    // A whole .env in a Secret (kubectl create secret generic --from-file=.env).
    write('deploy/env-secret.yaml', `apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-env\ndata:\n  .env: ${Buffer.from(`DEBUG=1\nINFLUX_TOKEN=${DATABASE_TOKEN}\n`).toString('base64')}\n`);
    write('notebooks/explore.ipynb', JSON.stringify({ cells: [{ cell_type: 'code', source: [`token = "${MANAGEMENT_TOKEN}"`] }], nbformat: 4 }).replace(/\//g, '\\/'));
    try {
      await w.clearToasts();
      await w.runCommand('InfluxDB Tokens: Find InfluxDB Tokens in Workspace');
      await w.clickToastButton(/InfluxDB tokens found in the workspace: 4, in files: 4\./, 'Show Problems');
      const panel = w.page.locator('.markers-panel');
      for (const name of ['.env', 'secret.yaml', 'env-secret.yaml', 'explore.ipynb']) await panel.locator('.monaco-list-row', { hasText: name }).first().waitFor({ timeout: 20000 });
      await panel.locator('.monaco-list-row', { hasText: 'InfluxDB database token found in a file.' }).first().waitFor();
      await panel.locator('.monaco-list-row', { hasText: 'InfluxDB management token found in a file.' }).first().waitFor();
      await w.screenshot('workspace scan in the Problems panel');
      if (process.env.UPDATE_SCREENSHOTS === '1') await w.clearToasts();
      await w.documentScreenshot('workspace-scan-problems');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

});
