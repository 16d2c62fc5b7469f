import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { TestingApi } from '../../src/extension';
import type { Node } from '../../src/tree/nodes';
import { keepExclusive } from '../../src/core/exclusiveChoice';
import type { PickManyOptions, PickOptions, Prompts } from '../../src/ui/prompts';
import { BACK, type Back, type Step } from '../../src/ui/quickInputStep';
const fixtures = require('../../scripts/lib/fixtures.js');

export const EXTENSION_ID = 'influxdb-tokens.influxdb-mgmt-tokens';
/** The simulated influxctl of the repository the tests run from. */
export const SIMULATOR = path.join(vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath ?? '', 'test', 'simulator', 'influxctl.js');
export const { token, demoState, DEMO_CONFIG, DAY } = fixtures;
/** The demo config without its mgmt_token: no profile is configured with a token. */
export const PLAIN_CONFIG: string = fixtures.DEMO_CONFIG.replace(/^\s*mgmt_token = .*\n/m, '');

/** A profile row's Management Tokens group, whose children are the token rows. */
export async function managementGroup(profile: Node): Promise<Node> {
  const s = await services();
  const group = (await s.tree.getChildren(profile)).find((n) => n.kind === 'group' && n.group === 'management');
  assert.ok(group, 'the profile has a Management Tokens group');
  return group;
}

/** A SecretStorage like one on Linux without a keyring: storing throws. */
export function noKeyringSecretStorage(): vscode.SecretStorage {
  return {
    get: async () => undefined,
    store: async () => {
      throw new Error('no keyring');
    },
    delete: async () => undefined,
    onDidChange: new vscode.EventEmitter<vscode.SecretStorageChangeEvent>().event,
  };
}

/** The running extension's parts (exposed in test mode only). */
export async function services(): Promise<TestingApi> {
  const ext = vscode.extensions.getExtension<{ testing?: TestingApi }>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
  const api = await ext.activate();
  assert.ok(api.testing, 'the extension exposes its parts in test mode');
  return api.testing;
}

export interface Fixture {
  dir: string;
  configPath: string;
  statePath: string;
  state(): SimState;
  setState(state: SimState): void;
  calls(): string[][];
  /** The process ID of the last influxctl run for a profile. */
  pidOf(profile: string): number;
}

export interface SimState {
  version?: string;
  warnings?: 'stdout' | 'stderr';
  profiles: Record<string, { tokens: { id: string; description: string; revoked_at?: unknown }[]; issued?: Record<string, string>; fault?: Record<string, unknown> }>;
}

/** A config.toml and simulator state in a new temporary folder, made the extension's config. */
export async function useFixture(options: { config?: string; state?: SimState } = {}): Promise<Fixture> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'influxdb-tokens-test-'));
  const { configPath, statePath } = fixtures.writeDemo(dir, options);
  const c = vscode.workspace.getConfiguration('influxdbTokens');
  await c.update('influxctlPath', SIMULATOR, vscode.ConfigurationTarget.Global);
  await c.update('configPath', configPath, vscode.ConfigurationTarget.Global);
  await c.update('showRevoked', false, vscode.ConfigurationTarget.Global);
  const s = await services();
  s.filter.text = '';
  await s.config.reload();
  s.tokens.invalidate();
  const runs = (): { argv: string[]; pid: number }[] => {
    const file = `${statePath}.calls.jsonl`;
    if (!fs.existsSync(file)) return [];
    return fs.readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { argv: string[]; pid: number });
  };
  return {
    dir,
    configPath,
    statePath,
    state: () => JSON.parse(fs.readFileSync(statePath, 'utf8')) as SimState,
    setState: (state) => fs.writeFileSync(statePath, JSON.stringify(state, null, 2)),
    calls: () => runs().map((r) => r.argv),
    pidOf: (profile) => {
      const run = runs().filter((r) => r.argv[r.argv.indexOf('--profile') + 1] === profile).pop();
      assert.ok(run, `influxctl ran for profile ${profile}`);
      return run.pid;
    },
  };
}

