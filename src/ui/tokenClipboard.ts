import * as vscode from 'vscode';
import { tokenName } from '../core';
import { databaseSecretId, type TokenSecretStore } from '../state/tokenSecretStore';
import { isDatabaseTokenRef, isManagementTokenRef } from '../state/refs';
import { copySecretBriefly, copyWithConfirmation } from './clipboard';
import { currentRow } from './profilePicker';
import { pickToken, type TokenPickerDeps, type TokenRef } from './tokenPicker';

/**
 * Copy Token ID and Copy Stored Secret, from a management or database token
 * row, or from the palette (a token picked). Loaded on first use with the
 * management-token commands.
 */
export class TokenClipboard {
  constructor(private readonly deps: TokenPickerDeps & { secrets: TokenSecretStore }) {}

  async copyId(node?: unknown): Promise<void> {
    const row =
      isManagementTokenRef(node) || isDatabaseTokenRef(node)
        ? node
        : await pickToken(this.deps, vscode.l10n.t('Copy Token ID'), { management: true, database: true, none: (name) => vscode.l10n.t('Profile "{0}" has no tokens.', name) });
    if (row) await copyWithConfirmation(row.token.id, vscode.l10n.t('Copied token ID {0}', row.token.id));
  }

  async copySecret(node?: unknown): Promise<void> {
    const picked =
      isManagementTokenRef(node) || isDatabaseTokenRef(node)
        ? node
        : await pickToken(this.deps, vscode.l10n.t('Copy Stored Secret'), {
            management: true,
            database: true,
            offers: (r) => this.isStored(r),
            none: (name) => vscode.l10n.t('No secret of a token of profile "{0}" is stored in VS Code.', name),
          });
    if (!picked) return;
    const row = await currentRow(this.deps, picked);
    if (!row) return;
    const id = isDatabaseTokenRef(row) ? databaseSecretId(row.token.id) : row.token.id;
    const secret = await this.deps.secrets.get(row.configPath, row.profile, id);
    if (!secret) {
      await this.deps.prompts.error(vscode.l10n.t('No secret of token {0} is stored in VS Code.', row.token.id));
      return;
    }
    await copySecretBriefly(secret, vscode.l10n.t('Copied the secret of "{0}"', tokenName(row.token)));
  }

  private isStored(row: TokenRef): boolean {
    return this.deps.secrets.storedIds(row.configPath, row.profile, row.kind === 'token' ? 'management' : 'database').has(row.token.id);
  }
}
