import * as vscode from 'vscode';

/**
 * A cluster (origin key, see core/clusterOrigin) in words: "cluster-host.com:443",
 * or "Cloud Dedicated cluster 1b2c… of account 9f8e…".
 */
export function describeOrigin(key: string): string {
  const dedicated = /^dedicated\/([^/]+)\/([^/]+)$/.exec(key);
  if (dedicated) return vscode.l10n.t('Cloud Dedicated cluster {0} (account {1})', dedicated[2], dedicated[1]);
  const clustered = /^clustered\/(.+)$/.exec(key);
  return clustered ? clustered[1] : key;
}
