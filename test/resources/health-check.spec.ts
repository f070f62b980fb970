/** HealthCheck through its serialized provider against the emulator: the contract, HTTP settings, dependants. */
import assert from "node:assert/strict";
import { describeResourceContract } from "../helpers/resource-contract";
import { useProviderTestbed } from "../helpers/providers";
import { REGION_HUABEI2 } from "../helpers/emulator";
import { createNetwork } from "../emulator/fixtures/ecs";
import { createTargetGroup } from "../emulator/fixtures/elb";

type Props = Record<string, any>;

describeResourceContract({
  kind: "HealthCheck",
  idOutput: "healthCheckId",
  recordKind: "elbHealthCheck",
  createOperation: "CreateHealthCheck",
  createPath: "/v4/elb/create-health-check",
  inputs: async () => ({ protocol: "HTTP" }),
  updates: [{ name: "renamed-hc" }, { timeout: 10, interval: 30, maxRetry: 5 }, { httpPath: "/healthz", httpExpectedCodes: ["http_3xx", "http_2xx"], httpMethod: "HEAD" }, { description: "probe" }],
  replacements: [{ port: 8080 }, { regionId: REGION_HUABEI2 }],
  drift: { patch: { timeout: 7, httpExpectedCodes: ["http_5xx"] }, inputs: { timeout: 7, httpExpectedCodes: ["http_5xx"] } },
});

describe("HealthCheck: specifics", () => {
  const bed = useProviderTestbed();

  it("fills the API's HTTP defaults for HTTP checks only, and sends none for TCP", async () => {
    const http = await bed.create("HealthCheck", { protocol: "HTTP" });
    assert.deepEqual([http.inputs["httpMethod"], http.inputs["httpPath"], http.inputs["httpExpectedCodes"], http.inputs["timeout"], http.inputs["interval"], http.inputs["maxRetry"]], ["GET", "/", ["http_2xx"], 2, 5, 2]);
    const tcp = await bed.create("HealthCheck", { protocol: "TCP", port: 22 });
    const record = (await bed.emu.control.resource<Props>("elbHealthCheck", tcp.id))!.data;
    assert.deepEqual([record["protocolPort"], record["httpMethod"], record["httpExpectedCodes"]], [22, "", []]);
    const provider = await bed.provider("HealthCheck");
    assert.deepEqual((await provider.check({}, { pulumiName: "hc", protocol: "UDP", httpPath: "/x" })).failures, [{ property: "httpPath", reason: "applies only to HTTP health checks, not UDP" }]);
    assert.deepEqual((await provider.check({}, { pulumiName: "hc", protocol: "HTTP", timeout: 61 })).failures, [{ property: "timeout", reason: "must be a whole number of seconds from 2 to 60" }]);
    assert.deepEqual((await provider.check({}, { pulumiName: "hc", protocol: "HTTP", httpExpectedCodes: ["http_2xx", "http_2xx"] })).failures, [{ property: "httpExpectedCodes", reason: "must not list a code twice" }]);
    assert.deepEqual((await provider.check({}, { pulumiName: "hc", protocol: "HTTP", httpPath: "healthz" })).failures, [{ property: "httpPath", reason: "must start with / and be at most 80 characters without spaces" }]);
  });

  it("deletes once the target groups naming it have let go", async () => {
    const hc = await bed.create("HealthCheck", { protocol: "TCP" });
    const net = await createNetwork(bed.emu, "10.60.0.0/16", "10.60.1.0/24");
    const tg = await createTargetGroup(bed.emu, net.vpcID, { healthCheckID: hc.id });
    let released = false;
    bed.onSleep(async () => {
      if (!released) await bed.emu.post("/v4/elb/update-target-group", { regionID: hc.inputs["regionId"], targetGroupID: tg, healthCheckID: "" });
      released = true;
    });
    const provider = await bed.provider("HealthCheck");
    await provider.delete(hc.id, hc.outs);
    assert.equal(await bed.emu.control.resource("elbHealthCheck", hc.id), undefined);
    const deletes = (await bed.emu.control.requests()).filter((r) => r.operation === "DeleteHealthCheck").map((r) => r.statusCode);
    assert.deepEqual(deletes, [900, 800], "refused while the target group named it, then done");
  });
});
