import * as vscode from 'vscode';
import {
  configuredTokenState,
  defaultProfileName,
  describeTokenLifetime,
  InfluxctlError,
  isTokenOfSecret,
  tokenStatus,
  type ConfiguredTokenState,
  type ManagementToken,
  type Profile,
  type TokenStatus,
} from './core';
import type { ConfigFile, ConfigState } from './configFile';
import type { ProfileTokens } from './profileTokens';
import type { TokenSecrets } from './secretStore';
import { readSettings } from './settings';

export interface ProfileNode {
  kind: 'profile';
  configPath: string;
  profile: Profile;
}

export interface TokenNode {
  kind: 'token';
  configPath: string;
  profile: Profile;
  token: ManagementToken;
  status: TokenStatus;
  hasSecret: boolean;
  /** Profiles whose mgmt_token is this token. */
  inUseBy: string[];
}

export interface MessageNode {
  kind: 'message';
  /** 'error' rows offer Retry, 'login' rows Open and Copy, 'config' rows open the file. */
  role: 'error' | 'login' | 'config' | 'info';
  label: string;
  detail?: string;
  configPath: string;
  profile?: Profile;
  url?: string;
  code?: string;
  position?: { line: number; column: number };
}

export type Node = ProfileNode | TokenNode | MessageNode;

export type ViewState = 'noConfig' | 'noProfiles' | 'noInfluxctl' | 'malformed' | 'ok';

const STATUS_ICONS: Record<TokenStatus, vscode.ThemeIcon> = {
  active: new vscode.ThemeIcon('pass', new vscode.ThemeColor('charts.green')),
  expiring: new vscode.ThemeIcon('warning', new vscode.ThemeColor('charts.yellow')),
  expired: new vscode.ThemeIcon('error', new vscode.ThemeColor('charts.red')),
  revoked: new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground')),
};

