import * as assert from 'assert';
import * as vscode from 'vscode';
import { Command } from '../../src/base/commandIds';
import { EXTENSION_ID, services } from './helpers';

/** Every command ID, from the one list the extension registers from. */
const COMMANDS: string[] = Object.values(Command);

const SPEC_SETTINGS: Record<string, unknown> = {
  influxctlPath: 'influxctl',
  configPath: '',
  timeoutSeconds: 60,
  showRevoked: false,
  expiryWarningDays: 7,
  findTokensInEditors: true,
  findTokensExclude: [],
};

describe('manifest and activation', () => {
  before(async () => {
    await services();
  });

  it('registers every command, the 11 of the spec among them', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepStrictEqual(COMMANDS.filter((c) => !registered.has(c)), []);
    const spec = ['refresh', 'createToken', 'revokeToken', 'copyTokenId', 'copySecret', 'setProfileToken', 'openConfig', 'toggleRevoked', 'filter', 'verifyToken', 'rotateProfileToken'];
    assert.deepStrictEqual(spec.filter((c) => !COMMANDS.includes(`influxdbTokens.${c}`)), []);
  });

  it('contributes every command it registers, with category InfluxDB Tokens', async () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: { command: string; category: string }[] } };
    const contributed = new Map(pkg.contributes.commands.map((c) => [c.command, c.category]));
    assert.deepStrictEqual([...contributed.keys()].sort(), [...COMMANDS].sort(), 'package.json contributes exactly the commands of commandIds.ts');
    for (const id of COMMANDS) assert.strictEqual(contributed.get(id), 'InfluxDB Tokens', id);
    const registered = (await vscode.commands.getCommands(true)).filter((c) => c.startsWith('influxdbTokens.'));
    // VS Code itself registers view commands such as influxdbTokens.profiles.focus.
    for (const id of registered.filter((c) => !c.startsWith('influxdbTokens.profiles.'))) assert.ok(contributed.has(id), `${id} is registered but not contributed`);
  });

  it('declares every setting of the spec with its default and a description', () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
      contributes: { configuration: { properties: Record<string, { default: unknown; markdownDescription?: string; description?: string }> } };
    };
    const props = pkg.contributes.configuration.properties;
    for (const [key, value] of Object.entries(SPEC_SETTINGS)) {
      const p = props[`influxdbTokens.${key}`];
      assert.ok(p, `setting ${key} is declared`);
      assert.deepStrictEqual(p.default, value, `default of ${key}`);
      assert.ok((p.markdownDescription ?? p.description ?? '').length > 20, `${key} has a description`);
      const inspected = vscode.workspace.getConfiguration('influxdbTokens').inspect(key);
      assert.deepStrictEqual(inspected?.defaultValue, value, `runtime default of ${key}`);
    }
  });

  it('reads exactly the settings package.json declares', async () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { configuration: { properties: Record<string, unknown> } } };
    const declared = Object.entries(pkg.contributes.configuration.properties).filter(([k]) => k.startsWith('influxdbTokens.'));
    const current = (await services()).settings.current;
    assert.deepStrictEqual(Object.keys(current).sort(), declared.map(([k]) => k.slice('influxdbTokens.'.length)).sort());
  });

  it('lets no workspace choose the executable or the config file, and declares Workspace Trust and virtual workspaces', () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
      contributes: { configuration: { properties: Record<string, { scope?: string }> } };
      capabilities: { untrustedWorkspaces: { supported: string; description: string; restrictedConfigurations: string[] }; virtualWorkspaces: unknown };
    };
    const props = pkg.contributes.configuration.properties;
    for (const key of ['influxdbTokens.influxctlPath', 'influxdbTokens.configPath']) {
      assert.strictEqual(props[key].scope, 'machine', `${key} is a machine setting: workspace and folder settings cannot set it`);
    }
    const trust = pkg.capabilities.untrustedWorkspaces;
    assert.strictEqual(trust.supported, 'limited');
    assert.deepStrictEqual([...trust.restrictedConfigurations].sort(), ['influxdbTokens.configPath', 'influxdbTokens.influxctlPath']);
    assert.ok(trust.description.length > 40);
    assert.notStrictEqual(pkg.capabilities.virtualWorkspaces, undefined);
  });

  it('contributes the activity-bar container and the Profiles view', () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
      contributes: { viewsContainers: { activitybar: { id: string; title: string }[] }; views: Record<string, { id: string; name: string }[]> };
      engines: { vscode: string };
    };
    assert.deepStrictEqual(pkg.contributes.viewsContainers.activitybar.map((c) => [c.id, c.title]), [['influxdbTokens', 'InfluxDB Tokens']]);
    assert.deepStrictEqual(pkg.contributes.views.influxdbTokens.map((v) => [v.id, v.name]), [['influxdbTokens.profiles', 'Profiles']]);
  });
});

describe('secrets stay out of VS Code\'s Local History', () => {
  it('excludes influxctl config.toml files (which may hold mgmt_token) from Local History by default', () => {
    const exclude = vscode.workspace.getConfiguration('workbench.localHistory').get<Record<string, boolean>>('exclude');
    assert.strictEqual(exclude?.['**/influxctl/config.toml'], true);
  });
});
