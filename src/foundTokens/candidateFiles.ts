import * as cp from 'child_process';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { bundledRipgrepCandidates, gitignoreGlobs, ripgrepArgs, splitNulSeparated, tokenCandidatePatterns, type RipgrepScanOptions } from '../core';
import type { Log } from '../base/log';

/** What decides which files of a folder a scan reads. */
export interface FolderQuery {
  /** VS Code globs to leave out: files.exclude, search.exclude and findTokensExclude. */
  exclude: string[];
  /** Only these paths relative to the folder (changed files); every file when undefined. */
  only?: string[];
}

/**
 * Lists the files of a workspace folder that may hold a token. The ripgrep
 * one lists only files that contain a candidate string; the Node one lists
 * every file, and the reader checks.
 */
export interface CandidateFinder {
  readonly name: 'ripgrep' | 'node';
  /** The files, or undefined when cancelled. */
  find(folder: vscode.WorkspaceFolder, query: FolderQuery, cancel: vscode.CancellationToken): Promise<vscode.Uri[] | undefined>;
}

/** VS Code's own ripgrep, found under its application root only (never from a setting or the PATH), or undefined. */
export function bundledRipgrep(appRoot: string): string | undefined {
  return bundledRipgrepCandidates(appRoot, process.platform, process.arch).find((p) => fs.existsSync(p));
}

/** The search.* settings VS Code's search honours, for ripgrep. */
function searchSettings(folder: vscode.WorkspaceFolder): Omit<RipgrepScanOptions, 'patterns' | 'exclude' | 'only'> {
  const search = vscode.workspace.getConfiguration('search', folder);
  return {
    useIgnoreFiles: search.get<boolean>('useIgnoreFiles', true),
    useParentIgnoreFiles: search.get<boolean>('useParentIgnoreFiles', false),
    useGlobalIgnoreFiles: search.get<boolean>('useGlobalIgnoreFiles', false),
    followSymlinks: search.get<boolean>('followSymlinks', true),
  };
}

/** ripgrep, run without a shell in the folder, listing files that match a candidate pattern. */
export class RipgrepFinder implements CandidateFinder {
  readonly name = 'ripgrep';
  private readonly patterns = tokenCandidatePatterns();

  constructor(
    private readonly rgPath: string,
    private readonly log: Log,
  ) {}

  find(folder: vscode.WorkspaceFolder, query: FolderQuery, cancel: vscode.CancellationToken): Promise<vscode.Uri[] | undefined> {
    const args = ripgrepArgs({ ...searchSettings(folder), patterns: this.patterns, exclude: query.exclude, only: query.only });
    return new Promise((resolve) => {
      const child = cp.spawn(this.rgPath, args, { cwd: folder.uri.fsPath, shell: false, windowsHide: true, stdio: ['ignore', 'pipe', 'pipe'] });
      const chunks: Buffer[] = [];
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-2000)));
      const cancelled = cancel.onCancellationRequested(() => child.kill());
      child.on('error', (err) => {
        cancelled.dispose();
        this.log.warn(`ripgrep could not run (${err.message}); the scan reads files itself instead`);
        resolve(undefined);
      });
      child.on('close', (code) => {
        cancelled.dispose();
        if (cancel.isCancellationRequested) return resolve(undefined);
        // 1: nothing matched; 2: some paths could not be read (what could is listed).
        if (code === 2) this.log.warn(`ripgrep could not read everything in ${folder.name}: ${stderr.trim().split('\n')[0] ?? ''}`);
        else if (code !== 0 && code !== 1) this.log.warn(`ripgrep ended with ${code} in ${folder.name}`);
        const paths = splitNulSeparated(Buffer.concat(chunks).toString('utf8'));
        resolve(paths.map((p) => vscode.Uri.joinPath(folder.uri, p.replace(/^\.[\\/]/, ''))));
      });
    });
  }
}

/** VS Code's file search; .gitignore is honoured from the folder's top-level file only (ripgrep honours every one). */
export class NodeFinder implements CandidateFinder {
  readonly name = 'node';

  async find(folder: vscode.WorkspaceFolder, query: FolderQuery, cancel: vscode.CancellationToken): Promise<vscode.Uri[] | undefined> {
    const exclude = [...query.exclude];
    if (searchSettings(folder).useIgnoreFiles) exclude.push(...gitignoreGlobs(await readText(vscode.Uri.joinPath(folder.uri, '.gitignore'))));
    const include = query.only ? `{${query.only.map((p) => p.replace(/[*?[\]{},]/g, '[$&]')).join(',')}}` : '**/*';
    const excludePattern = exclude.length ? `{${exclude.join(',')}}` : null;
    const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, include), excludePattern, undefined, cancel);
    return cancel.isCancellationRequested ? undefined : uris;
  }
}

async function readText(uri: vscode.Uri): Promise<string> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return '';
  }
}
