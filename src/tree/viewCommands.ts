import * as vscode from 'vscode';
import type { ConfigFileModel } from '../state/configFileModel';
import type { DatabaseTokensModel } from '../state/databaseTokensModel';
import type { ManagementTokensModel } from '../state/managementTokensModel';
import type { SettingsModel } from '../state/settings';
import { copyWithConfirmation } from '../ui/clipboard';
import type { Prompts } from '../ui/prompts';
import { isMessageNode } from './nodes';
import type { ProfilesView } from './profilesView';
import type { TokenFilter } from './tokenFilter';

export interface ViewCommandsDeps {
  config: ConfigFileModel;
  tokens: ManagementTokensModel;
  databaseTokens: DatabaseTokensModel;
  settings: SettingsModel;
  filter: TokenFilter;
  view: ProfilesView;
  prompts: Prompts;
}

/** What steers the Profiles view: refresh, retry, revoked tokens shown or not, the filter, login rows, reveal. */
export class ViewCommands {
  constructor(private readonly deps: ViewCommandsDeps) {}

  async refresh(): Promise<void> {
    await this.deps.config.reload();
    this.deps.tokens.invalidate();
    this.deps.databaseTokens.invalidate();
  }

  /** Lists again what an error row stands for: one group of a profile. */
  retryGroup(node?: unknown): void {
    const name = isMessageNode(node) ? node.profile?.name : undefined;
    if (isMessageNode(node) && node.group === 'database') this.deps.databaseTokens.invalidate(name);
    else this.deps.tokens.invalidate(name);
  }

  async toggleRevoked(): Promise<void> {
    await this.deps.settings.update('showRevoked', !this.deps.settings.current.showRevoked);
  }

  /** Sets the filter: the text passed (for keybindings), or asked for. */
  async filter(text?: unknown): Promise<void> {
    const value =
      typeof text === 'string'
        ? text
        : await this.deps.prompts.input({
            title: vscode.l10n.t('Filter Tokens'),
            prompt: vscode.l10n.t('Show tokens whose description or ID contains this text. Leave empty to show all.'),
            value: this.deps.filter.text,
          });
    if (value !== undefined) this.deps.filter.text = value;
  }

  async revealProfile(name?: unknown): Promise<void> {
    if (typeof name === 'string') await this.deps.view.revealProfile(name);
  }

  async openLoginUrl(node?: unknown): Promise<void> {
    if (isMessageNode(node) && node.url) await vscode.env.openExternal(vscode.Uri.parse(node.url));
  }

  async copyLoginCode(node?: unknown): Promise<void> {
    if (isMessageNode(node) && node.code) await copyWithConfirmation(node.code, vscode.l10n.t('Copied login code {0}', node.code));
  }
}
