import * as vscode from 'vscode';
import { descriptionProblem, permissionDiff, updateDatabaseTokenBody, tokenName } from '../core';
import { isDatabaseTokenRef } from '../state/refs';
import { describeDescriptionProblem, describePermissionDiff } from '../managementApi/databaseTokenText';
import { instant } from '../ui/coreText';
import { currentTokenRow } from '../ui/profilePicker';
import { isActiveDatabaseToken, pickToken, type TokenPickerDeps } from '../ui/tokenPicker';
import type { Log } from '../base/log';
import { runSteps, type InputStep } from '../ui/multiStepInput';
import { withCancellableProgress } from '../ui/progress';
import { BACK } from '../ui/quickInputStep';
import { reportApiFailure } from './apiFailures';
import { PermissionSteps, type PermissionAnswers } from './permissionPicker';

/** The answers of Edit Database Token's multi-step input. */
interface EditAnswers {
  description?: string;
  permissions?: PermissionAnswers;
}

/**
 * Edit Database Token…: description and permissions, pre-filled, as one
 * multi-step input; as PATCH
 * replaces the whole permission list, the change is shown as a diff and
 * confirmed. The expiry cannot be changed through the API, and it says so.
 */
export class EditDatabaseToken {
  constructor(private readonly deps: TokenPickerDeps & { log: Log }) {}

  async run(node?: unknown): Promise<boolean> {
    const { prompts, databaseTokens, log } = this.deps;
    const now = new Date();
    const picked = isDatabaseTokenRef(node)
      ? node
      : await pickToken(this.deps, vscode.l10n.t('Edit Database Token'), {
          management: false,
          database: true,
          offers: (r) => isActiveDatabaseToken(r, now),
          none: (name) => vscode.l10n.t('Profile "{0}" has no active database tokens.', name),
        });
    if (picked?.kind !== 'databaseToken') return false;
    const row = await currentTokenRow(this.deps, picked);
    if (!row) return false;
    const { configPath, profile, token } = row;
    const title = vscode.l10n.t('Edit Database Token "{0}" ({1})', tokenName(token), profile.name);
    const askDescription: InputStep<EditAnswers> = async (step, answers) => {
      const description = await prompts.input({
        title,
        step,
        prompt: vscode.l10n.t('Description of the database token'),
        value: answers.description ?? token.description,
        validateInput: (v) => describeDescriptionProblem(descriptionProblem(v)),
      });
      return description === undefined || description === BACK ? description : { ...answers, description };
    };
    const permissionSteps = new PermissionSteps<EditAnswers>(this.deps, configPath, profile, title, token.permissions);
    const answers = await runSteps<EditAnswers>({}, (a) => [askDescription, ...permissionSteps.steps(a)]);
    if (answers?.description === undefined) return false;
    const { description } = answers;
    const permissions = permissionSteps.permissionsOf(answers);

    const { added, removed } = permissionDiff(token.permissions, permissions);
    const permissionsChanged = added.length > 0 || removed.length > 0;
    const descriptionChanged = description !== token.description;
    if (!permissionsChanged && !descriptionChanged) {
      void prompts.inform(vscode.l10n.t('Database token "{0}" is unchanged.', tokenName(token)));
      return false;
    }
    const changes = [
      descriptionChanged ? vscode.l10n.t('Description: "{0}" → "{1}"', token.description, description) : undefined,
      permissionsChanged ? vscode.l10n.t('Permissions: {0}', describePermissionDiff(token.permissions, permissions)) : undefined,
    ].filter(Boolean);
    const consequence = token.expiresAt
      ? vscode.l10n.t('The new permission list replaces the old one at once. It still expires {0}: the Management API cannot change an expiry.', instant(token.expiresAt))
      : vscode.l10n.t('The new permission list replaces the old one at once. It still never expires: the Management API cannot change an expiry.');
    const save = vscode.l10n.t('Save Changes');
    const choice = await prompts.warn(vscode.l10n.t('Change database token "{0}"?', tokenName(token)), `${changes.join('\n')}\n\n${consequence}`, save);
    if (choice !== save) return false;
    try {
      const body = updateDatabaseTokenBody({ ...(descriptionChanged ? { description } : {}), ...(permissionsChanged ? { permissions } : {}) });
      await withCancellableProgress(vscode.l10n.t('Updating database token "{0}"…', tokenName(token)), (signal) => databaseTokens.update(configPath, profile, token.id, body, signal));
    } catch (err) {
      await reportApiFailure(this.deps, profile, 'updateDatabaseToken', err);
      return false;
    }
    log.info(`Updated database token ${token.id} of profile "${profile.name}"`);
    void prompts.inform(vscode.l10n.t('Updated database token "{0}".', description));
    return true;
  }
}
