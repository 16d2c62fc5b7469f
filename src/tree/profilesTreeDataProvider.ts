import * as vscode from 'vscode';
import { defaultProfileName, findTokenOfSecret, InfluxctlError, matchConfiguredToken, tokenStatus, type ConfiguredTokenMatch, type Profile } from '../core';
import type { ConfigFileModel } from '../state/configFileModel';
import type { ManagementTokensModel } from '../state/managementTokensModel';
import type { SettingsModel } from '../state/settings';
import type { TokenSecretStore } from '../state/tokenSecretStore';
import { profileNode, type MessageNode, type Node, type ProfileNode, type TokenNode } from './nodes';
import { messageItem, profileItem, tokenItem, tokenTooltip } from './treeItems';
import type { TokenFilter } from './tokenFilter';

/**
 * Rows of the Profiles view: the profiles of config.toml, each with its
 * management tokens, or a row saying why there are none. It maps the models'
 * state to rows and refreshes what their change events name; nothing else.
 */
export class ProfilesTreeDataProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** The profile rows last shown, by name: what getParent and reveal hand to the view. */
  private readonly profileNodes = new Map<string, ProfileNode>();
  private profiles: Profile[] = [];
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly config: ConfigFileModel,
    private readonly tokens: ManagementTokensModel,
    private readonly secrets: TokenSecretStore,
    private readonly settings: SettingsModel,
    private readonly filter: TokenFilter,
  ) {
    this.subscriptions = [
      this.changed,
      config.onDidChange(() => this.changed.fire(undefined)),
      tokens.onDidChange(({ profileName, kind }) => {
        const node = profileName === undefined ? undefined : this.profileNodes.get(profileName);
        // A finished list changes a profile row only through its mgmt_token's status.
        if (kind === 'loaded' && !node?.profile.mgmtToken) return;
        this.changed.fire(node);
      }),
      secrets.onDidChange(() => this.changed.fire(undefined)),
      settings.onDidChange((names) => (names.has('showRevoked') || names.has('expiryWarningDays')) && this.changed.fire(undefined)),
      filter.onDidChange(() => this.changed.fire(undefined)),
    ];
  }

  /** The row of a profile, once the view has shown the profiles. */
  async profileRow(name: string): Promise<ProfileNode | undefined> {
    if (this.profileNodes.size === 0) await this.getChildren();
    return this.profileNodes.get(name);
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'profile':
        return profileItem(node, node.profile.name === defaultProfileName(process.env), this.configuredState(node));
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
    if (!node) return this.profileRows();
    return node.kind === 'profile' ? this.tokenRows(node) : [];
  }

  private async profileRows(): Promise<Node[]> {
    const state = await this.config.state();
    this.profileNodes.clear();
    this.profiles = [];
    switch (state.kind) {
      case 'missing':
        return [];
      case 'unreadable':
        return [{ kind: 'message', role: 'config', label: `Cannot read config.toml: ${state.error.message}`, configPath: state.path }];
      case 'malformed': {
        const { line, column } = state.error;
        return [
          {
            kind: 'message',
            role: 'config',
            label: state.error.message,
            detail: `${state.path}\nNothing was changed. Fix the file, and the view updates by itself.`,
            configPath: state.path,
            position: line ? { line: line - 1, column: (column ?? 1) - 1 } : undefined,
          },
        ];
      }
      case 'ok':
        // Without profiles or influxctl the view shows its welcome content instead.
        if (state.profiles.length === 0 || !(await this.tokens.influxctlExecutable())) return [];
        this.profiles = state.profiles;
        return state.profiles.map((p) => {
          const row = profileNode(state.path, p);
          // Duplicate names (config lint flags them) all show; influxctl uses the first.
          if (!this.profileNodes.has(p.name)) this.profileNodes.set(p.name, row);
          return row;
        });
    }
  }

  private async tokenRows(node: ProfileNode): Promise<Node[]> {
    const load = await this.tokens.load(node.configPath, node.profile);
    if (load.kind === 'error') return [errorRow(node, load.error)];
    const now = new Date();
    const warningDays = this.settings.current.expiryWarningDays;
    const stored = this.secrets.storedIds(node.configPath, node.profile.name);
    // Which token each profile's mgmt_token is, when exactly one can be.
    const inUse = new Map<string, string[]>();
    for (const p of this.profiles) {
      const match = findTokenOfSecret(p.mgmtToken, load.tokens);
      if (match.kind === 'one') inUse.set(match.token.id, [...(inUse.get(match.token.id) ?? []), p.name]);
    }
    const rows: TokenNode[] = [];
    for (const token of load.tokens) {
      const status = tokenStatus(token, now, warningDays);
      if (!this.filter.shows(token, status)) continue;
      rows.push({ kind: 'token', configPath: node.configPath, profile: node.profile, token, status, hasSecret: stored.has(token.id), inUseBy: inUse.get(token.id) ?? [] });
    }
    if (rows.length > 0) return rows;
    const why = this.filter.text ? `No tokens match "${this.filter.text}"` : load.tokens.length ? 'Only revoked tokens (hidden)' : 'No management tokens';
    return [{ kind: 'message', role: 'info', label: why, configPath: node.configPath, profile: node.profile }];
  }

  /** The profile's mgmt_token as its listed tokens describe it; undefined until listed. */
  configuredState(node: ProfileNode): ConfiguredTokenMatch | undefined {
    const load = this.tokens.peek(node.configPath, node.profile);
    if (load?.kind !== 'ok') return undefined;
    return matchConfiguredToken(node.profile.mgmtToken, load.tokens, new Date(), this.settings.current.expiryWarningDays);
  }

  dispose(): void {
    this.subscriptions.forEach((d) => d.dispose());
  }
}

function errorRow(node: ProfileNode, error: Error): MessageNode {
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
