import autocannon from 'autocannon';

export interface LoadTarget {
  /** http://127.0.0.1:<port>: loopback only. */
  origin: string;
  path: string;
  headers: Record<string, string>;
  /** Whether one response is the success this endpoint is measured on. */
  isSuccess(status: number, headers: Headers, body: string): boolean;
  connections: number;
  /** Stop after this long (seconds) or this many requests; at least one of them. */
  seconds?: number;
  requests?: number;
}

export interface LoadResult {
  seconds: number;
  /** Responses that were the success measured, and all others (wrong status or body). */
  successes: number;
  failures: number;
  /** Connection errors and timeouts. */
  errors: number;
  successesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** The request cap of a timed run: far above what one server process answers, so time ends it. */
const MAX_REQUESTS_PER_SECOND = 50_000;

/** One autocannon run against a loopback server, bounded by a request count (and a time, if given). */
export async function runLoad(target: LoadTarget): Promise<LoadResult> {
  if (new URL(target.origin).hostname !== '127.0.0.1') throw new Error('load is only sent to 127.0.0.1');
  let successes = 0;
  let failures = 0;
  const result = await autocannon({
    url: target.origin,
    connections: target.connections,
    ...(target.requests ? { amount: target.requests } : { duration: target.seconds ?? 5 }),
    maxOverallRequests: target.requests ?? (target.seconds ?? 5) * MAX_REQUESTS_PER_SECOND,
    timeout: 10,
    requests: [
      {
        method: 'GET',
        path: target.path,
        headers: target.headers,
        onResponse: (status, body, _context, headers = {}) => {
          if (target.isSuccess(status, headers, body)) successes++;
          else failures++;
        },
      },
    ],
  });
  return {
    seconds: result.duration,
    successes,
    failures,
    errors: result.errors + result.timeouts,
    successesPerSecond: successes / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
  };
}

type Headers = Record<string, string | string[] | undefined>;
const JWS = /^[\w-]+\.[\w-]+\.[\w-]+$/;

/** 200 with a compact JWS body: the token endpoint's success. */
export const isToken = (status: number, _headers: unknown, body: string) => status === 200 && JWS.test(body);

/** A redirect whose Location carries an ID token in the fragment: the implicit flow's success. */
export function isImplicitRedirect(status: number, headers: Headers): boolean {
  const location = headers.location ?? headers.Location;
  return (
    (status === 302 || status === 303) &&
    typeof location === 'string' &&
    /#(?:.*&)?id_token=[\w-]+\.[\w-]+\.[\w-]+/.test(location)
  );
}
