import * as vscode from 'vscode';
import { findTokenOfSecret, isInfluxctlError, isTokenOfSecret, tokenName, tokenStatus } from '../core';
import type { ConfigFileModel } from '../state/configFileModel';
import type { ManagementTokensModel } from '../state/managementTokensModel';
import type { SettingsModel } from '../state/settings';
import { isManagementTokenRef, type ManagementTokenRef, type ProfileRef } from '../state/refs';
import { describeError, instant, STATUS_WORDS, tokenNameWithId } from '../ui/coreText';
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
  const outcome = await revokeTokens(kind, [{ configPath: target.configPath, profile: target.profile, id: token.id, name: token.name ?? vscode.l10n.t('the new token') }]);
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
    const lines = nodes.map((n) => `• ${vscode.l10n.t('{0} — profile "{1}"', tokenNameWithId(n.token), n.profile.name)}`);
    const inUseClauses = inUse.map((n) =>
      certain(n)
        ? vscode.l10n.t('"{0}" is the mgmt_token of profile "{1}"', tokenName(n.token), n.profile.name)
        : vscode.l10n.t('"{0}" may be the mgmt_token of profile "{1}"', tokenName(n.token), n.profile.name),
    );
    const warning = inUse.length
      ? `\n\n${vscode.l10n.t({
          message: "Warning: {0}. Revoking it cuts influxctl's own access with that profile.",
          args: [inUseClauses.join('; ')],
          comment: ['{0} is one or more clauses such as "staging ci" is the mgmt_token of profile "staging", separated by semicolons'],
        })}`
      : '';
    const title = nodes.length === 1 ? vscode.l10n.t('Revoke this management token?') : vscode.l10n.t('Revoke {0} management tokens?', nodes.length);
    const revoke = vscode.l10n.t('Revoke');
    const choice = await prompts.warn(title, `${lines.join('\n')}\n\n${vscode.l10n.t('This cannot be undone.')}${warning}`, revoke);
    if (choice !== revoke) return undefined;

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
    const target = await resolveProfile(this.deps, clicked, vscode.l10n.t('Revoke Management Token'));
    if (!target) return undefined;
    const load = await tokens.load(target.configPath, target.profile);
    if (load.kind === 'error') {
      await reportFailure(this.deps, vscode.l10n.t('Listing the tokens of "{0}" failed', target.profile.name), load.error);
      return undefined;
    }
    const items = load.tokens
      .map((token) => withStatus({ kind: 'token' as const, configPath: target.configPath, profile: target.profile, token }))
      .filter(isRevocable)
      .map((node) => ({
        label: tokenName(node.token),
        description: node.token.id,
        detail: node.token.expiresAt
          ? vscode.l10n.t({ message: '{0}, expires {1}', args: [STATUS_WORDS[node.status], instant(node.token.expiresAt)], comment: ['{0} is a token status (active, expiring), {1} a date and time'] })
          : vscode.l10n.t({ message: '{0}, never expires', args: [STATUS_WORDS[node.status]], comment: ['{0} is a token status (active, expiring)'] }),
        node,
      }));
    if (items.length === 0) {
      await prompts.inform(vscode.l10n.t('Profile "{0}" has no active management tokens.', target.profile.name));
      return undefined;
    }
    const picked = await prompts.pickMany(items, {
      title: vscode.l10n.t('Revoke Management Tokens ({0})', target.profile.name),
      placeHolder: vscode.l10n.t('Select the tokens to revoke'),
      matchOnDescription: true,
    });
    return picked?.map((p) => p.node);
  }
}
