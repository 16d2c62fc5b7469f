import { profileOriginKey, DAY_MS, findTokenOfSecret, isoDay, isSecretNotCapturedError, type ManagementToken, tokenName } from '../core';
import { offerToRestrictConfig } from '../configToml/configPermissions';
import type { ManagementApi } from '../managementApi/managementApi';
import { describeManagementTokenTest } from '../managementApi/managementApiText';
import type { ConfigFileModel } from '../state/configFileModel';
import type { ManagementTokensModel } from '../state/managementTokensModel';
import type { TlsConsents } from '../state/tlsConsents';
import type { TokenSecretStore } from '../state/tokenSecretStore';
import { type ProfileRef } from '../state/refs';
import { describeError } from '../ui/coreText';
import { askExpiry, type ExpiryItem } from '../ui/expiryPicker';
import { reportFailure } from '../ui/failures';
import type { Log } from '../base/log';
import { readyForNewSecret, resolveProfile } from '../ui/profilePicker';
import { withCancellableProgress } from '../ui/progress';
import type { Prompts } from '../ui/prompts';
import { reportRevocation, revokeTokens } from '../ui/tokenRevocation';
import { distrustOf, offerRawOutput, saveNewSecret, showSecretOnce } from './newSecret';
import { managementTokenRevoking, revokeNewManagementToken } from './revokeManagementTokens';

export type RotationStep = 'create' | 'store' | 'test' | 'config' | 'revoke';

export interface RotationOutcome {
  /** 'done' when every step passed; otherwise the step where it stopped. */
  result: 'done' | 'cancelled' | 'failed' | 'oldKept';
  failedStep?: RotationStep;
  newTokenId?: string;
  oldTokenId?: string;
}

interface Rotation {
  target: ProfileRef;
  oldToken?: ManagementToken;
  description: string;
  newTokenId?: string;
  secret: string;
  stored: boolean;
  /** The new token went into an open editor with unsaved changes: influxctl reads the old one until it is saved. */
  unsaved?: boolean;
}

export interface RotateProfileMgmtTokenDeps {
  config: ConfigFileModel;
  tokens: ManagementTokensModel;
  secrets: TokenSecretStore;
  consents: TlsConsents;
  api: ManagementApi;
  log: Log;
  prompts: Prompts;
}

function rotatedDescription(old: ManagementToken | undefined, profile: string): string {
  const base = (old?.description || `${profile} automation`).replace(/ \(rotated \d{4}-\d{2}-\d{2}\)$/, '');
  return `${base} (rotated ${isoDay()})`;
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
  const old = r.oldToken ? `the old token "${tokenName(r.oldToken)}"` : 'the old token';
  if (failed === 'revoke') return `${newToken} and config.toml uses it. ${old[0].toUpperCase()}${old.slice(1)} was NOT revoked and still works.`;
  return `${newToken}. config.toml still uses ${old}, which was not revoked and still works.`;
}

/**
 * Rotate mgmt_token: create a new token, store its secret, prove it works,
 * write it into the profile, then (after a confirmation) revoke the old one.
 * A failure at any step leaves the profile with a working token and the new
 * secret saved, and says exactly where things stand.
 */
export class RotateProfileMgmtToken {
  constructor(private readonly deps: RotateProfileMgmtTokenDeps) {}

  async run(arg?: unknown): Promise<RotationOutcome> {
    const { tokens, prompts, log } = this.deps;
    const target = await resolveProfile(this.deps, arg, 'Rotate mgmt_token');
    if (!target) return { result: 'cancelled' };
    const { profile, configPath } = target;
    if (!profile.mgmtToken) {
      await prompts.error(`Profile "${profile.name}" has no mgmt_token to rotate. Use "Set mgmt_token in config.toml…" first.`);
      return { result: 'cancelled' };
    }
    if (!(await readyForNewSecret(this.deps, target, 'Rotating mgmt_token'))) return { result: 'cancelled' };
    const load = await tokens.load(configPath, profile);
    // Only a token known for sure is offered for revocation: several candidates are no answer.
    const match = load.kind === 'ok' ? findTokenOfSecret(profile.mgmtToken, load.tokens) : { kind: 'none' as const };
    const oldToken = match.kind === 'one' ? match.token : undefined;
    if (match.kind === 'ambiguous') log.warn(`Rotate: the mgmt_token of "${profile.name}" matches ${match.tokens.length} listed tokens; none will be offered for revocation.`);
    const title = `Rotate mgmt_token of "${profile.name}"`;
    const { extra, defaultLabel } = sameLifetime(oldToken);
    const expiry = await askExpiry(prompts, title, defaultLabel, extra);
    if (!expiry) return { result: 'cancelled' };
    const description = rotatedDescription(oldToken, profile.name);

    let created: { secret: string; id?: string };
    try {
      created = await withCancellableProgress(`${title} (1/5): creating the new token…`, (signal) =>
        tokens.create(configPath, profile.name, { description, expiresAt: expiry.expiresAt }, signal),
      );
    } catch (err) {
      if (isSecretNotCapturedError(err)) await offerRawOutput(this.deps, target, err, `${title} stopped: the new token could not be captured; config.toml is unchanged`);
      else await reportFailure(this.deps, `${title} stopped: creating the new token failed; nothing changed`, err);
      return { result: 'failed', failedStep: 'create', oldTokenId: oldToken?.id };
    }
    return this.continueFrom('store', { target, oldToken, description, newTokenId: created.id, secret: created.secret, stored: false });
  }

