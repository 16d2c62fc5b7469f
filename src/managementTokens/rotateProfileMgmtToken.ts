import * as vscode from 'vscode';
import { profileOriginKey, findTokenOfSecret, isoDay, isSecretNotCapturedError, type ManagementToken, rotatedDescription, tokenName } from '../core';
import { offerToRestrictConfig } from '../configToml/configPermissions';
import type { ManagementApi } from '../managementApi/managementApi';
import { describeManagementTokenTest } from '../managementApi/managementApiText';
import type { ConfigFileModel } from '../state/configFileModel';
import type { ManagementTokensModel } from '../state/managementTokensModel';
import type { TlsConsents } from '../state/tlsConsents';
import type { TokenSecretStore } from '../state/tokenSecretStore';
import { type ProfileRef } from '../state/refs';
import { describeError } from '../ui/coreText';
import { askExpiry, sameLifetime } from '../ui/expiryPicker';
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

/** Where the new token stands: one sentence per case (its ID known or not, its secret stored or not, config.toml using it or not). */
function newTokenSentence(r: Rotation, configUsesIt: boolean): string {
  const { description: d, newTokenId: id } = r;
  if (configUsesIt) {
    if (r.stored) {
      return id
        ? vscode.l10n.t('The new token "{0}" ({1}) exists and its secret is stored securely in VS Code and config.toml uses it.', d, id)
        : vscode.l10n.t('The new token "{0}" exists and its secret is stored securely in VS Code and config.toml uses it.', d);
    }
    return id ? vscode.l10n.t('The new token "{0}" ({1}) exists and config.toml uses it.', d, id) : vscode.l10n.t('The new token "{0}" exists and config.toml uses it.', d);
  }
  if (r.stored) {
    return id
      ? vscode.l10n.t('The new token "{0}" ({1}) exists and its secret is stored securely in VS Code.', d, id)
      : vscode.l10n.t('The new token "{0}" exists and its secret is stored securely in VS Code.', d);
  }
  return id ? vscode.l10n.t('The new token "{0}" ({1}) exists.', d, id) : vscode.l10n.t('The new token "{0}" exists.', d);
}

/** Where the old token stands: still in config.toml, or replaced there but not revoked. */
function oldTokenSentence(r: Rotation, configUsesNew: boolean): string {
  const old = r.oldToken && tokenName(r.oldToken);
  if (configUsesNew) return old ? vscode.l10n.t('The old token "{0}" was NOT revoked and still works.', old) : vscode.l10n.t('The old token was NOT revoked and still works.');
  return old
    ? vscode.l10n.t('config.toml still uses the old token "{0}", which was not revoked and still works.', old)
    : vscode.l10n.t('config.toml still uses the old token, which was not revoked and still works.');
}

