import * as assert from 'assert';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { Node } from '../../src/tree/nodes';
import { isGone, ScriptedPrompts, profileNamed, services, waitFor, withPrompts } from './helpers';
import { closeStandIns, databaseRows, demoWithApis, profileRow } from './standIns';
const fixtures = require('../../scripts/lib/fixtures.js');

// Tokens handed to terminals, launch configurations and tasks (issue 22).

const GRAFANA_DASHBOARDS = '3f1c2b4a-5d6e-4f70-8a91-b2c3d4e5f601'; // default (Dedicated): read telemetry
const LOAD_GENERATOR = '7a2d3c4b-6e5f-4a81-9b02-c3d4e5f60701'; // staging (Clustered): write staging_metrics, staging_logs
const QA_READ_ONLY = '7a2d3c4b-6e5f-4a81-9b02-c3d4e5f60702'; // staging: read all databases
const DEDICATED_SECRET = 'apiv1_Zq3xK9mLp2Rt7Vw4Yb8Nc1Df6Gh0Jk5Ms3Qe2Ua9Ic7Oe1Xr4Tw8Pz6Lm3Nb5Vc2XdB';
const CLUSTERED_SECRET = 'apiv1_Hk2Lm9Np4Qr7St1Uv6Wx3Yz8Ab5Cd0Ef2Gh7Ij4Kl9Mn1Op6Qr3St8Uv5Wx0YzAaB';
const DATA_PLANE = 'https://cluster-id.a.influxdb.io';

async function storeDatabaseSecret(profile: string, id: string, secret: string): Promise<void> {
  const s = await services();
  await s.secrets.store(s.config.path, await profileNamed(profile), `database:${id}`, secret);
}

async function databaseRow(profile: string, id: string): Promise<Node> {
  const row = (await databaseRows(profile)).find((r) => r.node.kind === 'databaseToken' && r.node.token.id === id);
  assert.ok(row, `database token row ${id} of ${profile}`);
  return row.node;
}

async function openTerminal(prompts: ScriptedPrompts, arg: unknown): Promise<vscode.Terminal | undefined> {
  return withPrompts(prompts, async () => vscode.commands.executeCommand<vscode.Terminal | undefined>('influxdbTokens.openTerminalWithToken', arg));
}

function envOf(terminal: vscode.Terminal): Record<string, string | null | undefined> {
  return (terminal.creationOptions as vscode.TerminalOptions).env ?? {};
}

async function closeTerminal(terminal: vscode.Terminal): Promise<void> {
  const closed = new Promise<void>((resolve) => {
    const sub = vscode.window.onDidCloseTerminal((t) => {
      if (t !== terminal) return;
      sub.dispose();
      resolve();
    });
  });
  terminal.dispose();
  await closed;
}

async function forgetConsentsAndUrls(): Promise<void> {
  const s = await services();
  await s.workspaceState.update('influxdbTokens.handoverConsents', undefined);
  await s.state.update('influxdbTokens.dataPlaneUrls', undefined);
}

