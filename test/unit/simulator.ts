// The simulated influxctl (test/simulator/influxctl.js) as the unit tests use
// it: a config.toml and the simulator's state in a temporary folder, a client
// pointed at both, and what the simulator recorded.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { InfluxctlClient, InfluxctlError, type InfluxctlFailure, type InfluxctlOptions } from '../../src/core/influxctl';
import { describeInfluxctlFailure } from '../../src/ui/coreText';

/** The repository root: the first folder above this file whose package.json is this extension's. */
export function repoRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string }).name === 'influxdb-mgmt-tokens') {
      return dir;
    }
    if (path.dirname(dir) === dir) throw new Error(`package.json of influxdb-mgmt-tokens not found above ${__dirname}`);
  }
}

export const SIMULATOR = path.join(repoRoot(), 'test', 'simulator', 'influxctl.js');

export interface SimToken {
  id: string;
  description: string;
  token_prefix: string;
  created_at: { seconds: number; nanos?: number };
  expires_at?: { seconds: number };
  revoked_at?: { seconds: number; nanos?: number };
}

export interface SimProfile {
  tokens: SimToken[];
  issued?: Record<string, string>;
  fault?: Record<string, unknown>;
}

export interface SimState {
  version?: string;
  warnings?: 'stdout' | 'stderr';
  profiles: Record<string, SimProfile>;
}

export interface Fixture {
  dir: string;
  configPath: string;
  statePath: string;
  /** Lines the client logged. */
  logs: string[];
  client(options?: Partial<InfluxctlOptions>): InfluxctlClient;
  state(): SimState;
  calls(): string[][];
  pids(): number[];
}

const folders: string[] = [];

/** config.toml and the simulator's state in a fresh temporary folder (removed by removeFixtures). */
export function fixture(state: SimState, config: string): Fixture {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'influxdb-tokens-unit-'));
  folders.push(dir);
  const configPath = path.join(dir, 'config.toml');
  const statePath = path.join(dir, 'influxctl-sim.json');
  fs.writeFileSync(configPath, config);
  fs.writeFileSync(statePath, JSON.stringify(state, null, 2));
  // Nothing in the test's environment may redirect the simulator.
  const env = { ...process.env };
  delete env.INFLUXCTL_SIM_STATE;
  delete env.INFLUXCTL_PROFILE;
  const logs: string[] = [];
  const callsFile = `${statePath}.calls.jsonl`;
  const calls = () =>
    fs.existsSync(callsFile)
      ? fs
          .readFileSync(callsFile, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as { argv: string[]; pid: number })
      : [];
  return {
    dir,
    configPath,
    statePath,
    logs,
    client: (options = {}) => new InfluxctlClient({ executable: SIMULATOR, configPath, timeoutSeconds: 60, env, log: (l) => logs.push(l), ...options }),
    state: () => JSON.parse(fs.readFileSync(statePath, 'utf8')) as SimState,
    calls: () => calls().map((c) => c.argv),
    pids: () => calls().map((c) => c.pid),
  };
}

export function removeFixtures(): void {
  for (const dir of folders.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** The failure an influxctl call ended with; fails the test if it succeeded. */
/** The failure of an influxctl call, with `message` as the person reads it. */
export async function failure(promise: Promise<unknown>): Promise<InfluxctlFailure & { message: string }> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof InfluxctlError, `expected InfluxctlError, got ${String(err)}`);
    return { ...err.failure, message: describeInfluxctlFailure(err.failure) };
  }
  assert.fail('expected the call to fail');
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function waitFor(condition: () => boolean, ms = 3000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
