// The layout the README promises, checked: src/core stands without VS Code,
// no module of src/ imports itself back through others, and the folders of
// src/ are layers: each imports (type imports too) only folders below it.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from './simulator';

const IMPORT = /^\s*(?:import|export)\b[^'"]*?\bfrom\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm;

function sourcesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourcesUnder(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Every src/ module with what it imports: relative imports resolved to files, packages by name. */
function importGraph(src: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourcesUnder(src)) {
    const text = fs.readFileSync(file, 'utf8');
    const targets: string[] = [];
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2];
      if (!spec.startsWith('.')) {
        targets.push(spec);
        continue;
      }
      const base = path.resolve(path.dirname(file), spec);
      const resolved = [`${base}.ts`, path.join(base, 'index.ts'), ...(base.endsWith('.json') ? [base] : [])].find((f) => fs.existsSync(f));
      assert.ok(resolved, `${path.relative(src, file)} imports ${spec}, which is no source file`);
      targets.push(resolved);
    }
    graph.set(file, targets);
  }
  return graph;
}

/** The folders of src/, bottom first, as README.md's layer table lists them; '.' is extension.ts. */
const LAYERS = ['core', 'base', 'managementApi', 'state', 'ui', 'configToml', 'managementTokens', 'databaseTokens', 'usingTokens', 'foundTokens', 'tree', 'commands', '.'];

describe('architecture of src/', () => {
  const src = path.join(repoRoot(), 'src');
  const graph = importGraph(src);

  it('src/core imports neither vscode nor anything outside src/core', () => {
    const core = path.join(src, 'core') + path.sep;
    const offending = [...graph]
      .filter(([file]) => file.startsWith(core))
      .flatMap(([file, targets]) => targets.filter((t) => t === 'vscode' || (path.isAbsolute(t) && !t.startsWith(core))).map((t) => `${path.relative(src, file)} → ${path.isAbsolute(t) ? path.relative(src, t) : t}`));
    assert.deepStrictEqual(offending, []);
  });

  it('has no source file over 500 lines: files are split along their seams', () => {
    const long = sourcesUnder(src)
      .map((f) => [path.relative(src, f), fs.readFileSync(f, 'utf8').split('\n').length] as const)
      .filter(([, lines]) => lines > 500);
    assert.deepStrictEqual(long, []);
  });

  it('has no import cycles', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const stack: string[] = [];
    const visit = (file: string): void => {
      state.set(file, 'visiting');
      stack.push(file);
      for (const next of graph.get(file) ?? []) {
        if (!graph.has(next)) continue;
        if (state.get(next) === 'visiting') cycles.push([...stack.slice(stack.indexOf(next)), next].map((f) => path.relative(src, f)).join(' → '));
        else if (!state.has(next)) visit(next);
      }
      stack.pop();
      state.set(file, 'done');
    };
    for (const file of graph.keys()) if (!state.has(file)) visit(file);
    assert.deepStrictEqual(cycles, []);
  });

  it('its folders are layers: each imports only folders below it in the table, type imports included', () => {
    const folderOf = (file: string): string => path.relative(src, path.dirname(file)).split(path.sep)[0] || '.';
    const folders = new Set([...graph.keys()].map(folderOf));
    assert.deepStrictEqual([...folders].filter((f) => !LAYERS.includes(f)), [], 'every folder of src/ has its place in the table');
    const upward: string[] = [];
    for (const [file, targets] of graph) {
      const from = folderOf(file);
      for (const target of targets) {
        if (!path.isAbsolute(target)) continue;
        const to = folderOf(target);
        if (to !== from && LAYERS.indexOf(to) > LAYERS.indexOf(from)) upward.push(`${path.relative(src, file)} → ${path.relative(src, target)} (${from} is below ${to})`);
      }
    }
    assert.deepStrictEqual(upward, []);
  });

  it('the README lists the same layers, in the same order', () => {
    const readme = fs.readFileSync(path.join(repoRoot(), 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('| layer |'));
    const listed = [...table.split('\n\n')[0].matchAll(/^\| \d+ \| `([^`]+)` \|/gm)].map((m) => (m[1] === 'extension.ts' ? '.' : m[1].replace(/\/$/, '')));
    assert.deepStrictEqual(listed, LAYERS);
  });
});
