/**
 * ELB target groups, targets, health checks and certificates in the emulator (api-notes/elb.md
 * §4–§7): stickiness rules, VMs of the group's VPC only, one target per VM and port, health computed
 * deterministically, the health-check answer shapes (codes as one space-joined string), certificate
 * checks, and the backend API another service (auto scaling) uses to add and remove targets.
 */
import assert from "node:assert/strict";
import { UNKNOWN_CODE_SITUATIONS } from "../../emulator/unknown-codes";
import { TEST_CA_CERTIFICATE, TEST_OTHER_KEY, TEST_SERVER_CERTIFICATE, TEST_SERVER_KEY } from "../fixtures/elb-certificates";
import { REGION_HUADONG1 as R, useEmulator } from "../helpers/emulator";
import { createInstance, createNetwork, power } from "./fixtures/ecs";
import { ok } from "./fixtures/ebs";
import { createHealthCheck, createTarget, createTargetGroup, get, post } from "./fixtures/elb";

const CONFLICT = UNKNOWN_CODE_SITUATIONS["elb-conflict"] as readonly string[];
const NAME_TAKEN = UNKNOWN_CODE_SITUATIONS["elb-name-taken"] as readonly string[];

describe("emulator: ELB target groups, targets, health checks, certificates", () => {
  const emu = useEmulator({ transport: "in-process" });

  it("creates health checks with the documented defaults and answers the codes as one space-joined string", async () => {
    const http = await createHealthCheck(emu, { name: "hc-web", httpExpectedCodes: ["http_2xx", "http_3xx"], httpUrlPath: "/healthz" });
    const shown = ok(await get(emu, "/v4/elb/show-health-check", { healthCheckID: http }));
    assert.deepEqual(
      [shown.protocol, shown.timeout, shown.interval, shown.integererval, shown.maxRetry, shown.httpMethod, shown.httpUrlPath, shown.httpExpectedCodes, shown.status],
      ["HTTP", 2, 5, 5, 2, "GET", "/healthz", "http_2xx http_3xx", 1],
    );
    assert.equal(ok(await get(emu, "/v4/elb/show-health-check", { id: http })).ID, http, "the deprecated lower-case id parameter");
    const tcp = await createHealthCheck(emu, { name: "hc-tcp", protocol: "TCP", httpExpectedCodes: null, httpUrlPath: "/ignored", protocolPort: 22 });
    const tcpShown = ok(await get(emu, "/v4/elb/show-health-check", { healthCheckID: tcp }));
    assert.deepEqual([tcpShown.httpMethod, tcpShown.httpUrlPath, tcpShown.httpExpectedCodes, tcpShown.protocolPort], ["", "", "", 22]);
    ok(await post(emu, "/v4/elb/update-health-check", { healthCheckID: http, timeout: 10, httpExpectedCodes: ["http_4xx"] }));
    const updated = ok(await get(emu, "/v4/elb/list-health-check", { IDs: http }))[0];
    assert.deepEqual([updated.timeout, updated.httpExpectedCodes], [10, "http_4xx"]);
    const range = await post(emu, "/v4/elb/create-health-check", { clientToken: "hc-bad", name: "hc-bad", protocol: "HTTP", timeout: 61 });
    assert.equal(range.message, "timeout must be an integer from 2 to 60");
    const dup = await post(emu, "/v4/elb/create-health-check", { clientToken: "hc-dup", name: "hc-web", protocol: "TCP" });
    assert.ok(NAME_TAKEN.includes(dup.errorCode));
    assert.equal(dup.message, `health check name hc-web is already used by health check ${http}`);
  });

  it("enforces stickiness and proxy-protocol rules, and keeps a health check a group names", async () => {
    const net = await createNetwork(emu, "10.30.0.0/16", "10.30.1.0/24");
    const hc = await createHealthCheck(emu);
    const tg = await createTargetGroup(emu, net.vpcID, { healthCheckID: hc, sessionSticky: { sessionStickyMode: "INSERT", cookieExpire: 600 } });
    const [shown] = ok(await get(emu, "/v4/elb/show-target-group", { targetGroupID: tg }));
    assert.deepEqual(
      [shown.vpcID, shown.healthCheckID, shown.algorithm, shown.sessionSticky, shown.proxyProtocol, shown.protocol],
      [net.vpcID, hc, "wrr", { sessionStickyMode: "INSERT", cookieExpire: 600, rewriteCookieName: "", sourceIpTimeout: 0 }, 0, "HTTP"],
    );
    const lc = await post(emu, "/v4/elb/create-target-group", { clientToken: "tg-lc", name: "tg-lc", vpcID: net.vpcID, algorithm: "lc", sessionSticky: { sessionStickyMode: "INSERT", cookieExpire: 60 } });
    assert.equal(lc.message, "sessionStickyMode must be CLOSE when algorithm is lc");
    const cookieOnTcp = await post(emu, "/v4/elb/create-target-group", { clientToken: "tg-t", name: "tg-t", vpcID: net.vpcID, protocol: "TCP", algorithm: "wrr", sessionSticky: { sessionStickyMode: "REWRITE", rewriteCookieName: "s" } });
    assert.equal(cookieOnTcp.message, "sessionStickyMode REWRITE (cookies) needs an HTTP or HTTPS target group, not TCP");
    const proxy = await post(emu, "/v4/elb/create-target-group", { clientToken: "tg-p", name: "tg-p", vpcID: net.vpcID, protocol: "UDP", algorithm: "rr", proxyProtocol: 1 });
    assert.equal(proxy.message, "proxyProtocol applies only to TCP target groups, not UDP");
    const held = await post(emu, "/v4/elb/delete-health-check", { clientToken: "hc-d", healthCheckID: hc });
    assert.equal(held.message, `health check ${hc} is in use by target groups: ${tg}`);
    ok(await post(emu, "/v4/elb/update-target-group", { targetGroupID: tg, healthCheckID: "", algorithm: "sh", sessionSticky: { sessionStickyMode: "CLOSE" } }));
    assert.deepEqual(ok(await post(emu, "/v4/elb/delete-health-check", { clientToken: "hc-d2", healthCheckID: hc })), { ID: hc });
    const bare = ok(await post(emu, "/v4/vpc/create", { name: "vpc-tg-only", CIDR: "10.39.0.0/16" })).vpcID;
    const lone = await createTargetGroup(emu, bare);
    const refused = await post(emu, "/v4/vpc/delete", { vpcID: bare });
    assert.equal(refused.message, `vpc ${bare} still has load balancer target groups: ${lone}`);
  });

  it("adds VMs of the group's VPC once per port, computes their health, and drops them when the VM goes", async () => {
    const net = await createNetwork(emu, "10.31.0.0/16", "10.31.1.0/24");
    const vm = await createInstance(emu, net);
    const tg = await createTargetGroup(emu, net.vpcID);
    const target = await createTarget(emu, tg, vm, { weight: 50 });
    const shown = ok(await get(emu, "/v4/elb/show-target", { targetID: target }));
    assert.ok(!Array.isArray(shown), "show-target answers an object");
    assert.deepEqual([shown.instanceID, shown.instanceIP, shown.protocolPort, shown.weight, shown.healthCheckStatus], [vm, "10.31.1.2", 8080, 50, "unknown"]);
    const dup = await post(emu, "/v4/elb/create-target", { clientToken: "t-dup", targetGroupID: tg, instanceType: "VM", instanceID: vm, protocolPort: 8080 });
    assert.ok(CONFLICT.includes(dup.errorCode));
    assert.equal(dup.message, `instance ${vm} port 8080 is already target ${target} of target group ${tg}`);
    const other = await createNetwork(emu, "10.32.0.0/16", "10.32.1.0/24");
    const outsider = await createInstance(emu, other);
    const foreign = await post(emu, "/v4/elb/create-target", { clientToken: "t-f", targetGroupID: tg, instanceType: "VM", instanceID: outsider, protocolPort: 80 });
    assert.equal(foreign.message, `instance ${outsider} is in vpc ${other.vpcID}, not in vpc ${net.vpcID} of target group ${tg}`);
    const ip = await post(emu, "/v4/elb/create-target", { clientToken: "t-ip", targetGroupID: tg, instanceType: "IP", instanceID: "port-x", protocolPort: 80 });
    assert.equal(ip.message, "instanceType IP is not emulated (only VM)");

    const hc = await createHealthCheck(emu);
    ok(await post(emu, "/v4/elb/update-target-group", { targetGroupID: tg, healthCheckID: hc }));
    assert.equal(ok(await get(emu, "/v4/elb/list-target", { targetGroupID: tg }))[0].healthCheckStatus, "online");
    assert.equal(await power(emu, "stop", vm), "stopped");
    assert.equal(ok(await get(emu, "/v4/elb/show-target", { targetID: target })).healthCheckStatus, "offline");
    assert.deepEqual(ok(await post(emu, "/v4/elb/update-target", { targetID: target, weight: 7, protocolPort: 8081 })), [{ ID: target }]);
    assert.deepEqual(ok(await get(emu, "/v4/elb/show-target", { targetID: target })).weight, 7);

    const refund = ok(await post(emu, "/v4/ecs/unsubscribe-instance", { clientToken: "unsub-1", instanceID: vm }));
    for (let i = 0; i < 3; i++) await get(emu, "/v4/ecs/order/query-uuid", { masterOrderID: refund.masterOrderID });
    assert.deepEqual(ok(await get(emu, "/v4/elb/list-target", { targetGroupID: tg })), [], "the VM left its target group");
  });

  it("lets another service add and remove targets through ctx.backend('elb') under the same rules", async () => {
    const net = await createNetwork(emu, "10.33.0.0/16", "10.33.1.0/24");
    const vm = await createInstance(emu, net);
    const tg = await createTargetGroup(emu, net.vpcID);
    const elb = emu.app.context.backend("elb");
    const target = elb.addTarget(R, { targetGroupID: tg, instanceID: vm, protocolPort: 80 });
    assert.deepEqual([target.weight, target.instanceIP], [100, "10.33.1.2"]);
    assert.throws(() => elb.addTarget(R, { targetGroupID: tg, instanceID: vm, protocolPort: 80 }), (error: Error) => error.message.startsWith(`instance ${vm} port 80 is already target`));
    assert.deepEqual(elb.targetsOf(R, tg).map((t) => [t.ID, t.healthCheckStatus]), [[target.ID, "unknown"]]);
    assert.equal(ok(await get(emu, "/v4/elb/show-target", { targetID: target.ID })).instanceID, vm, "visible through the API");
    assert.deepEqual([elb.removeTarget(R, target.ID), elb.removeTarget(R, target.ID)], [true, false]);
    assert.deepEqual(elb.targetsOf(R, tg), []);
  });

  it("checks certificates (PEM, key matches) and keeps the private key only in its own answers", async () => {
    assert.deepEqual(ok(await post(emu, "/v4/elb/check-certificate", { certificate: TEST_SERVER_CERTIFICATE, privateKey: TEST_SERVER_KEY })), { isValid: true });
    assert.deepEqual(ok(await post(emu, "/v4/elb/check-certificate", { certificate: TEST_SERVER_CERTIFICATE, privateKey: TEST_OTHER_KEY })), { isValid: false });
    assert.deepEqual(ok(await post(emu, "/v4/elb/check-ca-cert", { certificate: TEST_CA_CERTIFICATE })), { isValid: true });
    assert.deepEqual(ok(await post(emu, "/v4/elb/check-ca-cert", { certificate: TEST_SERVER_CERTIFICATE })), { isValid: false }, "a leaf certificate is no CA");
    const mismatch = await post(emu, "/v4/elb/create-certificate", { clientToken: "c-1", name: "cert-bad", type: "Server", certificate: TEST_SERVER_CERTIFICATE, privateKey: TEST_OTHER_KEY });
    assert.equal(mismatch.message, "privateKey does not belong to the certificate");
    assert.ok(!JSON.stringify(mismatch).includes("PRIVATE KEY"), "the refusal never echoes key material");
    const noKey = await post(emu, "/v4/elb/create-certificate", { clientToken: "c-2", name: "cert-bad", type: "Server", certificate: TEST_SERVER_CERTIFICATE });
    assert.equal(noKey.message, "privateKey is required for a Server certificate");
    const id = ok(await post(emu, "/v4/elb/create-certificate", { clientToken: "c-3", name: "cert-web", type: "Server", certificate: TEST_SERVER_CERTIFICATE, privateKey: TEST_SERVER_KEY })).ID;
    const shown = ok(await get(emu, "/v4/elb/show-certificate", { certificateID: id }));
    assert.deepEqual([shown.type, shown.status, shown.certificate, shown.privateKey], ["Server", "ACTIVE", TEST_SERVER_CERTIFICATE, TEST_SERVER_KEY]);
    assert.deepEqual(ok(await post(emu, "/v4/elb/update-certificate", { clientToken: "c-4", certificateID: id, description: "web" })), [{ ID: id }]);
    assert.deepEqual(ok(await get(emu, "/v4/elb/list-certificate", { type: "Server" })).map((c: { ID: string }) => c.ID), [id]);
    assert.deepEqual(ok(await get(emu, "/v4/elb/list-certificate", { type: "Ca" })), []);
  });
});
