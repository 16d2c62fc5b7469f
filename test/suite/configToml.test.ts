import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { describeConfigError, describeError } from '../../src/ui/coreText';
import { PLAIN_CONFIG, ScriptedPrompts, profileNamed, services, useFixture, waitFor, withPrompts, type Fixture } from './helpers';

const CI = 'a3c1e5f7-1b2d-4e6f-8a9b-0c1d2e3f4a5b';
const SECRET = 'M.V1.a3c1StoredSecret/For+Tests0123456789abcdef';

function profileArg(f: Fixture, name: string) {
  return { kind: 'profile', configPath: f.configPath, profile: { name } };
}

async function setToken(prompts: ScriptedPrompts, ...args: unknown[]): Promise<boolean | undefined> {
  return withPrompts(prompts, () => Promise.resolve(vscode.commands.executeCommand<boolean>('influxdbTokens.setProfileToken', ...args)));
}

function changedLines(before: string, after: string): { added: string[]; removed: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  return { added: b.filter((l) => !a.includes(l)), removed: a.filter((l) => !b.includes(l)) };
}

async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

describe('Set mgmt_token in config.toml', () => {
  afterEach(closeAllEditors);

  it('writes a stored secret into a closed file atomically, keeping its permissions and comments', async () => {
    const f = await useFixture({ config: PLAIN_CONFIG });
    fs.chmodSync(f.configPath, 0o640);
    const before = fs.readFileSync(f.configPath, 'utf8');
    const inode = fs.statSync(f.configPath).ino;
    await (await services()).secrets.store(f.configPath, await profileNamed('staging'), CI, SECRET);
    // Group-readable: the offer to restrict it is declined, and the permissions stay.
    const prompts = new ScriptedPrompts([{ pick: CI }, { warn: undefined }]);
    assert.strictEqual(await setToken(prompts, profileArg(f, 'staging')), true);
    assert.match(prompts.shown.find((m) => m.kind === 'warn')?.message ?? '', /Other users of this machine can read/);
    const after = fs.readFileSync(f.configPath, 'utf8');
    assert.deepStrictEqual(changedLines(before, after), { added: [`    mgmt_token = "${SECRET}"`], removed: [] });
    assert.ok(after.indexOf('mgmt_token') < after.indexOf('[profile.tls]'), 'inserted in the profile table, not in [profile.tls]');
    assert.strictEqual(fs.statSync(f.configPath).mode & 0o777, 0o640);
    assert.notStrictEqual(fs.statSync(f.configPath).ino, inode, 'written through a rename');
    assert.deepStrictEqual(fs.readdirSync(f.dir).filter((n) => n.endsWith('.tmp')), []);
    const s = await services();
    await waitFor('the profile row shows it', async () => ((await s.config.state()).kind === 'ok' && (await s.config.state() as { profiles: { name: string; mgmtToken?: string }[] }).profiles.find((p) => p.name === 'staging')?.mgmtToken === SECRET ? true : undefined));
  });

  it('writes through a symbolic link: the link stays, its target gets the token', async () => {
    const f = await useFixture({ config: PLAIN_CONFIG });
    const target = path.join(f.dir, 'dotfiles', 'config.toml');
    fs.mkdirSync(path.dirname(target));
    fs.renameSync(f.configPath, target);
    fs.symlinkSync(target, f.configPath);
    await (await services()).config.reload();
    const prompts = new ScriptedPrompts([{ input: SECRET }]);
    assert.strictEqual(await setToken(prompts, profileArg(f, 'default')), true);
    assert.ok(fs.lstatSync(f.configPath).isSymbolicLink(), 'still a link');
    assert.ok(fs.readFileSync(target, 'utf8').includes(`mgmt_token = "${SECRET}"`));
    assert.deepStrictEqual([...fs.readdirSync(f.dir), ...fs.readdirSync(path.dirname(target))].filter((n) => n.endsWith('.tmp')), []);
  });

  it('offers to restrict a world-readable config.toml once a secret is in it, and does so when asked', async () => {
    const f = await useFixture({ config: PLAIN_CONFIG });
    fs.chmodSync(f.configPath, 0o644);
    const prompts = new ScriptedPrompts([{ input: SECRET }, { warn: 'Restrict to Owner' }]);
    assert.strictEqual(await setToken(prompts, profileArg(f, 'default')), true);
    assert.match(prompts.shown.find((m) => m.kind === 'warn')?.detail ?? '', /permissions are 644/);
    assert.strictEqual(fs.statSync(f.configPath).mode & 0o777, 0o600);
  });

  it('removes a temporary copy a crashed write left beside config.toml, not one being written', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'influxdb-tokens-leftover-'));
    const configPath = path.join(dir, 'config.toml');
    fs.writeFileSync(configPath, PLAIN_CONFIG, { mode: 0o600 });
    // A process ID no process has (above Linux's pid_max), and this process writing just now.
    const crashed = `.config.toml.${2 ** 22 + 7}.${Date.now() - 1000}.tmp`;
    const writing = `.config.toml.${process.pid}.${Date.now()}.tmp`;
    for (const name of [crashed, writing]) fs.writeFileSync(path.join(dir, name), `mgmt_token = "${SECRET}"`);
    await vscode.workspace.getConfiguration('influxdbTokens').update('configPath', configPath, vscode.ConfigurationTarget.Global);
    await waitFor('the leftover removed', () => (fs.existsSync(path.join(dir, crashed)) ? undefined : true));
    assert.ok(fs.existsSync(path.join(dir, writing)), 'a write in progress is left alone');
  });

  it("the config model's own write is in its state and announced before the write returns", async () => {
    const f = await useFixture({ config: PLAIN_CONFIG });
    const s = await services();
    await s.config.state();
    const announced: (string | undefined)[] = [];
    const sub = s.config.onDidChange((state) => announced.push(state.kind === 'ok' ? state.profiles.find((p) => p.name === 'staging')?.mgmtToken : state.kind));
    try {
      assert.strictEqual(await s.config.setProfileStrings(f.configPath, 'staging', [['mgmt_token', SECRET]]), 'saved');
      assert.deepStrictEqual(announced, [SECRET], 'no reload by hand, no waiting for the file watcher');
      const state = await s.config.state();
      assert.strictEqual(state.kind === 'ok' ? state.profiles.find((p) => p.name === 'staging')?.mgmtToken : undefined, SECRET);
    } finally {
      sub.dispose();
    }
  });

  it('edits an open editor with unsaved changes: the changes stay, nothing is saved, undo restores', async () => {
    const f = await useFixture({ config: PLAIN_CONFIG });
    const onDisk = fs.readFileSync(f.configPath, 'utf8');
    const doc = await vscode.workspace.openTextDocument(f.configPath);
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), '# my unsaved note\n'));
    const unsaved = doc.getText();
    await (await services()).secrets.store(f.configPath, await profileNamed('default'), CI, SECRET);
    const prompts = new ScriptedPrompts([{ pick: CI }]);
    assert.strictEqual(await setToken(prompts, profileArg(f, 'default')), true);
    assert.deepStrictEqual(changedLines(unsaved, doc.getText()).added, [`    mgmt_token = "${SECRET}"`]);
    assert.ok(doc.getText().startsWith('# my unsaved note\n'));
    assert.ok(doc.isDirty, 'left unsaved');
    assert.strictEqual(fs.readFileSync(f.configPath, 'utf8'), onDisk, 'the file on disk is untouched');
    assert.match(prompts.shown.find((m) => m.kind === 'inform' && m.message.includes('is set in'))!.message, /save the file to apply it/);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(doc.getText(), unsaved);
  });

  it('edits and saves an open editor without unsaved changes', async () => {
    const f = await useFixture({ config: PLAIN_CONFIG });
    const doc = await vscode.workspace.openTextDocument(f.configPath);
    await vscode.window.showTextDocument(doc);
    const prompts = new ScriptedPrompts([{ input: SECRET }]);
    assert.strictEqual(await setToken(prompts, profileArg(f, 'default')), true);
    assert.strictEqual(prompts.inputs[0].password, true, 'a pasted token is typed into a password box');
    assert.ok(!doc.isDirty);
    assert.ok(fs.readFileSync(f.configPath, 'utf8').includes(`mgmt_token = "${SECRET}"`));
  });

  it('asks before replacing an existing mgmt_token, keeping its inline comment', async () => {
    const config = '# profiles\n[[profile]]\n  name = "default"\n  product = "clustered"\n  host = "h"\n  mgmt_token = "M.V1.oldOLDold1234567890abcdefXYZ" # rotated monthly\n';
    const f = await useFixture({ config });
    assert.strictEqual(await setToken(new ScriptedPrompts([{ input: SECRET }, { warn: undefined }]), profileArg(f, 'default')), false);
    assert.strictEqual(fs.readFileSync(f.configPath, 'utf8'), config);
    const prompts = new ScriptedPrompts([{ input: SECRET }, { warn: 'Replace' }]);
    assert.strictEqual(await setToken(prompts, profileArg(f, 'default')), true);
    assert.match(prompts.shown[0].message, /Replace the mgmt_token of profile "default"\?/);
    assert.strictEqual(fs.readFileSync(f.configPath, 'utf8'), config.replace('M.V1.oldOLDold1234567890abcdefXYZ', SECRET));
  });

  it('uses the secret of a token row, and the tokenId passed by the create notification', async () => {
    const f = await useFixture({ config: PLAIN_CONFIG });
    const s = await services();
    await s.secrets.store(f.configPath, await profileNamed('default'), CI, SECRET);
    assert.strictEqual(await setToken(new ScriptedPrompts([]), profileArg(f, 'default'), { tokenId: CI }), true);
    assert.ok(fs.readFileSync(f.configPath, 'utf8').includes(`mgmt_token = "${SECRET}"`));
  });

  it('refuses a read-only file and leaves it as it was', async () => {
    const f = await useFixture({ config: PLAIN_CONFIG });
    fs.chmodSync(f.configPath, 0o444);
    const before = fs.readFileSync(f.configPath, 'utf8');
    const prompts = new ScriptedPrompts([{ input: SECRET }]);
    assert.strictEqual(await setToken(prompts, profileArg(f, 'default')), false);
    assert.match(prompts.shown.find((m) => m.kind === 'error')!.message, /read-only; nothing was written/);
    assert.strictEqual(fs.readFileSync(f.configPath, 'utf8'), before);
    fs.chmodSync(f.configPath, 0o600);
  });

  it('shows a CodeLens above every [[profile]]', async () => {
    const f = await useFixture({ config: PLAIN_CONFIG });
    const doc = await vscode.workspace.openTextDocument(f.configPath);
    const lenses = await waitFor('code lenses', async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
      return l && l.length ? l : undefined;
    });
    assert.deepStrictEqual(
      lenses.map((l) => [l.range.start.line, l.command?.title, l.command?.command]),
      [
        [2, 'Set mgmt_token of "default"', 'influxdbTokens.setProfileToken'],
        [9, 'Set mgmt_token of "staging"', 'influxdbTokens.setProfileToken'],
      ],
    );
  });

  it('shows no CodeLens in another influxctl/config.toml, such as a copy inside a repository', async () => {
    const f = await useFixture({ config: PLAIN_CONFIG });
    const copy = path.join(f.dir, 'repo', 'influxctl', 'config.toml');
    fs.mkdirSync(path.dirname(copy), { recursive: true });
    fs.writeFileSync(copy, PLAIN_CONFIG);
    const configured = await vscode.workspace.openTextDocument(f.configPath);
    const other = await vscode.workspace.openTextDocument(copy);
    // Once the configured file has its lenses, the provider has run for both.
    await waitFor('code lenses of the configured file', async () => ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', configured.uri))?.length ? true : undefined));
    assert.deepStrictEqual(await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', other.uri), []);
  });
});

