import * as vscode from 'vscode';

export const SECTION = 'influxdbTokens';

/**
 * Every setting once: its default and how a value read is made sane. A new
 * setting is one entry here and one in package.json's contributes.configuration
 * (test/suite/manifest.test.ts checks the two match).
 */
const SETTINGS = {
  influxctlPath: { fallback: 'influxctl', sane: (v: string) => v.trim() || 'influxctl' },
  configPath: { fallback: '', sane: (v: string) => v },
  timeoutSeconds: { fallback: 60, sane: (v: number) => (Number.isFinite(v) && v > 0 ? v : 60) },
  showRevoked: { fallback: false, sane: (v: boolean) => v },
  expiryWarningDays: { fallback: 7, sane: (v: number) => (Number.isFinite(v) ? Math.max(0, v) : 7) },
  findTokensInEditors: { fallback: true, sane: (v: boolean) => v },
  findTokensExclude: { fallback: [] as string[], sane: (v: string[]) => (Array.isArray(v) ? v.filter((g) => typeof g === 'string') : []) },
};

export type SettingsValues = { [K in keyof typeof SETTINGS]: ReturnType<(typeof SETTINGS)[K]['sane']> };
export type SettingName = keyof SettingsValues;

const NAMES = Object.keys(SETTINGS) as SettingName[];

function read(): SettingsValues {
  const c = vscode.workspace.getConfiguration(SECTION);
  const values: Record<string, unknown> = {};
  for (const name of NAMES) {
    const { fallback, sane } = SETTINGS[name] as { fallback: unknown; sane: (v: unknown) => unknown };
    const raw = c.get<unknown>(name, fallback);
    // A hand-edited settings.json may hold a value of the wrong type.
    values[name] = sane(typeof raw === typeof fallback ? raw : fallback);
  }
  return values as SettingsValues;
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
