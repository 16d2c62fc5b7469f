/**
 * What a workspace scan for tokens needs before it reads a file: the fixed
 * strings a file holding a token must contain (for a native search such as
 * ripgrep to find candidates), whether bytes are binary, and exclude globs
 * turned into ripgrep arguments. findTokens (./findTokens) confirms.
 */

export { MAY_HOLD_TOKEN } from './tokenHint';

/** How a token starts when written plain, JSON-escaped or URL-encoded: none of these characters is ever escaped. */
const PLAIN_STARTS = ['apiv', 'M.V'] as const;
/** The headers whose base64 spellings are searched for at the two alignments inside a longer value. */
const BASE64_HEADERS = ['apiv1_', 'M.V1.'] as const;

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * The base64 characters fully decided by `prefix` when it is encoded after 0,
 * 1 or 2 other bytes (its three alignments): each is what any base64 text
 * holding the prefix at that alignment contains.
 */
export function base64Spellings(prefix: string): string[] {
  const bytes = [...prefix].map((c) => c.charCodeAt(0) & 0xff);
  const spellings: string[] = [];
  for (let lead = 0; lead < 3; lead++) {
    const from = lead * 8;
    const to = from + bytes.length * 8;
    const bit = (i: number): number => {
      const byte = bytes[(i - from) >> 3];
      return (byte >> (7 - ((i - from) & 7))) & 1;
    };
    let spelling = '';
    // A character covers bits [6k, 6k + 6): it is decided when they all lie within the prefix.
    for (let k = Math.ceil(from / 6); 6 * k + 6 <= to; k++) {
      let value = 0;
      for (let i = 6 * k; i < 6 * k + 6; i++) value = (value << 1) | bit(i);
      spelling += BASE64_ALPHABET[value];
    }
    spellings.push(spelling);
  }
  return spellings;
}

/**
 * Fixed strings one of which every file holding a token contains, as
 * findTokens reads them: the plain starts and their base64 spellings at a
 * value's start (alignment 0), and the base64 spellings of the headers at the
 * other two alignments (a token inside a longer encoded value). A file
 * without any of them need not be read.
 */
export function tokenCandidateStrings(): string[] {
  return [...PLAIN_STARTS, ...PLAIN_STARTS.map((s) => base64Spellings(s)[0]), ...BASE64_HEADERS.flatMap((h) => base64Spellings(h).slice(1))];
}

/**
 * Regular expressions (ripgrep's syntax, and JavaScript's) one of which every
 * file holding a token matches: a plain start followed by as much of a body
 * as the shortest token has, in the characters a body is written with in any
 * form (escapes included), or a base64 spelling. Tighter than the fixed
 * strings: a listed prefix alone (`M.V1.+5Jk`) or a word such as
 * `get_apiv1_tokens` does not make a file a candidate.
 */
export function tokenCandidatePatterns(): string[] {
  // A database token is at least 64 characters, `apiv<n>_` included; a management token's body at least 16.
  const database = 'apiv[0-9]+_[A-Za-z0-9_-]{50}';
  const management = 'M\\.V[0-9]+\\.[A-Za-z0-9+/_=%\\\\-]{16}';
  const spellings = tokenCandidateStrings().slice(PLAIN_STARTS.length);
  return [database, management, ...spellings];
}

/** How far into a file a NUL byte is looked for, as git does. */
const BINARY_SNIFF_BYTES = 8000;

/** Whether bytes are binary rather than text: a NUL byte near the start (UTF-16 text counts as binary too). */
export function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, BINARY_SNIFF_BYTES);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true;
  return false;
}

/** Whether bytes contain one of the candidate strings (ASCII). */
export function containsCandidate(bytes: Uint8Array, candidates: readonly string[]): boolean {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return candidates.some((c) => buffer.indexOf(c, 0, 'latin1') >= 0);
}

/**
 * The globs of a `files.exclude` / `search.exclude` style setting that are on
 * (`true`), and of a plain list such as `findTokensExclude`. Sibling clauses
 * (`{ "when": … }`) need each file's siblings and are left out.
 */
export function enabledGlobs(setting: unknown): string[] {
  if (Array.isArray(setting)) return setting.filter((g): g is string => typeof g === 'string' && g.trim() !== '');
  if (typeof setting !== 'object' || setting === null) return [];
  return Object.entries(setting as Record<string, unknown>)
    .filter(([glob, on]) => on === true && glob.trim() !== '')
    .map(([glob]) => glob);
}

