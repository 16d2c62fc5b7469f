import * as vscode from 'vscode';
import type { Log } from '../base/log';
import type { ManagementApi } from '../managementApi/managementApi';
import type { ConfigFileModel } from '../state/configFileModel';
import type { DatabaseTokensModel } from '../state/databaseTokensModel';
import type { ManagementTokensModel } from '../state/managementTokensModel';
import type { SettingsModel } from '../state/settings';
import type { TokenSecretStore } from '../state/tokenSecretStore';
import type { Prompts } from '../ui/prompts';
import { FoundTokenActions, IGNORE_FINDING_COMMAND } from './foundTokenActions';
import { GitTracking } from './gitTracking';
import { FoundTokenDiagnostics } from './foundTokenDiagnostics';
import { IgnoredFindings } from './ignoredFindings';
import { RememberFoundToken } from './rememberFoundToken';
import { TokenIdentifier } from './tokenIdentity';

export interface TokensInEditorsDeps {
  config: ConfigFileModel;
  tokens: ManagementTokensModel;
  databaseTokens: DatabaseTokensModel;
  secrets: TokenSecretStore;
  settings: SettingsModel;
  api: ManagementApi;
  log: Log;
  prompts: Prompts;
  /** Where ignored findings are kept (fingerprints and document URIs). */
  workspaceState: vscode.Memento;
}

/** Tokens found in open documents: their diagnostics, quick fixes and the commands behind them. */
export class TokensInEditors implements vscode.Disposable {
  private readonly identifier: TokenIdentifier;
  private readonly diagnostics: FoundTokenDiagnostics;
  private readonly remembering: RememberFoundToken;
  private readonly subscriptions: vscode.Disposable[];

  constructor(deps: TokensInEditorsDeps) {
    const ignored = new IgnoredFindings(deps.workspaceState);
    this.identifier = new TokenIdentifier(deps);
    this.diagnostics = new FoundTokenDiagnostics({ ...deps, identifier: this.identifier, ignored, git: new GitTracking(deps.log) });
    this.remembering = new RememberFoundToken(deps);
    this.subscriptions = [
      this.identifier,
      this.diagnostics,
      vscode.languages.registerCodeActionsProvider({ scheme: '*' }, new FoundTokenActions(this.diagnostics), { providedCodeActionKinds: FoundTokenActions.kinds }),
      vscode.commands.registerCommand(IGNORE_FINDING_COMMAND, async (uri: vscode.Uri, fingerprint: string) => {
        await ignored.add(uri, fingerprint);
        this.diagnostics.checkAll();
      }),
    ];
  }

  remember(arg?: unknown) {
    return this.remembering.run(arg);
  }

  dispose(): void {
    this.subscriptions.forEach((d) => d.dispose());
  }
}
