import { spawn } from 'child_process';
import { parseCreatedToken } from './createdManagementToken';
import { formatRfc3339 } from './expiry';
import { redactSecrets } from './redact';
import { timeoutSeconds as usableTimeout, timerMs } from './timeouts';
import { isTokenId, parseManagementTokenList } from './managementTokens';
import type { ManagementToken } from './types';

export type InfluxctlFailure =
  | { kind: 'notFound'; executable: string }
  | { kind: 'notExecutable'; executable: string }
  | { kind: 'loginRequired'; url: string; code?: string }
  | { kind: 'exit'; exitCode: number | null; signal: string | null; stderr: string }
  | { kind: 'timeout'; seconds: number }
  | { kind: 'cancelled' }
  | { kind: 'outputTooLarge'; limitBytes: number }
  /**
   * Not run: nulInArgument (`value`, redacted and cut short, cannot be passed
   * on a command line), multiLineDescription, notTokenIds (`ids`: the values
   * that are not token IDs; none when no ID was given).
   */
  | { kind: 'refused'; reason: 'nulInArgument'; value: string }
  | { kind: 'refused'; reason: 'multiLineDescription' }
  | { kind: 'refused'; reason: 'notTokenIds'; ids: string[] };

/** An influxctl call that did not succeed; the VS Code layer words `failure`, the message is for the log. */
export class InfluxctlError extends Error {
  override name = 'InfluxctlError';
  constructor(readonly failure: InfluxctlFailure) {
    super(logMessage(failure));
  }
}

/** An InfluxctlError, by name rather than instanceof: commands loaded on first use have their own copy of the class. */
export function isInfluxctlError(err: unknown): err is InfluxctlError {
  return err instanceof Error && err.name === 'InfluxctlError' && typeof (err as { failure?: { kind?: unknown } }).failure?.kind === 'string';
}

/** The last lines of influxctl's stderr, on one line and cut short: what a message about a failed run quotes. */
export function stderrSummary(stderr: string): string {
  return stderr.trim().split(/\r?\n/).slice(-3).join(' ').slice(0, 300);
}

/**
 * Whether influxctl failed because the cluster refused the token: gRPC's
 * PermissionDenied (or its words) or Unauthenticated. undefined for any other failure.
 */
export function accessRefusal(f: InfluxctlFailure): 'permissionDenied' | 'unauthenticated' | undefined {
  if (f.kind !== 'exit') return undefined;
  if (/code = PermissionDenied|permission denied/i.test(f.stderr)) return 'permissionDenied';
  if (/code = Unauthenticated|\bunauthenticated\b/i.test(f.stderr)) return 'unauthenticated';
  return undefined;
}

function logMessage(f: InfluxctlFailure): string {
  switch (f.kind) {
    case 'notFound':
      return `influxctl not found: ${f.executable}`;
    case 'notExecutable':
      return `${f.executable}: permission denied`;
    case 'loginRequired':
      return `influxctl waits for a login at ${f.url}${f.code ? ` (code ${f.code})` : ''}`;
    case 'exit': {
      const detail = stderrSummary(f.stderr);
      return `influxctl ${f.exitCode !== null ? `exited with code ${f.exitCode}` : `was stopped by ${f.signal}`}${detail ? `: ${detail}` : ''}`;
    }
    case 'timeout':
      return `influxctl stopped after ${f.seconds} s`;
    case 'cancelled':
      return 'cancelled';
    case 'outputTooLarge':
      return `influxctl stopped after printing ${f.limitBytes} bytes`;
    case 'refused':
      return `influxctl not run: ${f.reason}${f.reason === 'nulInArgument' ? ` in ${JSON.stringify(f.value)}` : f.reason === 'notTokenIds' ? ` ${JSON.stringify(f.ids)}` : ''}`;
  }
}

export interface InfluxctlOptions {
  executable: string;
  configPath: string;
  timeoutSeconds: number;
  env?: NodeJS.ProcessEnv;
  /** Receives one line per call; everything in it is already redacted. */
  log?: (line: string) => void;
  /** Secrets known to the caller, redacted from logs and errors besides the patterns. */
  knownSecrets?: () => Iterable<string>;
}

export interface RunResult {
  stdout: string;
  stderr: string;
}

