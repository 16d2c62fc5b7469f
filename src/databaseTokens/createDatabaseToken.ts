import * as vscode from 'vscode';
import { createDatabaseTokenBody, descriptionProblem, isManagementApiError, isoDay, type DatabaseTokenPermission } from '../core';
import { Command } from '../base/commandIds';
import { showSecretOnce } from '../managementTokens/newSecret';
import type { ConfigFileModel } from '../state/configFileModel';
import type { DatabaseTokensModel } from '../state/databaseTokensModel';
import type { ProfileRef } from '../state/refs';
import { copySecretBriefly } from '../ui/clipboard';
import { describeDescriptionProblem } from '../managementApi/databaseTokenText';
import { expiresAtOf, expirySteps, type ExpiryAnswer } from '../ui/expiryPicker';
import { runSteps, type InputStep } from '../ui/multiStepInput';
import type { Log } from '../base/log';
import { goOnDespiteRefusal } from '../ui/knownRefusal';
import { namesItsCluster, resolveProfile } from '../ui/profilePicker';
import { withCancellableProgress } from '../ui/progress';
import type { Prompts } from '../ui/prompts';
import { BACK } from '../ui/quickInputStep';
import { describeCreatedTokenProblem } from '../managementApi/answerText';
import { reportApiFailure } from './apiFailures';
import { PermissionSteps, type PermissionAnswers } from './permissionPicker';

export interface CreateDatabaseTokenDeps {
  config: ConfigFileModel;
  databaseTokens: DatabaseTokensModel;
  log: Log;
  prompts: Prompts;
}

/** The answers of Create Database Token's multi-step input. */
interface CreateAnswers {
  description?: string;
  permissions?: PermissionAnswers;
  expiry?: ExpiryAnswer;
}

/**
 * Create Database Token…: description, databases (all, or the cluster's and
 * one named), access (once, or per database), expiry, as one multi-step
 * input in the order Create Management Token asks them; `POST …/tokens`; the secret
 * straight to SecretStorage; then Copy Secret or Use for influxctl query/write.
 */
export class CreateDatabaseToken {
  constructor(private readonly deps: CreateDatabaseTokenDeps) {}

  async run(arg?: unknown): Promise<{ id?: string; stored: boolean } | undefined> {
    const { prompts } = this.deps;
    const target = await resolveProfile(this.deps, arg, vscode.l10n.t('Create Database Token'));
    if (!target || !(await namesItsCluster(prompts, target, vscode.l10n.t('Creating a database token')))) return undefined;
    const { configPath, profile } = target;
    if (!(await this.goOnDespiteKnownRefusal(target))) return undefined;
    const title = vscode.l10n.t('Create Database Token ({0})', profile.name);
    const askDescription: InputStep<CreateAnswers> = async (step, answers) => {
      const description = await prompts.input({
        title,
        step,
        prompt: vscode.l10n.t('Description of the database token (required; shown in lists)'),
        value:
          answers.description ??
          vscode.l10n.t({ message: '{0} database access {1}', args: [profile.name, isoDay()], comment: ['The suggested description of a new database token: {0} is a profile name, {1} the date (YYYY-MM-DD)'] }),
        validateInput: (v) => describeDescriptionProblem(descriptionProblem(v)),
      });
      return description === undefined || description === BACK ? description : { ...answers, description };
    };
    const permissions = new PermissionSteps<CreateAnswers>(this.deps, configPath, profile, title);
    const answers = await runSteps<CreateAnswers>({}, (a) => [askDescription, ...permissions.steps(a), ...expirySteps(prompts, title, a)]);
    if (answers?.description === undefined || !answers.expiry) return undefined;
    return this.create(target, answers.description, permissions.permissionsOf(answers), expiresAtOf(answers.expiry).expiresAt);
  }

  /** Whether to ask at all: not when the Management API refused the profile's management token at the last list of database tokens (401, 403), unless the person tries anyway. */
  private async goOnDespiteKnownRefusal(target: ProfileRef): Promise<boolean> {
    const last = this.deps.databaseTokens.peek(target.configPath, target.profile);
    if (last?.kind !== 'error' || !isManagementApiError(last.error) || last.error.failure.kind !== 'rejected') return true;
    const name = target.profile.name;
    const message =
      last.error.failure.status === 401
        ? vscode.l10n.t('The management token of profile "{0}" was not accepted: it cannot create database tokens.', name)
        : vscode.l10n.t('The management token of profile "{0}" may not create database tokens.', name);
    return goOnDespiteRefusal(this.deps, target, message, vscode.l10n.t({ message: '{0} Set another mgmt_token, or try anyway.', args: [last.message], comment: ['{0} is a sentence saying how the last list of database tokens failed'] }), last.error.message);
  }

