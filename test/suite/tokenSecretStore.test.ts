import * as assert from 'assert';
import * as vscode from 'vscode';
import { TokenSecretStore } from '../../src/state/tokenSecretStore';

/** A SecretStorage shared by "windows": every store or delete is announced to all, as VS Code does. */
function sharedSecretStorage(): { storage: vscode.SecretStorage; values: Map<string, string>; announce(key: string): void } {
  const values = new Map<string, string>();
  const changed = new vscode.EventEmitter<vscode.SecretStorageChangeEvent>();
  const storage: vscode.SecretStorage = {
    get: async (key) => values.get(key),
    store: async (key, value) => {
      values.set(key, value);
      changed.fire({ key });
    },
    delete: async (key) => {
      values.delete(key);
      changed.fire({ key });
    },
    onDidChange: changed.event,
  };
  return { storage, values, announce: (key) => changed.fire({ key }) };
}

function memento(): vscode.Memento {
  const data = new Map<string, unknown>();
  return {
    keys: () => [...data.keys()],
    get: <T>(key: string, fallback?: T) => (data.has(key) ? (data.get(key) as T) : fallback) as T,
    update: async (key, value) => void data.set(key, value),
  };
}

/** Lets the store's async onDidChange handler finish. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

describe('TokenSecretStore change events', () => {
  it('announces a store or delete of this window once, not again on SecretStorage\'s echo (one tree refresh, not two)', async () => {
    const { storage } = sharedSecretStorage();
    const store = new TokenSecretStore(storage, memento());
    let fired = 0;
    store.onDidChange(() => fired++);
    await store.store('/c.toml', 'default', 'database:a', 'apiv1_secret');
    await settle();
    assert.strictEqual(fired, 1);
    assert.ok(store.storedIds('/c.toml', 'default', 'database').has('a'));
    await store.delete('/c.toml', 'default', 'database:a');
    await settle();
    assert.strictEqual(fired, 2);
    assert.ok(!store.storedIds('/c.toml', 'default', 'database').has('a'));
    store.dispose();
  });

  it('follows a secret stored or deleted by another window', async () => {
    const shared = sharedSecretStorage();
    const store = new TokenSecretStore(shared.storage, memento());
    let fired = 0;
    store.onDidChange(() => fired++);
    const key = TokenSecretStore.key('/c.toml', 'default', 'm1');
    shared.values.set(key, 'M.V1.elsewhere');
    shared.announce(key);
    await settle();
    assert.strictEqual(fired, 1);
    assert.ok(store.has('/c.toml', 'default', 'm1'));
    shared.values.delete(key);
    shared.announce(key);
    await settle();
    assert.strictEqual(fired, 2);
    assert.ok(!store.has('/c.toml', 'default', 'm1'));
    shared.announce('other.extension.key');
    await settle();
    assert.strictEqual(fired, 2, 'keys of other extensions are ignored');
    store.dispose();
  });
});
