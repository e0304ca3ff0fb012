import autocannon from 'autocannon';

/** What autocannon hammers: one URL, or several paths under it cycled per connection. */
export interface LoadTarget {
  url: string;
  headers?: Record<string, string>;
  /** Paths requested in turn (each prebuilt once, so cycling costs the client nothing per request). */
  paths?: readonly string[];
}

/** Mean requests per second over `seconds` at `connections`; throws on any non-2xx answer or error. */
export async function requestsPerSecond(target: LoadTarget, seconds: number, connections = 50): Promise<number> {
  const result = await autocannon({
    url: target.url,
    connections,
    duration: seconds,
    ...(target.headers ? { headers: target.headers } : {}),
    ...(target.paths ? { requests: target.paths.map((path) => ({ method: 'GET' as const, path })) } : {}),
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${target.url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.requests.average;
}
