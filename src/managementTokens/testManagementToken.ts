import * as vscode from 'vscode';
import { Command } from '../base/commandIds';
import { profileOriginKey, tokenName } from '../core';
import type { Profile, ManagementTokenTestResult } from '../core';
import type { ManagementApi } from '../managementApi/managementApi';
import { describeManagementTokenTest } from '../managementApi/managementApiText';
import type { ConfigFileModel } from '../state/configFileModel';
import type { TokenSecretStore } from '../state/tokenSecretStore';
import { isManagementTokenRef, profileRef } from '../state/refs';
import type { Log } from '../base/log';
import { currentRow, namesItsCluster, resolveProfile } from '../ui/profilePicker';
import { withCancellableProgress } from '../ui/progress';
import type { Prompts } from '../ui/prompts';

export interface TestManagementTokenDeps {
  config: ConfigFileModel;
  secrets: TokenSecretStore;
  api: ManagementApi;
  log: Log;
  prompts: Prompts;
}

/** Test Management Token: calls the Management API with a profile's mgmt_token or a token row's stored secret. */
export class TestManagementToken {
  constructor(private readonly deps: TestManagementTokenDeps) {}

  async run(arg?: unknown): Promise<ManagementTokenTestResult | undefined> {
    const { secrets, api, log, prompts } = this.deps;
    let profile: Profile;
    let token: string | undefined;
    /** The cluster the secret belongs to: as stored, or (for mgmt_token) the one its profile names. */
    let origin: string | undefined;
    /** The token in words: for the log (English), when there is none, and while it is tested. */
    let what: { log: string; noToken: string; testing: string };
    if (isManagementTokenRef(arg)) {
      const row = await currentRow(this.deps, arg);
      if (!row || !(await namesItsCluster(prompts, profileRef(row.configPath, row.profile), vscode.l10n.t('Testing a management token')))) return undefined;
      profile = row.profile;
      const bound = await secrets.getBound(row.configPath, profile, row.token.id);
      token = bound?.secret;
      origin = bound?.origin;
      const name = tokenName(row.token);
      what = {
        log: `"${name}"`,
        noToken: vscode.l10n.t('There is no token to test for "{0}": no mgmt_token is set and no secret is stored.', name),
        testing: vscode.l10n.t('Testing "{0}"…', name),
      };
    } else {
      const target = await resolveProfile(this.deps, arg, vscode.l10n.t('Test Management Token'));
      if (!target || !(await namesItsCluster(prompts, target, vscode.l10n.t('Testing a management token')))) return undefined;
      profile = target.profile;
      token = profile.mgmtToken;
      origin = profileOriginKey(profile);
      what = {
        log: `the mgmt_token of "${profile.name}"`,
        noToken: vscode.l10n.t('There is no token to test for the mgmt_token of "{0}": no mgmt_token is set and no secret is stored.', profile.name),
        testing: vscode.l10n.t('Testing the mgmt_token of "{0}"…', profile.name),
      };
    }
    if (!token) {
      await prompts.error(what.noToken);
      return undefined;
    }
    const secret = token;
    let result: ManagementTokenTestResult;
    try {
      result = await withCancellableProgress(what.testing, (signal) => api.testManagementToken(profile, { secret, origin }, signal));
    } catch (err) {
      if ((err as Error).name === 'AbortError') return undefined;
      throw err;
    }
    // testManagementToken resolves with 'cancelled' rather than rejecting: as before, say nothing.
    if (result.kind === 'cancelled') return undefined;
    const message = log.redact(describeManagementTokenTest(profile.name, result));
    log.info(`Test of ${what.log}: ${message}`);
    if (result.kind === 'valid') void prompts.inform(message);
    else if (result.kind === 'needsConsent') void prompts.error(message, vscode.l10n.t('Allow…')).then((c) => c && vscode.commands.executeCommand(Command.allowWeakTls, profile.name));
    else void prompts.error(message, vscode.l10n.t('Show Log')).then((c) => c && log.show());
    return result;
  }
}
