/**
 * A source-position scanner for TOML documents that already parse. @iarna/toml
 * gives values but no positions; editing one line surgically and pointing at
 * a profile's header need to know where each header and key/value sits.
 * It understands every construct that can hide a line break or a `[`:
 * basic, literal and multi-line strings, arrays and inline tables, comments.
 */

export interface TomlHeader {
  kind: 'table' | 'arrayTable';
  /** Unquoted key path, e.g. ['profile', 'tls']. */
  path: string[];
  /** Offsets of the whole line (without its line break). */
  start: number;
  end: number;
}

export interface TomlKeyValue {
  kind: 'keyValue';
  /** Unquoted dotted key, relative to the enclosing table. */
  key: string[];
  /** Offset where the key starts (after indentation) and where the line starts. */
  lineStart: number;
  keyStart: number;
  valueStart: number;
  valueEnd: number;
  /** End of the statement's last line, without its line break. */
  end: number;
}

export type TomlStatement = TomlHeader | TomlKeyValue;

class Cursor {
  i = 0;
  constructor(readonly s: string) {}
  peek(n = 0): string {
    return this.s[this.i + n] ?? '';
  }
  startsWith(t: string): boolean {
    return this.s.startsWith(t, this.i);
  }
  skipSpaces(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.i++;
  }
  /** Whitespace, line breaks and comments, as allowed inside arrays. */
  skipBlank(): void {
    for (;;) {
      const c = this.peek();
      if (c === ' ' || c === '\t' || c === '\r' || c === '\n') this.i++;
      else if (c === '#') this.toLineEnd();
      else return;
    }
  }
  toLineEnd(): void {
    while (this.i < this.s.length && this.s[this.i] !== '\n' && this.s[this.i] !== '\r') this.i++;
  }
  skipLineBreak(): void {
    if (this.peek() === '\r') this.i++;
    if (this.peek() === '\n') this.i++;
  }
}

function readString(c: Cursor): string {
  if (c.startsWith('"""') || c.startsWith("'''")) {
    const q = c.s.slice(c.i, c.i + 3);
    c.i += 3;
    let out = '';
    for (;;) {
      if (c.i >= c.s.length) throw new Error('unterminated string');
      if (q === '"""' && c.peek() === '\\') {
        out += c.s.slice(c.i, c.i + 2);
        c.i += 2;
        continue;
      }
      if (c.startsWith(q)) {
        // Up to two quotes may sit right before the closing delimiter.
        let extra = 0;
        while (c.s[c.i + 3 + extra] === q[0] && extra < 2) extra++;
        out += q[0].repeat(extra);
        c.i += 3 + extra;
        return out;
      }
      out += c.s[c.i++];
    }
  }
  const q = c.peek();
  c.i++;
  let out = '';
  for (;;) {
    const ch = c.peek();
    if (ch === '' || ch === '\n') throw new Error('unterminated string');
    if (q === '"' && ch === '\\') {
      out += unescapeBasic(c);
      continue;
    }
    c.i++;
    if (ch === q) return out;
    out += ch;
  }
}

function unescapeBasic(c: Cursor): string {
  const e = c.peek(1);
  const simple: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\', e: '\x1b' };
  if (e in simple) {
    c.i += 2;
    return simple[e];
  }
  const len = e === 'u' ? 4 : e === 'U' ? 8 : e === 'x' ? 2 : 0;
  const hex = c.s.slice(c.i + 2, c.i + 2 + len);
  c.i += 2 + len;
  return len ? String.fromCodePoint(parseInt(hex, 16)) : '';
}

function readKey(c: Cursor): string[] {
  const parts: string[] = [];
  for (;;) {
    c.skipSpaces();
    const ch = c.peek();
    if (ch === '"' || ch === "'") parts.push(readString(c));
    else {
      const start = c.i;
      while (c.i < c.s.length && isBareKeyChar(c.s.charCodeAt(c.i))) c.i++;
      if (c.i === start) throw new Error(`unexpected character ${JSON.stringify(ch)} in key`);
      parts.push(c.s.slice(start, c.i));
    }
    c.skipSpaces();
    if (c.peek() !== '.') return parts;
    c.i++;
  }
}

function isBareKeyChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 45;
}

/** Whitespace, `,`, `]`, `}` or `#`: where a number, boolean or date ends. */
function isValueDelimiter(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 44 || code === 93 || code === 125 || code === 35;
}

/**
 * Skips a string value without unescaping it: values are only stepped over.
 * One pass over its characters; searching ahead for the closing quote (and
 * for the line's end) at each escaped quote made long one-line strings and
 * arrays quadratic.
 */
function skipString(c: Cursor): void {
  const s = c.s;
  const quote = s[c.i];
  const multiline = s[c.i + 1] === quote && s[c.i + 2] === quote;
  let i = c.i + (multiline ? 3 : 1);
  for (;;) {
    if (i >= s.length) throw new Error('unterminated string');
    const ch = s[i];
    if (ch === '\\' && quote === '"') {
      i += 2;
      continue;
    }
    if (ch === quote) {
      if (!multiline) {
        c.i = i + 1;
        return;
      }
      if (s[i + 1] === quote && s[i + 2] === quote) {
        // Up to two quotes may sit right before the closing delimiter.
        let end = i + 3;
        while (s[end] === quote && end < i + 5) end++;
        c.i = end;
        return;
      }
    } else if (ch === '\n' && !multiline) {
      throw new Error('unterminated string');
    }
    i++;
  }
}

/** What a probing scan looks for; scanning stops (throwing FOUND) where it is found. */
interface Probe {
  /** Containers nested deeper than this many levels. */
  nestingLimit?: number;
  /** A scalar (number, boolean, date or time) of which this says true. */
  scalar?: (literal: string) => boolean;
  at?: number;
}

const FOUND = Symbol('found');

function found(probe: Probe, offset: number): never {
  probe.at = offset;
  throw FOUND;
}

/** Runs a probing scan; the offset found, or undefined when none is (or the text cannot be scanned). */
function probeScan(text: string, probe: Probe): number | undefined {
  try {
    scan(text, () => undefined, probe);
  } catch (err) {
    if (err !== FOUND) return undefined;
  }
  return probe.at;
}

/**
 * Skips one value: a string, a scalar, or an array or inline table with all
 * it holds. Nested arrays and tables are followed with an explicit stack, so
 * that no nesting depth can overflow the call stack. `depth` is the level the
 * value sits at, counted as in the parsed data.
 */
function skipValue(c: Cursor, depth: number, probe?: Probe): void {
  const open: { close: string; depth: number }[] = [];
  let valueDepth = depth;
  for (;;) {
    const ch = c.peek();
    if (ch === '"' || ch === "'") skipString(c);
    else if (ch === '[' || ch === '{') {
      if (probe?.nestingLimit !== undefined && valueDepth > probe.nestingLimit) found(probe, c.i);
      open.push({ close: ch === '[' ? ']' : '}', depth: valueDepth });
      c.i++;
    } else skipScalar(c, probe);
    // Past a value or an opening bracket: close what ends here, then find where the next value starts.
    for (;;) {
      const container = open[open.length - 1];
      if (container === undefined) return;
      const { close } = container;
      if (close === ']') c.skipBlank();
      else c.skipSpaces();
      if (c.peek() === close) {
        c.i++;
        open.pop();
        continue;
      }
      if (c.peek() === ',') {
        c.i++;
        continue;
      }
      if (c.i >= c.s.length) throw new Error('unterminated ' + (close === ']' ? 'array' : 'inline table'));
      valueDepth = container.depth + 1;
      if (close === '}') {
        const keyStart = c.i;
        // A dotted key makes a table per part but the last.
        valueDepth += readKey(c).length - 1;
        if (probe?.nestingLimit !== undefined && valueDepth - 1 > probe.nestingLimit) found(probe, keyStart);
        c.skipSpaces();
        if (c.peek() !== '=') throw new Error('expected = in inline table');
        c.i++;
        c.skipSpaces();
      }
      break;
    }
  }
}

