/**
 * Which cluster a profile names, by one rule: the Management API's URLs are
 * built from it, and stored secrets are bound to it (originKey()).
 *
 * - Cloud Dedicated: the account and cluster UUIDs (lower-cased); anything
 *   else is refused, so that `.`, `..`, `/`, `\` or `%` never reach a path.
 * - Clustered: a host name, IPv4 or IPv6 literal (lower-cased, IPv6 without
 *   brackets, in its canonical form) and a port (443 by default). A pasted
 *   `https://` and trailing `/` are tolerated; anything else that is not a
 *   host (escapes, blanks, `/?#@\`, zone IDs, brackets with a port, a port
 *   written twice) is refused, never handed to `new URL`.
 *
 * A value shaped like a token (a secret pasted into the wrong key) is refused
 * in every field, and never repeated: the problem names only the field.
 * Pure: no I/O.
 */
import { isIPv4, isIPv6 } from 'net';
import { whyNotATokenSecret } from './createdManagementToken';
import { redactSecrets } from './redact';
import type { Profile } from './types';

export type ClusterOrigin =
  /** UUIDs, lower-cased. */
  | { product: 'dedicated'; accountId: string; clusterId: string }
  /** host lower-cased (IPv6 without brackets), port 443 when the profile sets none. */
  | { product: 'clustered'; host: string; port: number };

export type ClusterOriginField = 'product' | 'account_id' | 'cluster_id' | 'host' | 'port';

export type ClusterOriginProblem = {
  /** The config.toml key at fault. */
  field: ClusterOriginField;
  /**
   * missing: unset or empty; unknown: a product other than dedicated or
   * clustered; notUuid, notHostName, notPort: not of the field's form;
   * tokenShaped: looks like a secret (never repeated); portTwice: `host:port`
   * in host while port is set too.
   */
  reason: 'missing' | 'unknown' | 'notUuid' | 'notHostName' | 'notPort' | 'tokenShaped' | 'portTwice';
  /** The value as the profile gives it; never set when tokenShaped. */
  value?: string;
};

export type ClusterOriginResult = { ok: true; origin: ClusterOrigin } | { ok: false; problem: ClusterOriginProblem };

/** The port of a Clustered profile that sets none (influxctl's default). */
export const DEFAULT_CLUSTER_PORT = 443;

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Whether a value looks like a secret: a management token (`M.V<n>.…`), a
 * database token (`apiv<n>_…`) or anything else the log redaction would hide
 * (an Authorization header, `token=…`, a long random run), also once
 * %-decoded. A UUID never does.
 */
export function isTokenShaped(value: string): boolean {
  if (value === '' || UUID.test(value)) return false;
  const forms = [value];
  if (value.includes('%')) {
    try {
      forms.push(decodeURIComponent(value));
    } catch {
      // A broken escape: the value as it is.
    }
  }
  return forms.some((v) => whyNotATokenSecret(v.trim()) === undefined || redactSecrets(v) !== v);
}

function problem(field: ClusterOriginField, reason: ClusterOriginProblem['reason'], value?: string): { ok: false; problem: ClusterOriginProblem } {
  return { ok: false, problem: reason === 'tokenShaped' || value === undefined ? { field, reason } : { field, reason, value } };
}

/** A profile's field as text: a number (TOML integer) as its digits; anything else that is not text as undefined. */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** The first field holding something token-shaped, checked before anything else is read. */
function tokenShapedField(profile: Profile): ClusterOriginField | undefined {
  const fields: [ClusterOriginField, unknown][] = [
    ['product', profile.product],
    ['account_id', profile.accountId],
    ['cluster_id', profile.clusterId],
    ['host', profile.host],
    ['port', profile.port],
  ];
  return fields.find(([, v]) => typeof v === 'string' && isTokenShaped(v))?.[0];
}

