// Builds the extension bundle and the test bundles.
//   node esbuild.js               development build with sourcemaps, plus tests
//   node esbuild.js --production  minified extension only (what the .vsix ships)
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const production = process.argv.includes('--production');

function listTests(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listTests(full);
    return entry.name.endsWith('.test.ts') || entry.name === 'index.ts' ? [full] : [];
  });
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  logLevel: 'warning',
};

async function main() {
  // A release build replaces only the extension, so built tests stay usable.
  if (production) fs.rmSync('dist/extension.js.map', { force: true });
  else fs.rmSync('dist', { recursive: true, force: true });
  const builds = [
    esbuild.build({
      ...common,
      entryPoints: { extension: 'src/extension.ts' },
      outdir: 'dist',
      // undici is loaded on the first HTTP call only: it is its own bundle.
      external: ['vscode', './undici.js'],
      minify: production,
      sourcemap: production ? false : 'linked',
      metafile: true,
    }),
    esbuild.build({
      ...common,
      entryPoints: { undici: 'src/undiciEntry.ts' },
      outdir: 'dist',
      minify: production,
    }),
  ];
  if (!production) {
    builds.push(
      esbuild.build({
        ...common,
        entryPoints: [
          ...listTests('test/unit'),
          ...listTests('test/suite'),
          'test/ui/index.ts',
          'test/bench/index.ts',
          'test/bench/core.ts',
          'test/runElectron.ts',
        ],
        outbase: 'test',
        outdir: 'dist/test',
        bundle: true,
        // Mocha loads test files by path and must be the repository's own copy.
        external: ['vscode', 'mocha', '@vscode/test-electron', 'playwright-core'],
        sourcemap: 'inline',
      }),
    );
  }
  const [extension] = await Promise.all(builds);
  fs.writeFileSync('dist/extension.meta.json', JSON.stringify(extension.metafile));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
