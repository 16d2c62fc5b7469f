import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { databaseSecretId } from '../../src/state/tokenSecretStore';
import { type Fixture, profileNamed, ScriptedPrompts, services, useFixture, waitFor, withPrompts } from './helpers';
import { closeStandIns, demoWithApis } from './standIns';
const fixtures = require('../../scripts/lib/fixtures.js');

// Made-up tokens, none issued by the simulator: unknown unless a test makes them known.
const UNKNOWN_DB = 'apiv1_Qz7xLk2PbR7tYvWm4NcE1sHd8Ga6Uj0Of5Ti2Ky7Xw3Vn9Bq1Mr4Sp8AeZc3Hf6Jd-_Rk5';
const UNKNOWN_MGMT = 'M.V1.qZ3x9Lk2+PbR7tYv/Wm4NcE1sHd8Ga6Uj0Of5Ti2Ky7Xw3Vn9Bq1Mr4Sp8Ae==';
/** Another one, never ignored (an untitled document's URI is used again once it is closed). */
const STRANGER_MGMT = 'M.V1.wX8c2Rt5+HnB3vLq/Jy6KsD9fGa1Pm4Zu7Ne0Tb3Ci5Vo8Eh2Xk6Yr9Qw==';
/** Starts with the listed prefix of the default profile's "ci-pipeline" (M.V1.a3c1): identified once that list is loaded. */
const CI_LIKE = 'M.V1.a3c1Qz7FoundInFileTest8fKx2LmP9vRt4WbN6cYh3JsE0uGa';
const CI = 'a3c1e5f7-1b2d-4e6f-8a9b-0c1d2e3f4a5b';
const TELEGRAF_EDGE = '3f1c2b4a-5d6e-4f70-8a91-b2c3d4e5f602';

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'InfluxDB Tokens');
}

async function diagnosticsOf(doc: vscode.TextDocument, count: number): Promise<vscode.Diagnostic[]> {
  return waitFor(`${count} finding(s) in ${doc.uri.toString()}`, () => {
    const found = ours(doc.uri);
    return found.length === count ? found : undefined;
  });
}

async function openUntitled(content: string, language = 'plaintext'): Promise<vscode.TextDocument> {
  return vscode.workspace.openTextDocument({ language, content });
}

async function quickFixes(doc: vscode.TextDocument, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
  // The actions come back without their diagnostics: only this extension offers quick fixes in these documents.
  return actions;
}

function titles(actions: vscode.CodeAction[]): string[] {
  return actions.map((a) => a.title);
}