function uuidOf(field: 'account_id' | 'cluster_id', raw: unknown): { ok: true; value: string } | { ok: false; problem: ClusterOriginProblem } {
  const value = text(raw);
  if (raw === undefined || raw === null || value === '') return problem(field, 'missing');
  if (value === undefined || !UUID.test(value)) return problem(field, 'notUuid', value);
  return { ok: true, value: value.toLowerCase() };
}

/** The port in `value` (digits only, 1 to 65535), or undefined. */
function portNumber(value: string): number | undefined {
  if (!/^[0-9]{1,5}$/.test(value)) return undefined;
  const n = Number(value);
  return n >= 1 && n <= 65535 ? n : undefined;
}

/** A canonical IPv6 literal (lower case, zeros compressed, as URLs write it), or undefined. */
function canonicalIpv6(value: string): string | undefined {
  // A zone ID (fe80::1%eth0) names an interface of this machine: no cluster.
  if (!/^[0-9A-Fa-f:.]+$/.test(value) || !isIPv6(value)) return undefined;
  return new URL(`http://[${value}]/`).hostname.slice(1, -1);
}

/** A host name (letters, digits, hyphens; labels of 1 to 63) or a dotted-quad IPv4, lower-cased; or undefined. */
function canonicalName(value: string): string | undefined {
  const name = (value.endsWith('.') ? value.slice(0, -1) : value).toLowerCase();
  if (name === '' || name.length > 253) return undefined;
  const labels = name.split('.');
  // A numeric last label makes the whole an IPv4 address to URL parsers (127.1, 0x7f.1, 2130706433):
  // only the dotted-quad form is taken, so that one address has one spelling.
  if (/^(?:[0-9]+|0x[0-9a-f]*)$/.test(labels[labels.length - 1])) return isIPv4(name) ? name : undefined;
  return labels.every((l) => LABEL.test(l)) ? name : undefined;
}

function clusteredOrigin(profile: Profile): ClusterOriginResult {
  const raw = profile.host;
  const given = text(raw);
  if (raw === undefined || raw === null || (given !== undefined && given.trim() === '')) return problem('host', 'missing');
  if (given === undefined) return problem('host', 'notHostName');
  // influxctl wants a bare host name; tolerate a pasted https:// and trailing slashes.
  const host = given.replace(/^https?:\/\//i, '').replace(/\/+$/, '');
  const portText = text(profile.port);
  const portSet = portText !== undefined && portText.trim() !== '';
  let port = DEFAULT_CLUSTER_PORT;
  if (portSet) {
    const n = portNumber(portText);
    if (n === undefined) return problem('port', 'notPort', portText);
    port = n;
  } else if (profile.port !== undefined && profile.port !== null && portText === undefined) {
    return problem('port', 'notPort');
  }
  let name: string | undefined;
  if (host.startsWith('[')) {
    // [::1] is an IPv6 literal as URLs write it; [::1]:8443 puts the port where it does not belong.
    const m = /^\[([^\]]*)\]$/.exec(host);
    name = m ? canonicalIpv6(m[1]) : undefined;
  } else if (host.includes(':') && host.indexOf(':') !== host.lastIndexOf(':')) {
    name = canonicalIpv6(host);
  } else if (host.includes(':')) {
    // host:port, as one might write it; taken only when port is not set as well.
    const at = host.indexOf(':');
    const inHost = portNumber(host.slice(at + 1));
    name = canonicalName(host.slice(0, at));
    if (name !== undefined && inHost !== undefined) {
      if (portSet) return problem('host', 'portTwice', given);
      port = inHost;
    } else {
      name = undefined;
    }
  } else {
    name = canonicalName(host);
  }
  if (name === undefined) return problem('host', 'notHostName', given);
  return { ok: true, origin: { product: 'clustered', host: name, port } };
}

/**
 * Which cluster `profile` names, or the first problem that keeps it from
 * naming one. Token-shaped values are looked for first, in every field.
 */
