import autocannon from 'autocannon';

type Headers = Record<string, string | string[] | undefined>;
/** A run against http://127.0.0.1:<port>; it stops after `requests`, or after `seconds` (5). */
export interface LoadTarget {
  origin: string;
  path: string;
  headers: Record<string, string>;
  /** Whether a response is the success this endpoint is measured on (status and body). */
  isSuccess(status: number, headers: Headers, body: string): boolean;
  connections: number;
  seconds?: number;
  requests?: number;
}

/** One autocannon run against a loopback server: successes, other answers, errors, latency. */
export async function runLoad(target: LoadTarget) {
  if (new URL(target.origin).hostname !== '127.0.0.1') throw new Error('load is only sent to 127.0.0.1');
  let successes = 0;
  let failures = 0;
  const seconds = target.seconds ?? 5;
  const result = await autocannon({
    url: target.origin,
    connections: target.connections,
    ...(target.requests
      ? { amount: target.requests }
      : { duration: seconds, maxOverallRequests: seconds * 50_000 }),
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
  const { duration, latency } = result;
  return {
    seconds: duration,
    successes,
    failures,
    errors: result.errors + result.timeouts,
    successesPerSecond: successes / duration,
    ...{ p50Ms: latency.p50, p99Ms: latency.p99, maxMs: latency.max },
  };
}
export type LoadResult = Awaited<ReturnType<typeof runLoad>>;

const JWS = /^[\w-]+\.[\w-]+\.[\w-]+$/;
/** 200 with a compact JWS body: the token endpoint's success. */
export const isToken = (status: number, _headers: unknown, body: string) => status === 200 && JWS.test(body);
/** A redirect whose Location carries an ID token in the fragment: the implicit flow's success. */
export const isImplicitRedirect = (status: number, headers: Headers) =>
  (status === 302 || status === 303) &&
  /#(?:.*&)?id_token=[\w-]+\.[\w-]+\.[\w-]+/.test(String(headers.location ?? headers.Location));
