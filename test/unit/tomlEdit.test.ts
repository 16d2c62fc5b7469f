import * as assert from 'assert';
import { isDeepStrictEqual } from 'util';
import { ConfigError, ProfileEditError, setProfileMgmtToken, setProfileString, type ProfileEditErrorCode } from '../../src/core';
import { parseToml } from '../../src/core/profiles';
import { tomlBasicString } from '../../src/core/tomlEdit';
import { prng } from '../fixtures/hostile-configs/generate';
import { CLUSTERED_SAMPLE, DEDICATED_SAMPLE } from './docSamples';

/** Checks a ProfileEditError by its code and the profile it names. */
function editError(code: ProfileEditErrorCode, profileName?: string): (err: unknown) => boolean {
  return (err) => err instanceof ProfileEditError && err.code === code && (profileName === undefined || err.profileName === profileName);
}

const lines = (s: string): string[] => s.split(/\r?\n/);

/** Parsed data of `text` with profile `index` given `mgmt_token = token`. */
function expected(text: string, index: number, token: string): unknown {
  const data = parseToml(text);
  (data.profile as Record<string, unknown>[])[index].mgmt_token = token;
  return data;
}

/** Checks the contract and returns the one new or changed line. */
function edit(text: string, name: string, token: string): { out: string; line: string; at: number; added: boolean } {
  const before = parseToml(text);
  const index = (before.profile as { name: unknown }[]).findIndex((p) => p.name === name);
  const out = setProfileMgmtToken(text, name, token);
  assert.ok(isDeepStrictEqual(parseToml(out), expected(text, index, token)), 'data: original plus mgmt_token');
  const a = lines(text);
  const b = lines(out);
  if (b.length === a.length) {
    const changed = a.map((l, i) => (l === b[i] ? -1 : i)).filter((i) => i >= 0);
    assert.strictEqual(changed.length, 1, 'exactly one changed line');
    return { out, line: b[changed[0]], at: changed[0], added: false };
  }
  assert.strictEqual(b.length, a.length + 1, 'one added line');
  let k = 0;
  while (k < a.length && a[k] === b[k]) k++;
  assert.deepStrictEqual(b.slice(k + 1), a.slice(k), 'the rest is unchanged');
  return { out, line: b[k], at: k, added: true };
}

