import * as vscode from 'vscode';
import { clusterOrigin, redactSecrets, type ConfiguredTokenMatch, type TokenStatus, tokenName } from '../core';
import { describeClusterOriginProblemBriefly } from '../managementApi/clusterOriginText';
import { Command } from '../base/commandIds';
import { describeTokenLifetime, describeTokenLifetimeInRow, instant, STATUS_WORDS } from '../ui/coreText';
import { describePermissions } from '../managementApi/databaseTokenText';
import { type DatabaseTokenNode, type GroupNode, type MessageNode, type ProfileNode, type TokenNode } from './nodes';

const STATUS_ICONS: Record<TokenStatus, vscode.ThemeIcon> = {
  active: new vscode.ThemeIcon('pass', new vscode.ThemeColor('charts.green')),
  expiring: new vscode.ThemeIcon('warning', new vscode.ThemeColor('charts.yellow')),
  expired: new vscode.ThemeIcon('error', new vscode.ThemeColor('charts.red')),
  revoked: new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground')),
};

// Worded once: thousands of rows reuse them.
const SECRET_STORED = vscode.l10n.t('secret stored');
const IN_USE_BY_QUERY_WRITE = vscode.l10n.t('in use by query/write');

function secretWhere(hasSecret: boolean): string {
  return hasSecret ? vscode.l10n.t('stored securely in VS Code') : vscode.l10n.t('not stored here');
}

/** The first characters of a UUID: enough to tell clusters apart in a row; the tooltip has it whole. */
function shortId(id: string): string {
  return id.length > 8 ? `${id.slice(0, 8)}…` : id;
}

