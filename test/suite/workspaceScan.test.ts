import * as assert from 'assert';
import * as vscode from 'vscode';
import { managementGroup, ScriptedPrompts, services, useFixture, waitFor, withPrompts } from './helpers';
import { profileRow } from './standIns';
import { NodeFinder } from '../../src/foundTokens/candidateFiles';
import { FoundTokenIndex } from '../../src/foundTokens/foundTokenIndex';
import { WorkspaceScan } from '../../src/foundTokens/workspaceScan';
const fixtures = require('../../scripts/lib/fixtures.js');

// Made at run time: no token-shaped literal sits in the repository.
const BODY = 'Xk3pQ9vL2mZ7tR4wY8nB1cF6hJ0sD5gK3aE7uI2oP9qW4eR8tY1uI6oP3aS5dF';
const DATABASE_TOKEN = `apiv1_${BODY}`;
/** A management token no profile knows, with a `/` that a notebook's JSON escapes. */
const UNKNOWN_MANAGEMENT_TOKEN = `M.V1.${BODY.slice(0, 20)}/${BODY.slice(20, 40)}+Qa==`;
const GRAFANA_SECRET: string = fixtures.GRAFANA_SECRET;
const GRAFANA_ID: string = fixtures.GRAFANA_ID;

const root = (): vscode.Uri => {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the in-host tests run with a workspace folder');
  return folder.uri;
};
const file = (path: string): vscode.Uri => vscode.Uri.joinPath(root(), 'scan', path);
const write = (path: string, text: string | Uint8Array): Thenable<void> => vscode.workspace.fs.writeFile(file(path), typeof text === 'string' ? new TextEncoder().encode(text) : text);

const SECRET_YAML = (value: string): string => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: influxdb\ntype: Opaque\ndata:\n  token: ${value}\n`;
const ENV_IN_SECRET = `DEBUG=1\nINFLUX_TOKEN=${DATABASE_TOKEN}\n`;
const NOTEBOOK = JSON.stringify({ cells: [{ cell_type: 'code', source: [`client = connect(token="${UNKNOWN_MANAGEMENT_TOKEN}")\n`] }], nbformat: 4 }).replace(/\//g, '\\/');

/** The workspace of the in-host run, with tokens where a scan must find them and where it must not look. */
async function writeWorkspace(): Promise<void> {
  await write('.env', `INFLUX_HOST=https://example.com\nINFLUX_TOKEN=${DATABASE_TOKEN}\nMANAGEMENT_TOKEN=${GRAFANA_SECRET}\n`);
  await write('deploy/secret.yaml', SECRET_YAML(Buffer.from(GRAFANA_SECRET).toString('base64')));
  await write('notebooks/explore.ipynb', NOTEBOOK);
  // A whole .env in a Secret (kubectl create secret generic --from-file=.env): the token inside a longer encoded text.
  await write('deploy/env-secret.yaml', SECRET_YAML(Buffer.from(ENV_IN_SECRET).toString('base64')));
  // Not looked at: findTokensExclude, search.exclude, .gitignore; and a binary file, skipped.
  await write('fixtures/sample.env', `INFLUX_TOKEN=${DATABASE_TOKEN}\n`);
  await write('vendor/lib.js', `const token = "${DATABASE_TOKEN}";\n`);
  await write('.gitignore', 'ignored/\n');
  await write('ignored/leak.txt', DATABASE_TOKEN);
  await write('blob.bin', Uint8Array.from([0x50, 0x4b, 0, 0, ...new TextEncoder().encode(DATABASE_TOKEN)]));
  // Never a candidate: no token in it.
  await write('README.md', '# A project\nThe apiv1_ prefix alone is no token.\n');
}

/** The Problems panel's entries of the scan, by file relative to the scanned folder. */
function problems(): Map<string, vscode.Diagnostic[]> {
  const found = new Map<string, vscode.Diagnostic[]>();
  for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
    // A document open in an editor has the editor's diagnostic of a token (it names the token) instead of the scan's.
    const ours = diagnostics.filter((d) => d.source === 'InfluxDB Tokens' && d.code === 'token-in-file');
    const path = vscode.workspace.asRelativePath(uri, false);
    if (ours.length && path.startsWith('scan/')) found.set(path.slice('scan/'.length), ours);
  }
  return found;
}

