import { createHash } from 'crypto';
import * as vscode from 'vscode';
import type { Prompts } from '../ui/prompts';
import { choiceName, choiceOfSpec, handOver, type HandedToken, type TokenChoice, type TokenSpec, type UsingTokensDeps } from './handedToken';

/** The fingerprints of launch configurations and tasks the user allowed a token to (workspaceState; no secret). */
const STATE_KEY = 'influxdbTokens.handoverConsents';

/** A launch configuration or task of the workspace that asks for a token. */
export interface Asker {
  kind: 'launch' | 'task';
  /** Its name, as the person sees it. */
  name: string;
  /** Everything that decides what it runs, as written (a change asks again). */
  definition: Record<string, unknown>;
}

/** JSON with object keys sorted, so that the same definition always reads the same. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([key, v]) => !key.startsWith('__') && v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function fingerprint(asker: Asker, choice: TokenChoice): string {
  const token = choice.kind === 'mgmtToken' ? 'mgmt_token' : choice.token.id;
  return createHash('sha256').update(stableJson([asker.kind, asker.name, asker.definition, choice.configPath, choice.profile.name, choice.kind, token])).digest('hex');
}

/**
 * Whether a launch configuration or task of this workspace may be given a
 * token: never in an untrusted workspace (a cloned repository's launch.json
 * must not send a user's secret to a program it chose); otherwise once the
 * user allowed it, asked the first time, remembered per workspace for that
 * configuration as written (any change to it asks again).
 */
export class HandoverConsents {
  constructor(private readonly deps: { workspaceState: vscode.Memento; prompts: Prompts; isTrusted: () => boolean }) {}

  /** Whether the workspace is trusted; if not, says that nothing is given and offers to manage trust. */
  async trusted(asker: Asker, choice: TokenChoice): Promise<boolean> {
    if (this.deps.isTrusted()) return true;
    const { prompts } = this.deps;
    const token = choiceName(choice);
    const profile = choice.profile.name;
    const manage = vscode.l10n.t('Manage Workspace Trust');
    const message =
      asker.kind === 'launch'
        ? vscode.l10n.t('Launch configuration "{0}" asks for token "{1}" of profile "{2}", but this workspace is not trusted: no token is given to its programs. Trust the workspace first if you trust what it runs.', asker.name, token, profile)
        : vscode.l10n.t('Task "{0}" asks for token "{1}" of profile "{2}", but this workspace is not trusted: no token is given to its programs. Trust the workspace first if you trust what it runs.', asker.name, token, profile);
    if ((await prompts.error(message, manage)) === manage) await vscode.commands.executeCommand('workbench.trust.manage');
    return false;
  }

  /** Whether the user allowed this configuration, as written, this token: asked (modal) the first time. */
  async allowed(asker: Asker, choice: TokenChoice): Promise<boolean> {
    const { prompts, workspaceState } = this.deps;
    const token = choiceName(choice);
    const profile = choice.profile.name;
    const key = fingerprint(asker, choice);
    const allowed = workspaceState.get<string[]>(STATE_KEY, []);
    if (allowed.includes(key)) return true;
    const allow = vscode.l10n.t('Allow');
    const question =
      asker.kind === 'launch'
        ? vscode.l10n.t('Give token "{1}" of profile "{2}" to launch configuration "{0}"?', asker.name, token, profile)
        : vscode.l10n.t('Give token "{1}" of profile "{2}" to task "{0}"?', asker.name, token, profile);
    const detail = vscode.l10n.t(
      "The program it starts gets the token's secret in its environment. This workspace's configuration asks for it: allow it only if you trust what it runs. You are asked again if the configuration changes.",
    );
    if ((await prompts.warn(question, detail, allow)) !== allow) return false;
    await workspaceState.update(STATE_KEY, [...allowed, key]);
    return true;
  }
}

/**
 * The token a launch configuration's or task's spec names, handed over: the
 * profile and token re-read, refused in an untrusted workspace, the secret
 * read (a launch or task that cannot get it stops before the question), then
 * allowed by the user. Recorded as a handover, which the caller ends when its
 * program does. Undefined, having said why, when any step says no.
 */
export async function handOverToAsker(deps: UsingTokensDeps, asker: Asker, spec: TokenSpec, title: string, where: string): Promise<{ handed: HandedToken; handover: vscode.Disposable } | undefined> {
  const choice = await choiceOfSpec(deps, spec, title, where);
  if (!choice) return undefined;
  const consents = new HandoverConsents(deps);
  if (!(await consents.trusted(asker, choice))) return undefined;
  const handed = await handOver(deps, choice);
  if (!handed || !(await consents.allowed(asker, choice))) return undefined;
  const handover = deps.handovers.record({ kind: asker.kind, name: asker.name, configPath: handed.configPath, profileName: handed.profile.name, tokenId: handed.tokenId, tokenKind: handed.tokenKind });
  deps.log.info(`${asker.kind === 'launch' ? 'Launch configuration' : 'Task'} "${asker.name}" gets ${handed.tokenKind} token ${handed.tokenId} of profile "${handed.profile.name}" (${Object.keys(handed.env).join(', ')})`);
  return { handed, handover };
}
