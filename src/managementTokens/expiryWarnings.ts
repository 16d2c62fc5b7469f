import * as vscode from 'vscode';
import { configuredTokenState, databaseTokenStatus, isoDay, type DatabaseToken, type ManagementToken, type Profile, type TokenStatus, tokenName } from '../core';
import { Command } from '../base/commandIds';
import type { ConfigFileModel } from '../state/configFileModel';
import type { DatabaseTokensModel } from '../state/databaseTokensModel';
import type { ManagementTokensModel } from '../state/managementTokensModel';
import type { SettingsModel } from '../state/settings';
import { profileRef } from '../state/refs';
import { describeTokenLifetime } from '../ui/coreText';
import type { Prompts } from '../ui/prompts';

/** A token a profile is configured with that expires soon or has: its `mgmt_token`, or its `token` for query/write. */
export type ConfiguredWarning = { profile: Profile; configPath: string; status: TokenStatus } & (
  | { key: 'mgmt_token'; token: ManagementToken }
  | { key: 'token'; token: DatabaseToken }
);

const NOTIFIED_KEY = 'influxdbTokens.expiryNotified';

export interface ExpiryWarningsDeps {
  config: ConfigFileModel;
  tokens: ManagementTokensModel;
  databaseTokens: DatabaseTokensModel;
  settings: SettingsModel;
  prompts: Prompts;
  /** Remembers which token was notified on which day (no secrets). */
  state: vscode.Memento;
}

/**
 * Watches the tokens profiles are configured with: a status bar item for the
 * soonest expiry within the warning window, and a notification at most once
 * per token per day, with "Rotate Now" and "Remind Me Tomorrow".
 */
export class ExpiryWarnings implements vscode.Disposable {
  readonly statusBar = vscode.window.createStatusBarItem('influxdbTokens.expiry', vscode.StatusBarAlignment.Left, 50);
  private readonly subscriptions: vscode.Disposable[];
  private timer: NodeJS.Timeout | undefined;
  /** Checks run only after start(): not before the user has used the extension in this window. */
  private started = false;
  warnings: ConfiguredWarning[] = [];

  constructor(private readonly deps: ExpiryWarningsDeps) {
    this.statusBar.name = vscode.l10n.t('InfluxDB Token Expiry');
    this.subscriptions = [
      this.statusBar,
      deps.config.onDidChange(() => this.schedule()),
      // A finished list is one this class asked for: only a dropped cache means news.
      deps.tokens.onDidChange(({ kind }) => kind === 'invalidated' && this.schedule()),
      deps.settings.onDidChange((names) => names.has('expiryWarningDays') && this.schedule()),
      // A database token list, once shown, tells which one a profile's `token` is.
      deps.databaseTokens.onDidChange(() => this.schedule()),
    ];
  }

  /** Starts checking (and so running influxctl), once; later changes schedule checks by themselves. */
  start(delayMs = 500): void {
    if (this.started) return;
    this.started = true;
    this.schedule(delayMs);
  }

