import { createRequire } from 'node:module';

/**
 * The part of autocannon's programmatic API the load run uses. autocannon is CommonJS without
 * type declarations; it is loaded with require and typed here, rather than with an ambient module
 * declaration that could clash with another script's.
 */

export interface AutocannonOptions {
  url: string;
  connections: number;
  amount: number;
  /** Seconds. */
  timeout: number;
  headers: Record<string, string>;
  /** Responses whose body fails this count as mismatches. */
  verifyBody?: (body: string) => boolean;
}

interface Histogram {
  average: number;
  p50: number;
  p99: number;
  max: number;
  totalCount?: number;
}

export interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  mismatches: number;
  non2xx: number;
  resets: number;
  '2xx': number;
  statusCodeStats: Record<string, { count: number }>;
  latency: Histogram;
  requests: Histogram & { sent: number };
}

type Autocannon = (
  options: AutocannonOptions,
  done: (error: Error | null, result: AutocannonResult) => void,
) => unknown;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export function runAutocannon(options: AutocannonOptions): Promise<AutocannonResult> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}
