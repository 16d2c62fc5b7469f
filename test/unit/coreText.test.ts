import * as assert from 'assert';
import { ConfigEncodingError, ConfigError, DAY_MS, ExpiryError, parseExpiry, parseProfiles, ProfileEditError, setProfileMgmtToken, type ConfigEncoding } from '../../src/core';
import type { ManagementToken } from '../../src/core/types';
import { describeConfigError, describeError, describeExpiryError, describeInfluxctlFailure, describeProfileEditError, describeTokenLifetime, humanDuration, instant, tokenNameWithId } from '../../src/ui/coreText';

const NOW = new Date('2030-01-15T10:20:30.456Z');
const MIN = 60_000;
const HOUR = 60 * MIN;

function inDays(days: number): Date {
  return new Date(NOW.getTime() + days * DAY_MS);
}

function token(extra: Partial<ManagementToken> = {}): ManagementToken {
  return { id: '11111111-2222-3333-4444-555555555555', description: 'ci', prefix: 'M.V1.abcd', createdAt: inDays(-30), ...extra };
}

function expiryError(input: string): ExpiryError {
  try {
    parseExpiry(input, NOW);
  } catch (err) {
    if (err instanceof ExpiryError) return err;
    throw err;
  }
  throw new Error(`${input} was accepted`);
}

describe('coreText', () => {
  it('tokenNameWithId names a token by its description and ID, also one without a description', () => {
    assert.strictEqual(tokenNameWithId({ id: 'id-1', description: 'ci' }), 'ci (id-1)');
    assert.strictEqual(tokenNameWithId({ id: 'id-1', description: '' }), '(no description) (id-1)');
  });

  describe('humanDuration', () => {
    it('rounds down to the largest sensible unit', () => {
      assert.strictEqual(humanDuration(3 * DAY_MS + 5 * HOUR), '3 days');
      assert.strictEqual(humanDuration(5 * HOUR + 59 * MIN), '5 hours');
      assert.strictEqual(humanDuration(12 * MIN), '12 minutes');
      assert.strictEqual(humanDuration(30_000), 'a minute');
      assert.strictEqual(humanDuration(400 * DAY_MS), '1 year');
      assert.strictEqual(humanDuration(-2 * DAY_MS), '2 days');
    });
  });

  describe('describeTokenLifetime', () => {
    it('describes each lifetime in words', () => {
      assert.strictEqual(describeTokenLifetime(token({ expiresAt: inDays(3) }), NOW), 'expires in 3 days');
      assert.strictEqual(describeTokenLifetime(token(), NOW), 'never expires');
      assert.strictEqual(describeTokenLifetime(token({ expiresAt: inDays(-2) }), NOW), 'expired 2 days ago');
      assert.strictEqual(describeTokenLifetime(token({ revokedAt: inDays(-1), expiresAt: inDays(-2) }), NOW), 'revoked');
      assert.strictEqual(describeTokenLifetime(token({ revokedAt: inDays(-1) }), NOW), 'revoked');
      assert.strictEqual(describeTokenLifetime(token({ expiresAt: inDays(0.25) }), NOW), 'expires in 6 hours');
    });
  });

  describe('describeExpiryError', () => {
    it('an input that is no expiry: quoted, with what is accepted', () => {
      for (const input of ['tomorrow', '7d; rm -rf /', ' 2030/01/31 ']) {
        const message = describeExpiryError(expiryError(input));
        assert.ok(message.includes(JSON.stringify(input.trim())), message);
        assert.match(message, /30m/);
        assert.match(message, /RFC3339/);
      }
    });

    it('says which date is not real, not in the future, or too late', () => {
      assert.match(describeExpiryError(expiryError('2030-02-30')), /"2030-02-30" is not a real date\./);
      assert.match(describeExpiryError(expiryError('2030-01-31T25:00:00Z')), /not a real date and time/);
      assert.strictEqual(describeExpiryError(expiryError('2020-01-01')), '2020-01-01T00:00:00Z is not in the future.');
      assert.match(describeExpiryError(expiryError('999999y')), /"999999y" is too far in the future.*9999-12-31T23:59:59Z/);
    });
  });
});

describe('coreText: instants', () => {
  it('shows an instant one way: RFC3339 in UTC, without zero milliseconds, keeping real ones', () => {
    assert.strictEqual(instant(new Date('2026-12-06T18:00:00.000Z')), '2026-12-06T18:00:00Z');
    assert.strictEqual(instant(new Date('2026-12-06T18:00:00.250Z')), '2026-12-06T18:00:00.250Z');
  });
});

