import * as vscode from 'vscode';
import { Command } from '../base/commandIds';
import type { Log } from '../base/log';
import { databaseTokenStatus, findTokenOfSecret, tokenEnvironment, tokenName, tokenStatus, type DatabaseToken, type ManagementToken, type Profile } from '../core';
import type { ConfigFileModel } from '../state/configFileModel';
import type { DatabaseTokensModel } from '../state/databaseTokensModel';
import type { ManagementTokensModel } from '../state/managementTokensModel';
import type { ProfileRef } from '../state/refs';
import type { SettingsModel } from '../state/settings';
import type { TokenHandovers } from '../state/tokenHandovers';
import { databaseSecretId, type TokenSecretStore } from '../state/tokenSecretStore';
import { withoutFullStop } from '../ui/coreText';
import { resolveProfile } from '../ui/profilePicker';
import { withCancellableProgress } from '../ui/progress';
import type { Prompts } from '../ui/prompts';
import { DataPlaneUrls } from './dataPlaneUrls';

/** What handing tokens to terminals, launches and tasks needs from the extension's parts. */
export interface UsingTokensDeps {
  config: ConfigFileModel;
  tokens: ManagementTokensModel;
  databaseTokens: DatabaseTokensModel;
  secrets: TokenSecretStore;
  settings: SettingsModel;
  log: Log;
  prompts: Prompts;
  handovers: TokenHandovers;
  /** globalState: the data-plane URLs the user gave. */
  state: vscode.Memento;
  /** workspaceState: which of this workspace's launch configurations and tasks may have which token. */
  workspaceState: vscode.Memento;
  /** Whether the workspace is trusted (vscode.workspace.isTrusted; a seam for the tests). */
  isTrusted: () => boolean;
}

/** A token chosen to be handed over, before its secret is read. */
export type TokenChoice =
  | { kind: 'database'; configPath: string; profile: Profile; token: DatabaseToken }
  /** A listed management token whose secret is stored. */
  | { kind: 'management'; configPath: string; profile: Profile; token: ManagementToken }
  /** The profile's own mgmt_token in config.toml. */
  | { kind: 'mgmtToken'; configPath: string; profile: Profile };

/** A token ready to be handed over: its variables (with the secret: never log them) and who it is. */
export interface HandedToken {
  configPath: string;
  profile: Profile;
  tokenKind: 'management' | 'database';
  tokenId: string;
  /** The token as people know it: its description, or "mgmt_token". */
  name: string;
  env: Record<string, string>;
}

/** What a handover of the profile's mgmt_token is recorded under when the cached list does not tell which token it is. */
const CONFIGURED_MGMT_TOKEN = 'mgmt_token';

/** The token's name for people. */
export function choiceName(choice: TokenChoice): string {
  return choice.kind === 'mgmtToken' ? vscode.l10n.t('mgmt_token of profile "{0}"', choice.profile.name) : tokenName(choice.token);
}

/**
 * The variables for a chosen token: its secret read from SecretStorage
 * (bound to the profile's cluster) or config.toml, and for a database token
 * the data-plane URL (asked once for a Cloud Dedicated cluster). Undefined,
 * having said why, when there is no secret to hand over or the question was
 * cancelled.
 */
export async function handOver(deps: UsingTokensDeps, choice: TokenChoice): Promise<HandedToken | undefined> {
  const { configPath, profile } = choice;
  const name = choiceName(choice);
  if (choice.kind === 'mgmtToken') {
    const secret = profile.mgmtToken;
    if (!secret) {
      await offerToSetMgmtToken(deps, profile);
      return undefined;
    }
    deps.log.rememberSecret(secret);
    const listed = deps.tokens.peek(configPath, profile);
    const match = listed?.kind === 'ok' ? findTokenOfSecret(secret, listed.tokens) : undefined;
    const tokenId = match?.kind === 'one' ? match.token.id : CONFIGURED_MGMT_TOKEN;
    return { configPath, profile, tokenKind: 'management', tokenId, name, env: tokenEnvironment(profile, { kind: 'management', secret }) };
  }
  const id = choice.kind === 'database' ? databaseSecretId(choice.token.id) : choice.token.id;
  const secret = await deps.secrets.get(configPath, profile, id);
  if (!secret) {
    await deps.prompts.error(
      vscode.l10n.t('The secret of token "{0}" of profile "{1}" is not stored in VS Code for the cluster the profile names (a secret is kept only when the token is created here), so it cannot be handed over. Create a token here, or use the profile\'s mgmt_token.', name, profile.name),
    );
    return undefined;
  }
  deps.log.rememberSecret(secret);
  if (choice.kind === 'management') {
    return { configPath, profile, tokenKind: 'management', tokenId: choice.token.id, name, env: tokenEnvironment(profile, { kind: 'management', secret }) };
  }
  const host = await new DataPlaneUrls(deps).of(profile);
  if (!host) return undefined;
  return { configPath, profile, tokenKind: 'database', tokenId: choice.token.id, name, env: tokenEnvironment(profile, { kind: 'database', secret, permissions: choice.token.permissions, host }) };
}

