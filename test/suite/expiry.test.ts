import * as assert from 'assert';
import * as vscode from 'vscode';
import { DAY, managementGroup, ScriptedPrompts, services, token, useFixture, withPrompts } from './helpers';

const ID = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const SECRET = 'M.V1.9a8bQz7SecretOfTheExpiryTestProfile0123456789abcdef';

/** A profile configured with a management token created `createdDaysAgo` ago that expires in `expiresInDays`. */
async function configuredWith(createdDaysAgo: number, expiresInDays: number) {
  const config = `[[profile]]\n  name = "local"\n  product = "clustered"\n  host = "127.0.0.1"\n  mgmt_token = "${SECRET}"\n`;
  const configured = token(ID, 'short-lived', { created: -createdDaysAgo * DAY, expires: expiresInDays * DAY, prefix: SECRET.slice(0, 9) });
  await useFixture({ config, state: { version: '2.11.0', profiles: { local: { tokens: [configured], issued: { [ID]: SECRET } } } } });
  const s = await services();
  const [profile] = await s.tree.getChildren();
  const [row] = await s.tree.getChildren(await managementGroup(profile));
  const prompts = new ScriptedPrompts([]);
  const warnings = await withPrompts(prompts, () => s.expiry.instance().check());
  return { row: s.tree.getTreeItem(row), warnings, notes: prompts.shown.filter((m) => m.kind === 'inform') };
}

describe('Expiring, relative to a token\'s lifetime', () => {
  it('a 7-day token just created is active in the tree and raises no status bar warning or notification', async () => {
    const { row, warnings, notes } = await configuredWith(0, 7);
    assert.strictEqual(row.contextValue, 'token.active.inUse');
    assert.notStrictEqual((row.iconPath as vscode.ThemeIcon).id, 'warning');
    assert.deepStrictEqual(warnings, []);
    assert.deepStrictEqual(notes, []);
  });

  it('a 7-day token with a day left is expiring in the tree and the status bar alike', async () => {
    const { row, warnings } = await configuredWith(6, 1);
    assert.strictEqual(row.contextValue, 'token.expiring.inUse');
    assert.deepStrictEqual(warnings.map((w) => [w.profile.name, w.key, w.status]), [['local', 'mgmt_token', 'expiring']]);
    const s = await services();
    assert.match(s.expiry.instance().statusBar.text, /^\$\(warning\) local: mgmt_token expires in/);
  });
});