function stateSentence(r: Rotation, failed: RotationStep): string {
  const configUsesNew = failed === 'revoke';
  return `${newTokenSentence(r, configUsesNew)} ${oldTokenSentence(r, configUsesNew)}`;
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
    const target = await resolveProfile(this.deps, arg, vscode.l10n.t('Rotate mgmt_token'));
    if (!target) return { result: 'cancelled' };
    const { profile, configPath } = target;
    if (!profile.mgmtToken) {
      await prompts.error(vscode.l10n.t('Profile "{0}" has no mgmt_token to rotate. Use "Set mgmt_token in config.toml…" first.', profile.name));
      return { result: 'cancelled' };
    }
    if (!(await readyForNewSecret(this.deps, target, vscode.l10n.t('Rotating mgmt_token')))) return { result: 'cancelled' };
    const load = await tokens.load(configPath, profile);
    // Only a token known for sure is offered for revocation: several candidates are no answer.
    const match = load.kind === 'ok' ? findTokenOfSecret(profile.mgmtToken, load.tokens) : { kind: 'none' as const };
    const oldToken = match.kind === 'one' ? match.token : undefined;
    if (match.kind === 'ambiguous') log.warn(`Rotate: the mgmt_token of "${profile.name}" matches ${match.tokens.length} listed tokens; none will be offered for revocation.`);
    const title = vscode.l10n.t('Rotate mgmt_token of "{0}"', profile.name);
    const { extra, defaultLabel } = sameLifetime(oldToken);
    const expiry = await askExpiry(prompts, title, defaultLabel, extra);
    if (!expiry) return { result: 'cancelled' };
    const description = rotatedDescription(oldToken?.description || `${profile.name} automation`, isoDay());

    let created: { secret: string; id?: string };
    try {
      created = await withCancellableProgress(vscode.l10n.t('Rotate mgmt_token of "{0}" (1/5): creating the new token…', profile.name), (signal) =>
        tokens.create(configPath, profile.name, { description, expiresAt: expiry.expiresAt }, signal),
      );
    } catch (err) {
      if (isSecretNotCapturedError(err)) {
        await offerRawOutput(this.deps, target, err, vscode.l10n.t('Rotate mgmt_token of "{0}" stopped: the new token could not be captured; config.toml is unchanged', profile.name));
      } else {
        await reportFailure(this.deps, vscode.l10n.t('Rotate mgmt_token of "{0}" stopped: creating the new token failed; nothing changed', profile.name), err);
      }
      return { result: 'failed', failedStep: 'create', oldTokenId: oldToken?.id };
    }
    return this.continueFrom('store', { target, oldToken, description, newTokenId: created.id, secret: created.secret, stored: false });
  }

  private async continueFrom(from: RotationStep, r: Rotation): Promise<RotationOutcome> {
    const { log, prompts } = this.deps;
    const { profile } = r.target;
    const title = vscode.l10n.t('Rotate mgmt_token of "{0}"', profile.name);
    const outcome = (result: RotationOutcome['result'], failedStep?: RotationStep): RotationOutcome => ({ result, failedStep, newTokenId: r.newTokenId, oldTokenId: r.oldToken?.id });

    const failed = await withCancellableProgress(title, (signal, report) => this.runSteps(r, from, signal, report));

    if (failed) {
      log.error(`Rotate mgmt_token of "${profile.name}" stopped at "${failed.step}": ${failed.message}`);
      // Until the config step succeeds, a secret that SecretStorage refused exists nowhere but here.
      if (!r.stored) await showSecretOnce(prompts, r.secret, vscode.l10n.t('The new secret could be stored neither securely in VS Code nor in config.toml.'));
      const retry = vscode.l10n.t('Retry');
      const revokeNew = vscode.l10n.t('Revoke New Token');
      const message = vscode.l10n.t({
        message: 'Rotate mgmt_token of "{0}" stopped: {1} {2}',
        args: [profile.name, failed.message, stateSentence(r, failed.step)],
        comment: ['{0} is a profile name, {1} what went wrong (one or more sentences), {2} where the new and the old token stand (one or two sentences)'],
      });
      const choice = await prompts.error(log.redact(message), retry, revokeNew);
      if (choice === retry) return this.continueFrom(failed.step, r);
      if (choice === revokeNew && r.newTokenId) {
        await revokeNewManagementToken(this.deps, r.target, { id: r.newTokenId, name: r.description }, { success: vscode.l10n.t('The profile keeps its old token.') });
      }
      return outcome('failed', failed.step);
    }
    await offerToRestrictConfig(this.deps, r.target.configPath);

    if (r.unsaved) {
      // Revoking now would cut influxctl off: the file on disk still holds the old token.
      void prompts.inform(
        vscode.l10n.t(
          'Rotate mgmt_token of "{0}": the new token is set in the open config.toml, which also holds your unsaved changes. Save the file for influxctl to use it; the old token was kept and still works. Revoke it from the view once the file is saved.',
          profile.name,
        ),
      );
      return outcome('oldKept');
    }
    if (!r.oldToken) {
      void prompts.inform(vscode.l10n.t('Rotate mgmt_token of "{0}": done. The old token could not be identified among the cluster\'s listed tokens, so nothing was revoked.', profile.name));
      return outcome('done');
    }
    const revokeOld = vscode.l10n.t('Revoke Old Token');
    const confirm = await prompts.warn(
      vscode.l10n.t('Revoke the old token "{0}" now?', tokenName(r.oldToken)),
      `${r.oldToken.id}\n\n${vscode.l10n.t(
        'profile "{0}" now uses the new token "{1}", which was tested and works. Anything else still using the old token stops working. This cannot be undone.',
        profile.name,
        r.description,
      )}`,
      revokeOld,
    );
    if (confirm !== revokeOld) {
      void prompts.inform(
        vscode.l10n.t('Rotate mgmt_token of "{0}": config.toml uses the new token. The old token was kept and still works; revoke it from the view when nothing uses it any more.', profile.name),
      );
      return outcome('oldKept');
    }
    const kind = managementTokenRevoking(this.deps.tokens);
    const old = { configPath: r.target.configPath, profile, id: r.oldToken.id, name: tokenName(r.oldToken) };
    const revocation = await revokeTokens(kind, [old], vscode.l10n.t('Rotate mgmt_token of "{0}" (5/5): revoking the old token…', profile.name));
    if (revocation.failed.length) {
      reportRevocation(this.deps, kind, revocation, { failure: stateSentence(r, 'revoke') });
      return outcome('failed', 'revoke');
    }
    void prompts.inform(vscode.l10n.t('Rotate mgmt_token of "{0}": done. The new token is in config.toml and the old one is revoked.', profile.name));
    return outcome('done');
  }

  /** Steps 2 to 4 (store, verify, config) from `from` on; what failed, if anything. */
  private async runSteps(r: Rotation, from: RotationStep, signal: AbortSignal, report: (message: string) => void): Promise<{ step: RotationStep; message: string } | undefined> {
    const { api, log } = this.deps;
    const { profile, configPath } = r.target;
    const steps: RotationStep[] = ['store', 'test', 'config'];
    for (const step of steps.slice(steps.indexOf(from))) {
      if (signal.aborted) return { step, message: vscode.l10n.t('Cancelled.') };
      if (step === 'store') {
        report(vscode.l10n.t('(2/5) storing the secret securely in VS Code…'));
        const saved = await saveNewSecret(this.deps, r.target, { secret: r.secret, id: r.newTokenId });
        r.newTokenId = saved.id;
        r.stored = saved.stored;
        if (saved.check.kind === 'mismatch') return { step, message: distrustOf(saved)! };
        // Not fatal: config.toml will hold the secret; if that fails too, it is shown once.
        if (saved.error) log.warn(`Rotation: the new secret could not be stored: ${saved.error}`);
      } else if (step === 'test') {
        report(vscode.l10n.t('(3/5) testing the new token against the Management API…'));
        const result = await api.testManagementToken(profile, { secret: r.secret, origin: profileOriginKey(profile) }, signal).catch((err: Error) => ({ kind: 'error' as const, message: err.message }));
        if (result.kind === 'error') return { step, message: result.message };
        if (result.kind !== 'valid') return { step, message: describeManagementTokenTest(profile.name, result) };
      } else if (step === 'config') {
        report(vscode.l10n.t('(4/5) writing the new token into config.toml…'));
        try {
          // Created for the cluster the profile named when the rotation began: config.toml must still name it.
          r.unsaved = (await this.deps.config.setProfileStrings(configPath, profile.name, [['mgmt_token', r.secret]], profileOriginKey(profile))) === 'editedUnsaved';
        } catch (err) {
          return { step, message: vscode.l10n.t('config.toml was not changed: {0}', describeError(err)) };
        }
      }
    }
    return undefined;
  }

}