describe('Open Terminal with Token…', () => {
  beforeEach(forgetConsentsAndUrls);
  afterEach(closeStandIns);

  it('from a Clustered database token row: INFLUX_HOST from the profile, INFLUX_TOKEN, no INFLUX_DATABASE for two databases; transient; the handover lasts until the terminal closes', async () => {
    const { f } = await demoWithApis();
    await storeDatabaseSecret('staging', LOAD_GENERATOR, CLUSTERED_SECRET);
    const s = await services();
    const terminal = await openTerminal(new ScriptedPrompts([]), await databaseRow('staging', LOAD_GENERATOR));
    assert.ok(terminal, 'a terminal was opened');
    const options = terminal.creationOptions as vscode.TerminalOptions;
    assert.strictEqual(options.isTransient, true, 'VS Code does not revive it after a reload');
    assert.strictEqual(terminal.name, 'staging: load generator');
    const staging = await profileNamed('staging');
    assert.deepStrictEqual(envOf(terminal), { INFLUX_HOST: `https://127.0.0.1:${staging.port}`, INFLUX_TOKEN: CLUSTERED_SECRET });
    assert.deepStrictEqual(
      s.handovers.of(f.configPath, 'staging', LOAD_GENERATOR).map((h) => [h.kind, h.name, h.tokenKind]),
      [['terminal', 'staging: load generator', 'database']],
    );
    const settings = JSON.stringify(vscode.workspace.getConfiguration('terminal.integrated').get('env.linux') ?? {});
    assert.ok(!settings.includes(CLUSTERED_SECRET), 'nothing went into terminal.integrated.env');
    await closeTerminal(terminal);
    await waitFor('the handover ended', () => s.handovers.of(f.configPath, 'staging', LOAD_GENERATOR).length === 0 || undefined);
  });

  it('for Cloud Dedicated asks the data-plane URL once (validated), remembers it per cluster, and sets INFLUX_DATABASE for a token on one database', async () => {
    await demoWithApis();
    await storeDatabaseSecret('default', GRAFANA_DASHBOARDS, DEDICATED_SECRET);
    const asked = new ScriptedPrompts([
      {
        input: `${DATA_PLANE}/`,
        check: async (o) => {
          assert.match(String(o.prompt), /influxctl cluster get/);
          for (const bad of ['http://cluster-id.a.influxdb.io', 'cluster-id.a.influxdb.io', `${DATA_PLANE}/api/v2/write`, `https://${DEDICATED_SECRET}`]) {
            assert.ok(await o.validateInput!(bad), `${bad} is refused`);
          }
        },
      },
    ]);
    const first = await openTerminal(asked, await databaseRow('default', GRAFANA_DASHBOARDS));
    assert.ok(first);
    assert.strictEqual(asked.remaining, 0, 'the URL was asked');
    assert.deepStrictEqual(envOf(first), { INFLUX_HOST: DATA_PLANE, INFLUX_TOKEN: DEDICATED_SECRET, INFLUX_DATABASE: 'telemetry' });
    // Asked once: no question the second time (an unscripted question fails the test).
    const second = await openTerminal(new ScriptedPrompts([]), await databaseRow('default', GRAFANA_DASHBOARDS));
    assert.ok(second);
    assert.strictEqual(envOf(second).INFLUX_HOST, DATA_PLANE);
    const s = await services();
    assert.ok(!JSON.stringify(s.state.get('influxdbTokens.dataPlaneUrls')).includes('apiv1_'), 'only the URL is remembered');
    await closeTerminal(first);
    await closeTerminal(second);
  });

  it('from a profile row offers its mgmt_token and the tokens with stored secrets; the mgmt_token gives MANAGEMENT_TOKEN, INFLUXCTL_PROFILE, ACCOUNT_ID, CLUSTER_ID', async () => {
    await demoWithApis();
    await storeDatabaseSecret('default', GRAFANA_DASHBOARDS, DEDICATED_SECRET);
    const prompts = new ScriptedPrompts([{ pick: 'mgmt_token of profile "default"' }]);
    const terminal = await openTerminal(prompts, await profileRow('default'));
    assert.ok(terminal);
    assert.deepStrictEqual(prompts.picks[0].labels, ['mgmt_token of profile "default"', 'grafana dashboards'], 'only tokens whose secret is stored are offered');
    assert.deepStrictEqual(envOf(terminal), { MANAGEMENT_TOKEN: fixtures.GRAFANA_SECRET, INFLUXCTL_PROFILE: 'default', ACCOUNT_ID: fixtures.ACCOUNT_ID, CLUSTER_ID: fixtures.CLUSTER_ID });
    await closeTerminal(terminal);
  });

  it('from the palette asks for the profile, then the token', async () => {
    await demoWithApis();
    await storeDatabaseSecret('staging', LOAD_GENERATOR, CLUSTERED_SECRET);
    const prompts = new ScriptedPrompts([{ pick: 'staging' }, { pick: 'load generator' }]);
    const terminal = await openTerminal(prompts, undefined);
    assert.ok(terminal);
    assert.deepStrictEqual(prompts.picks[1].labels, ['mgmt_token of profile "staging"', 'load generator']);
    assert.strictEqual(envOf(terminal).INFLUX_TOKEN, CLUSTERED_SECRET);
    await closeTerminal(terminal);
  });

  it('refuses a token whose secret is not stored, saying why; opens no terminal', async () => {
    await demoWithApis();
    const s = await services();
    await s.secrets.delete(s.config.path, 'staging', `database:${QA_READ_ONLY}`);
    const before = vscode.window.terminals.length;
    const prompts = new ScriptedPrompts([]);
    const terminal = await openTerminal(prompts, await databaseRow('staging', QA_READ_ONLY));
    assert.strictEqual(terminal, undefined);
    assert.strictEqual(vscode.window.terminals.length, before);
    assert.match(prompts.shown[0].message, /secret of token "qa read-only" of profile "staging" is not stored in VS Code/);
  });

  it('is offered on token rows with a stored secret and on profile rows', async () => {
    const menus = vscode.extensions.getExtension('influxdb-tokens.influxdb-mgmt-tokens')!.packageJSON.contributes.menus['view/item/context'] as { command: string; when: string }[];
    const whens = menus.filter((m) => m.command === 'influxdbTokens.openTerminalWithToken').map((m) => m.when);
    const shown = (contextValue: string) => whens.some((w) => new RegExp(/viewItem =~ \/(.*)\//.exec(w)![1]).test(contextValue) && !(w.includes('!= profile.duplicated') && contextValue === 'profile.duplicated'));
    assert.deepStrictEqual(
      ['databaseToken.active.secret', 'databaseToken.active', 'databaseToken.revoked.secret', 'token.expiring.secret.inUse', 'token.active', 'profile.mgmt.default', 'profile.duplicated'].map(shown),
      [true, false, false, true, false, true, false],
    );
  });
});

function launchConfig(overrides: Partial<vscode.DebugConfiguration> = {}): vscode.DebugConfiguration {
  return { type: 'node', request: 'launch', name: 'report', program: '${workspaceFolder}/report.js', env: { LOG_LEVEL: 'debug' }, influxdbTokens: { profile: 'staging', databaseToken: LOAD_GENERATOR }, ...overrides };
}

async function resolveLaunch(prompts: ScriptedPrompts, config: vscode.DebugConfiguration): Promise<vscode.DebugConfiguration | null | undefined> {
  const s = await services();
  return withPrompts(prompts, async () => s.usingTokens.resolveLaunch(config));
}

describe('Launch configurations with influxdbTokens', () => {
  beforeEach(forgetConsentsAndUrls);
  afterEach(closeStandIns);

  it('adds the variables to env (keeping the user\'s), after a modal naming the configuration, profile and token, asked once per configuration as written', async () => {
    await demoWithApis();
    await storeDatabaseSecret('staging', LOAD_GENERATOR, CLUSTERED_SECRET);
    const prompts = new ScriptedPrompts([{ warn: 'Allow' }]);
    const resolved = await resolveLaunch(prompts, launchConfig());
    assert.ok(resolved);
    assert.strictEqual(prompts.shown[0].message, 'Give token "load generator" of profile "staging" to launch configuration "report"?');
    const staging = await profileNamed('staging');
    assert.deepStrictEqual(resolved.env, { LOG_LEVEL: 'debug', INFLUX_HOST: `https://127.0.0.1:${staging.port}`, INFLUX_TOKEN: CLUSTERED_SECRET });
    const s = await services();
    assert.ok(!JSON.stringify(s.workspaceState.get('influxdbTokens.handoverConsents')).includes('apiv1_'), 'the consent holds no secret');
    // The same configuration again: no question.
    assert.ok((await resolveLaunch(new ScriptedPrompts([]), launchConfig()))?.env);
    // The configuration changed (another program): asked again; declining stops the launch.
    const changed = new ScriptedPrompts([{ warn: undefined }]);
    assert.strictEqual(await resolveLaunch(changed, launchConfig({ program: '/tmp/other.js' })), undefined);
    assert.strictEqual(changed.shown.length, 1);
  });

  it('passes a configuration without influxdbTokens through untouched', async () => {
    const config: vscode.DebugConfiguration = { type: 'node', request: 'launch', name: 'plain' };
    assert.strictEqual(await resolveLaunch(new ScriptedPrompts([]), config), config);
  });

  it('refuses in an untrusted workspace, before any question', async () => {
    await demoWithApis();
    await storeDatabaseSecret('staging', LOAD_GENERATOR, CLUSTERED_SECRET);
    const s = await services();
    s.usingTokens.isTrusted = () => false;
    try {
      const prompts = new ScriptedPrompts([]);
      assert.strictEqual(await resolveLaunch(prompts, launchConfig()), undefined);
      assert.match(prompts.shown[0].message, /^Launch configuration "report" asks for token "load generator" of profile "staging", but this workspace is not trusted/);
      assert.deepStrictEqual(prompts.shown[0].actions, ['Manage Workspace Trust']);
    } finally {
      s.usingTokens.isTrusted = () => vscode.workspace.isTrusted;
    }
  });

  it('stops the launch with a next step for an unknown profile, an unknown token, a missing secret, or a malformed attribute', async () => {
    await demoWithApis();
    const s = await services();
    await s.secrets.delete(s.config.path, 'staging', `database:${QA_READ_ONLY}`);
    const cases: [vscode.DebugConfiguration, RegExp][] = [
      [launchConfig({ influxdbTokens: { profile: 'nope', databaseToken: LOAD_GENERATOR } }), /^Launch configuration "report" names profile "nope", which .*config\.toml does not have\. Name one of its profiles: "default", "staging"\.$/],
      [launchConfig({ influxdbTokens: { profile: 'staging', databaseToken: 'not-a-token' } }), /Launch configuration "report" names database token not-a-token, which profile "staging" does not have\. Copy the ID/],
      [launchConfig({ influxdbTokens: { profile: 'staging', databaseToken: QA_READ_ONLY } }), /secret of token "qa read-only" of profile "staging" is not stored in VS Code/],
      [launchConfig({ influxdbTokens: { profile: 'staging' } }), /"influxdbTokens" must be \{"profile": NAME, "databaseToken": ID\}/],
      [launchConfig({ influxdbTokens: { profile: 'staging', databaseToken: LOAD_GENERATOR, managementToken: true } }), /"influxdbTokens" must be/],
    ];
    for (const [config, expected] of cases) {
      const prompts = new ScriptedPrompts([{ warn: 'Allow' }]);
      assert.strictEqual(await resolveLaunch(prompts, config), undefined, JSON.stringify(config.influxdbTokens));
      const error = prompts.shown.find((m) => m.kind === 'error');
      assert.ok(error, `an error for ${JSON.stringify(config.influxdbTokens)}`);
      assert.match(error.message, expected);
    }
  });

  it('managementToken: true gives the profile\'s mgmt_token; without one, offers to set it', async () => {
    await demoWithApis();
    const prompts = new ScriptedPrompts([{ warn: 'Allow' }]);
    const resolved = await resolveLaunch(prompts, launchConfig({ env: undefined, influxdbTokens: { profile: 'staging', managementToken: true } }));
    assert.deepStrictEqual(resolved?.env, { MANAGEMENT_TOKEN: fixtures.STAGING_SECRET, INFLUXCTL_PROFILE: 'staging' });
    await demoWithApis((c) => c.replace(`    mgmt_token = "${fixtures.STAGING_SECRET}"\n`, ''));
    const without = new ScriptedPrompts([{ warn: 'Allow' }]);
    assert.strictEqual(await resolveLaunch(without, launchConfig({ name: 'other', influxdbTokens: { profile: 'staging', managementToken: true } })), undefined);
    const error = without.shown.find((m) => m.kind === 'error')!;
    assert.match(error.message, /Profile "staging" has no mgmt_token in config\.toml/);
    assert.deepStrictEqual(error.actions, ['Set mgmt_token…']);
  });

  it('a real debug session gets the variables (any debugger: node here), and its end ends the handover', async function () {
    // js-debug activates on the first session: slow on a loaded machine.
    this.timeout(120000);
    const { f } = await demoWithApis();
    await storeDatabaseSecret('staging', LOAD_GENERATOR, CLUSTERED_SECRET);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'influxdb-launch-'));
    const program = path.join(dir, 'hash.js');
    const out = path.join(dir, 'hash.txt');
    fs.writeFileSync(program, `require('fs').writeFileSync(${JSON.stringify(out)}, require('crypto').createHash('sha256').update(process.env.INFLUX_TOKEN || '').digest('hex'));\n`);
    const s = await services();
    const ended = new Promise<void>((resolve) => {
      const sub = vscode.debug.onDidTerminateDebugSession(() => {
        sub.dispose();
        resolve();
      });
    });
    // Untitled documents other tests left dirty would make the start ask where to save them.
    const debugSettings = vscode.workspace.getConfiguration('debug');
    await debugSettings.update('saveBeforeStart', 'none', vscode.ConfigurationTarget.Global);
    await withPrompts(new ScriptedPrompts([{ warn: 'Allow' }]), async () => {
      const started = await vscode.debug.startDebugging(undefined, { type: 'node', request: 'launch', name: 'hash token', program, runtimeExecutable: process.execPath, influxdbTokens: { profile: 'staging', databaseToken: LOAD_GENERATOR } });
      assert.ok(started, 'the debug session started');
      await waitFor('the handover', () => s.handovers.of(f.configPath, 'staging', LOAD_GENERATOR).some((h) => h.kind === 'launch') || undefined);
      await waitFor('the program to write the hash', () => fs.existsSync(out) || undefined, 90000);
      await ended;
    }).finally(() => debugSettings.update('saveBeforeStart', undefined, vscode.ConfigurationTarget.Global));
    assert.strictEqual(fs.readFileSync(out, 'utf8'), createHash('sha256').update(CLUSTERED_SECRET).digest('hex'));
    await waitFor('the handover ended', () => s.handovers.of(f.configPath, 'staging', LOAD_GENERATOR).length === 0 || undefined);
  });
});

