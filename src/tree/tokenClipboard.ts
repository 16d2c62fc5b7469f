import { tokenName } from '../core';
import { databaseSecretId, type TokenSecretStore } from '../state/tokenSecretStore';
import { isDatabaseTokenNode, isTokenNode } from './nodes';
import { copyWithConfirmation } from '../ui/clipboard';
import type { Prompts } from '../ui/prompts';

/** Copy Token ID and Copy Stored Secret, from a management or database token row. */
export class TokenClipboard {
  constructor(private readonly deps: { secrets: TokenSecretStore; prompts: Prompts }) {}

  async copyId(node?: unknown): Promise<void> {
    if (isTokenNode(node) || isDatabaseTokenNode(node)) await copyWithConfirmation(node.token.id, `Copied token ID ${node.token.id}`);
  }

  async copySecret(node?: unknown): Promise<void> {
    if (!isTokenNode(node) && !isDatabaseTokenNode(node)) return;
    const id = isDatabaseTokenNode(node) ? databaseSecretId(node.token.id) : node.token.id;
    const secret = await this.deps.secrets.get(node.configPath, node.profile.name, id);
    if (!secret) {
      await this.deps.prompts.error(`No secret of token ${node.token.id} is stored in VS Code.`);
      return;
    }
    await copyWithConfirmation(secret, `Copied the secret of "${tokenName(node.token)}"`);
  }
}
