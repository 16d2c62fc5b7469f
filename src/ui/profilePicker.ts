import * as vscode from 'vscode';
import { Command } from '../base/commandIds';
import { clusterOrigin, type Profile } from '../core';
import { describeClusterOriginProblem } from '../managementApi/clusterOriginText';
import type { DatabaseTokensModel } from '../state/databaseTokensModel';
import type { ManagementTokensModel } from '../state/managementTokensModel';
import { lookUpProfile, type ConfigFileModel, type ConfigState, type ProfileLookupProblem } from '../state/configFileModel';
import { namesProfile, profileRef, type DatabaseTokenRef, type ManagementTokenRef, type NamesProfile, type ProfileRef } from '../state/refs';
import type { TlsConsents } from '../state/tlsConsents';
import { describeConfigError } from './coreText';
import type { Prompts } from './prompts';

/** Says what cannot be used, offering to open config.toml (at a profile's line, given one). */
async function errorInConfig(prompts: Prompts, message: string, at?: ProfileRef): Promise<void> {
  if (await prompts.error(message, vscode.l10n.t('Open config.toml'))) await vscode.commands.executeCommand(Command.openConfig, at);
}

/** Why the extension cannot use config.toml now, or undefined when it can. */
function configProblem(state: ConfigState): string | undefined {
  if (state.kind === 'missing') return vscode.l10n.t('No config.toml at {0}.', state.path);
  if (state.kind === 'malformed') return describeConfigError(state.error);
  if (state.kind !== 'ok') return vscode.l10n.t('config.toml cannot be used: {0}', state.error.message);
  return undefined;
}

function whyNot(problem: ProfileLookupProblem, name: string, state: ConfigState): string {
  switch (problem) {
    case 'noConfig':
      return configProblem(state)!;
    case 'otherConfig':
      return vscode.l10n.t('Profile "{0}" is not in the config.toml the extension uses now. Refresh the view and try again.', name);
    case 'missing':
      return vscode.l10n.t('Profile "{0}" is no longer in config.toml. Refresh the view and try again.', name);
    case 'duplicated':
      return vscode.l10n.t('Two or more profiles of config.toml are named "{0}": nothing that uses a secret works for them until one is renamed.', name);
  }
}

/**
 * A row given to a command, re-read against config.toml as it is now: its
 * profile replaced by the current one of that name (never the row's own
 * copy, which any extension can forge), or undefined, having said why.
 */
export async function currentRow<T extends NamesProfile>(deps: { config: ConfigFileModel; prompts: Prompts }, row: T): Promise<(T & { profile: Profile }) | undefined> {
  const profile = await currentProfile(deps, row.configPath, row.profile.name);
  return profile && { ...row, profile };
}

/** The profile of that name in config.toml as it is now, or undefined, having said why. */
async function currentProfile(deps: { config: ConfigFileModel; prompts: Prompts }, configPath: string, name: string): Promise<Profile | undefined> {
  const state = await deps.config.state();
  const found = lookUpProfile(state, configPath, name);
  if ('problem' in found) {
    await errorInConfig(deps.prompts, whyNot(found.problem, name, state));
    return undefined;
  }
  return found.profile;
}

/**
 * A token row re-read as currentRow does, its token too: the one the
 * profile's list holds under that ID (a row's dates, permissions or
 * status may be stale or forged). Undefined, having said why, when the list
 * does not hold it.
 */
export async function currentTokenRow<T extends ManagementTokenRef | DatabaseTokenRef>(
  deps: { config: ConfigFileModel; prompts: Prompts; tokens?: ManagementTokensModel; databaseTokens?: DatabaseTokensModel },
  row: T,
): Promise<T | undefined> {
  const now = await currentRow(deps, row);
  if (!now) return undefined;
  // The cached list, or a fresh one when a create or revoke has just dropped it.
  const load = now.kind === 'token' ? await deps.tokens?.load(now.configPath, now.profile) : await deps.databaseTokens?.load(now.configPath, now.profile);
  const listed = load?.kind === 'ok' ? (load.tokens as { id: string }[]).find((t) => t.id === row.token.id) : undefined;
  if (!listed) {
    await deps.prompts.error(vscode.l10n.t('Token {0} is not in the current list of profile "{1}". Refresh the view and try again.', row.token.id, now.profile.name));
    return undefined;
  }
  return { ...now, token: listed } as T;
}

