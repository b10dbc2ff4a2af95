/** What a server child tells the benchmark once it listens. */
export interface ReadyMessage {
  type: 'ready';
  url: string;
}

export const isReady = (message: unknown): message is ReadyMessage =>
  typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'ready';

/** Ends a child when the benchmark goes away, whichever way it does. */
export function stopWithParent(close: () => Promise<void>): void {
  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    void close().finally(() => process.exit(0));
  };
  process.on('disconnect', stop);
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
