import * as vscode from 'vscode';

/** Where this window gave a token's secret: a terminal's, a debug session's or a task's environment. */
export type HandoverKind = 'terminal' | 'launch' | 'task';

/** One token handed to one program by this window; no secret, only which token and where. */
export interface TokenHandover {
  kind: HandoverKind;
  /** The terminal's, launch configuration's or task's name, as the person sees it. */
  name: string;
  configPath: string;
  profileName: string;
  tokenId: string;
  tokenKind: 'management' | 'database';
  /** Date.now() when it was handed over. */
  since: number;
}

/**
 * Which tokens this window has handed to terminals, debug sessions and
 * tasks, so that a rotation can say which programs still hold the old
 * token. Kept in memory only: it describes this window's programs, which do
 * not outlive it.
 */
export class TokenHandovers implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly live = new Set<TokenHandover>();

  /** Records a handover; disposing of the result ends it (the terminal closed, the session or task ended). */
  record(handover: Omit<TokenHandover, 'since'>): vscode.Disposable {
    const entry: TokenHandover = { ...handover, since: Date.now() };
    this.live.add(entry);
    this.changed.fire();
    return new vscode.Disposable(() => {
      if (this.live.delete(entry)) this.changed.fire();
    });
  }

  /** The programs that still hold a token, oldest first. */
  of(configPath: string, profileName: string, tokenId: string): TokenHandover[] {
    return [...this.live].filter((h) => h.configPath === configPath && h.profileName === profileName && h.tokenId === tokenId);
  }

  dispose(): void {
    this.live.clear();
    this.changed.dispose();
  }
}