export function clusterOrigin(profile: Profile): ClusterOriginResult {
  const shaped = tokenShapedField(profile);
  if (shaped) return problem(shaped, 'tokenShaped');
  const product = text(profile.product);
  if (product === undefined || product === '') return problem('product', 'missing');
  if (product === 'dedicated') {
    const account = uuidOf('account_id', profile.accountId);
    if (!account.ok) return account;
    const cluster = uuidOf('cluster_id', profile.clusterId);
    if (!cluster.ok) return cluster;
    return { ok: true, origin: { product: 'dedicated', accountId: account.value, clusterId: cluster.value } };
  }
  if (product === 'clustered') return clusteredOrigin(profile);
  return problem('product', 'unknown', product);
}

/**
 * A canonical, stable key of a cluster: `dedicated/<account>/<cluster>` or
 * `clustered/<host>:<port>` (`clustered/[<ipv6>]:<port>`). Two origins have
 * the same key exactly when they name the same cluster.
 */
export function originKey(o: ClusterOrigin): string {
  if (o.product === 'dedicated') return `dedicated/${o.accountId.toLowerCase()}/${o.clusterId.toLowerCase()}`;
  const host = o.host.toLowerCase();
  return `clustered/${host.includes(':') ? `[${host}]` : host}:${o.port}`;
}

/** The origin key of the cluster a profile names, or undefined when it names none (what a stored secret is bound to). */
export function profileOriginKey(profile: Profile): string | undefined {
  const result = clusterOrigin(profile);
  return result.ok ? originKey(result.origin) : undefined;
}

/** Whether a Clustered host is this machine: `localhost`, 127.0.0.0/8 or ::1 (also IPv4-mapped). */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h === 'localhost.') return true;
  if (isIPv4(h)) return h.startsWith('127.');
  const v6 = canonicalIpv6(h);
  if (v6 === undefined) return false;
  if (v6 === '::1') return true;
  // ::ffff:127.x.y.z, which URLs write ::ffff:7fxx:xxxx.
  const mapped = /^::ffff:([0-9a-f]{1,4}):[0-9a-f]{1,4}$/.exec(v6);
  return mapped !== null && parseInt(mapped[1], 16) >> 8 === 127;
}

/** `value` quoted for a message, cut short. */
function quoted(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 79)}…` : value);
}

const PRODUCTS = 'set product = "dedicated" (Cloud Dedicated) or "clustered" (Clustered)';

/**
 * One sentence (without the final full stop) saying what is wrong and what to
 * set; it repeats the value only when the value is not token-shaped.
 */
export function describeClusterOriginProblem(p: ClusterOriginProblem): string {
  const v = p.value === undefined ? '' : ` ${quoted(p.value)}`;
  switch (p.reason) {
    case 'tokenShaped':
      return `${p.field} holds what looks like a token (a secret), not ${p.field === 'host' ? 'a host name' : p.field === 'port' ? 'a port' : p.field === 'product' ? 'a product' : 'an ID'}; it was not sent anywhere. Put the right value in ${p.field}, and keep tokens in mgmt_token or token only`;
    case 'missing':
      if (p.field === 'product') return `the profile has no product; ${PRODUCTS}`;
      if (p.field === 'host') return 'the profile has no host; set host to the cluster host name (Clustered profiles need it)';
      if (p.field === 'port') return 'the profile has no port; set port to a number from 1 to 65535, as a string';
      return `the profile has no ${p.field}; set account_id and cluster_id (Cloud Dedicated profiles need both)`;
    case 'unknown':
      return `product${v} is unknown; ${PRODUCTS}`;
    case 'notUuid':
      return `${p.field}${v} is not a UUID; set ${p.field} to the ${p.field === 'account_id' ? 'account' : 'cluster'} ID as the Cloud Dedicated console shows it (8-4-4-4-12 hexadecimal digits)`;
    case 'notHostName':
      return `host${v} is not a host name; write only the name or IP address, for example "cluster-host.com" (no path, no user, no spaces or escapes; the port goes in port)`;
    case 'notPort':
      return `port${v} is not a port number; set port to a number from 1 to 65535, as a string`;
    case 'portTwice':
      return `host${v} has a port, and the profile sets port too; write the port in port only`;
  }
}
