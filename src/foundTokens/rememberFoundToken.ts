import * as vscode from 'vscode';
import { findTokenOfSecret, findTokens, profileOriginKey, tokenName, type TokenMatch } from '../core';
import type { Log } from '../base/log';
import type { ManagementApi } from '../managementApi/managementApi';
import { describeManagementTokenTest } from '../managementApi/managementApiText';
import type { ConfigFileModel } from '../state/configFileModel';
import type { ManagementTokensModel } from '../state/managementTokensModel';
import type { TokenSecretStore } from '../state/tokenSecretStore';
import { withoutFullStop } from '../ui/coreText';
import { namesItsCluster, resolveProfile } from '../ui/profilePicker';
import { withCancellableProgress } from '../ui/progress';
import type { Prompts } from '../ui/prompts';
import type { FindingLocation } from './foundTokenActions';

export interface RememberFoundTokenDeps {
  config: ConfigFileModel;
  tokens: ManagementTokensModel;
  secrets: TokenSecretStore;
  api: ManagementApi;
  log: Log;
  prompts: Prompts;
}

function isFindingLocation(arg: unknown): arg is FindingLocation {
  const a = arg as Partial<FindingLocation> | null;
  return typeof a === 'object' && a !== null && typeof a.uri === 'string' && typeof a.start === 'number';
}

/**
 * Remember this token…: an unknown management token found in a document,
 * stored bound to the profile the user picks, only after a Management API
 * call with it (Test Management Token's) succeeds for that profile's cluster
 * and its listed prefix tells which token it is. The secret is read from the
 * document again, never taken from an argument.
 */
export class RememberFoundToken {
  constructor(private readonly deps: RememberFoundTokenDeps) {}

  async run(arg?: unknown): Promise<'stored' | undefined> {
    const { prompts, api, tokens, secrets, log } = this.deps;
    const doc = isFindingLocation(arg) ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === arg.uri) : undefined;
    const found = doc && isFindingLocation(arg) ? findTokens(doc.getText()).find((t) => t.start === arg.start) : undefined;
    if (!found) {
      await prompts.error(vscode.l10n.t('There is no token there any more: run this from the quick fix of a token found in a document.'));
      return undefined;
    }
    if (found.kind !== 'management') {
      await prompts.error(vscode.l10n.t('Only a management token can be remembered: no call tells which database token a secret is.'));
      return undefined;
    }
    const title = vscode.l10n.t('Remember this token');
    const target = await resolveProfile(this.deps, undefined, title);
    if (!target || !(await namesItsCluster(prompts, target, vscode.l10n.t('Remembering a token')))) return undefined;
    const { configPath, profile } = target;
    type Checked = { kind: 'failed'; message: string } | { kind: 'cancelled' } | { kind: 'accepted'; match: TokenMatch };
    const outcome = await withCancellableProgress(vscode.l10n.t('Checking the token against the cluster of "{0}"…', profile.name), async (signal): Promise<Checked> => {
      const test = await api.testManagementToken(profile, { secret: found.secret, origin: profileOriginKey(profile) }, signal).catch((err: Error) => err);
      if (test instanceof Error) return test.name === 'AbortError' ? { kind: 'cancelled' } : { kind: 'failed', message: test.message };
      if (test.kind === 'cancelled') return { kind: 'cancelled' };
      if (test.kind !== 'valid') return { kind: 'failed', message: describeManagementTokenTest(profile.name, test) };
      const load = await tokens.load(configPath, profile);
      return { kind: 'accepted', match: load.kind === 'ok' ? findTokenOfSecret(found.secret, load.tokens) : { kind: 'none' } };
    });
    if (outcome.kind === 'cancelled') return undefined;
    if (outcome.kind === 'failed') {
      log.warn(`Remember: the found token was not accepted for profile "${profile.name}".`);
      await prompts.error(log.redact(vscode.l10n.t('The token was not stored: {0}.', withoutFullStop(outcome.message))));
      return undefined;
    }
    if (outcome.match.kind !== 'one') {
      await prompts.error(vscode.l10n.t('The token works with profile "{0}", but its listed prefix does not tell which of its tokens it is, so it was not stored.', profile.name));
      return undefined;
    }
    const token = outcome.match.token;
    try {
      await secrets.store(configPath, profile, token.id, found.secret);
    } catch (err) {
      await prompts.error(vscode.l10n.t('The token was not stored: {0}.', withoutFullStop((err as Error).message)));
      return undefined;
    }
    log.info(`Remember: stored the secret of management token ${token.id} for profile "${profile.name}".`);
    await prompts.inform(vscode.l10n.t('The secret of management token "{0}" is stored for profile "{1}".', tokenName(token), profile.name));
    return 'stored';
  }
}
