/**
 * How config.toml is stored. influxctl reads UTF-8 without a byte order mark
 * only; Windows tools write others (PowerShell 5.1's `Out-File` and `>` write
 * UTF-16 LE with a mark, `Set-Content -Encoding UTF8` UTF-8 with a mark).
 */
export type ConfigEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';

export function isUtf16(encoding: ConfigEncoding): encoding is 'utf-16le' | 'utf-16be' {
  return encoding === 'utf-16le' || encoding === 'utf-16be';
}

/** The encoding a file's first bytes announce: a byte order mark, else UTF-8. */
export function encodingOf(head: Uint8Array): ConfigEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8-bom';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

/**
 * The file's text; a byte order mark stays in it as U+FEFF, so that writing
 * it back changes nothing else. Bytes that are not text in the encoding (a
 * Windows-1252 file read as UTF-8, an odd byte count in UTF-16) throw a
 * ConfigEncodingError: read on, they would be written back changed.
 */
export function decodeConfig(bytes: Uint8Array): { text: string; encoding: ConfigEncoding } {
  const encoding = encodingOf(bytes);
  const label = encoding === 'utf-8-bom' ? 'utf-8' : encoding;
  try {
    return { text: new TextDecoder(label, { ignoreBOM: true, fatal: true }).decode(bytes), encoding };
  } catch {
    throw new ConfigEncodingError(encoding);
  }
}

/** Bytes that are not text in `encoding`, the encoding they announce (UTF-8 when no mark); the VS Code layer words it. */
export class ConfigEncodingError extends Error {
  override name = 'ConfigEncodingError';
  constructor(readonly encoding: ConfigEncoding) {
    super(`config.toml is not valid ${encoding}`);
  }
}

/** The bytes of `text` in `encoding` (whose mark, if any, `text` holds as U+FEFF). */
export function encodeConfig(text: string, encoding: ConfigEncoding): Uint8Array {
  if (encoding === 'utf-8' || encoding === 'utf-8-bom') return new TextEncoder().encode(text);
  const bytes = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const [first, second] = encoding === 'utf-16le' ? [unit & 0xff, unit >> 8] : [unit >> 8, unit & 0xff];
    bytes[2 * i] = first;
    bytes[2 * i + 1] = second;
  }
  return bytes;
}

