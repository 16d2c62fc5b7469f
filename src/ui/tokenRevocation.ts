import * as vscode from 'vscode';
import type { Profile, RevokeResult } from '../core';
import type { Log } from '../base/log';
import { withoutFullStop } from './coreText';
import { withCancellableProgress } from './progress';
import type { Prompts } from './prompts';

/** A token about to be revoked, named for people. */
export interface Revocable {
  configPath: string;
  profile: Profile;
  id: string;
  name: string;
}

/** How one kind of token is revoked: the model's call for one profile, and a failure in words (undefined: cancelled). */
export interface RevokeKind {
  noun: 'management token' | 'database token';
  revoke(configPath: string, profile: Profile, ids: string[], signal: AbortSignal): Promise<RevokeResult>;
  explain(profile: Profile, error: Error): string | undefined;
}

export interface Revocation {
  revoked: Revocable[];
  failed: { token: Revocable; reason: string }[];
}

/**
 * The one revoke path of every command: the tokens grouped by profile, one
 * model call per profile under a cancellable progress, and what the cluster
 * says afterwards (the models' policy) as the outcome. Shows no message itself.
 */
export async function revokeTokens(kind: RevokeKind, tokens: Revocable[], progressTitle?: string): Promise<Revocation> {
  const byProfile = new Map<string, Revocable[]>();
  for (const t of tokens) {
    const key = `${t.configPath}\0${t.profile.name}`;
    byProfile.set(key, [...(byProfile.get(key) ?? []), t]);
  }
  const outcome: Revocation = { revoked: [], failed: [] };
  const title = progressTitle ?? revokingTitle(kind, tokens);
  await withCancellableProgress(title, async (signal, report) => {
    for (const group of byProfile.values()) {
      const { configPath, profile } = group[0];
      if (byProfile.size > 1) report(vscode.l10n.t('profile "{0}"', profile.name));
      const ids = group.map((t) => t.id);
      // A profile that cannot be tried at all (no management token to call the API with) fails alone.
      const result = await kind.revoke(configPath, profile, ids, signal).catch((error: Error): RevokeResult => ({ revoked: [], failed: ids.map((id) => ({ id, error })) }));
      const byId = new Map(group.map((t) => [t.id, t]));
      for (const id of result.revoked) outcome.revoked.push(byId.get(id)!);
      for (const { id, error } of result.failed) outcome.failed.push({ token: byId.get(id)!, reason: kind.explain(profile, error) ?? vscode.l10n.t('cancelled') });
    }
  });
  return outcome;
}

/**
 * The one report of a revocation: what was revoked, and when something was
 * not, which tokens and why, redacted, with the log one click away. `notes`
 * adds what the caller's situation means (for example a rotation's state).
 */
export function reportRevocation(ui: { log: Log; prompts: Prompts }, kind: RevokeKind, outcome: Revocation, notes: { success?: string; failure?: string } = {}): void {
  const quoted = (ts: Revocable[]) => ts.map((t) => `"${t.name}"`).join(', ');
  const management = kind.noun === 'management token';
  if (outcome.failed.length === 0) {
    const [one] = outcome.revoked;
    const done =
      outcome.revoked.length === 1
        ? management
          ? vscode.l10n.t('Revoked management token "{0}".', one.name)
          : vscode.l10n.t('Revoked database token "{0}".', one.name)
        : management
          ? vscode.l10n.t('Revoked {0} management tokens.', outcome.revoked.length)
          : vscode.l10n.t('Revoked {0} database tokens.', outcome.revoked.length);
    void ui.prompts.inform(notes.success ? `${done} ${notes.success}` : done);
    return;
  }
  for (const f of outcome.failed) ui.log.error(`Could not revoke ${kind.noun} ${f.token.id} of profile "${f.token.profile.name}": ${f.reason}`);
  const failed = outcome.failed.map((f) => `"${f.token.name}" (${f.token.id})`).join(', ');
  const reason = outcome.failed[0].reason;
  const message = outcome.revoked.length
    ? vscode.l10n.t('Revoked {0}; could not revoke {1}: {2}.', quoted(outcome.revoked), failed, withoutFullStop(reason))
    : management
      ? vscode.l10n.t('Could not revoke management token {0}: {1}.', failed, withoutFullStop(reason))
      : vscode.l10n.t('Could not revoke database token {0}: {1}.', failed, withoutFullStop(reason));
  void ui.prompts.error(ui.log.redact(notes.failure ? `${message} ${notes.failure}` : message), vscode.l10n.t('Show Log')).then((choice) => choice && ui.log.show());
}

function revokingTitle(kind: RevokeKind, tokens: Revocable[]): string {
  const management = kind.noun === 'management token';
  if (tokens.length === 1) return management ? vscode.l10n.t('Revoking management token "{0}"…', tokens[0].name) : vscode.l10n.t('Revoking database token "{0}"…', tokens[0].name);
  return management ? vscode.l10n.t('Revoking {0} management tokens…', tokens.length) : vscode.l10n.t('Revoking {0} database tokens…', tokens.length);
}

/** The IDs of an outcome, what the revoke commands return. */
export function revokedIds(outcome: Revocation): { revoked: string[]; failed: string[] } {
  return { revoked: outcome.revoked.map((t) => t.id), failed: outcome.failed.map((f) => f.token.id) };
}
