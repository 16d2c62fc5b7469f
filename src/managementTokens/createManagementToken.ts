import * as vscode from 'vscode';
import { accessRefusal, isInfluxctlError, isoDay, isSecretNotCapturedError } from '../core';
import { Command } from '../base/commandIds';
import type { ConfigFileModel } from '../state/configFileModel';
import type { ManagementTokensModel } from '../state/managementTokensModel';
import type { TokenSecretStore } from '../state/tokenSecretStore';
import type { ProfileRef } from '../state/refs';
import { copySecretBriefly } from '../ui/clipboard';
import { expiresAtOf, expirySteps, type ExpiryAnswer } from '../ui/expiryPicker';
import { runSteps, type InputStep } from '../ui/multiStepInput';
import { reportFailure } from '../ui/failures';
import { goOnDespiteRefusal } from '../ui/knownRefusal';
import type { Log } from '../base/log';
import { readyForNewSecret, resolveProfile } from '../ui/profilePicker';
import { withCancellableProgress } from '../ui/progress';
import type { Prompts } from '../ui/prompts';
import { BACK } from '../ui/quickInputStep';
import { distrustOf, offerRawOutput, saveNewSecret, showSecretOnce } from './newSecret';
import { revokeNewManagementToken } from './revokeManagementTokens';

export interface CreateDeps {
  config: ConfigFileModel;
  tokens: ManagementTokensModel;
  secrets: TokenSecretStore;
  log: Log;
  prompts: Prompts;
}

/** The answers of Create Management Token's multi-step input. */
interface CreateAnswers {
  description?: string;
  expiry?: ExpiryAnswer;
}

/**
 * Create Management Token…: description and expiry (one multi-step input, in
 * the order Create Database Token asks them), `influxctl management
 * create`, the secret straight to SecretStorage, then Copy Secret or Set as
 * mgmt_token.
 */
export class CreateManagementToken {
  constructor(private readonly deps: CreateDeps) {}

  async run(arg?: unknown): Promise<{ id?: string; stored: boolean } | undefined> {
    const { prompts } = this.deps;
    const target = await resolveProfile(this.deps, arg, vscode.l10n.t('Create Management Token'));
    if (!target || !(await readyForNewSecret(this.deps, target, vscode.l10n.t('Creating a management token')))) return undefined;
    if (!(await this.goOnDespiteKnownRefusal(target))) return undefined;
    const title = vscode.l10n.t('Create Management Token ({0})', target.profile.name);
    const askDescription: InputStep<CreateAnswers> = async (step, answers) => {
      const description = await prompts.input({
        title,
        step,
        prompt: vscode.l10n.t('Description of the token (required; shown in lists)'),
        value: answers.description ?? `${target.profile.name} automation ${isoDay()}`,
        validateInput: (value) =>
          value.trim() === ''
            ? vscode.l10n.t('A description is required: influxctl refuses an empty one.')
            : /[\r\n]/.test(value)
              ? vscode.l10n.t('The description must be a single line.')
              : undefined,
      });
      return description === undefined || description === BACK ? description : { ...answers, description };
    };
    const answers = await runSteps<CreateAnswers>({}, (a) => [askDescription, ...expirySteps(prompts, title, a)]);
    if (!answers?.description || !answers.expiry) return undefined;
    return this.create(target, answers.description, expiresAtOf(answers.expiry).expiresAt);
  }

  /** Whether to ask at all: not when the cluster refused the profile's last list of management tokens, unless the person tries anyway. */
  private async goOnDespiteKnownRefusal(target: ProfileRef): Promise<boolean> {
    const last = this.deps.tokens.peek(target.configPath, target.profile);
    const refusal = last?.kind === 'error' && isInfluxctlError(last.error) ? accessRefusal(last.error.failure) : undefined;
    if (!refusal || last?.kind !== 'error') return true;
    const name = target.profile.name;
    const detail =
      refusal === 'permissionDenied'
        ? vscode.l10n.t('influxctl was refused permission to list the management tokens of profile "{0}", so creating one would most likely be refused after all the questions. Set a mgmt_token that may manage tokens, or try anyway.', name)
        : vscode.l10n.t('The cluster did not accept the mgmt_token of profile "{0}" (unauthenticated) when listing its management tokens: it may be revoked, expired or wrong. Set another mgmt_token, or try anyway.', name);
    return goOnDespiteRefusal(this.deps, target, vscode.l10n.t('The mgmt_token of profile "{0}" may not create tokens.', name), detail, last.error.message);
  }

  private async create(target: ProfileRef, description: string, expiresAt?: Date): Promise<{ id?: string; stored: boolean } | undefined> {
    const { profile, configPath } = target;
    const { tokens, log, prompts } = this.deps;
    let created: { secret: string; id?: string };
    try {
      created = await withCancellableProgress(vscode.l10n.t('Creating a management token for profile "{0}"…', profile.name), (signal) =>
        tokens.create(configPath, profile.name, { description, expiresAt }, signal),
      );
    } catch (err) {
      if (isSecretNotCapturedError(err)) {
        log.error(`Creating a management token for "${profile.name}": ${err.message}`);
        await offerRawOutput(this.deps, target, err, vscode.l10n.t('The new management token of "{0}" could not be captured', profile.name));
      } else {
        await reportFailure(this.deps, vscode.l10n.t('Creating a management token for "{0}" failed', profile.name), err, () => this.create(target, description, expiresAt));
      }
      return undefined;
    }
    const saved = await saveNewSecret(this.deps, target, created);
    const { id, stored, error } = saved;
    if (error) {
      log.warn(`The new secret could not be stored: ${error}`);
      if (!stored) await showSecretOnce(prompts, created.secret, error);
    }
    log.info(`Created management token ${id ?? '(ID unknown)'} for profile "${profile.name}"`);
    const distrust = distrustOf(saved);
    if (saved.check.kind === 'mismatch') {
      log.error(distrust!);
      const revokeNew = vscode.l10n.t('Revoke New Token');
      const choice = await prompts.error(distrust!, revokeNew);
      if (choice === revokeNew && id) await revokeNewManagementToken(this.deps, target, { id, name: description });
      return { id, stored: false };
    }
    if (distrust) log.warn(distrust);
    if (stored) void this.offerNextSteps(target, created.secret, description, id);
    return { id, stored };
  }

  private async offerNextSteps(target: ProfileRef, secret: string, description: string, id?: string): Promise<void> {
    const copy = vscode.l10n.t('Copy Secret');
    const setAsMgmtToken = vscode.l10n.t('Set as mgmt_token');
    const choice = await this.deps.prompts.inform(
      vscode.l10n.t('Created management token "{0}" for profile "{1}". Its secret is stored securely in VS Code.', description, target.profile.name),
      copy,
      setAsMgmtToken,
    );
    if (choice === copy) await copySecretBriefly(secret, vscode.l10n.t('Copied the new token'));
    if (choice === setAsMgmtToken) await vscode.commands.executeCommand(Command.setProfileMgmtToken, target, { tokenId: id });
  }
}