describe('config.toml diagnostics and completion', () => {
  afterEach(closeAllEditors);

  async function diagnosticsOf(text: string): Promise<{ doc: vscode.TextDocument; diagnostics: vscode.Diagnostic[] }> {
    const f = await useFixture({ config: PLAIN_CONFIG });
    const file = path.join(f.dir, 'influxctl', 'config.toml');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    const diagnostics = await waitFor('diagnostics', () => {
      const d = vscode.languages.getDiagnostics(doc.uri);
      return d.length ? d : undefined;
    });
    return { doc, diagnostics };
  }

  it('reports a syntax error at its position', async () => {
    const { diagnostics } = await diagnosticsOf('[[profile]]\nname = "a"\nproduct = \n');
    assert.strictEqual(diagnostics[0].code, 'syntax');
    assert.strictEqual(diagnostics[0].range.start.line, 2);
  });

  it('flags keys influxctl refuses and offers the likely key as a quick fix', async () => {
    const { doc, diagnostics } = await diagnosticsOf('[[profile]]\n  name = "a"\n  product = "clustered"\n  host = "h"\n  mgmt_tokn = "x"\n');
    const d = diagnostics.find((x) => x.code === 'unknownKey')!;
    assert.ok(d, JSON.stringify(diagnostics.map((x) => x.message)));
    assert.strictEqual(doc.getText(d.range), 'mgmt_tokn');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range);
    const fix = actions.find((a) => a.title === 'Change to mgmt_token');
    assert.ok(fix?.edit, actions.map((a) => a.title).join(', '));
    await vscode.workspace.applyEdit(fix.edit);
    assert.ok(doc.getText().includes('  mgmt_token = "x"'));
  });

  it('flags a UTF-8 byte order mark (influxctl refuses the file) and removes it on disk, changing nothing else', async () => {
    const body = '# profiles\r\n[[profile]]\r\n  name = "a"\r\n  product = "clustered"\r\n  host = "h"\r\n';
    const { doc, diagnostics } = await diagnosticsOf(`\uFEFF${body}`);
    const d = diagnostics.find((x) => x.code === 'bom');
    assert.ok(d, JSON.stringify(diagnostics.map((x) => x.message)));
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range);
    const fix = actions.find((a) => a.title.startsWith('Save as UTF-8 without byte order mark'));
    assert.ok(fix?.command, actions.map((a) => a.title).join(', '));
    await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    assert.strictEqual(fs.readFileSync(doc.uri.fsPath, 'utf8'), body, 'the mark is gone; every other byte, CRLF included, is kept');
    await waitFor('the diagnostic to go', () => (vscode.languages.getDiagnostics(doc.uri).some((x) => x.code === 'bom') ? undefined : true));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('flags a config.toml saved as UTF-16 (Windows PowerShell 5.1), which the tree explains, and saves it as UTF-8 without mark', async () => {
    const body = '# profiles\r\n[[profile]]\r\n  name = "a"\r\n  product = "clustered"\r\n  host = "h"\r\n';
    const f = await useFixture({ config: PLAIN_CONFIG });
    fs.writeFileSync(f.configPath, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body, 'utf16le')]));
    const s = await services();
    const before = await s.config.reload();
    assert.strictEqual(before.kind, 'malformed');
    assert.deepStrictEqual(before.kind === 'malformed' ? before.error.reason : undefined, { code: 'encoding', encoding: 'utf-16le', undecodable: false });
    assert.match(before.kind === 'malformed' ? describeConfigError(before.error) : '', /saved as UTF-16 LE .*influxctl cannot read/);
    const doc = await vscode.workspace.openTextDocument(f.configPath);
    await vscode.window.showTextDocument(doc);
    assert.ok(doc.getText().includes('name = "a"'), 'VS Code decodes UTF-16 itself');
    const d = await waitFor('the encoding diagnostic', () => vscode.languages.getDiagnostics(doc.uri).find((x) => x.code === 'bom'));
    assert.match(d.message, /UTF-16 LE/);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range);
    const fix = actions.find((a) => a.title.startsWith('Save as UTF-8 without byte order mark'));
    assert.ok(fix?.command, actions.map((a) => a.title).join(', '));
    await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    assert.deepStrictEqual(fs.readFileSync(f.configPath), Buffer.from(body, 'utf8'), 'UTF-8, no mark, every character and CRLF kept');
    const after = await s.config.state();
    assert.deepStrictEqual(after.kind === 'ok' ? after.profiles.map((p) => p.name) : after.kind, ['a']);
    await waitFor('the editor to show the file as it now is', () => (doc.getText() === body && !doc.isDirty ? true : undefined));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('an edit keeps the file as it is stored (UTF-16, a UTF-8 mark), and a file that is not text in its encoding is refused, unchanged', async () => {
    const body = '[[profile]]\r\n  name = "a"\r\n  product = "clustered"\r\n  host = "h"\r\n';
    const s = await services();
    const f = await useFixture({ config: PLAIN_CONFIG });
    const stored: [string, Buffer, (text: string) => Buffer][] = [
      ['UTF-16 LE', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body, 'utf16le')]), (t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')])],
      ['UTF-8 with a mark', Buffer.from(`\uFEFF${body}`, 'utf8'), (t) => Buffer.from(`\uFEFF${t}`, 'utf8')],
    ];
    for (const [what, bytes, encode] of stored) {
      fs.writeFileSync(f.configPath, bytes);
      await s.config.setProfileStrings(f.configPath, 'a', [['mgmt_token', SECRET]]);
      const expected = body.replace('  host = "h"\r\n', `  host = "h"\r\n  mgmt_token = "${SECRET}"\r\n`);
      assert.deepStrictEqual(fs.readFileSync(f.configPath), encode(expected), what);
    }
    const cp1252 = Buffer.from('[[profile]]\n  name = "caf\u00e9"\n  product = "clustered"\n  host = "h"\n', 'latin1');
    fs.writeFileSync(f.configPath, cp1252);
    const state = await s.config.reload();
    assert.deepStrictEqual(state.kind === 'malformed' ? state.error.reason : state.kind, { code: 'encoding', encoding: 'utf-8', undecodable: true });
    assert.match(state.kind === 'malformed' ? describeConfigError(state.error) : state.kind, /not valid UTF-8 .*Windows-1252/);
    await assert.rejects(s.config.setProfileStrings(f.configPath, 'café', [['mgmt_token', SECRET]]), (err) => /not valid UTF-8/.test(describeError(err)));
    assert.deepStrictEqual(fs.readFileSync(f.configPath), cp1252, 'nothing was written');
  });

  it('flags a wrong product, missing fields and duplicate names', async () => {
    const { diagnostics } = await diagnosticsOf(
      '[[profile]]\n  name = "a"\n  product = "serverless"\n\n[[profile]]\n  name = "b"\n  product = "dedicated"\n  account_id = "x"\n\n[[profile]]\n  name = "c"\n  product = "clustered"\n\n[[profile]]\n  name = "a"\n  product = "clustered"\n  host = "h"\n',
    );
    const codes = diagnostics.map((d) => `${d.code}@${d.range.start.line}`).sort();
    assert.ok(codes.includes('badProduct@2'), codes.join(' '));
    // Profile "b" (lines 4-7) lacks cluster_id, profile "c" (lines 9-11) lacks host: each flagged in its own profile.
    const missing = diagnostics.filter((d) => d.code === 'missingField');
    assert.ok(missing.some((d) => d.message.includes('cluster_id') && d.range.start.line >= 4 && d.range.start.line <= 7), codes.join(' '));
    assert.ok(missing.some((d) => d.message.includes('host') && d.range.start.line >= 9 && d.range.start.line <= 11), codes.join(' '));
    assert.ok(codes.includes('duplicateName@14'), codes.join(' '));
    // What clusterOrigin refuses, the linter flags at the value, in words.
    const notUuid = diagnostics.find((d) => d.code === 'badValue');
    assert.ok(notUuid && notUuid.range.start.line === 7 && /account_id "x" is not a UUID/.test(notUuid.message), codes.join(' '));
  });

  it('completes known keys inside [[profile]] and its sub-tables', async () => {
    const { doc } = await diagnosticsOf('[[profile]]\n  name = "a"\n  product = "dedicated"\n  \n\n  [profile.tls]\n    \n');
    const inProfile = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(3, 2));
    const labels = inProfile.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('account_id') && labels.includes('mgmt_token'), labels.join(', '));
    assert.ok(!labels.includes('name'), 'keys already present are not offered');
    const inTls = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(6, 4));
    const tlsLabels = inTls.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(tlsLabels.includes('insecure') && tlsLabels.includes('ca'), tlsLabels.join(', '));
    assert.ok(!tlsLabels.includes('account_id'));
  });
});
