// Time spent by this process on the CPU, not wall-clock time: a budget or a
// growth ratio measured this way holds on a machine busy with other work.

/** Milliseconds of CPU (user and system) this process spent running fn, with its result or what it threw. */
export function cpuTimed<T>(fn: () => T): { ms: number; value?: T; error?: unknown } {
  const started = process.cpuUsage();
  const ms = () => {
    const used = process.cpuUsage(started);
    return (used.user + used.system) / 1000;
  };
  try {
    const value = fn();
    return { ms: ms(), value };
  } catch (error) {
    return { ms: ms(), error };
  }
}
