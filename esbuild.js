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

// The TOML parser (30 KB) is its own bundle, dist/toml.js, loaded on the first
// parse rather than at activation: the extension bundle gets a forwarding shim.
const lazyTomlParser = {
  name: 'lazy-toml-parser',
  setup(build) {
    build.onResolve({ filter: /^@iarna\/toml\/parse-string$/ }, () => ({ path: 'toml', namespace: 'lazy' }));
    build.onLoad({ filter: /.*/, namespace: 'lazy' }, () => ({
      contents: "module.exports = (text) => require('./toml.js')(text);",
      loader: 'js',
    }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  // VS Code 1.95, the oldest supported, runs extensions on Node 20.
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
};

/** The bundle loaded at activation (also built by the bundle-size test). */
function extensionOptions(production) {
  return {
    ...common,
    entryPoints: { extension: 'src/extension.ts' },
    outdir: 'dist',
    // The TOML parser, config.toml's rules, the HTTP client (undici), the database-token commands and
    // Rotate / Test Management Token load on first use: bundles of their own.
    external: ['vscode', './http.js', './toml.js', './lint.js', './databaseTokens.js', './managementTokenApiCommands.js'],
    plugins: [lazyTomlParser],
    minify: production,
    sourcemap: production ? false : 'linked',
    metafile: true,
  };
}

async function main() {
  // A release build replaces only the extension, so built tests stay usable.
  if (production) fs.rmSync('dist/extension.js.map', { force: true });
  else fs.rmSync('dist', { recursive: true, force: true });
  const builds = [
    esbuild.build(extensionOptions(production)),
    esbuild.build({
      ...common,
      entryPoints: { http: 'src/managementApi/httpEntry.ts' },
      outdir: 'dist',
      minify: production,
    }),
    // Commands loaded on first use; they share the HTTP client, the TOML parser and config.toml's rules.
    ...Object.entries({ databaseTokens: 'src/databaseTokens/index.ts', managementTokenApiCommands: 'src/managementTokens/apiCommandsEntry.ts' }).map(([name, entry]) =>
      esbuild.build({
        ...common,
        entryPoints: { [name]: entry },
        outdir: 'dist',
        external: ['vscode', './http.js', './toml.js', './lint.js'],
        plugins: [lazyTomlParser],
        minify: production,
      }),
    ),
    esbuild.build({
      ...common,
      entryPoints: { lint: 'src/configToml/lintEntry.ts' },
      outdir: 'dist',
      external: ['./toml.js'],
      plugins: [lazyTomlParser],
      minify: production,
    }),
    esbuild.build({
      ...common,
      entryPoints: { toml: '@iarna/toml/parse-string' },
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

module.exports = { extensionOptions };

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
