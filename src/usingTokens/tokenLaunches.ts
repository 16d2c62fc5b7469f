import { randomUUID } from 'crypto';
import * as vscode from 'vscode';
import { asTokenSpec, type UsingTokensDeps } from './handedToken';
import { handOverToAsker } from './handoverConsents';

/** The property a resolved launch configuration carries to tell its debug session's end to the handover it started. */
const HANDOVER_PROPERTY = '__influxdbTokensHandover';

/**
 * Launch configurations with `"influxdbTokens": {"profile": …, "databaseToken": …}`
 * (or `"managementToken": true`): the token's variables are added to `env`
 * (over variables of the same names), in a trusted workspace only and once
 * the user allowed that configuration. Anything missing stops the launch.
 */
export class TokenLaunches implements vscode.Disposable {
  private readonly live = new Map<string, vscode.Disposable>();
  private readonly ended = vscode.debug.onDidTerminateDebugSession((session) => {
    const id = session.configuration[HANDOVER_PROPERTY];
    if (typeof id !== 'string') return;
    this.live.get(id)?.dispose();
    this.live.delete(id);
  });

  constructor(private readonly deps: UsingTokensDeps) {}

  async resolve(config: vscode.DebugConfiguration): Promise<vscode.DebugConfiguration | undefined> {
    const { prompts } = this.deps;
    // A debugger's child session (js-debug starts one per process) repeats a configuration resolved here: its env already holds the variables.
    if (typeof config[HANDOVER_PROPERTY] === 'string' && this.live.has(config[HANDOVER_PROPERTY])) return config;
    const name = config.name || vscode.l10n.t('(unnamed)');
    const where = vscode.l10n.t('Launch configuration "{0}"', name);
    const spec = asTokenSpec(config.influxdbTokens);
    if (!spec) {
      await prompts.error(vscode.l10n.t('Launch configuration "{0}": "influxdbTokens" must be {"profile": NAME, "databaseToken": ID} or {"profile": NAME, "managementToken": true}.', name));
      return undefined;
    }
    const given = await handOverToAsker(this.deps, { kind: 'launch', name, definition: config }, spec, vscode.l10n.t('Launch with a token'), where);
    if (!given) return undefined;
    const { handed, handover } = given;
    const id = randomUUID();
    this.live.set(id, handover);
    const userEnv = typeof config.env === 'object' && config.env !== null ? (config.env as Record<string, unknown>) : {};
    return { ...config, env: { ...userEnv, ...handed.env }, [HANDOVER_PROPERTY]: id };
  }

  dispose(): void {
    this.ended.dispose();
    for (const handover of this.live.values()) handover.dispose();
    this.live.clear();
  }
}
