import type { Machine } from '../lib/machine.js';
import type { AlgorithmResult } from '../sections/algorithms.js';
import type { BackendResult } from '../sections/backend-calls.js';
import type { ColdStartResult } from '../sections/cold-start.js';
import type { EventLoopResult } from '../sections/event-loop.js';
import type { HttpResult } from '../sections/http.js';
import type { InProcessResult } from '../sections/in-process.js';

/** Everything one `npm run bench` measured, for the report. */
export interface BenchResults {
  startedAt: Date;
  durationSeconds: number;
  command: string;
  quick: boolean;
  /** How long each side runs per round in the in-process comparisons. */
  roundMs: number;
  machine: Machine;
  /** 1, 5 and 15 minute load averages before and after: other work on the machine shows here. */
  loadBefore: number[];
  loadAfter: number[];
  inProcess: InProcessResult;
  eventLoop: EventLoopResult;
  algorithms: AlgorithmResult;
  backend: BackendResult;
  http: HttpResult;
  coldStart: ColdStartResult;
}
