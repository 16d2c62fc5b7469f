import { randomUUID } from 'crypto';
import * as vscode from 'vscode';
import { asTokenSpec, choiceOfSpec, handOver, type UsingTokensDeps } from './handedToken';
import { HandoverConsents } from './handoverConsents';

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
    const title = vscode.l10n.t('Launch with a token');
    const choice = await choiceOfSpec(this.deps, spec, title, where);
    if (!choice) return undefined;
    const asker = { kind: 'launch', name, definition: config } as const;
    const consents = new HandoverConsents(this.deps);
    if (!(await consents.trusted(asker, choice))) return undefined;
    // The secret first: a launch that cannot get it stops before the question.
    const handed = await handOver(this.deps, choice);
    if (!handed || !(await consents.allowed(asker, choice))) return undefined;
    const id = randomUUID();
    this.live.set(id, this.deps.handovers.record({ kind: 'launch', name, configPath: handed.configPath, profileName: handed.profile.name, tokenId: handed.tokenId, tokenKind: handed.tokenKind }));
    this.deps.log.info(`Launch configuration "${name}" gets ${handed.tokenKind} token ${handed.tokenId} of profile "${handed.profile.name}" (${Object.keys(handed.env).join(', ')})`);
    const userEnv = typeof config.env === 'object' && config.env !== null ? (config.env as Record<string, unknown>) : {};
    return { ...config, env: { ...userEnv, ...handed.env }, [HANDOVER_PROPERTY]: id };
  }

  dispose(): void {
    this.ended.dispose();
    for (const handover of this.live.values()) handover.dispose();
    this.live.clear();
  }
}
