/**
 * `npm run bench:emulator`: the emulator in its own process, driven by signed requests from this
 * one. Target on 2 cores: >= 1500 signed reads/s with p99 < 25 ms.
 */
import { randomUUID } from "node:crypto";
import { DEMO_ACCESS_KEY, DEMO_SECRET_KEY } from "../../emulator/credentials";
import { formatResult, runLoad, type LoadResult, type Target } from "./load";
import { spawnEmulator } from "./spawn-emulator";

const REGION = "bb9fdb42056f11eda1610242ac110002";
const DURATION_MS = Number(process.env["BENCH_SECONDS"] ?? 5) * 1000;
const CONCURRENCY = Number(process.env["BENCH_CONCURRENCY"] ?? 8);

export async function benchEmulator(): Promise<LoadResult[]> {
  const emulator = await spawnEmulator();
  const keys = { accessKey: DEMO_ACCESS_KEY, secretKey: DEMO_SECRET_KEY };
  try {
    const create = await fetchJson(emulator.url, keys);
    const targets: Target[] = [
      { name: "GET /v4/vpc/query (read)", method: "GET", path: "/v4/vpc/query", query: [["regionID", REGION], ["vpcID", create]], ...keys },
      { name: "GET /v4/region/get-zones (read)", method: "GET", path: "/v4/region/get-zones", query: [["regionID", REGION]], ...keys },
      { name: "GET /v4/image/list (read, paged)", method: "GET", path: "/v4/image/list", query: [["regionID", REGION], ["pageSize", "10"]], ...keys },
      {
        name: "POST /v4/vpc/update (write)",
        method: "POST",
        path: "/v4/vpc/update",
        body: () => ({ regionID: REGION, vpcID: create, clientToken: randomUUID(), name: "bench-vpc", description: randomUUID() }),
        ...keys,
      },
    ];
    const results: LoadResult[] = [];
    for (const target of targets) {
      await runLoad(emulator.url, target, CONCURRENCY, 500); // warm-up: JIT and prepared statements
      results.push(await runLoad(emulator.url, target, CONCURRENCY, DURATION_MS));
    }
    return results;
  } finally {
    await emulator.stop();
  }
}

/** Creates the VPC the read benchmarks query, through the same signed path. */
async function fetchJson(url: string, keys: { accessKey: string; secretKey: string }): Promise<string> {
  const { signRequest } = await import("../../provider/client/signer");
  const body = JSON.stringify({ regionID: REGION, name: "bench-vpc", CIDR: "10.0.0.0/16", description: "", enableIpv6: false });
  const res = await fetch(`${url}/v4/vpc/create`, {
    method: "POST",
    headers: { ...signRequest({ ...keys, query: [], body }), "content-type": "application/json" },
    body,
  });
  const envelope = (await res.json()) as { returnObj: { vpcID: string } };
  return envelope.returnObj.vpcID;
}

if (require.main === module) {
  benchEmulator()
    .then((results) => {
      console.log(`emulator benchmark: ${CONCURRENCY} concurrent signed requests, ${DURATION_MS / 1000}s per target, emulator in a separate process`);
      for (const r of results) console.log(formatResult(r));
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