// 100,000 listed tokens are about 25 MB of JSON; a runaway process is stopped beyond this.
const OUTPUT_LIMIT = 48 * 1024 * 1024;
/** The end of stderr that is shown and logged; only it is decoded and redacted (stderr may be 48 MB). */
export const STDERR_SHOWN_BYTES = 4096;

/** More than is shown is redacted first, so that a secret cut by the window is redacted whole, then dropped with the margin. */
const STDERR_MARGIN_BYTES = 512;

/**
 * The end of stderr, redacted: at most STDERR_SHOWN_BYTES (characters) from a
 * line start when one is near, saying how much came before.
 */
function stderrExcerpt(chunks: readonly Buffer[], redact: (text: string) => string): string {
  let total = 0;
  for (const c of chunks) total += c.length;
  const window = STDERR_SHOWN_BYTES + STDERR_MARGIN_BYTES;
  if (total <= STDERR_SHOWN_BYTES) return redact(Buffer.concat(chunks).toString('utf8'));
  const tail: Buffer[] = [];
  let kept = 0;
  for (let i = chunks.length - 1; i >= 0 && kept < window; i--) {
    const c = chunks[i];
    const part = c.subarray(Math.max(0, c.length - (window - kept)));
    tail.unshift(part);
    kept += part.length;
  }
  let text = redact(Buffer.concat(tail).toString('utf8'));
  text = text.slice(Math.max(0, text.length - STDERR_SHOWN_BYTES));
  const lineStart = text.indexOf('\n');
  if (lineStart >= 0 && lineStart < text.length - 1) text = text.slice(lineStart + 1);
  return `[about ${total - Buffer.byteLength(text)} earlier bytes of stderr not shown]\n${text}`;
}
const KILL_GRACE_MS = 3000;
const LOGIN_URL = /(https?:\/\/[^\s"'<>]+)/;
const LOGIN_HINT = /\b(log ?in|visit|browser|device|authenticat|confirm)/i;
const LOGIN_CODE = /\b(?:code|user_code)\b[^A-Z0-9]{0,20}([A-Z0-9]{4}-[A-Z0-9]{4}|[A-Z0-9]{6,9})\b/i;

/** influxctl waits for a browser login: it printed a URL and a code. */
export function detectLoginPrompt(output: string): { url: string; code?: string } | undefined {
  const url = LOGIN_URL.exec(output);
  if (!url || !LOGIN_HINT.test(output)) return undefined;
  const code = LOGIN_CODE.exec(output)?.[1] ?? /user_code=([A-Za-z0-9-]+)/.exec(url[1])?.[1];
  return { url: url[1].replace(/[.,;)]+$/, ''), code };
}

/**
 * Runs influxctl without a shell, with stdin closed, a timeout that kills the
 * process, cancellation through an AbortSignal, and failures classified.
 */
export class InfluxctlClient {
  constructor(private readonly options: InfluxctlOptions) {}

  private redact(text: string): string {
    return redactSecrets(text, this.options.knownSecrets?.() ?? []);
  }

  run(profile: string, args: string[], signal?: AbortSignal): Promise<RunResult> {
    const { executable, configPath } = this.options;
    // Clamped to what a timer holds (a longer setTimeout fires at once); influxctl gets the same limit, as a Go duration.
    const timeoutSeconds = usableTimeout(this.options.timeoutSeconds);
    const goDuration = Number.isInteger(timeoutSeconds) ? `${timeoutSeconds}s` : `${timerMs(timeoutSeconds)}ms`;
    const argv = ['--config', configPath, '--profile', profile, '--timeout', goDuration, ...args];
    // spawn() throws a bare TypeError for a NUL in any argument: refuse before spawning, naming the value.
    const withNul = [executable, ...argv].find((a) => a.includes('\0'));
    if (withNul !== undefined) {
      const value = this.redact(withNul.length > 80 ? `${withNul.slice(0, 80)}…` : withNul);
      return Promise.reject(new InfluxctlError({ kind: 'refused', reason: 'nulInArgument', value }));
    }
    const started = Date.now();
    const log = (msg: string) => this.options.log?.(this.redact(msg));
    log(`run: ${executable} ${argv.map((a) => (/[\s"'$`\\]/.test(a) ? JSON.stringify(a) : a)).join(' ')}`);

    return new Promise<RunResult>((resolve, reject) => {
      if (signal?.aborted) {
        reject(new InfluxctlError({ kind: 'cancelled' }));
        return;
      }
      const child = spawn(executable, argv, {
        shell: false,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: this.options.env ?? process.env,
        windowsHide: true,
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let size = 0;
      let failure: InfluxctlFailure | undefined;
      let killTimer: NodeJS.Timeout | undefined;

      const stop = (why: InfluxctlFailure) => {
        if (failure) return;
        failure = why;
        child.kill('SIGTERM');
        killTimer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
      };
      const timer = setTimeout(() => stop({ kind: 'timeout', seconds: timeoutSeconds }), timerMs(timeoutSeconds));
      const onAbort = () => stop({ kind: 'cancelled' });
      signal?.addEventListener('abort', onAbort, { once: true });

      const collect = (chunks: Buffer[]) => (chunk: Buffer) => {
        size += chunk.length;
        if (size > OUTPUT_LIMIT) {
          stop({ kind: 'outputTooLarge', limitBytes: OUTPUT_LIMIT });
          return;
        }
        chunks.push(chunk);
        // A login prompt waits forever for a person; stop it and say so. It is
        // short, so only the first 64 KB are examined.
        if (!failure && size <= 65536) {
          // JSON on stdout is a result, whatever URLs its descriptions hold.
          const stdout = Buffer.concat(out).toString('utf8');
          const login = detectLoginPrompt(Buffer.concat(err).toString('utf8') + (/^\s*[[{n]/.test(stdout) ? '' : stdout));
          if (login) stop({ kind: 'loginRequired', ...login });
        }
      };
      child.stdout.on('data', collect(out));
      child.stderr.on('data', collect(err));

      const finish = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      let settled = false;
      child.on('error', (e: NodeJS.ErrnoException) => {
        finish();
        // A spawn failure is followed by 'close'; report it once.
        settled = true;
        const kind = e.code === 'ENOENT' ? 'notFound' : e.code === 'EACCES' ? 'notExecutable' : undefined;
        const error = kind
          ? new InfluxctlError({ kind, executable })
          : new InfluxctlError({ kind: 'exit', exitCode: null, signal: null, stderr: this.redact(e.message) });
        log(`failed: ${error.message}`);
        reject(error);
      });
      child.on('close', (exitCode, exitSignal) => {
        finish();
        if (settled) return;
        if (killTimer) clearTimeout(killTimer);
        const stdout = Buffer.concat(out).toString('utf8');
        const stderr = stderrExcerpt(err, (text) => this.redact(text));
        const ms = Date.now() - started;
        if (!failure && exitCode !== 0) {
          failure = { kind: 'exit', exitCode, signal: exitSignal, stderr };
        }
        if (failure) {
          const error = new InfluxctlError(failure);
          log(`failed after ${ms} ms: ${error.message}`);
          if (failure.kind === 'exit' && stderr.trim()) log(`stderr: ${stderr.trim()}`);
          reject(error);
          return;
        }
        log(`done in ${ms} ms (exit 0, ${stdout.length} bytes)`);
        if (stderr.trim()) log(`stderr: ${stderr.trim()}`);
        resolve({ stdout, stderr });
      });
    });
  }

  async listManagementTokens(profile: string, signal?: AbortSignal): Promise<ManagementToken[]> {
    const { stdout } = await this.run(profile, ['management', 'list', '--format', 'json'], signal);
    return parseManagementTokenList(stdout);
  }

  async createManagementToken(
    profile: string,
    request: { description: string; expiresAt?: Date },
    signal?: AbortSignal,
  ): Promise<{ secret: string; id?: string }> {
    // influxctl 2.11+ echoes the description in a table; a line break would
    // split it and the secret could not be told from the table.
    if (/[\r\n]/.test(request.description)) throw new InfluxctlError({ kind: 'refused', reason: 'multiLineDescription' });
    const args = ['management', 'create', '--description', request.description];
    if (request.expiresAt) args.push('--expires-at', formatRfc3339(request.expiresAt));
    const { stdout } = await this.run(profile, args, signal);
    return parseCreatedToken(stdout);
  }

  async revokeManagementTokens(profile: string, ids: string[], signal?: AbortSignal): Promise<void> {
    const bad = ids.filter((id) => !isTokenId(id));
    if (bad.length > 0 || ids.length === 0) throw new InfluxctlError({ kind: 'refused', reason: 'notTokenIds', ids: bad });
    await this.run(profile, ['management', 'revoke', '--force', ...ids], signal);
  }
}
