// The extension's text is localisable as VS Code's own extensions' is: the
// manifest's titles and descriptions come from package.nls.json, and the code's
// text goes through vscode.l10n.t with a literal message that @vscode/l10n-dev
// can extract (the build's bundle, l10n/bundle.l10n.json). The UI suite shows
// the result in a workbench running in a pseudo-locale (pseudoLocale.ui.ts).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from './simulator';

const root = repoRoot();
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const nls: Record<string, string> = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8'));

/** Every manifest field a person reads, with where it is. */
function manifestTexts(): [string, unknown][] {
  const c = manifest.contributes;
  const texts: [string, unknown][] = [
    ['displayName', manifest.displayName],
    ['description', manifest.description],
    ['capabilities.untrustedWorkspaces.description', manifest.capabilities.untrustedWorkspaces.description],
    ['configuration.title', c.configuration.title],
  ];
  for (const v of c.viewsContainers.activitybar) texts.push([`viewsContainer ${v.id}`, v.title]);
  for (const v of Object.values(c.views).flat() as { id: string; name: string; contextualTitle?: string }[]) texts.push([`view ${v.id}`, v.name], [`view ${v.id} contextualTitle`, v.contextualTitle]);
  for (const w of c.viewsWelcome) texts.push([`viewsWelcome ${w.when}`, w.contents]);
  for (const cmd of c.commands) texts.push([`${cmd.command} title`, cmd.title], [`${cmd.command} category`, cmd.category]);
  for (const [key, p] of Object.entries(c.configuration.properties) as [string, Record<string, unknown>][]) {
    for (const field of ['description', 'markdownDescription', 'enumDescriptions', 'deprecationMessage']) if (field in p) texts.push([`${key} ${field}`, p[field]]);
  }
  for (const t of c.taskDefinitions) {
    for (const [key, p] of Object.entries(t.properties) as [string, { description?: string }][]) texts.push([`task ${t.type} ${key}`, p.description]);
  }
  for (const w of c.walkthroughs) {
    texts.push([`walkthrough ${w.id}`, w.title], [`walkthrough ${w.id} description`, w.description]);
    for (const s of w.steps) texts.push([`step ${s.id}`, s.title], [`step ${s.id} description`, s.description]);
  }
  return texts;
}

function sourcesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourcesUnder(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The VS Code layer's sources (src/core words nothing; src/base holds the log, which stays English). */
function vscodeLayerSources(): { file: string; lines: string[] }[] {
  const src = path.join(root, 'src');
  return sourcesUnder(src)
    .filter((f) => !/^(core|base|types)\//.test(path.relative(src, f)))
    .map((file) => ({ file: path.relative(root, file), lines: fs.readFileSync(file, 'utf8').split('\n') }));
}

/** The index where the expression starting at `i` ends: a top-level `,`, `;` or closing bracket (strings and templates skipped). */
function expressionEnd(text: string, i: number): number {
  let depth = 0;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '"' || c === '`') {
      for (i++; i < text.length && text[i] !== c; i++) {
        if (text[i] === '\\') i++;
        else if (c === '`' && text[i] === '$' && text[i + 1] === '{') i = expressionEnd(text, i + 2);
      }
    } else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) {
      if (depth === 0) return i;
      depth--;
    } else if ((c === ',' || c === ';') && depth === 0) return i;
  }
  return i;
}

/** The first `count` arguments of the call whose `(` is at `open`. */
function callArguments(text: string, open: number, count: number): string[] {
  const found: string[] = [];
  for (let i = open + 1; found.length < count; ) {
    while (/\s/.test(text[i])) i++;
    if (text[i] === ')') break;
    const end = expressionEnd(text, i);
    found.push(text.slice(i, end).trim());
    if (text[end] !== ',') break;
    i = end + 1;
  }
  return found;
}