  private async create(target: ProfileRef, description: string, permissions: DatabaseTokenPermission[], expiresAt?: Date): Promise<{ id?: string; stored: boolean } | undefined> {
    const { configPath, profile } = target;
    const { databaseTokens, log, prompts } = this.deps;
    let result: Awaited<ReturnType<DatabaseTokensModel['create']>>;
    try {
      const body = createDatabaseTokenBody({ description, permissions, expiresAt });
      result = await withCancellableProgress(vscode.l10n.t('Creating a database token for profile "{0}"…', profile.name), (signal) => databaseTokens.create(configPath, profile, body, signal));
    } catch (err) {
      await reportApiFailure(this.deps, profile, 'createDatabaseToken', err);
      return undefined;
    }
    const { created, stored, storeError } = result;
    const id = created.token.id;
    log.info(`Created database token ${id ?? '(ID unknown)'} for profile "${profile.name}"`);
    const odd = created.problem && log.redact(describeCreatedTokenProblem(created.problem));
    if (!stored) {
      const why = storeError ?? (id === undefined ? vscode.l10n.t('the answer gave no token ID to store the secret under ({0})', odd ?? '') : vscode.l10n.t('VS Code could not store the secret securely.'));
      log.warn(`The new database token's secret could not be stored: ${why}`);
      await showSecretOnce(prompts, created.accessToken, why);
    }
    if (odd) {
      // The secret is safe (stored, or shown once above); the token itself may not be what was asked for.
      log.warn(`The answer to creating database token "${description}" was not as documented: ${odd}`);
      void prompts
        .error(createdOddly(description, id, profile.name, stored, odd), vscode.l10n.t('Show Log'))
        .then((choice) => choice && log.show());
      return { id, stored };
    }
    if (!stored) return { id, stored };
    const copySecret = vscode.l10n.t('Copy Secret');
    const useForQueryWrite = vscode.l10n.t('Use for influxctl query/write');
    void prompts
      .inform(
        vscode.l10n.t('Created database token "{0}" for profile "{1}"; its secret is stored securely in VS Code. A new token may take a few seconds to work.', description, profile.name),
        copySecret,
        useForQueryWrite,
      )
      .then(async (choice) => {
        if (choice === copySecret) await copySecretBriefly(created.accessToken, vscode.l10n.t('Copied the new database token'));
        if (choice === useForQueryWrite) {
          await vscode.commands.executeCommand(Command.setProfileQueryToken, { kind: 'databaseToken', configPath, profile, token: created.token, status: 'active', hasSecret: true, isProfileToken: false });
        }
      });
    return { id, stored };
  }
}

/** A token created, but the API's answer about it was not as documented: whole sentences, with and without its ID and a saved secret. */
function createdOddly(description: string, id: string | undefined, profileName: string, stored: boolean, odd: string): string {
  if (id && stored) {
    return vscode.l10n.t({
      message: 'Created database token "{0}" ({1}) for profile "{2}" and saved its secret, but the Management API\'s answer was not as documented ({3}). Check the token in the Database Tokens list, and revoke it there if it is not what you asked for.',
      args: [description, id, profileName, odd],
      comment: ['{0} is the description of the new database token, {1} its ID, {2} a profile name, {3} what was wrong with the answer (field: detail)'],
    });
  }
  if (id) {
    return vscode.l10n.t({
      message: 'Created database token "{0}" ({1}) for profile "{2}", but the Management API\'s answer was not as documented ({3}). Check the token in the Database Tokens list, and revoke it there if it is not what you asked for.',
      args: [description, id, profileName, odd],
      comment: ['{0} is the description of the new database token, {1} its ID, {2} a profile name, {3} what was wrong with the answer (field: detail)'],
    });
  }
  if (stored) {
    return vscode.l10n.t({
      message: 'Created database token "{0}" for profile "{1}" and saved its secret, but the Management API\'s answer was not as documented ({2}). Check the token in the Database Tokens list, and revoke it there if it is not what you asked for.',
      args: [description, profileName, odd],
      comment: ['{0} is the description of the new database token, {1} a profile name, {2} what was wrong with the answer (field: detail)'],
    });
  }
  return vscode.l10n.t({
    message: 'Created database token "{0}" for profile "{1}", but the Management API\'s answer was not as documented ({2}). Check the token in the Database Tokens list, and revoke it there if it is not what you asked for.',
    args: [description, profileName, odd],
    comment: ['{0} is the description of the new database token, {1} a profile name, {2} what was wrong with the answer (field: detail)'],
  });
}