  schedule(delayMs = 500): void {
    if (!this.started) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.check(), delayMs);
  }

  /**
   * Lists the profiles that have an mgmt_token (if not listed yet) and updates
   * the warnings; a profile's `token` counts once its database tokens are
   * listed and one of them has that secret stored here.
   */
  async check(now = new Date()): Promise<ConfiguredWarning[]> {
    const state = await this.deps.config.state();
    const warningDays = this.deps.settings.current.expiryWarningDays;
    const warnings: ConfiguredWarning[] = [];
    if (state.kind === 'ok') {
      // Profiles sharing a name are inert: which one influxctl lists for is not theirs to tell.
      const profiles = state.profiles.filter((p) => !state.duplicated.has(p.name));
      const configured = profiles.filter((p) => p.mgmtToken);
      const loads = await Promise.all(configured.map((p) => this.deps.tokens.load(state.path, p)));
      configured.forEach((profile, i) => {
        const load = loads[i];
        if (load.kind !== 'ok') return;
        const s = configuredTokenState(profile.mgmtToken, load.tokens, now, warningDays);
        if (s.kind === 'listed' && (s.status === 'expiring' || s.status === 'expired')) warnings.push({ profile, configPath: state.path, key: 'mgmt_token', token: s.token, status: s.status });
      });
      for (const profile of profiles.filter((p) => p.token)) {
        const token = await this.configuredDatabaseToken(state.path, profile);
        const status = token && databaseTokenStatus(token, now, warningDays);
        if (token && (status === 'expiring' || status === 'expired')) warnings.push({ profile, configPath: state.path, key: 'token', token, status });
      }
    }
    warnings.sort((a, b) => (a.token.expiresAt?.getTime() ?? 0) - (b.token.expiresAt?.getTime() ?? 0));
    this.warnings = warnings;
    this.updateStatusBar(now);
    await this.notify(now);
    return warnings;
  }

  /** The listed database token that is the profile's `token`, if the extension knows it. */
  private async configuredDatabaseToken(configPath: string, profile: Profile): Promise<DatabaseToken | undefined> {
    const load = this.deps.databaseTokens.peek(configPath, profile);
    return load?.kind === 'ok' ? this.deps.databaseTokens.configuredToken(configPath, profile, load.tokens) : undefined;
  }

  private updateStatusBar(now: Date): void {
    const first = this.warnings[0];
    if (!first) {
      this.statusBar.hide();
      return;
    }
    const text = vscode.l10n.t({
      message: '{0}: {1} {2}',
      args: [first.profile.name, first.key, describeTokenLifetime(first.token, now)],
      comment: ['The status bar item: {0} is a profile name, {1} the config key mgmt_token or token, {2} when the token expires or expired (e.g. "expires in 3 days")'],
    });
    this.statusBar.text = `$(warning) ${text}`;
    this.statusBar.tooltip = this.warnings
      .map((w) =>
        vscode.l10n.t({
          message: '{0} ({1}): "{2}" {3}',
          args: [w.profile.name, w.key, tokenName(w.token), describeTokenLifetime(w.token, now)],
          comment: ['A line of the status bar tooltip: {0} is a profile name, {1} the config key mgmt_token or token, {2} the token\'s description, {3} when it expires or expired (e.g. "expires in 3 days")'],
        }),
      )
      .join('\n');
    this.statusBar.backgroundColor = new vscode.ThemeColor(first.status === 'expired' ? 'statusBarItem.errorBackground' : 'statusBarItem.warningBackground');
    this.statusBar.command = { command: Command.revealProfile, title: vscode.l10n.t('Show Profile'), arguments: [first.profile.name] };
    this.statusBar.show();
  }

  private async notify(now: Date): Promise<void> {
    const notified = this.deps.state.get<Record<string, string>>(NOTIFIED_KEY, {});
    for (const w of this.warnings) {
      if (notified[w.token.id] === isoDay(now)) continue;
      notified[w.token.id] = isoDay(now);
      await this.deps.state.update(NOTIFIED_KEY, notified);
      const node = profileRef(w.configPath, w.profile);
      const when = describeTokenLifetime(w.token, now);
      const remindTomorrow = vscode.l10n.t('Remind Me Tomorrow');
      if (w.key === 'mgmt_token') {
        const rotateNow = vscode.l10n.t('Rotate Now');
        const message = vscode.l10n.t({
          message: 'The mgmt_token of profile "{0}" ("{1}") {2}.',
          args: [w.profile.name, tokenName(w.token), when],
          comment: ['{0} is a profile name, {1} the token\'s description, {2} when it expires or expired (e.g. "expires in 3 days")'],
        });
        void this.deps.prompts.inform(message, rotateNow, remindTomorrow).then((choice) => {
          if (choice === rotateNow) void vscode.commands.executeCommand(Command.rotateProfileMgmtToken, node);
        });
      } else {
        const createDatabaseToken = vscode.l10n.t('Create Database Token…');
        const message = vscode.l10n.t({
          message: 'The token of profile "{0}" (database token "{1}", used by influxctl query and write) {2}.',
          args: [w.profile.name, tokenName(w.token), when],
          comment: ['{0} is a profile name, {1} the token\'s description, {2} when it expires or expired (e.g. "expires in 3 days")'],
        });
        void this.deps.prompts.inform(message, createDatabaseToken, remindTomorrow).then((choice) => {
          if (choice === createDatabaseToken) void vscode.commands.executeCommand(Command.createDatabaseToken, node);
        });
      }
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.subscriptions.forEach((d) => d.dispose());
  }
}