const MESSAGE_LITERAL = /\bl10n\.t\(\s*(?:'((?:[^'\\]|\\.)*)'|\{\s*message:\s*'((?:[^'\\]|\\.)*)')/g;

/** The vscode.l10n.t messages an expression shows: its own, or (a variable) those it was set to earlier in the file. */
function messagesOf(expression: string, text: string, at: number): string[] {
  const messages = [...expression.matchAll(MESSAGE_LITERAL)].map((m) => (m[1] ?? m[2]).replace(/\\(.)/g, '$1'));
  if (!/^[A-Za-z_]\w*$/.test(expression)) return messages;
  const assignments = [...text.slice(0, at).matchAll(new RegExp(`\\b(?:const|let)\\s+${expression}\\s*(?::[^=]+)?=\\s*`, 'g'))];
  const last = assignments.pop();
  if (!last) return messages;
  const start = last.index + last[0].length;
  return [...messages, ...messagesOf(text.slice(start, expressionEnd(text, start)).trim(), text, start)];
}

describe('localisation', () => {
  it('every title and description of the manifest is a %key% of package.nls.json, and every key is used', () => {
    const used = new Set<string>();
    for (const [where, text] of manifestTexts()) {
      if (text === undefined) continue;
      const key = /^%([^%]+)%$/.exec(String(text))?.[1];
      assert.ok(key, `${where} is literal text: ${JSON.stringify(text)}`);
      assert.ok(key in nls, `${where} names ${key}, which package.nls.json lacks`);
      used.add(key);
    }
    assert.deepStrictEqual(Object.keys(nls).filter((k) => !used.has(k)), [], 'keys of package.nls.json no field uses');
    assert.strictEqual(manifest.l10n, './l10n', 'the manifest points VS Code at the bundles');
  });

  it('welcome content holds no ${…}: welcome views do not expand context keys, so the view\'s message names the path instead', () => {
    for (const w of manifest.contributes.viewsWelcome) {
      const text = nls[/^%([^%]+)%$/.exec(w.contents)![1]];
      assert.ok(!text.includes('${'), `${w.when}: ${text}`);
    }
  });

  it('every vscode.l10n.t message is a literal that l10n-dev can extract (no template literal, no variable)', () => {
    const bad: string[] = [];
    for (const { file, lines } of vscodeLayerSources()) {
      lines.forEach((line, i) => {
        for (const m of line.matchAll(/\bl10n\.t\(\s*([^\s)])/g)) if (!`'"{`.includes(m[1])) bad.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
    assert.deepStrictEqual(bad, []);
  });

  it('no text for people is left outside vscode.l10n.t in prompts, picks, rows and notifications', () => {
    // A field or call that shows text, given a literal holding a word (not an icon, a key or a command ID).
    const shownField = /\b(title|prompt|placeHolder|placeholder|label|detail|tooltip|description)\s*:\s*(['"`])(?!\$\()[^'"`]*[A-Za-z]{3,} /;
    const shownCall = /\b(error|warn|inform|showInformationMessage|showWarningMessage|showErrorMessage|setStatusBarMessage|withCancellableProgress|report)\(\s*(['"`])(?!\$\()[^'"`]*[A-Za-z]{3,}/;
    const shownThrow = /\bnew (\w*Error)\(\s*(['"`])[^'"`]*[A-Za-z]{3,} /;
    const bad: string[] = [];
    for (const { file, lines } of vscodeLayerSources()) {
      lines.forEach((line, i) => {
        if (/^\s*(\/\/|\*|\/\*)/.test(line) || /\blog\.(info|warn|error|debug)\(/.test(line)) return;
        if (shownField.test(line) || shownCall.test(line) || shownThrow.test(line)) bad.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
    assert.deepStrictEqual(bad, []);
  });

  it('every notification, modal and its detail, and validation message is a sentence ending with . ? ! or … (a closing quote or bracket may follow)', () => {
    // The message of prompts.inform/error/warn and window.show*Message, the detail of a modal (prompts.warn's second
    // argument), and what validateInput returns; a literal, or a variable set to literals. Messages made only of
    // placeholders join sentences worded elsewhere; titles, labels, buttons and rows are not sentences.
    const call = /\b(?:prompts|window)\s*\.(inform|error|warn|showInformationMessage|showWarningMessage|showErrorMessage)\(/g;
    const sentence = /[.?!…]['")\]]*$/;
    const bad: string[] = [];
    for (const { file, lines } of vscodeLayerSources()) {
      const text = lines.join('\n');
      const shown: [number, string][] = [];
      for (const m of text.matchAll(call)) {
        const [message, detail] = callArguments(text, m.index + m[0].length - 1, 2);
        for (const e of m[1] === 'warn' ? [message, detail] : [message]) if (e) shown.push([m.index, e]);
      }
      for (const m of text.matchAll(/\bvalidateInput:\s*/g)) shown.push([m.index, text.slice(m.index + m[0].length, expressionEnd(text, m.index + m[0].length))]);
      for (const [at, expression] of shown) {
        for (const message of messagesOf(expression, text, at)) {
          if (!/[A-Za-z]/.test(message.replace(/\{\d+\}/g, '')) || sentence.test(message.trimEnd())) continue;
          bad.push(`${file}:${text.slice(0, at).split('\n').length}: ${JSON.stringify(message)}`);
        }
      }
    }
    assert.deepStrictEqual(bad, []);
  });

  it('the build made the English bundle and the pseudo-locale from the code, with every message of the code', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the build's own script, plain JS
    const { PSEUDO } = require(path.join(root, 'scripts', 'lib', 'l10n.js')) as { PSEUDO: string };
    const bundle = JSON.parse(fs.readFileSync(path.join(root, 'l10n', 'bundle.l10n.json'), 'utf8'));
    const messages: string[] = [];
    for (const { lines } of vscodeLayerSources()) for (const m of lines.join('\n').matchAll(/\bl10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) messages.push(m[1].replace(/\\(.)/g, '$1'));
    assert.ok(messages.length > 100, `found ${messages.length} messages`);
    assert.deepStrictEqual(messages.filter((m) => !(m in bundle)), []);
    const pseudo = JSON.parse(fs.readFileSync(path.join(root, 'l10n', `bundle.l10n.${PSEUDO}.json`), 'utf8'));
    assert.deepStrictEqual(Object.keys(pseudo).sort(), Object.keys(bundle).sort());
    assert.ok(!/[A-Za-z]{3,}/.test(String(pseudo['Management Tokens'])), 'a pseudo-localised message has no English word');
    const pseudoNls = JSON.parse(fs.readFileSync(path.join(root, `package.nls.${PSEUDO}.json`), 'utf8'));
    assert.deepStrictEqual(Object.keys(pseudoNls).sort(), Object.keys(nls).sort());
  });
});
