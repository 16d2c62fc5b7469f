import * as vscode from 'vscode';
import { createDatabaseTokenBody, isoDay, parseProfiles, profileOriginKey, rotatedDescription, setProfileString, tokenName, type DatabaseToken, type Profile } from '../core';
import type { Log } from '../base/log';
import { showSecretOnce } from '../managementTokens/newSecret';
import { describeCreatedTokenProblem } from '../managementApi/answerText';
import type { TlsConsents } from '../state/tlsConsents';
import type { TokenHandovers } from '../state/tokenHandovers';
import { isDatabaseTokenRef, profileRef, type ProfileRef } from '../state/refs';
import { databaseSecretId, type TokenSecretStore } from '../state/tokenSecretStore';
import { describeError, withoutFullStop } from '../ui/coreText';
import { askExpiry, sameLifetime } from '../ui/expiryPicker';
import { currentTokenRow, readyForNewSecret } from '../ui/profilePicker';
import { withCancellableProgress } from '../ui/progress';
import { reportRevocation, revokeTokens } from '../ui/tokenRevocation';
import { isActiveDatabaseToken, pickToken, type TokenPickerDeps } from '../ui/tokenPicker';
import { describeApiError } from './apiFailures';
import { databaseTokenRevoking } from './revokeDatabaseTokens';
import { beforeRevokingSentence, configSentence, describeUsages, newTokenSentence, openFileUsages, quotedNames, type FileUsage } from './rotationText';

/** Where the token finder saw a token (by its ID) in the workspace's files; given by the found-tokens bundle, a layer above. */
export type WhereFound = (configPath: string, profileName: string, tokenId: string) => Promise<FileUsage[]>;

export interface RotateDatabaseTokenDeps extends TokenPickerDeps {
  secrets: TokenSecretStore;
  consents: TlsConsents;
  handovers: TokenHandovers;
  whereFound: WhereFound;
  log: Log;
}

export type DatabaseRotationStep = 'create' | 'config' | 'revoke';

export interface DatabaseRotationOutcome {
  /** 'oldKept': the new token is in place and the old one still works, as the person chose or a unsaved config.toml requires. */
  result: 'done' | 'cancelled' | 'failed' | 'oldKept';
  failedStep?: DatabaseRotationStep;
  oldTokenId?: string;
  newTokenId?: string;
  /** The profiles whose `token` in config.toml now holds the new secret. */
  updatedProfiles?: string[];
}

interface Rotation {
  target: ProfileRef;
  old: DatabaseToken;
  /** The old token's secret, when stored here: what config.toml entries are compared with (never shown). */
  oldSecret?: string;
  description: string;
  newTokenId: string;
  secret: string;
  stored: boolean;
  /** The profiles whose `token` holds the old secret, as config.toml said when last read. */
  holders: string[];
  updated: string[];
}

/** The profiles of `profiles` whose `token` is `secret`, of the cluster `origin` only (a secret is never written for another). */
function holdersOf(profiles: readonly Profile[], duplicated: ReadonlySet<string>, secret: string, origin: string | undefined): string[] {
  return profiles.filter((p) => p.token === secret && !duplicated.has(p.name) && profileOriginKey(p) === origin).map((p) => p.name);
}

/**
 * `token` of each profile of `names` set from `oldSecret` to `newSecret`, all
 * or nothing: a profile that meanwhile holds another token or names another
 * cluster stops the edit.
 */
function replaceToken(text: string, names: readonly string[], oldSecret: string, newSecret: string, origin: string | undefined): string {
  const profiles = parseProfiles(text);
  return names.reduce((t, name) => {
    const named = profiles.filter((p) => p.name === name);
    if (named.length !== 1 || named[0].token !== oldSecret || profileOriginKey(named[0]) !== origin) {
      throw new Error(vscode.l10n.t('profile "{0}" in config.toml changed meanwhile and no longer holds the old token; nothing was written', name));
    }
    return setProfileString(t, name, 'token', newSecret);
  }, text);
}