describe('setProfileMgmtToken', () => {
  it('inserts into the Clustered sample before its [profile.auth.oauth2] table', () => {
    const r = edit(CLUSTERED_SAMPLE, 'PROFILE_NAME', 'apiv1_secret');
    assert.ok(r.added);
    assert.strictEqual(r.line, '    mgmt_token = "apiv1_secret"');
    assert.strictEqual(lines(r.out)[r.at - 1], '    port = "INFLUXDB_PORT"');
    assert.ok(r.at < lines(r.out).indexOf('    [profile.auth.oauth2]'));
    const oauth = parseToml(r.out).profile as { auth: { oauth2: Record<string, unknown> } }[];
    assert.strictEqual(oauth[0].auth.oauth2.mgmt_token, undefined);
  });

  it('inserts into the Cloud Dedicated sample after cluster_id', () => {
    const r = edit(DEDICATED_SAMPLE, 'PROFILE_NAME', 't');
    assert.strictEqual(lines(r.out)[r.at - 1], '    cluster_id = "CLUSTER_ID"');
    assert.strictEqual(r.line, '    mgmt_token = "t"');
  });

  it('replaces an existing value only, keeping spacing and the inline comment', () => {
    const text = '[[profile]]\n  name = "a"\n  mgmt_token   =\t"old" # rotated by hand\n  host = "h"\n';
    const r = edit(text, 'a', 'new');
    assert.strictEqual(r.line, '  mgmt_token   =\t"new" # rotated by hand');
    assert.strictEqual(r.at, 2);
  });

  it('replaces a literal or multi-line existing value', () => {
    const text = "[[profile]]\nname = 'a'\nmgmt_token = '''\nold\n'''  # c\n";
    const out = setProfileMgmtToken(text, 'a', 'n');
    assert.strictEqual(out, '[[profile]]\nname = \'a\'\nmgmt_token = "n"  # c\n');
  });

  it('keeps CRLF line breaks, with comments (which @iarna/toml alone rejects)', () => {
    const text = '# config\r\n[[profile]] # prod\r\n    name = "a" # the name\r\n\r\n[profile.tls]\r\n    insecure = true\r\n';
    const r = edit(text, 'a', 'x');
    assert.strictEqual(r.out, text.replace('# the name\r\n', '# the name\r\n    mgmt_token = "x"\r\n'));
    assert.ok(!r.out.replace(/\r\n/g, '').includes('\n'), 'no bare LF');
  });

  it('works without a final newline and does not add one', () => {
    const text = '[[profile]]\nname = "a"\n[[profile]]\nname = "b"';
    assert.strictEqual(setProfileMgmtToken(text, 'b', 'x'), text + '\nmgmt_token = "x"');
    assert.strictEqual(setProfileMgmtToken(text, 'a', 'x'), '[[profile]]\nname = "a"\nmgmt_token = "x"\n[[profile]]\nname = "b"');
    const crlf = '[[profile]]\r\nname = "b" # c';
    assert.strictEqual(setProfileMgmtToken(crlf, 'b', 'x'), crlf + '\r\nmgmt_token = "x"');
    assert.strictEqual(setProfileMgmtToken('[[profile]]\nname = "b"\n# end', 'b', 'x'), '[[profile]]\nname = "b"\nmgmt_token = "x"\n# end');
  });

  it('uses tab indentation where the keys use tabs', () => {
    const r = edit('[[profile]]\n\tname = "a"\n\thost = "h"\n[profile.tls]\n\t\tca = "c"\n', 'a', 'x');
    assert.strictEqual(r.line, '\tmgmt_token = "x"');
    assert.strictEqual(r.at, 3);
  });

  it('handles quoted keys and quoted headers', () => {
    const text = '[[ "profile" ]]\n  "name" = "a"\n  "mgmt_token" = "old"\n[[\'profile\']]\n  \'name\' = "b"\n';
    assert.strictEqual(edit(text, 'a', 'x').line, '  "mgmt_token" = "x"');
    const r = edit(text, 'b', 'y');
    assert.ok(r.added);
    assert.strictEqual(r.line, '  mgmt_token = "y"');
  });

  it('inserts after dotted keys of the profile', () => {
    const text = '[[profile]]\n    name = "a"\n    tls.insecure = true\n    auth.oauth2.client_id = "c"\n\n[[profile]]\n    name = "b"\n';
    const r = edit(text, 'a', 'x');
    assert.strictEqual(r.at, 4);
    assert.strictEqual(r.line, '    mgmt_token = "x"');
  });

  it('is not fooled by multi-line strings that contain [[profile]] and mgmt_token lines', () => {
    const text = [
      '[[profile]]',
      '    name = "a"',
      '    database = """',
      '[[profile]]',
      'mgmt_token = "x"',
      '"""',
      "    token = '''",
      '[[profile]]',
      '    name = "a"',
      "mgmt_token = 'y' '''",
      '[[profile]]',
      '    name = "b"',
      '    host = """[profile.tls]',
      'mgmt_token = "z\\"""" # end',
      '',
    ].join('\n');
    const a = edit(text, 'a', 'T1');
    assert.strictEqual(a.at, 10);
    const b = edit(text, 'b', 'T2');
    assert.strictEqual(b.at, 14);
    assert.strictEqual(lines(b.out)[13], 'mgmt_token = "z\\"""" # end');
  });

  it('inserts after a multi-line array, not inside it', () => {
    const text = '[[profile]]\nname = "a"\nport = [\n  "1", # one\n  "2",\n] # ports\n[profile.tls]\n';
    const r = edit(text, 'a', 'x');
    assert.strictEqual(r.at, 6);
  });

  it('does not take a mgmt_token of [profile.tls] for the profile', () => {
    const text = '[[profile]]\n  name = "a"\n[profile.tls]\n  mgmt_token = "belongs to tls"\n';
    const r = edit(text, 'a', 'x');
    assert.ok(r.added);
    assert.strictEqual(r.at, 2);
    const p = (parseToml(r.out).profile as { tls: Record<string, unknown> }[])[0];
    assert.strictEqual(p.tls.mgmt_token, 'belongs to tls');
  });

  it('copes with header-only profiles around the target (they have no name, so cannot be the target)', () => {
    const text = '[[profile]]\n[[profile]] # only a header\n  # nothing here\n[[profile]]\n\tname = "a"\n[[profile]]\n';
    const r = edit(text, 'a', 'x');
    assert.strictEqual(r.at, 5);
    assert.strictEqual(r.line, '\tmgmt_token = "x"');
    assert.throws(() => setProfileMgmtToken('[[profile]] # comment\n  # nothing here\n', 'a', 'x'), editError('noSuchProfile', 'a'));
  });

  it('edits the target in the middle of several profiles and the last one', () => {
    const text = [
      '# top comment',
      'top = 1 # influxctl ignores this',
      '',
      '[[profile]] # first',
      '  name = "one"',
      '  # mgmt_token = "commented"',
      '  [profile.tls]',
      '    insecure = true',
      '[[profile]]',
      '  # between',
      '  name = "two" # inline',
      '  product = "dedicated"',
      '  # trailing comment',
      '',
      '  [profile.auth.oauth2]',
      '    client_id = "c"',
      '    scopes = [',
      '      "a", # x',
      '    ]',
      '[[profile]]',
      '  name = "three"',
      '  # [[profile]]',
      '',
    ].join('\n');
    const two = edit(text, 'two', 'S2');
    assert.strictEqual(two.at, 12);
    assert.strictEqual(two.line, '  mgmt_token = "S2"');
    const three = edit(text, 'three', 'S3');
    assert.strictEqual(three.at, 21);
    const one = edit(text, 'one', 'S1');
    assert.strictEqual(one.at, 5);
  });

  it('escapes the token as a TOML basic string', () => {
    const tokens = ['a"b', 'back\\slash', 'tab\there', 'nl\nx\r\f\b', '\u0000\u0001\u001f\u007f', 'é漢🔑', "'''", '"""', '# not a comment', ''];
    for (const token of tokens) {
      const r = edit('[[profile]]\nname = "a"\n', 'a', token);
      assert.ok(!/[\u0000-\u0008\u000a-\u001f\u007f]/.test(r.line), JSON.stringify(r.line));
    }
    assert.strictEqual(tomlBasicString('a"\\\t\n\u0001\u007f'), '"a\\"\\\\\\t\\n\\u0001\\u007F"');
    assert.throws(() => tomlBasicString('\ud800'), /not valid Unicode/);
  });

  // Throwing is how the text is left alone: no partial result exists (and a string cannot change in place).
  it('throws for a missing or duplicated profile', () => {
    const text = '[[profile]]\nname = "a"\n[[profile]]\nname = "a"\n[[profile]]\nname = "b"\n';
    assert.throws(() => setProfileMgmtToken(text, 'a', 'x'), editError('duplicateProfile', 'a'));
    assert.throws(() => setProfileMgmtToken(text, 'c', 'x'), editError('noSuchProfile', 'c'));
    assert.throws(() => setProfileMgmtToken('', 'c', 'x'), editError('noSuchProfile', 'c'));
  });

  it('throws a ConfigError for text that is not TOML', () => {
    assert.throws(() => setProfileMgmtToken('[[profile]]\nname = "a"\nname = "b"\n', 'a', 'x'), ConfigError);
    assert.throws(() => setProfileMgmtToken('[[profile]\nname = "a"\n', 'a', 'x'), ConfigError);
    assert.throws(() => setProfileMgmtToken('[profile]\nname = "a"\n', 'a', 'x'), ConfigError);
  });

  it('refuses forms it cannot edit with one line', () => {
    assert.throws(() => setProfileMgmtToken('profile = [{ name = "a" }]\n', 'a', 'x'), editError('inlineProfiles'));
    assert.throws(
      () => setProfileMgmtToken('[[profile]]\nname = "a"\n[profile.mgmt_token]\nx = 1\n', 'a', 'x'),
      editError('tableOrDottedKey', 'a'),
    );
    assert.throws(() => setProfileMgmtToken('[[profile]]\nname = "a"\nmgmt_token.x = 1\n', 'a', 'x'), editError('tableOrDottedKey', 'a'));
  });

  it('edits one profile of a 1,000-profile file', () => {
    const parts: string[] = ['# many'];
    for (let i = 0; i < 1000; i++) {
      parts.push('[[profile]]', `    name = "p${i}"`, '    product = "dedicated"', `    account_id = "a${i}"`, '    [profile.tls]', '        insecure = true');
    }
    const text = parts.join('\n') + '\n';
    const out = setProfileMgmtToken(text, 'p500', 'x');
    const profiles = parseToml(out).profile as { mgmt_token?: string }[];
    assert.strictEqual(profiles[500].mgmt_token, 'x');
    assert.strictEqual(profiles.filter((p) => p.mgmt_token !== undefined).length, 1);
  });
});

