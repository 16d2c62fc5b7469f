// Which cluster a profile names, when it names none, in words: the core's
// ClusterOriginProblem (core/clusterOrigin) worded for the HTTP bundle (a
// request not sent) and the commands that bind a new secret to its cluster.
import * as vscode from 'vscode';
import type { ClusterOriginProblem } from '../core';

/** `value` quoted for a message, cut short. */
function quoted(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 79)}…` : value);
}

/**
 * One sentence (without the final full stop) saying what is wrong and what to
 * set; it repeats the value only when the core kept it (never a token-shaped one).
 */
export function describeClusterOriginProblem(p: ClusterOriginProblem): string {
  const v = p.value === undefined ? undefined : quoted(p.value);
  switch (p.reason) {
    case 'tokenShaped':
      if (p.field === 'host') return vscode.l10n.t('{0} holds what looks like a token (a secret), not a host name; it was not sent anywhere. Put the right value in {0}, and keep tokens in mgmt_token or token only', p.field);
      if (p.field === 'port') return vscode.l10n.t('{0} holds what looks like a token (a secret), not a port; it was not sent anywhere. Put the right value in {0}, and keep tokens in mgmt_token or token only', p.field);
      if (p.field === 'product') return vscode.l10n.t('{0} holds what looks like a token (a secret), not a product; it was not sent anywhere. Put the right value in {0}, and keep tokens in mgmt_token or token only', p.field);
      return vscode.l10n.t('{0} holds what looks like a token (a secret), not an ID; it was not sent anywhere. Put the right value in {0}, and keep tokens in mgmt_token or token only', p.field);
    case 'missing':
      if (p.field === 'product') return vscode.l10n.t('the profile has no product; set product = "dedicated" (Cloud Dedicated) or "clustered" (Clustered)');
      if (p.field === 'host') return vscode.l10n.t('the profile has no host; set host to the cluster host name (Clustered profiles need it)');
      if (p.field === 'port') return vscode.l10n.t('the profile has no port; set port to a number from 1 to 65535, as a string');
      return vscode.l10n.t('the profile has no {0}; set account_id and cluster_id (Cloud Dedicated profiles need both)', p.field);
    case 'unknown':
      return vscode.l10n.t('product {0} is unknown; set product = "dedicated" (Cloud Dedicated) or "clustered" (Clustered)', v ?? '""');
    case 'notUuid':
      if (p.field === 'account_id') {
        return v === undefined
          ? vscode.l10n.t('{0} is not a UUID; set {0} to the account ID as the Cloud Dedicated console shows it (8-4-4-4-12 hexadecimal digits)', p.field)
          : vscode.l10n.t('{0} {1} is not a UUID; set {0} to the account ID as the Cloud Dedicated console shows it (8-4-4-4-12 hexadecimal digits)', p.field, v);
      }
      return v === undefined
        ? vscode.l10n.t('{0} is not a UUID; set {0} to the cluster ID as the Cloud Dedicated console shows it (8-4-4-4-12 hexadecimal digits)', p.field)
        : vscode.l10n.t('{0} {1} is not a UUID; set {0} to the cluster ID as the Cloud Dedicated console shows it (8-4-4-4-12 hexadecimal digits)', p.field, v);
    case 'notHostName':
      return v === undefined
        ? vscode.l10n.t('host is not a host name; write only the name or IP address, for example "cluster-host.com" (no path, no user, no spaces or escapes; the port goes in port)')
        : vscode.l10n.t('host {0} is not a host name; write only the name or IP address, for example "cluster-host.com" (no path, no user, no spaces or escapes; the port goes in port)', v);
    case 'notPort':
      return v === undefined
        ? vscode.l10n.t('port is not a port number; set port to a number from 1 to 65535, as a string')
        : vscode.l10n.t('port {0} is not a port number; set port to a number from 1 to 65535, as a string', v);
    case 'portTwice':
      return vscode.l10n.t('host {0} has a port, and the profile sets port too; write the port in port only', v ?? '""');
  }
}

/** The same in a few words, for a profile row at the default sidebar width (the tooltip has the sentence). */
export function describeClusterOriginProblemBriefly(p: ClusterOriginProblem): string {
  switch (p.reason) {
    case 'tokenShaped':
      return vscode.l10n.t('a token in {0}', p.field);
    case 'missing':
      return vscode.l10n.t('{0} missing', p.field);
    case 'unknown':
      return vscode.l10n.t('unknown product');
    case 'notUuid':
      return vscode.l10n.t('{0} not a UUID', p.field);
    case 'notHostName':
      return vscode.l10n.t('host not a host name');
    case 'notPort':
      return vscode.l10n.t('port not a number');
    case 'portTwice':
      return vscode.l10n.t('port given twice');
  }
}
