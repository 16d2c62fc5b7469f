import * as vscode from 'vscode';
import { configuredTokenState, describeTokenLifetime, type ManagementToken, type Profile, type TokenStatus } from './core';
import type { ConfigFile } from './configFile';
import type { ProfileTokens } from './profileTokens';
import type { Prompts } from './prompts';
import { readSettings } from './settings';

export interface ConfiguredWarning {
  profile: Profile;
  configPath: string;
  token: ManagementToken;
  status: TokenStatus;
}

const NOTIFIED_KEY = 'influxdbTokens.expiryNotified';

function today(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Watches the tokens profiles are configured with: a status bar item for the
 * soonest expiry within the warning window, and a notification at most once
 * per token per day, with "Rotate now" and "Remind me tomorrow".
 */
export class ExpiryWarnings implements vscode.Disposable {
  readonly statusBar = vscode.window.createStatusBarItem('influxdbTokens.expiry', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [this.statusBar];
  private timer: NodeJS.Timeout | undefined;
  warnings: ConfiguredWarning[] = [];

  constructor(
    private readonly config: ConfigFile,
    private readonly tokens: ProfileTokens,
    private readonly state: vscode.Memento,
    private readonly prompts: () => Prompts,
  ) {
    this.statusBar.name = 'InfluxDB Token Expiry';
    this.disposables.push(
      config.onDidChange(() => this.schedule()),
      tokens.onDidChange(() => this.schedule()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('influxdbTokens.expiryWarningDays') && this.schedule()),
    );
  }

  schedule(delayMs = 500): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.check(), delayMs);
  }

  /** Lists the profiles that have an mgmt_token (if not listed yet) and updates the warnings. */
  async check(now = new Date()): Promise<ConfiguredWarning[]> {
    const state = await this.config.state();
    const warningDays = readSettings().expiryWarningDays;
    const warnings: ConfiguredWarning[] = [];
    if (state.kind === 'ok') {
      const configured = state.profiles.filter((p) => p.mgmtToken);
      const loads = await Promise.all(configured.map((p) => this.tokens.load(state.path, p)));
      configured.forEach((profile, i) => {
        const load = loads[i];
        if (load.kind !== 'ok') return;
        const s = configuredTokenState(profile.mgmtToken, load.tokens, now, warningDays);
        if (s.kind === 'listed' && (s.status === 'expiring' || s.status === 'expired')) warnings.push({ profile, configPath: state.path, token: s.token, status: s.status });
      });
    }
    warnings.sort((a, b) => (a.token.expiresAt?.getTime() ?? 0) - (b.token.expiresAt?.getTime() ?? 0));
    this.warnings = warnings;
    this.updateStatusBar(now);
    await this.notify(now);
    return warnings;
  }

  private updateStatusBar(now: Date): void {
    const first = this.warnings[0];
    if (!first) {
      this.statusBar.hide();
      return;
    }
    const when = describeTokenLifetime(first.token, now);
    this.statusBar.text = `$(warning) ${first.profile.name}: mgmt_token ${when}`;
    this.statusBar.tooltip = this.warnings.map((w) => `${w.profile.name}: "${w.token.description || w.token.id}" ${describeTokenLifetime(w.token, now)}`).join('\n');
    this.statusBar.backgroundColor = new vscode.ThemeColor(first.status === 'expired' ? 'statusBarItem.errorBackground' : 'statusBarItem.warningBackground');
    this.statusBar.command = { command: 'influxdbTokens.revealProfile', title: 'Show Profile', arguments: [first.profile.name] };
    this.statusBar.show();
  }

  private async notify(now: Date): Promise<void> {
    const notified = this.state.get<Record<string, string>>(NOTIFIED_KEY, {});
    for (const w of this.warnings) {
      if (notified[w.token.id] === today(now)) continue;
      notified[w.token.id] = today(now);
      await this.state.update(NOTIFIED_KEY, notified);
      const when = describeTokenLifetime(w.token, now);
      void this.prompts()
        .inform(`The mgmt_token of profile "${w.profile.name}" ("${w.token.description || w.token.id}") ${when}.`, 'Rotate now', 'Remind me tomorrow')
        .then((choice) => {
          if (choice === 'Rotate now') {
            void vscode.commands.executeCommand('influxdbTokens.rotateProfileToken', { kind: 'profile', configPath: w.configPath, profile: w.profile });
          }
        });
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.disposables.forEach((d) => d.dispose());
  }
}
