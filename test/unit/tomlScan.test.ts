import * as assert from 'assert';
import * as TOML from '@iarna/toml';
import { parseToml } from '../../src/core/profiles';
import { LineIndex, scanToml, type TomlKeyValue, type TomlStatement } from '../../src/core/tomlScan';

type Summary = string;

/** One readable line per statement: headers with their path, key/values with key and exact value text. */
function summarize(text: string, statements: TomlStatement[]): Summary[] {
  return statements.map((s) =>
    s.kind === 'keyValue'
      ? `${s.key.join('.')} = ${text.slice(s.valueStart, s.valueEnd)}`
      : `${s.kind === 'arrayTable' ? '[[' : '['}${s.path.join('.')}${s.kind === 'arrayTable' ? ']]' : ']'}`,
  );
}

function keyValues(statements: TomlStatement[]): TomlKeyValue[] {
  return statements.filter((s): s is TomlKeyValue => s.kind === 'keyValue');
}

/** The scanner is meant for documents that parse: check that each fixture does. */
function scan(text: string): TomlStatement[] {
  parseToml(text);
  return scanToml(text);
}

describe('scanToml', () => {
  it('finds table and array-table headers with their unquoted paths and line offsets', () => {
    const text = '[[profile]]\nname = "a"\n  [profile.tls]\n  insecure = true\n[profile.auth.oauth2]\nclient_id = "c"\n';
    const statements = scan(text);
    assert.deepStrictEqual(summarize(text, statements), [
      '[[profile]]',
      'name = "a"',
      '[profile.tls]',
      'insecure = true',
      '[profile.auth.oauth2]',
      'client_id = "c"',
    ]);
    const [h0, , h1] = statements;
    assert.deepStrictEqual(h0, { kind: 'arrayTable', path: ['profile'], start: 0, end: 11 });
    assert.strictEqual(h1.kind, 'table');
    assert.strictEqual(text.slice((h1 as { start: number }).start, (h1 as { end: number }).end), '  [profile.tls]');
  });

  it('headers with spaces and quoted keys', () => {
    const text = '[[ profile ]]\nname = "a"\n[profile."tls"]\nca = "x"\n[ profile . \'auth\' . "oauth2" ]\n[[profile]] # trailing comment\n';
    const statements = scan(text);
    assert.deepStrictEqual(
      statements.filter((s) => s.kind !== 'keyValue').map((s) => [s.kind, (s as { path: string[] }).path]),
      [
        ['arrayTable', ['profile']],
        ['table', ['profile', 'tls']],
        ['table', ['profile', 'auth', 'oauth2']],
        ['arrayTable', ['profile']],
      ],
    );
    const last = statements[statements.length - 1] as { start: number; end: number };
    assert.strictEqual(text.slice(last.start, last.end), '[[profile]] # trailing comment');
  });

  it('a quoted key with a dot inside is one key part', () => {
    const text = '["a.b"]\n"c.d" = 1\n';
    const statements = scan(text);
    assert.deepStrictEqual((statements[0] as { path: string[] }).path, ['a.b']);
    assert.deepStrictEqual((statements[1] as TomlKeyValue).key, ['c.d']);
  });

  it('dotted keys, quoted and bare, with spaces around the dots', () => {
    const text = 'auth.oauth2.client_id = "x"\nsite."google.com" = true\n a . b = 1\n\'lit\' = 2\n"esc\\u0041" = 3\n';
    const kvs = keyValues(scan(text));
    assert.deepStrictEqual(
      kvs.map((s) => s.key),
      [['auth', 'oauth2', 'client_id'], ['site', 'google.com'], ['a', 'b'], ['lit'], ['escA']],
    );
    assert.strictEqual(text.slice(kvs[2].lineStart, kvs[2].keyStart), ' ');
    assert.strictEqual(text.slice(kvs[2].keyStart, kvs[2].valueStart), 'a . b = ');
  });

  it('valueStart/valueEnd delimit exactly the value, without comment or trailing space', () => {
    const text = [
      'a = "basic" # comment',
      "b = 'lit'   ",
      'c = 42',
      'd = -1_000.5e3',
      'e = true',
      'f = 1979-05-27T07:32:00Z',
      'g = 1979-05-27 07:32:00-08:00 # a date with a space',
      'h = 1979-05-27',
      'i = "with # hash and \\" quote"',
      'j = { x = 1, y = "}" }',
      'k = []',
      'l=""',
      'm = inf',
    ].join('\n');
    assert.deepStrictEqual(summarize(text, scan(text)), [
      'a = "basic"',
      "b = 'lit'",
      'c = 42',
      'd = -1_000.5e3',
      'e = true',
      'f = 1979-05-27T07:32:00Z',
      'g = 1979-05-27 07:32:00-08:00',
      'h = 1979-05-27',
      'i = "with # hash and \\" quote"',
      'j = { x = 1, y = "}" }',
      'k = []',
      'l = ""',
      'm = inf',
    ]);
    const a = keyValues(scan(text))[0];
    assert.strictEqual(text.slice(a.lineStart, a.end), 'a = "basic" # comment');
  });

  it('multi-line basic and literal strings hide headers and keys', () => {
    const text = [
      '[[profile]]',
      'name = "a"',
      'notes = """',
      '[[profile]]',
      'name = "fake"',
      '"""',
      "raw = '''",
      '[[profile]]',
      "x = 'y'",
      "'''",
      '[[profile]]',
      'name = "b"',
    ].join('\n');
    const statements = scan(text);
    assert.deepStrictEqual(summarize(text, statements), [
      '[[profile]]',
      'name = "a"',
      'notes = """\n[[profile]]\nname = "fake"\n"""',
      "raw = '''\n[[profile]]\nx = 'y'\n'''",
      '[[profile]]',
      'name = "b"',
    ]);
    const notes = keyValues(statements)[1];
    assert.strictEqual(new LineIndex(text).position(notes.valueEnd).line, 5);
    assert.strictEqual(notes.end, notes.valueEnd);
  });

  it('""" edge cases: escaped quotes, up to two quotes before the closing delimiter, line-ending backslash', () => {
    const text = [
      'a = """one \\""" still inside"""',
      'b = """ends with two quotes"""""',
      'c = """ends with one quote""""',
      'd = """line \\',
      '   continued"""',
      'e = """"""',
      "f = '''literal \\ with '' quotes'''''",
      'g = """a ""quoted"" word"""',
      'h = """\\\\"""',
      'next = 1',
    ].join('\n');
    const parsed = TOML.parse(text) as Record<string, string>;
    assert.strictEqual(parsed.b, 'ends with two quotes""');
    assert.strictEqual(parsed.h, '\\');
    assert.deepStrictEqual(summarize(text, scan(text)), [
      'a = """one \\""" still inside"""',
      'b = """ends with two quotes"""""',
      'c = """ends with one quote""""',
      'd = """line \\\n   continued"""',
      'e = """"""',
      "f = '''literal \\ with '' quotes'''''",
      'g = """a ""quoted"" word"""',
      'h = """\\\\"""',
      'next = 1',
    ]);
  });

  it('arrays spanning lines with comments, nested arrays and strings holding brackets', () => {
    const text = [
      'scopes = [ # first comment [[profile]]',
      '  "a]", # second ] comment',
      "  'b[',",
      '  [1, [2, 3]],',
      '  """multi',
      ']""",',
      ']  # after',
      '[[profile]]',
      'name = "x"',
    ].join('\n');
    const statements = scan(text);
    assert.deepStrictEqual(summarize(text, statements), [
      `scopes = ${text.slice(text.indexOf('['), text.indexOf(']  # after') + 1)}`,
      '[[profile]]',
      'name = "x"',
    ]);
    const scopes = keyValues(statements)[0];
    assert.strictEqual(text.slice(scopes.lineStart, scopes.end).split('\n').pop(), ']  # after');
  });

  it('inline tables, nested and holding arrays', () => {
    const text = 'parameters = { audience = "", nested = { a = [1, 2], "q.k" = \'}\' } }\nafter = 1\n';
    assert.deepStrictEqual(summarize(text, scan(text)), [
      'parameters = { audience = "", nested = { a = [1, 2], "q.k" = \'}\' } }',
      'after = 1',
    ]);
  });

  it('CRLF line endings: ends exclude the CR, values and headers are exact', () => {
    const text = '# c\r\n[[profile]]\r\nname = "a"\r\nport = 8443\r\nscopes = [\r\n  "x",\r\n]\r\n[profile.tls]\r\n';
    const statements = scan(text);
    assert.deepStrictEqual(summarize(text, statements), [
      '[[profile]]',
      'name = "a"',
      'port = 8443',
      'scopes = [\r\n  "x",\r\n]',
      '[profile.tls]',
    ]);
    for (const s of statements) {
      assert.ok(!text.slice(s.kind === 'keyValue' ? s.lineStart : s.start, s.end).endsWith('\r'), JSON.stringify(s));
    }
    const index = new LineIndex(text);
    assert.deepStrictEqual(
      statements.map((s) => index.position(s.kind === 'keyValue' ? s.keyStart : s.start).line),
      [1, 2, 3, 4, 7],
    );
  });

  it('blank lines, comments, indentation and a file without final newline', () => {
    const text = '\n\n   # comment\n\t\n\tname = "a"';
    const statements = scan(text);
    assert.deepStrictEqual(summarize(text, statements), ['name = "a"']);
    const kv = statements[0] as TomlKeyValue;
    assert.strictEqual(kv.lineStart, text.indexOf('\tname'));
    assert.strictEqual(kv.keyStart, text.indexOf('name'));
    assert.strictEqual(kv.end, text.length);
  });

  it('steps over 100,000-deep arrays and inline tables without overflowing the stack', () => {
    const depth = 100000;
    const text = `a = ${'['.repeat(depth)}${']'.repeat(depth)}\nb = ${'{ x = '.repeat(depth)}1${' }'.repeat(depth)}\nc = 1\n`;
    assert.deepStrictEqual(
      scanToml(text).map((s) => (s as TomlKeyValue).key[0]),
      ['a', 'b', 'c'],
    );
  });

  it('an empty document has no statements', () => {
    assert.deepStrictEqual(scanToml(''), []);
    assert.deepStrictEqual(scanToml('# nothing\n\n'), []);
  });

  it('a realistic config: value offsets allow a surgical replacement', () => {
    const text = '[[profile]]\n    name = "default"\n    mgmt_token = "old-token" # keep me\n[[profile]]\n    name = "b"\n';
    const token = keyValues(scan(text)).find((s) => s.key[0] === 'mgmt_token');
    assert.ok(token);
    const edited = text.slice(0, token.valueStart) + '"new-token"' + text.slice(token.valueEnd);
    assert.strictEqual(edited, text.replace('"old-token"', '"new-token"'));
    assert.strictEqual((TOML.parse(edited) as { profile: { mgmt_token?: string }[] }).profile[0].mgmt_token, 'new-token');
  });
});

