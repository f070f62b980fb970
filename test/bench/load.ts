/**
 * A closed-loop load generator: `concurrency` workers send signed requests back to back over
 * keep-alive connections for `durationMs`, recording each latency.
 */
import * as http from "node:http";
import { canonicalQuery, type QueryPair } from "../../provider/client/canonical";
import { signRequest } from "../../provider/client/signer";

export interface LoadResult {
  readonly name: string;
  readonly requests: number;
  readonly errors: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

export interface Target {
  readonly name: string;
  readonly method: "GET" | "POST";
  readonly path: string;
  readonly query?: readonly QueryPair[];
  /** A fresh body per request (e.g. a new clientToken). */
  readonly body?: () => unknown;
  readonly accessKey: string;
  readonly secretKey: string;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export async function runLoad(baseUrl: string, target: Target, concurrency: number, durationMs: number): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const url = new URL(baseUrl);
  const query = canonicalQuery(target.query ?? []);
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + durationMs;

  const one = (): Promise<void> =>
    new Promise((resolve) => {
      const body = target.body ? JSON.stringify(target.body()) : "";
      const headers: Record<string, string> = {
        ...signRequest({ accessKey: target.accessKey, secretKey: target.secretKey, query: target.query ?? [], body }),
        ...(body ? { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) } : {}),
      };
      const started = performance.now();
      const req = http.request(
        { agent, host: url.hostname, port: url.port, method: target.method, path: `${target.path}${query ? `?${query}` : ""}`, headers },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (c: string) => (text += c));
          res.on("end", () => {
            latencies.push(performance.now() - started);
            if (res.statusCode !== 200 || !text.includes('"statusCode":800')) errors++;
            resolve();
          });
        },
      );
      req.on("error", () => {
        errors++;
        resolve();
      });
      req.end(body);
    });

  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) await one();
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    name: target.name,
    requests: latencies.length,
    errors,
    seconds,
    perSecond: latencies.length / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? 0,
  };
}

export function formatResult(r: LoadResult): string {
  return `${r.name.padEnd(34)} ${r.perSecond.toFixed(0).padStart(7)} req/s   p50 ${r.p50.toFixed(2).padStart(6)} ms   p99 ${r.p99.toFixed(2).padStart(6)} ms   max ${r.max.toFixed(1).padStart(6)} ms   ${r.requests} requests, ${r.errors} errors`;
}
