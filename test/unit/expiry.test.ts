import * as assert from 'assert';
import { DAY_MS, ExpiryError, formatRfc3339, parseExpiry, type ExpiryErrorCode } from '../../src/core/expiry';

const NOW = new Date('2030-01-15T10:20:30.456Z');
const MIN = 60_000;
const HOUR = 60 * MIN;

function expiryError(input: string, now: Date = NOW): ExpiryError {
  let caught: unknown;
  try {
    parseExpiry(input, now);
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof ExpiryError, `parseExpiry(${JSON.stringify(input)}) should throw ExpiryError, got ${String(caught)}`);
  return caught;
}

function codeAndValue(err: ExpiryError): [ExpiryErrorCode, string] {
  return [err.code, err.value];
}

describe('parseExpiry', () => {
  describe('never', () => {
    for (const input of ['never', '', 'NEVER', 'Never', '   ', '  never  ']) {
      it(`${JSON.stringify(input)} means the token never expires`, () => {
        assert.strictEqual(parseExpiry(input, NOW), undefined);
      });
    }
  });

  describe('relative durations from now', () => {
    const cases: [string, number][] = [
      ['30m', 30 * MIN],
      ['12h', 12 * HOUR],
      ['7d', 7 * DAY_MS],
      ['+7d', 7 * DAY_MS],
      ['2w', 14 * DAY_MS],
      ['90d', 90 * DAY_MS],
      ['7 days', 7 * DAY_MS],
      ['1H', HOUR],
    ];
    for (const [input, ms] of cases) {
      it(`${input} is now + ${ms} ms`, () => {
        assert.strictEqual(parseExpiry(input, NOW)?.getTime(), NOW.getTime() + ms);
      });
    }

    it('1y is the same instant one calendar year later', () => {
      assert.strictEqual(parseExpiry('1y', NOW)?.toISOString(), '2031-01-15T10:20:30.456Z');
    });

    it('does not depend on the wall clock, only on the given now', () => {
      const past = new Date('2001-03-04T05:06:07Z');
      assert.strictEqual(parseExpiry('1d', past)?.toISOString(), '2001-03-05T05:06:07.000Z');
    });
  });

  describe('absolute dates and date-times', () => {
    it('YYYY-MM-DD is midnight UTC', () => {
      assert.strictEqual(parseExpiry('2030-02-01', NOW)?.toISOString(), '2030-02-01T00:00:00.000Z');
    });

    it('accepts a leap day', () => {
      assert.strictEqual(parseExpiry('2032-02-29', NOW)?.toISOString(), '2032-02-29T00:00:00.000Z');
    });

    it('RFC3339 with Z', () => {
      assert.strictEqual(parseExpiry('2030-01-31T12:00:00Z', NOW)?.toISOString(), '2030-01-31T12:00:00.000Z');
    });

    it('RFC3339 with a positive offset is converted to UTC', () => {
      assert.strictEqual(parseExpiry('2030-01-31T12:00:00+02:00', NOW)?.toISOString(), '2030-01-31T10:00:00.000Z');
    });

    it('RFC3339 with a negative offset is converted to UTC', () => {
      assert.strictEqual(parseExpiry('2030-01-31T22:30:00-05:30', NOW)?.toISOString(), '2030-02-01T04:00:00.000Z');
    });

    it('RFC3339 with fractional seconds (milli and nano)', () => {
      assert.strictEqual(parseExpiry('2030-01-31T12:00:00.250Z', NOW)?.toISOString(), '2030-01-31T12:00:00.250Z');
      assert.strictEqual(parseExpiry('2030-01-31T12:00:00.123456789Z', NOW)?.toISOString(), '2030-01-31T12:00:00.123Z');
    });

    it('surrounding whitespace is ignored', () => {
      assert.strictEqual(parseExpiry('  2030-02-01  ', NOW)?.toISOString(), '2030-02-01T00:00:00.000Z');
    });
  });

  describe('errors', () => {
    const invalid: [string, ExpiryErrorCode][] = [
      ['2030-02-30', 'notARealDate'],
      ['2031-02-29', 'notARealDate'],
      ['2030-13-01', 'notARealDate'],
      ['2030-00-10', 'notARealDate'],
      ['2030-01-31T25:00:00Z', 'notARealDateTime'],
      ['2030-01-31T12:60:00Z', 'notARealDateTime'],
      ['2030-01-31T12:00:61Z', 'notARealDateTime'],
    ];
    for (const [input, code] of invalid) {
      it(`${input} is not a real date`, () => {
        assert.deepStrictEqual(codeAndValue(expiryError(input)), [code, input]);
      });
    }

    for (const input of ['tomorrow', 'soon', '7', 'd7', '7x', '-7d', '2030/01/31', '31-01-2030', '2030-01-31T12:00:00', '1e3d', '7d; rm -rf /']) {
      it(`${JSON.stringify(input)} is not an expiry, and the error holds the input as given`, () => {
        assert.deepStrictEqual(codeAndValue(expiryError(input)), ['notAnExpiry', input.trim()]);
      });
    }

    it('0d is not in the future', () => {
      assert.strictEqual(expiryError('0d').code, 'notInFuture');
    });

    it('a past date is refused and the error gives it as RFC3339', () => {
      assert.deepStrictEqual(codeAndValue(expiryError('2020-01-01')), ['notInFuture', '2020-01-01T00:00:00Z']);
    });

    it('a date in the years 0 to 99 is that year, not 19xx', () => {
      assert.deepStrictEqual(codeAndValue(expiryError('0000-01-01')), ['notInFuture', '0000-01-01T00:00:00Z']);
      assert.deepStrictEqual(codeAndValue(expiryError('0099-12-31')), ['notInFuture', '0099-12-31T00:00:00Z']);
    });

    it('a refused instant is given as given, never rounded up past now', () => {
      const now = new Date('2026-03-01T12:00:00.400Z');
      assert.deepStrictEqual(codeAndValue(expiryError('2026-03-01T12:00:00.4Z', now)), ['notInFuture', '2026-03-01T12:00:00.400Z']);
      assert.deepStrictEqual(codeAndValue(expiryError('0d', now)), ['notInFuture', '2026-03-01T12:00:00.400Z']);
    });

    it('a past date-time is refused', () => {
      assert.strictEqual(expiryError('2030-01-15T10:20:30Z').code, 'notInFuture');
    });

    it('exactly now is refused; one minute later is accepted', () => {
      const now = new Date('2030-01-01T00:00:00Z');
      assert.strictEqual(expiryError('2030-01-01T00:00:00Z', now).code, 'notInFuture');
      assert.ok(parseExpiry('2030-01-01T00:01:00Z', now));
    });

    describe('past year 9999 (RFC3339 writes four-digit years)', () => {
      for (const input of ['999999y', '100000y', '7971y', '999999w', '9999-12-31T23:59:59-00:01', '9999-12-31T23:59:59.5Z']) {
        it(`${input} is refused, saying why`, () => {
          assert.deepStrictEqual(codeAndValue(expiryError(input)), ['pastYear9999', input]);
        });
      }

      it('the last second of 9999 is accepted and written as is', () => {
        for (const input of ['9999-12-31T23:59:59Z', '9999-12-31T23:59:59+00:00', '9999-12-31', '7969y']) {
          const at = parseExpiry(input, NOW);
          assert.ok(at, input);
          assert.match(formatRfc3339(at), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, input);
        }
        assert.strictEqual(formatRfc3339(parseExpiry('9999-12-31T23:59:59Z', NOW)!), '9999-12-31T23:59:59Z');
      });
    });

    it('ExpiryError is an Error named ExpiryError', () => {
      const err = expiryError('nope');
      assert.ok(err instanceof Error);
      assert.strictEqual(err.name, 'ExpiryError');
    });
  });
});

