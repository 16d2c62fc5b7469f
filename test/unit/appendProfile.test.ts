import * as assert from 'assert';
import * as TOML from '@iarna/toml';
import { appendProfile, ProfileAddError, type NewProfile } from '../../src/core';
import { CLUSTERED_SAMPLE, DEDICATED_SAMPLE } from './docSamples';

const DEDICATED: NewProfile = { name: 'prod', product: 'dedicated', account_id: '11111111-2222-4333-8444-555555555555', cluster_id: '66666666-7777-4888-9999-000000000000' };
const CLUSTERED: NewProfile = { name: 'on-prem', product: 'clustered', host: 'influx.example.com', port: '8443' };

/** The data @iarna/toml reads from `text`. */
const parsed = (text: string): Record<string, unknown> => JSON.parse(JSON.stringify(TOML.parse(text)));

describe('appendProfile (Add Profile…)', () => {
  for (const [sample, text] of [
    ['the Cloud Dedicated sample', DEDICATED_SAMPLE],
    ['the Clustered sample', CLUSTERED_SAMPLE],
  ] as const) {
    for (const profile of [DEDICATED, CLUSTERED]) {
      it(`appends a ${profile.product} profile to ${sample}: it re-parses to exactly the old data plus that profile, the old text untouched`, () => {
        const edited = appendProfile(text, profile);
        assert.ok(edited.startsWith(text), 'nothing before the new table changes');
        const before = parsed(text);
        assert.deepStrictEqual(parsed(edited), { ...before, profile: [...(before.profile as unknown[]), { ...profile }] });
        assert.match(edited.slice(text.length), /^\n?\n\[\[profile\]\]\n/, 'one blank line before the new table');
        assert.ok(edited.endsWith('\n'));
      });
    }
  }

  it('keeps CRLF line breaks, and the indentation of the file\'s profiles', () => {
    const text = '# mine\r\n[[profile]]\r\n  name = "default"\r\n  product = "clustered"\r\n  host = "a.example.com"\r\n';
    const edited = appendProfile(text, DEDICATED);
    assert.strictEqual(
      edited.slice(text.length),
      '\r\n[[profile]]\r\n  name = "prod"\r\n  product = "dedicated"\r\n  account_id = "11111111-2222-4333-8444-555555555555"\r\n  cluster_id = "66666666-7777-4888-9999-000000000000"\r\n',
    );
    assert.ok(!/(^|[^\r])\n/.test(edited), 'no bare LF');
  });

  it('adds one blank line whatever the end of the file: no line break, one, or a blank line already', () => {
    const profile = '[[profile]]\nname = "a"';
    for (const end of ['', '\n', '\n\n']) {
      const edited = appendProfile(profile + end, CLUSTERED);
      // Unindented, as the file's profile is.
      assert.strictEqual(edited, `${profile}\n\n[[profile]]\nname = "on-prem"\nproduct = "clustered"\nhost = "influx.example.com"\nport = "8443"\n`);
    }
  });

  it('writes into an empty file, and after comments only, without a port when none is given', () => {
    const noPort: NewProfile = { name: 'x', product: 'clustered', host: 'h.example.com' };
    assert.strictEqual(appendProfile('', noPort), '[[profile]]\n    name = "x"\n    product = "clustered"\n    host = "h.example.com"\n');
    assert.deepStrictEqual(parsed(appendProfile('## header\n', noPort)), { profile: [{ name: 'x', product: 'clustered', host: 'h.example.com' }] });
  });

  it('after a sub-table ([profile.tls]) of the last profile, the new one is its own profile', () => {
    const text = '[[profile]]\nname = "a"\n[profile.tls]\ninsecure = true\n';
    assert.deepStrictEqual(parsed(appendProfile(text, CLUSTERED)).profile, [{ name: 'a', tls: { insecure: true } }, { ...CLUSTERED }]);
  });

  it('escapes what TOML needs escaped in a name', () => {
    const name = 'quote " backslash \\ tab \t';
    assert.strictEqual((parsed(appendProfile('', { ...CLUSTERED, name })).profile as { name: string }[])[0].name, name);
  });

  it('refuses a name already used, and a file whose profiles are an inline array, leaving nothing written', () => {
    assert.throws(() => appendProfile('[[profile]]\nname = "prod"\n', DEDICATED), (err) => err instanceof ProfileAddError && err.code === 'duplicateProfile');
    assert.throws(() => appendProfile('profile = [{ name = "a" }]\n', DEDICATED), (err) => err instanceof ProfileAddError && err.code === 'wouldChangeOthers');
  });
});
