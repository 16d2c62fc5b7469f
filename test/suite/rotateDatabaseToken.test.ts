import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { DatabaseRotationOutcome } from '../../src/databaseTokens/rotateDatabaseToken';
import { databaseSecretId } from '../../src/state/tokenSecretStore';
import { type Fixture, noKeyringSecretStorage, profileNamed, ScriptedPrompts, services, waitFor, withPrompts } from './helpers';
import { closeStandIns, databaseRows, demoWithApis, label, type Api } from './standIns';
import type { StandInCluster, StandInToken } from '../fixtures/standInState';
const fixtures = require('../../scripts/lib/fixtures.js');

// "grafana dashboards" of the default profile: read on telemetry, created 30 days ago, expires in 120.
const GRAFANA_DB = '3f1c2b4a-5d6e-4f70-8a91-b2c3d4e5f601';
const OLD_SECRET = `apiv1_${'Qk7xZp2Lm9Vt4Rw8Ny3Hc6Jd1Fg5Bs0Ue'.repeat(2)}Xq2`;
const SAME_LIFETIME = 'Same lifetime as the old token (150 days)';


function cluster(f: Fixture): StandInCluster {
  return (f.state() as unknown as { clusters: Record<string, StandInCluster> }).clusters.default;
}

function oldToken(f: Fixture): StandInToken {
  return cluster(f).databaseTokens.find((t) => t.id === GRAFANA_DB)!;
}

function newToken(f: Fixture): StandInToken | undefined {
  return cluster(f).databaseTokens.find((t) => t.description.startsWith('grafana dashboards (rotated'));
}

/** Prompts that run `check` when the revoke modal is shown, before it is answered. */
class CheckedPrompts extends ScriptedPrompts {
  constructor(
    answers: ConstructorParameters<typeof ScriptedPrompts>[0],
    private readonly check: () => void,
  ) {
    super(answers);
  }

  override async warn<A extends string>(message: string, detail: string, ...actions: A[]): Promise<A | undefined> {
    this.check();
    return super.warn(message, detail, ...actions);
  }
}

/**
 * The demo against its stand-ins, with "grafana dashboards" the `token` of the
 * default profile (its secret stored here) and, on another cluster, of
 * staging: a secret is never written for another cluster.
 */
async function rotationFixture(): Promise<{ f: Fixture; dedicated: Api }> {
  const { f, dedicated } = await demoWithApis((c) =>
    c
      .replace(`    mgmt_token = "${fixtures.GRAFANA_SECRET}"\n`, `    mgmt_token = "${fixtures.GRAFANA_SECRET}"\n    token = "${OLD_SECRET}" # for query and write\n`)
      .replace(`    mgmt_token = "${fixtures.STAGING_SECRET}"\n`, `    mgmt_token = "${fixtures.STAGING_SECRET}"\n    token = "${OLD_SECRET}"\n`),
  );
  const s = await services();
  await s.secrets.store(f.configPath, await profileNamed('default'), databaseSecretId(GRAFANA_DB), OLD_SECRET);
  return { f, dedicated };
}

async function grafanaRow(): Promise<unknown> {
  const row = (await databaseRows('default')).find((r) => label(r.item) === 'grafana dashboards');
  assert.ok(row, 'the grafana dashboards row');
  return row.node;
}

async function rotate(prompts: ScriptedPrompts, arg?: unknown): Promise<DatabaseRotationOutcome> {
  return withPrompts(prompts, async () => (await vscode.commands.executeCommand<DatabaseRotationOutcome>('influxdbTokens.rotateDatabaseToken', arg))!);
}

function noSecretShown(prompts: ScriptedPrompts, ...secrets: string[]): void {
  for (const m of prompts.shown) for (const secret of secrets) assert.ok(!`${m.message}\n${m.detail ?? ''}`.includes(secret.slice(6, 30)), `no secret in ${m.message}`);
}

