/** Real milliseconds a promise takes to settle, and its outcome. */
export async function timed<T>(promise: Promise<T>): Promise<{ ms: number; value?: T; error?: unknown }> {
  const started = performance.now();
  try {
    const value = await promise;
    return { ms: performance.now() - started, value };
  } catch (error) {
    return { ms: performance.now() - started, error };
  }
}

/** Measured numbers for the change's report: printed only with RESILIENCE_REPORT=1. */
export function report(what: string, value: number | string): void {
  if (process.env.RESILIENCE_REPORT === '1') {
    process.stderr.write(`[resilience] ${what}: ${typeof value === 'number' ? Math.round(value) : value}\n`);
  }
}
