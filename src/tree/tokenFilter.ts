import * as vscode from 'vscode';
import type { TokenStatus } from '../core';
import type { SettingsModel } from '../state/settings';

/** Which tokens the view shows: the Filter text, and revoked ones only when the setting says so; a change of either is announced. */
export class TokenFilter implements vscode.Disposable {
  private value = '';
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  private readonly subscription: vscode.Disposable;

  constructor(private readonly settings: SettingsModel) {
    // Showing revoked tokens or not is part of what the filter lets through.
    this.subscription = settings.onDidChange((names) => names.has('showRevoked') && this.changed.fire());
  }

  get text(): string {
    return this.value;
  }

  set text(text: string) {
    this.value = text.trim();
    this.changed.fire();
  }

  shows(token: { description: string; id: string }, status: TokenStatus): boolean {
    if (status === 'revoked' && !this.settings.current.showRevoked) return false;
    const needle = this.value.toLowerCase();
    return !needle || token.description.toLowerCase().includes(needle) || token.id.toLowerCase().includes(needle);
  }

  /** How many of `tokens` the rows show, of how many are listed. */
  count<T extends { description: string; id: string }>(tokens: readonly T[], statusOf: (token: T, now: Date, warningDays: number) => TokenStatus): { shown: number; total: number } {
    const now = new Date();
    const warningDays = this.settings.current.expiryWarningDays;
    let shown = 0;
    for (const t of tokens) if (this.shows(t, statusOf(t, now, warningDays))) shown++;
    return { shown, total: tokens.length };
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
