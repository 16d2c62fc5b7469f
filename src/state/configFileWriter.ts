import { promises as fs } from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
// How config.toml is written; ConfigFileModel is the one caller.
import { decodeConfig, encodeConfig, setProfileString, type ConfigEncoding, type ProfileStringKey } from '../core';

export type WriteResult = 'saved' | 'editedUnsaved';

/**
 * The document to edit in place: one open in an editor tab, or with unsaved
 * changes. A document VS Code merely still holds after its editor closed is
 * not: the file is written on disk instead (no save, no Local History copy).
 */
function openDocument(file: string): vscode.TextDocument | undefined {
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file);
  if (!doc) return undefined;
  const inTab = vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.fsPath === file));
  return inTab || doc.isDirty ? doc : undefined;
}

/** The smallest replacement turning `before` into `after`: one line changes, so one edit. */
function minimalEdit(before: string, after: string): { start: number; end: number; text: string } {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  return { start, end: endBefore, text: after.slice(start, endAfter) };
}

/**
 * Sets string keys of one profile in config.toml, changing those lines only;
 * all or nothing. An open editor gets a WorkspaceEdit (undo works; it is
 * saved only if it had no unsaved changes of the user's). Otherwise the file
 * is written atomically (see writeAtomically). Throws, leaving the file as it
 * was, when the edit cannot be made.
 */
export async function writeProfileStrings(file: string, profileName: string, entries: [ProfileStringKey, string][]): Promise<WriteResult> {
  const change = (text: string) => entries.reduce((t, [key, value]) => setProfileString(t, profileName, key, value), text);
  const doc = openDocument(file);
  if (doc) {
    const before = doc.getText();
    const after = change(before);
    const { start, end, text } = minimalEdit(before, after);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(start), doc.positionAt(end)), text);
    const wasDirty = doc.isDirty;
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`VS Code refused to edit ${file}.`);
    if (wasDirty) return 'editedUnsaved';
    if (!(await doc.save())) throw new Error(`${file} was edited but could not be saved.`);
    return 'saved';
  }
  await writeAtomically(file, change);
  return 'saved';
}

/**
 * Rewrites a file on disk: a temporary file in the same folder, permissions
 * kept, then a rename; if the file changed on disk meanwhile, it is read again
 * rather than overwritten. A read-only file is refused. The text is written
 * in the file's own encoding (byte order mark included), or in `encoding`.
 */
export async function writeAtomically(file: string, transform: (text: string) => string, encoding?: ConfigEncoding): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const stat = await fs.stat(file);
    if (!stat.isFile()) throw new Error(`${file} is not a file.`);
    // Read-only is the user's decision (root could write anyway): respect it.
    if ((stat.mode & 0o222) === 0) throw new Error(`${file} is read-only; nothing was written.`);
    const stored = decodeConfig(await fs.readFile(file));
    const next = encodeConfig(transform(stored.text), encoding ?? stored.encoding);
    const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
    try {
      await fs.writeFile(tmp, next, { mode: stat.mode & 0o777, flag: 'wx' });
      await fs.chmod(tmp, stat.mode & 0o777);
      const now = await fs.stat(file);
      if (now.mtimeMs !== stat.mtimeMs || now.size !== stat.size) continue;
      await fs.rename(tmp, file);
      return;
    } finally {
      await fs.rm(tmp, { force: true });
    }
  }
  throw new Error(`${file} keeps changing on disk; nothing was written. Try again.`);
}
