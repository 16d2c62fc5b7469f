// Entry point for the in-extension-host tests, the same for both runners:
// code-server's smoke-test driver (scripts/run-host-tests.js) and
// @vscode/test-electron (test/runElectron.ts).
import * as fs from 'fs';
import * as path from 'path';

interface Failure {
  title: string;
  error: string;
}

export function run(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- mocha is loaded when the host runs the suite, from the repository's node_modules
  const Mocha = require('mocha') as typeof import('mocha');
  const mocha = new Mocha({ ui: 'bdd', timeout: 30000, color: false, reporter: 'spec' });
  if (process.env.HOST_TEST_GREP) mocha.grep(process.env.HOST_TEST_GREP);
  for (const file of fs.readdirSync(__dirname).sort()) {
    if (file.endsWith('.test.js')) mocha.addFile(path.join(__dirname, file));
  }
  const passed: string[] = [];
  const failed: Failure[] = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const resultFile = process.env.HOST_TEST_RESULT;
      if (resultFile) fs.writeFileSync(resultFile, JSON.stringify({ passed, failed }, null, 2));
      if (failures > 0) reject(new Error(`${failures} in-host test(s) failed`));
      else resolve();
    });
    runner.on('pass', (test) => passed.push(test.fullTitle()));
    runner.on('fail', (test, err: Error) => failed.push({ title: test.fullTitle(), error: String(err.stack ?? err) }));
  });
}
