import { promises as fs } from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
// How config.toml is written; ConfigFileModel is the one caller.
import { profileOriginKey, decodeConfig, encodeConfig, parseProfiles, setProfileString, type ConfigEncoding, type ProfileStringKey } from '../core';

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

/** The smallest replacement turning `before` into `after`: a core edit changes one stretch of text, so one edit. */
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

/** Throws, so that nothing is written, unless the one profile of that name in `text` names the cluster `origin`. */
function requireOrigin(text: string, profileName: string, origin: string): void {
  const named = parseProfiles(text).filter((p) => p.name === profileName);
  if (named.length === 1 && profileOriginKey(named[0]) !== origin) {
    throw new Error(vscode.l10n.t('profile "{0}" in config.toml no longer names the cluster this secret belongs to; nothing was written', profileName));
  }
}

/**
 * Sets string keys of one profile in config.toml, changing those lines only;
 * all or nothing (see editConfig).
 */
export function writeProfileStrings(file: string, profileName: string, entries: [ProfileStringKey, string][], origin?: string): Promise<WriteResult> {
  return editConfig(file, (text) => {
    // The text written to (an editor's buffer, the file read again) may name another cluster than the one checked before.
    if (origin !== undefined) requireOrigin(text, profileName, origin);
    return entries.reduce((t, [key, value]) => setProfileString(t, profileName, key, value), text);
  });
}

/**
 * Edits config.toml by `change` (a core edit: the text in, the new text
 * out). An open editor gets a WorkspaceEdit of the changed part only (undo
 * works; it is saved only if it had no unsaved changes of the user's).
 * Otherwise the file is written atomically (see writeAtomically). Throws,
 * leaving the file as it was, when the edit cannot be made.
 */
export async function editConfig(file: string, change: (text: string) => string): Promise<WriteResult> {
  const doc = openDocument(file);
  if (doc) {
    const before = doc.getText();
    const after = change(before);
    const { start, end, text } = minimalEdit(before, after);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(start), doc.positionAt(end)), text);
    const wasDirty = doc.isDirty;
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error(vscode.l10n.t('VS Code refused to edit {0}.', file));
    if (wasDirty) return 'editedUnsaved';
    if (!(await doc.save())) throw new Error(vscode.l10n.t('{0} was edited but could not be saved.', file));
    return 'saved';
  }
  await writeAtomically(file, change);
  return 'saved';
}

/** The temporary file a write of `file` goes through: beside it, named after it, this process and the time. */
function temporaryFileOf(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
}

/** A temporary file whose process is gone, or older than this, is left from a write that never finished. */
const STALE_AFTER_MS = 10 * 60 * 1000;

function processIsGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Deletes temporary files a crashed write of `file` left beside it (they may
 * hold a secret). A write in progress in another window is left alone.
 */
export async function removeStaleTemporaryFiles(file: string): Promise<string[]> {
  const dir = path.dirname(file);
  const pattern = new RegExp(`^\\.${path.basename(file).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(\\d+)\\.(\\d+)\\.tmp$`);
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = pattern.exec(name);
    if (!m) continue;
    const writing = !processIsGone(Number(m[1])) && Date.now() - Number(m[2]) < STALE_AFTER_MS;
    if (writing) continue;
    await fs.rm(path.join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
}

/**
 * The permission bits of `file` when users other than its owner may read it
 * (group or others), else undefined; always undefined on Windows, which has no such bits.
 */
export async function readableByOthers(file: string): Promise<number | undefined> {
  if (process.platform === 'win32') return undefined;
  const mode = (await fs.stat(file)).mode & 0o777;
  return mode & 0o044 ? mode : undefined;
}

/** Leaves `file` readable and writable by its owner only, as it holds secrets. */
export async function restrictToOwner(file: string): Promise<void> {
  const mode = (await fs.stat(file)).mode & 0o777;
  await fs.chmod(file, mode & 0o700);
}

/**
 * Rewrites a file on disk: a temporary file in the same folder, permissions
 * kept, then a rename; if the file changed on disk meanwhile, it is read again
 * rather than overwritten. A read-only file is refused. The text is written
 * in the file's own encoding (byte order mark included), or in `encoding`.
 * A symbolic link is written through: its target changes, the link stays.
 */
export async function writeAtomically(link: string, transform: (text: string) => string, encoding?: ConfigEncoding): Promise<void> {
  const file = await fs.realpath(link);
  for (let attempt = 0; attempt < 3; attempt++) {
    const stat = await fs.stat(file);
    if (!stat.isFile()) throw new Error(vscode.l10n.t('{0} is not a file.', file));
    // Read-only is the user's decision (root could write anyway): respect it.
    if ((stat.mode & 0o222) === 0) throw new Error(vscode.l10n.t('{0} is read-only; nothing was written.', file));
    const stored = decodeConfig(await fs.readFile(file));
    const next = encodeConfig(transform(stored.text), encoding ?? stored.encoding);
    const tmp = temporaryFileOf(file);
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
  throw new Error(vscode.l10n.t('{0} keeps changing on disk; nothing was written. Try again.', file));
}
