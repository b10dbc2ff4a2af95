import type { BackendLog } from '../../../shared/resilience/resilient-cache.js';

/** What the fake backend does with the next calls. */
export type BackendMode = 'ok' | 'fail' | 'hang';

/**
 * A backend for ResilientCache unit tests: it records the (injected) time of every call, answers
 * `value-<n>`, fails, or hangs until the test releases the hung calls (as a timeout would).
 */
export function fakeBackend(clock: { now: number }) {
  const calls: number[] = [];
  const hung: Array<(error: Error) => void> = [];
  let mode: BackendMode = 'ok';
  let answers = 0;
  return {
    calls,
    setMode(next: BackendMode) {
      mode = next;
    },
    /** Fails every hung call, as the backend call's timeout would. */
    timeOutHungCalls() {
      for (const reject of hung.splice(0)) reject(new Error('The operation was aborted.'));
    },
    load: async (_key: string): Promise<string> => {
      calls.push(clock.now);
      if (mode === 'fail')
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
      if (mode === 'hang') return new Promise<string>((_resolve, reject) => hung.push(reject));
      answers++;
      return `value-${answers}`;
    },
  };
}

/** Collects log lines by level. */
export function recordingLog() {
  const lines: Array<{ level: string; message: string }> = [];
  const log: BackendLog = (level, message) => lines.push({ level, message });
  return { log, lines, at: (level: string) => lines.filter((line) => line.level === level) };
}

/** Lets settled promises run their callbacks (background refreshes finish between two requests). */
export const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
