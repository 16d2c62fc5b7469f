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
 * examineOrigin() is the rule; config.toml's linter reports by it too, so the
 * two never disagree on what a profile needs. Pure: no I/O.
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

function problem(field: ClusterOriginField, reason: ClusterOriginProblem['reason'], value?: string): ClusterOriginProblem {
  return reason === 'tokenShaped' || value === undefined ? { field, reason } : { field, reason, value };
}

/** A profile's field as text: a number (TOML integer) as its digits; anything else that is not text as undefined. */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** The fields of a profile the rule reads, by config.toml key, as the profile holds them. */
export type OriginFields = Readonly<Partial<Record<ClusterOriginField, unknown>>>;

/** In the order they are looked at: token-shaped values in this order first, then the product, then what it needs. */
const ORIGIN_FIELDS: readonly ClusterOriginField[] = ['product', 'account_id', 'cluster_id', 'host', 'port'];

/** The products config.toml's `product` names. */
export const KNOWN_PRODUCTS = ['dedicated', 'clustered'] as const;
export type Product = (typeof KNOWN_PRODUCTS)[number];

export type OriginExamination = { ok: true; origin: ClusterOrigin } | { ok: false; problems: ClusterOriginProblem[] };

/** A UUID field, lower-cased; or its problem, pushed to `problems`. */
function uuidOf(field: 'account_id' | 'cluster_id', raw: unknown, problems: ClusterOriginProblem[]): string | undefined {
  const value = text(raw);
  if (raw === undefined || raw === null || value === '') problems.push(problem(field, 'missing'));
  else if (value === undefined || !UUID.test(value)) problems.push(problem(field, 'notUuid', value));
  else return value.toLowerCase();
  return undefined;
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

/** The host named by `host` (a pasted https:// and trailing slashes tolerated), with the port it carries; or its problem. */
function hostOf(given: string, portSet: boolean): { name: string; port?: number } | ClusterOriginProblem {
  const host = given.replace(/^https?:\/\//i, '').replace(/\/+$/, '');
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
    if (name !== undefined && inHost !== undefined) return portSet ? problem('host', 'portTwice', given) : { name, port: inHost };
    name = undefined;
  } else {
    name = canonicalName(host);
  }
  return name === undefined ? problem('host', 'notHostName', given) : { name };
}

/**
 * Clustered: a missing host, then port, then the form of host, in that order
 * (clusterOrigin reports the first). `skip`: fields already found token-shaped.
 */
function clusteredOrigin(fields: OriginFields, skip: ReadonlySet<ClusterOriginField>, problems: ClusterOriginProblem[]): ClusterOrigin | undefined {
  const raw = fields.host;
  const given = text(raw);
  const hostUsable = !skip.has('host') && given !== undefined && given.trim() !== '';
  if (!skip.has('host') && (raw === undefined || raw === null || (given !== undefined && given.trim() === ''))) problems.push(problem('host', 'missing'));
  else if (!skip.has('host') && given === undefined) problems.push(problem('host', 'notHostName'));
  const portText = text(fields.port);
  const portSet = portText !== undefined && portText.trim() !== '';
  let port: number | undefined = DEFAULT_CLUSTER_PORT;
  if (skip.has('port')) port = undefined;
  else if (portSet) {
    port = portNumber(portText);
    if (port === undefined) problems.push(problem('port', 'notPort', portText));
  } else if (fields.port !== undefined && fields.port !== null && portText === undefined) {
    port = undefined;
    problems.push(problem('port', 'notPort'));
  }
  if (!hostUsable) return undefined;
  const host = hostOf(given, portSet);
  if ('field' in host) {
    problems.push(host);
    return undefined;
  }
  const at = host.port ?? port;
  return at === undefined ? undefined : { product: 'clustered', host: host.name, port: at };
}

/**
 * What each product needs, the one rule: the linter reports every problem it
 * finds, clusterOrigin() the first. Cloud Dedicated needs account_id and
 * cluster_id (UUIDs); Clustered needs host (a host name or IP literal,
 * optionally with its port) and takes port (1 to 65535, 443 when unset); a
 * product other than those names no cluster. Token-shaped values are refused
 * in every field, first, and never repeated. At most one problem per field.
 */
export function examineOrigin(fields: OriginFields): OriginExamination {
  const shaped = new Set(
    ORIGIN_FIELDS.filter((f) => {
      const v = fields[f];
      return typeof v === 'string' && isTokenShaped(v);
    }),
  );
  const problems = [...shaped].map((f) => problem(f, 'tokenShaped'));
  // A token-shaped product names no product: what it would need is unknown.
  const origin = shaped.has('product') ? undefined : productOrigin(fields, shaped, problems);
  return problems.length === 0 && origin ? { ok: true, origin } : { ok: false, problems };
}

function productOrigin(fields: OriginFields, skip: ReadonlySet<ClusterOriginField>, problems: ClusterOriginProblem[]): ClusterOrigin | undefined {
  const product = text(fields.product);
  if (product === undefined || product === '') {
    problems.push(problem('product', 'missing'));
  } else if (product === 'dedicated') {
    const accountId = skip.has('account_id') ? undefined : uuidOf('account_id', fields.account_id, problems);
    const clusterId = skip.has('cluster_id') ? undefined : uuidOf('cluster_id', fields.cluster_id, problems);
    if (accountId !== undefined && clusterId !== undefined) return { product: 'dedicated', accountId, clusterId };
  } else if (product === 'clustered') {
    return clusteredOrigin(fields, skip, problems);
  } else {
    problems.push(problem('product', 'unknown', product));
  }
  return undefined;
}

/** A profile's fields by config.toml key. */
function originFields(profile: Profile): OriginFields {
  return { product: profile.product, account_id: profile.accountId, cluster_id: profile.clusterId, host: profile.host, port: profile.port };
}

/**
 * Which cluster `profile` names, or the first problem that keeps it from
 * naming one (by examineOrigin(), the rule the linter reports by).
 */
export function clusterOrigin(profile: Profile): ClusterOriginResult {
  const r = examineOrigin(originFields(profile));
  return r.ok ? r : { ok: false, problem: r.problems[0] };
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

/** A URL of a host and port: `https://host[:port]` (http only with `[profile.tls] disable = true`), IPv6 in brackets, the default port left out. */
export function originUrl(scheme: 'https' | 'http', host: string, port: number): string {
  const name = host.includes(':') ? `[${host}]` : host;
  return `${scheme}://${name}${port === (scheme === 'https' ? 443 : 80) ? '' : `:${port}`}`;
}
