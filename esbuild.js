// Builds the extension bundle and the test bundles.
//   node esbuild.js               development build with sourcemaps, plus tests
//   node esbuild.js --production  minified extension only (what the .vsix ships)
// Switches meant for tests (INFLUXDB_TOKENS_TEST, INFLUXDB_TOKENS_CONSOLE_URL)
// are compiled out of a production build; BUILD_WITH_TEST_SWITCHES=1 keeps them,
// for the demo's and the UI tests' own .vsix only (scripts/lib/codeServer.js).
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');
const { buildL10n } = require('./scripts/lib/l10n');

const production = process.argv.includes('--production');
const testSwitches = !production || process.env.BUILD_WITH_TEST_SWITCHES === '1';

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

/** Whether the switches meant for tests work: a constant the minifier folds, so a release bundle has no trace of them. */
function switches(testSwitches) {
  return { define: { TEST_SWITCHES: String(testSwitches) } };
}

/** The bundle loaded at activation (also built by the bundle-size test). */
function extensionOptions(production, testSwitches = !production) {
  return {
    ...common,
    ...switches(testSwitches),
    entryPoints: { extension: 'src/extension.ts' },
    outdir: 'dist',
    // The TOML parser, config.toml's rules, the HTTP client (undici) and the commands of management
    // tokens, database tokens and config.toml load on first use: bundles of their own.
    external: ['vscode', './http.js', './toml.js', './lint.js', './databaseTokens.js', './managementTokenCommands.js', './configFileCommands.js', './quickInputs.js', './foundTokens.js', './usingTokens.js'],
    plugins: [lazyTomlParser],
    minify: production,
    sourcemap: production ? false : 'linked',
    metafile: true,
  };
}

/** Every bundle the .vsix ships: the one loaded at activation first, then those loaded on first use. */
function shippedBundles(production, testSwitches = !production) {
  const lazy = { ...common, ...switches(testSwitches), outdir: 'dist', minify: production };
  return [
    extensionOptions(production, testSwitches),
    // Its answers in words go through vscode.l10n.
    { ...lazy, entryPoints: { http: 'src/managementApi/httpEntry.ts' }, external: ['vscode'] },
    // Commands loaded on first use; they share the HTTP client, the TOML parser and config.toml's rules.
    ...Object.entries({ databaseTokens: 'src/databaseTokens/index.ts', managementTokenCommands: 'src/managementTokens/index.ts', configFileCommands: 'src/configToml/index.ts', usingTokens: 'src/usingTokens/index.ts' }).map(([name, entry]) => ({
      ...lazy,
      entryPoints: { [name]: entry },
      external: ['vscode', './http.js', './toml.js', './lint.js'],
      plugins: [lazyTomlParser],
    })),
    // The workspace scan for tokens in files and Show Where Found.
    { ...lazy, entryPoints: { foundTokens: 'src/foundTokens/index.ts' }, external: ['vscode', './http.js', './toml.js', './lint.js', './quickInputs.js'], plugins: [lazyTomlParser] },
    // The QuickPick and InputBox questions (steps and Back, validation, a preselected item) of windowPrompts (src/ui/prompts.ts).
    { ...lazy, entryPoints: { quickInputs: 'src/ui/quickInputs.ts' }, external: ['vscode'] },
    { ...lazy, entryPoints: { lint: 'src/configToml/lintEntry.ts' }, external: ['vscode', './toml.js'], plugins: [lazyTomlParser] },
    { ...lazy, entryPoints: { toml: '@iarna/toml/parse-string' } },
  ];
}

async function main() {
  // A release build replaces only the extension, so built tests stay usable.
  if (production) fs.rmSync('dist/extension.js.map', { force: true });
  else fs.rmSync('dist', { recursive: true, force: true });
  const builds = shippedBundles(production, testSwitches).map((options) => esbuild.build(options));
  if (!production) {
    builds.push(
      esbuild.build({
        ...common,
        ...switches(true),
        entryPoints: [
          ...listTests('test/suite'),
          'test/ui/index.ts',
          'test/bench/index.ts',
          'test/bench/core.ts',
          'test/bench/workspaceScan.ts',
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
    // Unit tests run in plain Node: text modules get vscode.l10n.t from a stand-in.
    builds.push(
      esbuild.build({
        ...common,
        ...switches(true),
        entryPoints: listTests('test/unit'),
        outbase: 'test',
        outdir: 'dist/test',
        bundle: true,
        alias: { vscode: './test/unit/vscodeL10n.ts' },
        external: ['mocha'],
        sourcemap: 'inline',
      }),
    );
  }
  builds.push(buildL10n());
  const [extension] = await Promise.all(builds);
  fs.writeFileSync('dist/extension.meta.json', JSON.stringify(extension.metafile));
}

module.exports = { extensionOptions, shippedBundles };

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
