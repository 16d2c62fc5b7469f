import * as assert from 'assert';
import * as vscode from 'vscode';
import type { Profile } from '../../src/core';
import { TokenSecretStore } from '../../src/state/tokenSecretStore';

function clustered(name: string, host: string, port?: string): Profile {
  return { name, product: 'clustered', host, port, hasOAuth2: false, index: 0, line: 0 };
}

const DEFAULT = clustered('default', 'cluster-a.example.com');

/**
 * A SecretStorage shared by "windows": every store or delete is announced to
 * all, as VS Code does. It keeps what its listeners return, so that a test
 * can wait for the store's async handlers themselves (settled()).
 */
function sharedSecretStorage(): { storage: vscode.SecretStorage; values: Map<string, string>; announce(key: string): void; settled(): Promise<void> } {
  const values = new Map<string, string>();
  const listeners: ((e: vscode.SecretStorageChangeEvent) => unknown)[] = [];
  const running: unknown[] = [];
  const announce = (key: string) => running.push(...listeners.map((l) => l({ key })));
  const storage: vscode.SecretStorage = {
    get: async (key) => values.get(key),
    store: async (key, value) => {
      values.set(key, value);
      announce(key);
    },
    delete: async (key) => {
      values.delete(key);
      announce(key);
    },
    onDidChange: (listener) => {
      listeners.push(listener);
      return new vscode.Disposable(() => listeners.splice(listeners.indexOf(listener), 1));
    },
  };
  return { storage, values, announce, settled: async () => void (await Promise.all(running.splice(0))) };
}

function memento(): vscode.Memento {
  const data = new Map<string, unknown>();
  return {
    keys: () => [...data.keys()],
    get: <T>(key: string, fallback?: T) => (data.has(key) ? (data.get(key) as T) : fallback) as T,
    update: async (key, value) => void data.set(key, value),
  };
}

describe('TokenSecretStore change events', () => {
  it('announces a store or delete of this window once, not again on SecretStorage\'s echo (one tree refresh, not two)', async () => {
    const shared = sharedSecretStorage();
    const store = new TokenSecretStore(shared.storage, memento());
    let fired = 0;
    store.onDidChange(() => fired++);
    await store.store('/c.toml', DEFAULT, 'database:a', 'apiv1_secret');
    await shared.settled();
    assert.strictEqual(fired, 1);
    assert.ok(store.storedIds('/c.toml', DEFAULT, 'database').has('a'));
    await store.delete('/c.toml', 'default', 'database:a');
    await shared.settled();
    assert.strictEqual(fired, 2);
    assert.ok(!store.storedIds('/c.toml', DEFAULT, 'database').has('a'));
    store.dispose();
  });

  it('follows a secret stored or deleted by another window', async () => {
    const shared = sharedSecretStorage();
    const store = new TokenSecretStore(shared.storage, memento());
    let fired = 0;
    store.onDidChange(() => fired++);
    const key = TokenSecretStore.key('/c.toml', 'default', 'm1');
    shared.values.set(key, JSON.stringify({ origin: 'clustered/cluster-a.example.com:443', secret: 'M.V1.elsewhere' }));
    shared.announce(key);
    await shared.settled();
    assert.strictEqual(fired, 1);
    assert.ok(store.has('/c.toml', DEFAULT, 'm1'));
    shared.values.delete(key);
    shared.announce(key);
    await shared.settled();
    assert.strictEqual(fired, 2);
    assert.ok(!store.has('/c.toml', DEFAULT, 'm1'));
    shared.announce('other.extension.key');
    await shared.settled();
    assert.strictEqual(fired, 2, 'keys of other extensions are ignored');
    store.dispose();
  });
});