/**
 * A VS Code glob as ripgrep reads it, relative to the folder searched: a glob
 * not starting with `**` or `/` is anchored to the folder (as VS Code's own
 * search does), backslashes become slashes.
 */
export function ripgrepGlob(glob: string): string {
  const slashed = glob.replace(/\\/g, '/');
  return slashed.startsWith('**') || slashed.startsWith('/') ? slashed : `/${slashed}`;
}

/** A relative path as a ripgrep glob that matches just that path. */
export function literalGlob(relativePath: string): string {
  return `/${relativePath.replace(/\\/g, '/').replace(/[*?[\]{}!\\]/g, '\\$&')}`;
}

export interface RipgrepScanOptions {
  /** Patterns a candidate file matches (tokenCandidatePatterns). */
  patterns: readonly string[];
  /** VS Code globs to leave out (files.exclude, search.exclude, findTokensExclude). */
  exclude: readonly string[];
  /** Only these paths, relative to the folder (a rescan of changed files); all when undefined. */
  only?: readonly string[];
  /** search.useIgnoreFiles: .gitignore and .ignore are honoured. */
  useIgnoreFiles: boolean;
  /** search.useParentIgnoreFiles. */
  useParentIgnoreFiles: boolean;
  /** search.useGlobalIgnoreFiles. */
  useGlobalIgnoreFiles: boolean;
  /** search.followSymlinks. */
  followSymlinks: boolean;
}

/**
 * ripgrep's arguments for listing the files of a folder (its working
 * directory) that contain a candidate, NUL-separated: hidden files included,
 * ignore files honoured as VS Code's search does (also outside a git
 * repository), binary files searched too (so that they are counted as
 * skipped), no configuration file read.
 */
export function ripgrepArgs(options: RipgrepScanOptions): string[] {
  const args = ['--files-with-matches', '--null', '--case-sensitive', '--hidden', '--binary', '--no-config', '--no-messages', '--no-require-git'];
  if (!options.useIgnoreFiles) args.push('--no-ignore');
  else if (!options.useParentIgnoreFiles) args.push('--no-ignore-parent');
  if (!options.useGlobalIgnoreFiles) args.push('--no-ignore-global');
  if (options.followSymlinks) args.push('--follow');
  for (const pattern of options.patterns) args.push('-e', pattern);
  // Later globs win in ripgrep: the paths asked for first, the exclusions after them.
  for (const path of options.only ?? []) args.push('--glob', literalGlob(path));
  for (const glob of options.exclude) args.push('--glob', `!${ripgrepGlob(glob)}`);
  args.push('--', '.');
  return args;
}

/** The paths of ripgrep's NUL-separated output. */
export function splitNulSeparated(output: string): string[] {
  return output.split('\0').filter((p) => p !== '');
}

/**
 * Where VS Code keeps its bundled ripgrep, relative to its application root
 * (vscode.env.appRoot): the package @vscode/ripgrep (older releases, also
 * unpacked from an asar archive), or @vscode/ripgrep-universal with one
 * binary per platform (newer ones). Only these places are tried: nothing a
 * workspace can set chooses what runs.
 */
export function bundledRipgrepCandidates(appRoot: string, platform: string, arch: string): string[] {
  const separator = platform === 'win32' ? '\\' : '/';
  const exe = platform === 'win32' ? 'rg.exe' : 'rg';
  const join = (...parts: string[]): string => [appRoot.replace(/[\\/]+$/, ''), ...parts].join(separator);
  return ['node_modules', 'node_modules.asar.unpacked'].flatMap((modules) => [
    join(modules, '@vscode', 'ripgrep', 'bin', exe),
    join(modules, '@vscode', 'ripgrep-universal', 'bin', `${platform}-${arch}`, exe),
    join(modules, 'vscode-ripgrep', 'bin', exe),
  ]);
}

/**
 * A .gitignore's simple patterns as VS Code globs relative to its folder, for
 * a scanner without ripgrep: a pattern with a slash is anchored there, one
 * without matches at any depth; each also covers what is below it. Negations
 * (`!`) and patterns with braces or commas (which a glob would misread) are
 * left out.
 */
export function gitignoreGlobs(text: string): string[] {
  const globs: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith('!') || /[{},]/.test(line)) continue;
    const pattern = line.replace(/\/+$/, '');
    const anchored = pattern.includes('/');
    const relative = pattern.replace(/^\/+/, '');
    if (!relative) continue;
    const glob = anchored ? relative : `**/${relative}`;
    globs.push(glob, `${glob}/**`);
  }
  return globs;
}