async function offerToSetMgmtToken(deps: UsingTokensDeps, profile: Profile): Promise<void> {
  const set = vscode.l10n.t('Set mgmt_token…');
  const choice = await deps.prompts.error(vscode.l10n.t('Profile "{0}" has no mgmt_token in config.toml: there is no management token to hand over. Set one first.', profile.name), set);
  if (choice === set) await vscode.commands.executeCommand(Command.setProfileMgmtToken, profile.name);
}

/**
 * A token of the profile to hand over, picked: its mgmt_token, and its
 * active management and database tokens whose secrets are stored.
 * Undefined when cancelled, or having said there is none.
 */
export async function pickTokenOf(deps: UsingTokensDeps, target: ProfileRef, title: string): Promise<TokenChoice | undefined> {
  const { configPath, profile } = target;
  const now = new Date();
  const choices = await withCancellableProgress(vscode.l10n.t('Listing the tokens of "{0}"…', profile.name), async () => {
    const [management, database] = await Promise.all([deps.tokens.load(configPath, profile), deps.databaseTokens.load(configPath, profile)]);
    const found: TokenChoice[] = profile.mgmtToken ? [{ kind: 'mgmtToken', configPath, profile }] : [];
    const storedManagement = deps.secrets.storedIds(configPath, profile, 'management');
    const storedDatabase = deps.secrets.storedIds(configPath, profile, 'database');
    if (management.kind === 'ok') {
      for (const token of management.tokens) {
        if (storedManagement.has(token.id) && ['active', 'expiring'].includes(tokenStatus(token, now, 0))) found.push({ kind: 'management', configPath, profile, token });
      }
    }
    if (database.kind === 'ok') {
      for (const token of database.tokens) {
        if (storedDatabase.has(token.id) && !['revoked', 'expired'].includes(databaseTokenStatus(token, now, 0))) found.push({ kind: 'database', configPath, profile, token });
      }
    }
    return found;
  });
  if (choices.length === 0) {
    await deps.prompts.error(vscode.l10n.t('Profile "{0}" has no mgmt_token and no active token whose secret is stored in VS Code.', profile.name));
    return undefined;
  }
  const items = choices.map((choice) => ({
    label: choiceName(choice),
    description: choice.kind === 'database' ? vscode.l10n.t('database token') : vscode.l10n.t('management token'),
    detail: choice.kind === 'mgmtToken' ? vscode.l10n.t('from config.toml') : choice.token.id,
    choice,
  }));
  const picked = await deps.prompts.pick(items, { title, placeHolder: vscode.l10n.t('Choose a token of profile "{0}"', profile.name), matchOnDescription: true, matchOnDetail: true });
  return picked?.choice;
}

/** What a launch configuration's `influxdbTokens` attribute or an `influxdbTokens` task names. */
export interface TokenSpec {
  profile: string;
  databaseToken?: string;
  managementToken?: boolean;
}

/** The spec, if it is one: a profile name and either a database token ID or `managementToken: true`. */
export function asTokenSpec(value: unknown): TokenSpec | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.profile !== 'string' || v.profile === '') return undefined;
  const database = typeof v.databaseToken === 'string' && v.databaseToken !== '';
  if (database === (v.managementToken === true)) return undefined;
  return database ? { profile: v.profile, databaseToken: v.databaseToken as string } : { profile: v.profile, managementToken: true };
}

/**
 * The token a spec names, re-read from config.toml and the profile's current
 * list. Undefined, having said why (`where` names the launch configuration or
 * task), when the profile or token is not there.
 */
export async function choiceOfSpec(deps: UsingTokensDeps, spec: TokenSpec, title: string, where: string): Promise<TokenChoice | undefined> {
  const state = await deps.config.state();
  if (state.kind === 'ok' && !state.profiles.some((p) => p.name === spec.profile)) {
    const names = state.profiles.map((p) => `"${p.name}"`).join(', ');
    await deps.prompts.error(vscode.l10n.t('{0} names profile "{1}", which {2} does not have. Name one of its profiles: {3}.', where, spec.profile, state.path, names));
    return undefined;
  }
  const target = await resolveProfile(deps, spec.profile, title);
  if (!target) return undefined;
  const { configPath, profile } = target;
  if (spec.managementToken) return { kind: 'mgmtToken', configPath, profile };
  const load = await deps.databaseTokens.load(configPath, profile);
  if (load.kind !== 'ok') {
    const why = load.kind === 'error' ? load.message : vscode.l10n.t('The extension has no management token of the profile to list its database tokens with.');
    await deps.prompts.error(vscode.l10n.t('{0} cannot get database token {1} of profile "{2}": {3}.', where, spec.databaseToken!, profile.name, withoutFullStop(why)));
    return undefined;
  }
  const token = load.tokens.find((t) => t.id === spec.databaseToken);
  if (!token) {
    await deps.prompts.error(vscode.l10n.t('{0} names database token {1}, which profile "{2}" does not have. Copy the ID of a token from the InfluxDB Tokens view (Copy Token ID).', where, spec.databaseToken!, profile.name));
    return undefined;
  }
  return { kind: 'database', configPath, profile, token };
}
