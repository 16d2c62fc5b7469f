/**
 * What influxctl would refuse or misread in config.toml, as structured
 * findings: the VS Code layer words them (src/configToml/configProblemText.ts).
 * Keys and types are configKeyLint.ts's part; what each product needs is
 * examineOrigin()'s, the rule the Management API's URLs are built by.
 */
import { examineOrigin, isTokenShaped, KNOWN_PRODUCTS, type ClusterOriginField, type ClusterOriginProblem, type Product } from './clusterOrigin';
import type { ConfigEncoding } from './configEncoding';
import { closestKey, lintKeys, type Finding, type KeyFacts, type ProfileSeen, type Span } from './configKeyLint';
import { ConfigError, parseToml, type ConfigErrorReason } from './profiles';
import { LineIndex, scanToml, type TomlStatement } from './tomlScan';

export type ConfigProblemCode = ConfigProblemFacts['code'];

/** A profile: its name, or its place among the profiles (from 1) when it has no name that can be shown. */
export type ProfileLabel = string | number;

/**
 * What is wrong, by code, with the facts the words need. No string from the
 * file that looks like a token is ever in them (nor in a suggestion).
 */
export type ConfigProblemFacts =
  /** Not TOML (`detail`: the parser's own text), unreadable, or nested too deep (under the top-level `key`). */
  | { code: 'syntax'; reason: 'invalid' | 'unreadable'; detail: string }
  | { code: 'syntax'; reason: 'tooDeep'; maxDepth: number; key?: string }
  /** The file is stored in an encoding influxctl cannot read. */
  | { code: 'bom'; encoding: Exclude<ConfigEncoding, 'utf-8'> }
  | KeyFacts
  /** A field a profile needs is unset or empty (`empty`): its name, its product, or a field its `product` needs. */
  | { code: 'missingField'; profile: ProfileLabel; key: 'name'; empty: false }
  | { code: 'missingField'; profile: ProfileLabel; key: 'product'; empty: boolean }
  | { code: 'missingField'; profile: ProfileLabel; key: Exclude<ClusterOriginField, 'product'>; empty: boolean; product: Product }
  /** product names neither product; `didYouMean`, one it resembles. */
  | { code: 'badProduct'; profile: ProfileLabel; value: string; didYouMean?: Product }
  /** A field is not of its form (`value`: what it holds, absent when token-shaped). */
  | { code: 'badValue'; profile: ProfileLabel; key: ClusterOriginField; reason: Exclude<ClusterOriginProblem['reason'], 'missing' | 'unknown'>; value?: string }
  /** The profile has the name of an earlier one. */
  | { code: 'duplicateName'; profile: ProfileLabel };

/** One finding in config.toml. Lines and columns count from 0; the end is exclusive. */
export type ConfigProblem = ConfigProblemFacts & {
  severity: 'error' | 'warning';
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Text that may replace the range as a quick fix (a key name, or a value such as `"443"`; '' deletes the range). */
  suggestion?: string;
};

export interface LintOptions {
  /**
   * How the file is stored on disk, when an editor decoded `text` from it
   * (VS Code hides a byte order mark from the text). One influxctl cannot
   * read is reported at the start of line 1, without a text fix: the fix is
   * to write the file as UTF-8 without a mark.
   */
  encoding?: ConfigEncoding;
}

/**
 * Checks influxctl's config.toml: its encoding, TOML syntax, keys influxctl
 * rejects (with the nearest known key as a suggestion), value types, what
 * each profile's product needs, and duplicate profile names. Linear in the
 * size of the text.
 */
export function lintConfig(text: string, options: LintOptions = {}): ConfigProblem[] {
  return [...encodingProblems(text, options.encoding), ...contentProblems(text)];
}

/** A file influxctl cannot read for its encoding: Go's TOML parser, unlike @iarna/toml here, refuses a mark and reads UTF-8 only. */
function encodingProblems(text: string, encoding: ConfigEncoding | undefined): ConfigProblem[] {
  // A mark the text holds is one a UTF-8 reader kept, unless the file says otherwise.
  const inText = text.charCodeAt(0) === 0xfeff;
  const stored = encoding && encoding !== 'utf-8' ? encoding : inText ? 'utf-8-bom' : 'utf-8';
  if (stored === 'utf-8') return [];
  const range = { severity: 'error' as const, line: 0, column: 0, endLine: 0, endColumn: inText ? 1 : 0 };
  return [{ code: 'bom', encoding: stored, ...range, ...(inText && stored === 'utf-8-bom' ? { suggestion: '' } : {}) }];
}

/** Everything but the encoding, sorted by position. */
function contentProblems(text: string): ConfigProblem[] {
  let data;
  try {
    data = parseToml(text);
  } catch (err) {
    // parseToml's own errors say what failed; anything else is a bug to surface.
    if (!(err instanceof ConfigError)) throw err;
    return [syntaxProblem(text, err, err.reason)];
  }
  let statements: TomlStatement[];
  try {
    statements = scanToml(text);
  } catch {
    return []; // valid TOML the scanner cannot follow: nothing to point at
  }
  const { findings, profiles } = lintKeys(text, data, statements);
  const index = new LineIndex(text);
  return [...findings, ...profileFindings(profiles)].map((f) => problemAt(index, f)).sort((a, b) => a.line - b.line || a.column - b.column);
}

