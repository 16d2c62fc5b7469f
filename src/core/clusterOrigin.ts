import type { Profile } from './types';

/** The cluster a profile names: what a stored secret is bound to and the only place it is sent. */
export type ClusterOrigin =
  | { product: 'dedicated'; accountId: string; clusterId: string }
  | { product: 'clustered'; host: string; port: number };

export type ClusterOriginProblem = {
  field: 'product' | 'account_id' | 'cluster_id' | 'host' | 'port';
  reason: 'missing' | 'unknown' | 'notUuid' | 'notHostName' | 'notPort' | 'tokenShaped' | 'portTwice';
  value?: string;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function clusterOrigin(profile: Profile): { ok: true; origin: ClusterOrigin } | { ok: false; problem: ClusterOriginProblem } {
  if (profile.product === 'dedicated') {
    for (const [field, value] of [['account_id', profile.accountId], ['cluster_id', profile.clusterId]] as const) {
      if (!value) return { ok: false, problem: { field, reason: 'missing' } };
      if (!UUID.test(value)) return { ok: false, problem: { field, reason: 'notUuid', value } };
    }
    return { ok: true, origin: { product: 'dedicated', accountId: profile.accountId!.toLowerCase(), clusterId: profile.clusterId!.toLowerCase() } };
  }
  if (profile.product === 'clustered') {
    const host = (profile.host ?? '').trim().replace(/^https?:\/\//i, '').replace(/\/+$/, '').toLowerCase();
    if (!host) return { ok: false, problem: { field: 'host', reason: 'missing' } };
    if (!/^[a-z0-9.-]+$|^\[?[0-9a-f:.]+\]?$/.test(host)) return { ok: false, problem: { field: 'host', reason: 'notHostName', value: host } };
    const port = profile.port?.trim() ? Number(profile.port.trim()) : 443;
    if (!Number.isInteger(port) || port < 1 || port > 65535) return { ok: false, problem: { field: 'port', reason: 'notPort', value: profile.port } };
    return { ok: true, origin: { product: 'clustered', host: host.replace(/^\[|\]$/g, ''), port } };
  }
  return { ok: false, problem: { field: 'product', reason: profile.product ? 'unknown' : 'missing', value: profile.product } };
}

/** Canonical: equal keys, same cluster. */
export function originKey(o: ClusterOrigin): string {
  return o.product === 'dedicated' ? `dedicated/${o.accountId}/${o.clusterId}` : `clustered/${o.host}:${o.port}`;
}
