import * as vscode from 'vscode';
import { once } from '../base/once';
import type { UsingTokensDeps } from './handedToken';

type Bundle = typeof import('./index');

/** The task type of package.json's `contributes.taskDefinitions` (tokenTasks.ts, in the bundle, says the same). */
const TASK_TYPE = 'influxdbTokens';

/**
 * Tokens handed to terminals, launch configurations and tasks: the providers
 * are registered at activation (a launch may come first), and the code that
 * does the work is a bundle of its own (dist/usingTokens.js), loaded when a
 * terminal, a launch configuration with `influxdbTokens` or such a task first
 * asks for a token.
 */
export class UsingTokens implements vscode.Disposable {
  /** Whether the workspace is trusted; the in-host tests replace it. */
  isTrusted: () => boolean = () => vscode.workspace.isTrusted;

  constructor(private readonly deps: Omit<UsingTokensDeps, 'isTrusted'>) {}

  private readonly parts = once(() => {
    const bundle: Bundle = require('./usingTokens.js');
    const deps: UsingTokensDeps = { ...this.deps, isTrusted: () => this.isTrusted() };
    return { terminal: new bundle.OpenTerminalWithToken(deps), launches: new bundle.TokenLaunches(deps), tasks: new bundle.TokenTasks(deps) };
  });
  private loaded = false;

  private bundle() {
    this.loaded = true;
    return this.parts();
  }

  openTerminal(arg?: unknown): Promise<vscode.Terminal | undefined> {
    return this.bundle().terminal.run(arg);
  }

  /** What the debug configuration provider does: configurations without `influxdbTokens` pass untouched, without loading anything. */
  resolveLaunch(config: vscode.DebugConfiguration): vscode.ProviderResult<vscode.DebugConfiguration> {
    return config.influxdbTokens === undefined ? config : this.bundle().launches.resolve(config);
  }

  resolveTask(task: vscode.Task): vscode.Task | undefined {
    return task.definition.type === TASK_TYPE ? this.bundle().tasks.resolve(task) : undefined;
  }

  /** The providers: any launch configuration (any debugger) and tasks of type influxdbTokens. */
  register(): vscode.Disposable[] {
    return [
      vscode.debug.registerDebugConfigurationProvider('*', { resolveDebugConfiguration: (_folder, config) => this.resolveLaunch(config) }),
      vscode.tasks.registerTaskProvider(TASK_TYPE, { provideTasks: () => [], resolveTask: (task) => this.resolveTask(task) }),
    ];
  }

  dispose(): void {
    if (this.loaded) this.parts().launches.dispose();
  }
}
