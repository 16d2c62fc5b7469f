import * as vscode from 'vscode';
import type { Profile, VerifyResult } from './core';
import { isNode, resolveProfile } from './profilePicker';
import type { TokenNode } from './profilesTree';
import { withCancellableProgress } from './progress';
import type { Services } from './services';
import { readSettings } from './settings';

/** The HTTP client is a separate bundle, loaded on the first call only (it is large). */
function http(): typeof import('./httpEntry') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./http.js');
}

/** Calls the Management API with a token: the proof that it works. */
export function verify(services: Services, profile: Profile, token: string, signal?: AbortSignal): Promise<VerifyResult> {
  services.log.rememberSecret(token);
  return http().verify(profile, token, {
    timeoutSeconds: readSettings().timeoutSeconds,
    signal,
    // Tests and the demo point Cloud Dedicated at a local stand-in.
    consoleBaseUrl: process.env.INFLUXDB_TOKENS_CONSOLE_URL || undefined,
  });
}

/** One sentence on a test's result, with the next step. */
export function describeVerification(profileName: string, result: VerifyResult): string {
  return http().describeVerifyResult(profileName, result);
}

/** Test Management Token: a profile's mgmt_token, or a token row's stored secret. */
export async function verifyCommand(services: Services, arg?: unknown): Promise<VerifyResult | undefined> {
  let profile: Profile;
  let token: string | undefined;
  let what: string;
  if (isNode(arg, 'token')) {
    const node = arg as TokenNode;
    profile = node.profile;
    token = await services.secrets.get(node.configPath, node.profile.name, node.token.id);
    what = `"${node.token.description || node.token.id}"`;
  } else {
    const target = await resolveProfile(services, arg, 'Test Management Token');
    if (!target) return undefined;
    profile = target.profile;
    token = profile.mgmtToken;
    what = `the mgmt_token of "${profile.name}"`;
  }
  if (!token) {
    await services.prompts.error(`There is no token to test for ${what}: no mgmt_token is set and no secret is stored.`);
    return undefined;
  }
  const secret = token;
  let result: VerifyResult;
  try {
    result = await withCancellableProgress(`Testing ${what}…`, (signal) => verify(services, profile, secret, signal));
  } catch (err) {
    if ((err as Error).name === 'AbortError') return undefined;
    throw err;
  }
  const message = services.log.redact(describeVerification(profile.name, result));
  services.log.info(`Test of ${what}: ${message}`);
  if (result.kind === 'valid') void services.prompts.inform(message);
  else void services.prompts.error(message, 'Show Log').then((c) => c && services.log.show());
  return result;
}

export function registerVerifyCommand(services: Services): vscode.Disposable {
  return vscode.commands.registerCommand('influxdbTokens.verifyToken', (arg?: unknown) => verifyCommand(services, arg));
}
