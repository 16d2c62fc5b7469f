// The layout the README promises, checked: src/core stands without VS Code,
// and no module of src/ imports itself back through others.
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
});