async function run(action: vscode.CodeAction | undefined): Promise<unknown> {
  assert.ok(action?.command, 'the quick fix runs a command');
  return vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

async function setting(name: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('influxdbTokens').update(name, value, vscode.ConfigurationTarget.Global);
}

/** The telegraf edge agents database token's secret stored for profile default, its list loaded. */
async function storeTelegrafEdgeSecret(): Promise<void> {
  const s = await services();
  const profile = await profileNamed('default');
  await s.secrets.store(s.config.path, profile, databaseSecretId(TELEGRAF_EDGE), UNKNOWN_DB);
  await s.databaseTokens.load(s.config.path, profile);
}

/** That secret written in a new document, and its warning once it names the token. */
async function telegrafEdgeFinding(): Promise<{ doc: vscode.TextDocument; d: vscode.Diagnostic }> {
  const doc = await openUntitled(`INFLUX_TOKEN=${UNKNOWN_DB}\n`);
  const d = await waitFor('the database token named', () => ours(doc.uri).find((x) => x.message.startsWith('InfluxDB database token "telegraf edge agents"')));
  return { doc, d };
}

describe('Tokens found in open documents', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await useFixture();
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await closeStandIns();
  });

  it('warns as you type, on the exact range, without the secret, and stops when the token is gone', async () => {
    const doc = await openUntitled('nothing here yet\n');
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((e) => e.insert(new vscode.Position(1, 0), `INFLUX_TOKEN=${UNKNOWN_DB}\n`));
    const [d] = await diagnosticsOf(doc, 1);
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.strictEqual(d.code, 'token-in-file');
    assert.deepStrictEqual([d.range.start.line, d.range.start.character, d.range.end.character], [1, 13, 13 + UNKNOWN_DB.length]);
    assert.strictEqual(d.message, 'An InfluxDB database token this extension does not know.');
    await editor.edit((e) => e.delete(new vscode.Range(1, 0, 2, 0)));
    await diagnosticsOf(doc, 0);
  });

  it('finds every form on its range: plain, JSON-escaped, URL-encoded, base64', async () => {
    const escaped = UNKNOWN_MGMT.replace(/\//g, '\\/');
    const url = encodeURIComponent(UNKNOWN_MGMT);
    const b64 = Buffer.from(UNKNOWN_DB).toString('base64');
    const lines = [`plain: "${UNKNOWN_MGMT}"`, `{"source": "t = \\"${escaped}\\""}`, `https://example.com/q?token=${url}&x=1`, `  token: ${b64}`];
    const doc = await openUntitled(lines.join('\n'));
    const found = await diagnosticsOf(doc, 4);
    const written = found.map((d) => doc.getText(d.range));
    assert.deepStrictEqual(written, [UNKNOWN_MGMT, escaped, url, b64]);
    assert.deepStrictEqual(
      found.map((d) => d.message),
      ['management', 'management', 'management', 'database'].map((k) => `An InfluxDB ${k} token this extension does not know.`),
    );
  });

  it('names a known token: a profile\'s mgmt_token by value, its status once listed; a stored database token with its permissions', async () => {
    const doc = await openUntitled(`mgmt = "${fixtures.GRAFANA_SECRET}"\n`);
    const [before] = await diagnosticsOf(doc, 1);
    // Before its list loads: "An InfluxDB management token of profile "default". …" (a list loaded meanwhile names it).
    assert.match(before.message, /management token (of profile|"grafana provisioning" of profile) "default".* It is the mgmt_token of that profile in config\.toml\.$/);
    const s = await services();
    await s.tokens.load(f.configPath, await profileNamed('default'));
    await waitFor('the listed name and status', () => ours(doc.uri)[0]?.message.startsWith('InfluxDB management token "grafana provisioning" of profile "default" (expiring).'));

    const apis = await demoWithApis();
    const profile = await profileNamed('default');
    await s.secrets.store(apis.f.configPath, profile, databaseSecretId(TELEGRAF_EDGE), UNKNOWN_DB);
    try {
      await s.databaseTokens.load(apis.f.configPath, profile);
      const dbDoc = await openUntitled(`token: ${UNKNOWN_DB}\n`);
      await waitFor('the database token named', () => ours(dbDoc.uri)[0]?.message === 'InfluxDB database token "telegraf edge agents" of profile "default" (expiring; read/write iot_sensors).');
    } finally {
      await s.secrets.delete(apis.f.configPath, 'default', databaseSecretId(TELEGRAF_EDGE));
    }
  });

  it('leaves the configured config.toml alone, but not a copy of it', async () => {
    const configDoc = await vscode.workspace.openTextDocument(f.configPath);
    const copyPath = path.join(f.dir, 'copy-of-config.toml');
    fs.writeFileSync(copyPath, fs.readFileSync(f.configPath));
    const copy = await vscode.workspace.openTextDocument(copyPath);
    await diagnosticsOf(copy, 1);
    assert.deepStrictEqual(ours(configDoc.uri), []);
  });

  it('follows findTokensExclude and findTokensInEditors', async () => {
    const file = path.join(f.dir, 'fixtures', 'leak.env');
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, `INFLUX_TOKEN=${UNKNOWN_DB}\n`);
    const doc = await vscode.workspace.openTextDocument(file);
    await diagnosticsOf(doc, 1);
    try {
      await setting('findTokensExclude', ['**/fixtures/**']);
      await diagnosticsOf(doc, 0);
      await setting('findTokensExclude', undefined);
      await diagnosticsOf(doc, 1);
      await setting('findTokensInEditors', false);
      await diagnosticsOf(doc, 0);
      const other = await openUntitled(`x=${UNKNOWN_DB}`);
      await setting('findTokensInEditors', true);
      await diagnosticsOf(other, 1);
    } finally {
      await setting('findTokensExclude', undefined);
      await setting('findTokensInEditors', undefined);
    }
  });

  it('Ignore this finding: gone for that document, kept as a hash, never the secret', async () => {
    const doc = await openUntitled(`t=${UNKNOWN_MGMT}`);
    const [d] = await diagnosticsOf(doc, 1);
    const fixes = await quickFixes(doc, d);
    assert.deepStrictEqual(titles(fixes), ['Remember this token…', 'Ignore this finding']);
    await run(fixes.find((a) => a.title === 'Ignore this finding'));
    await diagnosticsOf(doc, 0);
    const other = await openUntitled(`t=${UNKNOWN_MGMT}`);
    await diagnosticsOf(other, 1);
    const s = await services();
    const kept = JSON.stringify(s.workspaceState.keys().map((k) => s.workspaceState.get(k)));
    assert.ok(!kept.includes(UNKNOWN_MGMT.slice(5, 25)), 'no part of the secret in workspace state');
  });

  it('Revoke this token… for a token a listed prefix identifies: the modal and influxctl revoke', async () => {
    const s = await services();
    await s.tokens.load(f.configPath, await profileNamed('default'));
    const doc = await openUntitled(`t=${CI_LIKE}`);
    const d = await waitFor('the token identified by its prefix', () => ours(doc.uri).find((x) => x.message.startsWith('InfluxDB management token "ci-pipeline"')));
    const fixes = await quickFixes(doc, d);
    assert.deepStrictEqual(titles(fixes), ['Revoke this token…', 'Ignore this finding']);
    const prompts = new ScriptedPrompts([{ warn: 'Revoke' }]);
    const outcome = await withPrompts(prompts, () => run(fixes[0]));
    assert.deepStrictEqual(outcome, { revoked: [CI], failed: [] });
    assert.strictEqual(prompts.shown[0].message, 'Revoke this management token?');
    const revokeCalls = f.calls().filter((a) => a.includes('revoke'));
    assert.deepStrictEqual(revokeCalls.map((a) => a.slice(a.indexOf('management'))), [['management', 'revoke', '--force', CI]]);
  });

  it('Revoke this token… for a stored database token: the modal and the Management API revoke', async () => {
    const { dedicated } = await demoWithApis();
    const s = await services();
    await storeTelegrafEdgeSecret();
    try {
      const { doc, d } = await telegrafEdgeFinding();
      const fixes = await quickFixes(doc, d);
      assert.deepStrictEqual(titles(fixes), ['Revoke this token…', 'Rotate this database token…', 'Ignore this finding']);
      const prompts = new ScriptedPrompts([{ warn: 'Revoke' }]);
      const outcome = await withPrompts(prompts, () => run(fixes[0]));
      assert.deepStrictEqual(outcome, { revoked: [TELEGRAF_EDGE], failed: [] });
      assert.strictEqual(prompts.shown[0].message, 'Revoke this database token?');
      assert.ok(dedicated.requests.some((r) => r.operationId === 'DeleteDatabaseToken'), 'the stand-in was asked to revoke it');
    } finally {
      await s.secrets.delete(s.config.path, 'default', databaseSecretId(TELEGRAF_EDGE));
    }
  });

  it('Rotate this database token… for a stored database token: the rotation of that token, from its expiry', async () => {
    const { dedicated } = await demoWithApis();
    const s = await services();
    await storeTelegrafEdgeSecret();
    try {
      const { doc, d } = await telegrafEdgeFinding();
      const rotate = (await quickFixes(doc, d)).find((a) => a.title === 'Rotate this database token…');
      assert.strictEqual(rotate?.command?.command, 'influxdbTokens.rotateDatabaseToken');
      assert.deepStrictEqual([rotate.command.arguments?.[0].kind, rotate.command.arguments?.[0].profile.name, rotate.command.arguments?.[0].token.id], ['databaseToken', 'default', TELEGRAF_EDGE]);
      // The rotation starts at its one question; cancelled there, nothing is created.
      const prompts = new ScriptedPrompts([{ cancel: 'pick' }]);
      assert.deepStrictEqual(await withPrompts(prompts, () => run(rotate)), { result: 'cancelled' });
      assert.strictEqual(prompts.picks[0].title, 'Rotate Database Token "telegraf edge agents" (default)');
      assert.ok(!dedicated.requests.some((r) => r.operationId === 'CreateDatabaseToken'));
    } finally {
      await s.secrets.delete(s.config.path, 'default', databaseSecretId(TELEGRAF_EDGE));
    }
  });

  it('Rotate… for a profile\'s mgmt_token: the rotation of that profile', async () => {
    const s = await services();
    await s.tokens.load(f.configPath, await profileNamed('default'));
    const doc = await openUntitled(`t=${fixtures.GRAFANA_SECRET}`);
    const d = await waitFor('the mgmt_token listed', () => ours(doc.uri).find((x) => x.message.includes('"grafana provisioning"')));
    const fixes = await quickFixes(doc, d);
    assert.deepStrictEqual(titles(fixes), ['Revoke this token…', 'Rotate the mgmt_token of profile "default"…', 'Ignore this finding']);
    const rotate = fixes[1].command!;
    assert.strictEqual(rotate.command, 'influxdbTokens.rotateProfileToken');
    assert.deepStrictEqual([rotate.arguments?.[0].kind, rotate.arguments?.[0].profile.name], ['profile', 'default']);
  });

  it('Replace with an environment variable reference: one edit, undone by Undo', async () => {
    const text = `from influxdb_client_3 import InfluxDBClient3\nclient = InfluxDBClient3(token="${UNKNOWN_DB}")\n`;
    const doc = await openUntitled(text, 'python');
    await vscode.window.showTextDocument(doc);
    const [d] = await diagnosticsOf(doc, 1);
    const replace = (await quickFixes(doc, d)).find((a) => a.title.startsWith('Replace with an environment variable reference'));
    assert.ok(replace?.edit, 'offered in Python');
    assert.strictEqual(replace.title, 'Replace with an environment variable reference (os.environ["INFLUX_TOKEN"])');
    assert.ok(await vscode.workspace.applyEdit(replace.edit));
    assert.strictEqual(doc.getText(), `import os\nfrom influxdb_client_3 import InfluxDBClient3\nclient = InfluxDBClient3(token=os.environ["INFLUX_TOKEN"])\n`);
    await diagnosticsOf(doc, 0);
    await vscode.commands.executeCommand('undo');
    await waitFor('the edit undone at once', () => doc.getText() === text);
    await diagnosticsOf(doc, 1);
    const plain = await openUntitled(`token ${UNKNOWN_DB}`);
    const [p] = await diagnosticsOf(plain, 1);
    assert.ok(!titles(await quickFixes(plain, p)).some((t) => t.startsWith('Replace')), 'no guess in a plain text file');
  });

  it('Remember this token…: stored for the picked profile only after the cluster accepts it', async () => {
    const { f: fx } = await demoWithApis((c) => c.replace(`    mgmt_token = "${fixtures.STAGING_SECRET}"\n`, ''));
    const s = await services();
    const doc = await openUntitled(`MANAGEMENT_TOKEN=${fixtures.STAGING_SECRET}\n`);
    await diagnosticsOf(doc, 1);
    // What the quick fix runs (offered for an unknown token, see Ignore): where the token is, never the token. Run
    // directly, because a list loaded meanwhile (the view, the expiry warnings) would identify this one by its prefix.
    const remember = { command: 'influxdbTokens.rememberFoundToken', arguments: [{ uri: doc.uri.toString(), start: 'MANAGEMENT_TOKEN='.length }] };
    const runRemember = () => Promise.resolve(vscode.commands.executeCommand(remember.command, ...remember.arguments));

    // A token no cluster issued: the Management API refuses it, nothing is stored.
    const strangerDoc = await openUntitled(`MANAGEMENT_TOKEN=${STRANGER_MGMT}\n`);
    const [stranger] = await diagnosticsOf(strangerDoc, 1);
    const rememberStranger = (await quickFixes(strangerDoc, stranger)).find((a) => a.title === 'Remember this token…');
    assert.ok(!JSON.stringify(rememberStranger?.command?.arguments).includes(STRANGER_MGMT.slice(5, 25)), 'the command is given where the token is, not the token');
    const refused = new ScriptedPrompts([{ pick: 'staging' }]);
    assert.strictEqual(await withPrompts(refused, () => run(rememberStranger)), undefined);
    assert.match(refused.shown.find((m) => m.kind === 'error')?.message ?? '', /^The token was not stored: .*403/);
    // Accepted where no listed prefix tells which token it is (the stand-ins share one state): nothing is stored either.
    const unlisted = new ScriptedPrompts([{ pick: 'default' }]);
    assert.strictEqual(await withPrompts(unlisted, runRemember), undefined);
    assert.match(unlisted.shown.find((m) => m.kind === 'error')?.message ?? '', /does not tell which of its tokens it is, so it was not stored\.$/);
    for (const name of ['default', 'staging']) assert.deepStrictEqual([...s.secrets.storedIds(fx.configPath, await profileNamed(name))], [], `nothing stored for ${name}`);

    // The staging cluster accepts it, and its listed prefix tells which token it is.
    const staging = await profileNamed('staging');
    const accepted = new ScriptedPrompts([{ pick: 'staging' }]);
    try {
      assert.strictEqual(await withPrompts(accepted, runRemember), 'stored');
      assert.strictEqual(await s.secrets.get(fx.configPath, staging, fixtures.STAGING_DEPLOYS_ID), fixtures.STAGING_SECRET);
      assert.ok(accepted.shown.some((m) => m.kind === 'inform' && m.message === 'The secret of management token "staging deploys" is stored for profile "staging".'));
      await waitFor('the finding now known', () => ours(doc.uri)[0]?.message.includes('of profile "staging"'));
    } finally {
      await s.secrets.delete(fx.configPath, 'staging', fixtures.STAGING_DEPLOYS_ID);
    }
  });
});