/**
 * Rotate Database Token…: a new database token with the same permissions
 * (asking only when it expires), its secret stored; config.toml's `token`
 * entries that hold the old secret set to the new one; what cannot be updated
 * here (files, terminals, debug sessions, tasks, agents) named; then, after a
 * modal, the old token revoked. A failure at any step leaves a working token
 * everywhere and the new secret kept, and says where things stand.
 */
export class RotateDatabaseToken {
  constructor(private readonly deps: RotateDatabaseTokenDeps) {}

  async run(node?: unknown): Promise<DatabaseRotationOutcome> {
    const { prompts, secrets, log } = this.deps;
    const cancelled: DatabaseRotationOutcome = { result: 'cancelled' };
    const now = new Date();
    const picked = isDatabaseTokenRef(node)
      ? node
      : await pickToken(this.deps, vscode.l10n.t('Rotate Database Token'), {
          management: false,
          database: true,
          offers: (r) => isActiveDatabaseToken(r, now),
          none: (name) => vscode.l10n.t('Profile "{0}" has no active database tokens.', name),
        });
    if (picked?.kind !== 'databaseToken') return cancelled;
    const row = await currentTokenRow(this.deps, picked);
    if (!row) return cancelled;
    const { configPath, profile, token: old } = row;
    if (!isActiveDatabaseToken(row, new Date())) {
      await prompts.error(vscode.l10n.t('Database token "{0}" is revoked or expired: there is nothing to rotate.', tokenName(old)));
      return cancelled;
    }
    const target = profileRef(configPath, profile);
    if (!(await readyForNewSecret(this.deps, target, vscode.l10n.t('Rotating a database token')))) return cancelled;
    const oldSecret = (await secrets.getBound(configPath, profile, databaseSecretId(old.id)))?.secret;
    if (oldSecret) log.rememberSecret(oldSecret);
    const state = await this.deps.config.state();
    const holders = oldSecret && state.kind === 'ok' ? holdersOf(state.profiles, state.duplicated, oldSecret, profileOriginKey(profile)) : [];

    const { extra, defaultLabel } = sameLifetime(old);
    const expiry = await askExpiry(prompts, vscode.l10n.t('Rotate Database Token "{0}" ({1})', tokenName(old), profile.name), defaultLabel, extra);
    if (!expiry) return cancelled;
    const description = rotatedDescription(tokenName(old), isoDay());
    const name = tokenName(old);

    let result: Awaited<ReturnType<RotateDatabaseTokenDeps['databaseTokens']['create']>>;
    try {
      const body = createDatabaseTokenBody({ description, permissions: old.permissions, expiresAt: expiry.expiresAt });
      result = await withCancellableProgress(vscode.l10n.t('Rotate database token "{0}" (1/3): creating the new token…', name), (signal) =>
        this.deps.databaseTokens.create(configPath, profile, body, signal),
      );
    } catch (err) {
      const why = describeApiError(profile, 'createDatabaseToken', err);
      if (why === undefined) {
        void prompts.inform(vscode.l10n.t('Rotate database token "{0}" was cancelled while the new token was being created. The old token was not changed; if a token "{1}" appears in the list, revoke it there.', name, description));
        return { ...cancelled, oldTokenId: old.id };
      }
      log.error(`Rotate database token ${old.id} of "${profile.name}": creating the new token failed: ${why}`);
      await this.showError(vscode.l10n.t('Rotate database token "{0}" stopped: creating the new token failed ({1}). Nothing changed; the old token still works.', name, withoutFullStop(why)));
      return { result: 'failed', failedStep: 'create', oldTokenId: old.id };
    }
    const { created, stored, storeError } = result;
    log.rememberSecret(created.accessToken);
    log.info(`Rotate: created database token ${created.token.id ?? '(ID unknown)'} to replace ${old.id} of profile "${profile.name}"`);
    if (!stored) {
      const why = storeError ?? vscode.l10n.t('the answer gave no token ID to store the secret under');
      log.warn(`Rotate: the new database token's secret could not be stored: ${why}`);
      await showSecretOnce(prompts, created.accessToken, why);
    }
    if (created.problem || created.token.id === undefined) {
      // The new token may not be what was asked for: nothing more is changed on its account.
      const odd = log.redact(created.problem ? describeCreatedTokenProblem(created.problem) : vscode.l10n.t('no token ID'));
      await this.showError(
        vscode.l10n.t(
          'Rotate database token "{0}" stopped: the Management API\'s answer about the new token "{1}" was not as documented ({2}). Check the new token in the Database Tokens list and revoke it there if it is not what you asked for. The old token was not changed and still works.',
          name,
          description,
          odd,
        ),
      );
      return { result: 'failed', failedStep: 'create', oldTokenId: old.id, newTokenId: created.token.id };
    }
    const r: Rotation = { target, old, oldSecret, description, newTokenId: created.token.id, secret: created.accessToken, stored, holders, updated: [] };
    return this.updateConfig(r);
  }

