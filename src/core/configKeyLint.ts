/**
 * The keys and value types of config.toml, statement by statement: keys
 * influxctl rejects (with the nearest known key), values of the wrong type,
 * tables in the wrong place. What a profile must hold is configLint.ts's part.
 */
import type * as TOML from '@iarna/toml';
import { isTokenShaped } from './clusterOrigin';
import configKeys from './configKeys.json';
import type { TomlHeader, TomlKeyValue, TomlStatement } from './tomlScan';

export interface KeySpec {
  type: 'string' | 'boolean' | 'stringArray' | 'table' | 'tableArray' | 'map';
  description: string;
}

/** What influxctl reads, by table path ('' is the top level). A `map` holds free-form keys. Data: configKeys.json. */
export const CONFIG_KEYS: Readonly<Record<string, Readonly<Record<string, KeySpec>>>> = configKeys as Record<string, Record<string, KeySpec>>;

/** Key -> short description, by table path; for completion. Pure: left out of bundles that do not use it. */
export const KNOWN_KEYS: Readonly<Record<string, Readonly<Record<string, string>>>> = /* @__PURE__ */ keyDescriptions();

function keyDescriptions(): Record<string, Record<string, string>> {
  return Object.fromEntries(
    Object.entries(CONFIG_KEYS).map(([table, keys]) => [table, Object.fromEntries(Object.entries(keys).map(([k, spec]) => [k, spec.description]))]),
  );
}

const has = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

/** The keys of `table`. Own properties only, here and in specOf: a key named `constructor` is unknown like any other. */
function keysOf(table: string): Readonly<Record<string, KeySpec>> {
  return has(CONFIG_KEYS, table) ? CONFIG_KEYS[table] : {};
}

function specOf(table: string, key: string): KeySpec | undefined {
  const keys = keysOf(table);
  return has(keys, key) ? keys[key] : undefined;
}

/** Keys seen in the wild that influxctl does not (or no longer) accept in [profile.auth.oauth2]. */
const LEGACY_OAUTH2: Readonly<Record<string, 'removed' | 'parameter'>> = { client_secret: 'removed', audience: 'parameter' };

/** What a value turned out to be; a header ([x] or [[x]]) makes a table where another type belongs. */
export type FoundKind = 'string' | 'number' | 'boolean' | 'date' | 'array' | 'table' | 'tableHeader' | 'tableArrayHeader';

/** Findings about keys and types. Strings from the file are left out when they look like a token. */
export type KeyFacts =
  /**
   * A key influxctl does not read in `table` ('' is the top level). `why`:
   * removed (influxctl 2.9.8 dropped it), parameter (belongs in `parameters`),
   * profileKeyInSubTable (a profile key written after a sub-table header).
   */
  | { code: 'unknownKey'; table: string; key?: string; didYouMean?: string; why?: 'removed' | 'parameter' | 'profileKeyInSubTable' }
  /** `key` of `table` holds a `found` where a `expected` belongs; `inline`: inside an inline table the range covers. */
  | { code: 'wrongType'; table: string; key: string; expected: KeySpec['type']; found: FoundKind; inline?: true; didYouMean?: string }
  /** A sub-table header (its dotted path) before any [[profile]]. */
  | { code: 'orphanTable'; table?: string };

/** A finding as offsets in the text; configLint turns it into a ConfigProblem. */
export interface Finding<F> {
  span: Span;
  severity: 'error' | 'warning';
  facts: F;
  /** Text that may replace the span as a quick fix. */
  suggestion?: string;
}

export interface Span {
  start: number;
  end: number;
}

/** A profile as the statements wrote it: its parsed data, its header, and its own `key = value` statements. */
export interface ProfileSeen {
  data: TOML.JsonMap;
  header: Span;
  own: Map<string, TomlKeyValue>;
}

const MAP = '\u0000map'; // context inside a free-form table
const IGNORE = '\u0000ignore'; // context already reported (or not influxctl's)

/** Offsets of each part of a dotted key starting at `pos` (after blanks), and where it ends. */
function keySpans(text: string, pos: number): { parts: Span[]; end: number } {
  const parts: Span[] = [];
  let i = pos;
  const blanks = () => {
    while (text[i] === ' ' || text[i] === '\t') i++;
  };
  for (;;) {
    blanks();
    const start = i;
    const q = text[i];
    if (q === '"' || q === "'") {
      i++;
      while (i < text.length && text[i] !== q && text[i] !== '\n') i += q === '"' && text[i] === '\\' ? 2 : 1;
      i++;
    } else {
      while (i < text.length && /[A-Za-z0-9_-]/.test(text[i])) i++;
    }
    parts.push({ start, end: i });
    blanks();
    if (text[i] !== '.' || i === start) return { parts, end: i };
    i++;
  }
}

/** Restricted Damerau-Levenshtein distance. */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The closest of `candidates` within an edit distance of 2, if any. */
export function closestKey(key: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  const lower = key.toLowerCase();
  for (const c of candidates) {
    // The distance is at least the difference in length: a long key (a 1 MB one) is not compared at all.
    if (Math.abs(lower.length - c.length) >= bestDistance) continue;
    const dist = distance(lower, c);
    if (dist < bestDistance) {
      best = c;
      bestDistance = dist;
    }
  }
  return best;
}