describe('coreText: config.toml', () => {
  function configError(text: string): ConfigError {
    try {
      parseProfiles(text);
    } catch (err) {
      if (err instanceof ConfigError) return err;
      throw err;
    }
    throw new Error('parsed');
  }

  it('describeConfigError says what is wrong and where', () => {
    const syntax = configError('[[profile]]\nname = "a"\nname = "b"\n');
    assert.strictEqual(syntax.reason.code, 'notToml');
    assert.match(describeConfigError(syntax), /^Line 3, column \d+: config\.toml is not valid TOML: .+$/);
    assert.match(describeConfigError(configError('[profile]\nname = "a"\n')), /\[\[profile\]\]/);
    const deep = configError(`x = ${'['.repeat(120)}${']'.repeat(120)}\n`);
    assert.match(describeConfigError(deep), /more than 100 levels deep \(under "x"\)/);
  });

  it('describeConfigError names an encoding influxctl cannot read and the fix', () => {
    const of = (encoding: ConfigEncoding, undecodable: boolean) => describeConfigError(new ConfigError({ code: 'encoding', encoding, undecodable }, 1, 1));
    assert.match(of('utf-16le', false), /saved as UTF-16 LE .*influxctl cannot read.*Save it as UTF-8 without BOM/);
    assert.match(of('utf-16be', true), /starts like UTF-16 BE but is not valid UTF-16 BE text/);
    assert.match(of('utf-8', true), /not valid UTF-8 .*Windows-1252.*Save it as UTF-8/);
    assert.match(describeError(new ConfigEncodingError('utf-8')), /not valid UTF-8 .*Windows-1252/);
  });

  it('describeProfileEditError names the profile and the key, never the value', () => {
    const secret = 'M.V1.abcdefghijklmnopqrstuvwxyz0123';
    const two = '[[profile]]\nname = "a"\n[[profile]]\nname = "a"\n';
    const cases: [string, string, RegExp][] = [
      ['', 'c', /^No profile named "c" in config\.toml$/],
      [two, 'a', /^Two profiles are named "a"; rename one$/],
      ['profile = [{ name = "a" }]\n', 'a', /inline .*set mgmt_token by hand/],
      ['[[profile]]\nname = "a"\nmgmt_token.x = 1\n', 'a', /^mgmt_token of profile "a" is written as a table or dotted key/],
    ];
    for (const [text, name, expected] of cases) {
      let message = '';
      try {
        setProfileMgmtToken(text, name, secret);
      } catch (err) {
        message = describeError(err);
      }
      assert.match(message, expected);
      assert.ok(!message.includes(secret.slice(5)), message);
    }
    assert.throws(
      () => setProfileMgmtToken('[[profile]]\nname = "a"\n', 'a', '\ud800'),
      (err) => err instanceof ProfileEditError && err.code === 'notUnicode' && /not valid Unicode/.test(describeProfileEditError(err)),
    );
  });
});

describe('coreText: influxctl', () => {
  it('describeInfluxctlFailure says what happened and what to do next', () => {
    assert.match(describeInfluxctlFailure({ kind: 'notFound', executable: '/opt/influxctl' }), /influxctl was not found \(\/opt\/influxctl\).*influxdbTokens\.influxctlPath/);
    assert.match(describeInfluxctlFailure({ kind: 'notExecutable', executable: '/opt/influxctl' }), /permission denied.*influxdbTokens\.influxctlPath/);
    assert.strictEqual(
      describeInfluxctlFailure({ kind: 'loginRequired', url: 'https://auth.example/activate', code: 'WDJB-MJHT' }),
      'influxctl needs you to log in: open https://auth.example/activate and enter the code WDJB-MJHT, then retry.',
    );
    assert.strictEqual(describeInfluxctlFailure({ kind: 'exit', exitCode: 3, signal: null, stderr: 'one\ntwo\nthree\nError: four\n' }), 'influxctl exited with code 3: two three Error: four');
    assert.strictEqual(describeInfluxctlFailure({ kind: 'exit', exitCode: null, signal: 'SIGKILL', stderr: '' }), 'influxctl was stopped by SIGKILL');
    assert.match(describeInfluxctlFailure({ kind: 'timeout', seconds: 5 }), /within 5 s.*influxdbTokens\.timeoutSeconds/);
    assert.match(describeInfluxctlFailure({ kind: 'outputTooLarge', limitBytes: 48 * 1048576 }), /more than 48 MB/);
    assert.match(describeInfluxctlFailure({ kind: 'refused', reason: 'notTokenIds', ids: ['--force'] }), /^Refusing to revoke: not a token ID: "--force"\.$/);
    assert.strictEqual(describeInfluxctlFailure({ kind: 'refused', reason: 'notTokenIds', ids: [] }), 'Refusing to revoke: no token IDs.');
  });
});