function md(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

/** What a profile row says about its mgmt_token ('' without one). */
export function mgmtSummary(hasMgmtToken: boolean, state: ConfiguredTokenMatch | undefined): string {
  if (!hasMgmtToken) return '';
  if (!state || state.kind === 'none') return vscode.l10n.t('mgmt_token set');
  if (state.kind === 'unlisted') return vscode.l10n.t('mgmt_token unknown');
  if (state.kind === 'ambiguous') return vscode.l10n.t('mgmt_token ambiguous');
  if (state.status === 'revoked') return vscode.l10n.t('mgmt_token revoked');
  if (state.status === 'expired') return vscode.l10n.t('mgmt_token expired');
  return vscode.l10n.t({ message: 'mgmt_token {0}', args: [describeTokenLifetimeInRow(state.token, new Date())], comment: ['{0} is when the profile\'s mgmt_token expires, such as "in 3 days"'] });
}

/** Why a profile's configured token will not (or soon not) work, if it will not. */
function configuredProblem(state: ConfiguredTokenMatch | undefined): string | undefined {
  if (!state || state.kind === 'none') return undefined;
  if (state.kind === 'unlisted') return vscode.l10n.t("The mgmt_token matches none of this cluster's management tokens: it may belong to another cluster or have been deleted. Test it, or set another one.");
  if (state.kind === 'ambiguous') {
    const names = state.candidates.map((c) => `"${tokenName(c.token)}"`).join(', ');
    return vscode.l10n.t('The mgmt_token could be any of {0} listed tokens ({1}): their prefixes cannot tell them apart, so none is marked in use. Test it to see whether it works.', state.candidates.length, names);
  }
  const name = tokenName(state.token);
  if (state.status === 'revoked') return vscode.l10n.t('The mgmt_token is "{0}", which was revoked: influxctl cannot use it. Set or rotate to a new token.', name);
  if (state.status === 'expired') return vscode.l10n.t('The mgmt_token is "{0}", which has expired: influxctl cannot use it. Set or rotate to a new token.', name);
  if (state.status === 'expiring') return vscode.l10n.t('The mgmt_token "{0}" {1}. Rotate it soon.', name, describeTokenLifetime(state.token, new Date()));
  return undefined;
}

export function profileItem(node: ProfileNode, isDefault: boolean, configured: ConfiguredTokenMatch | undefined, duplicated: boolean, leaks?: string): vscode.TreeItem {
  const p = node.profile;
  const item = new vscode.TreeItem(p.name, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `profile:${node.configPath}:${p.index}:${p.name}`;
  const origin = clusterOrigin(p);
  // What config.toml gets wrong comes first: the editor reports it too, and Fix in config.toml opens it there.
  const fault = duplicated
    ? { brief: vscode.l10n.t('duplicate name'), full: vscode.l10n.t('Another profile of config.toml is also named "{0}": nothing that uses a secret works for it until one is renamed.', p.name) }
    : origin.ok
      ? undefined
      : { brief: describeClusterOriginProblemBriefly(origin.problem), full: vscode.l10n.t('This profile cannot be used until config.toml is fixed: {0}.', describeClusterOriginProblemBriefly(origin.problem)) };
  const problem = fault?.full ?? configuredProblem(configured);
  // Status first, then the short form of where: at the default width the end of a row is cut off.
  const where = !origin.ok ? undefined : origin.origin.product === 'dedicated' ? shortId(origin.origin.clusterId) : p.host;
  // A secret pasted into the wrong field must not show: every field passes redaction.
  item.description = redactSecrets([fault?.brief, leaks, mgmtSummary(Boolean(p.mgmtToken), configured), isDefault ? vscode.l10n.t('default') : undefined, p.product, where].filter(Boolean).join(' · '));
  item.iconPath = problem
    ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'))
    : new vscode.ThemeIcon(p.product === 'dedicated' ? 'cloud' : p.product === 'clustered' ? 'server' : 'question');
  item.contextValue = duplicated ? 'profile.duplicated' : `profile${p.mgmtToken ? '.mgmt' : ''}${isDefault ? '.default' : ''}${fault ? '.problem' : ''}`;
  const fields: [string, string | undefined][] = [
    ['product', p.product],
    ['host', p.host],
    ['port', p.port],
    ['account_id', p.accountId],
    ['cluster_id', p.clusterId],
    ['database', p.database],
    ['mgmt_token', p.mgmtToken ? vscode.l10n.t('set (hidden)') : vscode.l10n.t('not set')],
    ['tls', p.tls ? Object.entries(p.tls).filter(([, v]) => v !== undefined && v !== false).map(([k, v]) => (v === true ? k : `${k}=${v}`)).join(', ') || vscode.l10n.t('defaults') : undefined],
    ['auth', p.hasOAuth2 ? 'oauth2' : undefined],
  ];
  const tooltip = new vscode.MarkdownString(`**${md(p.name)}**${isDefault ? ` ${vscode.l10n.t('(default profile)')}` : ''}\n\n`);
  if (problem) tooltip.appendMarkdown(`$(warning) ${md(problem)}\n\n`);
  // The editor's diagnostic there has the whole explanation.
  if (fault) tooltip.appendMarkdown(`${md(vscode.l10n.t('Fix in config.toml opens the file where the problem is.'))}\n\n`);
  tooltip.supportThemeIcons = true;
  for (const [k, v] of fields) if (v !== undefined && v !== '') tooltip.appendMarkdown(`- \`${k}\`: ${md(redactSecrets(v))}\n`);
  tooltip.appendMarkdown(`\n${md(vscode.l10n.t('{0}, line {1}', node.configPath, p.line + 1))}`);
  item.tooltip = tooltip;
  const label = vscode.l10n.t('Profile {0}, {1}', p.name, item.description);
  item.accessibilityInformation = { label: problem ? vscode.l10n.t('{0}. Warning: {1}', label, redactSecrets(problem)) : label };
  return item;
}

export function tokenItem(node: TokenNode): vscode.TreeItem {
  const t = node.token;
  const item = new vscode.TreeItem(tokenName(t), vscode.TreeItemCollapsibleState.None);
  item.id = `token:${node.configPath}:${node.profile.name}:${t.id}`;
  item.description = [
    describeTokenLifetimeInRow(t, new Date()),
    node.found,
    node.hasSecret ? SECRET_STORED : undefined,
    node.inUseBy.length ? vscode.l10n.t('in use by profile {0}', node.inUseBy.join(', ')) : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
  item.iconPath = STATUS_ICONS[node.status];
  item.contextValue = `token.${node.status}${node.hasSecret ? '.secret' : ''}${node.inUseBy.length ? '.inUse' : ''}${node.found ? '.found' : ''}`;
  item.accessibilityInformation = { label: `${tokenName(t)}, ${STATUS_WORDS[node.status]}, ${item.description}` };
  return item;
}

/** A token's tooltip: its description, then `field: value` lines (empty values left out). */
function fieldsTooltip(description: string, fields: [string, string | undefined][]): vscode.MarkdownString {
  const tip = new vscode.MarkdownString(`**${md(description || vscode.l10n.t('(no description)'))}**\n\n`);
  for (const [k, v] of fields) if (v) tip.appendMarkdown(`- ${k}: \`${v}\`\n`);
  return tip;
}

/** The lines every token's tooltip starts with. */
function lifetimeFields(status: TokenStatus, t: { id: string; createdAt: Date; expiresAt?: Date; revokedAt?: Date }): [string, string | undefined][] {
  return [
    [vscode.l10n.t('Status'), STATUS_WORDS[status]],
    [vscode.l10n.t('ID'), t.id],
    [vscode.l10n.t('Created'), instant(t.createdAt)],
    [vscode.l10n.t('Expires'), t.expiresAt ? instant(t.expiresAt) : vscode.l10n.t('never')],
    [vscode.l10n.t('Revoked'), t.revokedAt && instant(t.revokedAt)],
  ];
}

/** Built on hover only (resolveTreeItem): rows of 10,000 tokens stay cheap. */
export function tokenTooltip(node: TokenNode): vscode.MarkdownString {
  const t = node.token;
  return fieldsTooltip(t.description, [
    ...lifetimeFields(node.status, t),
    [vscode.l10n.t('Prefix'), t.prefix],
    [vscode.l10n.t('Account'), t.accountId],
    [vscode.l10n.t('Created by'), t.createdBy],
    [vscode.l10n.t('Secret'), secretWhere(node.hasSecret)],
    [vscode.l10n.t('mgmt_token of'), node.inUseBy.join(', ') || undefined],
  ]);
}

/** A group row: its title, what it holds once listed, and (for database tokens) which management token it calls the API with. */
export function groupItem(node: GroupNode, summary: { shown: number; total: number } | undefined, authLabel: string | undefined): vscode.TreeItem {
  const database = node.group === 'database';
  const item = new vscode.TreeItem(database ? vscode.l10n.t('Database Tokens') : vscode.l10n.t('Management Tokens'), database ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded);
  item.id = `group:${node.configPath}:${node.profile.index}:${node.profile.name}:${node.group}`;
  item.iconPath = new vscode.ThemeIcon(database ? 'database' : 'key');
  item.contextValue = `group.${node.group}`;
  if (summary) item.description = summary.shown === summary.total ? `${summary.total}` : vscode.l10n.t('{0} of {1}', summary.shown, summary.total);
  const group = vscode.l10n.t('{0} of profile {1}', item.label as string, node.profile.name);
  item.accessibilityInformation = {
    label: !summary ? group : summary.shown === summary.total ? vscode.l10n.t('{0}, {1} tokens', group, summary.total) : vscode.l10n.t('{0}, {1} of {2} tokens shown', group, summary.shown, summary.total),
  };
  if (!database) item.tooltip = vscode.l10n.t('Management tokens of profile "{0}", through influxctl.', node.profile.name);
  else if (authLabel) item.tooltip = vscode.l10n.t('Database tokens of profile "{0}" (read and write on databases), through the Management HTTP API, called with {1}.', node.profile.name, authLabel);
  else item.tooltip = vscode.l10n.t('Database tokens of profile "{0}" (read and write on databases), through the Management HTTP API.', node.profile.name);
  return item;
}

/** Lists of thousands of database tokens build one of these per row: plain string building, no arrays. */
export function databaseTokenItem(node: DatabaseTokenNode): vscode.TreeItem {
  const t = node.token;
  const name = tokenName(t);
  const item = new vscode.TreeItem(name, vscode.TreeItemCollapsibleState.None);
  item.id = `databaseToken:${node.configPath}:${node.profile.name}:${t.id}`;
  // The status leads: at the default width the end of a row is cut off.
  const description = `${describeTokenLifetimeInRow(t, new Date())}${node.found ? ` · ${node.found}` : ''} · ${describePermissions(t.permissions)}${node.hasSecret ? ` · ${SECRET_STORED}` : ''}${node.isProfileToken ? ` · ${IN_USE_BY_QUERY_WRITE}` : ''}`;
  item.description = description;
  item.iconPath = STATUS_ICONS[node.status];
  item.contextValue = `databaseToken.${node.status}${node.hasSecret ? '.secret' : ''}${node.found ? '.found' : ''}`;
  item.accessibilityInformation = { label: `${name}, ${STATUS_WORDS[node.status]}, ${description}` };
  return item;
}

/** Built on hover only, like management token tooltips. */
export function databaseTokenTooltip(node: DatabaseTokenNode): vscode.MarkdownString {
  const t = node.token;
  const tip = fieldsTooltip(t.description, [
    ...lifetimeFields(node.status, t),
    [vscode.l10n.t('Secret'), secretWhere(node.hasSecret)],
    [vscode.l10n.t('token (query/write) of'), node.isProfileToken ? node.profile.name : undefined],
  ]);
  tip.appendMarkdown(`- ${t.permissions.length ? vscode.l10n.t('Permissions:') : vscode.l10n.t('Permissions: none')}\n`);
  for (const p of t.permissions) {
    tip.appendMarkdown(`  - ${p.resource === '*' ? md(vscode.l10n.t('{0} on all databases', p.action)) : vscode.l10n.t('{0} on {1}', md(p.action), `\`${p.resource}\``)}\n`);
  }
  return tip;
}

/** How a screen reader introduces a message row: what kind of message it is. */
const MESSAGE_KINDS: Record<MessageNode['role'], string> = {
  error: vscode.l10n.t('Error'),
  login: vscode.l10n.t('Log in required'),
  config: vscode.l10n.t('config.toml problem'),
  info: vscode.l10n.t('Note'),
  noAuth: vscode.l10n.t('No management token'),
  boundElsewhere: vscode.l10n.t('Stored secrets of another cluster'),
  consent: vscode.l10n.t('Needs your consent'),
  noInfluxctl: vscode.l10n.t('influxctl missing'),
};

export function messageItem(node: MessageNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
  item.tooltip = node.detail ?? node.label;
  item.contextValue = node.role;
  item.accessibilityInformation = { label: vscode.l10n.t('{0}: {1}', MESSAGE_KINDS[node.role], node.detail ?? node.label), role: 'treeitem' };
  switch (node.role) {
    case 'error':
      // Passive, as every message row that would start something: Retry is its inline action.
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
      break;
    case 'login':
      item.iconPath = new vscode.ThemeIcon('account', new vscode.ThemeColor('charts.yellow'));
      item.description = node.url;
      item.command = { command: Command.openLoginUrl, title: vscode.l10n.t('Open Login Page'), arguments: [node] };
      break;
    case 'config':
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
      item.command = { command: Command.openConfig, title: vscode.l10n.t('Open config.toml'), arguments: [node] };
      break;
    case 'info':
      item.iconPath = new vscode.ThemeIcon('info');
      break;
    case 'noAuth':
      // Passive: Create Management Token… is its inline action, Set mgmt_token its context menu.
      item.iconPath = new vscode.ThemeIcon('key', new vscode.ThemeColor('charts.yellow'));
      break;
    case 'consent':
      item.iconPath = new vscode.ThemeIcon('unlock', new vscode.ThemeColor('problemsWarningIcon.foreground'));
      break;
    case 'noInfluxctl':
      // Passive: Set influxctl Path and Install influxctl are its inline actions.
      item.iconPath = new vscode.ThemeIcon('tools', new vscode.ThemeColor('problemsWarningIcon.foreground'));
      break;
    case 'boundElsewhere':
      // Passive: Forget and Rebind are its inline actions, each asking first.
      item.iconPath = new vscode.ThemeIcon('shield', new vscode.ThemeColor('problemsWarningIcon.foreground'));
      break;
  }
  return item;
}
