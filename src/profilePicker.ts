import * as vscode from 'vscode';
import type { Profile } from './core';
import type { ProfileNode } from './profilesTree';
import type { Services } from './services';

/** The profile a command acts on: the row it was invoked on, or one the user picks. */
export async function resolveProfile(services: Services, arg: unknown, title: string): Promise<ProfileNode | undefined> {
  if (isNode(arg, 'profile')) return arg as ProfileNode;
  if (isNode(arg, 'token') || isNode(arg, 'message')) {
    const n = arg as { configPath: string; profile?: Profile };
    if (n.profile) return { kind: 'profile', configPath: n.configPath, profile: n.profile };
  }
  const state = await services.config.state();
  if (state.kind !== 'ok') {
    const why = state.kind === 'missing' ? `No config.toml at ${state.path}.` : `config.toml cannot be used: ${'error' in state ? state.error.message : ''}`;
    const choice = await services.prompts.error(why, 'Open config.toml');
    if (choice) await vscode.commands.executeCommand('influxdbTokens.openConfig');
    return undefined;
  }
  if (state.profiles.length === 0) {
    await services.prompts.error(`${state.path} has no [[profile]]. Add one first.`);
    return undefined;
  }
  const items = state.profiles.map((profile) => ({
    label: profile.name,
    description: [profile.product, profile.product === 'dedicated' ? profile.clusterId : profile.host].filter(Boolean).join(' · '),
    profile,
  }));
  const picked = items.length === 1 ? items[0] : await services.prompts.pick(items, { title, placeHolder: 'Choose an influxctl profile', matchOnDescription: true });
  return picked && { kind: 'profile', configPath: state.path, profile: picked.profile };
}

export function isNode(arg: unknown, kind: string): boolean {
  return typeof arg === 'object' && arg !== null && (arg as { kind?: unknown }).kind === kind;
}