describe('formatRfc3339', () => {
  it('is UTC with Z and no fractional seconds, rounding a fraction up to the next second', () => {
    assert.strictEqual(formatRfc3339(new Date('2030-01-31T12:34:56.789Z')), '2030-01-31T12:34:57Z');
    assert.strictEqual(formatRfc3339(new Date('2030-01-31T12:34:56.001Z')), '2030-01-31T12:34:57Z');
    assert.strictEqual(formatRfc3339(new Date('2030-01-31T12:34:56Z')), '2030-01-31T12:34:56Z');
    assert.strictEqual(formatRfc3339(new Date('2030-12-31T23:59:59.5Z')), '2031-01-01T00:00:00Z');
  });

  it('writes what parseExpiry returns for an offset date-time in UTC, never earlier', () => {
    const d = parseExpiry('2030-06-01T08:00:00.999+02:00', NOW);
    assert.ok(d);
    assert.strictEqual(formatRfc3339(d), '2030-06-01T06:00:01Z');
    assert.match(formatRfc3339(d), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it('a time just after now is never written as now or earlier', () => {
    for (const input of ['2030-01-15T10:20:30.457Z', '2030-01-15T10:20:30.999Z', '2030-01-15T12:20:30.5+02:00', '1m']) {
      const at = parseExpiry(input, NOW);
      assert.ok(at, input);
      assert.ok(Date.parse(formatRfc3339(at)) > NOW.getTime(), `${input} is written as ${formatRfc3339(at)}, not after ${NOW.toISOString()}`);
    }
    for (const ms of [1, 400, 543, 999]) {
      const at = new Date(NOW.getTime() + ms);
      assert.ok(Date.parse(formatRfc3339(at)) >= at.getTime(), formatRfc3339(at));
    }
  });

  it('refuses, with an ExpiryError, a date it cannot write as RFC3339', () => {
    const cases: [Date, ExpiryErrorCode][] = [
      [new Date(NaN), 'invalidDate'],
      [new Date(8.64e15), 'pastYear9999'],
      [new Date(Date.UTC(10000, 0, 1)), 'pastYear9999'],
      [new Date(Date.UTC(-1, 0, 1)), 'beforeYear0'],
    ];
    for (const [date, code] of cases) {
      assert.throws(() => formatRfc3339(date), (err: unknown) => err instanceof ExpiryError && err.code === code, String(date));
    }
  });
});
