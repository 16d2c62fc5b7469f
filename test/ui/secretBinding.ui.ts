import * as assert from 'assert';
import * as fs from 'fs';
import { wb } from './session';
const fixtures = require('../../scripts/lib/fixtures.js');

describe('UI: a stored secret reaches only its own cluster', function () {
  this.timeout(120000);

  it('sends no request with a stored secret after config.toml points its profile at another cluster, and says so', async () => {
    const w = wb();
    await w.clearToasts();
    const original = fs.readFileSync(w.configPath, 'utf8');
    await w.contextMenu('default', 'Create Management Token…');
    await w.answerInput('Description of the token', 'ui bound to its cluster');
    await w.pick('30 days');
    await w.notification(/Created management token "ui bound to its cluster"/);
    // Another cluster, and no mgmt_token: the stored secret is all the profile has.
    const moved = '9e1d2c3b-4a59-4687-8f9e-0a1b2c3d4e5f';
    const sent = w.apiRequests().length;
    try {
      fs.writeFileSync(w.configPath, original.replace(/^\s*mgmt_token = .*\n/m, '').replace(fixtures.CLUSTER_ID, moved));
      await w.expand('default');
      await w.expandTo('Database Tokens', 'Stored secrets belong to another cluster');
      // The stand-in answers for any cluster: a request for the other one would carry the stored secret there.
      assert.deepStrictEqual(w.apiRequests().slice(sent).filter((r) => r.path.includes(moved)), [], 'nothing went to the other cluster');
    } finally {
      fs.writeFileSync(w.configPath, original);
      await w.collapse('Database Tokens');
    }
  });
});