/** Each of several token rows re-read as currentTokenRow does; undefined (having said why) if one cannot be. */
export async function currentTokenRows<T extends ManagementTokenRef | DatabaseTokenRef>(
  deps: { config: ConfigFileModel; prompts: Prompts; tokens?: ManagementTokensModel; databaseTokens?: DatabaseTokensModel },
  rows: readonly T[],
): Promise<T[] | undefined> {
  const current: T[] = [];
  for (const row of rows) {
    const now = await currentTokenRow(deps, row);
    if (!now) return undefined;
    current.push(now);
  }
  return current;
}

/**
 * The profile a command acts on: the row it was invoked on (or the profile of
 * a group, token or message row) or the profile name it was given (by a
 * notification's action), re-read from config.toml, else one the user picks
 * from config.toml.
 */
export async function resolveProfile(deps: { config: ConfigFileModel; prompts: Prompts }, arg: unknown, title: string): Promise<ProfileRef | undefined> {
  if (namesProfile(arg)) {
    const row = await currentRow(deps, arg);
    return row && profileRef(row.configPath, row.profile);
  }
  const state = await deps.config.state();
  if (typeof arg === 'string' && state.kind === 'ok') {
    const profile = await currentProfile(deps, state.path, arg);
    return profile && profileRef(state.path, profile);
  }
  if (state.kind !== 'ok') {
    await errorInConfig(deps.prompts, configProblem(state)!);
    return undefined;
  }
  if (state.profiles.length === 0) {
    await deps.prompts.error(vscode.l10n.t('{0} has no [[profile]]. Add one first.', state.path));
    return undefined;
  }
  const { duplicated } = state;
  const items = state.profiles.map((profile) => ({
    label: profile.name,
    description: [profile.product, profile.product === 'dedicated' ? profile.clusterId : profile.host].filter(Boolean).join(' · '),
    detail: duplicated.has(profile.name) ? `$(warning) ${vscode.l10n.t('Another profile has the same name')}` : undefined,
    profile,
  }));
  const picked = items.length === 1 ? items[0] : await deps.prompts.pick(items, { title, placeHolder: vscode.l10n.t('Choose an influxctl profile'), matchOnDescription: true });
  if (!picked) return undefined;
  if (duplicated.has(picked.profile.name)) {
    await errorInConfig(deps.prompts, whyNot('duplicated', picked.profile.name, state));
    return undefined;
  }
  return profileRef(state.path, picked.profile);
}

/**
 * Whether a command that needs the profile's cluster may start: the profile
 * must name one by examineOrigin()'s rule (the Management API's URLs and a
 * stored secret's binding come from it). Says why not before the first
 * prompt, offering Fix in config.toml (at the profile's problem). `what` says what cannot
 * start ("Creating a database token").
 */
export async function namesItsCluster(prompts: Prompts, target: ProfileRef, what: string): Promise<boolean> {
  const { profile } = target;
  const where = clusterOrigin(profile);
  if (where.ok) return true;
  const message = vscode.l10n.t({
    message: '{0} for profile "{1}" cannot start: {2}.',
    args: [what, profile.name, describeClusterOriginProblem(where.problem)],
    comment: ['{0} is what was asked for (e.g. "Creating a database token"), {1} a profile name, {2} what is wrong with the profile and what to set'],
  });
  const fix = vscode.l10n.t('Fix in config.toml');
  if ((await prompts.error(message, fix)) === fix) await vscode.commands.executeCommand(Command.fixProfileInConfig, target);
  return false;
}

/**
 * Whether a command that will store a new secret for the profile may start:
 * the profile must name a cluster (the secret is bound to it), and with
 * `consents`, whatever its [profile.tls] weakens must have been allowed
 * (the command will call the Management API). Says why not, with the next
 * step, before the first prompt: a token created and then not kept is worse
 * than none.
 */
export async function readyForNewSecret(deps: { prompts: Prompts; consents?: TlsConsents }, target: ProfileRef, what: string): Promise<boolean> {
  const { profile } = target;
  if (!(await namesItsCluster(deps.prompts, target, what))) return false;
  if (deps.consents?.missing(profile).length) {
    const choice = await deps.prompts.error(vscode.l10n.t('{0} for profile "{1}" calls the Management API, whose [profile.tls] weakens TLS: allow that first.', what, profile.name), vscode.l10n.t('Allow…'));
    if (choice) await vscode.commands.executeCommand(Command.allowWeakTls, profile.name);
    return deps.consents.missing(profile).length === 0;
  }
  return true;
}
