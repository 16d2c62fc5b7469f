import { descriptionProblem, permissionDiff, updateDatabaseTokenBody, tokenName } from '../core';
import type { ConfigFileModel } from '../state/configFileModel';
import type { DatabaseTokensModel } from '../state/databaseTokensModel';
import { isDatabaseTokenRef } from '../state/refs';
import { describeDescriptionProblem, describePermissionDiff } from '../managementApi/databaseTokenText';
import { currentTokenRow } from '../ui/profilePicker';
import type { Log } from '../base/log';
import { withCancellableProgress } from '../ui/progress';
import type { Prompts } from '../ui/prompts';
import { reportApiFailure } from './apiFailures';
import { askPermissions } from './permissionPicker';

/**
 * Edit Database Token…: description and permissions, pre-filled; as PATCH
 * replaces the whole permission list, the change is shown as a diff and
 * confirmed. The expiry cannot be changed through the API, and it says so.
 */
export class EditDatabaseToken {
  constructor(private readonly deps: { config: ConfigFileModel; databaseTokens: DatabaseTokensModel; log: Log; prompts: Prompts }) {}

  async run(node?: unknown): Promise<boolean> {
    const { prompts, databaseTokens, log } = this.deps;
    if (!isDatabaseTokenRef(node)) {
      await prompts.error('Choose a database token in the InfluxDB Tokens view (right-click, Edit Database Token…).');
      return false;
    }
    const row = await currentTokenRow(this.deps, node);
    if (!row) return false;
    const { configPath, profile, token } = row;
    const title = `Edit Database Token "${tokenName(token)}" (${profile.name})`;
    const description = await prompts.input({ title, prompt: 'Description of the database token', value: token.description, validateInput: (v) => describeDescriptionProblem(descriptionProblem(v)) });
    if (description === undefined) return false;
    const permissions = await askPermissions(this.deps, configPath, profile, title, token.permissions);
    if (!permissions) return false;

    const { added, removed } = permissionDiff(token.permissions, permissions);
    const permissionsChanged = added.length > 0 || removed.length > 0;
    const descriptionChanged = description !== token.description;
    if (!permissionsChanged && !descriptionChanged) {
      void prompts.inform(`Database token "${tokenName(token)}" is unchanged.`);
      return false;
    }
    const changes = [
      descriptionChanged ? `Description: "${token.description}" → "${description}"` : undefined,
      permissionsChanged ? `Permissions: ${describePermissionDiff(token.permissions, permissions)}` : undefined,
    ].filter(Boolean);
    const expiry = token.expiresAt ? `It still expires ${token.expiresAt.toISOString()}` : 'It still never expires';
    const choice = await prompts.warn(
      `Change database token "${tokenName(token)}"?`,
      `${changes.join('\n')}\n\nThe new permission list replaces the old one at once. ${expiry}: the Management API cannot change an expiry.`,
      'Save Changes',
    );
    if (choice !== 'Save Changes') return false;
    try {
      const body = updateDatabaseTokenBody({ ...(descriptionChanged ? { description } : {}), ...(permissionsChanged ? { permissions } : {}) });
      await withCancellableProgress(`Updating database token "${tokenName(token)}"…`, (signal) => databaseTokens.update(configPath, profile, token.id, body, signal));
    } catch (err) {
      await reportApiFailure(this.deps, profile, 'updateDatabaseToken', err);
      return false;
    }
    log.info(`Updated database token ${token.id} of profile "${profile.name}"`);
    void prompts.inform(`Updated database token "${description}".`);
    return true;
  }
}
