import * as vscode from 'vscode';
import { tokenStatus } from '../core';
import type { ConfigFileModel } from '../state/configFileModel';
import type { ManagementTokensModel } from '../state/managementTokensModel';
import type { Node } from './nodes';
import type { ProfilesTreeDataProvider } from './profilesTreeDataProvider';
import type { TokenFilter } from './tokenFilter';
import { viewStateOf, type ViewState } from './viewState';

export const VIEW_ID = 'influxdbTokens.profiles';

/**
 * The Profiles view around its rows: the tree view itself, the context key
 * that picks the welcome content, the "Showing N of M" message under a
 * filter, and revealing a profile.
 */
export class ProfilesView implements vscode.Disposable {
  readonly treeView: vscode.TreeView<Node>;
  private shownState: ViewState | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly provider: ProfilesTreeDataProvider,
    private readonly config: ConfigFileModel,
    private readonly tokens: ManagementTokensModel,
    private readonly filter: TokenFilter,
  ) {
    this.treeView = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, canSelectMany: true, showCollapseAll: true });
    this.subscriptions = [
      this.treeView,
      config.onDidChange(() => {
        void this.updateState();
        void this.updateMessage();
      }),
      tokens.onDidChange(() => void this.updateMessage()),
      filter.onDidChange(() => void this.updateMessage()),
    ];
    void this.updateState();
  }

  /** Calls `listener` once, when the view is first shown (now, if it is). */
  onceVisible(listener: () => void): vscode.Disposable {
    if (this.treeView.visible) {
      listener();
      return new vscode.Disposable(() => undefined);
    }
    const subscription = this.treeView.onDidChangeVisibility((e) => {
      if (!e.visible) return;
      subscription.dispose();
      listener();
    });
    return subscription;
  }

  /** The welcome content in force, as last set. */
  get state(): ViewState | undefined {
    return this.shownState;
  }

  private async updateState(): Promise<ViewState> {
    const state = viewStateOf(await this.config.state());
    if (state !== this.shownState) {
      this.shownState = state;
      await vscode.commands.executeCommand('setContext', 'influxdbTokens.state', state);
    }
    return state;
  }

  /** Under a filter, how many of the listed management tokens (of the profiles listed so far) the rows show. */
  private async updateMessage(): Promise<void> {
    if (!this.filter.text) {
      this.treeView.message = undefined;
      return;
    }
    const config = await this.config.state();
    let shown = 0;
    let total = 0;
    for (const profile of config.kind === 'ok' ? config.profiles : []) {
      const load = this.tokens.peek(config.path, profile);
      if (load?.kind !== 'ok') continue;
      const count = this.filter.count(load.tokens, tokenStatus);
      shown += count.shown;
      total += count.total;
    }
    if (this.filter.text) this.treeView.message = vscode.l10n.t('Showing {0} of {1} tokens matching "{2}"', shown, total, this.filter.text);
  }

  /** Shows, selects and expands a profile's row (from the expiry status bar item). */
  async revealProfile(name: string): Promise<void> {
    await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
    const row = await this.provider.profileRow(name);
    if (row) await this.treeView.reveal(row, { select: true, focus: true, expand: true });
  }

  dispose(): void {
    this.subscriptions.forEach((d) => d.dispose());
  }
}
