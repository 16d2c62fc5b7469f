// Replacing a token written in a file by a reference to an environment
// variable, in the forms programs of that kind read it. Pure text work: the
// VS Code layer turns the result into one WorkspaceEdit.

/** The variable InfluxData's docs read each kind of token from. */
export function envVariableOf(kind: 'management' | 'database'): string {
  return kind === 'management' ? 'MANAGEMENT_TOKEN' : 'INFLUX_TOKEN';
}

export interface TextReplacement {
  start: number;
  end: number;
  text: string;
}

export interface EnvReference {
  /** The form, for the quick fix's title: `${INFLUX_TOKEN}`, `os.environ["INFLUX_TOKEN"]`, `process.env.INFLUX_TOKEN`. */
  reference: string;
  /** In text order; one edit together. */
  replacements: TextReplacement[];
}

const JS_LANGUAGES = new Set(['javascript', 'javascriptreact', 'typescript', 'typescriptreact']);
/** A Telegraf configuration: one of its plugin tables. */
const TELEGRAF_TABLE = /^[ \t]*\[\[(?:inputs|outputs|processors|aggregators|secretstores)\.[A-Za-z0-9_]+\]\]/m;

/** The quote characters a string literal of the language may use, when the whole literal can be replaced; undefined: not here. */
function stringLiteralAround(text: string, start: number, end: number, quotes: string): { start: number; end: number } | undefined {
  const open = text[start - 1];
  if (open === undefined || !quotes.includes(open) || text[end] !== open) return undefined;
  // A prefixed literal (Python's b"…", r"…"), a triple-quoted one or a quote escaped inside another string: left alone.
  const before = text[start - 2];
  if (before !== undefined && /[\w\\'"`]/.test(before)) return undefined;
  if (text[end + 1] === open) return undefined;
  return { start: start - 1, end: end + 1 };
}

/** Where `import os` goes when a Python file lacks it: before its first import, else after a shebang and coding line. */
function pythonImportOs(text: string): TextReplacement | undefined {
  if (/^import[ \t]+os[ \t]*(?:#.*)?$|^import[ \t]+(?:[\w.]+[ \t]*,[ \t]*)*os\b/m.test(text)) return undefined;
  const firstImport = /^(?:import|from)[ \t]/m.exec(text);
  if (firstImport && !/^from[ \t]+__future__/.test(text.slice(firstImport.index))) return { start: firstImport.index, end: firstImport.index, text: 'import os\n' };
  let at = 0;
  for (const line of text.split('\n')) {
    if (!/^#/.test(line) && !/^from[ \t]+__future__/.test(line)) break;
    at += line.length + 1;
  }
  at = Math.min(at, text.length);
  const newline = at > 0 && text[at - 1] !== '\n' ? '\n' : '';
  return { start: at, end: at, text: `${newline}import os\n` };
}

/**
 * The edit that replaces a token (plain, the whole content of a string
 * literal) with an environment variable reference: `${INFLUX_TOKEN}` inside
 * the quotes of a Telegraf config, `os.environ["INFLUX_TOKEN"]` (with
 * `import os` when missing) in Python, `process.env.INFLUX_TOKEN` in
 * JavaScript and TypeScript. Undefined anywhere else: no guess.
 */
export function envReferenceEdit(
  doc: { text: string; languageId: string; fileName: string },
  found: { kind: 'management' | 'database'; start: number; end: number; encoding: string },
): EnvReference | undefined {
  if (found.encoding !== 'plain') return undefined;
  const variable = envVariableOf(found.kind);
  const { text, languageId, fileName } = doc;
  if ((languageId === 'toml' || /\.(conf|toml)$/i.test(fileName)) && TELEGRAF_TABLE.test(text)) {
    const literal = stringLiteralAround(text, found.start, found.end, '"\'');
    if (!literal) return undefined;
    const reference = `\${${variable}}`;
    return { reference, replacements: [{ start: found.start, end: found.end, text: reference }] };
  }
  if (languageId === 'python') {
    const literal = stringLiteralAround(text, found.start, found.end, '"\'');
    if (!literal) return undefined;
    const reference = `os.environ["${variable}"]`;
    const importOs = pythonImportOs(text);
    // An import placed after the literal (a file whose first import comes later) would not run first: no edit then.
    if (importOs && importOs.start > literal.start) return undefined;
    return { reference, replacements: [...(importOs ? [importOs] : []), { ...literal, text: reference }] };
  }
  if (JS_LANGUAGES.has(languageId)) {
    const literal = stringLiteralAround(text, found.start, found.end, '"\'`');
    if (!literal) return undefined;
    const reference = `process.env.${variable}`;
    return { reference, replacements: [{ ...literal, text: reference }] };
  }
  return undefined;
}
