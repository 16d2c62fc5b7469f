import * as vscode from 'vscode';
import { ExpiryError, formatRfc3339, InfluxctlError, isTokenOfSecret, parseExpiry } from './core';
import { resolveProfile } from './profilePicker';
import type { ProfileNode } from './profilesTree';
import { withCancellableProgress } from './progress';
import { SecretStorageError } from './secretStore';
import type { Services } from './services';

export interface ExpiryItem extends vscode.QuickPickItem {
  /** What parseExpiry takes; undefined for "Custom…". */
  expiry?: string;
}

const EXPIRY_PRESETS: ExpiryItem[] = [
  { label: '1 day', expiry: '1d' },
  { label: '7 days', expiry: '7d' },
  { label: '30 days', expiry: '30d' },
  { label: '90 days', expiry: '90d' },
  { label: '1 year', expiry: '1y' },
  { label: 'Never', expiry: 'never', detail: 'The token stays valid until it is revoked.' },
  { label: 'Custom…', description: 'a date, an RFC3339 time or a duration such as 12h' },
];
const DEFAULT_PRESET = '30 days';

export const KEYRING_HELP_URL = 'https://code.visualstudio.com/docs/configure/settings-sync#_troubleshooting-keychain-issues';

/** Asks for an expiry: a preset or a custom value validated as it is typed. undefined = cancelled. */
export async function askExpiry(
  services: Services,
  title: string,
  defaultLabel = DEFAULT_PRESET,
  extra: ExpiryItem[] = [],
): Promise<{ expiresAt?: Date } | undefined> {
  const now = () => new Date();
  const items = [...extra, ...EXPIRY_PRESETS].map((item) => ({
    ...item,
    description: item.expiry && item.expiry !== 'never' ? `until ${formatRfc3339(parseExpiry(item.expiry, now())!)}` : item.description,
  }));
  const preset = await services.prompts.pick(items, { title, placeHolder: 'When should the token expire?', active: items.find((i) => i.label === defaultLabel) });
  if (!preset) return undefined;
  if (preset.expiry !== undefined) return { expiresAt: parseExpiry(preset.expiry, now()) };
  const custom = await services.prompts.input({
    title,
    prompt: 'Expiry: 2030-01-31, 2030-01-31T12:00:00Z, 12h, 7d, 2w, 1y, or never',
    placeHolder: '7d',
    validateInput: (value) => {
      try {
        const at = parseExpiry(value, now());
        return { message: at ? `Expires ${formatRfc3339(at)} (UTC)` : 'Never expires', severity: vscode.InputBoxValidationSeverity.Info };
      } catch (err) {
        return err instanceof ExpiryError ? err.message : String(err);
      }
    },
  });
  if (custom === undefined) return undefined;
  return { expiresAt: parseExpiry(custom, now()) };
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Shows what went wrong with an influxctl call, with the next step as an action. */
export async function reportFailure(services: Services, what: string, err: unknown, retry?: () => unknown): Promise<void> {
  if (err instanceof InfluxctlError && err.failure.kind === 'cancelled') return;
  const message = services.log.redact(`${what}: ${(err as Error).message ?? String(err)}`);
  services.log.error(message);
  const actions = ['Show Log', ...(retry ? ['Retry'] : [])];
  if (err instanceof InfluxctlError && (err.failure.kind === 'notFound' || err.failure.kind === 'notExecutable')) actions.push('Set influxctl Path');
  const choice = await services.prompts.error(message, ...actions);
  if (choice === 'Show Log') services.log.show();
  if (choice === 'Retry') await retry?.();
  if (choice === 'Set influxctl Path') await vscode.commands.executeCommand('influxdbTokens.setInfluxctlPath');
}

/** Runs influxctl management create for a profile, stores the secret and offers what to do next. */
export async function createToken(services: Services, arg?: unknown): Promise<{ id?: string; stored: boolean } | undefined> {
  const target = await resolveProfile(services, arg, 'Create Management Token');
  if (!target) return undefined;
  const title = `Create Management Token (${target.profile.name})`;
  const expiry = await askExpiry(services, title);
  if (!expiry) return undefined;
  const description = await services.prompts.input({
    title,
    prompt: 'Description of the token (required; shown in lists)',
    value: `${target.profile.name} automation ${today()}`,
    validateInput: (value) =>
      value.trim() === '' ? 'A description is required: influxctl refuses an empty one.' : /[\r\n]/.test(value) ? 'The description must be a single line.' : undefined,
  });
  if (description === undefined) return undefined;
  return runCreate(services, target, description, expiry.expiresAt);
}

async function runCreate(services: Services, target: ProfileNode, description: string, expiresAt?: Date): Promise<{ id?: string; stored: boolean } | undefined> {
  const { profile, configPath } = target;
  let created: { secret: string; id?: string };
  try {
    created = await withCancellableProgress(`Creating a management token for profile "${profile.name}"…`, (signal) =>
      services.tokens.client(configPath).createManagementToken(profile.name, { description, expiresAt }, signal),
    );
  } catch (err) {
    await reportFailure(services, `Creating a management token for "${profile.name}" failed`, err, () => runCreate(services, target, description, expiresAt));
    return undefined;
  }
  const { id, stored, error } = await saveNewSecret(services, target, created);
  if (error) {
    services.log.warn(`The new secret could not be stored: ${error}`);
    if (!stored) await showSecretOnce(services, created.secret, error);
  }
  services.log.info(`Created management token ${id ?? '(ID unknown)'} for profile "${profile.name}"`);
  services.tokens.invalidate(profile.name);
  if (stored) void offerNextSteps(services, target, created.secret, description, id);
  return { id, stored };
}

/**
 * Saves a secret influxctl has just printed, before anything else happens.
 * Before 2.11 influxctl prints no ID: the secret is kept under a provisional
 * key until the list tells which token has its prefix. Shows nothing itself.
 */
export async function saveNewSecret(
  services: Services,
  target: ProfileNode,
  created: { secret: string; id?: string },
  signal?: AbortSignal,
): Promise<{ id?: string; stored: boolean; error?: string }> {
  const { configPath, profile } = target;
  services.log.rememberSecret(created.secret);
  let id = created.id;
  let stored = false;
  const provisional = `unlisted-${created.secret.slice(0, 9)}-${Date.now()}`;
  try {
    await services.secrets.store(configPath, profile.name, id ?? provisional, created.secret);
    stored = true;
    if (!id) {
      const tokens = await services.tokens
        .client(configPath)
        .listManagementTokens(profile.name, signal)
        .catch(() => []);
      id = tokens.find((t) => isTokenOfSecret(created.secret, t) && !t.revokedAt)?.id;
      if (id) {
        await services.secrets.store(configPath, profile.name, id, created.secret);
        await services.secrets.delete(configPath, profile.name, provisional);
      }
    }
    return { id, stored };
  } catch (err) {
    return { id, stored, error: err instanceof SecretStorageError ? err.message : String(err) };
  }
}

export async function showSecretOnce(services: Services, secret: string, why: string): Promise<void> {
  for (;;) {
    const choice = await services.prompts.warn(
      'The new token could not be saved in VS Code SecretStorage. Copy it now: influxctl shows it only once.',
      `${why}\n\nOn Linux without a keyring, set "password-store" in argv.json (Preferences: Configure Runtime Arguments), for example "gnome-libsecret", and restart VS Code.`,
      'Copy Secret',
      'How to Enable a Keyring',
    );
    if (choice === 'Copy Secret') {
      await vscode.env.clipboard.writeText(secret);
      void vscode.window.setStatusBarMessage('Copied the new token to the clipboard', 5000);
      return;
    }
    if (choice === 'How to Enable a Keyring') {
      await vscode.env.openExternal(vscode.Uri.parse(KEYRING_HELP_URL));
      continue;
    }
    return;
  }
}

async function offerNextSteps(services: Services, target: ProfileNode, secret: string, description: string, id?: string): Promise<void> {
  const choice = await services.prompts.inform(
    `Created management token "${description}" for profile "${target.profile.name}". Its secret is saved in VS Code SecretStorage.`,
    'Copy Secret',
    'Set as mgmt_token',
  );
  if (choice === 'Copy Secret') {
    await vscode.env.clipboard.writeText(secret);
    void vscode.window.setStatusBarMessage('Copied the new token to the clipboard', 5000);
  }
  if (choice === 'Set as mgmt_token') {
    await vscode.commands.executeCommand('influxdbTokens.setProfileToken', { kind: 'profile', configPath: target.configPath, profile: target.profile }, { tokenId: id });
  }
}
