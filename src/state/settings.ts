import * as vscode from 'vscode';

export const SECTION = 'influxdbTokens';

export interface SettingsValues {
  influxctlPath: string;
  configPath: string;
  timeoutSeconds: number;
  showRevoked: boolean;
  expiryWarningDays: number;
}

export type SettingName = keyof SettingsValues;

const NAMES: SettingName[] = ['influxctlPath', 'configPath', 'timeoutSeconds', 'showRevoked', 'expiryWarningDays'];

function read(): SettingsValues {
  const c = vscode.workspace.getConfiguration(SECTION);
  const timeout = c.get<number>('timeoutSeconds', 60);
  return {
    influxctlPath: c.get<string>('influxctlPath', 'influxctl').trim() || 'influxctl',
    configPath: c.get<string>('configPath', ''),
    timeoutSeconds: Number.isFinite(timeout) && timeout > 0 ? timeout : 60,
    showRevoked: c.get<boolean>('showRevoked', false),
    expiryWarningDays: Math.max(0, c.get<number>('expiryWarningDays', 7)),
  };
}

/**
 * The extension's settings, the one place they are read: cached, re-read on a
 * change, and announced with the names that changed.
 */
export class SettingsModel implements vscode.Disposable {
  private values = read();
  private readonly changed = new vscode.EventEmitter<ReadonlySet<SettingName>>();
  readonly onDidChange = this.changed.event;
  private readonly subscription = vscode.workspace.onDidChangeConfiguration((e) => {
    const names = new Set(NAMES.filter((n) => e.affectsConfiguration(`${SECTION}.${n}`)));
    if (names.size === 0) return;
    this.values = read();
    this.changed.fire(names);
  });

  get current(): Readonly<SettingsValues> {
    return this.values;
  }

  /** Writes a user (global) setting; onDidChange follows. */
  async update<K extends SettingName>(name: K, value: SettingsValues[K]): Promise<void> {
    await vscode.workspace.getConfiguration(SECTION).update(name, value, vscode.ConfigurationTarget.Global);
    this.values = read();
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
