import * as assert from 'assert';
import * as vscode from 'vscode';
import { ExpiryWarnings, type ExpiryWarningsDeps } from '../../src/managementTokens/expiryWarnings';
import { services, useFixture, waitFor } from './helpers';

/**
 * Opening a repository's TOML file activates the extension (for config.toml's
 * diagnostics): influxctl must not run until the user has shown the view or
 * run a command. The expiry check is the one thing that would list without either.
 */
describe('influxctl waits for the user', () => {
  it('runs no expiry check (no influxctl list) before start(), however often a change schedules one', async () => {
    await useFixture();
    const s = await services();
    const listed: string[] = [];
    const changed = new vscode.EventEmitter<never>();
    const deps: ExpiryWarningsDeps = {
      config: s.config,
      tokens: { onDidChange: changed.event, load: async (_path: string, p: { name: string }) => (listed.push(p.name), { kind: 'ok', tokens: [], loadedAt: new Date() }) } as unknown as ExpiryWarningsDeps['tokens'],
      databaseTokens: { onDidChange: changed.event, peek: () => undefined } as unknown as ExpiryWarningsDeps['databaseTokens'],
      settings: s.settings,
      prompts: s.prompts,
      state: s.state,
    };
    const expiry = new ExpiryWarnings(deps);
    try {
      expiry.schedule(0);
      await s.config.reload();
      // Timers of equal delay fire in the order they were set: had schedule() set one, its check
      // (whose list call follows in microtasks) would have run before this one fires.
      await new Promise((resolve) => setTimeout(resolve, 1));
      assert.deepStrictEqual(listed, []);
      expiry.start(0);
      await waitFor('the first check to list the configured profiles', () => (listed.length ? true : undefined));
      assert.deepStrictEqual(listed, ['default']);
    } finally {
      expiry.dispose();
      changed.dispose();
    }
  });
});