function problemAt(index: LineIndex, f: Finding<ConfigProblemFacts>): ConfigProblem {
  const a = index.position(f.span.start);
  const b = index.position(Math.max(f.span.start, f.span.end));
  const range = { severity: f.severity, line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  return { ...f.facts, ...range, ...(f.suggestion === undefined ? {} : { suggestion: f.suggestion }) };
}

/** The parse error at the parser's position, 0-based; past the end of the line (the parser often points there), the line's text. */
function syntaxProblem(text: string, err: ConfigError, r: ConfigErrorReason): ConfigProblem {
  const line = Math.max(0, (err.line ?? 1) - 1);
  const column = Math.max(0, (err.column ?? 1) - 1);
  const lineText = text.split('\n')[line]?.replace(/\r$/, '') ?? '';
  const start = column < lineText.length ? column : Math.min(column, lineText.search(/\S|$/));
  const range = { severity: 'error' as const, line, column: start, endLine: line, endColumn: Math.max(column, lineText.length) };
  switch (r.code) {
    case 'notToml':
      return { code: 'syntax', reason: 'invalid', detail: r.parserMessage, ...range };
    case 'tooDeep':
      return { code: 'syntax', reason: 'tooDeep', maxDepth: r.limit, ...(isTokenShaped(r.key) ? {} : { key: r.key }), ...range };
    default:
      // parseToml throws nothing else; 'unreadable' keeps what the parser said.
      return { code: 'syntax', reason: 'unreadable', detail: 'parserMessage' in r ? r.parserMessage : err.message, ...range };
  }
}

/** Per profile, in order: its name (missing, or taken by an earlier profile) and what its product needs. */
function profileFindings(profiles: ProfileSeen[]): Finding<ConfigProblemFacts>[] {
  const names = new Set<string>();
  // One array, filled in a loop: a 5 MB file has tens of thousands of profiles, nearly all without findings.
  const found: Finding<ConfigProblemFacts>[] = [];
  profiles.forEach((p, i) => {
    const name = p.data.name;
    const label = (): ProfileLabel => (typeof name === 'string' && !isTokenShaped(name) ? name : i + 1);
    if (name === undefined) found.push({ span: p.header, severity: 'warning', facts: { code: 'missingField', profile: label(), key: 'name', empty: false } });
    else if (typeof name === 'string' && names.has(name)) found.push({ span: valueSpan(p, 'name'), severity: 'error', facts: { code: 'duplicateName', profile: label() } });
    else if (typeof name === 'string') names.add(name);
    productFindings(p, label, found);
  });
  return found;
}

/** Where `key`'s value is written, or the profile's header when it is not written as the profile's own statement. */
function valueSpan(p: ProfileSeen, key: string): Span {
  const s = p.own.get(key);
  return s ? { start: s.valueStart, end: s.valueEnd } : p.header;
}

/**
 * What examineOrigin() (the rule clusterOrigin() applies) refuses, added to
 * `found`. A field whose value is not a string is left to its wrongType finding.
 */
function productFindings(p: ProfileSeen, label: () => ProfileLabel, found: Finding<ConfigProblemFacts>[]): void {
  const d = p.data;
  const fields: Record<ClusterOriginField, unknown> = { product: d.product, account_id: d.account_id, cluster_id: d.cluster_id, host: d.host, port: d.port };
  const r = examineOrigin(fields);
  if (r.ok) return;
  const profile = label();
  const product = KNOWN_PRODUCTS.find((known) => known === d.product);
  for (const q of r.problems) {
    if (d[q.field] !== undefined && typeof d[q.field] !== 'string') continue;
    const span = valueSpan(p, q.field);
    if (q.reason === 'missing') {
      const empty = d[q.field] !== undefined;
      // The rule asks for other fields only once the product is known.
      const facts: ConfigProblemFacts = q.field === 'product' ? { code: 'missingField', profile, key: 'product', empty } : { code: 'missingField', profile, key: q.field, empty, product: product! };
      found.push({ span, severity: 'error', facts });
    } else if (q.reason === 'unknown') {
      const value = String(d.product);
      const lower = value.toLowerCase();
      const closest = closestKey(lower, KNOWN_PRODUCTS);
      const near = KNOWN_PRODUCTS.find((c) => lower.includes(c)) ?? KNOWN_PRODUCTS.find((c) => c === closest);
      found.push({ span, severity: 'error', facts: { code: 'badProduct', profile, value, ...(near ? { didYouMean: near } : {}) }, ...(near ? { suggestion: `"${near}"` } : {}) });
    } else {
      found.push({ span, severity: 'error', facts: { code: 'badValue', profile, key: q.field, reason: q.reason, ...(q.value === undefined ? {} : { value: q.value }) } });
    }
  }
}
