import * as assert from 'assert';
import * as vscode from 'vscode';
import type { Node } from '../../src/tree/nodes';
import { DAY, isGone, managementGroup, services, token, useFixture, waitFor } from './helpers';

/** The rows under a node; under a profile, those of its Management Tokens group. */
async function rows(node?: Node): Promise<{ node: Node; item: vscode.TreeItem }[]> {
  const s = await services();
  const children = await s.tree.getChildren(node?.kind === 'profile' ? await managementGroup(node) : node);
  return children.map((n) => ({ node: n, item: s.tree.getTreeItem(n) }));
}

function label(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

async function profileRow(name: string) {
  const found = (await rows()).find((r) => label(r.item) === name);
  assert.ok(found, `profile row ${name}`);
  return found;
}

describe('Profiles tree', () => {
  it('shows each profile with product, location, default mark and a tooltip without secrets', async () => {
    const f = await useFixture({
      config: `[[profile]]\n  name = "default"\n  product = "dedicated"\n  account_id = "0b8fbb2a-8f7b-4a1c-9d6e-2f1e4c3b5a69"\n  cluster_id = "5c3e8a1f-7d2b-4e6a-9c0f-1a2b3c4d5e6f"\n  mgmt_token = "M.V1.abcdSECRETSECRETSECRET123"\n\n[[profile]]\n  name = "edge"\n  product = "clustered"\n  host = "edge.example.com"\n  port = "8443"\n`,
    });
    const all = await rows();
    assert.deepStrictEqual(all.map((r) => label(r.item)), ['default', 'edge']);
    const [def, edge] = all.map((r) => r.item);
    // The status leads, and the cluster ID is cut to what tells clusters apart: the row's end is cut off at the default width.
    assert.strictEqual(def.description, 'mgmt_token set · default · dedicated · 5c3e8a1f…');
    assert.strictEqual(edge.description, 'clustered · edge.example.com');
    assert.strictEqual((def.iconPath as vscode.ThemeIcon).id, 'cloud');
    assert.strictEqual((edge.iconPath as vscode.ThemeIcon).id, 'server');
    assert.match(def.contextValue ?? '', /^profile\.mgmt/);
    const tip = (def.tooltip as vscode.MarkdownString).value;
    assert.ok(tip.includes('5c3e8a1f\\-7d2b\\-4e6a\\-9c0f\\-1a2b3c4d5e6f') && tip.includes('0b8fbb2a\\-8f7b') && tip.includes(f.configPath.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&')), tip);
    assert.ok(!tip.includes('SECRET'), 'the tooltip never shows the mgmt_token');
  });

  it('never shows a secret pasted into the wrong field of a profile, in its row or in its Database Tokens group', async () => {
    const pasted = 'apiv1_PastedIntoClusterIdByMistake0123456789abcdefABCDEF';
    const pastedMgmt = 'M.V1.PastedIntoHostByMistake0123456789abcdef';
    await useFixture({
      config: `[[profile]]\n  name = "default"\n  product = "dedicated"\n  account_id = "0b8fbb2a-8f7b-4a1c-9d6e-2f1e4c3b5a69"\n  cluster_id = "${pasted}"\n  mgmt_token = "M.V1.abcdSECRETSECRETSECRET123"\n\n[[profile]]\n  name = "edge"\n  product = "clustered"\n  host = "${pastedMgmt}"\n  mgmt_token = "M.V1.efghSECRETSECRETSECRET123"\n`,
    });
    const s = await services();
    for (const name of ['default', 'edge']) {
      const row = await profileRow(name);
      const shown = [String(row.item.description), (row.item.tooltip as vscode.MarkdownString).value].join('\n');
      assert.ok(!shown.includes(pasted) && !shown.includes(pastedMgmt), shown);
      const group = (await s.tree.getChildren(row.node)).find((n) => n.kind === 'group' && n.group === 'database')!;
      const [first] = await s.tree.getChildren(group);
      const item = s.tree.getTreeItem(first);
      assert.strictEqual(item.contextValue, 'error');
      const text = `${label(item)}\n${String(item.tooltip)}`;
      assert.ok(!text.includes(pasted) && !text.includes(pastedMgmt) && !text.includes('PastedInto'), text);
    }
  });

  it('gives every kind of row a label for screen readers: profile, group, token and message rows', async () => {
    await useFixture({
      config: `[[profile]]\n  name = "default"\n  product = "dedicated"\n  account_id = "0b8fbb2a-8f7b-4a1c-9d6e-2f1e4c3b5a69"\n  cluster_id = "5c3e8a1f-7d2b-4e6a-b9c0-1f2e3d4c5b6a"\n\n[[profile]]\n  name = "gone"\n  product = "clustered"\n  host = "gone.example.com"\n`,
      state: { profiles: { default: { tokens: [token('a3c1e5f7-1b2d-4e6f-8a9b-0c1d2e3f4a5b', 'ci-pipeline')] }, gone: { tokens: [], fault: { exitCode: 1, stderr: 'Error: cluster not found\n' } } } },
    });
    const s = await services();
    const seen = new Map<string, string>();
    const visit = async (node?: Node): Promise<void> => {
      for (const child of await s.tree.getChildren(node)) {
        const item = s.tree.getTreeItem(child);
        const kind = child.kind === 'message' ? `message.${child.role}` : child.kind;
        assert.ok(item.accessibilityInformation?.label, `${kind} row "${label(item)}" has an accessibility label`);
        seen.set(kind, item.accessibilityInformation.label);
        if (child.kind === 'profile' || (child.kind === 'group' && child.group === 'management')) await visit(child);
      }
    };
    await visit();
    for (const kind of ['profile', 'group', 'token', 'message.error']) assert.ok(seen.has(kind), `a ${kind} row was seen`);
    assert.match(seen.get('profile')!, /^Profile /);
    assert.match(seen.get('message.error')!, /^Error: .*cluster not found/);
    assert.match(seen.get('group')!, /^(Management|Database) Tokens of profile /);
  });

  it('lists tokens of each status with descriptions, icons and context values; revoked hidden until toggled', async () => {
    const f = await useFixture();
    const def = await profileRow('default');
    const tokenRows = await rows(def.node);
    const byLabel = Object.fromEntries(tokenRows.map((r) => [label(r.item), r.item]));
    assert.deepStrictEqual(Object.keys(byLabel).sort(), ['ci-pipeline', 'grafana provisioning', 'old backup job', 'terraform']);
    assert.match(String(byLabel['ci-pipeline'].description), /^in (59|60) days$/);
    assert.strictEqual(byLabel['ci-pipeline'].contextValue, 'token.active');
    assert.match(String(byLabel['grafana provisioning'].description), /^in (2|3) days · in use by profile default$/);
    assert.strictEqual(byLabel['grafana provisioning'].contextValue, 'token.expiring.inUse');
    assert.strictEqual((byLabel['grafana provisioning'].iconPath as vscode.ThemeIcon).id, 'warning');
    assert.match(String(byLabel['old backup job'].description), /^expired 2 days ago$/);
    assert.strictEqual(byLabel['old backup job'].contextValue, 'token.expired');
    assert.strictEqual(byLabel.terraform.description, 'never expires');
    assert.ok(f.calls().some((argv) => argv.join(' ') === `--config ${f.configPath} --profile default --timeout 60s management list --format json`));

    await vscode.commands.executeCommand('influxdbTokens.toggleRevoked');
    const withRevoked = await waitFor('revoked row', async () => {
      const r = await rows(def.node);
      return r.find((x) => label(x.item) === 'laptop (revoked)');
    });
    assert.strictEqual(withRevoked.item.description, 'revoked');
    assert.strictEqual(withRevoked.item.contextValue, 'token.revoked');
    await vscode.commands.executeCommand('influxdbTokens.toggleRevoked');
  });

  it('never calls a token "in use" when the mgmt_token\'s prefix matches several listed tokens', async () => {
    const live = 'a3c1e5f7-1b2d-4e6f-8a9b-0c1d2e3f4a5b';
    const revoked = 'a3c1e5f7-9999-4e6f-8a9b-0c1d2e3f4a5b';
    await useFixture({
      config: `[[profile]]\n  name = "default"\n  product = "clustered"\n  host = "h"\n  mgmt_token = "M.V1.a3c1SharedPrefixSecret0123456789"\n`,
      state: { version: '2.11.0', profiles: { default: { tokens: [token(live, 'live one', { prefix: 'M.V1.a3c1' }), token(revoked, 'revoked one', { prefix: 'M.V1.a3c1', revoked: -DAY })] } } },
    });
    await vscode.commands.executeCommand('influxdbTokens.toggleRevoked');
    try {
      const def = await profileRow('default');
      const tokenRows = await rows(def.node);
      assert.deepStrictEqual(tokenRows.map((r) => r.item.contextValue).sort(), ['token.active', 'token.revoked'], 'neither row is marked in use');
      const s = await services();
      const row = await waitFor('the profile row with its mgmt_token state', async () => {
        const item = s.tree.getTreeItem((await profileRow('default')).node);
        return String(item.description).includes('mgmt_token ambiguous') ? item : undefined;
      });
      assert.match((row.tooltip as vscode.MarkdownString).value, /could be any of 2 listed tokens/);
    } finally {
      await vscode.commands.executeCommand('influxdbTokens.toggleRevoked');
    }
  });

  it('filters tokens by description or ID and says how many are shown', async () => {
    await useFixture();
    const s = await services();
    await vscode.commands.executeCommand('influxdbTokens.filter', 'grafana');
    const def = await profileRow('default');
    assert.deepStrictEqual((await rows(def.node)).map((r) => label(r.item)), ['grafana provisioning']);
    await vscode.commands.executeCommand('influxdbTokens.filter', 'd6f4b8c0');
    assert.deepStrictEqual((await rows(def.node)).map((r) => label(r.item)), ['terraform']);
    await vscode.commands.executeCommand('influxdbTokens.filter', '');
    assert.strictEqual((await rows(def.node)).length, 4);
    assert.strictEqual(s.filter.text, '');
    assert.strictEqual(s.view.treeView.message, undefined, 'no filter, no "Showing" message');
  });

  it('keeps "Showing N of M" true when revoked tokens are shown or hidden', async () => {
    await useFixture();
    const s = await services();
    await vscode.commands.executeCommand('influxdbTokens.filter', '-');
    try {
      await rows((await profileRow('default')).node);
      const counts = () => /^Showing (\d+) of (\d+) tokens matching "-"$/.exec(s.view.treeView.message ?? '')?.slice(1).map(Number);
      const [shown, total] = await waitFor('the filter message', async () => counts());
      assert.ok(shown < total, `a revoked token is hidden: ${s.view.treeView.message}`);
      await vscode.commands.executeCommand('influxdbTokens.toggleRevoked');
      await waitFor('the message to count the revoked token', async () => (counts()?.[0] === total ? true : undefined));
      await vscode.commands.executeCommand('influxdbTokens.toggleRevoked');
      await waitFor('the message to hide it again', async () => (counts()?.[0] === shown ? true : undefined));
    } finally {
      await vscode.commands.executeCommand('influxdbTokens.filter', '');
    }
  });

  it('shows a failing profile as an error row with retry while the other profile loads', async () => {
    const f = await useFixture();
    const state = f.state();
    state.profiles.staging.fault = { exitCode: 1, stderr: 'Error: rpc error: code = Unauthenticated desc = token M.V1.abcdEFGHijkl1234567890XYZ is invalid\n' };
    f.setState(state);
    const staging = await profileRow('staging');
    const def = await profileRow('default');
    const [stagingRows, defRows] = await Promise.all([rows(staging.node), rows(def.node)]);
    assert.strictEqual(defRows.length, 4);
    assert.strictEqual(stagingRows.length, 1);
    const err = stagingRows[0].item;
    assert.strictEqual(err.contextValue, 'error');
    // What happened leads, in a few words; influxctl's whole output is the tooltip.
    assert.match(label(err), /^Unauthenticated: token /);
    assert.match(String(err.tooltip), /exited with code 1: Error: rpc error: code = Unauthenticated/);
    assert.ok(!String(err.tooltip).includes('EFGHijkl1234567890XYZ'));
    assert.ok(!label(err).includes('EFGHijkl1234567890XYZ'), `the token in stderr is redacted: ${label(err)}`);
    assert.strictEqual(err.command, undefined, 'a passive row: Retry is its inline action');

    delete state.profiles.staging.fault;
    f.setState(state);
    await vscode.commands.executeCommand('influxdbTokens.retryProfile', stagingRows[0].node);
    assert.strictEqual((await rows(staging.node)).length, 2);
  });

  it('turns a login prompt into a row with the URL and code instead of hanging', async () => {
    const f = await useFixture();
    const state = f.state();
    state.profiles.staging.fault = { login: true };
    f.setState(state);
    const [row] = await rows((await profileRow('staging')).node);
    assert.strictEqual(row.item.contextValue, 'login');
    // It never ends by itself: the row is there because influxctl was stopped.
    const pid = f.pidOf('staging');
    await waitFor('the waiting influxctl to be gone', () => (isGone(pid) ? true : undefined));
    assert.strictEqual(label(row.item), 'Log in required: code WDJB-MJHT');
    assert.strictEqual(row.item.description, 'https://auth.influxdata.com/activate?user_code=WDJB-MJHT');
  });

  it('stops a hung influxctl at the timeout and says so', async () => {
    const f = await useFixture();
    const state = f.state();
    state.profiles.staging.fault = { hang: true };
    f.setState(state);
    await vscode.workspace.getConfiguration('influxdbTokens').update('timeoutSeconds', 1, vscode.ConfigurationTarget.Global);
    try {
      const [row] = await rows((await profileRow('staging')).node);
      // A hung influxctl never ends by itself: the row says it was stopped at the timeout, and it is gone.
      assert.strictEqual(label(row.item), 'Timed out after 1 s');
      assert.match(String(row.item.tooltip), /did not finish within 1 s/);
      const pid = f.pidOf('staging');
      await waitFor('the hung influxctl to be gone', () => (isGone(pid) ? true : undefined));
    } finally {
      await vscode.workspace.getConfiguration('influxdbTokens').update('timeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('quotes odd output instead of crashing', async () => {
    const f = await useFixture();
    const state = f.state();
    state.profiles.staging.fault = { stdout: '<html>502 Bad Gateway</html>', exitCode: 0 };
    f.setState(state);
    const [row] = await rows((await profileRow('staging')).node);
    assert.match(label(row.item), /The token list is not JSON\. influxctl printed: "<html>502 Bad Gateway<\/html>"/);
  });

  it('shows a malformed config as an error row with its position above the last good profiles, and follows edits on disk', async () => {
    const f = await useFixture();
    const fs = await import('fs');
    const staging = await profileRow('staging');
    const listed = (await rows(await managementGroup(staging.node))).map((r) => label(r.item));
    assert.ok(listed.length > 0);
    const before = (await rows()).map((r) => label(r.item));

    fs.writeFileSync(f.configPath, '[[profile]]\nname = "default"\nproduct = \n');
    const shown = await waitFor('malformed row', async () => {
      const r = await rows();
      return r[0]?.item.contextValue === 'config' ? r : undefined;
    });
    const [err, ...kept] = shown;
    const calls = f.calls().length;
    assert.match(label(err.item), /^Line 3, column \d+: config\.toml is not valid TOML/);
    assert.strictEqual(err.item.command?.command, 'influxdbTokens.openConfig');
    assert.match(String(err.item.tooltip), /The profiles below are as config\.toml last was/);
    // Nothing is lost to a typo: the last good tree stays, inert.
    assert.deepStrictEqual(kept.map((r) => label(r.item)), before);
    for (const r of kept) {
      assert.strictEqual(r.item.contextValue, 'stale', 'no action is offered on a profile config.toml no longer has');
      assert.match(String(r.item.description), /^as last read/);
    }
    const keptStaging = kept.find((r) => label(r.item) === 'staging')!;
    const keptTokens = await rows(keptStaging.node);
    assert.deepStrictEqual(keptTokens.map((r) => label(r.item)), listed, 'what was listed stays');
    assert.ok(keptTokens.every((r) => r.item.contextValue === 'stale'));
    const s = await services();
    const keptDatabase = (await s.tree.getChildren(keptStaging.node)).find((n) => n.kind === 'group' && n.group === 'database')!;
    assert.deepStrictEqual((await rows(keptDatabase)).map((r) => label(r.item)), ['Not listed while config.toml has an error']);
    assert.strictEqual(f.calls().length, calls, 'expanding the last good rows runs no influxctl against a malformed config.toml');

    fs.writeFileSync(f.configPath, '[[profile]]\nname = "fixed"\nproduct = "clustered"\nhost = "h"\n');
    await waitFor('the fixed profile', async () => ((await rows()).some((r) => label(r.item) === 'fixed') ? true : undefined));
    assert.ok((await rows()).every((r) => r.item.contextValue !== 'stale'));
  });

  it('warns on a profile config.toml gets wrong, leading its row with the reason, and Fix in config.toml opens the file there', async () => {
    const f = await useFixture();
    const fs = await import('fs');
    fs.writeFileSync(
      f.configPath,
      [
        '[[profile]]',
        '    name = "no-cluster"',
        '    product = "dedicated"',
        '    account_id = "11111111-2222-3333-4444-555555555555"',
        '',
        '[[profile]]',
        '    name = "typo"',
        '    product = "clustred"',
        '    host = "h.example.com"',
        '',
        '[[profile]]',
        '    name = "fine"',
        '    product = "clustered"',
        '    host = "cluster.example.com"',
        '',
      ].join('\n'),
    );
    const shown = await waitFor('the three profiles', async () => {
      const r = await rows();
      return r.length === 3 && label(r[0].item) === 'no-cluster' ? r : undefined;
    });
    const [noCluster, typo, fine] = shown.map((r) => r.item);
    assert.match(String(noCluster.description), /^cluster_id missing · /);
    assert.match(String(typo.description), /^unknown product · /);
    assert.strictEqual(String(fine.description), 'clustered · cluster.example.com');
    for (const item of [noCluster, typo]) {
      assert.strictEqual((item.iconPath as vscode.ThemeIcon).id, 'warning');
      assert.match(item.contextValue ?? '', /\.problem$/);
    }
    const tip = (noCluster.tooltip as vscode.MarkdownString).value.replace(/\\(.)/g, '$1');
    assert.match(tip, /This profile cannot be used until config\.toml is fixed: cluster_id missing\.\n\nFix in config\.toml opens the file where the problem is\./);
    assert.doesNotMatch(fine.contextValue ?? '', /problem/);

    await vscode.commands.executeCommand('influxdbTokens.fixProfileInConfig', shown[1].node);
    const editor = await waitFor('config.toml open at the product line', () =>
      vscode.window.activeTextEditor?.document.uri.fsPath === f.configPath && vscode.window.activeTextEditor.selection.active.line === 7 ? vscode.window.activeTextEditor : undefined,
    );
    assert.strictEqual(editor.selection.active.line, 7, 'the line of product = "clustred", where the editor reports it');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('recomputes statuses from the expiry warning setting, refreshing the view when it changes', async () => {
    const f = await useFixture();
    const s = await services();
    const state = f.state();
    state.profiles.staging.tokens = [token('2c1e9a3b-9d0f-4a4b-8c7d-8e9f0a1b2c3d', 'soon', { expires: 10 * DAY })];
    f.setState(state);
    const staging = await profileRow('staging');
    assert.strictEqual((await rows(staging.node))[0].item.contextValue, 'token.active');
    let refreshed = false;
    const listener = s.tree.onDidChangeTreeData(() => (refreshed = true));
    await vscode.workspace.getConfiguration('influxdbTokens').update('expiryWarningDays', 14, vscode.ConfigurationTarget.Global);
    try {
      await waitFor('the view to refresh after the setting changed', () => refreshed || undefined);
      assert.strictEqual((await rows(staging.node))[0].item.contextValue, 'token.expiring');
    } finally {
      listener.dispose();
      await vscode.workspace.getConfiguration('influxdbTokens').update('expiryWarningDays', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