describe('LineIndex', () => {
  it('maps offsets to 0-based line and column', () => {
    const text = 'ab\ncde\n\nf';
    const index = new LineIndex(text);
    assert.deepStrictEqual(index.position(0), { line: 0, column: 0 });
    assert.deepStrictEqual(index.position(2), { line: 0, column: 2 });
    assert.deepStrictEqual(index.position(3), { line: 1, column: 0 });
    assert.deepStrictEqual(index.position(5), { line: 1, column: 2 });
    assert.deepStrictEqual(index.position(7), { line: 2, column: 0 });
    assert.deepStrictEqual(index.position(8), { line: 3, column: 0 });
    assert.deepStrictEqual(index.position(9), { line: 3, column: 1 });
  });

  it('counts CRLF as one line break (CR is the last column of its line)', () => {
    const index = new LineIndex('a\r\nb');
    assert.deepStrictEqual(index.position(1), { line: 0, column: 1 });
    assert.deepStrictEqual(index.position(3), { line: 1, column: 0 });
  });

  it('handles a text without line breaks and many lines', () => {
    assert.deepStrictEqual(new LineIndex('abc').position(2), { line: 0, column: 2 });
    const text = Array.from({ length: 1000 }, (_, i) => `line${i}`).join('\n');
    const index = new LineIndex(text);
    const at = text.indexOf('line777');
    assert.deepStrictEqual(index.position(at + 3), { line: 777, column: 3 });
  });
});
