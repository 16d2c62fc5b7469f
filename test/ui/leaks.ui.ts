import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { wb } from './session';
import type { Workbench } from './workbench';

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return filesUnder(full);
    return e.isFile() ? [full] : [];
  });
}

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
    // state, config.toml (a user may set mgmt_token) and the browser's
    // localStorage, which is where code-server keeps SecretStorage.
    const scanned = filesUnder(w.runDir).filter(
      (f) => !f.includes(`${path.sep}influxctl${path.sep}`) && !f.includes(`${path.sep}Local Storage${path.sep}`),
    );
    // (config.toml sits in the influxctl folder: a user may put a database token there on purpose.)
    assert.ok(scanned.some((f) => f.endsWith('InfluxDB Tokens.log')), 'the output channel log is among the scanned files');
    const leaks: string[] = [];
    for (const file of scanned) {
      const content = fs.readFileSync(file).toString('latin1');
      for (const s of secrets) {
        if (content.includes(s) || content.includes(s.slice(9, 40))) leaks.push(`${file} holds a secret`);
      }
    }
    assert.deepStrictEqual(leaks, []);
  });
});
