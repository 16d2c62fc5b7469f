import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { EXTENSION_ID, isGone, managementGroup, ScriptedPrompts, services, useFixture, waitFor, withPrompts } from './helpers';

/** Waits until the extension follows edits of config.toml on disk: its watcher is running. */
async function watcherFollows(configPath: string): Promise<void> {
  const s = await services();
  for (let probe = 1; ; probe++) {
    fs.appendFileSync(configPath, `# watcher probe ${probe}\n`);
    try {
      await waitFor('the watcher to see the probe', async () => {
        const state = await s.config.state();
        return state.kind === 'ok' && state.text.includes(`# watcher probe ${probe}`) ? true : undefined;
      }, 1000);
      return;
    } catch (err) {
      if (probe >= 20) throw err;
    }
  }
}

async function rootRows() {
  const s = await services();
  const nodes = await s.tree.getChildren();
  return nodes.map((n) => ({ node: n, item: s.tree.getTreeItem(n) }));
}

describe('config.toml changing under the extension', () => {
  it('shows the welcome view when config.toml is deleted, and the profiles when it is back', async () => {
    const f = await useFixture();
    const text = fs.readFileSync(f.configPath, 'utf8');
    const s = await services();
    await watcherFollows(f.configPath);
    fs.rmSync(f.configPath);
    await waitFor('the missing state', async () => ((await s.config.state()).kind === 'missing' ? true : undefined));
    assert.deepStrictEqual(await rootRows(), [], 'an empty tree, so that the welcome view shows');
    await waitFor('the "no config.toml" welcome view', () => (s.view.state === 'noConfig' ? true : undefined));
    fs.writeFileSync(f.configPath, text);
    await waitFor('profiles again', async () => ((await rootRows()).length === 2 ? true : undefined));
    await waitFor('the rows instead of a welcome view', () => (s.view.state === 'ok' ? true : undefined));
  });

  it('says so when config.toml is replaced by a folder, and writes nothing', async () => {
    const f = await useFixture();
    const s = await services();
    await watcherFollows(f.configPath);
    fs.rmSync(f.configPath);
    fs.mkdirSync(f.configPath);
    try {
      await waitFor('the folder error', async () => {
        const rows = await rootRows();
        return rows.length === 1 && /is a folder, not a file/.test(String(rows[0].item.label)) ? true : undefined;
      });
      const prompts = new ScriptedPrompts([{ input: 'M.V1.abcdNotWrittenAnywhere0123456789XYZ' }]);
      const done = await withPrompts(prompts, () =>
        Promise.resolve(vscode.commands.executeCommand('influxdbTokens.setProfileToken', { kind: 'profile', configPath: f.configPath, profile: { name: 'default' } })),
      );
      assert.notStrictEqual(done, true);
      assert.ok(fs.statSync(f.configPath).isDirectory(), 'the folder is left alone');
      // The row is checked against config.toml before anything else: the command says the file is a folder.
      assert.match(prompts.shown.find((m) => m.kind === 'error')?.message ?? '', /is a folder, not a file/);
    } finally {
      fs.rmSync(f.configPath, { recursive: true, force: true });
      await s.config.reload();
    }
  });
});

describe('what the welcome views and refresh rely on', () => {
  it('shows the profiles when influxctl cannot be run: the Management Tokens group says where it looked and offers the fixes', async () => {
    await useFixture();
    const s = await services();
    const c = vscode.workspace.getConfiguration('influxdbTokens');
    await c.update('influxctlPath', '/nonexistent/influxctl', vscode.ConfigurationTarget.Global);
    try {
      const profiles = await waitFor('the profile rows', async () => {
        const rows = await rootRows();
        return rows.length > 0 ? rows : undefined;
      });
      assert.strictEqual(s.view.state, 'ok', 'no welcome view: the profiles show');
      const rows = await s.tree.getChildren(await managementGroup(profiles[0].node));
      assert.strictEqual(rows.length, 1);
      const item = s.tree.getTreeItem(rows[0]);
      assert.strictEqual(item.contextValue, 'noInfluxctl', 'the row offers Set influxctl Path and Install influxctl (package.json menus)');
      assert.strictEqual(item.label, 'influxctl not found: /nonexistent/influxctl');
      assert.strictEqual(item.command, undefined, 'a message row starts nothing when clicked');
      assert.match(String(item.tooltip), /Database tokens, Test Management Token and the config\.toml help work without it\./);
      // The Database Tokens group is there and does not need influxctl.
      assert.ok((await s.tree.getChildren(profiles[0].node)).some((n) => n.kind === 'group' && n.group === 'database'));
      const menus = (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { menus: Record<string, { command: string; when?: string; group?: string }[]> } }).contributes.menus['view/item/context'];
      const inline = menus.filter((m) => m.when?.includes('viewItem == noInfluxctl') && m.group?.startsWith('inline')).map((m) => m.command);
      assert.deepStrictEqual(inline, ['influxdbTokens.setInfluxctlPath', 'influxdbTokens.installInfluxctl']);
    } finally {
      await useFixture();
    }
  });

  it('a refresh while a list runs cancels it (the process is stopped) instead of running two', async () => {
    const f = await useFixture();
    const state = f.state();
    // Far longer than the test waits: only a kill ends it in time.
    state.profiles.staging.fault = { commands: ['list'], delayMs: 50000 };
    f.setState(state);
    const s = await services();
    const node = (await s.tree.getChildren()).find((n) => n.kind === 'profile' && n.profile.name === 'staging')!;
    const first = s.tree.getChildren(await managementGroup(node));
    await waitFor('the first list to start', () => (f.calls().some((a) => a.includes('--profile') && a.includes('staging')) ? true : undefined));
    const pid = f.pidOf('staging');
    await vscode.commands.executeCommand('influxdbTokens.refresh');
    const rows = await first;
    // Stopped, not awaited: the row says why, and the process is gone.
    assert.match(String(s.tree.getTreeItem(rows[0]).label), /Cancelled/);
    await waitFor('the running list to be gone', () => (isGone(pid) ? true : undefined));
  });
});
