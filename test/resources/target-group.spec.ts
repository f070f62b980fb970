/** TargetGroup and Target through their serialized providers against the emulator: the contracts, stickiness, members. */
import assert from "node:assert/strict";
import { describeResourceContract } from "../helpers/resource-contract";
import { useProviderTestbed, type ProviderTestbed } from "../helpers/providers";
import { REGION_HUABEI2 } from "../helpers/emulator";
import { UNKNOWN_CODE_SITUATIONS } from "../../emulator/unknown-codes";
import { createInstance, createNetwork } from "../emulator/fixtures/ecs";
import { createHealthCheck, createListener, createLoadBalancer, createTargetGroup } from "../emulator/fixtures/elb";

type Props = Record<string, any>;

describeResourceContract({
  kind: "TargetGroup",
  idOutput: "targetGroupId",
  recordKind: "elbTargetGroup",
  createOperation: "CreateTargetGroup",
  createPath: "/v4/elb/create-target-group",
  inputs: async (bed) => ({ vpcId: (await createNetwork(bed.emu, "10.70.0.0/16", "10.70.1.0/24")).vpcID, protocol: "HTTP" }),
  updates: [{ name: "renamed-tg" }, { algorithm: "rr" }, { stickySession: { mode: "insertCookie", cookieTimeout: 600 } }, { description: "web pool", algorithm: "wrr" }],
  replacements: [{ vpcId: "vpc-abcdefghij" }, { protocol: "HTTPS" }, { regionId: REGION_HUABEI2 }],
  drift: { patch: { algorithm: "lc", sessionSticky: { sessionStickyMode: "CLOSE", cookieExpire: 0, rewriteCookieName: "", sourceIpTimeout: 0 } }, inputs: { algorithm: "lc", stickySession: undefined } },
});

/** A VM in a fresh network and a target group of its VPC. */
async function member(bed: ProviderTestbed): Promise<{ targetGroupId: string; instanceId: string; vpcID: string; subnetID: string }> {
  const net = await createNetwork(bed.emu, "10.71.0.0/16", "10.71.1.0/24");
  const instanceId = await createInstance(bed.emu, net);
  return { targetGroupId: await createTargetGroup(bed.emu, net.vpcID), instanceId, vpcID: net.vpcID, subnetID: net.subnetID };
}

describeResourceContract({
  kind: "Target",
  idOutput: "targetId",
  recordKind: "elbTarget",
  createOperation: "CreateTarget",
  createPath: "/v4/elb/create-target",
  inputs: async (bed) => {
    const { targetGroupId, instanceId } = await member(bed);
    return { targetGroupId, instanceId, port: 80 };
  },
  updates: [{ weight: 50 }, { port: 8080 }, { port: 8081, weight: 1 }],
  replacements: [{ targetGroupId: "tg-abcdefghij" }, { instanceId: "00000000-0000-4000-8000-00000000abcd" }, { regionId: REGION_HUABEI2 }],
  drift: { patch: { weight: 9 }, inputs: { weight: 9 } },
});