/** Numbers, booleans, dates: up to a delimiter. Dates may hold one space ("1979-05-27 07:32:00"). */
function skipScalar(c: Cursor, probe?: Probe): void {
  const start = c.i;
  while (c.i < c.s.length && !isValueDelimiter(c.s.charCodeAt(c.i))) c.i++;
  if (c.peek() === ' ' && /^\d{4}-\d{2}-\d{2}$/.test(c.s.slice(start, c.i)) && /\d/.test(c.peek(1))) {
    c.i++;
    while (c.i < c.s.length && !isValueDelimiter(c.s.charCodeAt(c.i))) c.i++;
  }
  if (c.i === start) throw new Error('missing value');
  if (probe?.scalar?.(c.s.slice(start, c.i))) found(probe, start);
}

/** Scans a TOML document into its headers and key/value statements, in order. */
export function scanToml(text: string): TomlStatement[] {
  const out: TomlStatement[] = [];
  scan(text, (s) => out.push(s));
  return out;
}

/**
 * Calls `visit` with each header and key/value statement, in order, keeping
 * none of them: for one pass over a large file. Holding all of them (80,000
 * at 10,000 profiles) beside the parsed data made the garbage collector's
 * work grow faster than the file.
 */
export function forEachTomlStatement(text: string, visit: (s: TomlStatement) => void): void {
  scan(text, visit);
}

/**
 * Offset where arrays and tables first nest more than `limit` levels deep,
 * counting levels as the parsed data nests: a header's tables (an array of
 * tables counts twice: the array and its element), dotted keys' tables,
 * arrays and inline tables. Undefined when none does, or when the text cannot
 * be scanned that far.
 */
export function findNestingBeyond(text: string, limit: number): number | undefined {
  return probeScan(text, { nestingLimit: limit });
}

/**
 * Offset of the first scalar value (number, boolean, date or time; in arrays
 * and inline tables too) for which `test` is true. Undefined when none is, or
 * when the text cannot be scanned that far.
 */
export function findScalar(text: string, test: (literal: string) => boolean): number | undefined {
  return probeScan(text, { scalar: test });
}

function scan(text: string, visit: (s: TomlStatement) => void, probe?: Probe): void {
  const c = new Cursor(text);
  if (text.charCodeAt(0) === 0xfeff) c.i = 1; // a byte order mark
  const arrayTables = new Set<string>();
  let tableDepth = 0; // the level of the current table's own keys, less one
  while (c.i < text.length) {
    const lineStart = c.i;
    c.skipSpaces();
    const ch = c.peek();
    if (ch === '#' || ch === '\r' || ch === '\n' || ch === '') {
      c.toLineEnd();
      c.skipLineBreak();
      continue;
    }
    if (ch === '[') {
      const open = c.i;
      const arrayTable = c.peek(1) === '[';
      c.i += arrayTable ? 2 : 1;
      const path = readKey(c);
      c.i += arrayTable ? 2 : 1;
      c.skipSpaces();
      c.toLineEnd();
      visit({ kind: arrayTable ? 'arrayTable' : 'table', path, start: lineStart, end: c.i });
      c.skipLineBreak();
      if (probe?.nestingLimit !== undefined) {
        // Each prefix of the path is a table, or an array of tables and its last element.
        let prefix = '';
        tableDepth = 0;
        for (const part of path) {
          prefix += JSON.stringify(part);
          tableDepth += arrayTables.has(prefix) ? 2 : 1;
        }
        if (arrayTable && !arrayTables.has(prefix)) {
          arrayTables.add(prefix);
          tableDepth++;
        }
        if (tableDepth > probe.nestingLimit) found(probe, open);
      }
      continue;
    }
    const keyStart = c.i;
    const key = readKey(c);
    if (c.peek() !== '=') throw new Error('expected = after key');
    c.i++;
    c.skipSpaces();
    const valueStart = c.i;
    if (probe?.nestingLimit !== undefined && tableDepth + key.length - 1 > probe.nestingLimit) found(probe, keyStart);
    skipValue(c, tableDepth + key.length, probe);
    const valueEnd = c.i;
    c.toLineEnd();
    visit({ kind: 'keyValue', key, lineStart, keyStart, valueStart, valueEnd, end: c.i });
    c.skipLineBreak();
  }
}

/** Maps offsets to line and column (both from 0) with one pass over the text. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, column: offset - this.starts[lo] };
  }
}
