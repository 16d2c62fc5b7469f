import { isInfluxctlError, isTokenOfSecret, tokenName, tokenNameWithId, tokenStatus } from '../core';
import type { ConfigFileModel } from '../state/configFileModel';
import type { ManagementTokensModel } from '../state/managementTokensModel';
import type { SettingsModel } from '../state/settings';
import { isTokenNode, type ProfileNode, type TokenNode } from '../tree/nodes';
import { reportFailure } from '../ui/failures';
import type { Log } from '../ui/log';
import { currentRows, resolveProfile } from '../ui/profilePicker';
import type { Prompts } from '../ui/prompts';
import { reportRevocation, revokedIds, revokeTokens, type RevokeKind } from '../ui/tokenRevocation';

export interface RevokeDeps {
  config: ConfigFileModel;
  tokens: ManagementTokensModel;
  settings: SettingsModel;
  log: Log;
  prompts: Prompts;
}

/** Management tokens for the one revoke path: one influxctl call per profile. */
export function managementTokenRevoking(tokens: ManagementTokensModel): RevokeKind {
  return {
    noun: 'management token',
    revoke: (configPath, profile, ids, signal) => tokens.revoke(configPath, profile.name, ids, signal),
    explain: (_profile, error) => (isInfluxctlError(error) && error.failure.kind === 'cancelled' ? undefined : error.message),
  };
}

/** The new token of a create or rotation, revoked on the user's request, and the outcome reported. */
export async function revokeNewManagementToken(
  deps: { tokens: ManagementTokensModel; log: Log; prompts: Prompts },
  target: ProfileNode,
  token: { id: string; name?: string },
  notes?: { success?: string; failure?: string },
): Promise<void> {
  const kind = managementTokenRevoking(deps.tokens);
  const outcome = await revokeTokens(kind, [{ configPath: target.configPath, profile: target.profile, id: token.id, name: token.name ?? 'the new token' }]);
  reportRevocation(deps, kind, outcome, notes);
}

function isRevocable(n: TokenNode): boolean {
  return n.status === 'active' || n.status === 'expiring';
}

/**
 * Revoke Management Token…: the clicked row and the selection, or tokens
 * picked from the palette; a modal naming them (and warning when one is a
 * profile's own mgmt_token); one influxctl call per profile.
 */
export class RevokeManagementTokens {
  constructor(private readonly deps: RevokeDeps) {}

  async run(clicked?: unknown, selected?: unknown): Promise<{ revoked: string[]; failed: string[] } | undefined> {
    const { prompts, tokens } = this.deps;
    const nodes = await this.chooseTokens(clicked, selected);
    if (!nodes || nodes.length === 0) return undefined;

    // Any token that may be a profile's mgmt_token is warned about: here a guess errs on the side of caution.
    const inUse = nodes.filter((n) => n.inUseBy.length > 0 || isTokenOfSecret(n.profile.mgmtToken, n.token));
    const lines = nodes.map((n) => `• ${tokenNameWithId(n.token)} — profile "${n.profile.name}"`);
    const warning = inUse.length
      ? `\n\nWarning: ${inUse.map((n) => `"${tokenName(n.token)}" ${n.inUseBy.length ? 'is' : 'may be'} the mgmt_token of profile "${n.profile.name}"`).join('; ')}. Revoking it cuts influxctl's own access with that profile.`
      : '';
    const title = nodes.length === 1 ? 'Revoke this management token?' : `Revoke ${nodes.length} management tokens?`;
    const choice = await prompts.warn(title, `${lines.join('\n')}\n\nThis cannot be undone.${warning}`, 'Revoke');
    if (choice !== 'Revoke') return undefined;

    const kind = managementTokenRevoking(tokens);
    const outcome = await revokeTokens(kind, nodes.map((n) => ({ configPath: n.configPath, profile: n.profile, id: n.token.id, name: tokenName(n.token) })));
    reportRevocation(this.deps, kind, outcome);
    return revokedIds(outcome);
  }

  /** The token rows to revoke: the clicked row and the selection, or a pick from the palette. */
  private async chooseTokens(clicked: unknown, selected: unknown): Promise<TokenNode[] | undefined> {
    const fromTree = await currentRows(this.deps, (Array.isArray(selected) && selected.length ? selected : [clicked]).filter(isTokenNode));
    if (!fromTree) return undefined;
    if (fromTree.length) return fromTree.filter(isRevocable);
    const { prompts, tokens, settings } = this.deps;
    const target = await resolveProfile(this.deps, clicked, 'Revoke Management Token');
    if (!target) return undefined;
    const load = await tokens.load(target.configPath, target.profile);
    if (load.kind === 'error') {
      await reportFailure(this.deps, `Listing the tokens of "${target.profile.name}" failed`, load.error);
      return undefined;
    }
    const now = new Date();
    const items = load.tokens
      .map((token): TokenNode => ({ kind: 'token', configPath: target.configPath, profile: target.profile, token, status: tokenStatus(token, now, settings.current.expiryWarningDays), hasSecret: false, inUseBy: [] }))
      .filter(isRevocable)
      .map((node) => ({
        label: tokenName(node.token),
        description: node.token.id,
        detail: `${node.status}${node.token.expiresAt ? `, expires ${node.token.expiresAt.toISOString()}` : ', never expires'}`,
        node,
      }));
    if (items.length === 0) {
      await prompts.inform(`Profile "${target.profile.name}" has no active management tokens.`);
      return undefined;
    }
    const picked = await prompts.pickMany(items, { title: `Revoke Management Tokens (${target.profile.name})`, placeHolder: 'Select the tokens to revoke', matchOnDescription: true });
    return picked?.map((p) => p.node);
  }
}
