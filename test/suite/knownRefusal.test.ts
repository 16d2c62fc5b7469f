import * as assert from 'assert';
import * as vscode from 'vscode';
import { profileNamed, ScriptedPrompts, services, useFixture, withPrompts } from './helpers';
import { closeStandIns, databaseGroup, demoWithApis } from './standIns';

const REFUSED = 'Error: rpc error: code = PermissionDenied desc = token M.V1.abcdEFGHijkl1234567890XYZ may not list tokens\n';

/** The demo config whose influxctl refuses to list the management tokens of profile default, and that refusal in the model. */
async function refusedList(stderr = REFUSED) {
  const f = await useFixture();
  const state = f.state();
  state.profiles.default.fault = { commands: ['list'], exitCode: 1, stderr };
  f.setState(state);
  const s = await services();
  const load = await s.tokens.load(f.configPath, await profileNamed('default'));
  assert.strictEqual(load.kind, 'error');
  return f;
}

function createCalls(f: { calls(): string[][] }): string[][] {
  return f.calls().filter((argv) => argv.includes('create'));
}

describe('A create the cluster already refused: said before the questions', () => {
  afterEach(async () => {
    await closeStandIns();
  });

  it('Create Management Token says the mgmt_token may not create tokens, in plain words, and asks nothing more when declined', async () => {
    const f = await refusedList();
    const prompts = new ScriptedPrompts([{ warn: undefined }]);
    assert.strictEqual(await withPrompts(prompts, () => Promise.resolve(vscode.commands.executeCommand('influxdbTokens.createToken', 'default'))), undefined);
    const [warning] = prompts.shown;
    assert.strictEqual(warning.message, 'The mgmt_token of profile "default" may not create tokens.');
    assert.match(warning.detail!, /refused permission to list the management tokens of profile "default"/);
    assert.ok(!/rpc error|M\.V1/.test(`${warning.message} ${warning.detail}`), 'the raw output goes to the log, not the message');
    assert.deepStrictEqual(warning.actions, ['Set mgmt_token…', 'Try Anyway'], 'the fix first');
    assert.strictEqual(prompts.remaining, 0);
    assert.deepStrictEqual(createCalls(f), []);
  });

  it('offers Set mgmt_token… (the existing command), and Try Anyway goes through the questions', async () => {
    const f = await refusedList('Error: rpc error: code = Unauthenticated desc = invalid token\n');
    const fix = new ScriptedPrompts([{ warn: 'Set mgmt_token…' }, { cancel: 'input' }]);
    await withPrompts(fix, () => Promise.resolve(vscode.commands.executeCommand('influxdbTokens.createToken', 'default')));
    assert.match(fix.shown[0].detail!, /did not accept the mgmt_token of profile "default" \(unauthenticated\)/);
    assert.strictEqual(fix.inputs[0].title, 'Set mgmt_token of "default"');
    assert.deepStrictEqual(createCalls(f), []);

    const anyway = new ScriptedPrompts([{ warn: 'Try Anyway' }, { input: 'tried anyway' }, { pick: '7 days' }]);
    const result = await withPrompts(anyway, () => Promise.resolve(vscode.commands.executeCommand<{ stored: boolean }>('influxdbTokens.createToken', 'default')));
    assert.ok(result?.stored);
    assert.strictEqual(createCalls(f).length, 1);
  });

  it('asks straight away when the last list did not fail, or failed otherwise', async () => {
    const f = await refusedList('Error: cluster not found\n');
    const prompts = new ScriptedPrompts([{ cancel: 'input' }]);
    await withPrompts(prompts, () => Promise.resolve(vscode.commands.executeCommand('influxdbTokens.createToken', 'default')));
    assert.deepStrictEqual(prompts.shown, []);
    assert.deepStrictEqual(createCalls(f), []);
  });

  it('Create Database Token says the management token may not create database tokens when the API refused the list (403)', async () => {
    const { f, dedicated } = await demoWithApis();
    dedicated.setFault({ status: 403, operation: 'GetDatabaseTokens' });
    const s = await services();
    assert.strictEqual((await s.databaseTokens.load(f.configPath, await profileNamed('default'))).kind, 'error');
    const prompts = new ScriptedPrompts([{ warn: undefined }]);
    assert.strictEqual(await withPrompts(prompts, async () => vscode.commands.executeCommand('influxdbTokens.createDatabaseToken', await databaseGroup('default'))), undefined);
    const [warning] = prompts.shown;
    assert.strictEqual(warning.message, 'The management token of profile "default" may not create database tokens.');
    assert.match(warning.detail!, /refused .*\(403\)[\s\S]*Set another mgmt_token, or try anyway\.$/);
    assert.deepStrictEqual(warning.actions, ['Set mgmt_token…', 'Try Anyway']);
    assert.strictEqual(prompts.remaining, 0);
    assert.ok(!dedicated.requests.some((r) => r.operationId === 'CreateDatabaseToken' || r.operationId === 'GetClusterDatabases'), 'nothing asked of the cluster');
  });
});
