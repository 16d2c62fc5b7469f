import type * as vscode from 'vscode';

const KEY = 'influxdbTokens.ignoredFindings';

/**
 * Findings the user chose to ignore, in workspace state: a document's URI
 * with the token's fingerprint (fingerprintSecret), never the secret.
 */
export class IgnoredFindings {
  constructor(private readonly state: vscode.Memento) {}

  private entries(): string[] {
    return this.state.get<string[]>(KEY, []);
  }

  has(uri: vscode.Uri, fingerprint: string): boolean {
    return this.entries().includes(entry(uri, fingerprint));
  }

  async add(uri: vscode.Uri, fingerprint: string): Promise<void> {
    if (!this.has(uri, fingerprint)) await this.state.update(KEY, [...this.entries(), entry(uri, fingerprint)]);
  }
}

function entry(uri: vscode.Uri, fingerprint: string): string {
  return `${fingerprint} ${uri.toString()}`;
}
