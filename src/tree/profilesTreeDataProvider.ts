import * as vscode from 'vscode';
import { databaseTokenStatus, defaultProfileName, findTokenOfSecret, isInfluxctlError, matchConfiguredToken, redactSecrets, tokenStatus, type ConfiguredTokenMatch, type Profile } from '../core';
import type { ConfigFileModel } from '../state/configFileModel';
import { profileRef } from '../state/refs';
import type { DatabaseTokensModel } from '../state/databaseTokensModel';
import type { ManagementTokensModel } from '../state/managementTokensModel';
import type { SettingsModel } from '../state/settings';
import type { TokenSecretStore } from '../state/tokenSecretStore';
import { foundProfileKey, type FoundRowWords } from '../foundTokens/foundInFiles';
import { describeConfigError, describeError, describeFailureBriefly, describeMissingInfluxctl } from '../ui/coreText';
import { describeOrigin } from '../ui/originText';
import { type DatabaseTokenNode, type GroupNode, type MessageNode, type Node, type ProfileNode, type TokenNode } from './nodes';
import { databaseTokenItem, databaseTokenTooltip, groupItem, messageItem, profileItem, tokenItem, tokenTooltip } from './treeItems';
import { RowRefreshes } from './rowRefreshes';
import type { TokenFilter } from './tokenFilter';
import { viewStateOf } from './viewState';

/**
 * Rows of the Profiles view: the profiles of config.toml, each with its
 * management tokens, or a row saying why there are none. It maps the models'
 * state to rows and refreshes what their change events name; nothing else.
 */
