import * as vscode from 'vscode';
import type { ExpiryWarnings, ExpiryWarningsDeps } from './expiryWarnings';

type Commands = typeof import('./index');

/**
 * The expiry warnings (status bar item and daily notification) from
 * dist/managementTokenCommands.js, loaded when they first start: after the
 * view was shown or a command ran, never at activation.
 */
export class LazyExpiryWarnings implements vscode.Disposable {
  private warnings: ExpiryWarnings | undefined;

  constructor(private readonly deps: ExpiryWarningsDeps) {}

  /** The warnings, made on first use. */
  instance(): ExpiryWarnings {
    if (!this.warnings) {
      const bundle: Commands = require('./managementTokenCommands.js');
      this.warnings = new bundle.ExpiryWarnings(this.deps);
    }
    return this.warnings;
  }

  start(delayMs?: number): void {
    this.instance().start(delayMs);
  }

  dispose(): void {
    this.warnings?.dispose();
  }
}
