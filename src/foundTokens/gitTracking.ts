import * as vscode from 'vscode';
import type { Log } from '../base/log';

// The few parts of the built-in Git extension's API (extensions/git/src/api/git.d.ts, version 1) used here.
const UNTRACKED = 7;
interface GitChange {
  readonly uri: vscode.Uri;
  readonly status: number;
}
interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly state: { readonly workingTreeChanges: readonly GitChange[]; readonly untrackedChanges?: readonly GitChange[] };
  status(): Promise<void>;
  checkIgnore(paths: string[]): Promise<Set<string>>;
}
interface GitApi {
  getRepository(uri: vscode.Uri): GitRepository | null;
}

/**
 * Which files git tracks, from the built-in Git extension (never a shell): a
 * file in a repository that is neither untracked nor ignored. Without the
 * extension, or outside a repository, none is.
 */
export class GitTracking {
  constructor(private readonly log: Log) {}

  private async api(): Promise<GitApi | undefined> {
    const extension = vscode.extensions.getExtension<{ enabled?: boolean; getAPI(version: 1): GitApi }>('vscode.git');
    if (!extension) return undefined;
    try {
      const exports = extension.isActive ? extension.exports : await extension.activate();
      return exports.enabled === false ? undefined : exports.getAPI(1);
    } catch (err) {
      this.log.warn(`The Git extension could not be asked which files it tracks: ${(err as Error).message}`);
      return undefined;
    }
  }

  /** Of these files, those git tracks (as URI strings). */
  async tracked(uris: readonly vscode.Uri[]): Promise<Set<string>> {
    const tracked = new Set<string>();
    if (uris.length === 0) return tracked;
    const api = await this.api();
    if (!api) return tracked;
    const byRepository = new Map<GitRepository, vscode.Uri[]>();
    for (const uri of uris) {
      const repository = api.getRepository(uri);
      if (repository) byRepository.set(repository, [...(byRepository.get(repository) ?? []), uri]);
    }
    for (const [repository, files] of byRepository) {
      try {
        // The state follows file changes with a delay: brought up to date first.
        await repository.status();
        const untracked = new Set([...repository.state.workingTreeChanges, ...(repository.state.untrackedChanges ?? [])].filter((c) => c.status === UNTRACKED).map((c) => c.uri.fsPath));
        const ignored = await repository.checkIgnore(files.map((f) => f.fsPath));
        for (const file of files) if (!untracked.has(file.fsPath) && !ignored.has(file.fsPath)) tracked.add(file.toString());
      } catch (err) {
        this.log.warn(`Git could not say which files it tracks in ${repository.rootUri.fsPath}: ${(err as Error).message}`);
      }
    }
    return tracked;
  }
}