type Answer =
  | { pick: string | ((items: vscode.QuickPickItem[]) => vscode.QuickPickItem | undefined) }
  /** The labels (or descriptions) ticked, in this order, from nothing ticked (an exclusive item unticks the others, as the real widget does); the answer lists them in the items' order. */
  | { pickMany: string[] }
  | { input: string | undefined; check?: (options: vscode.InputBoxOptions) => void | Promise<void> }
  | { warn: string | undefined }
  | { inform: string | undefined }
  /** `meanwhile`: what the person does before answering (fixing what the message says is wrong). */
  | { error: string | undefined; meanwhile?: () => void }
  | { cancel: 'pick' | 'input' | 'pickMany' }
  /** The Back button of a step of a multi-step input (there is none on step 1). */
  | { back: 'pick' | 'input' | 'pickMany' }
  /** Enter on what the question offers: the active item, the ticked items, or the value in the box. */
  | { accept: 'pick' | 'input' | 'pickMany' };

/** A question as it was asked: its kind, title, step of a multi-step input, and what it offered (active item, ticked items, value). */
export interface Asked {
  kind: 'pick' | 'pickMany' | 'input';
  title?: string;
  step?: Step;
  offered?: string | string[];
}

/**
 * Answers the extension's questions in order, as a person would, and records
 * every message shown. A question nobody scripted fails the test.
 */
export class ScriptedPrompts implements Prompts {
  readonly shown: { kind: string; message: string; detail?: string; actions: string[] }[] = [];
  readonly inputs: vscode.InputBoxOptions[] = [];
  readonly picks: { labels: string[]; active?: string; title?: string }[] = [];
  readonly asked: Asked[] = [];
  constructor(private readonly answers: Answer[]) {}

  private next(kind: string, step?: Step): Answer | Back | 'accept' {
    const a = this.answers.shift();
    if (!a) throw new Error(`unexpected ${kind} prompt (no answer scripted)`);
    for (const special of ['cancel', 'back', 'accept'] as const) {
      if (special in a && (a as Record<string, unknown>)[special] !== kind) throw new Error(`expected ${special} of a ${(a as Record<string, unknown>)[special]}, got a ${kind} prompt`);
    }
    if (!(kind in a) && !('cancel' in a) && !('back' in a) && !('accept' in a)) throw new Error(`expected ${Object.keys(a)[0]}, got a ${kind} prompt`);
    if ('back' in a) {
      assert.ok(step && step.step > 1, `a ${kind} prompt without a Back button (step ${JSON.stringify(step)})`);
      return BACK;
    }
    return 'accept' in a ? 'accept' : a;
  }

  get remaining(): number {
    return this.answers.length;
  }

  pick<T extends vscode.QuickPickItem>(items: T[], options: PickOptions<T> & { step: Step }): Promise<T | Back | undefined>;
  pick<T extends vscode.QuickPickItem>(items: T[], options: PickOptions<T>): Promise<T | undefined>;
  async pick<T extends vscode.QuickPickItem>(items: T[], options: PickOptions<T> & { step?: Step }): Promise<T | Back | undefined> {
    this.picks.push({ labels: items.map((i) => i.label), active: options.active?.label, title: options.title });
    this.asked.push({ kind: 'pick', title: options.title, step: options.step, offered: options.active?.label });
    const a = this.next('pick', options.step);
    if (a === BACK) return BACK;
    if (a === 'accept') return options.active ?? items[0];
    if ('cancel' in a) return undefined;
    const want = (a as { pick: string | ((items: vscode.QuickPickItem[]) => vscode.QuickPickItem | undefined) }).pick;
    const found = typeof want === 'function' ? (want(items) as T | undefined) : items.find((i) => i.label === want);
    assert.ok(found, `no quick pick item ${String(want)} among ${items.map((i) => i.label).join(', ')}`);
    return found;
  }