export class ProfilesTreeDataProvider implements vscode.TreeDataProvider<Node>, FoundRowWords, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** The profile rows last shown, by name: what getParent and reveal hand to the view. */
  private readonly profileNodes = new Map<string, ProfileNode>();
  /** Each profile's two group rows, made once per profile row. */
  private readonly groupNodes = new Map<ProfileNode, { management: GroupNode; database: GroupNode }>();
  private profiles: Profile[] = [];
  /** Names of more than one profile: those rows are inert (nothing that uses a secret works for them). */
  private duplicated: ReadonlySet<string> = new Set<string>();
  /** The rows are config.toml's last good profiles (it is malformed now): shown from what was listed, offering nothing. */
  private stale = false;
  /** Which rows a finished list refreshes: only those that changed (see RowRefreshes). */
  private readonly refreshes = new RowRefreshes();
  /** Per group row (`group:profile`), what its list last said: shown while the list loads again. */
  private readonly lastKnown = new Map<string, { summary?: { shown: number; total: number }; authLabel?: string }>();
  private readonly subscriptions: vscode.Disposable[];
  /** What rows say about tokens found in the workspace's files (see FoundRowWords): from the scan's bundle. */
  private found = new Map<string, string>();

  constructor(
    private readonly config: ConfigFileModel,
    private readonly tokens: ManagementTokensModel,
    private readonly databaseTokens: DatabaseTokensModel,
    private readonly secrets: TokenSecretStore,
    private readonly settings: SettingsModel,
    private readonly filter: TokenFilter,
  ) {
    this.subscriptions = [
      this.changed,
      config.onDidChange(() => this.changed.fire(undefined)),
      tokens.onDidChange(({ profileName, kind }) => {
        const node = profileName === undefined ? undefined : this.profileNodes.get(profileName);
        if (kind === 'loaded') {
          if (node) this.refreshAfterList(node, 'management');
          return;
        }
        this.changed.fire(node);
      }),
      databaseTokens.onDidChange(({ profileName, kind }) => {
        const node = profileName === undefined ? undefined : this.profileNodes.get(profileName);
        if (kind === 'loaded') {
          if (node) this.refreshAfterList(node, 'database');
          return;
        }
        this.changed.fire(node ? this.groupsOf(node).database : undefined);
      }),
      secrets.onDidChange(() => this.changed.fire(undefined)),
      // showRevoked comes through the filter.
      settings.onDidChange((names) => names.has('expiryWarningDays') && this.changed.fire(undefined)),
      filter.onDidChange(() => this.changed.fire(undefined)),
    ];
  }

  showFound(words: Map<string, string>): void {
    this.found = words;
    this.changed.fire(undefined);
  }

  /** The row of a profile, once the view has shown the profiles. */
  async profileRow(name: string): Promise<ProfileNode | undefined> {
    if (this.profileNodes.size === 0) await this.getChildren();
    return this.profileNodes.get(name);
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const item = this.buildItem(node);
    if (node.kind === 'profile' || node.kind === 'group') this.refreshes.noteShown(item);
    return item;
  }

  /**
   * After a list of a profile finished: the profile row (with all below it)
   * when it changed, else the group row when it changed or the view shows
   * rows of an older list, else nothing.
   */
  private refreshAfterList(profile: ProfileNode, group: GroupNode['group']): void {
    if (this.refreshes.changed(this.buildItem(profile))) return this.changed.fire(profile);
    const groupNode = this.groupsOf(profile)[group];
    if (this.refreshes.changed(this.buildItem(groupNode)) || !this.refreshes.isAwaited(listKey(groupNode))) this.changed.fire(groupNode);
  }

  private buildItem(node: Node): vscode.TreeItem {
    const item = this.buildRow(node);
    if (this.stale && node.kind !== 'message') markStale(item, node.kind === 'profile');
    return item;
  }

  private buildRow(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'profile':
        return profileItem(node, node.profile.name === defaultProfileName(process.env), this.configuredState(node), this.duplicated.has(node.profile.name), this.found.get(foundProfileKey(node.profile.name)));
      case 'group':
        return this.groupRow(node);
      case 'token':
        return tokenItem(node);
      case 'databaseToken':
        return databaseTokenItem(node);
      case 'message':
        return messageItem(node);
    }
  }

  resolveTreeItem(item: vscode.TreeItem, node: Node): vscode.TreeItem {
    if (node.kind === 'token') item.tooltip = tokenTooltip(node);
    if (node.kind === 'databaseToken') item.tooltip = databaseTokenTooltip(node);
    return item;
  }

  getParent(node: Node): Node | undefined {
    if (node.kind === 'profile' || !node.profile) return undefined;
    const profile = this.profileNodes.get(node.profile.name);
    if (!profile || node.kind === 'group') return profile;
    const groups = this.groupsOf(profile);
    if (node.kind === 'token') return groups.management;
    if (node.kind === 'databaseToken') return groups.database;
    return node.group ? groups[node.group] : profile;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) return this.profileRows();
    if (node.kind === 'profile') {
      if (this.duplicated.has(node.profile.name)) return [duplicatedRow(node)];
      const groups = this.groupsOf(node);
      return [groups.management, groups.database];
    }
    if (node.kind !== 'group') return [];
    return node.group === 'management' ? this.tokenRows(node) : this.databaseTokenRows(node);
  }

  private groupsOf(node: ProfileNode): { management: GroupNode; database: GroupNode } {
    let groups = this.groupNodes.get(node);
    if (!groups) {
      const { configPath, profile } = node;
      groups = { management: { kind: 'group', group: 'management', configPath, profile }, database: { kind: 'group', group: 'database', configPath, profile } };
      this.groupNodes.set(node, groups);
    }
    return groups;
  }

  private groupRow(node: GroupNode): vscode.TreeItem {
    const known = this.groupFacts(node);
    return groupItem(node, known.summary, known.authLabel);
  }

  /** What a group row says: from its list, or while the list loads again, what it said last. */
  private groupFacts(node: GroupNode): { summary?: { shown: number; total: number }; authLabel?: string } {
    let facts: { summary?: { shown: number; total: number }; authLabel?: string };
    if (node.group === 'management') {
      const load = this.tokens.peek(node.configPath, node.profile);
      if (!load) return this.lastKnown.get(listKey(node)) ?? {};
      facts = { summary: load.kind === 'ok' ? this.filter.count(load.tokens, tokenStatus) : undefined };
    } else {
      const load = this.databaseTokens.peek(node.configPath, node.profile);
      if (!load) return this.lastKnown.get(listKey(node)) ?? {};
      facts = { summary: load.kind === 'ok' ? this.filter.count(load.tokens, databaseTokenStatus) : undefined, authLabel: load.kind === 'ok' || load.kind === 'error' ? load.auth.label : undefined };
    }
    this.lastKnown.set(listKey(node), facts);
    return facts;
  }

  /** The row of a group whose list gives no rows: why not. */
  private emptyRow(node: GroupNode, listed: number): MessageNode {
    const label = this.filter.text
      ? vscode.l10n.t('No tokens match "{0}"', this.filter.text)
      : listed
        ? vscode.l10n.t('Only revoked tokens (hidden)')
        : node.group === 'management'
          ? vscode.l10n.t('No management tokens')
          : vscode.l10n.t('No database tokens');
    return { kind: 'message', role: 'info', label, configPath: node.configPath, profile: node.profile, group: node.group };
  }

  private async profileRows(): Promise<Node[]> {
    const state = await this.config.state();
    this.profileNodes.clear();
    this.groupNodes.clear();
    this.profiles = [];
    this.duplicated = new Set();
    this.stale = false;
    this.refreshes.clear();
    this.lastKnown.clear();
    switch (state.kind) {
      case 'missing':
        return [];
      case 'unreadable':
        return [{ kind: 'message', role: 'config', label: vscode.l10n.t('Cannot read config.toml: {0}', state.error.message), configPath: state.path }];
      case 'malformed': {
        const { line, column } = state.error;
        // The last good profiles stay in view, inert, under the error: nothing is lost to a typo.
        this.stale = Boolean(state.lastGood?.length);
        const kept = this.stale ? vscode.l10n.t('The profiles below are as config.toml last was; nothing is listed or changed for them until it is fixed.') : undefined;
        const error: MessageNode = {
          kind: 'message',
          role: 'config',
          label: describeConfigError(state.error),
          detail: [state.path, vscode.l10n.t('Nothing was changed. Fix the file, and the view updates by itself.'), kept].filter(Boolean).join('\n'),
          configPath: state.path,
          position: line ? { line: line - 1, column: (column ?? 1) - 1 } : undefined,
        };
        return [error, ...this.profileRowsOf(state.path, state.lastGood ?? [], new Set())];
      }
      case 'ok':
        // Without profiles the view shows its welcome content instead (ProfilesView).
        if (viewStateOf(state) !== 'ok') return [];
        return this.profileRowsOf(state.path, state.profiles, state.duplicated);
    }
  }

  private profileRowsOf(configPath: string, profiles: Profile[], duplicated: ReadonlySet<string>): ProfileNode[] {
    this.profiles = profiles;
    this.duplicated = duplicated;
    return profiles.map((p) => {
      const row = profileRef(configPath, p);
      // Duplicate names (config lint flags them) all show, inert; influxctl uses the first.
      if (!this.profileNodes.has(p.name)) this.profileNodes.set(p.name, row);
      return row;
    });
  }

  private async tokenRows(node: GroupNode): Promise<Node[]> {
    if (this.stale && !this.tokens.peek(node.configPath, node.profile)) return [notListedRow(node)];
    const load = await this.refreshes.awaitList(listKey(node), this.tokens.load(node.configPath, node.profile));
    if (load.kind === 'error') return [errorRow(node, load.error)];
    const now = new Date();
    const warningDays = this.settings.current.expiryWarningDays;
    const stored = this.secrets.storedIds(node.configPath, node.profile);
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
      rows.push({ kind: 'token', configPath: node.configPath, profile: node.profile, token, status, hasSecret: stored.has(token.id), inUseBy: inUse.get(token.id) ?? [], found: this.found.get(token.id) });
    }
    return rows.length > 0 ? rows : [this.emptyRow(node, load.tokens.length)];
  }

  private async databaseTokenRows(node: GroupNode): Promise<Node[]> {
    const { configPath, profile } = node;
    if (this.stale && !this.databaseTokens.peek(configPath, profile)) return [notListedRow(node)];
    const load = await this.refreshes.awaitList(listKey(node), this.databaseTokens.load(configPath, profile));
    if (load.kind === 'noAuth') {
      return [
        {
          kind: 'message',
          role: 'noAuth',
          label: vscode.l10n.t('No management token to call the Management API with'),
          detail: vscode.l10n.t(
            'Profile "{0}" has no mgmt_token, and no active management token of it has its secret stored in VS Code. Create a management token (its secret is stored), or set mgmt_token in config.toml.',
            profile.name,
          ),
          configPath,
          profile,
          group: 'database',
        },
      ];
    }
    if (load.kind === 'boundElsewhere') {
      const stored = load.origins.map(describeOrigin).join(', ');
      return [
        {
          kind: 'message',
          role: 'boundElsewhere',
          label: vscode.l10n.t('Stored secrets belong to another cluster'),
          detail: vscode.l10n.t(
            'The secrets stored for profile "{0}" belong to {1}, but config.toml now points the profile at {2}. They are not sent there. Forget them, or, if it is the same cluster under a new address, rebind them.',
            profile.name,
            stored,
            describeOrigin(load.current),
          ),
          configPath,
          profile,
          group: 'database',
        },
      ];
    }
    if (load.kind === 'error') {
      // A server's words or an odd profile field may hold a secret.
      const label = redactSecrets(load.message);
      // Nothing was sent: the person decides (Allow…), a retry would not help.
      const role = (load.error as { failure?: { kind?: string } }).failure?.kind === 'needsConsent' ? 'consent' : 'error';
      return [{ kind: 'message', role, label, detail: label, configPath, profile, group: 'database' }];
    }
    const now = new Date();
    const warningDays = this.settings.current.expiryWarningDays;
    const stored = this.secrets.storedIds(configPath, profile, 'database');
    const profileToken = await this.databaseTokens.configuredToken(configPath, profile, load.tokens);
    const rows: DatabaseTokenNode[] = [];
    for (const token of load.tokens) {
      const status = databaseTokenStatus(token, now, warningDays);
      if (this.filter.shows(token, status)) rows.push({ kind: 'databaseToken', configPath, profile, token, status, hasSecret: stored.has(token.id), isProfileToken: token === profileToken, found: this.found.get(token.id) });
    }
    return rows.length > 0 ? rows : [this.emptyRow(node, load.tokens.length)];
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

function listKey(node: GroupNode): string {
  return `${node.group}:${node.profile.name}`;
}

/** A row of the last good config.toml: what it was, with no action (every command would refuse it now). */
function markStale(item: vscode.TreeItem, isProfile: boolean): void {
  item.contextValue = 'stale';
  item.command = undefined;
  if (isProfile) {
    item.description = vscode.l10n.t('as last read · {0}', String(item.description));
  }
}

/** Under a last good profile whose group was never listed: it is not listed while config.toml is malformed. */
function notListedRow(node: GroupNode): MessageNode {
  return { kind: 'message', role: 'info', label: vscode.l10n.t('Not listed while config.toml has an error'), configPath: node.configPath, profile: node.profile, group: node.group };
}

/** The one row under a profile whose name another profile has too. */
function duplicatedRow(node: ProfileNode): MessageNode {
  const name = node.profile.name;
  return {
    kind: 'message',
    role: 'config',
    label: vscode.l10n.t('Another profile is also named "{0}"', name),
    detail: vscode.l10n.t('Two or more [[profile]] tables of config.toml are named "{0}"; influxctl uses the first. Nothing that uses a secret works for them until one is renamed.', name),
    configPath: node.configPath,
    profile: node.profile,
    position: { line: node.profile.line, column: 0 },
  };
}

function errorRow(node: GroupNode, error: Error): MessageNode {
  if (isInfluxctlError(error) && error.failure.kind === 'loginRequired') {
    const { url, code } = error.failure;
    return {
      kind: 'message',
      role: 'login',
      label: code ? vscode.l10n.t('Log in required: code {0}', code) : vscode.l10n.t('Log in required'),
      detail: code
        ? vscode.l10n.t('influxctl is waiting for a browser login. Open {0}, enter {1}, finish logging in, then retry.', url, code)
        : vscode.l10n.t('influxctl is waiting for a browser login. Open {0}, finish logging in, then retry.', url),
      url,
      code,
      configPath: node.configPath,
      profile: node.profile,
      group: 'management',
    };
  }
  if (isInfluxctlError(error) && (error.failure.kind === 'notFound' || error.failure.kind === 'notExecutable')) {
    return {
      kind: 'message',
      role: 'noInfluxctl',
      label: describeMissingInfluxctl(error.failure),
      detail: vscode.l10n.t('{0} Database tokens, Test Management Token and the config.toml help work without it.', describeError(error)),
      configPath: node.configPath,
      profile: node.profile,
      group: 'management',
    };
  }
  // The short reason leads the row; the whole text is its tooltip.
  return { kind: 'message', role: 'error', label: describeFailureBriefly(error), detail: describeError(error), configPath: node.configPath, profile: node.profile, group: 'management' };
}
