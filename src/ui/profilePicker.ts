import * as vscode from 'vscode';
import { Command } from '../commands/commandIds';
import type { ConfigFileModel } from '../state/configFileModel';
import { isDatabaseTokenNode, isGroupNode, isMessageNode, isProfileNode, isTokenNode, profileNode, type ProfileNode } from '../tree/nodes';
import type { Prompts } from './prompts';

/**
 * The profile a command acts on: the row it was invoked on (or the profile of
 * a group, token or message row), else one the user picks from config.toml.
 */
export async function resolveProfile(deps: { config: ConfigFileModel; prompts: Prompts }, arg: unknown, title: string): Promise<ProfileNode | undefined> {
  if (isProfileNode(arg)) return arg;
  if ((isTokenNode(arg) || isDatabaseTokenNode(arg) || isGroupNode(arg) || isMessageNode(arg)) && arg.profile) return profileNode(arg.configPath, arg.profile);
  const state = await deps.config.state();
  if (state.kind !== 'ok') {
    const why = state.kind === 'missing' ? `No config.toml at ${state.path}.` : `config.toml cannot be used: ${state.error.message}`;
    const choice = await deps.prompts.error(why, 'Open config.toml');
    if (choice) await vscode.commands.executeCommand(Command.openConfig);
    return undefined;
  }
  if (state.profiles.length === 0) {
    await deps.prompts.error(`${state.path} has no [[profile]]. Add one first.`);
    return undefined;
  }
  const items = state.profiles.map((profile) => ({
    label: profile.name,
    description: [profile.product, profile.product === 'dedicated' ? profile.clusterId : profile.host].filter(Boolean).join(' · '),
    profile,
  }));
  const picked = items.length === 1 ? items[0] : await deps.prompts.pick(items, { title, placeHolder: 'Choose an influxctl profile', matchOnDescription: true });
  return picked && profileNode(state.path, picked.profile);
}
