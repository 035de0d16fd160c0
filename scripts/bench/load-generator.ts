/**
 * A small closed-loop load generator for loopback benchmarks: a fixed number of workers, each
 * sending its next request as soon as the previous one answered, over keep-alive connections,
 * for a fixed time. No pipelining. Reports throughput and latency percentiles of the answers.
 */
import http from 'node:http';

export type BenchRequest = { method: 'GET' | 'POST'; path: string; body?: unknown; headers?: Record<string, string> };

export type LoadOptions = {
  port: number;
  concurrency: number;
  durationMs: number;
  /** The next request of a worker; return undefined when the worker has nothing left to send. */
  next: (worker: number) => BenchRequest | undefined;
  /** Called with each answer (e.g. to learn a case's new version); return false to count it as an error. */
  onAnswer?: (worker: number, request: BenchRequest, status: number, body: string) => boolean;
  /** Hard cap on requests, so that the loop is bounded even if the server answers instantly. */
  maxRequests?: number;
};

export type LoadResult = {
  requests: number;
  errors: number;
  firstError: string | null;
  elapsedMs: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
};

const percentile = (sorted: Float64Array, fraction: number): number =>
  sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;

const send = (agent: http.Agent, port: number, request: BenchRequest): Promise<{ status: number; body: string }> =>
  new Promise((resolve, reject) => {
    const payload = request.body === undefined ? undefined : Buffer.from(JSON.stringify(request.body));
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: request.method,
        path: request.path,
        agent,
        headers: {
          ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}),
          ...request.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error('request timed out after 30 s')));
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });

export const runLoad = async (options: LoadOptions): Promise<LoadResult> => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const cap = options.maxRequests ?? 1_000_000;
  const latencies = new Float64Array(cap);
  let count = 0;
  let errors = 0;
  let firstError: string | null = null;
  const started = performance.now();
  const stopAt = started + options.durationMs;
  const worker = async (index: number) => {
    while (performance.now() < stopAt && count + errors < cap) {
      const request = options.next(index);
      if (!request) return;
      const sentAt = performance.now();
      try {
        const answer = await send(agent, options.port, request);
        const ok = answer.status >= 200 && answer.status < 300 && (options.onAnswer?.(index, request, answer.status, answer.body) ?? true);
        if (ok) {
          latencies[count] = performance.now() - sentAt;
          count += 1;
        } else {
          errors += 1;
          firstError ??= `${request.method} ${request.path} → ${answer.status} ${answer.body.slice(0, 200)}`;
        }
      } catch (error) {
        errors += 1;
        firstError ??= `${request.method} ${request.path} → ${(error as Error).message}`;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, index) => worker(index)));
  const elapsedMs = performance.now() - started;
  agent.destroy();
  const sorted = latencies.slice(0, count).sort();
  return {
    requests: count,
    errors,
    firstError,
    elapsedMs,
    perSecond: (count / elapsedMs) * 1000,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
  };
};
