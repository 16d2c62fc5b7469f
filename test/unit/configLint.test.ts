import * as assert from 'assert';
import { CONFIG_KEYS, KNOWN_KEYS, lintConfig, type ConfigProblem, type ConfigProblemFacts } from '../../src/core';
import { configFixTitle, describeConfigProblem } from '../../src/configToml/configProblemText';

const ACCOUNT = '0b8fbb2a-8f7b-4a1c-9d6e-2f1e4c3b5a69';
const CLUSTER = '5c3e8a1f-7d2b-4e6a-b9c0-1f2e3d4c5b6a';
/** A profile every check accepts, to put the fault under test in. */
const VALID = 'product = "clustered"\nhost = "h"\n';

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

/** The documented samples with their placeholders filled in. */
const CLUSTERED_FILLED = CLUSTERED.replace('{{< influxdb/host >}}', 'cluster-host.com').replace('INFLUXDB_PORT', '8443');
const DEDICATED_FILLED = DEDICATED.replace('ACCOUNT_ID', ACCOUNT).replace('CLUSTER_ID', CLUSTER);

/** The facts of a problem, without where it is and how bad. */
function factsOf(p: ConfigProblem): ConfigProblemFacts {
  const facts: Record<string, unknown> = { ...p };
  for (const k of ['severity', 'line', 'column', 'endLine', 'endColumn', 'suggestion']) delete facts[k];
  return facts as ConfigProblemFacts;
}

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
  it('finds nothing wrong in the documented samples once their placeholders are filled in', () => {
    assert.deepStrictEqual(lintConfig(CLUSTERED_FILLED), []);
    assert.deepStrictEqual(lintConfig(DEDICATED_FILLED), []);
    assert.deepStrictEqual(lintConfig(''), []);
    assert.deepStrictEqual(lintConfig('# only comments\n'), []);
  });

  it("flags the samples' placeholders at their values: no cluster is named by them", () => {
    assert.deepStrictEqual(
      lintConfig(CLUSTERED).map((p) => [p.code, covered(CLUSTERED, p), factsOf(p)]),
      [
        ['badValue', '"{{< influxdb/host >}}"', { code: 'badValue', profile: 'PROFILE_NAME', key: 'host', reason: 'notHostName', value: '{{< influxdb/host >}}' }],
        ['badValue', '"INFLUXDB_PORT"', { code: 'badValue', profile: 'PROFILE_NAME', key: 'port', reason: 'notPort', value: 'INFLUXDB_PORT' }],
      ],
    );
    assert.deepStrictEqual(
      lintConfig(DEDICATED).map((p) => [covered(DEDICATED, p), p.severity, factsOf(p)]),
      [
        ['"ACCOUNT_ID"', 'error', { code: 'badValue', profile: 'default', key: 'account_id', reason: 'notUuid', value: 'ACCOUNT_ID' }],
        ['"CLUSTER_ID"', 'error', { code: 'badValue', profile: 'default', key: 'cluster_id', reason: 'notUuid', value: 'CLUSTER_ID' }],
      ],
    );
  });

  it('accepts CRLF files with comments (which @iarna/toml alone rejects)', () => {
    assert.deepStrictEqual(lintConfig(DEDICATED_FILLED.replace(/\n/g, '\r\n').replace('"secret"', '"secret" # rotated')), []);
  });

  it('reports a syntax error at the parser position, 0-based', () => {
    const p = only('[[profile]]\nname = "a"\nhost = \n', 'syntax');
    assert.strictEqual(p.severity, 'error');
    assert.strictEqual(p.line, 2);
    assert.deepStrictEqual(factsOf(p), { code: 'syntax', reason: 'invalid', detail: 'Unexpected character, expecting string, number, datetime, boolean, inline array or inline table' });
    const dup = only('[[profile]]\nname = "a"\nname = "b"\n', 'syntax');
    assert.strictEqual(dup.line, 2);
    assert.ok(dup.endColumn > dup.column);
  });

  it('flags unknown profile keys at the key, with the closest known key', () => {
    const text = `[[profile]]\n  name = "a"\n  product = "dedicated"\n  account_id = "${ACCOUNT}"\n  cluster_id = "${CLUSTER}"\n  mgmt_tokn = "t"\n  "acount_id" = "z"\n`;
    const problems = lintConfig(text);
    assert.deepStrictEqual(
      problems.map((p) => [p.code, p.severity, covered(text, p), p.suggestion]),
      [
        ['unknownKey', 'error', 'mgmt_tokn', 'mgmt_token'],
        ['unknownKey', 'error', '"acount_id"', 'account_id'],
      ],
    );
    assert.deepStrictEqual(factsOf(problems[0]), { code: 'unknownKey', table: 'profile', key: 'mgmt_tokn', didYouMean: 'mgmt_token' });
    assert.deepStrictEqual([problems[0].line, problems[0].column, problems[0].endColumn], [5, 2, 11]);
  });

  it('offers no suggestion when nothing is close', () => {
    const p = only(`[[profile]]\nname = "a"\n${VALID}bananas = 1\n`, 'unknownKey');
    assert.strictEqual(p.suggestion, undefined);
    assert.deepStrictEqual(factsOf(p), { code: 'unknownKey', table: 'profile', key: 'bananas' });
  });

  it('points at the unknown part of a dotted key or a header', () => {
    const text = `[[profile]]\nname = "a"\n${VALID}tls.insecur = true\n[profile.tsl]\nca = "x"\n`;
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
    const text = `[[profile]]\nname = "a"\n${VALID}[profile.tls]\ninsecure = true\nmgmt_token = "t"\n`;
    const p = only(text, 'unknownKey');
    assert.deepStrictEqual(factsOf(p), { code: 'unknownKey', table: 'profile.tls', key: 'mgmt_token', why: 'profileKeyInSubTable' });
    assert.strictEqual(covered(text, p), 'mgmt_token');
    assert.strictEqual(p.suggestion, undefined);
    const dotted = only(`[[profile]]\nname = "a"\n${VALID}tls.name = "x"\n`, 'unknownKey');
    assert.deepStrictEqual(factsOf(dotted), { code: 'unknownKey', table: 'profile.tls', key: 'name' });
  });

  it('warns about top-level keys and tables', () => {
    const text = `title = "x"\n[servers]\nhost = "h"\n[[profile]]\nname = "a"\n${VALID}`;
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
    const text = `[[profile]]\nname = "a"\n${VALID}[profile.auth.oauth2]\nclient_secret = "s"\naudience = "x"\nclient_idd = "c"\n[profile.auth.oauth2.parameters]\nanything = "goes"\n`;
    const problems = lintConfig(text);
    assert.deepStrictEqual(
      problems.map((p) => [p.code, p.severity, covered(text, p), p.suggestion]),
      [
        ['unknownKey', 'warning', 'client_secret', undefined],
        ['unknownKey', 'warning', 'audience', undefined],
        ['unknownKey', 'warning', 'client_idd', 'client_id'],
      ],
    );
    assert.deepStrictEqual(problems.map(factsOf), [
      { code: 'unknownKey', table: 'profile.auth.oauth2', key: 'client_secret', why: 'removed' },
      { code: 'unknownKey', table: 'profile.auth.oauth2', key: 'audience', why: 'parameter' },
      { code: 'unknownKey', table: 'profile.auth.oauth2', key: 'client_idd', didYouMean: 'client_id' },
    ]);
  });

  it('flags a bad product at its value', () => {
    const text = '[[profile]]\nname = "a"\nproduct = "Dedicated"\naccount_id = "x"\n';
    const p = only(text, 'badProduct');
    assert.strictEqual(covered(text, p), '"Dedicated"');
    assert.strictEqual(p.suggestion, '"dedicated"');
    assert.deepStrictEqual(factsOf(p), { code: 'badProduct', profile: 'a', value: 'Dedicated', didYouMean: 'dedicated' });
    const far = only('[[profile]]\nname = "a"\nproduct = "serverless"\n', 'badProduct');
    assert.strictEqual(far.suggestion, undefined);
    assert.deepStrictEqual(factsOf(far), { code: 'badProduct', profile: 'a', value: 'serverless' });
  });

  it('flags missing fields at the [[profile]] header', () => {
    const text = `# c\n  [[profile]] # d\nname = "d"\nproduct = "dedicated"\naccount_id = "${ACCOUNT}"\n[[profile]]\nname = "c"\nproduct = "clustered"\n[[profile]]\nproduct = "clustered"\nhost = "h"\n[[profile]]\nname = "p"\n`;
    const problems = lintConfig(text);
    assert.deepStrictEqual(
      problems.map((p) => [p.code, p.severity, p.line, covered(text, p)]),
      [
        ['missingField', 'error', 1, '[[profile]]'],
        ['missingField', 'error', 5, '[[profile]]'],
        ['missingField', 'warning', 8, '[[profile]]'],
        ['missingField', 'error', 11, '[[profile]]'],
      ],
    );
    assert.deepStrictEqual(problems.map(factsOf), [
      { code: 'missingField', profile: 'd', key: 'cluster_id', empty: false, product: 'dedicated' },
      { code: 'missingField', profile: 'c', key: 'host', empty: false, product: 'clustered' },
      { code: 'missingField', profile: 3, key: 'name', empty: false },
      { code: 'missingField', profile: 'p', key: 'product', empty: false },
    ]);
  });

  it('flags empty required fields at their value', () => {
    const text = `[[profile]]\nname = "d"\nproduct = "dedicated"\naccount_id = ""\ncluster_id = "${CLUSTER}"\n`;
    const p = only(text, 'missingField');
    assert.strictEqual(covered(text, p), '""');
    assert.deepStrictEqual(factsOf(p), { code: 'missingField', profile: 'd', key: 'account_id', empty: true, product: 'dedicated' });
  });

  it('flags the second and later profiles with the same name', () => {
    const text = `[[profile]]\nname = "a"\n${VALID}[[profile]]\nname = "b"\n${VALID}[[profile]]\nname = "a"\n${VALID}[[profile]]\n  name =   "a" # again\n${VALID}`;
    const problems = lintConfig(text);
    assert.deepStrictEqual(
      problems.map((p) => [p.code, p.line, covered(text, p)]),
      [
        ['duplicateName', 9, '"a"'],
        ['duplicateName', 13, '"a"'],
      ],
    );
    assert.deepStrictEqual(factsOf(problems[0]), { code: 'duplicateName', profile: 'a' });
  });

  it('flags wrong types at the value, with a fix where one is obvious', () => {
    const text = '[[profile]]\nname = 1\nport = 443\ntls.insecure = "true"\nproduct = "clustered"\nhost = "h"\n[profile.auth.oauth2]\nscopes = "openid"\n';
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
    assert.deepStrictEqual(factsOf(problems[1]), { code: 'wrongType', table: 'profile', key: 'port', expected: 'string', found: 'number', didYouMean: '"443"' });
  });

  it('checks inline tables and keys used as tables', () => {
    const text = `[[profile]]\nname = "a"\n${VALID}tls = { insecure = "no", bogus = 1 }\nport.x = "1"\n`;
    const problems = lintConfig(text);
    assert.deepStrictEqual(
      problems.map((p) => [p.code, covered(text, p), p.suggestion]),
      [
        ['wrongType', '{ insecure = "no", bogus = 1 }', undefined],
        ['unknownKey', '{ insecure = "no", bogus = 1 }', undefined],
        ['wrongType', 'port', undefined],
      ],
    );
    assert.deepStrictEqual(problems.map(factsOf), [
      { code: 'wrongType', table: 'profile.tls', key: 'insecure', expected: 'boolean', found: 'string', inline: true },
      { code: 'unknownKey', table: 'profile.tls', key: 'bogus' },
      { code: 'wrongType', table: 'profile', key: 'port', expected: 'string', found: 'table' },
    ]);
  });

  it('flags [profile] written as a single table', () => {
    const text = '[profile]\nname = "a"\n';
    const p = only(text, 'wrongType');
    assert.strictEqual(covered(text, p), '[profile]');
    assert.deepStrictEqual(factsOf(p), { code: 'wrongType', table: '', key: 'profile', expected: 'tableArray', found: 'tableHeader' });
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
      ['missingField', 'missingField', 'unknownKey', 'missingField', 'duplicateName'],
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
        assert.deepStrictEqual(factsOf(p), { code: 'bom', encoding: 'utf-8-bom' });
        assert.strictEqual(p.suggestion, '');
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
      const problems = lintConfig(DEDICATED_FILLED, { encoding: 'utf-8-bom' });
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
          assert.deepStrictEqual(factsOf(problems[0]), { code: 'bom', encoding });
          assert.match(describeConfigProblem(problems[0]), new RegExp(`saved as ${name} .*which influxctl cannot read\\. Save it as UTF-8 without BOM`));
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

describe('config.toml problems in words (configProblemText)', () => {
  /** The one problem of `code` in `text`. */
  function problemOf(text: string, code: ConfigProblem['code']): ConfigProblem {
    const found = lintConfig(text).filter((p) => p.code === code);
    assert.strictEqual(found.length, 1, JSON.stringify(lintConfig(text)));
    return found[0];
  }

  // Per code: a file, the facts its words must name, and the title of its quick fix (if any).
  const cases: [ConfigProblem['code'], string, string[], string | undefined][] = [
    ['syntax', '[[profile]]\nname = "a"\nhost = \n', ['not valid TOML', 'Unexpected character'], undefined],
    ['bom', `\uFEFF${DEDICATED_FILLED}`, ['UTF-8 byte order mark', 'influxctl cannot read', 'UTF-8 without BOM'], 'Remove the byte order mark'],
    ['unknownKey', `[[profile]]\nname = "a"\n${VALID}mgmt_tokn = "t"\n`, ['"mgmt_tokn"', '[profile]', 'Did you mean mgmt_token?'], 'Change to mgmt_token'],
    ['wrongType', `[[profile]]\nname = "a"\n${VALID}port = 443\n`, ['port must be a string, not a number', '"443"'], 'Change to "443"'],
    ['orphanTable', '[profile.tls]\nca = "x"\n', ['[profile.tls]', '[[profile]]'], undefined],
    ['missingField', '[[profile]]\nname = "c"\nproduct = "clustered"\n', ['Profile "c"', 'host', 'Clustered'], undefined],
    ['badProduct', '[[profile]]\nname = "a"\nproduct = "Clustred"\n', ['product', '"Clustred"', 'Did you mean "clustered"?'], 'Change to "clustered"'],
    ['badValue', `[[profile]]\nname = "a"\nproduct = "dedicated"\naccount_id = "acct-1"\ncluster_id = "${CLUSTER}"\n`, ['account_id', '"acct-1"', 'UUID'], undefined],
    ['duplicateName', `[[profile]]\nname = "prod"\n${VALID}[[profile]]\nname = "prod"\n${VALID}`, ['"prod"', 'Rename'], undefined],
  ];
  for (const [code, text, facts, fixTitle] of cases) {
    it(`${code}: names ${facts.join(', ')}`, () => {
      const p = problemOf(text, code);
      const words = describeConfigProblem(p);
      for (const fact of facts) assert.ok(words.includes(fact), `${JSON.stringify(fact)} is not in: ${words}`);
      assert.strictEqual(configFixTitle(p), fixTitle);
    });
  }

  it('has words for every code', () => {
    const codes = new Set(cases.map(([code]) => code));
    const all: Record<ConfigProblem['code'], true> = { syntax: true, bom: true, unknownKey: true, wrongType: true, orphanTable: true, missingField: true, badProduct: true, badValue: true, duplicateName: true };
    assert.deepStrictEqual([...codes].sort(), Object.keys(all).sort());
  });

  it('a token-shaped value in the file is in no problem, no words and no fix title', () => {
    const MGMT = 'M.V1.qZ3x9Lk2PbR7tYvWm4NcE1sHd8Ga6Uj0Of5Ti2Ky7Xw3';
    const RUN = 'qZ3x9Lk2PbR7tYvWm4NcE1sHd8Ga6Uj0Of5Ti2Ky7Xw3';
    const DB = `apiv1_${'Qx7Lm2Pz9Rt4Wb'.repeat(6)}`;
    const files = [
      `[[profile]]\nname = "a"\nproduct = "clustered"\nhost = "${MGMT}"\nport = "${DB}"\n`,
      `[[profile]]\nname = "a"\nproduct = "dedicated"\naccount_id = "${MGMT}"\ncluster_id = "https://${DB}/"\n`,
      `[[profile]]\nname = "a"\nproduct = "${MGMT}"\n`,
      `[[profile]]\nname = "${MGMT}"\n${VALID}[[profile]]\nname = "${MGMT}"\n${VALID}`,
      `[[profile]]\n${VALID}`,
      `${RUN} = 1\n[[profile]]\nname = "a"\n${VALID}${DB} = "x"\n[profile.auth.oauth2]\nscopes = "${MGMT}"\n${RUN} = 2\n`,
      `[profile.${DB}]\nca = "x"\n`,
      `${DB} = ${'['.repeat(120)}${']'.repeat(120)}\n`,
    ];
    for (const text of files) {
      const problems = lintConfig(text);
      assert.ok(problems.length > 0, text);
      for (const p of problems) {
        const all = `${JSON.stringify(p)} ${describeConfigProblem(p)} ${configFixTitle(p) ?? ''}`;
        for (const secret of [MGMT, RUN, DB]) assert.ok(!all.includes(secret.slice(5, 25)), all);
      }
    }
  });
});
