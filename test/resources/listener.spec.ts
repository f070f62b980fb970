/** Listener and ListenerRule through their serialized providers against the emulator: the contracts, ports, HTTPS, rules. */
import assert from "node:assert/strict";
import { describeResourceContract } from "../helpers/resource-contract";
import { useProviderTestbed, type ProviderTestbed } from "../helpers/providers";
import { REGION_HUABEI2 } from "../helpers/emulator";
import { TEST_SERVER_CERTIFICATE, TEST_SERVER_KEY } from "../fixtures/elb-certificates";
import { createNetwork } from "../emulator/fixtures/ecs";
import { createListener, createLoadBalancer, createTargetGroup } from "../emulator/fixtures/elb";

type Props = Record<string, any>;

/** A load balancer and an HTTP target group in a fresh network. */
async function balancer(bed: ProviderTestbed): Promise<{ loadBalancerId: string; targetGroupId: string; vpcID: string }> {
  const net = await createNetwork(bed.emu, "10.80.0.0/16", "10.80.1.0/24");
  return { loadBalancerId: await createLoadBalancer(bed.emu, net.subnetID), targetGroupId: await createTargetGroup(bed.emu, net.vpcID), vpcID: net.vpcID };
}

describeResourceContract({
  kind: "Listener",
  idOutput: "listenerId",
  recordKind: "elbListener",
  createOperation: "CreateListener",
  createPath: "/v4/elb/create-listener",
  inputs: async (bed) => {
    const { loadBalancerId, targetGroupId } = await balancer(bed);
    return { loadBalancerId, protocol: "HTTP", port: 80, targetGroupId };
  },
  updates: [{ name: "renamed-listener" }, { forwardedFor: true }, { enabled: false }, { enabled: true, description: "front door", forwardedFor: false }],
  replacements: [{ port: 8080 }, { protocol: "TCP" }, { loadBalancerId: "lb-abcdefghij" }, { regionId: REGION_HUABEI2 }],
  drift: { patch: { name: "renamed-by-hand", status: "DOWN" }, inputs: { name: "renamed-by-hand", enabled: false } },
});

describeResourceContract({
  kind: "ListenerRule",
  idOutput: "ruleId",
  recordKind: "elbRule",
  createOperation: "CreateRule",
  createPath: "/v4/elb/create-rule",
  inputs: async (bed) => {
    const { loadBalancerId, targetGroupId } = await balancer(bed);
    const listenerId = await createListener(bed.emu, loadBalancerId, targetGroupId);
    return { listenerId, path: "/api", targetGroupId };
  },
  updates: [{ description: "api traffic" }, { hostName: "api.example.com" }, { path: "/v2", pathMatch: "exact" }],
  replacements: [{ listenerId: "listener-abcdefghij" }, { regionId: REGION_HUABEI2 }],
  drift: { patch: { description: "by hand" }, inputs: { description: "by hand" } },
});