  /** Step 2: config.toml's `token` entries holding the old secret, then step 3. */
  private async updateConfig(r: Rotation): Promise<DatabaseRotationOutcome> {
    const { prompts, log } = this.deps;
    const { configPath, profile } = r.target;
    const name = tokenName(r.old);
    const outcome = (result: DatabaseRotationOutcome['result'], failedStep?: DatabaseRotationStep): DatabaseRotationOutcome => ({
      result,
      failedStep,
      oldTokenId: r.old.id,
      newTokenId: r.newTokenId,
      updatedProfiles: r.updated,
    });
    let unsaved = false;
    if (r.oldSecret && r.holders.length) {
      try {
        const written = await this.deps.config.edit(configPath, (text) => replaceToken(text, r.holders, r.oldSecret!, r.secret, profileOriginKey(profile)));
        r.updated = r.holders;
        unsaved = written === 'editedUnsaved';
        log.info(`Rotate: the token of ${quotedNames(r.updated)} in ${configPath} is the new database token ${r.newTokenId}`);
      } catch (err) {
        const why = vscode.l10n.t('config.toml was not changed: {0}.', withoutFullStop(describeError(err)));
        log.error(`Rotate database token ${r.old.id}: writing config.toml failed: ${describeError(err)}`);
        const retry = vscode.l10n.t('Retry');
        const choice = await this.showError(
          vscode.l10n.t({
            message: 'Rotate database token "{0}" stopped: {1} {2} The token of these profiles in config.toml was not updated: {3}. The old token was not revoked and still works.',
            args: [name, why, newTokenSentence(r.description, r.newTokenId, r.stored, []), quotedNames(r.holders)],
            comment: ['{0} is the old token\'s description, {1} what went wrong, {2} where the new token stands (a sentence), {3} profile names'],
          }),
          retry,
        );
        if (choice !== retry) return outcome('failed', 'config');
        // config.toml as it is now: a profile changed meanwhile is no longer one to update.
        const state = await this.deps.config.reload();
        r.holders = state.kind === 'ok' ? holdersOf(state.profiles, state.duplicated, r.oldSecret, profileOriginKey(profile)) : r.holders;
        return this.updateConfig(r);
      }
    }
    if (unsaved) {
      // Revoking now would cut influxctl off: the file on disk still holds the old token.
      void prompts.inform(
        vscode.l10n.t(
          'Rotate database token "{0}": the new token "{1}" is set in the open config.toml, which also holds your unsaved changes. Save the file for influxctl to use it; the old token was kept and still works. Revoke it from the view once the file is saved.',
          name,
          r.description,
        ),
      );
      return outcome('oldKept');
    }
    return this.offerRevocation(r, outcome);
  }