  pickMany<T extends vscode.QuickPickItem>(items: T[], options: PickManyOptions<T> & { step: Step }): Promise<T[] | Back | undefined>;
  pickMany<T extends vscode.QuickPickItem>(items: T[], options: PickManyOptions<T>): Promise<T[] | undefined>;
  async pickMany<T extends vscode.QuickPickItem>(items: T[], options: PickManyOptions<T> & { step?: Step }): Promise<T[] | Back | undefined> {
    const ticked = items.filter((i) => i.picked);
    this.asked.push({ kind: 'pickMany', title: options.title, step: options.step, offered: ticked.map((i) => i.label) });
    const a = this.next('pickMany', options.step);
    if (a === BACK) return BACK;
    if (a === 'accept') return ticked;
    if ('cancel' in a) return undefined;
    const want = (a as { pickMany: string[] }).pickMany;
    let found: T[] = [];
    for (const label of want) {
      const item = items.find((i) => i.label === label || i.description === label);
      assert.ok(item, `no quick pick item ${label} among ${items.map((i) => i.label).join(', ')}`);
      const after = [...found, item];
      found = options.exclusive ? keepExclusive(found, after, options.exclusive) : after;
    }
    return items.filter((i) => found.includes(i));
  }

  input(options: vscode.InputBoxOptions & { step: Step }): Promise<string | Back | undefined>;
  input(options: vscode.InputBoxOptions): Promise<string | undefined>;
  async input(options: vscode.InputBoxOptions & { step?: Step }): Promise<string | Back | undefined> {
    this.inputs.push(options);
    this.asked.push({ kind: 'input', title: options.title, step: options.step, offered: options.value });
    const a = this.next('input', options.step);
    if (a === BACK) return BACK;
    if (a !== 'accept' && 'cancel' in a) return undefined;
    const { input, check } = a === 'accept' ? { input: options.value ?? '', check: undefined } : (a as { input: string | undefined; check?: (o: vscode.InputBoxOptions) => void | Promise<void> });
    await check?.(options);
    if (input !== undefined && options.validateInput) {
      const verdict = await options.validateInput(input);
      const isError = typeof verdict === 'string' || (verdict && typeof verdict === 'object' && verdict.severity === vscode.InputBoxValidationSeverity.Error);
      assert.ok(!isError, `the input box refused ${JSON.stringify(input)}: ${JSON.stringify(verdict)}`);
    }
    return input;
  }

  async warn<A extends string>(message: string, detail: string, ...actions: A[]): Promise<A | undefined> {
    this.shown.push({ kind: 'warn', message, detail, actions });
    return (this.next('warn') as { warn: A | undefined }).warn;
  }

  async inform<A extends string>(message: string, ...actions: A[]): Promise<A | undefined> {
    this.shown.push({ kind: 'inform', message, actions });
    const a = this.answers[0];
    if (a && 'inform' in a) return (this.answers.shift() as { inform: A | undefined }).inform;
    return undefined;
  }

  async error<A extends string>(message: string, ...actions: A[]): Promise<A | undefined> {
    this.shown.push({ kind: 'error', message, actions });
    const a = this.answers[0];
    if (!a || !('error' in a)) return undefined;
    this.answers.shift();
    (a as { meanwhile?: () => void }).meanwhile?.();
    return (a as { error: A | undefined }).error;
  }
}

/** Answers the extension's questions with scripted answers for the duration of fn. */
export async function withPrompts<T>(prompts: ScriptedPrompts, fn: () => Promise<T>): Promise<T> {
  const s = await services();
  const previous = s.prompts.target;
  s.prompts.target = prompts;
  try {
    return await fn();
  } finally {
    s.prompts.target = previous;
  }
}

/** Whether a process is gone (no signal can reach it). */
export function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 10000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The profile of the configured config.toml named `name`, as the extension reads it now. */
export async function profileNamed(name: string): Promise<import('../../src/core').Profile> {
  const state = await (await services()).config.reload();
  assert.strictEqual(state.kind, 'ok', 'config.toml is read');
  const profile = state.kind === 'ok' ? state.profiles.find((p) => p.name === name) : undefined;
  assert.ok(profile, `profile ${name} is in config.toml`);
  return profile;
}