describe('Tasks of type influxdbTokens', () => {
  beforeEach(forgetConsentsAndUrls);
  afterEach(closeStandIns);

  /** Runs a task of the definition (resolved as tasks.json's would be) until it ends. */
  async function runTask(prompts: ScriptedPrompts, definition: vscode.TaskDefinition, name = 'hash token'): Promise<void> {
    const s = await services();
    const task = s.usingTokens.resolveTask(new vscode.Task(definition, vscode.TaskScope.Workspace, name, 'influxdbTokens'));
    assert.ok(task, 'the provider resolves the task');
    await withPrompts(prompts, async () => {
      const ended = new Promise<void>((resolve) => {
        const sub = vscode.tasks.onDidEndTask((e) => {
          if (e.execution.task.name !== name) return;
          sub.dispose();
          resolve();
        });
      });
      await vscode.tasks.executeTask(task);
      await ended;
    });
  }

  function hashCommand(out: string): string {
    const script = "require('fs').writeFileSync(process.argv[1], require('crypto').createHash('sha256').update(process.env.INFLUX_TOKEN || '').digest('hex'))";
    return `"${process.execPath}" -e "${script}" "${out}"`;
  }

  it('runs the command with INFLUX_TOKEN in its environment only (it writes the SHA-256, never the token), after consent; the handover ends with it', async () => {
    const { f } = await demoWithApis();
    await storeDatabaseSecret('staging', LOAD_GENERATOR, CLUSTERED_SECRET);
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'influxdb-task-')), 'hash.txt');
    const prompts = new ScriptedPrompts([{ warn: 'Allow' }]);
    await runTask(prompts, { type: 'influxdbTokens', command: hashCommand(out), profile: 'staging', databaseToken: LOAD_GENERATOR });
    assert.strictEqual(prompts.shown[0].message, 'Give token "load generator" of profile "staging" to task "hash token"?');
    assert.strictEqual(fs.readFileSync(out, 'utf8'), createHash('sha256').update(CLUSTERED_SECRET).digest('hex'));
    const s = await services();
    assert.deepStrictEqual(s.handovers.of(f.configPath, 'staging', LOAD_GENERATOR), [], 'the handover ended with the task');
  });

  it('stops the command when the task is terminated, and the handover ends', async () => {
    const { f } = await demoWithApis();
    await storeDatabaseSecret('staging', LOAD_GENERATOR, CLUSTERED_SECRET);
    const pidFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'influxdb-task-')), 'pid.txt');
    const s = await services();
    const definition = { type: 'influxdbTokens', command: `"${process.execPath}" -e "require('fs').writeFileSync(process.argv[1], String(process.pid)); setTimeout(() => {}, 120000)" "${pidFile}"`, profile: 'staging', databaseToken: LOAD_GENERATOR };
    const task = s.usingTokens.resolveTask(new vscode.Task(definition, vscode.TaskScope.Workspace, 'long task', 'influxdbTokens'))!;
    await withPrompts(new ScriptedPrompts([{ warn: 'Allow' }]), async () => {
      const ended = new Promise<void>((resolve) => {
        const sub = vscode.tasks.onDidEndTask((e) => {
          if (e.execution.task.name !== 'long task') return;
          sub.dispose();
          resolve();
        });
      });
      const execution = await vscode.tasks.executeTask(task);
      const pid = Number(await waitFor('the command started', () => (fs.existsSync(pidFile) ? fs.readFileSync(pidFile, 'utf8') || undefined : undefined)));
      assert.strictEqual(s.handovers.of(f.configPath, 'staging', LOAD_GENERATOR).length, 1, 'the running task holds the token');
      execution.terminate();
      await ended;
      await waitFor('the command was stopped', () => isGone(pid) || undefined);
    });
    assert.deepStrictEqual(s.handovers.of(f.configPath, 'staging', LOAD_GENERATOR), []);
  });

  it('does not run in an untrusted workspace', async () => {
    await demoWithApis();
    await storeDatabaseSecret('staging', LOAD_GENERATOR, CLUSTERED_SECRET);
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'influxdb-task-')), 'hash.txt');
    const s = await services();
    s.usingTokens.isTrusted = () => false;
    try {
      const prompts = new ScriptedPrompts([]);
      await runTask(prompts, { type: 'influxdbTokens', command: hashCommand(out), profile: 'staging', databaseToken: LOAD_GENERATOR }, 'untrusted task');
      assert.match(prompts.shown[0].message, /^Task "untrusted task" asks for token "load generator" of profile "staging", but this workspace is not trusted/);
      assert.ok(!fs.existsSync(out), 'the command did not run');
    } finally {
      s.usingTokens.isTrusted = () => vscode.workspace.isTrusted;
    }
  });

  it('declares its task type with command and profile required', () => {
    const defs = vscode.extensions.getExtension('influxdb-tokens.influxdb-mgmt-tokens')!.packageJSON.contributes.taskDefinitions as { type: string; required: string[]; properties: Record<string, unknown> }[];
    assert.deepStrictEqual(defs.map((d) => [d.type, d.required, Object.keys(d.properties)]), [['influxdbTokens', ['command', 'profile'], ['command', 'profile', 'databaseToken', 'managementToken', 'cwd']]]);
  });
});
