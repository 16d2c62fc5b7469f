import * as assert from 'assert';
import * as vscode from 'vscode';
import { type Asked, ScriptedPrompts, useFixture, withPrompts } from './helpers';
import { closeStandIns, databaseGroup, databaseRows, demoWithApis, label } from './standIns';

/** Each question as "kind n/m offered", the way a person would read the quick input. */
function walk(asked: Asked[]): string[] {
  return asked.map((a) => `${a.kind} ${a.step ? `${a.step.step}/${a.step.totalSteps}` : '-'}${a.offered === undefined ? '' : ` ${JSON.stringify(a.offered)}`}`);
}

function clusterTokens(f: { state(): unknown }): { id: string; description: string; permissions: unknown[]; expiresAt?: string }[] {
  return (f.state() as { clusters: Record<string, { databaseTokens: never[] }> }).clusters.default.databaseTokens;
}

describe('Multi-step inputs: step counters, and Back keeps every answer', () => {
  afterEach(async () => {
    await closeStandIns();
  });

  it('Create Management Token asks description then expiry; Back returns to the typed description and to Custom…', async () => {
    const f = await useFixture();
    const prompts = new ScriptedPrompts([
      { pick: 'default' },
      { input: 'kept description' },
      { back: 'pick' },
      { accept: 'input' },
      { pick: 'Custom…' },
      { back: 'input' },
      { pick: '7 days' },
    ]);
    const result = await withPrompts(prompts, () => Promise.resolve(vscode.commands.executeCommand<{ stored: boolean }>('influxdbTokens.createToken')));
    assert.ok(result?.stored);
    assert.deepStrictEqual(walk(prompts.asked), [
      'pick -',
      `input 1/2 "default automation ${new Date().toISOString().slice(0, 10)}"`,
      'pick 2/2 "30 days"',
      'input 1/2 "kept description"',
      'pick 2/2 "30 days"',
      // Custom… adds a step.
      'input 3/3',
      'pick 2/3 "Custom…"',
    ]);
    assert.ok(prompts.asked.slice(1).every((a) => a.title === 'Create Management Token (default)'));
    assert.ok(f.state().profiles.default.tokens.some((t) => t.description === 'kept description'));
    assert.strictEqual(prompts.remaining, 0);
  });

  it('Create Database Token asks description, databases, access, per-database access and expiry; going back through all of them keeps each answer', async () => {
    const { f } = await demoWithApis();
    const prompts = new ScriptedPrompts([
      { input: 'walked back' },
      { pickMany: ['telemetry', 'billing'] },
      { pick: 'Different per database…' },
      { pick: 'Read and write' },
      { back: 'pick' },
      { accept: 'pick' },
      { pick: 'Read' },
      { back: 'pick' },
      { back: 'pick' },
      { back: 'pick' },
      { back: 'pick' },
      { back: 'pickMany' },
      { accept: 'input' },
      { accept: 'pickMany' },
      { accept: 'pick' },
      { accept: 'pick' },
      { accept: 'pick' },
      { pick: '30 days' },
    ]);
    const result = await withPrompts(prompts, async () => vscode.commands.executeCommand<{ stored: boolean }>('influxdbTokens.createDatabaseToken', await databaseGroup('default')));
    assert.ok(result?.stored);
    assert.deepStrictEqual(walk(prompts.asked), [
      'input 1/4 "default database access ' + new Date().toISOString().slice(0, 10) + '"',
      'pickMany 2/4 []',
      'pick 3/4',
      // "Different per database…": one question per database.
      'pick 4/6',
      'pick 5/6',
      'pick 4/6 "Read and write"',
      'pick 5/6',
      'pick 6/6 "30 days"',
      'pick 5/6 "Read"',
      'pick 4/6 "Read and write"',
      'pick 3/6 "Different per database…"',
      'pickMany 2/6 ["telemetry","billing"]',
      'input 1/6 "walked back"',
      'pickMany 2/6 ["telemetry","billing"]',
      'pick 3/6 "Different per database…"',
      'pick 4/6 "Read and write"',
      'pick 5/6 "Read"',
      'pick 6/6 "30 days"',
    ]);
    const created = clusterTokens(f).find((t) => t.description === 'walked back')!;
    assert.deepStrictEqual(created.permissions, [
      { action: 'read', resource: 'telemetry' },
      { action: 'write', resource: 'telemetry' },
      { action: 'read', resource: 'billing' },
    ]);
    assert.strictEqual(prompts.remaining, 0);
  });

  it('"All databases" stands alone: ticking it unticks the others, and one access is asked for it', async () => {
    const { f } = await demoWithApis();
    const prompts = new ScriptedPrompts([{ input: 'everything' }, { pickMany: ['telemetry', 'All databases (*)'] }, { pick: 'Read' }, { pick: '7 days' }]);
    await withPrompts(prompts, async () => vscode.commands.executeCommand('influxdbTokens.createDatabaseToken', await databaseGroup('default')));
    assert.deepStrictEqual(clusterTokens(f).find((t) => t.description === 'everything')!.permissions, [{ action: 'read', resource: '*' }]);
    const access = prompts.picks.find((p) => p.labels.includes('Read'))!;
    assert.deepStrictEqual(access.labels, ['Read and write', 'Read', 'Write'], 'no "Different per database…" for one choice');
  });

  it('Edit Database Token keeps the typed description and the ticked databases when going back, and preselects the current access', async () => {
    const { f } = await demoWithApis();
    const grafana = (await databaseRows('default')).find((r) => label(r.item) === 'grafana dashboards')!.node;
    const prompts = new ScriptedPrompts([
      { input: 'grafana (renamed)' },
      { back: 'pickMany' },
      { accept: 'input' },
      { accept: 'pickMany' },
      { back: 'pick' },
      { pickMany: ['telemetry', 'billing'] },
      { pick: 'Read' },
      { warn: 'Save Changes' },
    ]);
    assert.strictEqual(await withPrompts(prompts, async () => vscode.commands.executeCommand<boolean>('influxdbTokens.editDatabaseToken', grafana)), true);
    assert.deepStrictEqual(walk(prompts.asked), [
      'input 1/3 "grafana dashboards"',
      'pickMany 2/3 ["telemetry"]',
      'input 1/3 "grafana (renamed)"',
      'pickMany 2/3 ["telemetry"]',
      'pick 3/3 "Read"',
      'pickMany 2/3 ["telemetry"]',
      // telemetry is read, billing has no access yet: different per database.
      'pick 3/3 "Different per database…"',
    ]);
    const token = clusterTokens(f).find((t) => t.description === 'grafana (renamed)')!;
    assert.deepStrictEqual(token.permissions, [
      { action: 'read', resource: 'telemetry' },
      { action: 'read', resource: 'billing' },
    ]);
  });
});