export function isTable(v: unknown): v is TOML.JsonMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

function kindOf(v: unknown): FoundKind {
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'date';
  if (isTable(v)) return 'table';
  if (typeof v === 'number' || typeof v === 'bigint') return 'number';
  if (typeof v === 'boolean') return 'boolean';
  return 'string';
}

/** `text` unless it looks like a token (a secret is never repeated). */
function unlessTokenShaped(text: string): string | undefined {
  return isTokenShaped(text) ? undefined : text;
}

/** What `value` was probably meant to be, for a key of type `type`; never built from a token-shaped value. */
function meant(type: KeySpec['type'], value: unknown): string | undefined {
  if (type === 'string' && (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')) return `"${String(value)}"`;
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value;
  if (type === 'stringArray' && typeof value === 'string' && !isTokenShaped(value)) return `[${JSON.stringify(value)}]`;
  return undefined;
}

function isOfType(type: KeySpec['type'], value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'stringArray':
      return Array.isArray(value) && value.every((v) => typeof v === 'string');
    case 'map':
    case 'table':
      return isTable(value);
    case 'tableArray':
      return true; // only `profile`, which the statements' walk checks itself
  }
}

/** Walks config.toml's statements once, keeping the context (the table) each is in. */
class KeyLinter {
  readonly findings: Finding<KeyFacts>[] = [];
  readonly profiles: ProfileSeen[] = [];
  private readonly rawProfiles: unknown[];
  private context = '';
  private current: ProfileSeen | undefined;

  constructor(
    private readonly text: string,
    private readonly data: TOML.JsonMap,
  ) {
    this.rawProfiles = Array.isArray(data.profile) ? (data.profile as unknown[]) : [];
  }

  private report(span: Span, severity: Finding<KeyFacts>['severity'], facts: KeyFacts, suggestion?: string): void {
    this.findings.push(suggestion === undefined ? { span, severity, facts } : { span, severity, facts, suggestion });
  }

  /**
   * Reports a key that is not in `table`; `span` is where the key is written.
   * `direct`: a plain key of a sub-table's own statement, so a profile key there was meant for the profile.
   */
  private unknownKey(table: string, key: string, span: Span, fixable: boolean, direct = false): void {
    const legacy = table === 'profile.auth.oauth2' && has(LEGACY_OAUTH2, key) ? LEGACY_OAUTH2[key] : undefined;
    if (legacy) {
      this.report(span, 'warning', { code: 'unknownKey', table, key, why: legacy });
      return;
    }
    if (direct && table.startsWith('profile.') && specOf('profile', key)) {
      this.report(span, 'error', { code: 'unknownKey', table, key, why: 'profileKeyInSubTable' });
      return;
    }
    const didYouMean = closestKey(key, Object.keys(keysOf(table)));
    const severity = table === '' || table === 'profile.auth.oauth2' ? 'warning' : 'error';
    const shown = unlessTokenShaped(key);
    this.report(
      span,
      severity,
      { code: 'unknownKey', table, ...(shown === undefined ? {} : { key: shown }), ...(didYouMean ? { didYouMean } : {}) },
      fixable ? didYouMean : undefined,
    );
  }

  /** Checks a value against its spec; tables written inline are checked key by key at `span`. */
  private checkValue(table: string, key: string, spec: KeySpec, value: unknown, span: Span, fixable = true): void {
    if (isOfType(spec.type, value)) {
      if (spec.type === 'table') this.checkInline(table ? `${table}.${key}` : key, value as TOML.JsonMap, span);
      return;
    }
    const didYouMean = meant(spec.type, value);
    this.report(
      span,
      'error',
      { code: 'wrongType', table, key, expected: spec.type, found: kindOf(value), ...(fixable ? {} : { inline: true as const }), ...(didYouMean ? { didYouMean } : {}) },
      fixable ? didYouMean : undefined,
    );
  }

  private checkInline(table: string, obj: TOML.JsonMap, span: Span): void {
    for (const [k, v] of Object.entries(obj)) {
      const spec = specOf(table, k);
      if (!spec) this.unknownKey(table, k, span, false);
      else this.checkValue(table, k, spec, v, span, false);
    }
  }

  /**
   * Follows `parts` from `table`; reports the first part that is unknown or
   * that is not a table while more parts follow. Returns the final table
   * context and the leaf spec, or undefined after a report.
   */
  private walk(table: string, parts: string[], spans: Span[], fallback: Span): { table: string; key: string; spec: KeySpec | undefined } | undefined {
    let t = table;
    for (let i = 0; i < parts.length; i++) {
      if (t === MAP) return { table: MAP, key: parts[i], spec: undefined };
      const spec = specOf(t, parts[i]);
      const span = spans[i] ?? fallback;
      if (!spec) {
        this.unknownKey(t, parts[i], span, spans[i] !== undefined, i === 0 && spans[i] !== undefined);
        return undefined;
      }
      if (i === parts.length - 1) return { table: t, key: parts[i], spec };
      if (spec.type === 'map') t = MAP;
      else if (spec.type === 'table') t = t ? `${t}.${parts[i]}` : parts[i];
      else {
        this.report(span, 'error', { code: 'wrongType', table: t, key: parts[i], expected: spec.type, found: 'table' });
        return undefined;
      }
    }
    return undefined;
  }

  private headerSpan(h: TomlHeader): { whole: Span; parts: Span[] } {
    let i = h.start;
    while (this.text[i] === ' ' || this.text[i] === '\t') i++;
    const open = i;
    i += h.kind === 'arrayTable' ? 2 : 1;
    const { parts, end } = keySpans(this.text, i);
    return { whole: { start: open, end: end + (h.kind === 'arrayTable' ? 2 : 1) }, parts };
  }

  /** A [table] or [[table]] header: sets the context of the statements that follow. */
  header(s: TomlHeader): void {
    const { whole, parts } = this.headerSpan(s);
    this.context = IGNORE;
    if (s.path.length === 1 && s.path[0] === 'profile') {
      if (s.kind === 'arrayTable') {
        const p = this.rawProfiles[this.profiles.length];
        this.current = { data: isTable(p) ? p : {}, header: whole, own: new Map() };
        this.profiles.push(this.current);
        this.context = 'profile';
      } else {
        this.report(whole, 'error', { code: 'wrongType', table: '', key: 'profile', expected: 'tableArray', found: 'tableHeader' });
      }
    } else if (s.path[0] !== 'profile') {
      this.unknownKey('', s.path[0], parts[0] ?? whole, parts[0] !== undefined);
    } else if (!this.current) {
      const table = unlessTokenShaped(s.path.join('.'));
      this.report(whole, 'error', table === undefined ? { code: 'orphanTable' } : { code: 'orphanTable', table });
    } else {
      this.subTable(s, whole, parts);
    }
  }

  /** A [profile.…] header after a [[profile]]. */
  private subTable(s: TomlHeader, whole: Span, parts: Span[]): void {
    const found = this.walk('profile', s.path.slice(1), parts.slice(1), whole);
    if (!found) return;
    const spec = found.spec;
    if (found.table === MAP || spec?.type === 'map') this.context = MAP;
    else if (spec && spec.type !== 'table') {
      this.report(whole, 'error', { code: 'wrongType', table: found.table, key: found.key, expected: spec.type, found: 'tableHeader' });
    } else if (s.kind === 'arrayTable') {
      this.report(whole, 'error', { code: 'wrongType', table: found.table, key: found.key, expected: 'table', found: 'tableArrayHeader' });
    } else this.context = `${found.table}.${found.key}`;
  }

  /** A `key = value` statement in the current context. */
  keyValue(s: TomlKeyValue): void {
    if (this.context === IGNORE || this.context === MAP) return;
    const { parts } = keySpans(this.text, s.keyStart);
    const keySpan = { start: s.keyStart, end: parts[parts.length - 1]?.end ?? s.keyStart };
    const valueSpan = { start: s.valueStart, end: s.valueEnd };
    if (this.context === '') {
      this.topLevel(s, parts, keySpan, valueSpan);
      return;
    }
    const found = this.walk(this.context, s.key, parts, keySpan);
    if (!found || found.table === MAP || !found.spec) return;
    if (this.context === 'profile' && s.key.length === 1) this.current?.own.set(s.key[0], s);
    // The parsed value, from the profile's data.
    let value: unknown = this.current?.data;
    for (const k of [...this.context.split('.').slice(1), ...s.key]) value = isTable(value) ? value[k] : undefined;
    this.checkValue(found.table, found.key, found.spec, value, valueSpan);
  }

  /** A key/value before any header: only `profile = [{ … }, …]` is influxctl's. */
  private topLevel(s: TomlKeyValue, parts: Span[], keySpan: Span, valueSpan: Span): void {
    const profiles = this.data.profile;
    if (s.key[0] !== 'profile') {
      this.unknownKey('', s.key[0], parts[0] ?? keySpan, parts[0] !== undefined);
    } else if (s.key.length === 1 && Array.isArray(profiles) && profiles.every(isTable)) {
      // influxctl reads it; check what can be checked, at the value.
      for (const p of profiles as TOML.JsonMap[]) {
        this.checkInline('profile', p, valueSpan);
        this.profiles.push({ data: p, header: valueSpan, own: new Map() });
      }
    } else {
      this.report(keySpan, 'error', { code: 'wrongType', table: '', key: 'profile', expected: 'tableArray', found: kindOf(profiles) });
    }
  }
}

/** Keys and types of every statement, and the profiles the statements make (with where each was written). */
export function lintKeys(text: string, data: TOML.JsonMap, statements: TomlStatement[]): { findings: Finding<KeyFacts>[]; profiles: ProfileSeen[] } {
  const linter = new KeyLinter(text, data);
  for (const s of statements) {
    if (s.kind === 'keyValue') linter.keyValue(s);
    else linter.header(s);
  }
  return linter;
}
