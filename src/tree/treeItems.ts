import * as vscode from 'vscode';
import { redactSecrets, type ConfiguredTokenMatch, type TokenStatus, tokenName } from '../core';
import { Command } from '../base/commandIds';
import { describeTokenLifetime } from '../ui/coreText';
import { describePermissions } from '../managementApi/databaseTokenText';
import { type DatabaseTokenNode, type GroupNode, type MessageNode, type ProfileNode, type TokenNode } from './nodes';

const STATUS_ICONS: Record<TokenStatus, vscode.ThemeIcon> = {
  active: new vscode.ThemeIcon('pass', new vscode.ThemeColor('charts.green')),
  expiring: new vscode.ThemeIcon('warning', new vscode.ThemeColor('charts.yellow')),
  expired: new vscode.ThemeIcon('error', new vscode.ThemeColor('charts.red')),
  revoked: new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground')),
};

function md(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

/** What a profile row says about its mgmt_token ('' without one). */
export function mgmtSummary(hasMgmtToken: boolean, state: ConfiguredTokenMatch | undefined): string {
  if (!hasMgmtToken) return '';
  if (!state || state.kind === 'none') return 'mgmt_token set';
  if (state.kind === 'unlisted') return 'mgmt_token unknown';
  if (state.kind === 'ambiguous') return 'mgmt_token ambiguous';
  if (state.status === 'revoked' || state.status === 'expired') return `mgmt_token ${state.status}`;
  return `mgmt_token ${describeTokenLifetime(state.token, new Date())}`;
}

/** Why a profile's configured token will not (or soon not) work, if it will not. */
function configuredProblem(state: ConfiguredTokenMatch | undefined): string | undefined {
  if (!state || state.kind === 'none') return undefined;
  if (state.kind === 'unlisted') return "The mgmt_token matches none of this cluster's management tokens: it may belong to another cluster or have been deleted. Test it, or set another one.";
  if (state.kind === 'ambiguous') {
    return `The mgmt_token could be any of ${state.candidates.length} listed tokens (${state.candidates.map((c) => `"${tokenName(c.token)}"`).join(', ')}): their prefixes cannot tell them apart, so none is marked in use. Test it to see whether it works.`;
  }
  const name = tokenName(state.token);
  if (state.status === 'revoked') return `The mgmt_token is "${name}", which was revoked: influxctl cannot use it. Set or rotate to a new token.`;
  if (state.status === 'expired') return `The mgmt_token is "${name}", which has expired: influxctl cannot use it. Set or rotate to a new token.`;
  if (state.status === 'expiring') return `The mgmt_token "${name}" ${describeTokenLifetime(state.token, new Date())}. Rotate it soon.`;
  return undefined;
}

export function profileItem(node: ProfileNode, isDefault: boolean, configured: ConfiguredTokenMatch | undefined, duplicated: boolean): vscode.TreeItem {
  const p = node.profile;
  const item = new vscode.TreeItem(p.name, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `profile:${node.configPath}:${p.index}:${p.name}`;
  const where = p.product === 'dedicated' ? p.clusterId : p.host;
  const problem = duplicated ? `Another profile of config.toml is also named "${p.name}": nothing that uses a secret works for it until one is renamed.` : configuredProblem(configured);
  // A secret pasted into the wrong field must not show: every field passes redaction.
  item.description = redactSecrets([duplicated ? 'duplicate name' : undefined, p.product ?? 'no product', where, isDefault ? 'default' : undefined, mgmtSummary(Boolean(p.mgmtToken), configured)].filter(Boolean).join(' · '));
  item.iconPath = problem
    ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'))
    : new vscode.ThemeIcon(p.product === 'dedicated' ? 'cloud' : p.product === 'clustered' ? 'server' : 'question');
  item.contextValue = duplicated ? 'profile.duplicated' : `profile${p.mgmtToken ? '.mgmt' : ''}${isDefault ? '.default' : ''}`;
  const fields: [string, string | undefined][] = [
    ['product', p.product],
    ['host', p.host],
    ['port', p.port],
    ['account_id', p.accountId],
    ['cluster_id', p.clusterId],
    ['database', p.database],
    ['mgmt_token', p.mgmtToken ? 'set (hidden)' : 'not set'],
    ['tls', p.tls ? Object.entries(p.tls).filter(([, v]) => v !== undefined && v !== false).map(([k, v]) => (v === true ? k : `${k}=${v}`)).join(', ') || 'defaults' : undefined],
    ['auth', p.hasOAuth2 ? 'oauth2' : undefined],
  ];
  const tooltip = new vscode.MarkdownString(`**${md(p.name)}**${isDefault ? ' (default profile)' : ''}\n\n`);
  if (problem) tooltip.appendMarkdown(`$(warning) ${md(problem)}\n\n`);
  tooltip.supportThemeIcons = true;
  for (const [k, v] of fields) if (v !== undefined && v !== '') tooltip.appendMarkdown(`- \`${k}\`: ${md(redactSecrets(v))}\n`);
  tooltip.appendMarkdown(`\n${md(node.configPath)}, line ${p.line + 1}`);
  item.tooltip = tooltip;
  item.accessibilityInformation = { label: `Profile ${p.name}, ${item.description}${problem ? `. Warning: ${redactSecrets(problem)}` : ''}` };
  return item;
}

export function tokenItem(node: TokenNode): vscode.TreeItem {
  const t = node.token;
  const item = new vscode.TreeItem(tokenName(t), vscode.TreeItemCollapsibleState.None);
  item.id = `token:${node.configPath}:${node.profile.name}:${t.id}`;
  item.description = [
    describeTokenLifetime(t, new Date()),
    node.hasSecret ? 'secret stored' : undefined,
    node.inUseBy.length ? `in use by profile ${node.inUseBy.join(', ')}` : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
  item.iconPath = STATUS_ICONS[node.status];
  item.contextValue = `token.${node.status}${node.hasSecret ? '.secret' : ''}${node.inUseBy.length ? '.inUse' : ''}`;
  item.accessibilityInformation = { label: `${tokenName(t)}, ${node.status}, ${item.description}` };
  return item;
}

/** A token's tooltip: its description, then `field: value` lines (empty values left out). */
function fieldsTooltip(description: string, fields: [string, string | undefined][]): vscode.MarkdownString {
  const tip = new vscode.MarkdownString(`**${md(description || '(no description)')}**\n\n`);
  for (const [k, v] of fields) if (v) tip.appendMarkdown(`- ${k}: \`${v}\`\n`);
  return tip;
}

/** The lines every token's tooltip starts with. */
function lifetimeFields(status: TokenStatus, t: { id: string; createdAt: Date; expiresAt?: Date; revokedAt?: Date }): [string, string | undefined][] {
  return [
    ['Status', status],
    ['ID', t.id],
    ['Created', t.createdAt.toISOString()],
    ['Expires', t.expiresAt ? t.expiresAt.toISOString() : 'never'],
    ['Revoked', t.revokedAt?.toISOString()],
  ];
}

/** Built on hover only (resolveTreeItem): rows of 10,000 tokens stay cheap. */
export function tokenTooltip(node: TokenNode): vscode.MarkdownString {
  const t = node.token;
  return fieldsTooltip(t.description, [
    ...lifetimeFields(node.status, t),
    ['Prefix', t.prefix],
    ['Account', t.accountId],
    ['Created by', t.createdBy],
    ['Secret', node.hasSecret ? 'stored in VS Code SecretStorage' : 'not stored here'],
    ['mgmt_token of', node.inUseBy.join(', ') || undefined],
  ]);
}

/** A group row: its title, what it holds once listed, and (for database tokens) which management token it calls the API with. */
export function groupItem(node: GroupNode, summary: { shown: number; total: number } | undefined, authLabel: string | undefined): vscode.TreeItem {
  const database = node.group === 'database';
  const item = new vscode.TreeItem(database ? 'Database Tokens' : 'Management Tokens', database ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded);
  item.id = `group:${node.configPath}:${node.profile.index}:${node.profile.name}:${node.group}`;
  item.iconPath = new vscode.ThemeIcon(database ? 'database' : 'key');
  item.contextValue = `group.${node.group}`;
  if (summary) item.description = summary.shown === summary.total ? `${summary.total}` : `${summary.shown} of ${summary.total}`;
  const count = summary ? (summary.shown === summary.total ? `, ${summary.total} tokens` : `, ${summary.shown} of ${summary.total} tokens shown`) : '';
  item.accessibilityInformation = { label: `${item.label as string} of profile ${node.profile.name}${count}` };
  item.tooltip = database
    ? `Database tokens of profile "${node.profile.name}" (read and write on databases), through the Management HTTP API${authLabel ? `, called with ${authLabel}` : ''}.`
    : `Management tokens of profile "${node.profile.name}", through influxctl.`;
  return item;
}

/** Lists of thousands of database tokens build one of these per row: plain string building, no arrays. */
export function databaseTokenItem(node: DatabaseTokenNode): vscode.TreeItem {
  const t = node.token;
  const name = tokenName(t);
  const item = new vscode.TreeItem(name, vscode.TreeItemCollapsibleState.None);
  item.id = `databaseToken:${node.configPath}:${node.profile.name}:${t.id}`;
  const description = `${describePermissions(t.permissions)} · ${describeTokenLifetime(t, new Date())}${node.hasSecret ? ' · secret stored' : ''}${node.isProfileToken ? ' · in use by query/write' : ''}`;
  item.description = description;
  item.iconPath = STATUS_ICONS[node.status];
  item.contextValue = node.hasSecret ? `databaseToken.${node.status}.secret` : `databaseToken.${node.status}`;
  item.accessibilityInformation = { label: `${name}, ${node.status}, ${description}` };
  return item;
}

/** Built on hover only, like management token tooltips. */
export function databaseTokenTooltip(node: DatabaseTokenNode): vscode.MarkdownString {
  const t = node.token;
  const tip = fieldsTooltip(t.description, [
    ...lifetimeFields(node.status, t),
    ['Secret', node.hasSecret ? 'stored in VS Code SecretStorage' : 'not stored here'],
    ['token (query/write) of', node.isProfileToken ? node.profile.name : undefined],
  ]);
  tip.appendMarkdown(`- Permissions:${t.permissions.length ? '' : ' none'}\n`);
  for (const p of t.permissions) tip.appendMarkdown(`  - ${md(p.action)} on ${p.resource === '*' ? 'all databases' : `\`${p.resource}\``}\n`);
  return tip;
}

/** How a screen reader introduces a message row: what kind of message it is. */
const MESSAGE_KINDS: Record<MessageNode['role'], string> = {
  error: 'Error',
  login: 'Log in required',
  config: 'config.toml problem',
  info: 'Note',
  noAuth: 'No management token',
  boundElsewhere: 'Stored secrets of another cluster',
  consent: 'Needs your consent',
};

export function messageItem(node: MessageNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
  item.tooltip = node.detail ?? node.label;
  item.contextValue = node.role;
  item.accessibilityInformation = { label: `${MESSAGE_KINDS[node.role]}: ${node.detail ?? node.label}`, role: 'treeitem' };
  switch (node.role) {
    case 'error':
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
      item.command = { command: Command.retryGroup, title: 'Retry', arguments: [node] };
      break;
    case 'login':
      item.iconPath = new vscode.ThemeIcon('account', new vscode.ThemeColor('charts.yellow'));
      item.description = node.url;
      item.command = { command: Command.openLoginUrl, title: 'Open Login Page', arguments: [node] };
      break;
    case 'config':
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
      item.command = { command: Command.openConfig, title: 'Open config.toml', arguments: [node] };
      break;
    case 'info':
      item.iconPath = new vscode.ThemeIcon('info');
      break;
    case 'noAuth':
      item.iconPath = new vscode.ThemeIcon('key', new vscode.ThemeColor('charts.yellow'));
      item.command = { command: Command.createToken, title: 'Create Management Token…', arguments: [node] };
      break;
    case 'consent':
      item.iconPath = new vscode.ThemeIcon('unlock', new vscode.ThemeColor('problemsWarningIcon.foreground'));
      break;
    case 'boundElsewhere':
      // Passive: Forget and Rebind are its inline actions, each asking first.
      item.iconPath = new vscode.ThemeIcon('shield', new vscode.ThemeColor('problemsWarningIcon.foreground'));
      break;
  }
  return item;
}