describe('Rotate Database Token', () => {
  afterEach(async () => {
    const s = await services();
    for (const id of s.secrets.storedIds(s.config.path, await profileNamed('default'), 'database')) await s.secrets.delete(s.config.path, 'default', databaseSecretId(id));
    await closeStandIns();
  });

  it('creates a token with the same permissions, stores its secret, updates config.toml surgically, and revokes the old one only after the modal', async () => {
    const { f, dedicated } = await rotationFixture();
    const s = await services();
    const before = fs.readFileSync(f.configPath, 'utf8');
    const terminal = s.handovers.record({ kind: 'terminal', name: 'influx shell', configPath: f.configPath, profileName: 'default', tokenId: GRAFANA_DB, tokenKind: 'database' });
    let configAtModal = '';
    const prompts = new CheckedPrompts([{ accept: 'pick' }, { warn: 'Revoke Old Token' }], () => {
      assert.ok(!oldToken(f).revokedAt, 'the old token is not revoked before the modal is answered');
      configAtModal = fs.readFileSync(f.configPath, 'utf8');
    });
    try {
      const outcome = await rotate(prompts, await grafanaRow());
      assert.strictEqual(outcome.result, 'done', JSON.stringify(prompts.shown));
      assert.deepStrictEqual(
        prompts.asked.map((q) => [q.kind, q.step, q.offered]),
        [['pick', { step: 1, totalSteps: 1 }, SAME_LIFETIME]],
        'only the expiry is asked, the old lifetime preselected',
      );
      const created = newToken(f)!;
      assert.match(created.description, /^grafana dashboards \(rotated \d{4}-\d{2}-\d{2}\)$/);
      assert.deepStrictEqual(created.permissions, oldToken(f).permissions, 'the same permissions');
      const days = (Date.parse(created.expiresAt!) - Date.now()) / 86400000;
      assert.ok(days > 149 && days <= 150, `expires in 150 days (${days})`);
      const secret = cluster(f).accessTokens[created.id];
      assert.deepStrictEqual([outcome.oldTokenId, outcome.newTokenId, outcome.updatedProfiles], [GRAFANA_DB, created.id, ['default']]);

      assert.strictEqual(await s.secrets.get(f.configPath, await profileNamed('default'), databaseSecretId(created.id)), secret, 'the new secret is stored');
      const expected = before.replace(`token = "${OLD_SECRET}" # for query and write`, `token = "${secret}" # for query and write`);
      assert.notStrictEqual(expected, before);
      assert.strictEqual(configAtModal, expected, 'config.toml was updated before the revocation was offered');
      assert.strictEqual(fs.readFileSync(f.configPath, 'utf8'), expected, 'only the default profile\'s token changed, its comment kept; staging names another cluster');

      const modal = prompts.shown.find((m) => m.kind === 'warn')!;
      assert.strictEqual(modal.message, 'Revoke the old token "grafana dashboards" now?');
      assert.match(modal.detail!, /has the same permissions and its secret is stored securely in VS Code\. influxctl query and write of these profiles of config\.toml now use it: "default"\./);
      assert.match(modal.detail!, /Terminal "influx shell" was given the old token: close it and open a new one\./);
      assert.match(modal.detail!, /Agents such as Telegraf .* until they are restarted/);
      assert.match(modal.detail!, /A new token can take a few seconds to be accepted/);
      assert.ok(oldToken(f).revokedAt, 'the old token is revoked');
      assert.ok(!created.revokedAt);
      const done = prompts.shown.find((m) => m.kind === 'inform' && m.message.startsWith('Rotate database token'))!;
      assert.match(done.message, /^Rotate database token "grafana dashboards": done, the old token is revoked\. .* Terminal "influx shell" was given the old token/);
      noSecretShown(prompts, OLD_SECRET, secret);
      assert.deepStrictEqual(dedicated.violations, []);
    } finally {
      terminal.dispose();
    }
  });

  it('offers only active database tokens from the palette, and creates nothing when the expiry is cancelled', async () => {
    const { f, dedicated } = await rotationFixture();
    const prompts = new ScriptedPrompts([{ pick: 'default' }, { pick: 'grafana dashboards' }, { cancel: 'pick' }]);
    const outcome = await rotate(prompts);
    assert.strictEqual(outcome.result, 'cancelled');
    assert.deepStrictEqual(prompts.picks[1].labels, ['grafana dashboards', 'telegraf edge agents', 'admin scripts'], 'neither expired nor revoked tokens are offered');
    assert.strictEqual(prompts.picks[2].title, 'Rotate Database Token "grafana dashboards" (default)');
    assert.strictEqual(newToken(f), undefined);
    assert.ok(!dedicated.requests.some((r) => r.operationId === 'CreateDatabaseToken'), 'nothing was created');
  });

  it('creates nothing when the token picker is cancelled', async () => {
    const { dedicated } = await rotationFixture();
    const outcome = await rotate(new ScriptedPrompts([{ pick: 'default' }, { cancel: 'pick' }]));
    assert.strictEqual(outcome.result, 'cancelled');
    assert.ok(!dedicated.requests.some((r) => r.operationId === 'CreateDatabaseToken'));
  });

  it('keeps both tokens when the revocation is declined, the new secret stored and config.toml using it, and says so', async () => {
    const { f } = await rotationFixture();
    const s = await services();
    const prompts = new ScriptedPrompts([{ pick: '30 days' }, { warn: undefined }]);
    const outcome = await rotate(prompts, await grafanaRow());
    assert.strictEqual(outcome.result, 'oldKept');
    const created = newToken(f)!;
    const secret = cluster(f).accessTokens[created.id];
    assert.ok(!oldToken(f).revokedAt && !created.revokedAt, 'both tokens are active');
    assert.strictEqual(await s.secrets.get(f.configPath, await profileNamed('default'), databaseSecretId(created.id)), secret);
    assert.strictEqual(await s.secrets.get(f.configPath, await profileNamed('default'), databaseSecretId(GRAFANA_DB)), OLD_SECRET, 'the old secret is kept too');
    assert.ok(fs.readFileSync(f.configPath, 'utf8').includes(`token = "${secret}" # for query and write`));
    const note = prompts.shown.find((m) => m.kind === 'inform' && m.message.startsWith('Rotate database token'))!;
    assert.match(note.message, /its secret is stored securely in VS Code\. .*The old token was kept and still works; revoke it from the view once nothing uses it\.$/);
    noSecretShown(prompts, OLD_SECRET, secret);
  });

  it('changes nothing when creating the new token fails', async () => {
    const { f, dedicated } = await rotationFixture();
    dedicated.setFault({ status: 500, operation: 'CreateDatabaseToken' });
    const before = fs.readFileSync(f.configPath, 'utf8');
    const prompts = new ScriptedPrompts([{ pick: '30 days' }]);
    const outcome = await rotate(prompts, await grafanaRow());
    assert.deepStrictEqual([outcome.result, outcome.failedStep], ['failed', 'create']);
    assert.strictEqual(newToken(f), undefined);
    assert.ok(!oldToken(f).revokedAt);
    assert.strictEqual(fs.readFileSync(f.configPath, 'utf8'), before);
    assert.match(prompts.shown.find((m) => m.kind === 'error')!.message, /^Rotate database token "grafana dashboards" stopped: creating the new token failed \(.*500.*\)\. Nothing changed; the old token still works\.$/);
  });

  it('stops before config.toml when the answer about the new token is odd, keeping its secret and the old token', async () => {
    const { f, dedicated } = await rotationFixture();
    const id = '7a2d3c4b-6e5f-4a81-9b02-c3d4e5f60798';
    const accessToken = `apiv1_${'Zr4Tn8Vb2Kx6Hm0Qc5Wp9Ld3Fj7Ys1Ga'.repeat(2)}Uq8`;
    const odd = { accountId: fixtures.ACCOUNT_ID, clusterId: fixtures.CLUSTER_ID, id, description: 'odd', permissions: [{ action: 'read', resource: 'telemetry' }], createdAt: 'yesterday', accessToken };
    dedicated.setFault({ operation: 'CreateDatabaseToken', body: JSON.stringify(odd) });
    const before = fs.readFileSync(f.configPath, 'utf8');
    const prompts = new ScriptedPrompts([{ pick: '30 days' }]);
    const outcome = await rotate(prompts, await grafanaRow());
    assert.deepStrictEqual([outcome.result, outcome.failedStep, outcome.newTokenId], ['failed', 'create', id]);
    assert.strictEqual(await (await services()).secrets.get(f.configPath, await profileNamed('default'), databaseSecretId(id)), accessToken, 'the only copy of the secret is kept');
    assert.strictEqual(fs.readFileSync(f.configPath, 'utf8'), before, 'config.toml is not given a token that may not be what was asked for');
    assert.ok(!oldToken(f).revokedAt);
    assert.match(prompts.shown.find((m) => m.kind === 'error')!.message, /stopped: the Management API's answer about the new token ".*" was not as documented \(.*createdAt.*\)\. .*The old token was not changed and still works\.$/);
    noSecretShown(prompts, OLD_SECRET, accessToken);
  });

  it('keeps the new token and says what to do next when revoking the old one fails', async () => {
    const { f, dedicated } = await rotationFixture();
    dedicated.setFault({ status: 500, operation: 'DeleteDatabaseToken' });
    const prompts = new ScriptedPrompts([{ pick: '30 days' }, { warn: 'Revoke Old Token' }]);
    const outcome = await rotate(prompts, await grafanaRow());
    assert.deepStrictEqual([outcome.result, outcome.failedStep], ['failed', 'revoke']);
    const created = newToken(f)!;
    assert.ok(!oldToken(f).revokedAt && !created.revokedAt);
    assert.ok(fs.readFileSync(f.configPath, 'utf8').includes(cluster(f).accessTokens[created.id]), 'config.toml keeps the new token');
    const error = prompts.shown.find((m) => m.kind === 'error')!;
    assert.match(error.message, /^Could not revoke database token "grafana dashboards" \(3f1c2b4a-5d6e-4f70-8a91-b2c3d4e5f601\): .*500.* The new token ".*" \(.*\) has the same permissions .*The old token still works: revoke it from the view \(Revoke Database Token…\) once nothing uses it\.$/);
  });

  it('does not revoke the old token when config.toml changed meanwhile, and says which profile was not updated', async () => {
    const { f, dedicated } = await rotationFixture();
    const replaced = `apiv1_${'Wn5Kc8Pd3Yh6Tz1Gq4Lx7Mb0Rf9Sv2Aj'.repeat(2)}Ew4`;
    const prompts = new ScriptedPrompts([
      {
        // While the expiry is asked, the person points the profile at another token.
        pick: (items) => {
          fs.writeFileSync(f.configPath, fs.readFileSync(f.configPath, 'utf8').replace(`token = "${OLD_SECRET}" # for query and write`, `token = "${replaced}" # for query and write`));
          return items.find((i) => i.label === '30 days');
        },
      },
      { error: undefined },
    ]);
    const outcome = await rotate(prompts, await grafanaRow());
    assert.deepStrictEqual([outcome.result, outcome.failedStep], ['failed', 'config']);
    const created = newToken(f)!;
    assert.ok(!oldToken(f).revokedAt, 'the old token is not revoked');
    assert.ok(!prompts.shown.some((m) => m.kind === 'warn'), 'no revocation is offered');
    assert.ok(fs.readFileSync(f.configPath, 'utf8').includes(replaced), 'the person\'s edit is kept');
    assert.strictEqual(await (await services()).secrets.get(f.configPath, await profileNamed('default'), databaseSecretId(created.id)), cluster(f).accessTokens[created.id], 'the new secret is kept');
    const error = prompts.shown.find((m) => m.kind === 'error')!;
    assert.match(error.message, /stopped: config\.toml was not changed: profile "default" in config\.toml changed meanwhile and no longer holds the old token; nothing was written\. /);
    assert.match(error.message, /its secret is stored securely in VS Code\. The token of these profiles in config\.toml was not updated: "default"\. The old token was not revoked and still works\.$/);
    assert.deepStrictEqual(error.actions, ['Retry', 'Show Log']);
    assert.deepStrictEqual(dedicated.violations, []);
  });

  it('keeps the old token while config.toml cannot be written, and finishes on Retry', async () => {
    const { f } = await rotationFixture();
    fs.chmodSync(f.configPath, 0o444);
    const prompts = new ScriptedPrompts([{ pick: '30 days' }, { error: 'Retry', meanwhile: () => fs.chmodSync(f.configPath, 0o600) }, { warn: 'Revoke Old Token' }]);
    const outcome = await rotate(prompts, await grafanaRow());
    const errors = prompts.shown.filter((m) => m.kind === 'error');
    assert.strictEqual(errors.length, 1);
    assert.match(errors[0].message, /read-only; nothing was written/);
    assert.strictEqual(outcome.result, 'done');
    assert.ok(fs.readFileSync(f.configPath, 'utf8').includes(cluster(f).accessTokens[newToken(f)!.id]));
    assert.ok(oldToken(f).revokedAt);
  });

  it('keeps the old token when the new one went into an open config.toml with unsaved changes', async () => {
    const { f } = await rotationFixture();
    const doc = await vscode.workspace.openTextDocument(f.configPath);
    const editor = await vscode.window.showTextDocument(doc);
    try {
      await editor.edit((e) => e.insert(new vscode.Position(0, 0), '# my unsaved note\n'));
      const prompts = new ScriptedPrompts([{ pick: '30 days' }]);
      const outcome = await rotate(prompts, await grafanaRow());
      assert.strictEqual(outcome.result, 'oldKept', 'no revocation is offered while influxctl still reads the old token');
      assert.ok(!prompts.shown.some((m) => m.kind === 'warn'));
      assert.ok(!oldToken(f).revokedAt);
      const secret = cluster(f).accessTokens[newToken(f)!.id];
      assert.ok(doc.isDirty && doc.getText().startsWith('# my unsaved note') && doc.getText().includes(`token = "${secret}" # for query and write`));
      assert.ok(fs.readFileSync(f.configPath, 'utf8').includes(OLD_SECRET), 'the file on disk still holds the old token');
      assert.match(prompts.shown.find((m) => m.kind === 'inform' && m.message.startsWith('Rotate database token'))!.message, /Save the file for influxctl to use it; the old token was kept and still works\./);
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('shows the new secret once when VS Code cannot store it, and still writes it into config.toml', async () => {
    const { f } = await rotationFixture();
    const s = await services();
    const { TokenSecretStore } = await import('../../src/state/tokenSecretStore');
    const { DatabaseTokensModel } = await import('../../src/state/databaseTokensModel');
    const { RotateDatabaseToken } = await import('../../src/databaseTokens/rotateDatabaseToken');
    // The model that stores new secrets has no keyring; the old secret is read from the extension's store.
    const noKeyring = new TokenSecretStore(noKeyringSecretStorage(), s.state);
    const databaseTokens = new DatabaseTokensModel({ ...s, secrets: noKeyring });
    const prompts = new ScriptedPrompts([{ pick: '30 days' }, { warn: 'Copy Secret' }, { warn: undefined }]);
    try {
      const outcome = await new RotateDatabaseToken({ ...s, databaseTokens, prompts, whereFound: async () => [] }).run(await grafanaRow());
      assert.strictEqual(outcome.result, 'oldKept');
      const secret = cluster(f).accessTokens[newToken(f)!.id];
      assert.strictEqual(await vscode.env.clipboard.readText(), secret, 'the secret was copied from the modal');
      assert.match(prompts.shown[0].detail!, /no keyring/);
      assert.ok(fs.readFileSync(f.configPath, 'utf8').includes(`token = "${secret}"`));
      assert.match(prompts.shown[1].detail!, /VS Code could not store its secret, which was shown once\./);
    } finally {
      databaseTokens.dispose();
      noKeyring.dispose();
      await vscode.env.clipboard.writeText('');
    }
  });

  it('names the files where the token finder saw the old token and the programs it was given to, and opens a file at its range', async () => {
    const { f } = await rotationFixture();
    const s = await services();
    const { RotateDatabaseToken } = await import('../../src/databaseTokens/rotateDatabaseToken');
    const file = path.join(f.dir, 'telegraf.conf');
    fs.writeFileSync(file, `[[outputs.influxdb_v2]]\n  urls = ["https://example.com"]\n  token = "${OLD_SECRET}"\n`);
    const range = new vscode.Range(2, 11, 2, 11 + OLD_SECRET.length);
    const asked: string[][] = [];
    const whereFound = async (configPath: string, profileName: string, tokenId: string) => {
      asked.push([configPath, profileName, tokenId]);
      // config.toml is what the rotation updates: it is not named among the files.
      return [{ uri: vscode.Uri.file(file), range }, { uri: vscode.Uri.file(f.configPath), range: new vscode.Range(0, 0, 0, 1) }];
    };
    const task = s.handovers.record({ kind: 'task', name: 'load data', configPath: f.configPath, profileName: 'default', tokenId: GRAFANA_DB, tokenKind: 'database' });
    const launch = s.handovers.record({ kind: 'launch', name: 'Debug ingest', configPath: f.configPath, profileName: 'default', tokenId: GRAFANA_DB, tokenKind: 'database' });
    const other = s.handovers.record({ kind: 'terminal', name: 'other token', configPath: f.configPath, profileName: 'default', tokenId: 'another-id', tokenKind: 'database' });
    const prompts = new ScriptedPrompts([{ pick: '30 days' }, { warn: undefined }, { inform: 'Open Files' }]);
    try {
      const outcome = await new RotateDatabaseToken({ ...s, prompts, whereFound }).run(await grafanaRow());
      assert.strictEqual(outcome.result, 'oldKept');
      assert.deepStrictEqual(asked, [[f.configPath, 'default', GRAFANA_DB]]);
      const detail = prompts.shown.find((m) => m.kind === 'warn')!.detail!;
      const bullets = detail.split('\n').filter((l) => l.startsWith('• '));
      assert.deepStrictEqual(bullets, [
        `• ${vscode.workspace.asRelativePath(file)}, line 3: the token finder saw the old token there; replace it.`,
        '• Task "load data" was given the old token: run it again.',
        '• Debug session "Debug ingest" was given the old token: restart it.',
      ]);
      assert.deepStrictEqual(prompts.shown.find((m) => m.kind === 'inform' && m.message.startsWith('Rotate database token'))!.actions, ['Open Files']);
      const editor = await waitFor('the file opened at the token', () => (vscode.window.activeTextEditor?.document.uri.fsPath === file ? vscode.window.activeTextEditor : undefined));
      assert.ok(editor.selection.isEqual(range), 'the token is selected');
    } finally {
      task.dispose();
      launch.dispose();
      other.dispose();
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  it('says config.toml could not be searched when the old token\'s secret is not stored, and updates nothing there', async () => {
    const { f } = await rotationFixture();
    const s = await services();
    await s.secrets.delete(f.configPath, 'default', databaseSecretId(GRAFANA_DB));
    const before = fs.readFileSync(f.configPath, 'utf8');
    const prompts = new ScriptedPrompts([{ pick: '30 days' }, { warn: undefined }]);
    const outcome = await rotate(prompts, await grafanaRow());
    assert.strictEqual(outcome.result, 'oldKept');
    assert.deepStrictEqual(outcome.updatedProfiles, []);
    assert.strictEqual(fs.readFileSync(f.configPath, 'utf8'), before);
    assert.match(prompts.shown.find((m) => m.kind === 'warn')!.detail!, /The old token's secret is not stored in VS Code, so neither config\.toml nor the files the token finder read could be searched for it\./);
  });
});
