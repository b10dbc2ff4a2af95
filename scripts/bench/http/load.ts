import autocannon from 'autocannon';

export interface LoadTarget {
  /** http://127.0.0.1:<port>: loopback only. */
  origin: string;
  path: string;
  headers: Record<string, string>;
  /** Whether one response is the success this endpoint is measured on. */
  isSuccess(status: number, headers: Record<string, string | string[]>, body: string): boolean;
}

export interface LoadResult {
  requestsPerSecond: number;
  /** Successful responses per second: what the comparison uses. */
  successesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  total: number;
  successes: number;
  failures: number;
  errors: number;
}

export interface LoadLimits {
  seconds: number;
  connections: number;
}

/** The request cap: far above what one server process answers in the time, so time ends the run. */
const MAX_REQUESTS_PER_SECOND = 50_000;

/** One autocannon run against a loopback server, bounded by time and by a request count. */
export async function runLoad(target: LoadTarget, limits: LoadLimits): Promise<LoadResult> {
  const url = new URL(target.origin);
  if (url.hostname !== '127.0.0.1') throw new Error(`load is only sent to 127.0.0.1, not ${url.hostname}`);
  let successes = 0;
  let failures = 0;
  const result = await autocannon({
    url: target.origin,
    connections: limits.connections,
    duration: limits.seconds,
    maxOverallRequests: limits.seconds * MAX_REQUESTS_PER_SECOND,
    timeout: 10,
    requests: [
      {
        method: 'GET',
        path: target.path,
        headers: target.headers,
        onResponse: (status, body, _context, headers) => {
          if (target.isSuccess(status, headers, body)) successes++;
          else failures++;
        },
      },
    ],
  });
  return {
    requestsPerSecond: result.requests.total / result.duration,
    successesPerSecond: successes / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    total: result.requests.total,
    successes,
    failures,
    errors: result.errors + result.timeouts,
  };
}

/** A redirect whose Location carries an ID token in the fragment: the implicit flow's success. */
export function isImplicitRedirect(status: number, headers: Record<string, string | string[]>): boolean {
  if (status !== 302 && status !== 303) return false;
  const location = headers.location ?? headers.Location;
  return typeof location === 'string' && /#(?:.*&)?id_token=[\w-]+\.[\w-]+\.[\w-]+/.test(location);
}

/** 200 with a compact JWS body: the token endpoint's success. */
export function isToken(status: number, _headers: unknown, body: string): boolean {
  return status === 200 && /^[\w-]+\.[\w-]+\.[\w-]+$/.test(body);
}
