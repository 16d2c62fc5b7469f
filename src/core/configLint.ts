import type * as TOML from '@iarna/toml';
import { encodingProblem, type ConfigEncoding } from './configEncoding';
import { ConfigError, parseToml } from './profiles';
import configKeys from './configKeys.json';
import { LineIndex, scanToml, type TomlHeader, type TomlKeyValue, type TomlStatement } from './tomlScan';

export type ConfigProblemCode = 'syntax' | 'unknownKey' | 'badProduct' | 'missingField' | 'duplicateName' | 'wrongType' | 'bom';

/** One finding in config.toml. Lines and columns count from 0; the end is exclusive. */
export interface ConfigProblem {
  message: string;
  severity: 'error' | 'warning';
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  code: ConfigProblemCode;
  /** Text that may replace the range as a quick fix (a key name, or a value such as `"443"`; '' deletes the range). */
  suggestion?: string;
  /** The quick fix's title when "Change to <suggestion>" would not say what it does. */
  fixTitle?: string;
}

export interface LintOptions {
  /**
   * How the file is stored on disk, when an editor decoded `text` from it
   * (VS Code hides a byte order mark from the text). One influxctl cannot
   * read is reported at the start of line 1, without a text fix: the fix is
   * to write the file as UTF-8 without a mark.
   */
  encoding?: ConfigEncoding;
}

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

/** Keys seen in the wild that influxctl does not (or no longer) accept, with what to say. */
const LEGACY_OAUTH2: Record<string, string> = {
  client_secret: 'influxctl 2.9.8 removed client_secret from [profile.auth.oauth2]; influxctl rejects keys it does not know',
  audience: 'audience is not a key of [profile.auth.oauth2]; write it as parameters = { audience = "…" }',
};

const PRODUCTS = ['dedicated', 'clustered'];
const MAP = '\u0000map'; // context inside a free-form table
const IGNORE = '\u0000ignore'; // context already reported (or not influxctl's)

interface Span {
  start: number;
  end: number;
}

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

function isTable(v: unknown): v is TOML.JsonMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

function typeName(v: unknown): string {
  if (Array.isArray(v)) return 'an array';
  if (v instanceof Date) return 'a date';
  if (isTable(v)) return 'a table';
  if (typeof v === 'number' || typeof v === 'bigint') return 'a number';
  if (typeof v === 'boolean') return 'a boolean';
  return 'a string';
}

const article = (type: KeySpec['type']): string =>
  ({ string: 'a string', boolean: 'true or false', stringArray: 'an array of strings', table: 'a table', tableArray: '[[profile]] tables', map: 'a table' })[type];

/**
 * Checks influxctl's config.toml: TOML syntax, keys influxctl rejects (with
 * the nearest known key as a suggestion), value types, products, required
 * fields and duplicate profile names. Linear in the size of the text.
 */
export function lintConfig(text: string, options: LintOptions = {}): ConfigProblem[] {
  const problems = lintText(text);
  // A mark the text holds is one a UTF-8 reader kept, unless the file says otherwise.
  const inText = text.charCodeAt(0) === 0xfeff;
  const encoding = options.encoding && options.encoding !== 'utf-8' ? options.encoding : inText ? 'utf-8-bom' : 'utf-8';
  const why = encodingProblem(encoding);
  if (why) {
    // Go's TOML parser, unlike @iarna/toml here, refuses a mark and reads UTF-8 only.
    const textFix = inText && encoding === 'utf-8-bom';
    problems.unshift({
      message: why,
      severity: 'error',
      line: 0,
      column: 0,
      endLine: 0,
      endColumn: inText ? 1 : 0,
      code: 'bom',
      ...(textFix ? { suggestion: '', fixTitle: 'Remove the byte order mark' } : {}),
    });
  }
  return problems;
}

