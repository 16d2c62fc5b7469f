import * as vscode from 'vscode';
import { tokenName } from '../core';
import type { ConfigFileModel } from '../state/configFileModel';
import { databaseSecretId, type TokenSecretStore } from '../state/tokenSecretStore';
import { isDatabaseTokenRef, isManagementTokenRef } from '../state/refs';
import { copySecretBriefly, copyWithConfirmation } from '../ui/clipboard';
import { currentRow } from '../ui/profilePicker';
import type { Prompts } from '../ui/prompts';

/** Copy Token ID and Copy Stored Secret, from a management or database token row. */
export class TokenClipboard {
  constructor(private readonly deps: { config: ConfigFileModel; secrets: TokenSecretStore; prompts: Prompts }) {}

  async copyId(node?: unknown): Promise<void> {
    if (isManagementTokenRef(node) || isDatabaseTokenRef(node)) await copyWithConfirmation(node.token.id, vscode.l10n.t('Copied token ID {0}', node.token.id));
  }

  async copySecret(node?: unknown): Promise<void> {
    if (!isManagementTokenRef(node) && !isDatabaseTokenRef(node)) return;
    const row = await currentRow(this.deps, node);
    if (!row) return;
    const id = isDatabaseTokenRef(row) ? databaseSecretId(row.token.id) : row.token.id;
    const secret = await this.deps.secrets.get(row.configPath, row.profile, id);
    if (!secret) {
      await this.deps.prompts.error(vscode.l10n.t('No secret of token {0} is stored in VS Code.', node.token.id));
      return;
    }
    await copySecretBriefly(secret, vscode.l10n.t('Copied the secret of "{0}"', tokenName(row.token)));
  }
}
