import type { ChildProcess } from 'node:child_process';
import { nextMessage } from './children.js';

/** A step the parent asks a child to run, and the child's answer. */
export interface StepRequest {
  step: string;
}

export interface StepReply<T = unknown> {
  type: 'step-done';
  step: string;
  data: T;
}

const isReplyTo =
  (step: string) =>
  (message: unknown): message is StepReply =>
    typeof message === 'object' &&
    message !== null &&
    (message as StepReply).type === 'step-done' &&
    (message as StepReply).step === step;

/** Parent side: runs one step in the child and waits (bounded) for its data. */
export async function runStep<T>(child: ChildProcess, step: string, timeoutMs = 120_000): Promise<T> {
  const reply = nextMessage(child, isReplyTo(step), timeoutMs);
  child.send({ step } satisfies StepRequest);
  return (await reply).data as T;
}

/** Child side: answers the parent's steps with these functions; unknown steps end the child. */
export function serveSteps(steps: Record<string, () => Promise<unknown>>): void {
  process.on('message', (message: unknown) => {
    const step = (message as StepRequest | undefined)?.step;
    const run = step === undefined ? undefined : steps[step];
    if (!run || step === undefined) {
      process.exit(2);
      return;
    }
    run().then(
      (data) => process.send?.({ type: 'step-done', step, data } satisfies StepReply),
      (error: unknown) => {
        process.stderr.write(`step ${step} failed: ${(error as Error)?.stack ?? String(error)}\n`);
        process.exit(1);
      },
    );
  });
}
