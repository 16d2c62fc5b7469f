import type { TokenSecretStore } from '../state/tokenSecretStore';
import { isTokenNode, tokenName } from '../tree/nodes';
import { copyWithConfirmation } from '../ui/clipboard';
import type { Prompts } from '../ui/prompts';

/** Copy Token ID and Copy Stored Secret, from a token row. */
export class TokenClipboard {
  constructor(private readonly deps: { secrets: TokenSecretStore; prompts: Prompts }) {}

  async copyId(node?: unknown): Promise<void> {
    if (isTokenNode(node)) await copyWithConfirmation(node.token.id, `Copied token ID ${node.token.id}`);
  }

  async copySecret(node?: unknown): Promise<void> {
    if (!isTokenNode(node)) return;
    const secret = await this.deps.secrets.get(node.configPath, node.profile.name, node.token.id);
    if (!secret) {
      await this.deps.prompts.error(`No secret of token ${node.token.id} is stored in VS Code.`);
      return;
    }
    await copyWithConfirmation(secret, `Copied the secret of "${tokenName(node.token)}"`);
  }
}