describe("Listener and ListenerRule: specifics", () => {
  const bed = useProviderTestbed();

  it("names each listener rule before any call", async () => {
    const provider = await bed.provider("Listener");
    const base = { pulumiName: "l", loadBalancerId: "lb-abcdefghij", protocol: "HTTP", port: 80 };
    const cases: Array<[Props, Array<{ property: string; reason: string }>]> = [
      [{}, [{ property: "targetGroupId", reason: "set exactly one of targetGroupId (forward) and redirectListenerId (redirect)" }]],
      [{ targetGroupId: "tg-abcdefghij", redirectListenerId: "listener-abcdefghij" }, [{ property: "redirectListenerId", reason: "set exactly one of targetGroupId (forward) and redirectListenerId (redirect)" }]],
      [{ targetGroupId: "tg-abcdefghij", protocol: "HTTPS" }, [{ property: "certificateId", reason: "is required for an HTTPS listener (a server Certificate)" }]],
      [{ targetGroupId: "tg-abcdefghij", certificateId: "cert-abcdefghij" }, [{ property: "certificateId", reason: "applies only to HTTPS listeners, not HTTP" }]],
      [{ targetGroupId: "tg-abcdefghij", protocol: "TCP", forwardedFor: true }, [{ property: "forwardedFor", reason: "applies only to HTTP and HTTPS listeners, not TCP" }]],
      [{ targetGroupId: "tg-abcdefghij", port: 0 }, [{ property: "port", reason: "must be a port number from 1 to 65535" }]],
    ];
    for (const [inputs, failures] of cases) assert.deepEqual((await provider.check({}, { ...base, ...inputs })).failures, failures, JSON.stringify(inputs));
    const rules = await bed.provider("ListenerRule");
    const ruleBase = { pulumiName: "r", listenerId: "listener-abcdefghij", targetGroupId: "tg-abcdefghij" };
    const ruleCases: Array<[Props, Array<{ property: string; reason: string }>]> = [
      [{}, [{ property: "hostName", reason: "set hostName, path or both: a rule needs a condition" }]],
      [{ hostName: "bad_name.example.com" }, [{ property: "hostName", reason: "must be a domain name like www.example.com or *.example.com (letters, digits, '-' and '.'; no '_')" }]],
      [{ path: "api" }, [{ property: "path", reason: 'must start with / when pathMatch is "prefix"' }]],
      [{ path: "^/(a", pathMatch: "regex" }, [{ property: "path", reason: 'must be a valid regular expression when pathMatch is "regex"' }]],
      [{ hostName: "a.example.com", pathMatch: "exact" }, [{ property: "pathMatch", reason: "applies only with a path" }]],
    ];
    for (const [inputs, failures] of ruleCases) assert.deepEqual((await rules.check({}, { ...ruleBase, ...inputs })).failures, failures, JSON.stringify(inputs));
  });

  it("serves HTTPS with a certificate, redirects HTTP to it, and sends path conditions as the API documents", async () => {
    const { loadBalancerId, targetGroupId } = await balancer(bed);
    const cert = await bed.create("Certificate", { certificate: TEST_SERVER_CERTIFICATE, privateKey: TEST_SERVER_KEY });
    const https = await bed.create("Listener", { loadBalancerId, protocol: "HTTPS", port: 443, targetGroupId, certificateId: cert.id, forwardedFor: true });
    const http = await bed.create("Listener", { loadBalancerId, protocol: "HTTP", port: 80, redirectListenerId: https.id });
    const record = (await bed.emu.control.resource<Props>("elbListener", http.id))!.data;
    assert.deepEqual(record["defaultAction"], { type: "redirect", targetGroups: [], redirectListenerID: https.id });
    const rule = await bed.create("ListenerRule", { listenerId: https.id, hostName: "www.example.test", path: "^/img/.*\\.png$", pathMatch: "regex", targetGroupId });
    const ruleRecord = (await bed.emu.control.resource<Props>("elbRule", rule.id))!.data;
    assert.deepEqual(ruleRecord["conditions"], [
      { type: "server_name", serverName: "www.example.test", urlPaths: "", matchType: "" },
      { type: "url_path", serverName: "", urlPaths: "^/img/.*\\.png$", matchType: "REG" },
    ]);
    assert.equal(rule.outs["loadBalancerId"], loadBalancerId);
    const taken = bed.create("Listener", { loadBalancerId, protocol: "TCP", port: 443, targetGroupId: await createTargetGroup(bed.emu, (await bed.emu.control.resource<Props>("loadBalancer", loadBalancerId))!.data["vpcID"], { protocol: "TCP" }) });
    await assert.rejects(taken, {
      message: `port 443/tcp of load balancer ${loadBalancerId} is already used by listener ${https.id} (${https.inputs["name"]}, HTTPS), and not by this create: manage it with adoptId "${https.id}", or choose another port`,
    });
  });

  it("deletes a listener once the listener redirecting to it points elsewhere", async () => {
    const { loadBalancerId, targetGroupId } = await balancer(bed);
    const target = await bed.create("Listener", { loadBalancerId, protocol: "HTTP", port: 8080, targetGroupId });
    const redirecting = await createListener(bed.emu, loadBalancerId, targetGroupId, { protocol: "HTTP", protocolPort: 80, defaultAction: { type: "redirect", redirectListenerID: target.id } });
    let moved = false;
    bed.onSleep(async () => {
      if (!moved) await bed.emu.post("/v4/elb/update-listener", { regionID: target.inputs["regionId"], listenerID: redirecting, defaultAction: { type: "forward", forwardConfig: { targetGroups: [{ targetGroupID: targetGroupId }] } } });
      moved = true;
    });
    await (await bed.provider("Listener")).delete(target.id, target.outs);
    const deletes = (await bed.emu.control.requests()).filter((r) => r.operation === "DeleteListener").map((r) => r.statusCode);
    assert.deepEqual(deletes, [900, 800]);
  });
});
