import * as assert from 'assert';
import { wb } from './session';
import type { StandInToken } from '../fixtures/standInState';

const ADMIN_SCRIPTS = '3f1c2b4a-5d6e-4f70-8a91-b2c3d4e5f604';


describe('UI: rotate a database token', function () {
  this.timeout(120000);

  it('rotates a database token from its row: the expiry asked, the old one revoked after the modal, a new one with the same permissions listed', async () => {
    const w = wb();
    await w.clearToasts();
    await w.expand('default');
    await w.expandTo('Database Tokens', 'admin scripts');
    assert.strictEqual(await w.rowDescription('admin scripts'), 'never expires · read/write all databases');

    await w.contextMenu('admin scripts', 'Rotate Database Token…');
    // The old token never expires: Never is preselected.
    await w.pick('Never');
    const dialog = w.dialog();
    await dialog.waitFor();
    const text = await dialog.innerText();
    assert.match(text, /Revoke the old token "admin scripts" now\?/);
    assert.match(text, /has the same permissions and its secret is stored securely in VS Code/);
    assert.match(text, /Agents such as Telegraf[\s\S]*A new token can take a few seconds to be accepted/);
    const tokens = () => (w.state() as unknown as { clusters: Record<string, { databaseTokens: StandInToken[] }> }).clusters.default.databaseTokens;
    assert.ok(!tokens().find((t) => t.id === ADMIN_SCRIPTS)!.revokedAt, 'nothing is revoked before the modal is answered');
    await dialog.locator('.monaco-button', { hasText: 'Revoke Old Token' }).first().click();
    await w.notification(/Rotate database token "admin scripts": done, the old token is revoked\./);

    const old = tokens().find((t) => t.id === ADMIN_SCRIPTS)!;
    const created = tokens().find((t) => t.description.startsWith('admin scripts (rotated '))!;
    assert.ok(old.revokedAt, 'the stand-in revoked the old token');
    assert.ok(created && !created.revokedAt, 'the new token is active');
    assert.deepStrictEqual(created.permissions, old.permissions);
    assert.strictEqual(created.expiresAt, undefined, 'Never sends no expiry');
    await w.row('admin scripts').waitFor({ state: 'detached', timeout: 30000 });
    assert.match(await w.waitForRowDescription(created.description, /^never expires · read\/write all databases · secret stored$/), /secret stored$/);

    await w.viewAction('Show or Hide Revoked Tokens');
    await w.row('admin scripts').waitFor();
    assert.match(await w.rowDescription('admin scripts'), /^revoked\b/);
    await w.viewAction('Show or Hide Revoked Tokens');
    // The view has re-rendered without revoked rows before it is tidied up.
    await w.row('admin scripts').waitFor({ state: 'detached', timeout: 30000 });
    await w.collapse('Database Tokens');
  });
});