  private async continueFrom(from: RotationStep, r: Rotation): Promise<RotationOutcome> {
    const { log, prompts } = this.deps;
    const { profile } = r.target;
    const title = `Rotate mgmt_token of "${profile.name}"`;
    const outcome = (result: RotationOutcome['result'], failedStep?: RotationStep): RotationOutcome => ({ result, failedStep, newTokenId: r.newTokenId, oldTokenId: r.oldToken?.id });

    const failed = await withCancellableProgress(title, (signal, report) => this.runSteps(r, from, signal, report));

    if (failed) {
      log.error(`${title} stopped at "${failed.step}": ${failed.message}`);
      // Until the config step succeeds, a secret that SecretStorage refused exists nowhere but here.
      if (!r.stored) await showSecretOnce(prompts, r.secret, 'Neither SecretStorage nor config.toml could keep the new secret.');
      const choice = await prompts.error(log.redact(`${title} stopped: ${failed.message} ${stateSentence(r, failed.step)}`), 'Retry', 'Revoke New Token');
      if (choice === 'Retry') return this.continueFrom(failed.step, r);
      if (choice === 'Revoke New Token' && r.newTokenId) await revokeNewManagementToken(this.deps, r.target, { id: r.newTokenId, name: r.description }, { success: 'The profile keeps its old token.' });
      return outcome('failed', failed.step);
    }
    await offerToRestrictConfig(this.deps, r.target.configPath);

    if (r.unsaved) {
      // Revoking now would cut influxctl off: the file on disk still holds the old token.
      void prompts.inform(
        `${title}: the new token is set in the open config.toml, which also holds your unsaved changes. Save the file for influxctl to use it; the old token was kept and still works. Revoke it from the view once the file is saved.`,
      );
      return outcome('oldKept');
    }
    if (!r.oldToken) {
      void prompts.inform(`${title}: done. The old token could not be identified among the cluster's listed tokens, so nothing was revoked.`);
      return outcome('done');
    }
    const confirm = await prompts.warn(
      `Revoke the old token "${tokenName(r.oldToken)}" now?`,
      `${r.oldToken.id}\n\nprofile "${profile.name}" now uses the new token "${r.description}", which was tested and works. Anything else still using the old token stops working. This cannot be undone.`,
      'Revoke Old Token',
    );
    if (confirm !== 'Revoke Old Token') {
      void prompts.inform(`${title}: config.toml uses the new token. The old token was kept and still works; revoke it from the view when nothing uses it any more.`);
      return outcome('oldKept');
    }
    const kind = managementTokenRevoking(this.deps.tokens);
    const old = { configPath: r.target.configPath, profile, id: r.oldToken.id, name: tokenName(r.oldToken) };
    const revocation = await revokeTokens(kind, [old], `${title} (5/5): revoking the old token…`);
    if (revocation.failed.length) {
      reportRevocation(this.deps, kind, revocation, { failure: stateSentence(r, 'revoke') });
      return outcome('failed', 'revoke');
    }
    void prompts.inform(`${title}: done. The new token is in config.toml and the old one is revoked.`);
    return outcome('done');
  }

  /** Steps 2 to 4 (store, verify, config) from `from` on; what failed, if anything. */
  private async runSteps(r: Rotation, from: RotationStep, signal: AbortSignal, report: (message: string) => void): Promise<{ step: RotationStep; message: string } | undefined> {
    const { api, log } = this.deps;
    const { profile, configPath } = r.target;
    const steps: RotationStep[] = ['store', 'test', 'config'];
    for (const step of steps.slice(steps.indexOf(from))) {
      if (signal.aborted) return { step, message: 'Cancelled.' };
      if (step === 'store') {
        report('(2/5) saving the secret in SecretStorage…');
        const saved = await saveNewSecret(this.deps, r.target, { secret: r.secret, id: r.newTokenId });
        r.newTokenId = saved.id;
        r.stored = saved.stored;
        if (saved.check.kind === 'mismatch') return { step, message: distrustOf(saved)! };
        // Not fatal: config.toml will hold the secret; if that fails too, it is shown once.
        if (saved.error) log.warn(`Rotation: the new secret could not be stored: ${saved.error}`);
      } else if (step === 'test') {
        report('(3/5) testing the new token against the Management API…');
        const result = await api.testManagementToken(profile, { secret: r.secret, origin: profileOriginKey(profile) }, signal).catch((err: Error) => ({ kind: 'error' as const, message: err.message }));
        if (result.kind === 'error') return { step, message: result.message };
        if (result.kind !== 'valid') return { step, message: describeManagementTokenTest(profile.name, result) };
      } else if (step === 'config') {
        report('(4/5) writing the new token into config.toml…');
        try {
          // Created for the cluster the profile named when the rotation began: config.toml must still name it.
          r.unsaved = (await this.deps.config.setProfileStrings(configPath, profile.name, [['mgmt_token', r.secret]], profileOriginKey(profile))) === 'editedUnsaved';
        } catch (err) {
          return { step, message: `config.toml was not changed: ${describeError(err)}` };
        }
      }
    }
    return undefined;
  }

}
