import * as vscode from 'vscode';
import { DAY_MS, isTokenOfSecret, type ManagementToken } from './core';
import { writeProfileToken } from './configWriter';
import { askExpiry, reportFailure, saveNewSecret, showSecretOnce, type ExpiryItem } from './createToken';
import { resolveProfile } from './profilePicker';
import type { ProfileNode } from './profilesTree';
import { withCancellableProgress } from './progress';
import type { Services } from './services';
import { describeVerification, verify } from './verifyToken';

export type RotationStep = 'create' | 'store' | 'verify' | 'config' | 'revoke';

export interface RotationOutcome {
  /** 'done' when every step passed; otherwise the step where it stopped. */
  result: 'done' | 'cancelled' | 'failed' | 'oldKept';
  failedStep?: RotationStep;
  newTokenId?: string;
  oldTokenId?: string;
}

interface Rotation {
  target: ProfileNode;
  oldToken?: ManagementToken;
  description: string;
  newTokenId?: string;
  secret: string;
  stored: boolean;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function rotatedDescription(old: ManagementToken | undefined, profile: string): string {
  const base = (old?.description || `${profile} automation`).replace(/ \(rotated \d{4}-\d{2}-\d{2}\)$/, '');
  return `${base} (rotated ${today()})`;
}

/** The old token's lifetime as the first (preselected) expiry choice. */
function sameLifetime(old: ManagementToken | undefined): { extra: ExpiryItem[]; defaultLabel?: string } {
  if (!old) return { extra: [] };
  if (!old.expiresAt) return { extra: [], defaultLabel: 'Never' };
  const days = Math.max(1, Math.round((old.expiresAt.getTime() - old.createdAt.getTime()) / DAY_MS));
  const label = `Same lifetime as the old token (${days} days)`;
  return { extra: [{ label, expiry: `${days}d` }], defaultLabel: label };
}

function stateSentence(r: Rotation, failed: RotationStep): string {
  const newToken = `The new token "${r.description}"${r.newTokenId ? ` (${r.newTokenId})` : ''} exists${r.stored ? ' and its secret is saved in VS Code SecretStorage' : ''}`;
  const old = r.oldToken ? `the old token "${r.oldToken.description || r.oldToken.id}"` : 'the old token';
  if (failed === 'revoke') return `${newToken} and config.toml uses it. ${old[0].toUpperCase()}${old.slice(1)} was NOT revoked and still works.`;
  return `${newToken}. config.toml still uses ${old}, which was not revoked and still works.`;
}

/**
 * Rotate mgmt_token: create a new token, store its secret, prove it works,
 * write it into the profile, then (after a confirmation) revoke the old one.
 * A failure at any step leaves the profile with a working token and the new
 * secret saved, and says exactly where things stand.
 */
export async function rotateProfileToken(services: Services, arg?: unknown): Promise<RotationOutcome> {
  const target = await resolveProfile(services, arg, 'Rotate mgmt_token');
  if (!target) return { result: 'cancelled' };
  const { profile, configPath } = target;
  if (!profile.mgmtToken) {
    await services.prompts.error(`Profile "${profile.name}" has no mgmt_token to rotate. Use "Set mgmt_token in config.toml…" first.`);
    return { result: 'cancelled' };
  }
  const load = await services.tokens.load(configPath, profile);
  const oldToken = load.kind === 'ok' ? load.tokens.find((t) => isTokenOfSecret(profile.mgmtToken, t)) : undefined;
  const title = `Rotate mgmt_token of "${profile.name}"`;
  const { extra, defaultLabel } = sameLifetime(oldToken);
  const expiry = await askExpiry(services, title, defaultLabel, extra);
  if (!expiry) return { result: 'cancelled' };
  const description = rotatedDescription(oldToken, profile.name);

  let created: { secret: string; id?: string };
  try {
    created = await withCancellableProgress(`${title} (1/5): creating the new token…`, (signal) =>
      services.tokens.client(configPath).createManagementToken(profile.name, { description, expiresAt: expiry.expiresAt }, signal),
    );
  } catch (err) {
    await reportFailure(services, `${title} stopped: creating the new token failed; nothing changed`, err);
    return { result: 'failed', failedStep: 'create', oldTokenId: oldToken?.id };
  }
  const rotation: Rotation = { target, oldToken, description, newTokenId: created.id, secret: created.secret, stored: false };
  return continueRotation(services, rotation, 'store');
}

async function continueRotation(services: Services, r: Rotation, from: RotationStep): Promise<RotationOutcome> {
  const { profile, configPath } = r.target;
  const title = `Rotate mgmt_token of "${profile.name}"`;
  const outcome = (result: RotationOutcome['result'], failedStep?: RotationStep): RotationOutcome => ({ result, failedStep, newTokenId: r.newTokenId, oldTokenId: r.oldToken?.id });
  const steps: RotationStep[] = ['store', 'verify', 'config'];
  let failed: { step: RotationStep; message: string } | undefined;

  await withCancellableProgress(title, async (signal, report) => {
    for (const step of steps.slice(steps.indexOf(from))) {
      if (signal.aborted) {
        failed = { step, message: 'Cancelled.' };
        return;
      }
      if (step === 'store') {
        report('(2/5) saving the secret in SecretStorage…');
        const saved = await saveNewSecret(services, r.target, { secret: r.secret, id: r.newTokenId }, signal);
        r.newTokenId = saved.id;
        r.stored = saved.stored;
        // Not fatal: config.toml will hold the secret; if that fails too, it is shown once.
        if (saved.error) services.log.warn(`Rotation: the new secret could not be stored: ${saved.error}`);
      } else if (step === 'verify') {
        report('(3/5) testing the new token against the Management API…');
        const result = await verify(services, profile, r.secret, signal).catch((err: Error) => ({ kind: 'error' as const, message: err.message }));
        if (result.kind !== 'valid') {
          failed = { step, message: result.kind === 'error' ? result.message : describeVerification(profile.name, result) };
          return;
        }
      } else if (step === 'config') {
        report('(4/5) writing the new token into config.toml…');
        try {
          await writeProfileToken(configPath, profile.name, r.secret);
        } catch (err) {
          failed = { step, message: `config.toml was not changed: ${(err as Error).message}` };
          return;
        }
      }
    }
  });
  services.tokens.invalidate(profile.name);
  await services.config.reload();

  if (failed) {
    services.log.error(`${title} stopped at "${failed.step}": ${failed.message}`);
    if (!r.stored && failed.step === 'config') await showSecretOnce(services, r.secret, 'Neither SecretStorage nor config.toml could keep the new secret.');
    const choice = await services.prompts.error(
      services.log.redact(`${title} stopped: ${failed.message} ${stateSentence(r, failed.step)}`),
      'Retry',
      'Revoke New Token',
    );
    if (choice === 'Retry') return continueRotation(services, r, failed.step);
    if (choice === 'Revoke New Token' && r.newTokenId) await revokeQuietly(services, r, r.newTokenId);
    return outcome('failed', failed.step);
  }

  if (!r.oldToken) {
    void services.prompts.inform(`${title}: done. The old token is not among the cluster's listed tokens, so nothing was revoked.`);
    return outcome('done');
  }
  const confirm = await services.prompts.warn(
    `Revoke the old token "${r.oldToken.description || r.oldToken.id}" now?`,
    `${r.oldToken.id}\n\nprofile "${profile.name}" now uses the new token "${r.description}", which was tested and works. Anything else still using the old token stops working. This cannot be undone.`,
    'Revoke Old Token',
  );
  if (confirm !== 'Revoke Old Token') {
    void services.prompts.inform(`${title}: config.toml uses the new token. The old token was kept and still works; revoke it from the view when nothing uses it any more.`);
    return outcome('oldKept');
  }
  try {
    await withCancellableProgress(`${title} (5/5): revoking the old token…`, (signal) =>
      services.tokens.client(configPath).revokeManagementTokens(profile.name, [r.oldToken!.id], signal),
    );
  } catch (err) {
    await services.prompts.error(services.log.redact(`${title}: revoking the old token failed: ${(err as Error).message} ${stateSentence(r, 'revoke')}`));
    return outcome('failed', 'revoke');
  } finally {
    services.tokens.invalidate(profile.name);
  }
  await services.secrets.delete(configPath, profile.name, r.oldToken.id);
  void services.prompts.inform(`${title}: done. The new token is in config.toml and the old one is revoked.`);
  return outcome('done');
}

async function revokeQuietly(services: Services, r: Rotation, id: string): Promise<void> {
  try {
    await services.tokens.client(r.target.configPath).revokeManagementTokens(r.target.profile.name, [id]);
    await services.secrets.delete(r.target.configPath, r.target.profile.name, id);
    void services.prompts.inform(`Revoked the new token ${id}. The profile keeps its old token.`);
  } catch (err) {
    await reportFailure(services, `Revoking the new token ${id} failed`, err);
  } finally {
    services.tokens.invalidate(r.target.profile.name);
  }
}

export function registerRotateCommand(services: Services): vscode.Disposable {
  return vscode.commands.registerCommand('influxdbTokens.rotateProfileToken', (arg?: unknown) => rotateProfileToken(services, arg));
}