  /** Step 3: what still holds the old token, and after a modal, its revocation. */
  private async offerRevocation(r: Rotation, outcome: (result: DatabaseRotationOutcome['result'], failedStep?: DatabaseRotationStep) => DatabaseRotationOutcome): Promise<DatabaseRotationOutcome> {
    const { prompts, handovers, whereFound } = this.deps;
    const { configPath, profile } = r.target;
    const name = tokenName(r.old);
    // config.toml is what this rotation updates; the finder's word on it is out of date now.
    const files = r.oldSecret ? (await whereFound(configPath, profile.name, r.old.id)).filter((f) => f.uri.scheme !== 'file' || f.uri.fsPath !== configPath) : [];
    const usages = describeUsages(files, handovers.of(configPath, profile.name, r.old.id));
    const newToken = newTokenSentence(r.description, r.newTokenId, r.stored, r.updated);
    const config = configSentence(r.oldSecret !== undefined, r.updated);
    const openFiles = vscode.l10n.t('Open Files');
    const offerFiles = (message: string): void => {
      void prompts.inform(message, ...(files.length ? [openFiles] : [])).then(async (choice) => {
        if (choice === openFiles) await openFileUsages(prompts, files);
      });
    };

    const noUsages = r.oldSecret
      ? vscode.l10n.t('The token finder saw the old token in no file, and this window gave it to no terminal, debug session or task.')
      : vscode.l10n.t('This window gave the old token to no terminal, debug session or task.');
    const revokeOld = vscode.l10n.t('Revoke Old Token');
    const detail = [
      r.old.id,
      [newToken, config].filter(Boolean).join(' '),
      usages.length ? usages.map((u) => `• ${u}`).join('\n') : noUsages,
      beforeRevokingSentence(),
      vscode.l10n.t('Anything still using the old token stops working. This cannot be undone.'),
    ].join('\n\n');
    const choice = await prompts.warn(vscode.l10n.t('Revoke the old token "{0}" now?', name), detail, revokeOld);
    if (choice !== revokeOld) {
      offerFiles(
        vscode.l10n.t({
          message: 'Rotate database token "{0}": {1} The old token was kept and still works; revoke it from the view once nothing uses it.',
          args: [name, newToken],
          comment: ['{0} is the old token\'s description, {1} where the new token stands (one or two sentences)'],
        }),
      );
      return outcome('oldKept');
    }
    const kind = databaseTokenRevoking(this.deps.databaseTokens);
    const revocation = await revokeTokens(kind, [{ configPath, profile, id: r.old.id, name }], vscode.l10n.t('Rotate database token "{0}" (3/3): revoking the old token…', name));
    if (revocation.failed.length) {
      reportRevocation(this.deps, kind, revocation, {
        failure: vscode.l10n.t({
          message: '{0} The old token still works: revoke it from the view (Revoke Database Token…) once nothing uses it.',
          args: [newToken],
          comment: ['{0} says where the new token stands (one or two sentences)'],
        }),
      });
      return outcome('failed', 'revoke');
    }
    offerFiles(
      usages.length
        ? vscode.l10n.t({
            message: 'Rotate database token "{0}": done, the old token is revoked. {1} {2} Until they are updated, they hold a revoked token.',
            args: [name, newToken, usages.join(' ')],
            comment: ['{0} is the old token\'s description, {1} where the new token stands, {2} one sentence per file, terminal, debug session or task'],
          })
        : vscode.l10n.t({ message: 'Rotate database token "{0}": done, the old token is revoked. {1}', args: [name, newToken], comment: ['{0} is the old token\'s description, {1} where the new token stands'] }),
    );
    return outcome('done');
  }

  private async showError<A extends string>(message: string, ...actions: A[]): Promise<A | undefined> {
    const { log, prompts } = this.deps;
    const showLog = vscode.l10n.t('Show Log');
    const choice = await prompts.error(log.redact(message), ...actions, showLog);
    if (choice === showLog) log.show();
    return choice === showLog ? undefined : (choice as A | undefined);
  }
}
