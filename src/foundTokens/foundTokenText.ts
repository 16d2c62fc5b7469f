// A found token in words: what it is, never the secret.
import * as vscode from 'vscode';
import { tokenName } from '../core';
import { describePermissions } from '../managementApi/databaseTokenText';
import { STATUS_WORDS } from '../ui/coreText';
import type { TokenIdentity } from './tokenIdentity';

/**
 * The message of a finding: "InfluxDB database token "telegraf edge agents"
 * of profile "staging" (active; read/write iot_sensors).", "InfluxDB
 * management token "ci" of profile "prod" (revoked).", or "An InfluxDB
 * database token this extension does not know."; with a second sentence when
 * it is the profile's mgmt_token or token in config.toml.
 */
export function describeFoundToken(identity: TokenIdentity): string {
  if (!identity.known) {
    return identity.kind === 'management' ? vscode.l10n.t('An InfluxDB management token this extension does not know.') : vscode.l10n.t('An InfluxDB database token this extension does not know.');
  }
  const { profile, listed } = identity;
  let what: string;
  if (listed?.kind === 'database') {
    what = vscode.l10n.t({
      message: 'InfluxDB database token "{0}" of profile "{1}" ({2}; {3}).',
      args: [tokenName(listed.token), profile.name, STATUS_WORDS[listed.status], describePermissions(listed.token.permissions)],
      comment: ['{0} is the token name, {1} a profile name, {2} its status (active, expiring, expired, revoked), {3} its permissions such as "read/write metrics"'],
    });
  } else if (listed?.kind === 'management') {
    what = vscode.l10n.t({
      message: 'InfluxDB management token "{0}" of profile "{1}" ({2}).',
      args: [tokenName(listed.token), profile.name, STATUS_WORDS[listed.status]],
      comment: ['{0} is the token name, {1} a profile name, {2} its status (active, expiring, expired, revoked)'],
    });
  } else {
    what = identity.kind === 'management' ? vscode.l10n.t('An InfluxDB management token of profile "{0}".', profile.name) : vscode.l10n.t('An InfluxDB database token of profile "{0}".', profile.name);
  }
  if (!identity.configured) return what;
  const where =
    identity.kind === 'management' ? vscode.l10n.t('It is the mgmt_token of that profile in config.toml.') : vscode.l10n.t('It is the token of that profile in config.toml.');
  return `${what} ${where}`;
}