// ---------------------------------------------------------------------------
// Property test over generated configs.

interface Generated {
  text: string;
  names: string[];
}

function generate(rand: () => number, opts: { duplicate?: boolean } = {}): Generated {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const chance = (p: number): boolean => rand() < p;
  const eol = chance(0.3) ? '\r\n' : '\n';
  const indent = pick(['', '  ', '    ', '\t', ' \t']);
  const sub = indent + pick(['', '  ', '    ', '\t']);
  const comments = [
    '# a comment',
    '## [[profile]]',
    '# mgmt_token = "commented out"',
    '#',
    '# [profile.tls]',
    '#   name = "ghost"',
    '# ünïcødé 🔑 comment',
  ];
  const out: string[] = [];
  const noise = (ind: string): void => {
    while (chance(0.35)) out.push(chance(0.4) ? pick(['', ' ', '\t']) : ind + pick(comments));
  };
  const str = (s: string): string => (chance(0.2) && !/['\n]/.test(s) ? `'${s}'` : tomlBasicString(s));
  const inline = (): string => (chance(0.3) ? ' ' + pick(comments) : '');
  const key = (k: string): string => (chance(0.15) ? `"${k}"` : k);
  const eq = (): string => pick([' = ', '=', '  =  ', '\t=\t']);

  noise('');
  if (chance(0.2)) out.push(`title = ${str('top level')}${inline()}`);
  noise('');
  const count = 1 + Math.floor(rand() * 6);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    let name = pick(['default', 'prod', 'dev', 'staging', 'eu "west"', 'back\\slash', 'ünï', 'a b']) + (chance(0.5) ? '' : String(i));
    while (names.includes(name)) name += String(i);
    if (opts.duplicate && i === 1) name = names[0];
    names.push(name);
    out.push(pick(['[[profile]]', '[[ profile ]]', '[["profile"]]', '[[profile]]  ', '[[profile]] # header comment']));
    noise(indent);
    const hasTls = chance(0.4);
    const fields: string[] = [];
    fields.push(`${indent}${key('name')}${eq()}${str(name)}${inline()}`);
    if (chance(0.7)) fields.push(`${indent}${key('product')}${eq()}${str(pick(['dedicated', 'clustered']))}${inline()}`);
    if (chance(0.5)) fields.push(`${indent}host${eq()}${str('example.com')}${inline()}`);
    if (chance(0.4)) fields.push(`${indent}port${eq()}${chance(0.8) ? '"443"' : '443'}${inline()}`);
    if (chance(0.4)) fields.push(`${indent}account_id${eq()}${str('acc-' + i)}${inline()}`);
    if (chance(0.3)) {
      const q = pick(['"""', "'''"]);
      fields.push(`${indent}database${eq()}${q}\n[[profile]]\nmgmt_token = "inside a string"\n  # not a comment${q}${inline()}`);
    }
    if (chance(0.2)) fields.push(`${indent}token${eq()}[\n${sub}"a", # in array\n${sub}"b",\n${indent}]${inline()}`);
    if (!hasTls && chance(0.3)) fields.push(`${indent}tls.insecure${eq()}true${inline()}`);
    if (chance(0.35)) fields.push(`${indent}${key('mgmt_token')}${eq()}${str('old-' + i)}${inline()}`);
    // shuffle
    for (let j = fields.length - 1; j > 0; j--) {
      const k = Math.floor(rand() * (j + 1));
      [fields[j], fields[k]] = [fields[k], fields[j]];
    }
    for (const f of fields) {
      out.push(f.replace(/\n/g, eol));
      noise(indent);
    }
    if (hasTls) {
      out.push(indent + '[profile.tls]' + inline());
      noise(sub);
      out.push(`${sub}insecure${eq()}${pick(['true', 'false'])}`);
      if (chance(0.3)) out.push(`${sub}mgmt_token = "belongs to tls"`);
      noise(sub);
    }
    if (chance(0.3)) {
      out.push(indent + '[profile.auth.oauth2]');
      out.push(`${sub}client_id = "id"`);
      out.push(`${sub}scopes = [${eol}${sub}  "", # scope${eol}${sub}]`);
      out.push(`${sub}parameters = { audience = "" }`);
      noise(sub);
    }
  }
  let text = out.join(eol);
  if (chance(0.7)) text += eol;
  return { text, names };
}

function randomToken(rand: () => number): string {
  const alphabet = ['a', 'Z', '0', '_', '.', '+', '/', '=', '"', '\\', "'", '#', ' ', '\t', '\n', '\u0001', '\u007f', 'é', '漢', '🔑', '[', ']'];
  let s = chance(rand, 0.5) ? 'apiv1_' : '';
  const n = Math.floor(rand() * 40);
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
  return s;
}

function chance(rand: () => number, p: number): boolean {
  return rand() < p;
}

describe('setProfileMgmtToken on generated configs', () => {
  const COUNT = 400;
  it(`keeps ${COUNT} generated configs intact apart from one line`, function () {
    this.timeout(20000);
    const rand = prng(0x1f2e3d4c);
    let replaced = 0;
    let inserted = 0;
    for (let n = 0; n < COUNT; n++) {
      const { text, names } = generate(rand);
      let original: ReturnType<typeof parseToml>;
      try {
        original = parseToml(text);
      } catch (err) {
        assert.fail(`generator produced invalid TOML (#${n}): ${(err as Error).message}\n${text}`);
      }
      const target = Math.floor(rand() * names.length);
      const token = randomToken(rand);
      const context = `config #${n}, profile ${JSON.stringify(names[target])}:\n${text}`;
      let r: ReturnType<typeof edit>;
      try {
        r = edit(text, names[target], token);
      } catch (err) {
        assert.fail(`${(err as Error).message}\n${context}`);
      }
      // (a) is checked in edit(); the line holds the new value.
      assert.ok(r.line.includes(tomlBasicString(token)), context);
      const had = (original.profile as Record<string, unknown>[])[target].mgmt_token !== undefined;
      assert.strictEqual(r.added, !had, context);
      if (had) replaced++;
      else inserted++;
      // (b) every comment line survives verbatim.
      const after = lines(r.out);
      const count = new Map<string, number>();
      for (const l of after) count.set(l, (count.get(l) ?? 0) + 1);
      for (const l of lines(text).filter((x) => x.trimStart().startsWith('#'))) {
        const c = count.get(l) ?? 0;
        assert.ok(c > 0, `comment ${JSON.stringify(l)} lost\n${context}`);
        count.set(l, c - 1);
      }
      // Line breaks: a CRLF file gains no bare LF; a missing final newline stays missing.
      if (!text.replace(/\r\n/g, '').includes('\n')) assert.ok(!r.out.replace(/\r\n/g, '').includes('\n'), context);
      assert.strictEqual(/\n$/.test(r.out), /\n$/.test(text), context);
      // (d) errors: a throw, so no edited text exists.
      assert.throws(() => setProfileMgmtToken(text, names.join('|') + '?', token), editError('noSuchProfile'));
      assert.throws(() => setProfileMgmtToken(text + '\n[[profile]]\nname = ', names[target], token), ConfigError);
      assert.throws(() => setProfileMgmtToken('x = 1\nx = 2\n' + text, names[target], token), ConfigError);
    }
    assert.ok(replaced > 30 && inserted > 150, `replaced ${replaced}, inserted ${inserted}`);
  });

  it('throws for duplicated names in generated configs', () => {
    const rand = prng(7);
    let tried = 0;
    for (let n = 0; n < 100; n++) {
      const { text, names } = generate(rand, { duplicate: true });
      if (names.length < 2) continue;
      tried++;
      assert.throws(() => setProfileMgmtToken(text, names[0], 'x'), editError('duplicateProfile', names[0]));
    }
    assert.ok(tried > 50);
  });
});

describe('setProfileString (token and database for influxctl query/write)', () => {
  const text = '# mine\r\n[[profile]]\r\n  name = "a"\r\n  mgmt_token = "M.V1.keep"   # stays\r\n\r\n  [profile.tls]\r\n    ca = "/ca.pem"\r\n[[profile]]\r\n  name = "b"\r\n  database = "old"\r\n';

  it('adds token and database to one profile, a line each, before its sub-tables, CRLF kept', () => {
    const out = setProfileString(setProfileString(text, 'a', 'token', 'apiv1_new'), 'a', 'database', 'db1');
    assert.strictEqual(out, text.replace('  mgmt_token = "M.V1.keep"   # stays\r\n', '  mgmt_token = "M.V1.keep"   # stays\r\n  token = "apiv1_new"\r\n  database = "db1"\r\n'));
  });

  it('replaces an existing value in place and leaves the other profiles alone', () => {
    const out = setProfileString(text, 'b', 'database', 'new');
    assert.strictEqual(out, text.replace('database = "old"', 'database = "new"'));
  });
});
