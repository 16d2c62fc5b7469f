import { spawn, type ChildProcess } from 'child_process';
import * as os from 'os';
import * as vscode from 'vscode';
import { asTokenSpec, type UsingTokensDeps } from './handedToken';
import { handOverToAsker } from './handoverConsents';

/** The task type of package.json's `contributes.taskDefinitions`. */
export const TOKEN_TASK_TYPE = 'influxdbTokens';

/** A task definition of type influxdbTokens, as tasks.json writes it. */
interface TokenTaskDefinition extends vscode.TaskDefinition {
  command: string;
  profile: string;
  databaseToken?: string;
  managementToken?: boolean;
  cwd?: string;
}

function isTokenTaskDefinition(d: vscode.TaskDefinition): d is TokenTaskDefinition {
  return d.type === TOKEN_TASK_TYPE && typeof d.command === 'string' && d.command.trim() !== '';
}

/** Lines as a terminal wants them: CRLF. */
function forTerminal(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/**
 * Tasks of type influxdbTokens: the user's command, run through a shell (it is
 * their command line, as tasks.json writes it) with the token's variables in
 * its environment only, never on its command line. Same rules as launches: a
 * trusted workspace, and the user's consent for that task as written.
 */
export class TokenTasks {
  constructor(private readonly deps: UsingTokensDeps) {}

  /** The task tasks.json describes, run by a CustomExecution; undefined for a definition that is not one. */
  resolve(task: vscode.Task): vscode.Task | undefined {
    const definition = task.definition;
    if (!isTokenTaskDefinition(definition)) return undefined;
    const folder = typeof task.scope === 'object' ? task.scope : undefined;
    const execution = new vscode.CustomExecution(async (resolved) => new TokenTaskTerminal(this.deps, task.name, { ...definition, ...resolved } as TokenTaskDefinition, folder));
    return new vscode.Task(definition, task.scope ?? vscode.TaskScope.Workspace, task.name, TOKEN_TASK_TYPE, execution, []);
  }
}

/** The terminal of one run: gets the token (or says why not), spawns the command, streams its output, closes with its exit code. */
class TokenTaskTerminal implements vscode.Pseudoterminal {
  private readonly written = new vscode.EventEmitter<string>();
  private readonly closed = new vscode.EventEmitter<number>();
  readonly onDidWrite = this.written.event;
  readonly onDidClose = this.closed.event;
  private child: ChildProcess | undefined;
  private handover: vscode.Disposable | undefined;
  private stopped = false;
  private finished = false;

  constructor(
    private readonly deps: UsingTokensDeps,
    private readonly name: string,
    private readonly definition: TokenTaskDefinition,
    private readonly folder: vscode.WorkspaceFolder | undefined,
  ) {}

  open(): void {
    void this.start().catch((err: Error) => this.finish(1, err.message));
  }

  private async start(): Promise<void> {
    const { deps, name, definition } = this;
    const where = vscode.l10n.t('Task "{0}"', name);
    const spec = asTokenSpec(definition);
    if (!spec) return this.finish(1, vscode.l10n.t('Task "{0}" must name a profile and either "databaseToken": ID or "managementToken": true.', name));
    const given = await handOverToAsker(deps, { kind: 'task', name, definition: { ...definition } }, spec, vscode.l10n.t('Run a task with a token'), where);
    if (!given) return this.finish(1, vscode.l10n.t('No token was given to task "{0}": it did not run.', name));
    if (this.stopped) return given.handover.dispose();
    const { handed } = given;
    this.handover = given.handover;
    const cwd = definition.cwd || this.folder?.uri.fsPath || vscode.workspace.workspaceFolders?.[0]?.uri.fsPath || os.homedir();
    const child = spawn(definition.command, { shell: true, cwd, env: { ...process.env, ...handed.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
    this.child = child;
    child.stdout?.on('data', (chunk: Buffer) => this.written.fire(forTerminal(chunk.toString())));
    child.stderr?.on('data', (chunk: Buffer) => this.written.fire(forTerminal(chunk.toString())));
    child.on('error', (err) => this.finish(1, err.message));
    child.on('close', (code) => this.finish(code ?? 1));
  }

  /** Ctrl+C stops the command, as in any terminal. */
  handleInput(data: string): void {
    if (data === '\x03') this.kill();
  }

  close(): void {
    this.stopped = true;
    this.kill();
  }

  /** The whole process group on POSIX: the shell and what it started. */
  private kill(): void {
    const child = this.child;
    if (!child?.pid || child.exitCode !== null) return;
    try {
      if (process.platform === 'win32') child.kill();
      else process.kill(-child.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  }

  private finish(code: number, message?: string): void {
    if (this.finished) return;
    this.finished = true;
    if (message) this.written.fire(forTerminal(`${message}\n`));
    this.handover?.dispose();
    this.handover = undefined;
    this.closed.fire(code);
  }
}