function md(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

/**
 * The Profiles view: influxctl profiles from config.toml, each with its
 * management tokens, with error and login rows where a list failed.
 */
export class ProfilesTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private filterText = '';
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private readonly profileNodes = new Map<string, ProfileNode>();
  private view: vscode.TreeView<Node> | undefined;
  private readonly counts = new Map<string, { shown: number; total: number }>();
  /** What each profile row last showed about its mgmt_token, to re-render it once tokens arrive. */
  private readonly shownConfigured = new Map<string, string>();
  private allProfiles: Profile[] = [];

  constructor(
    private readonly config: ConfigFile,
    private readonly tokens: ProfileTokens,
    private readonly secrets: TokenSecrets,
  ) {
    this.disposables.push(
      config.onDidChange(() => this.refreshView()),
      tokens.onDidChange((name) => this.refreshView(name)),
      secrets.onDidChange(() => this.refreshView()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('influxdbTokens.showRevoked') || e.affectsConfiguration('influxdbTokens.expiryWarningDays')) {
          this.refreshView();
        }
        if (e.affectsConfiguration('influxdbTokens.influxctlPath') || e.affectsConfiguration('influxdbTokens.timeoutSeconds')) {
          this.tokens.invalidate();
        }
      }),
    );
  }

  attach(view: vscode.TreeView<Node>): void {
    this.view = view;
  }

  get filter(): string {
    return this.filterText;
  }

  setFilter(text: string): void {
    this.filterText = text.trim();
    this.refreshView();
  }

  private refreshView(profileName?: string): void {
    const node = profileName === undefined ? undefined : this.profileNodes.get(profileName);
    this.changed.fire(node);
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'profile':
        return this.profileItem(node);
      case 'token':
        return tokenItem(node);
      case 'message':
        return messageItem(node);
    }
  }

  resolveTreeItem(item: vscode.TreeItem, node: Node): vscode.TreeItem {
    if (node.kind === 'token') item.tooltip = tokenTooltip(node);
    return item;
  }

  getParent(node: Node): Node | undefined {
    if (node.kind === 'profile' || !node.profile) return undefined;
    return this.profileNodes.get(node.profile.name);
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) return this.rootChildren(await this.config.state());
    if (node.kind !== 'profile') return [];
    return this.tokenChildren(node);
  }

  private async rootChildren(state: ConfigState): Promise<Node[]> {
    this.profileNodes.clear();
    this.counts.clear();
    this.updateMessage();
    if (state.kind === 'missing') return this.setState('noConfig', []);
    if (state.kind === 'unreadable') {
      return this.setState('malformed', [{ kind: 'message', role: 'config', label: `Cannot read config.toml: ${state.error.message}`, configPath: state.path }]);
    }
    if (state.kind === 'malformed') {
      const { line, column } = state.error;
      return this.setState('malformed', [
        {
          kind: 'message',
          role: 'config',
          label: state.error.message,
          detail: `${state.path}\nNothing was changed. Fix the file, and the view updates by itself.`,
          configPath: state.path,
          position: line ? { line: line - 1, column: (column ?? 1) - 1 } : undefined,
        },
      ]);
    }
    if (state.profiles.length === 0) return this.setState('noProfiles', []);
    if (!(await this.tokens.influxctlExecutable())) return this.setState('noInfluxctl', []);
    this.tokens.retain(new Set(state.profiles.map((p) => p.name)));
    this.allProfiles = state.profiles;
    const nodes = state.profiles.map((profile): ProfileNode => ({ kind: 'profile', configPath: state.path, profile }));
    for (const n of nodes) if (!this.profileNodes.has(n.profile.name)) this.profileNodes.set(n.profile.name, n);
    return this.setState('ok', nodes);
  }

  private setState(state: ViewState, nodes: Node[]): Node[] {
    void vscode.commands.executeCommand('setContext', 'influxdbTokens.state', state);
    return nodes;
  }

  private async tokenChildren(node: ProfileNode): Promise<Node[]> {
    const load = await this.tokens.load(node.configPath, node.profile);
    if (load.kind === 'error') return [errorNode(node, load.error)];
    const settings = readSettings();
    const now = new Date();
    const stored = this.secrets.storedIds(node.configPath, node.profile.name);
    const filter = this.filterText.toLowerCase();
    const rows: TokenNode[] = [];
    for (const token of load.tokens) {
      const status = tokenStatus(token, now, settings.expiryWarningDays);
      if (status === 'revoked' && !settings.showRevoked) continue;
      if (filter && !token.description.toLowerCase().includes(filter) && !token.id.toLowerCase().includes(filter)) continue;
      const inUseBy = this.allProfiles.filter((p) => isTokenOfSecret(p.mgmtToken, token)).map((p) => p.name);
      rows.push({ kind: 'token', configPath: node.configPath, profile: node.profile, token, status, hasSecret: stored.has(token.id), inUseBy });
    }
    // A row with an mgmt_token tells that token's status once the list is known.
    if (this.shownConfigured.get(node.profile.name) !== this.configuredSummary(node)) setTimeout(() => this.changed.fire(node), 0);
    this.counts.set(node.profile.name, { shown: rows.length, total: load.tokens.length });
    this.updateMessage();
    if (rows.length === 0) {
      const why = filter ? `No tokens match "${this.filterText}"` : load.tokens.length ? 'Only revoked tokens (hidden)' : 'No management tokens';
      return [{ kind: 'message', role: 'info', label: why, configPath: node.configPath, profile: node.profile }];
    }
    return rows;
  }

  private updateMessage(): void {
    if (!this.view) return;
    if (!this.filterText) {
      this.view.message = undefined;
      return;
    }
    let shown = 0;
    let total = 0;
    for (const c of this.counts.values()) {
      shown += c.shown;
      total += c.total;
    }
    this.view.message = `Showing ${shown} of ${total} tokens matching "${this.filterText}"`;
  }

  /** Shows and selects a profile's row (from the expiry status bar item). */
  async reveal(view: vscode.TreeView<Node>, profileName: string): Promise<void> {
    await vscode.commands.executeCommand('influxdbTokens.profiles.focus');
    if (this.profileNodes.size === 0) await this.getChildren();
    const node = this.profileNodes.get(profileName);
    if (node) await view.reveal(node, { select: true, focus: true, expand: true });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  /** The profile's mgmt_token as its listed tokens describe it; undefined until listed. */
  configuredState(node: ProfileNode): ConfiguredTokenState | undefined {
    const load = this.tokens.peek(node.configPath, node.profile);
    if (load?.kind !== 'ok') return undefined;
    return configuredTokenState(node.profile.mgmtToken, load.tokens, new Date(), readSettings().expiryWarningDays);
  }

  /** What a profile row shows about its mgmt_token ('' without one). */
  private configuredSummary(node: ProfileNode): string {
    return node.profile.mgmtToken ? mgmtSummary(this.configuredState(node)) : '';
  }

  private profileItem(node: ProfileNode): vscode.TreeItem {
    const p = node.profile;
    const isDefault = p.name === defaultProfileName(process.env);
    const item = new vscode.TreeItem(p.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `profile:${node.configPath}:${p.index}:${p.name}`;
    const where = p.product === 'dedicated' ? p.clusterId : p.host;
    const configured = this.configuredState(node);
    this.shownConfigured.set(p.name, this.configuredSummary(node));
    const problem = configuredProblem(configured);
    item.description = [p.product ?? 'no product', where, isDefault ? 'default' : undefined, p.mgmtToken ? mgmtSummary(configured) : undefined]
      .filter(Boolean)
      .join(' · ');
    item.iconPath = problem
      ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'))
      : new vscode.ThemeIcon(p.product === 'dedicated' ? 'cloud' : p.product === 'clustered' ? 'server' : 'question');
    item.contextValue = `profile${p.mgmtToken ? '.mgmt' : ''}${isDefault ? '.default' : ''}`;
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
    for (const [k, v] of fields) if (v !== undefined && v !== '') tooltip.appendMarkdown(`- \`${k}\`: ${md(v)}\n`);
    tooltip.appendMarkdown(`\n${md(node.configPath)}, line ${p.line + 1}`);
    item.tooltip = tooltip;
    return item;
  }
}

function mgmtSummary(state: ConfiguredTokenState | undefined): string {
  if (!state || state.kind === 'none') return 'mgmt_token set';
  if (state.kind === 'unlisted') return 'mgmt_token unknown';
  if (state.status === 'revoked' || state.status === 'expired') return `mgmt_token ${state.status}`;
  return `mgmt_token ${describeTokenLifetime(state.token, new Date())}`;
}

/** Why a profile's configured token will not (or soon not) work, if it will not. */
function configuredProblem(state: ConfiguredTokenState | undefined): string | undefined {
  if (!state || state.kind === 'none') return undefined;
  if (state.kind === 'unlisted') return "The mgmt_token matches none of this cluster's management tokens: it may belong to another cluster or have been deleted. Test it, or set another one.";
  if (state.status === 'revoked') return `The mgmt_token is "${state.token.description || state.token.id}", which was revoked: influxctl cannot use it. Set or rotate to a new token.`;
  if (state.status === 'expired') return `The mgmt_token is "${state.token.description || state.token.id}", which has expired: influxctl cannot use it. Set or rotate to a new token.`;
  if (state.status === 'expiring') return `The mgmt_token "${state.token.description || state.token.id}" ${describeTokenLifetime(state.token, new Date())}. Rotate it soon.`;
  return undefined;
}

/** Built on hover only (resolveTreeItem): rows of 10,000 tokens stay cheap. */
function tokenTooltip(node: TokenNode): vscode.MarkdownString {
  const t = node.token;
  const tip = new vscode.MarkdownString(`**${md(t.description || '(no description)')}**\n\n`);
  const rows: [string, string | undefined][] = [
    ['Status', node.status],
    ['ID', t.id],
    ['Prefix', t.prefix],
    ['Created', t.createdAt.toISOString()],
    ['Expires', t.expiresAt ? t.expiresAt.toISOString() : 'never'],
    ['Revoked', t.revokedAt?.toISOString()],
    ['Account', t.accountId],
    ['Created by', t.createdBy],
    ['Secret', node.hasSecret ? 'stored in VS Code SecretStorage' : 'not stored here'],
    ['mgmt_token of', node.inUseBy.join(', ') || undefined],
  ];
  for (const [k, v] of rows) if (v) tip.appendMarkdown(`- ${k}: \`${v}\`\n`);
  return tip;
}

function tokenItem(node: TokenNode): vscode.TreeItem {
  const t = node.token;
  const item = new vscode.TreeItem(t.description || t.id, vscode.TreeItemCollapsibleState.None);
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
  item.accessibilityInformation = { label: `${t.description || t.id}, ${node.status}, ${item.description}` };
  return item;
}

function errorNode(node: ProfileNode, error: Error): MessageNode {
  if (error instanceof InfluxctlError && error.failure.kind === 'loginRequired') {
    const { url, code } = error.failure;
    return {
      kind: 'message',
      role: 'login',
      label: code ? `Log in required: code ${code}` : 'Log in required',
      detail: `influxctl is waiting for a browser login. Open ${url}${code ? `, enter ${code}` : ''}, finish logging in, then retry.`,
      url,
      code,
      configPath: node.configPath,
      profile: node.profile,
    };
  }
  return { kind: 'message', role: 'error', label: error.message, detail: error.message, configPath: node.configPath, profile: node.profile };
}

function messageItem(node: MessageNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
  item.tooltip = node.detail ?? node.label;
  item.contextValue = node.role;
  switch (node.role) {
    case 'error':
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
      item.command = { command: 'influxdbTokens.retryProfile', title: 'Retry', arguments: [node] };
      break;
    case 'login':
      item.iconPath = new vscode.ThemeIcon('account', new vscode.ThemeColor('charts.yellow'));
      item.description = node.url;
      item.command = { command: 'influxdbTokens.openLoginUrl', title: 'Open Login Page', arguments: [node] };
      break;
    case 'config':
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
      item.command = { command: 'influxdbTokens.openConfig', title: 'Open config.toml', arguments: [node] };
      break;
    case 'info':
      item.iconPath = new vscode.ThemeIcon('info');
      break;
  }
  return item;
}
