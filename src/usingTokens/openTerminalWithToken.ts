import * as vscode from 'vscode';
import { isDatabaseTokenRef, isManagementTokenRef } from '../state/refs';
import { currentTokenRow, resolveProfile } from '../ui/profilePicker';
import { handOver, pickTokenOf, type TokenChoice, type UsingTokensDeps } from './handedToken';

/**
 * Open Terminal with Token…: a terminal whose environment holds a token's
 * variables, given only in its creation options (never in settings or
 * VS Code's environment variable collection, which persist), and transient,
 * so that VS Code does not revive it after a reload. The secret is never typed
 * into it.
 */
export class OpenTerminalWithToken {
  constructor(private readonly deps: UsingTokensDeps) {}

  async run(arg?: unknown): Promise<vscode.Terminal | undefined> {
    const choice = await this.choose(arg);
    if (!choice) return undefined;
    const handed = await handOver(this.deps, choice);
    if (!handed) return undefined;
    const name = vscode.l10n.t({ message: '{0}: {1}', args: [handed.profile.name, handed.name], comment: ['A terminal name: {0} is a profile name, {1} the name of the token its environment holds'] });
    const terminal = vscode.window.createTerminal({ name, env: handed.env, isTransient: true, iconPath: new vscode.ThemeIcon('key') });
    const handover = this.deps.handovers.record({ kind: 'terminal', name, configPath: handed.configPath, profileName: handed.profile.name, tokenId: handed.tokenId, tokenKind: handed.tokenKind });
    const closed = vscode.window.onDidCloseTerminal((t) => {
      if (t !== terminal) return;
      handover.dispose();
      closed.dispose();
    });
    this.deps.log.info(`Opened a terminal with ${handed.tokenKind} token ${handed.tokenId} of profile "${handed.profile.name}" (${Object.keys(handed.env).join(', ')})`);
    terminal.show();
    return terminal;
  }

  /** The token row it was invoked on (re-read), or a token of the profile row or of a profile the user picks. */
  private async choose(arg: unknown): Promise<TokenChoice | undefined> {
    const title = vscode.l10n.t('Open Terminal with Token');
    if (isDatabaseTokenRef(arg)) {
      const row = await currentTokenRow(this.deps, arg);
      return row && { kind: 'database', configPath: row.configPath, profile: row.profile, token: row.token };
    }
    if (isManagementTokenRef(arg)) {
      const row = await currentTokenRow(this.deps, arg);
      return row && { kind: 'management', configPath: row.configPath, profile: row.profile, token: row.token };
    }
    const target = await resolveProfile(this.deps, arg, title);
    return target && pickTokenOf(this.deps, target, title);
  }
}
