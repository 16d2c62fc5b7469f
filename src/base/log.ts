import * as vscode from 'vscode';
import { redactSecrets } from '../core';

/**
 * The extension's output channel. Every line is redacted by pattern and by the
 * secrets the extension has seen, so no token string can reach it.
 */
export class Log implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('InfluxDB Tokens', { log: true });
  private readonly secrets = new Set<string>();

  /** Remembers a secret so it is redacted even where no pattern would catch it. */
  rememberSecret(secret: string): void {
    if (secret) this.secrets.add(secret);
  }

  knownSecrets(): Iterable<string> {
    return this.secrets;
  }

  redact(text: string): string {
    return redactSecrets(text, this.secrets);
  }

  info(message: string): void {
    this.channel.info(this.redact(message));
  }

  warn(message: string): void {
    this.channel.warn(this.redact(message));
  }

  error(message: string): void {
    this.channel.error(this.redact(message));
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
