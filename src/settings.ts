import * as vscode from 'vscode';

export const SECTION = 'influxdbTokens';

export interface Settings {
  influxctlPath: string;
  configPath: string;
  timeoutSeconds: number;
  showRevoked: boolean;
  expiryWarningDays: number;
}

export function readSettings(): Settings {
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
