import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { EXTENSION_ID, ScriptedPrompts, services, useFixture, waitFor, withPrompts } from './helpers';

const ACCOUNT = '11111111-2222-4333-8444-555555555555';
const CLUSTER = '66666666-7777-4888-9999-000000000000';

async function addProfile(prompts: ScriptedPrompts): Promise<boolean | undefined> {
  return withPrompts(prompts, async () => vscode.commands.executeCommand<boolean>('influxdbTokens.addProfile'));
}

async function profileNames(): Promise<string[]> {
  const state = await (await services()).config.reload();
  return state.kind === 'ok' ? state.profiles.map((p) => p.name) : [];
}

describe('Add Profile…', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('adds a Cloud Dedicated profile to an empty config.toml, validating each answer and keeping them through Back', async () => {
    const f = await useFixture({ config: '' });
    let verdicts: unknown[] = [];
    const prompts = new ScriptedPrompts([
      { pick: 'InfluxDB Cloud Dedicated' },
      { input: 'prod' },
      { back: 'input' },
      { accept: 'input' },
      {
        input: ACCOUNT,
        check: async (o) => {
          verdicts = await Promise.all(['', 'not-a-uuid', ACCOUNT].map((v) => o.validateInput!(v)));
        },
      },
      { input: CLUSTER },
      { inform: undefined },
    ]);
    assert.strictEqual(await addProfile(prompts), true);
    assert.deepStrictEqual(
      prompts.asked.map((a) => `${a.kind} ${a.step?.step}/${a.step?.totalSteps} ${a.offered ?? ''}`.trim()),
      ['pick 1/4', 'input 2/4 default', 'input 3/4', 'input 2/4 prod', 'input 3/4', 'input 4/4'],
    );
    assert.match(String(verdicts[0]), /no account_id/);
    assert.match(String(verdicts[1]), /not a UUID/);
    assert.strictEqual(verdicts[2], undefined);
    assert.strictEqual(
      fs.readFileSync(f.configPath, 'utf8'),
      `[[profile]]\n    name = "prod"\n    product = "dedicated"\n    account_id = "${ACCOUNT}"\n    cluster_id = "${CLUSTER}"\n`,
    );
    assert.deepStrictEqual(await profileNames(), ['prod']);
    assert.match(prompts.shown.find((m) => m.kind === 'inform')!.message, /Added profile "prod" to config\.toml/);
    assert.deepStrictEqual(prompts.shown.find((m) => m.kind === 'inform')!.actions, ['Set mgmt_token…'], 'the secret is set through Set mgmt_token…, never asked here');
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.fsPath, f.configPath, 'config.toml is opened');
  });

  it('appends a Clustered profile to a CRLF file with comments, the rest of it untouched; names in use are refused', async () => {
    const original = '# my profiles\r\n[[profile]]\r\n  name = "default"   # the first\r\n  product = "clustered"\r\n  host = "a.example.com"\r\n';
    const f = await useFixture({ config: original });
    let taken: unknown;
    const prompts = new ScriptedPrompts([
      { pick: 'InfluxDB Clustered' },
      {
        input: 'edge',
        check: async (o) => {
          assert.strictEqual(o.value, undefined, '"default" is taken: no name is suggested');
          taken = await o.validateInput!('default');
        },
      },
      { input: 'influx.example.com' },
      { input: '8443' },
      { inform: undefined },
    ]);
    assert.strictEqual(await addProfile(prompts), true);
    assert.match(String(taken), /already has a profile named "default"/);
    const text = fs.readFileSync(f.configPath, 'utf8');
    assert.strictEqual(text, `${original}\r\n[[profile]]\r\n  name = "edge"\r\n  product = "clustered"\r\n  host = "influx.example.com"\r\n  port = "8443"\r\n`);
    assert.deepStrictEqual(await profileNames(), ['default', 'edge']);
  });

  it('creates config.toml when there is none, owner-only, and offers Set mgmt_token… for the new profile', async () => {
    const f = await useFixture({ config: '' });
    const configPath = path.join(f.dir, 'new', 'config.toml');
    await vscode.workspace.getConfiguration('influxdbTokens').update('configPath', configPath, vscode.ConfigurationTarget.Global);
    await waitFor('the extension to follow the setting', async () => (await services()).config.path === configPath || undefined);
    const prompts = new ScriptedPrompts([{ pick: 'InfluxDB Clustered' }, { accept: 'input' }, { input: 'h.example.com' }, { input: '' }, { inform: 'Set mgmt_token…' }, { cancel: 'input' }]);
    try {
      // The offer is answered after the command returns: the scripted answers stay in place until then.
      const added = await withPrompts(prompts, async () => {
        const done = await vscode.commands.executeCommand<boolean>('influxdbTokens.addProfile');
        await waitFor('Set mgmt_token… to ask for the secret', () => prompts.remaining === 0 || undefined);
        return done;
      });
      assert.strictEqual(added, true);
      const text = fs.readFileSync(configPath, 'utf8');
      assert.match(text, /^## influxctl - connection profiles\n/);
      assert.ok(text.endsWith('\n\n[[profile]]\n    name = "default"\n    product = "clustered"\n    host = "h.example.com"\n'), text);
      if (process.platform !== 'win32') assert.strictEqual(fs.statSync(configPath).mode & 0o777, 0o600);
      assert.strictEqual(prompts.inputs.at(-1)?.title, 'Set mgmt_token of "default"');
    } finally {
      await vscode.workspace.getConfiguration('influxdbTokens').update('configPath', f.configPath, vscode.ConfigurationTarget.Global);
      await waitFor('the extension to follow the setting back', async () => (await services()).config.path === f.configPath || undefined);
    }
  });

  it('writes nothing when cancelled', async () => {
    const f = await useFixture({ config: '' });
    assert.strictEqual(await addProfile(new ScriptedPrompts([{ pick: 'InfluxDB Cloud Dedicated' }, { accept: 'input' }, { cancel: 'input' }])), false);
    assert.strictEqual(fs.readFileSync(f.configPath, 'utf8'), '');
  });

  it('is in the palette, the view\'s "..." menu and the welcome of a config.toml without profiles', () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
      contributes: { menus: Record<string, { command: string; when?: string }[]>; viewsWelcome: { contents: string; when: string }[] };
    };
    assert.ok(pkg.contributes.menus['view/title'].some((m) => m.command === 'influxdbTokens.addProfile'));
    assert.ok(!(pkg.contributes.menus.commandPalette ?? []).some((m) => m.command === 'influxdbTokens.addProfile'), 'not hidden from the palette');
    const welcome = pkg.contributes.viewsWelcome.find((w) => w.when === 'influxdbTokens.state == noProfiles')!;
    assert.match(welcome.contents, /\[Add Profile…\]\(command:influxdbTokens\.addProfile\)/);
  });
});
