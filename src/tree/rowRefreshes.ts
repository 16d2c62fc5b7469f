import * as vscode from 'vscode';

/**
 * Which rows a finished list should refresh. A refresh makes the view fetch
 * every row below it again, and a context-menu command that lands meanwhile
 * receives no row (VS Code drops the old rows' handles at once). So a row is
 * refreshed only when it would now look different from what the view shows,
 * or when the view shows children of an older list instead of waiting for
 * this one.
 */
export class RowRefreshes {
  /** What each row looked like when last handed to the view, by item ID. */
  private readonly shown = new Map<string, string>();
  /** Rows (by key) whose children the view is waiting for: those come from the list being made. */
  private readonly awaited = new Set<string>();

  noteShown(item: vscode.TreeItem): void {
    this.shown.set(item.id!, signatureOf(item));
  }

  /** Whether a row the view shows would look different as `item` (a row never shown has nothing to refresh). */
  changed(item: vscode.TreeItem): boolean {
    const shown = this.shown.get(item.id!);
    return shown !== undefined && shown !== signatureOf(item);
  }

  /** Waits for the list a row's children come from, noting meanwhile that the view waits for it. */
  async awaitList<T>(key: string, list: Promise<T>): Promise<T> {
    this.awaited.add(key);
    try {
      return await list;
    } finally {
      this.awaited.delete(key);
    }
  }

  isAwaited(key: string): boolean {
    return this.awaited.has(key);
  }

  /** All rows are about to be fetched again. */
  clear(): void {
    this.shown.clear();
  }
}

/** What the view shows of a row. */
function signatureOf(item: vscode.TreeItem): string {
  const icon = item.iconPath instanceof vscode.ThemeIcon ? [item.iconPath.id, item.iconPath.color?.id] : undefined;
  const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : item.tooltip;
  return JSON.stringify([item.label, item.description, tooltip, icon, item.contextValue, item.collapsibleState]);
}