describe("TargetGroup and Target: specifics", () => {
  const bed = useProviderTestbed();

  it("names each stickiness and proxy-protocol rule before any call", async () => {
    const provider = await bed.provider("TargetGroup");
    const base = { pulumiName: "tg", vpcId: "vpc-abcdefghij" };
    const cases: Array<[Props, Array<{ property: string; reason: string }>]> = [
      [{ algorithm: "lc", stickySession: { mode: "insertCookie", cookieTimeout: 60 } }, [{ property: "stickySession", reason: 'is not available with algorithm "lc" (only rr and wrr keep sessions)' }]],
      [{ protocol: "TCP", stickySession: { mode: "rewriteCookie", cookieName: "SID" } }, [{ property: "stickySession", reason: "rewriteCookie needs an HTTP or HTTPS target group (cookies), not TCP" }]],
      [{ protocol: "HTTP", stickySession: { mode: "sourceIp", timeout: 60 } }, [{ property: "stickySession", reason: "sourceIp needs a TCP or UDP target group, not HTTP (use insertCookie or rewriteCookie)" }]],
      [{ protocol: "UDP", proxyProtocol: true }, [{ property: "proxyProtocol", reason: "applies only to TCP target groups, not UDP" }]],
      [{ stickySession: { mode: "insertCookie" } }, [{ property: "stickySession", reason: "cookieTimeout: must be a whole number of seconds (how long the inserted cookie lives)" }]],
      [{ algorithm: "random" }, [{ property: "algorithm", reason: 'must be "rr" (round robin), "wrr" (weighted round robin), "lc" (least connections) or "sh" (source-IP hash)' }]],
    ];
    for (const [inputs, failures] of cases) assert.deepEqual((await provider.check({}, { ...base, ...inputs })).failures, failures, JSON.stringify(inputs));
  });

  it("sends the whole setting on update: health check on and off, stickiness as the API spells it", async () => {
    const net = await createNetwork(bed.emu, "10.72.0.0/16", "10.72.1.0/24");
    const hc = await createHealthCheck(bed.emu);
    const tg = await bed.create("TargetGroup", { vpcId: net.vpcID, protocol: "TCP", stickySession: { mode: "sourceIp", timeout: 300 }, proxyProtocol: true });
    const record = async () => (await bed.emu.control.resource<Props>("elbTargetGroup", tg.id))!.data;
    assert.deepEqual([(await record())["sessionSticky"], (await record())["proxyProtocol"]], [{ sessionStickyMode: "SOURCE_IP", cookieExpire: 0, rewriteCookieName: "", sourceIpTimeout: 300 }, 1]);
    const provider = await bed.provider("TargetGroup");
    const withCheck = await provider.check(tg.inputs, { ...tg.inputs, healthCheckId: hc });
    await provider.update(tg.id, tg.outs, withCheck.inputs);
    assert.equal((await record())["healthCheckID"], hc);
    const without = await provider.check(withCheck.inputs, { ...withCheck.inputs, healthCheckId: undefined, stickySession: undefined });
    await provider.update(tg.id, { ...tg.outs, ...withCheck.inputs }, without.inputs);
    assert.deepEqual([(await record())["healthCheckID"], (await record())["sessionSticky"]["sessionStickyMode"]], ["", "CLOSE"]);
  });

  it("deletes a target group once the listeners forwarding to it point elsewhere", async () => {
    const net = await createNetwork(bed.emu, "10.73.0.0/16", "10.73.1.0/24");
    const tg = await bed.create("TargetGroup", { vpcId: net.vpcID, protocol: "HTTP" });
    const other = await createTargetGroup(bed.emu, net.vpcID);
    const lb = await createLoadBalancer(bed.emu, net.subnetID);
    const listener = await createListener(bed.emu, lb, tg.id);
    let moved = false;
    bed.onSleep(async () => {
      if (!moved) await bed.emu.post("/v4/elb/update-listener", { regionID: tg.inputs["regionId"], listenerID: listener, defaultAction: { type: "forward", forwardConfig: { targetGroups: [{ targetGroupID: other }] } } });
      moved = true;
    });
    await (await bed.provider("TargetGroup")).delete(tg.id, tg.outs);
    assert.equal(await bed.emu.control.resource("elbTargetGroup", tg.id), undefined);
    const deletes = (await bed.emu.control.requests()).filter((r) => r.operation === "DeleteTargetGroup").map((r) => r.statusCode);
    assert.deepEqual(deletes, [900, 800], "refused while the listener forwarded to it, then done");
  });

  it("is not deleted while a listener forwards to it: gives up at the delete timeout naming the listener", async () => {
    const net = await createNetwork(bed.emu, "10.74.0.0/16", "10.74.1.0/24");
    const tg = await bed.create("TargetGroup", { vpcId: net.vpcID, protocol: "HTTP", timeouts: { delete: "1m" } });
    const lb = await createLoadBalancer(bed.emu, net.subnetID);
    const listener = await createListener(bed.emu, lb, tg.id);
    const started = bed.emu.clock.now();
    await assert.rejects((await bed.provider("TargetGroup")).delete(tg.id, tg.outs), (error: Error & { errorCode?: string }) => {
      assert.ok((UNKNOWN_CODE_SITUATIONS["elb-in-use"] as readonly string[]).includes(error.errorCode ?? ""), `a code of the in-use set: ${error.errorCode}`);
      assert.match(error.message, new RegExp(`^DeleteTargetGroup failed: [\\w.]+: target group ${tg.id} is in use by listener ${listener} .*; still held by listener ${listener} when the timeout ran out$`));
      return true;
    });
    assert.ok(bed.emu.clock.now() - started <= 60_000, "stopped at the one-minute deadline");
    assert.notEqual(await bed.emu.control.resource("elbTargetGroup", tg.id), undefined, "the target group is still there");
  });

  it("reports a target's health and refuses a duplicate VM port, naming the existing target to adopt", async () => {
    const { targetGroupId, instanceId } = await member(bed);
    const first = await bed.create("Target", { targetGroupId, instanceId, port: 80 });
    assert.deepEqual([first.outs["healthStatus"], first.inputs["weight"]], ["unknown", 100]);
    await assert.rejects(bed.create("Target", { targetGroupId, instanceId, port: 80 }), {
      message: `VM ${instanceId} port 80 is already target ${first.id} of target group ${targetGroupId}, and not by this create: manage it with adoptId "${first.id}", or remove the duplicate from the program`,
    });
    const provider = await bed.provider("Target");
    assert.deepEqual((await provider.check({}, { pulumiName: "t", targetGroupId, instanceId, port: 80, weight: 0 })).failures, [{ property: "weight", reason: "must be a whole number from 1 to 256" }]);
    assert.deepEqual((await provider.check({}, { pulumiName: "t", targetGroupId, instanceId: "vm-1", port: 80 })).failures, [{ property: "instanceId", reason: "must be a VM instance UUID (8-4-4-4-12 hexadecimal digits)" }]);
  });
});
