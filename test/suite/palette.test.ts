// Every action of a token row's context menu also works from the palette:
// run without a row, the command asks for the profile, then for the token.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { ScriptedPrompts, profileNamed, services, waitFor, withPrompts } from './helpers';
import { closeStandIns, demoWithApis } from './standIns';

const CI_PIPELINE = 'a3c1e5f7-1b2d-4e6f-8a9b-0c1d2e3f4a5b';
const GRAFANA = '3f1c2b4a-5d6e-4f70-8a91-b2c3d4e5f601';

describe('Token row actions from the palette', () => {
  afterEach(async () => {
    await closeStandIns();
    await vscode.env.clipboard.writeText('');
  });

  it('Copy Token ID asks for the profile, then offers its management and database tokens', async () => {
    await demoWithApis();
    const prompts = new ScriptedPrompts([{ pick: 'default' }, { pick: 'grafana dashboards' }]);
    await withPrompts(prompts, async () => vscode.commands.executeCommand('influxdbTokens.copyTokenId'));
    assert.strictEqual(await vscode.env.clipboard.readText(), GRAFANA);
    const offered = prompts.picks[1].labels;
    assert.ok(offered.includes('ci-pipeline') && offered.includes('grafana dashboards'), offered.join(', '));
  });

  it('Copy Stored Secret offers only tokens whose secret is stored, and says so when there is none', async () => {
    const { f } = await demoWithApis();
    const none = new ScriptedPrompts([{ pick: 'default' }]);
    await withPrompts(none, async () => vscode.commands.executeCommand('influxdbTokens.copySecret'));
    assert.match(none.shown.find((m) => m.kind === 'error')?.message ?? '', /No secret of a token of profile "default" is stored/);

    const s = await services();
    const secret = `M.V1.${'s'.repeat(40)}`;
    await s.secrets.store(f.configPath, await profileNamed('default'), CI_PIPELINE, secret);
    try {
      const prompts = new ScriptedPrompts([{ pick: 'default' }, { pick: 'ci-pipeline' }]);
      await withPrompts(prompts, async () => vscode.commands.executeCommand('influxdbTokens.copySecret'));
      assert.deepStrictEqual(prompts.picks[1].labels, ['ci-pipeline'], 'only the token with a stored secret');
      assert.strictEqual(await vscode.env.clipboard.readText(), secret);
    } finally {
      await s.secrets.delete(f.configPath, 'default', CI_PIPELINE);
    }
  });

  it('Use for influxctl query/write offers the active database tokens with a stored secret and writes the chosen one', async () => {
    const { f } = await demoWithApis();
    const s = await services();
    const secret = `apiv1_${'q'.repeat(60)}`;
    await s.secrets.store(f.configPath, await profileNamed('default'), `database:${GRAFANA}`, secret);
    try {
      const prompts = new ScriptedPrompts([{ pick: 'default' }, { pick: 'grafana dashboards' }]);
      const written = await withPrompts(prompts, async () => vscode.commands.executeCommand<boolean>('influxdbTokens.setProfileQueryToken'));
      assert.strictEqual(written, true);
      assert.deepStrictEqual(prompts.picks[1].labels, ['grafana dashboards']);
      await waitFor('the token in config.toml', () => fs.readFileSync(f.configPath, 'utf8').includes(`token = "${secret}"`) || undefined);
      assert.match(fs.readFileSync(f.configPath, 'utf8'), /database = "telemetry"/, 'the token covers one database');
    } finally {
      await s.secrets.delete(f.configPath, 'default', `database:${GRAFANA}`);
    }
  });

  it('Edit Database Token offers the active database tokens of the chosen profile, then edits the one picked', async () => {
    const { dedicated } = await demoWithApis();
    const prompts = new ScriptedPrompts([{ pick: 'default' }, { pick: 'grafana dashboards' }, { input: 'grafana (renamed)' }, { pickMany: ['telemetry'] }, { pick: 'Read' }, { warn: 'Save Changes' }]);
    assert.strictEqual(await withPrompts(prompts, async () => vscode.commands.executeCommand<boolean>('influxdbTokens.editDatabaseToken')), true);
    const offered = prompts.picks[1].labels;
    assert.ok(offered.includes('grafana dashboards') && !offered.includes('nightly export') && !offered.includes('old collector (revoked)'), offered.join(', '));
    const update = dedicated.requests.find((r) => r.operationId === 'UpdateDatabaseToken');
    assert.ok(update?.path.endsWith(GRAFANA), 'the picked token was updated');
  });

  it('is cancelled quietly at the profile or the token', async () => {
    await demoWithApis();
    await vscode.env.clipboard.writeText('before');
    for (const answers of [[{ cancel: 'pick' as const }], [{ pick: 'default' }, { cancel: 'pick' as const }]]) {
      const prompts = new ScriptedPrompts(answers);
      await withPrompts(prompts, async () => vscode.commands.executeCommand('influxdbTokens.copyTokenId'));
      assert.strictEqual(prompts.remaining, 0);
      assert.deepStrictEqual(prompts.shown, []);
    }
    assert.strictEqual(await vscode.env.clipboard.readText(), 'before');
  });
});
