import * as vscode from 'vscode';

/** Where a token was found: a file, and the range of the token as written there. */
export interface FoundLocation {
  uri: vscode.Uri;
  range: vscode.Range;
}

/** A token found in a file, by the fingerprint (SHA-256) of its secret: the secret itself is never kept. */
export interface FoundFingerprint {
  fingerprint: string;
  range: vscode.Range;
}

/**
 * Which tokens the workspace scan found where, by fingerprint, and which
 * tokens (by ID) of which profiles those fingerprints belong to, from the
 * secrets the extension holds (KnownSecrets fingerprints them).
 */
export class FoundTokenIndex implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  /** fingerprint → file (URI string) → ranges. */
  private readonly found = new Map<string, Map<string, FoundLocation[]>>();
  /** file (URI string) → fingerprints found in it. */
  private readonly files = new Map<string, Set<string>>();
  /** token ID → fingerprints of its secrets (stored, or in config.toml). */
  private rows = new Map<string, Set<string>>();
  /** profile name → IDs of its tokens with a secret known. */
  private profiles = new Map<string, Set<string>>();

  /** Replaces what was found in one file (nothing: the file holds no token). */
  setFile(uri: vscode.Uri, findings: readonly FoundFingerprint[]): void {
    this.removeFile(uri.toString());
    this.put(uri, findings);
    this.changed.fire();
  }

  /** Replaces everything found, after a whole scan: one change. */
  replaceAll(files: ReadonlyMap<vscode.Uri, readonly FoundFingerprint[]>): void {
    this.found.clear();
    this.files.clear();
    for (const [uri, findings] of files) this.put(uri, findings);
    this.changed.fire();
  }

  private put(uri: vscode.Uri, findings: readonly FoundFingerprint[]): void {
    if (findings.length === 0) return;
    const key = uri.toString();
    this.files.set(key, new Set(findings.map((f) => f.fingerprint)));
    for (const { fingerprint, range } of findings) {
      let byFile = this.found.get(fingerprint);
      if (!byFile) this.found.set(fingerprint, (byFile = new Map()));
      let ranges = byFile.get(key);
      if (!ranges) byFile.set(key, (ranges = []));
      ranges.push({ uri, range });
    }
  }

  deleteFile(uri: vscode.Uri): void {
    if (this.removeFile(uri.toString())) this.changed.fire();
  }

  private removeFile(key: string): boolean {
    const fingerprints = this.files.get(key);
    if (!fingerprints) return false;
    this.files.delete(key);
    for (const fingerprint of fingerprints) {
      const byFile = this.found.get(fingerprint);
      byFile?.delete(key);
      if (byFile?.size === 0) this.found.delete(fingerprint);
    }
    return true;
  }

  /** Which fingerprints each token's secrets have, and which tokens each profile has: from the secrets held. */
  setRows(rows: Map<string, Set<string>>, profiles: Map<string, Set<string>>): void {
    this.profiles = profiles;
    const same = rows.size === this.rows.size && [...rows].every(([key, own]) => {
      const before = this.rows.get(key);
      return before?.size === own.size && [...own].every((f) => before.has(f));
    });
    this.rows = rows;
    if (!same) this.changed.fire();
  }

  /** Whether any token was found anywhere: the tree asks nothing more when none was. */
  get isEmpty(): boolean {
    return this.found.size === 0;
  }

  /** Every place a token was found, by its ID. */
  locationsOf(tokenId: string): FoundLocation[] {
    return [...(this.rows.get(tokenId) ?? [])].flatMap((fingerprint) => [...(this.found.get(fingerprint)?.values() ?? [])].flat());
  }

  /** In how many files a token was found, by its ID. */
  filesOf(tokenId: string): number {
    if (this.found.size === 0) return 0;
    return new Set(this.locationsOf(tokenId).map((l) => l.uri.toString())).size;
  }

  /** A profile's leaks: for each token of it found, the files it was found in, summed. */
  filesOfProfile(profileName: string): number {
    if (this.found.size === 0) return 0;
    const fingerprints = new Set<string>();
    for (const id of this.profiles.get(profileName) ?? []) this.rows.get(id)?.forEach((f) => fingerprints.add(f));
    let files = 0;
    for (const fingerprint of fingerprints) files += this.found.get(fingerprint)?.size ?? 0;
    return files;
  }

  /** The IDs of every token with a secret known. */
  tokenIds(): IterableIterator<string> {
    return this.rows.keys();
  }

  /** The names of every profile with a token whose secret is known. */
  profileNames(): IterableIterator<string> {
    return this.profiles.keys();
  }

  /** Every file with a finding, and its fingerprints. */
  filesWithFindings(): ReadonlyMap<string, ReadonlySet<string>> {
    return this.files;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
