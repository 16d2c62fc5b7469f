// The activation budget, deterministic: the release bundle loaded at
// activation stays under 100 KB, and undici and the TOML parser stay out of it.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from './simulator';

/** Every bundle the .vsix ships, built in memory as a release build does (with or without the switches meant for tests): file name → text. */
async function buildShipped(testSwitches: boolean): Promise<Map<string, string>> {
  const root = repoRoot();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the repository's own esbuild, by path, as the build uses it
  const esbuild = require(path.join(root, 'node_modules', 'esbuild')) as typeof import('esbuild');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- esbuild.js is plain JS shared with the build
  const { shippedBundles } = require(path.join(root, 'esbuild.js')) as { shippedBundles(production: boolean, testSwitches?: boolean): import('esbuild').BuildOptions[] };
  const outputs = new Map<string, string>();
  for (const options of shippedBundles(true, testSwitches)) {
    const result = await esbuild.build({ ...options, absWorkingDir: root, write: false, logLevel: 'silent' });
    for (const file of result.outputFiles!) outputs.set(path.basename(file.path), file.text);
  }
  return outputs;
}

describe('the bundle loaded at activation', function () {
  this.timeout(30000);

  it('is at most 100 KB minified, without undici, the TOML parser or the config.toml rules', async () => {
    const root = repoRoot();
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the repository's own esbuild, by path, as the build uses it
    const esbuild = require(path.join(root, 'node_modules', 'esbuild')) as typeof import('esbuild');
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- esbuild.js is plain JS shared with the build
    const { extensionOptions } = require(path.join(root, 'esbuild.js')) as { extensionOptions(production: boolean): import('esbuild').BuildOptions };
    const result = await esbuild.build({ ...extensionOptions(true), absWorkingDir: root, write: false, logLevel: 'silent' });
    const bundle = result.outputFiles!.find((f) => f.path.endsWith('extension.js'))!;
    assert.ok(bundle.contents.length <= 100 * 1024, `dist/extension.js would be ${(bundle.contents.length / 1024).toFixed(1)} KB`);
    const inputs = Object.keys(result.metafile!.outputs[Object.keys(result.metafile!.outputs).find((o) => o.endsWith('extension.js'))!].inputs);
    // Loaded on first use instead: the HTTP client (dist/http.js), the TOML parser (dist/toml.js), config.toml's rules and their words (dist/lint.js).
    // The management-token commands (create, revoke, rotate, test, set mgmt_token): dist/managementTokenCommands.js;
    // the config.toml commands (open, create, choose, influxctl's path, save as UTF-8): dist/configFileCommands.js.
    const lazy = /node_modules\/(undici|@iarna\/toml)\/|^src\/core\/(managementApi(Http|Client|Target|Transport|Diagnosis)\.ts|testManagementToken\.ts|config(Key)?Lint\.ts|configKeys\.json)$|^src\/configToml\/(configProblemText|setProfileMgmtToken|configFileCommands|configTemplate)\.ts$|^src\/ui\/(tokenClipboard|tokenPicker)\.ts$|^src\/managementTokens\/(createManagementToken|revokeManagementTokens|newSecret|rotateProfileMgmtToken|testManagementToken|expiryWarnings)\.ts$/;
    assert.deepStrictEqual(inputs.filter((i) => lazy.test(i)), []);
  });

  it('every bundle it loads on first use is built and shipped in the .vsix', async () => {
    const root = repoRoot();
    const required = new Set<string>();
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) walk(full);
        else if (e.name.endsWith('.ts')) for (const m of fs.readFileSync(full, 'utf8').matchAll(/require\('\.\/(\w+)\.js'\)/g)) required.add(m[1]);
      }
    };
    walk(path.join(root, 'src'));
    assert.ok(required.has('managementTokenCommands') && required.has('databaseTokens'), [...required].join(', '));
    const built = await buildShipped(false);
    const shipped = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n');
    for (const name of required) {
      assert.ok(built.has(`${name}.js`), `the release build makes dist/${name}.js (it made ${[...built.keys()].join(', ')})`);
      assert.ok(shipped.includes(`!dist/${name}.js`), `.vscodeignore ships dist/${name}.js`);
    }
  });
});

describe('the release bundles', function () {
  this.timeout(60000);

  it('hold no switch meant for tests: an environment variable cannot turn on the testing API or point Cloud Dedicated elsewhere', async () => {
    const build = async (testSwitches: boolean) => [...(await buildShipped(testSwitches)).values()].join('\n');
    const release = await build(false);
    for (const name of ['INFLUXDB_TOKENS_TEST', 'INFLUXDB_TOKENS_CONSOLE_URL']) {
      assert.ok(!release.includes(name), `a release bundle reads ${name}`);
    }
    // The check can fail: the demo's build keeps them.
    const demo = await build(true);
    assert.ok(demo.includes('INFLUXDB_TOKENS_TEST') && demo.includes('INFLUXDB_TOKENS_CONSOLE_URL'));
  });
});