function lintText(text: string): ConfigProblem[] {
  const index = new LineIndex(text);
  const problems: ConfigProblem[] = [];
  const add = (
    code: ConfigProblemCode,
    severity: ConfigProblem['severity'],
    span: Span,
    message: string,
    suggestion?: string,
  ): void => {
    const a = index.position(span.start);
    const b = index.position(Math.max(span.start, span.end));
    const p: ConfigProblem = { message, severity, line: a.line, column: a.column, endLine: b.line, endColumn: b.column, code };
    if (suggestion !== undefined) p.suggestion = suggestion;
    problems.push(p);
  };

  let data: TOML.JsonMap;
  try {
    data = parseToml(text);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    const line = Math.max(0, (err.line ?? 1) - 1);
    const column = Math.max(0, (err.column ?? 1) - 1);
    const lineText = text.split('\n')[line]?.replace(/\r$/, '') ?? '';
    const message = err.message.replace(/ \(line \d+, column \d+\)$/, '');
    // Past the end of the line (the parser often points there): mark the line's text instead.
    const start = column < lineText.length ? column : Math.min(column, lineText.search(/\S|$/));
    return [
      { message, severity: 'error', line, column: start, endLine: line, endColumn: Math.max(column, lineText.length), code: 'syntax' },
    ];
  }
  let statements: TomlStatement[];
  try {
    statements = scanToml(text);
  } catch {
    return []; // valid TOML the scanner cannot follow: nothing to point at
  }

  const rawProfiles = Array.isArray(data.profile) ? (data.profile as unknown[]) : [];
  interface ProfileInfo {
    data: TOML.JsonMap;
    header: Span;
    own: Map<string, TomlKeyValue>;
  }
  const profiles: ProfileInfo[] = [];

  /**
   * Reports a key that is not in `table`; `span` is where the key is written.
   * `direct`: a plain key of a sub-table's own statement, so a profile key there was meant for the profile.
   */
  const unknown = (table: string, key: string, span: Span, fixable: boolean, direct = false): void => {
    const where = table === '' ? 'at the top level of config.toml' : `in [${table}]`;
    if (table === 'profile.auth.oauth2' && LEGACY_OAUTH2[key]) {
      add('unknownKey', 'warning', span, LEGACY_OAUTH2[key]);
      return;
    }
    if (direct && table.startsWith('profile.') && CONFIG_KEYS.profile[key]) {
      add(
        'unknownKey',
        'error',
        span,
        `${key} here belongs to [${table}], not to the profile: move it above the profile's first sub-table`,
      );
      return;
    }
    const known = Object.keys(CONFIG_KEYS[table] ?? {});
    const suggestion = closestKey(key, known);
    const severity = table === '' || table === 'profile.auth.oauth2' ? 'warning' : 'error';
    const tail = table === '' ? 'influxctl only reads [[profile]] tables' : 'influxctl rejects keys it does not know';
    const hint = suggestion ? ` Did you mean ${suggestion}?` : '';
    add('unknownKey', severity, span, `Unknown key ${JSON.stringify(key)} ${where}; ${tail}.${hint}`, fixable ? suggestion : undefined);
  };

  /** Checks a value against its spec; tables written inline are checked key by key at `span`. */
  const checkValue = (table: string, key: string, spec: KeySpec, value: unknown, span: Span, fixable = true): void => {
    const path = table ? `${table}.${key}` : key;
    let ok: boolean;
    let suggestion: string | undefined;
    switch (spec.type) {
      case 'string':
        ok = typeof value === 'string';
        if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') suggestion = `"${String(value)}"`;
        break;
      case 'boolean':
        ok = typeof value === 'boolean';
        if (value === 'true' || value === 'false') suggestion = value;
        break;
      case 'stringArray':
        ok = Array.isArray(value) && value.every((v) => typeof v === 'string');
        if (typeof value === 'string') suggestion = `[${JSON.stringify(value)}]`;
        break;
      case 'map':
        ok = isTable(value);
        break;
      case 'table':
        ok = isTable(value);
        if (ok) checkInline(path, value as TOML.JsonMap, span);
        break;
      default:
        ok = true;
    }
    if (!ok) {
      const hint = suggestion ? ` Did you mean ${suggestion}?` : '';
      const where = fixable ? key : `${key} (in [${table}])`;
      add('wrongType', 'error', span, `${where} must be ${article(spec.type)}, not ${typeName(value)}.${hint}`, fixable ? suggestion : undefined);
    }
  };

  const checkInline = (table: string, obj: TOML.JsonMap, span: Span): void => {
    for (const [k, v] of Object.entries(obj)) {
      const spec = CONFIG_KEYS[table]?.[k];
      if (!spec) unknown(table, k, span, false);
      else checkValue(table, k, spec, v, span, false);
    }
  };

  /**
   * Follows `parts` from `table`; reports the first part that is unknown or
   * that is not a table while more parts follow. Returns the final table
   * context and the leaf spec, or undefined after a report.
   */
  const walk = (
    table: string,
    parts: string[],
    spans: Span[],
    fallback: Span,
  ): { table: string; key: string; spec: KeySpec | undefined } | undefined => {
    let t = table;
    for (let i = 0; i < parts.length; i++) {
      if (t === MAP) return { table: MAP, key: parts[i], spec: undefined };
      const spec = CONFIG_KEYS[t]?.[parts[i]];
      const span = spans[i] ?? fallback;
      if (!spec) {
        unknown(t, parts[i], span, spans[i] !== undefined, i === 0 && spans[i] !== undefined);
        return undefined;
      }
      if (i === parts.length - 1) return { table: t, key: parts[i], spec };
      if (spec.type === 'map') t = MAP;
      else if (spec.type === 'table') t = t ? `${t}.${parts[i]}` : parts[i];
      else {
        add('wrongType', 'error', span, `${parts[i]} must be ${article(spec.type)}, not a table`);
        return undefined;
      }
    }
    return undefined;
  };

  const headerSpan = (h: TomlHeader): { whole: Span; parts: Span[] } => {
    let i = h.start;
    while (text[i] === ' ' || text[i] === '\t') i++;
    const open = i;
    i += h.kind === 'arrayTable' ? 2 : 1;
    const { parts, end } = keySpans(text, i);
    return { whole: { start: open, end: end + (h.kind === 'arrayTable' ? 2 : 1) }, parts };
  };

  let context = '';
  let current: ProfileInfo | undefined;
  for (const s of statements) {
    if (s.kind !== 'keyValue') {
      const { whole, parts } = headerSpan(s);
      if (s.path.length === 1 && s.path[0] === 'profile') {
        if (s.kind === 'arrayTable') {
          const p = rawProfiles[profiles.length];
          current = { data: isTable(p) ? p : {}, header: whole, own: new Map() };
          profiles.push(current);
          context = 'profile';
        } else {
          add('wrongType', 'error', whole, 'profile must be written as [[profile]] (an array of tables), not [profile]');
          context = IGNORE;
        }
        continue;
      }
      if (s.path[0] !== 'profile') {
        unknown('', s.path[0], parts[0] ?? whole, parts[0] !== undefined);
        context = IGNORE;
        continue;
      }
      if (!current) {
        add('wrongType', 'error', whole, `[${s.path.join('.')}] must follow a [[profile]] header`);
        context = IGNORE;
        continue;
      }
      const found = walk('profile', s.path.slice(1), parts.slice(1), whole);
      if (!found) context = IGNORE;
      else if (found.table === MAP) context = MAP;
      else if (found.spec!.type === 'map') context = MAP;
      else if (found.spec!.type !== 'table') {
        add('wrongType', 'error', whole, `${found.key} must be ${article(found.spec!.type)}, not a table`);
        context = IGNORE;
      } else if (s.kind === 'arrayTable') {
        add('wrongType', 'error', whole, `${found.key} must be a single table: write [${s.path.join('.')}], not [[…]]`);
        context = IGNORE;
      } else context = `${found.table}.${found.key}`;
      continue;
    }

    // A key/value statement in the current context.
    if (context === IGNORE || context === MAP) continue;
    const { parts } = keySpans(text, s.keyStart);
    const keySpan = { start: s.keyStart, end: parts[parts.length - 1]?.end ?? s.keyStart };
    const valueSpan = { start: s.valueStart, end: s.valueEnd };
    if (context === '') {
      if (s.key[0] !== 'profile') {
        unknown('', s.key[0], parts[0] ?? keySpan, parts[0] !== undefined);
      } else if (s.key.length === 1 && Array.isArray(data.profile) && data.profile.every(isTable)) {
        // profile = [{ … }, …]: influxctl reads it; check what can be checked, at the value.
        for (const p of data.profile as TOML.JsonMap[]) {
          checkInline('profile', p, valueSpan);
          profiles.push({ data: p, header: valueSpan, own: new Map() });
        }
      } else {
        add('wrongType', 'error', keySpan, 'profile must be written as [[profile]] tables');
      }
      continue;
    }
    const found = walk(context, s.key, parts, keySpan);
    if (!found || found.table === MAP || !found.spec) continue;
    if (context === 'profile' && s.key.length === 1) current?.own.set(s.key[0], s);
    // The parsed value, from the profile's data.
    let value: unknown = current?.data;
    for (const k of [...context.split('.').slice(1), ...s.key]) value = isTable(value) ? value[k] : undefined;
    checkValue(found.table, found.key, found.spec, value, valueSpan);
  }

  // Per profile: product, required fields, duplicate names.
  const names = new Map<string, number>();
  profiles.forEach((p, i) => {
    const at = (key: string): Span => {
      const s = p.own.get(key);
      return s ? { start: s.valueStart, end: s.valueEnd } : p.header;
    };
    const name = p.data.name;
    const label = typeof name === 'string' ? `Profile ${JSON.stringify(name)}` : `Profile ${i + 1}`;
    if (name === undefined) {
      add('missingField', 'warning', p.header, `${label} has no name; influxctl cannot select it with --profile`, undefined);
    } else if (typeof name === 'string') {
      if (names.has(name)) {
        add(
          'duplicateName',
          'error',
          at('name'),
          `Another profile is already named ${JSON.stringify(name)}; influxctl would use only one of them. Rename one.`,
        );
      } else names.set(name, i);
    }
    const product = p.data.product;
    if (typeof product === 'string' && !PRODUCTS.includes(product)) {
      const lower = product.toLowerCase();
      const near = PRODUCTS.find((c) => lower.includes(c)) ?? closestKey(lower, PRODUCTS);
      const hint = near ? ` Did you mean "${near}"?` : '';
      add(
        'badProduct',
        'error',
        at('product'),
        `product must be "dedicated" (Cloud Dedicated) or "clustered" (Clustered), not ${JSON.stringify(product)}.${hint}`,
        near ? `"${near}"` : undefined,
      );
    }
    const need = product === 'dedicated' ? ['account_id', 'cluster_id'] : product === 'clustered' ? ['host'] : [];
    const productName = product === 'dedicated' ? 'Cloud Dedicated' : 'Clustered';
    for (const key of need) {
      const v = p.data[key];
      if (v === undefined) {
        add('missingField', 'error', p.header, `${label} has no ${key}; ${productName} profiles need it`);
      } else if (v === '') {
        add('missingField', 'error', at(key), `${label} has an empty ${key}; ${productName} profiles need it`);
      }
    }
  });

  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}
