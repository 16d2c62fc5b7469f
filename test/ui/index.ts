// The UI suite: one workbench for all files (starting one takes ~10 s), a
// screenshot of every failure, and a scan for leaked secrets at the end.
import { setWorkbench, wb } from './session';
import { Workbench } from './workbench';
import './tree.ui';
import './tokens.ui';
import './databaseTokens.ui';
import './rotateDatabaseToken.ui';
import './secretBinding.ui';
import './pseudoLocale.ui';
import './workspaceScan.ui';
import './foundTokens.ui';
import './usingTokens.ui';
import './leaks.ui';

before(async function () {
  this.timeout(240000);
  setWorkbench(await Workbench.start());
  await wb().openView();
});

afterEach(async function () {
  if (this.currentTest?.state === 'failed') {
    const file = await wb().screenshot(`FAILED ${this.currentTest.fullTitle()}`);
    console.log(`    screenshot: ${file}`);
  }
});

after(async () => {
  await wb().stop();
  setWorkbench(undefined);
});
