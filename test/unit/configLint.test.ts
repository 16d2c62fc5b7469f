import * as assert from 'assert';
import { CONFIG_KEYS, KNOWN_KEYS, lintConfig, type ConfigProblem } from '../../src/core';

const CLUSTERED = `## influxctl - example configuration

[[profile]]
    ## Profile name
    name = "PROFILE_NAME"

    ## Product type
    product = "clustered"

    host = "{{< influxdb/host >}}"
    port = "INFLUXDB_PORT"

    # database = ""
    # token = ""

    # [profile.tls]
        # insecure = false

    ## OAuth2 client authorization settings
    [profile.auth.oauth2]
        client_id = "OAUTH_CLIENT_ID"
        scopes = [""]
        parameters = { audience = "" }
        token_url = "OAUTH_TOKEN_URL"
        device_url = "OAUTH_DEVICE_URL"
`;

const DEDICATED = `[[profile]]
    name = "default"
    product = "dedicated"
    account_id = "ACCOUNT_ID"
    cluster_id = "CLUSTER_ID"
    mgmt_token = "secret"
    [profile.tls]
        insecure = false
        disable = false
        cert = ""
        key = ""
        ca = ""
`;

/** The text a problem's range covers (single-line ranges). */
function covered(text: string, p: ConfigProblem): string {
  assert.strictEqual(p.line, p.endLine, 'single-line range');
  return text.split(/\r?\n/)[p.line].slice(p.column, p.endColumn);
}

function only(text: string, code: ConfigProblem['code']): ConfigProblem {
  const found = lintConfig(text);
  assert.strictEqual(found.length, 1, JSON.stringify(found, null, 1));
  assert.strictEqual(found[0].code, code);
  return found[0];
}

