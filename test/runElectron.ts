// Runs the in-extension-host suite in a downloaded desktop VS Code, where one
// can be downloaded (the offline runner is scripts/run-host-tests.js).
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..');
  await runTests({
    version: process.env.VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'dist', 'test', 'suite', 'index.js'),
    extensionTestsEnv: { INFLUXDB_TOKENS_TEST: '1' },
    launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
