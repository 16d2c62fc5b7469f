import * as assert from 'assert';
import { ConcurrencyLimiter } from '../../src/core/limit';

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (e: Error) => void } {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('ConcurrencyLimiter', () => {
  it('never runs more than N tasks at once', async () => {
    const limiter = new ConcurrencyLimiter(3);
    let running = 0;
    let peak = 0;
    const task = (ms: number) => async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, ms));
      running--;
      return ms;
    };
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => limiter.run(task((i % 4) * 3 + 1))));
    assert.strictEqual(peak, 3);
    assert.strictEqual(running, 0);
    assert.deepStrictEqual(results, Array.from({ length: 12 }, (_, i) => (i % 4) * 3 + 1));
  });

  it('starts waiting tasks in the order they were submitted', async () => {
    const limiter = new ConcurrencyLimiter(1);
    const started: number[] = [];
    const gates = Array.from({ length: 5 }, () => deferred());
    const runs = gates.map((gate, i) =>
      limiter.run(async () => {
        started.push(i);
        await gate.promise;
        return i;
      }),
    );
    await tick();
    assert.deepStrictEqual(started, [0]);
    // Release out of order: only the running one can finish, the rest start in order.
    gates[4].resolve();
    gates[2].resolve();
    await tick();
    assert.deepStrictEqual(started, [0]);
    gates[0].resolve();
    await tick();
    assert.deepStrictEqual(started, [0, 1]);
    gates[1].resolve();
    gates[3].resolve();
    assert.deepStrictEqual(await Promise.all(runs), [0, 1, 2, 3, 4]);
    assert.deepStrictEqual(started, [0, 1, 2, 3, 4]);
  });

  it('a failing task rejects its own run and releases its slot', async () => {
    const limiter = new ConcurrencyLimiter(1);
    const failing = limiter.run(async () => {
      throw new Error('boom');
    });
    const next = limiter.run(async () => 'next ran');
    await assert.rejects(failing, /boom/);
    assert.strictEqual(await next, 'next ran');
  });

  it('a task that throws synchronously releases its slot too', async () => {
    const limiter = new ConcurrencyLimiter(1);
    const failing = limiter.run((() => {
      throw new Error('sync boom');
    }) as () => Promise<void>);
    await assert.rejects(failing, /sync boom/);
    assert.strictEqual(await limiter.run(async () => 42), 42);
  });

  it('many failures in a row do not leak slots', async () => {
    const limiter = new ConcurrencyLimiter(2);
    const failures = Array.from({ length: 10 }, (_, i) => limiter.run(async () => Promise.reject(new Error(`e${i}`))));
    const settled = await Promise.allSettled(failures);
    assert.ok(settled.every((s) => s.status === 'rejected'));
    let running = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 6 }, () =>
        limiter.run(async () => {
          running++;
          peak = Math.max(peak, running);
          await tick();
          running--;
        }),
      ),
    );
    assert.strictEqual(peak, 2);
  });

  it('a task submitted while a slot is being handed over waits its turn (no queue jumping)', async () => {
    const limiter = new ConcurrencyLimiter(1);
    let running = 0;
    let peak = 0;
    const task = async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
    };
    const gate = deferred();
    const first = gate.promise.then(() => {
      running--;
    });
    running++;
    const a = limiter.run(() => first);
    const b = limiter.run(task);
    // Runs right after the limiter saw `first` settle, before the waiting task resumed.
    let c: Promise<void> | undefined;
    void first.then(() => {
      c = limiter.run(task);
    });
    gate.resolve();
    await a;
    await b;
    await c;
    assert.strictEqual(peak, 1);
  });
});