describe('lintConfig', () => {
  it('finds nothing wrong in the documented samples', () => {
    assert.deepStrictEqual(lintConfig(CLUSTERED), []);
    assert.deepStrictEqual(lintConfig(DEDICATED), []);
    assert.deepStrictEqual(lintConfig(''), []);
    assert.deepStrictEqual(lintConfig('# only comments\n'), []);
  });

  it('accepts CRLF files with comments (which @iarna/toml alone rejects)', () => {
    assert.deepStrictEqual(lintConfig(DEDICATED.replace(/\n/g, '\r\n').replace('"secret"', '"secret" # rotated')), []);
  });

  it('reports a syntax error at the parser position, 0-based', () => {
    const p = only('[[profile]]\nname = "a"\nhost = \n', 'syntax');
    assert.strictEqual(p.severity, 'error');
    assert.strictEqual(p.line, 2);
    assert.match(p.message, /not valid TOML/);
    assert.doesNotMatch(p.message, /line \d+, column/);
    const dup = only('[[profile]]\nname = "a"\nname = "b"\n', 'syntax');
    assert.strictEqual(dup.line, 2);
    assert.ok(dup.endColumn > dup.column);
  });

  it('flags unknown profile keys at the key, with the closest known key', () => {
    const text = '[[profile]]\n  name = "a"\n  product = "dedicated"\n  account_id = "x"\n  cluster_id = "y"\n  mgmt_tokn = "t"\n  "acount_id" = "z"\n';
    const problems = lintConfig(text);
    assert.deepStrictEqual(
      problems.map((p) => [p.code, p.severity, covered(text, p), p.suggestion]),
      [
        ['unknownKey', 'error', 'mgmt_tokn', 'mgmt_token'],
        ['unknownKey', 'error', '"acount_id"', 'account_id'],
      ],
    );
    assert.deepStrictEqual([problems[0].line, problems[0].column, problems[0].endColumn], [5, 2, 11]);
  });

  it('offers no suggestion when nothing is close', () => {
    const p = only('[[profile]]\nname = "a"\nbananas = 1\n', 'unknownKey');
    assert.strictEqual(p.suggestion, undefined);
  });

  it('points at the unknown part of a dotted key or a header', () => {
    const text = '[[profile]]\nname = "a"\ntls.insecur = true\n[profile.tsl]\nca = "x"\n';
    const problems = lintConfig(text);
    assert.deepStrictEqual(
      problems.map((p) => [p.code, covered(text, p), p.suggestion]),
      [
        ['unknownKey', 'insecur', 'insecure'],
        ['unknownKey', 'tsl', 'tls'],
      ],
    );
  });

  it('explains a profile key written after a sub-table', () => {
    const text = '[[profile]]\nname = "a"\n[profile.tls]\ninsecure = true\nmgmt_token = "t"\n';
    const p = only(text, 'unknownKey');
    assert.match(p.message, /belongs to \[profile\.tls\]/);
    assert.strictEqual(covered(text, p), 'mgmt_token');
    assert.strictEqual(p.suggestion, undefined);
    const dotted = only('[[profile]]\nname = "a"\ntls.name = "x"\n', 'unknownKey');
    assert.doesNotMatch(dotted.message, /belongs to/);
  });

  it('warns about top-level keys and tables', () => {
    const text = 'title = "x"\n[servers]\nhost = "h"\n[[profile]]\nname = "a"\n';
    const problems = lintConfig(text);
    assert.deepStrictEqual(
      problems.map((p) => [p.code, p.severity, covered(text, p)]),
      [
        ['unknownKey', 'warning', 'title'],
        ['unknownKey', 'warning', 'servers'],
      ],
    );
  });

  it('is lenient in [profile.auth.oauth2]', () => {
    const text = '[[profile]]\nname = "a"\n[profile.auth.oauth2]\nclient_secret = "s"\naudience = "x"\nclient_idd = "c"\n[profile.auth.oauth2.parameters]\nanything = "goes"\n';
    const problems = lintConfig(text);
    assert.deepStrictEqual(
      problems.map((p) => [p.code, p.severity, covered(text, p), p.suggestion]),
      [
        ['unknownKey', 'warning', 'client_secret', undefined],
        ['unknownKey', 'warning', 'audience', undefined],
        ['unknownKey', 'warning', 'client_idd', 'client_id'],
      ],
    );
    assert.match(problems[1].message, /parameters/);
  });

  it('flags a bad product at its value', () => {
    const text = '[[profile]]\nname = "a"\nproduct = "Dedicated"\naccount_id = "x"\n';
    const p = only(text, 'badProduct');
    assert.strictEqual(covered(text, p), '"Dedicated"');
    assert.strictEqual(p.suggestion, '"dedicated"');
    assert.strictEqual(only('[[profile]]\nname = "a"\nproduct = "serverless"\n', 'badProduct').suggestion, undefined);
  });

  it('flags missing fields at the [[profile]] header', () => {
    const text = '# c\n  [[profile]] # d\nname = "d"\nproduct = "dedicated"\naccount_id = "x"\n[[profile]]\nname = "c"\nproduct = "clustered"\n[[profile]]\nproduct = "clustered"\nhost = "h"\n';
    const problems = lintConfig(text);
    assert.deepStrictEqual(
      problems.map((p) => [p.code, p.severity, p.line, covered(text, p)]),
      [
        ['missingField', 'error', 1, '[[profile]]'],
        ['missingField', 'error', 5, '[[profile]]'],
        ['missingField', 'warning', 8, '[[profile]]'],
      ],
    );
    assert.match(problems[0].message, /cluster_id/);
    assert.match(problems[1].message, /host/);
    assert.match(problems[2].message, /no name/);
  });

  it('flags empty required fields at their value', () => {
    const text = '[[profile]]\nname = "d"\nproduct = "dedicated"\naccount_id = ""\ncluster_id = "c"\n';
    assert.strictEqual(covered(text, only(text, 'missingField')), '""');
  });

  it('flags the second and later profiles with the same name', () => {
    const text = '[[profile]]\nname = "a"\n[[profile]]\nname = "b"\n[[profile]]\nname = "a"\n[[profile]]\n  name =   "a" # again\n';
    const problems = lintConfig(text);
    assert.deepStrictEqual(
      problems.map((p) => [p.code, p.line, covered(text, p)]),
      [
        ['duplicateName', 5, '"a"'],
        ['duplicateName', 7, '"a"'],
      ],
    );
  });

  it('flags wrong types at the value, with a fix where one is obvious', () => {
    const text = '[[profile]]\nname = 1\nport = 443\ntls.insecure = "true"\n[profile.auth.oauth2]\nscopes = "openid"\n';
    const problems = lintConfig(text);
    assert.deepStrictEqual(
      problems.map((p) => [p.code, covered(text, p), p.suggestion]),
      [
        ['wrongType', '1', '"1"'],
        ['wrongType', '443', '"443"'],
        ['wrongType', '"true"', 'true'],
        ['wrongType', '"openid"', '["openid"]'],
      ],
    );
    assert.match(problems[1].message, /port must be a string/);
  });

  it('checks inline tables and keys used as tables', () => {
    const text = '[[profile]]\nname = "a"\ntls = { insecure = "no", bogus = 1 }\nport.x = "1"\n';
    const problems = lintConfig(text);
    assert.deepStrictEqual(
      problems.map((p) => [p.code, covered(text, p), p.suggestion]),
      [
        ['wrongType', '{ insecure = "no", bogus = 1 }', undefined],
        ['unknownKey', '{ insecure = "no", bogus = 1 }', undefined],
        ['wrongType', 'port', undefined],
      ],
    );
  });

  it('flags [profile] written as a single table', () => {
    const text = '[profile]\nname = "a"\n';
    const p = only(text, 'wrongType');
    assert.strictEqual(covered(text, p), '[profile]');
  });

  it('checks profiles written inline', () => {
    const text = 'profile = [{ name = "a", product = "x" }, { name = "a", product = "clustered", host = "h" }]\n';
    const problems = lintConfig(text);
    assert.deepStrictEqual(
      problems.map((p) => p.code),
      ['badProduct', 'duplicateName'],
    );
  });

  it('returns problems sorted by position', () => {
    const text = '[[profile]]\nname = "a"\nproduct = "dedicated"\nxx_yy = 1\n[[profile]]\nname = "a"\n';
    const problems = lintConfig(text);
    const keys = problems.map((p) => p.line * 1000 + p.column);
    assert.deepStrictEqual(keys, [...keys].sort((a, b) => a - b));
    assert.deepStrictEqual(
      problems.map((p) => p.code),
      ['missingField', 'missingField', 'unknownKey', 'duplicateName'],
    );
  });

  it('lints a 1,000-profile file', () => {
    const parts: string[] = [];
    for (let i = 0; i < 1000; i++) parts.push('[[profile]]', `name = "p${i}"`, 'product = "clustered"', 'host = "h"', '[profile.tls]', 'insecure = true');
    assert.deepStrictEqual(lintConfig(parts.join('\n')), []);
  });

  it('describes known keys for completion', () => {
    assert.strictEqual(KNOWN_KEYS.profile.mgmt_token, 'Management token used instead of logging in (a secret)');
    assert.strictEqual(KNOWN_KEYS.profile.account_id, 'Cloud Dedicated account ID');
    assert.deepStrictEqual(Object.keys(KNOWN_KEYS['profile.tls']).sort(), ['ca', 'cert', 'disable', 'insecure', 'key']);
    assert.strictEqual(KNOWN_KEYS['profile.auth.oauth2'].device_url, 'Identity provider device authorization URL');
    // Every key the linter knows is offered, each with a sentence.
    for (const [table, keys] of Object.entries(CONFIG_KEYS)) {
      assert.deepStrictEqual(Object.keys(KNOWN_KEYS[table] ?? {}).sort(), Object.keys(keys).sort(), table);
      for (const [key, text] of Object.entries(KNOWN_KEYS[table])) assert.ok(text.length >= 8 && !/^\s|\s$/.test(text), `${table}.${key}`);
    }
  });

  describe('a UTF-8 byte order mark (Windows PowerShell 5.1 writes one; influxctl refuses the file)', () => {
    /** The text with a problem's suggestion put in its range. */
    function applyFix(text: string, p: ConfigProblem): string {
      const lines = text.split('\n');
      const start = lines.slice(0, p.line).join('\n').length + (p.line ? 1 : 0) + p.column;
      const end = lines.slice(0, p.endLine).join('\n').length + (p.endLine ? 1 : 0) + p.endColumn;
      return text.slice(0, start) + p.suggestion + text.slice(end);
    }

    for (const [what, text] of [
      ['a valid file', `\uFEFF${DEDICATED}`],
      ['a file with CRLF line endings', `\uFEFF${DEDICATED.replace(/\n/g, '\r\n')}`],
      ['a file that starts with a comment', `\uFEFF# influxctl\n${DEDICATED}`],
      ['a file with only the mark', '\uFEFF'],
    ]) {
      it(`${what}: an error at line 1, column 1, whose fix removes the mark and nothing else`, () => {
        const problems = lintConfig(text);
        const bom = problems.filter((p) => p.code === 'bom');
        assert.strictEqual(bom.length, 1, JSON.stringify(problems));
        const [p] = bom;
        assert.deepStrictEqual([p.line, p.column, p.endLine, p.endColumn, p.severity], [0, 0, 0, 1, 'error']);
        assert.match(p.message, /byte order mark/);
        assert.match(p.message, /influxctl/);
        assert.strictEqual(p.suggestion, '');
        assert.match(p.fixTitle ?? '', /Remove the byte order mark/);
        const fixed = applyFix(text, p);
        assert.strictEqual(fixed, text.slice(1));
        assert.ok(!lintConfig(fixed).some((q) => q.code === 'bom'));
      });
    }

    it('is reported next to a syntax error', () => {
      const codes = lintConfig('\uFEFF[[profile]]\nname = \n').map((p) => p.code);
      assert.deepStrictEqual(codes.sort(), ['bom', 'syntax']);
    });

    it('an editor that decoded the mark away says so through encoding: reported at the start, with no text fix', () => {
      const problems = lintConfig(DEDICATED, { encoding: 'utf-8-bom' });
      assert.strictEqual(problems.length, 1, JSON.stringify(problems));
      const [p] = problems;
      assert.deepStrictEqual([p.code, p.line, p.column, p.endLine, p.endColumn], ['bom', 0, 0, 0, 0]);
      assert.strictEqual(p.suggestion, undefined);
    });

    for (const [encoding, name] of [['utf-16le', 'UTF-16 LE'], ['utf-16be', 'UTF-16 BE']] as const) {
      it(`a file stored as ${name} (decoded by the editor, mark or not in the text) is reported, with no text fix`, () => {
        for (const text of [DEDICATED, `\uFEFF${DEDICATED}`]) {
          const problems = lintConfig(text, { encoding }).filter((p) => p.code === 'bom');
          assert.strictEqual(problems.length, 1, JSON.stringify(problems));
          assert.match(problems[0].message, new RegExp(`saved as ${name} .*which influxctl cannot read\\. Save it as UTF-8 without BOM`));
          assert.strictEqual(problems[0].suggestion, undefined);
        }
      });
    }

    it('UTF-8 without a mark on disk is no problem', () => {
      assert.ok(!lintConfig(DEDICATED, { encoding: 'utf-8' }).some((p) => p.code === 'bom'));
    });

    it('no mark, or U+FEFF elsewhere, is no problem', () => {
      assert.ok(!lintConfig(DEDICATED).some((p) => p.code === 'bom'));
      assert.ok(!lintConfig(`${DEDICATED}# \uFEFF\n`).some((p) => p.code === 'bom'));
    });
  });
});
