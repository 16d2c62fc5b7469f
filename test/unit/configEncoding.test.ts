import * as assert from 'assert';
import { ConfigEncodingError, decodeConfig, encodeConfig, encodingOf, parseProfiles, type ConfigEncoding } from '../../src/core';

const TEXT = '# café ☕ 𝄞\r\n[[profile]]\n  name = "default"\n';

function bytesOf(encoding: ConfigEncoding, text: string): Buffer {
  if (encoding === 'utf-8') return Buffer.from(text, 'utf8');
  if (encoding === 'utf-8-bom') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  return encoding === 'utf-16le' ? le : Buffer.from(le).swap16();
}

describe('config.toml encodings', () => {
  for (const encoding of ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be'] as const) {
    it(`${encoding}: recognised, decoded with its mark kept as U+FEFF, and written back byte for byte`, () => {
      const bytes = bytesOf(encoding, TEXT);
      const decoded = decodeConfig(bytes);
      assert.strictEqual(decoded.encoding, encoding);
      assert.strictEqual(decoded.text, encoding === 'utf-8' ? TEXT : `\uFEFF${TEXT}`);
      assert.deepStrictEqual(Buffer.from(encodeConfig(decoded.text, encoding)), bytes);
      assert.strictEqual(parseProfiles(decoded.text)[0].name, 'default');
    });
  }

  it('converts UTF-16 to UTF-8 without a mark', () => {
    const { text } = decodeConfig(bytesOf('utf-16le', TEXT));
    assert.deepStrictEqual(Buffer.from(encodeConfig(text.replace(/^\uFEFF/, ''), 'utf-8')), Buffer.from(TEXT, 'utf8'));
  });

  it('short or empty files are UTF-8', () => {
    for (const head of [[], [0xef], [0xef, 0xbb], [0xff], [0xfe]]) assert.strictEqual(encodingOf(new Uint8Array(head)), 'utf-8');
    assert.strictEqual(decodeConfig(new Uint8Array([0xff, 0xfe])).text, '\uFEFF');
  });

  it('bytes that are not text in their encoding are an error, never read on (they would be written back changed)', () => {
    const cp1252 = Buffer.from([0x23, 0x20, 0x63, 0x61, 0x66, 0xe9, 0x0a]); // "# café" in Windows-1252
    assert.throws(() => decodeConfig(cp1252), (e: Error) => e instanceof ConfigEncodingError && e.encoding === 'utf-8');
    const odd = Buffer.concat([bytesOf('utf-16le', TEXT), Buffer.from([0x41])]);
    assert.throws(() => decodeConfig(odd), (e: Error) => e instanceof ConfigEncodingError && e.encoding === 'utf-16le');
    const loneSurrogate = Buffer.from([0xff, 0xfe, 0x3d, 0xd8, 0x41, 0x00]);
    assert.throws(() => decodeConfig(loneSurrogate), ConfigEncodingError);
  });
});
