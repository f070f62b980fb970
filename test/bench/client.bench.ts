/**
 * Client-side numbers: signing throughput (pure CPU), and the full `send` pipeline (validate,
 * sign, transport, envelope + returnObj parsing) against the emulator in its own process.
 */
import { createClient } from "../../provider/client/client";
import { QueryVpc, CreateVpc } from "../../provider/client/operations/vpc";
import { signRequest } from "../../provider/client/signer";
import { DEMO_ACCESS_KEY, DEMO_SECRET_KEY } from "../../emulator/credentials";
import { spawnEmulator } from "./spawn-emulator";

const REGION = "bb9fdb42056f11eda1610242ac110002";

export function benchSigning(iterations = 50_000): string {
  const query: Array<[string, string]> = [["regionID", REGION], ["vpcID", "vpc-abcdefghij"], ["pageSize", "10"]];
  const body = JSON.stringify({ regionID: REGION, name: "x".repeat(32), CIDR: "10.0.0.0/16" });
  for (let i = 0; i < 2000; i++) signRequest({ accessKey: DEMO_ACCESS_KEY, secretKey: DEMO_SECRET_KEY, query, body });
  const started = performance.now();
  for (let i = 0; i < iterations; i++) signRequest({ accessKey: DEMO_ACCESS_KEY, secretKey: DEMO_SECRET_KEY, query, body });
  const seconds = (performance.now() - started) / 1000;
  return `signRequest                         ${(iterations / seconds).toFixed(0).padStart(7)} signatures/s (${((seconds / iterations) * 1e6).toFixed(1)} µs each)`;
}

export async function benchPipeline(concurrency = 8, durationMs = 3000): Promise<string> {
  const emulator = await spawnEmulator();
  const client = createClient({ credentials: { accessKey: DEMO_ACCESS_KEY, secretKey: DEMO_SECRET_KEY }, endpoint: emulator.url });
  try {
    const { vpcID } = await client.send(CreateVpc, { regionID: REGION, CIDR: "10.0.0.0/16", name: "bench", description: "", enableIpv6: false });
    const latencies: number[] = [];
    const run = async (ms: number, record: boolean): Promise<void> => {
      const deadline = performance.now() + ms;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (performance.now() < deadline) {
            const started = performance.now();
            await client.send(QueryVpc, { regionID: REGION, vpcID });
            if (record) latencies.push(performance.now() - started);
          }
        }),
      );
    };
    await run(500, false);
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    await run(durationMs, true);
    const seconds = (performance.now() - started) / 1000;
    const sorted = latencies.sort((a, b) => a - b);
    const p = (q: number) => (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(2);
    gc?.();
    const heapMb = gc ? `${((process.memoryUsage().heapUsed - heapBefore) / 1e6).toFixed(1)} MB` : "n/a (run with --expose-gc)";
    return `client.send(QueryVpc), ${concurrency} concurrent ${(latencies.length / seconds).toFixed(0).padStart(7)} req/s   p50 ${p(0.5)} ms   p99 ${p(0.99)} ms   retained heap ${heapMb} after ${latencies.length} calls`;
  } finally {
    client.close();
    await emulator.stop();
  }
}