describe('Find InfluxDB Tokens in Workspace', function () {
  this.timeout(60000);
  const settings = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration();

  before(async () => {
    await useFixture();
    await writeWorkspace();
    await settings().update('influxdbTokens.findTokensExclude', ['**/fixtures/**'], vscode.ConfigurationTarget.Global);
    await settings().update('search.exclude', { '**/vendor': true }, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await settings().update('influxdbTokens.findTokensExclude', undefined, vscode.ConfigurationTarget.Global);
    await settings().update('search.exclude', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(root(), 'scan'), { recursive: true });
  });

  it('cancelled early, publishes nothing of what it read', async () => {
    const s = await services();
    const cancel = new vscode.CancellationTokenSource();
    const outcome = await s.foundTokens().scan.scanWorkspace(cancel.token, () => cancel.cancel());
    assert.deepStrictEqual(outcome, { kind: 'cancelled' });
    assert.deepStrictEqual([...problems().keys()], []);
    const before = new vscode.CancellationTokenSource();
    before.cancel();
    assert.deepStrictEqual(await s.foundTokens().scan.scanWorkspace(before.token), { kind: 'cancelled' });
    assert.deepStrictEqual([...problems().keys()], []);
  });

  it('finds the tokens of a .env, a Kubernetes Secret and a notebook, honours the exclusions and says how many files it skipped', async () => {
    const prompts = new ScriptedPrompts([{ inform: undefined }]);
    const outcome = await withPrompts(prompts, () => Promise.resolve(vscode.commands.executeCommand('influxdbTokens.findTokensInWorkspace')));
    assert.deepStrictEqual(outcome, { kind: 'done', tokens: 5, files: 4, skipped: 1, searcher: 'ripgrep' });
    await waitFor('the notification', () => prompts.shown.length > 0);
    assert.strictEqual(prompts.shown[0].message, 'InfluxDB tokens found in the workspace: 5, in files: 4. The Problems panel lists them. Files that may hold one but were skipped as binary or larger than 5 MB: 1.');
    assert.deepStrictEqual(prompts.shown[0].actions, ['Show Problems']);

    const found = problems();
    assert.deepStrictEqual([...found.keys()].sort(), ['.env', 'deploy/env-secret.yaml', 'deploy/secret.yaml', 'notebooks/explore.ipynb']);
    const [inEnv] = found.get('deploy/env-secret.yaml')!;
    const tokenAt = ENV_IN_SECRET.indexOf(DATABASE_TOKEN);
    // The range covers the groups of four characters that encode the token.
    assert.deepStrictEqual([inEnv.range.start.line, inEnv.range.start.character, inEnv.range.end.character], [6, 9 + Math.floor(tokenAt / 3) * 4, 9 + Math.ceil((tokenAt + DATABASE_TOKEN.length) / 3) * 4]);
    const env = found.get('.env')!;
    assert.deepStrictEqual(
      env.map((d) => [d.range.start.line, d.range.start.character, d.range.end.character, d.message, d.severity]),
      [
        [1, 13, 13 + DATABASE_TOKEN.length, 'InfluxDB database token found in a file.', vscode.DiagnosticSeverity.Warning],
        [2, 17, 17 + GRAFANA_SECRET.length, 'InfluxDB management token found in a file.', vscode.DiagnosticSeverity.Warning],
      ],
    );
    const [secret] = found.get('deploy/secret.yaml')!;
    assert.deepStrictEqual([secret.range.start.line, secret.range.start.character, secret.range.end.character], [6, 9, 9 + Buffer.from(GRAFANA_SECRET).toString('base64').length]);
    const [notebook] = found.get('notebooks/explore.ipynb')!;
    const written = NOTEBOOK.indexOf('M.V1.');
    assert.deepStrictEqual([notebook.range.start.character, notebook.range.end.character], [written, written + UNKNOWN_MANAGEMENT_TOKEN.length + 1]);
    // Nothing found is kept in the extension's state.
    const s = await services();
    const state = JSON.stringify(s.state.keys().map((k) => s.state.get(k)));
    for (const t of [DATABASE_TOKEN, UNKNOWN_MANAGEMENT_TOKEN]) assert.ok(!state.includes(t));
  });

  it('without ripgrep, finds the same with VS Code\'s file search and the top-level .gitignore', async () => {
    const s = await services();
    const index = new FoundTokenIndex();
    const scan = new WorkspaceScan({ settings: s.settings, index, log: s.log, finder: new NodeFinder() });
    try {
      const never = new vscode.CancellationTokenSource();
      // The scanned folder's .gitignore, as if at the top of the workspace folder.
      await vscode.workspace.fs.copy(file('.gitignore'), vscode.Uri.joinPath(root(), '.gitignore'), { overwrite: true });
      assert.deepStrictEqual(await scan.scanWorkspace(never.token), { kind: 'done', tokens: 5, files: 4, skipped: 1, searcher: 'node' });
      assert.deepStrictEqual([...index.filesWithFindings().keys()].map((k) => vscode.workspace.asRelativePath(vscode.Uri.parse(k), false)).sort(), ['scan/.env', 'scan/deploy/env-secret.yaml', 'scan/deploy/secret.yaml', 'scan/notebooks/explore.ipynb']);
    } finally {
      scan.dispose();
      index.dispose();
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(root(), '.gitignore'));
    }
  });

  it('the tree row of a known token says in how many files it was found, the profile row sums them, and Show Where Found opens the right range', async () => {
    const s = await services();
    const profile = await profileRow('default');
    const grafana = await waitFor('the grafana row found in 2 files', async () => {
      const rows = await s.tree.getChildren(await managementGroup(profile));
      const row = rows.find((n) => n.kind === 'token' && n.token.id === GRAFANA_ID);
      return row && String(s.tree.getTreeItem(row).description).includes('found in 2 files') ? row : undefined;
    });
    const item = s.tree.getTreeItem(grafana);
    assert.match(String(item.contextValue), /^token\..*\.found$/);
    assert.match(String(item.description), /^[^·]+ · found in 2 files · /, 'right after the status');
    assert.match(String(s.tree.getTreeItem(await profileRow('default')).description), /^2 leaks · /);

    const prompts = new ScriptedPrompts([{ pick: (items) => items.find((i) => i.label === 'scan/deploy/secret.yaml') }]);
    await withPrompts(prompts, () => Promise.resolve(vscode.commands.executeCommand('influxdbTokens.showWhereFound', grafana)));
    assert.deepStrictEqual(prompts.picks[0].labels.sort(), ['scan/.env', 'scan/deploy/secret.yaml']);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor && editor.document.uri.toString() === file('deploy/secret.yaml').toString(), 'the Secret is open');
    assert.deepStrictEqual([editor.selection.start.line, editor.selection.start.character], [6, 9]);
    assert.strictEqual(editor.document.getText(editor.selection), Buffer.from(GRAFANA_SECRET).toString('base64'));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('tells a rotation where a token was found, by its ID, for the config.toml in use only', async () => {
    const s = await services();
    const found = await waitFor('the grafana token found in 2 files', async () => {
      const locations = await s.foundTokens().whereFound(s.config.path, GRAFANA_ID);
      return locations.length === 2 ? locations : undefined;
    });
    assert.deepStrictEqual(found.map((l) => `${vscode.workspace.asRelativePath(l.uri)}:${l.range.start.line}`).sort(), ['scan/.env:2', 'scan/deploy/secret.yaml:6']);
    assert.deepStrictEqual(await s.foundTokens().whereFound(`${s.config.path}.other`, GRAFANA_ID), [], 'another config.toml\'s tokens are not these');
  });

  it('stays current as files change: an edited file loses its entries, a new one gains them', async () => {
    const s = await services();
    // VS Code's file watcher may start reporting a moment after the scan asked for it: a probe file,
    // written again until the scan sees it, shows it reports before the edits under test are made.
    let probes = 0;
    await waitFor(
      'the file watcher to report a new file to the scan',
      async () => {
        if (probes++ % 40 === 0) await write('probe/watcher.env', `INFLUX_TOKEN=${DATABASE_TOKEN}\n# ${probes}\n`);
        return problems().has('probe/watcher.env');
      },
      60000,
    );
    await vscode.workspace.fs.delete(file('probe'), { recursive: true });
    await waitFor('the probe file to lose its entry', () => !problems().has('probe/watcher.env'), 30000);
    await write('.env', 'INFLUX_TOKEN=${INFLUX_TOKEN}\n');
    await write('later/settings.py', `TOKEN = "${DATABASE_TOKEN}"\n`);
    // The file watcher's events, the rescan and ripgrep take longer on a loaded machine: wait for the state, up to 30 s.
    let keys = '';
    await waitFor(
      'the Problems panel to follow the edits',
      () => {
        keys = [...problems().keys()].sort().join(',');
        return keys === 'deploy/env-secret.yaml,deploy/secret.yaml,later/settings.py,notebooks/explore.ipynb';
      },
      30000,
    ).catch((err: Error) => assert.fail(`${err.message}; the panel lists ${keys}`));
    await vscode.workspace.fs.delete(file('notebooks/explore.ipynb'));
    await waitFor('the deleted notebook to lose its entry', () => !problems().has('notebooks/explore.ipynb'));
    // The excluded folder stays excluded when its files change.
    await write('fixtures/sample.env', `INFLUX_TOKEN=${DATABASE_TOKEN}\n# edited\n`);
    await s.foundTokens().scan.settled();
    assert.ok(!problems().has('fixtures/sample.env'));
    // The tree follows: the grafana token is now in one file.
    await waitFor('the profile row to say 1 leak', async () => String(s.tree.getTreeItem(await profileRow('default')).description).startsWith('1 leak · '));
  });

  it('scans again when what it leaves out changes: findTokensExclude, search.exclude', async () => {
    await settings().update('influxdbTokens.findTokensExclude', [], vscode.ConfigurationTarget.Global);
    await waitFor('the no longer excluded fixture to be found', () => problems().has('fixtures/sample.env'), 30000);
    await settings().update('influxdbTokens.findTokensExclude', ['**/fixtures/**'], vscode.ConfigurationTarget.Global);
    await waitFor('the excluded fixture to lose its entry', () => !problems().has('fixtures/sample.env'), 30000);
    await settings().update('search.exclude', {}, vscode.ConfigurationTarget.Global);
    await waitFor('vendor/ to be scanned once search.exclude no longer leaves it out', () => problems().has('vendor/lib.js'), 30000);
    await settings().update('search.exclude', { '**/vendor': true }, vscode.ConfigurationTarget.Global);
    await waitFor('vendor/ to be left out again', () => !problems().has('vendor/lib.js'), 30000);
  });

  it('says when a file with a token is tracked by git: deleting the line is not enough', async () => {
    await write('repo/config.py', `TOKEN = "${DATABASE_TOKEN}"\n`);
    await write('repo/draft.py', `TOKEN = "${DATABASE_TOKEN}"\n`);
    const extension = vscode.extensions.getExtension<{ getAPI(version: 1): { init(root: vscode.Uri): Promise<{ add(paths: string[]): Promise<void> } | null> } }>('vscode.git');
    assert.ok(extension, 'the built-in Git extension');
    const git = (extension.isActive ? extension.exports : await extension.activate()).getAPI(1);
    const repository = await git.init(file('repo'));
    assert.ok(repository, 'git init');
    await repository.add([file('repo/config.py').fsPath]);
    const prompts = new ScriptedPrompts([{ inform: undefined }]);
    await withPrompts(prompts, () => Promise.resolve(vscode.commands.executeCommand('influxdbTokens.findTokensInWorkspace')));
    const found = problems();
    assert.deepStrictEqual(found.get('repo/config.py')?.map((d) => d.message), ['InfluxDB database token found in a file tracked by git: rotate it, deleting the line is not enough.']);
    // Open in an editor, the file has one warning, the editor's, which names the token and keeps the git note.
    const doc = await vscode.workspace.openTextDocument(file('repo/config.py'));
    const inEditor = await waitFor('the editor diagnostic in place of the scan\'s', () => {
      const list = problems().get('repo/config.py');
      return list?.length === 1 && !/^InfluxDB database token found in a file/.test(list[0].message) ? list : undefined;
    });
    assert.match(inEditor[0].message, /The file is tracked by git: rotate the token, deleting the line is not enough\.$/);
    assert.ok(doc);
    assert.deepStrictEqual(found.get('repo/draft.py')?.map((d) => d.message), ['InfluxDB database token found in a file.']);
    assert.ok(found.get('deploy/secret.yaml')?.every((d) => !/tracked by git/.test(d.message)), 'outside the repository');
  });
});
