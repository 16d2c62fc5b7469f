import * as vscode from 'vscode';
import { parseProfiles, type Profile } from '../core';
import { Command } from '../base/commandIds';
import type { ConfigFileModel } from '../state/configFileModel';
import { profileRef } from '../state/refs';
import { CONFIG_SELECTOR } from './configDocument';

/**
 * A CodeLens above each [[profile]] of the configured config.toml: Set (or
 * Replace) its mgmt_token. Only there: a copy inside a repository is not where a secret belongs.
 */
export class ConfigCodeLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly config: ConfigFileModel) {
    this.subscriptions = [this.changed, vscode.languages.registerCodeLensProvider(CONFIG_SELECTOR, this), config.onDidChange(() => this.changed.fire())];
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    // Compared as VS Code spells paths (on Windows it lower-cases the drive letter).
    if (doc.uri.scheme !== 'file' || doc.uri.fsPath !== vscode.Uri.file(this.config.path).fsPath) return [];
    let profiles: Profile[];
    try {
      profiles = parseProfiles(doc.getText());
    } catch {
      return [];
    }
    return profiles.map(
      (profile) =>
        new vscode.CodeLens(new vscode.Range(profile.line, 0, profile.line, 0), {
          title: profile.mgmtToken ? vscode.l10n.t('Replace mgmt_token of "{0}"', profile.name) : vscode.l10n.t('Set mgmt_token of "{0}"', profile.name),
          command: Command.setProfileMgmtToken,
          arguments: [profileRef(this.config.path, profile)],
        }),
    );
  }

  dispose(): void {
    this.subscriptions.forEach((d) => d.dispose());
  }
}
