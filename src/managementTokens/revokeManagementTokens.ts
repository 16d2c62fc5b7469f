import { findTokenOfSecret, isInfluxctlError, isTokenOfSecret, tokenName, tokenNameWithId, tokenStatus } from '../core';
import type { ConfigFileModel } from '../state/configFileModel';
import type { ManagementTokensModel } from '../state/managementTokensModel';
import type { SettingsModel } from '../state/settings';
import { isManagementTokenRef, type ManagementTokenRef, type ProfileRef } from '../state/refs';
import { describeError } from '../ui/coreText';
import { reportFailure } from '../ui/failures';
import type { Log } from '../base/log';
import { currentTokenRows, resolveProfile } from '../ui/profilePicker';
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
    explain: (_profile, error) => (isInfluxctlError(error) && error.failure.kind === 'cancelled' ? undefined : describeError(error)),
  };
}

/** The new token of a create or rotation, revoked on the user's request, and the outcome reported. */
export async function revokeNewManagementToken(
  deps: { tokens: ManagementTokensModel; log: Log; prompts: Prompts },
  target: ProfileRef,
  token: { id: string; name?: string },
  notes?: { success?: string; failure?: string },
): Promise<void> {
  const kind = managementTokenRevoking(deps.tokens);
  const outcome = await revokeTokens(kind, [{ configPath: target.configPath, profile: target.profile, id: token.id, name: token.name ?? 'the new token' }]);
  reportRevocation(deps, kind, outcome, notes);
}

/** A token to revoke, with its status as of now (never as a row claims it). */
type Revocable = ManagementTokenRef & { status: ReturnType<typeof tokenStatus> };

function isRevocable(n: Revocable): boolean {
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
    const configured = await this.configuredTokenIds(nodes);
    const certain = (n: Revocable) => configured.has(n.token.id);
    const inUse = nodes.filter((n) => certain(n) || isTokenOfSecret(n.profile.mgmtToken, n.token));
    const lines = nodes.map((n) => `• ${tokenNameWithId(n.token)} — profile "${n.profile.name}"`);
    const warning = inUse.length
      ? `\n\nWarning: ${inUse.map((n) => `"${tokenName(n.token)}" ${certain(n) ? 'is' : 'may be'} the mgmt_token of profile "${n.profile.name}"`).join('; ')}. Revoking it cuts influxctl's own access with that profile.`
      : '';
    const title = nodes.length === 1 ? 'Revoke this management token?' : `Revoke ${nodes.length} management tokens?`;
    const choice = await prompts.warn(title, `${lines.join('\n')}\n\nThis cannot be undone.${warning}`, 'Revoke');
    if (choice !== 'Revoke') return undefined;

    const kind = managementTokenRevoking(tokens);
    const outcome = await revokeTokens(kind, nodes.map((n) => ({ configPath: n.configPath, profile: n.profile, id: n.token.id, name: tokenName(n.token) })));
    reportRevocation(this.deps, kind, outcome);
    return revokedIds(outcome);
  }

  /**
   * IDs of the tokens that some profile's mgmt_token is, as the tree marks
   * them "in use": each profile's mgmt_token matched against the list of the
   * profiles the tokens are of, as config.toml and the lists say now.
   */
  private async configuredTokenIds(refs: readonly ManagementTokenRef[]): Promise<Set<string>> {
    const state = await this.deps.config.state();
    const ids = new Set<string>();
    if (state.kind !== 'ok') return ids;
    for (const profile of new Set(refs.map((r) => r.profile))) {
      const load = this.deps.tokens.peek(state.path, profile);
      if (load?.kind !== 'ok') continue;
      for (const p of state.profiles) {
        const match = findTokenOfSecret(p.mgmtToken, load.tokens);
        if (match.kind === 'one') ids.add(match.token.id);
      }
    }
    return ids;
  }

  /** The tokens to revoke: the clicked row and the selection, or a pick from the palette. */
  private async chooseTokens(clicked: unknown, selected: unknown): Promise<Revocable[] | undefined> {
    const { prompts, tokens, settings } = this.deps;
    const now = new Date();
    const withStatus = <T extends ManagementTokenRef>(ref: T): T & Revocable => ({ ...ref, status: tokenStatus(ref.token, now, settings.current.expiryWarningDays) });
    const fromTree = await currentTokenRows(this.deps, (Array.isArray(selected) && selected.length ? selected : [clicked]).filter(isManagementTokenRef));
    if (!fromTree) return undefined;
    if (fromTree.length) return fromTree.map(withStatus).filter(isRevocable);
    const target = await resolveProfile(this.deps, clicked, 'Revoke Management Token');
    if (!target) return undefined;
    const load = await tokens.load(target.configPath, target.profile);
    if (load.kind === 'error') {
      await reportFailure(this.deps, `Listing the tokens of "${target.profile.name}" failed`, load.error);
      return undefined;
    }
    const items = load.tokens
      .map((token) => withStatus({ kind: 'token' as const, configPath: target.configPath, profile: target.profile, token }))
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
