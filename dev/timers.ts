import type { Timer } from '@azure/functions';
import { describeCause } from '../shared/http/describe-cause.js';
import type { DevLogger } from './dev-logger.js';
import { type CoreFunctionCallback, type FunctionRegistry, functionsTriggeredBy } from './functions-core.js';
import { invocationContext } from './invoke.js';

/**
 * Runs the functions registered with `app.timer(name, { schedule, handler })` on their NCRONTAB
 * schedules, in UTC as the Functions host does by default. Six fields (second minute hour day
 * month weekday, Sunday = 0), each `*`, a number, a comma list of numbers, or `*\/n`; anything
 * else is refused at start, so a schedule never silently runs at other times than in Azure.
 */

const FIELDS: [name: string, min: number, max: number][] = [
  ['second', 0, 59],
  ['minute', 0, 59],
  ['hour', 0, 23],
  ['day', 1, 31],
  ['month', 1, 12],
  ['weekday', 0, 6],
];

export type Schedule = ((value: number) => boolean)[];

function parseField(text: string, [name, min, max]: (typeof FIELDS)[number], schedule: string) {
  if (text === '*') return () => true;
  const step = /^\*\/(\d+)$/.exec(text)?.[1];
  if (step !== undefined && Number(step) > 0) return (value: number) => (value - min) % Number(step) === 0;
  const values = text.split(',').map(Number);
  if (/^\d+(,\d+)*$/.test(text) && values.every((value) => value >= min && value <= max)) {
    return (value: number) => values.includes(value);
  }
  throw new Error(`schedule "${schedule}": ${name} "${text}" is not *, */n or numbers from ${min} to ${max}`);
}

export function parseSchedule(schedule: string): Schedule {
  const parts = schedule.trim().split(/\s+/);
  if (parts.length !== 6)
    throw new Error(`schedule "${schedule}": expected 6 fields (sec min hour day month weekday)`);
  return parts.map((part, index) => parseField(part, FIELDS[index] ?? ['?', 0, 0], schedule));
}

export function isDue(schedule: Schedule, at: Date): boolean {
  const values = [
    at.getUTCSeconds(),
    at.getUTCMinutes(),
    at.getUTCHours(),
    at.getUTCDate(),
    at.getUTCMonth() + 1,
    at.getUTCDay(),
  ];
  return schedule.every((matches, index) => matches(values[index] ?? -1));
}

interface TimerFunction {
  name: string;
  schedule: Schedule;
  handler: CoreFunctionCallback;
}

/** The registered timer functions; throws, naming the function, for a schedule it cannot run. */
export function timerFunctions(registry: FunctionRegistry): TimerFunction[] {
  return functionsTriggeredBy(registry, 'timerTrigger').map(({ name, trigger, callback }) => {
    try {
      return { name, schedule: parseSchedule(String(trigger.schedule)), handler: callback };
    } catch (error) {
      throw new Error(`function "${name}": ${(error as Error).message}`);
    }
  });
}

/** Checks every timer once a second (at the start of the second); returns the function that stops them. */
export function startTimers(timers: TimerFunction[], logger: DevLogger): () => void {
  let handle: NodeJS.Timeout | undefined;
  const next = () => {
    handle = setTimeout(tick, 1000 - (Date.now() % 1000)).unref();
  };
  const tick = () => {
    const now = new Date();
    next();
    for (const timer of timers) {
      if (isDue(timer.schedule, now)) void run(timer, now, logger);
    }
  };
  if (timers.length > 0) next();
  return () => clearTimeout(handle);
}

async function run(timer: TimerFunction, now: Date, logger: DevLogger): Promise<void> {
  const info: Timer = {
    isPastDue: false,
    schedule: { adjustForDST: false },
    scheduleStatus: { last: now.toISOString(), next: '', lastUpdated: now.toISOString() },
  };
  try {
    await timer.handler(info, invocationContext(timer.name, 'timerTrigger', logger));
  } catch (error) {
    // One redacted line, no stack; the next occurrence runs as scheduled.
    logger.handler(timer.name, 'error', `timer failed: ${describeCause(error)}`);
  }
}
