import * as assert from 'assert';
import { wb } from './session';
import type { Workbench } from './workbench';

/** A secret the simulator issued to profile default: one created through the palette if the run has none yet. */
async function issuedSecret(w: Workbench): Promise<string> {
  const existing = Object.values(w.state().profiles.default.issued ?? {})[0];
  if (existing) return existing;
  await w.clearToasts();
  await w.runCommand('InfluxDB Tokens: Create Management Token…');
  await w.pick('default');
  await w.answerInput('Description of the token', 'leak probe');
  await w.pick('7 days');
  await w.notification(/Created management token "leak probe"/);
  return Object.values(w.state().profiles.default.issued ?? {})[0];
}

type Clusters = Record<string, { accessTokens?: Record<string, string> }>;

function databaseSecrets(w: Workbench): string[] {
  const clusters = (w.state() as unknown as { clusters?: Clusters }).clusters ?? {};
  return Object.values(clusters).flatMap((c) => Object.values(c.accessTokens ?? {}));
}

/** Database token secrets the stand-in issued: one created through the palette if the run has none yet. */
async function issuedDatabaseSecrets(w: Workbench): Promise<string[]> {
  if (databaseSecrets(w).length) return databaseSecrets(w);
  await w.clearToasts();
  await w.runCommand('InfluxDB Tokens: Create Database Token…');
  await w.pick('default');
  await w.answerInput('Description of the database token', 'leak probe');
  await w.pickMany(['telemetry']);
  await w.pick('Read');
  await w.pick('7 days');
  await w.notification(/Created database token "leak probe"/);
  return databaseSecrets(w);
}

// Last in the suite (test/ui/index.ts), so that it scans what every test
// wrote; run alone, it makes the secrets it looks for itself.
describe('UI: no secret leaks', function () {
  this.timeout(90000);

  it('finds none of the issued secrets in logs, output channel, settings, state or storage (except SecretStorage)', async () => {
    const w = wb();
    // A failure whose stderr quotes a secret (influxctl echoing a bad token) must not leak it either.
    const quoted = await issuedSecret(w);
    assert.ok(quoted, 'the suite issued a secret to quote');
    await w.withFault('staging', { exitCode: 1, stderr: `Error: rpc error: code = Unauthenticated desc = token ${quoted} is not valid\n` }, async () => {
      const error = w.rows().filter({ hasText: 'Unauthenticated: token' });
      // One refresh lists again (a second one would cancel a slow list); the
      // row shows once that list fails, with staging expanded.
      await w.viewAction('Refresh');
      await w.expandUntil('staging', error, 60000);
      assert.match(await error.innerText(), /token (M\.V1\.b4d2…)?\[REDACTED\] is not valid/);
    });
    const database = await issuedDatabaseSecrets(w);
    assert.ok(database.length > 0, 'the run issued a database token secret');
    const secrets = [...Object.values(w.state().profiles).flatMap((p) => Object.values(p.issued ?? {})), ...database];
    // Everything the run wrote, except where secrets belong: the simulator's own
    // state, config.toml (a user may set mgmt_token; a database token there is on
    // purpose) and the browser's localStorage, where code-server keeps SecretStorage.
    // Database secrets include the one a terminal got (usingTokens.ui.ts, before the window's reload).
    const { scanned, holding } = w.filesHolding(secrets);
    assert.ok(scanned.some((f) => f.endsWith('InfluxDB Tokens.log')), 'the output channel log is among the scanned files');
    const leaks = holding.map((file) => `${file} holds a secret`);
    assert.deepStrictEqual(leaks, []);
  });
});