describe('TokenSecretStore binds each secret to the cluster it was stored for', () => {
  const SECRET = 'M.V1.boundSecretOfProdCluster0123456789ab';
  const PROD = clustered('prod', 'prod.example.com');

  /** A store over a secret of profile prod that version 0.1 stored: no cluster, in the old index. */
  async function storedByVersion01() {
    const { storage, values } = sharedSecretStorage();
    const state = memento();
    const key = TokenSecretStore.key('/c.toml', 'prod', 'm1');
    values.set(key, SECRET);
    await state.update('influxdbTokens.storedSecretKeys', [key]);
    return { store: new TokenSecretStore(storage, state), values, state, key };
  }

  it('hands a secret out only for a profile that still names its cluster', async () => {
    const { storage, values } = sharedSecretStorage();
    const store = new TokenSecretStore(storage, memento());
    await store.store('/c.toml', PROD, 'm1', SECRET);
    assert.strictEqual(await store.get('/c.toml', PROD, 'm1'), SECRET);
    for (const moved of [clustered('prod', 'attacker.example.net'), clustered('prod', 'prod.example.com', '8443'), { ...PROD, product: 'dedicated' }]) {
      assert.strictEqual(await store.get('/c.toml', moved, 'm1'), undefined, JSON.stringify(moved));
      assert.strictEqual(store.storedIds('/c.toml', moved).size, 0);
      assert.ok(!store.has('/c.toml', moved, 'm1'));
    }
    assert.deepStrictEqual(store.boundElsewhere('/c.toml', clustered('prod', 'attacker.example.net')), ['clustered/prod.example.com:443']);
    assert.deepStrictEqual(store.boundElsewhere('/c.toml', PROD), []);
    // Same cluster, spelled differently: still bound.
    assert.strictEqual(await store.get('/c.toml', clustered('prod', 'https://PROD.example.com/', '443'), 'm1'), SECRET);
    assert.ok(![...values.values()].some((v) => v === SECRET), 'the stored value carries its cluster');
    store.dispose();
  });

  it('refuses to store a secret for a profile that names no cluster', async () => {
    const store = new TokenSecretStore(sharedSecretStorage().storage, memento());
    await assert.rejects(store.store('/c.toml', { name: 'x', hasOAuth2: false, index: 0, line: 0 }, 'm1', SECRET), { name: 'SecretStorageError' });
    store.dispose();
  });

  it('binds a secret stored by an earlier version to the cluster its profile names when first read', async () => {
    const { store, values, state, key } = await storedByVersion01();
    assert.ok(store.storedIds('/c.toml', PROD).has('m1'), 'the old index is read');
    assert.strictEqual(await store.get('/c.toml', PROD, 'm1'), SECRET);
    assert.deepStrictEqual(JSON.parse(values.get(key)!), { origin: 'clustered/prod.example.com:443', secret: SECRET });
    assert.strictEqual(state.get('influxdbTokens.storedSecretKeys'), undefined, 'the old index is replaced');
    assert.strictEqual(await store.get('/c.toml', clustered('prod', 'attacker.example.net'), 'm1'), undefined, 'bound from now on');
    store.dispose();
  });

  it('forgets, or after rebinding hands out, the secrets bound to another cluster', async () => {
    const { storage } = sharedSecretStorage();
    const store = new TokenSecretStore(storage, memento());
    const moved = clustered('prod', 'prod-new.example.com');
    await store.store('/c.toml', PROD, 'm1', SECRET);
    await store.store('/c.toml', PROD, 'database:d1', 'apiv1_databaseSecretOfProd0123456789');
    assert.strictEqual(await store.rebind('/c.toml', moved), 2);
    assert.strictEqual(await store.get('/c.toml', moved, 'm1'), SECRET);
    assert.strictEqual(await store.get('/c.toml', PROD, 'm1'), undefined);
    assert.strictEqual(await store.forgetBoundElsewhere('/c.toml', PROD), 2);
    assert.strictEqual(await store.get('/c.toml', moved, 'm1'), undefined);
    assert.deepStrictEqual(store.boundElsewhere('/c.toml', PROD), []);
    store.dispose();
  });

  it('binds secrets of an earlier version to the clusters config.toml names when this version first reads it, so that a later edit cannot carry them', async () => {
    const { store, values, key } = await storedByVersion01();
    await store.bindUnbound('/c.toml', [PROD, clustered('other', 'other.example.com')]);
    assert.deepStrictEqual(JSON.parse(values.get(key)!), { origin: 'clustered/prod.example.com:443', secret: SECRET });
    const moved = clustered('prod', 'attacker.example.net');
    assert.strictEqual(await store.get('/c.toml', moved, 'm1'), undefined);
    assert.deepStrictEqual(store.boundElsewhere('/c.toml', moved), ['clustered/prod.example.com:443']);
    store.dispose();
  });

  it('forgets nothing for a profile that names no cluster (a half-edited host)', async () => {
    const store = new TokenSecretStore(sharedSecretStorage().storage, memento());
    await store.store('/c.toml', PROD, 'm1', SECRET);
    const halfEdited = clustered('prod', 'prod.example.com ');
    assert.deepStrictEqual(store.boundElsewhere('/c.toml', halfEdited), []);
    assert.strictEqual(await store.forgetBoundElsewhere('/c.toml', halfEdited), 0);
    assert.strictEqual(await store.get('/c.toml', PROD, 'm1'), SECRET);
    store.dispose();
  });
});
