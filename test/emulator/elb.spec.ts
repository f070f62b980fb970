/**
 * ELB load balancers in the emulator (api-notes/elb.md §2): the pgelb orders polled by replaying
 * the request (TF) or by query-uuid, the answers' shapes, the subnet address, the EIP binding, and
 * the refusals (listeners left, delete protection, another order running, unknown ids).
 */
import assert from "node:assert/strict";
import { UNKNOWN_CODE_SITUATIONS } from "../../emulator/unknown-codes";
import { REGION_HUADONG1 as R, useEmulator } from "../helpers/emulator";
import { createNetwork } from "./fixtures/ecs";
import { finishOrder, ok, pollOrder } from "./fixtures/ebs";
import { createListener, createLoadBalancer, createTargetGroup, get, newEip, pgelbBody, post } from "./fixtures/elb";

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const NOT_FOUND = UNKNOWN_CODE_SITUATIONS["elb-not-found"] as readonly string[];
const IN_USE = UNKNOWN_CODE_SITUATIONS["elb-in-use"] as readonly string[];

describe("emulator: ELB load balancers (pgelb)", () => {
  const emu = useEmulator({ transport: "in-process" });

  it("creates through an order polled by replaying create-pgelb: in_progress, then started with the elbID", async () => {
    const net = await createNetwork(emu, "10.10.0.0/16", "10.10.1.0/24");
    const request = pgelbBody(net.subnetID, { name: "lb-web", description: "front door" });
    const first = ok(await post(emu, "/v4/elb/create-pgelb", request));
    assert.deepEqual(Object.keys(first).sort(), ["elbID", "masterOrderID", "masterOrderNO", "masterResourceID", "masterResourceStatus", "regionID"]);
    assert.deepEqual([first.masterResourceStatus, first.elbID, first.regionID], ["in_progress", "", R]);
    assert.equal((await get(emu, "/v4/elb/list-loadbalancer", {})).returnObj.length, 0, "not visible while the order provisions");
    const replay = ok(await post(emu, "/v4/elb/create-pgelb", request));
    assert.deepEqual([replay.masterOrderID, replay.masterResourceStatus, replay.elbID], [first.masterOrderID, "in_progress", ""], "the first replay is the first poll");
    const started = ok(await post(emu, "/v4/elb/create-pgelb", request));
    assert.equal(started.masterResourceStatus, "started");
    assert.match(started.elbID, /^lb-[a-z0-9]{10}$/);
    assert.deepEqual((await pollOrder(emu, first.masterOrderID)).instanceIDList, [started.elbID], "query-uuid sees the same order");
    assert.equal((await emu.control.counts())["CreatePgelb"], 3, "one create and two replays");

    const shown = ok(await get(emu, "/v4/elb/show-loadbalancer", { elbID: started.elbID }));
    assert.ok(Array.isArray(shown) && shown.length === 1, "show answers an array of one");
    const lb = shown[0];
    assert.deepEqual(
      { ...lb, createdTime: RFC3339.test(lb.createdTime), updatedTime: RFC3339.test(lb.updatedTime), portID: /^port-/.test(lb.portID) },
      {
        regionID: R, azName: "", projectID: "0", ID: started.elbID, name: "lb-web", description: "front door", vpcID: net.vpcID, subnetID: net.subnetID,
        portID: true, privateIpAddress: "10.10.1.2", ipv6Address: "", slaName: "elb.s2.small", eipInfo: [], deleteProtection: false,
        adminStatus: "ACTIVE", status: "ACTIVE", resourceType: "internal", createdTime: true, updatedTime: true,
      },
    );
    assert.deepEqual(ok(await get(emu, "/v4/elb/show-loadbalancer", { ID: started.elbID }))[0].ID, started.elbID, "the deprecated ID parameter works too");
  });

  it("takes the lowest free subnet address (or the one asked for), counts it as taken, and blocks the subnet's deletion", async () => {
    const net = await createNetwork(emu, "10.11.0.0/16", "10.11.1.0/28");
    const a = await createLoadBalancer(emu, net.subnetID);
    const b = await createLoadBalancer(emu, net.subnetID, { privateIpAddress: "10.11.1.9" });
    const addresses = ok(await get(emu, "/v4/elb/list-loadbalancer", { subnetID: net.subnetID })).map((lb: { ID: string; privateIpAddress: string }) => [lb.ID, lb.privateIpAddress]);
    assert.deepEqual(addresses.sort(), [[a, "10.11.1.2"], [b, "10.11.1.9"]].sort());
    const subnet = ok(await get(emu, "/v4/vpc/query-subnet", { subnetID: net.subnetID }));
    assert.equal(subnet.availableIpCount, 11 - 2, "a /28 assigns .2-.12; two are the LBs'");
    const taken = await post(emu, "/v4/elb/create-pgelb", pgelbBody(net.subnetID, { privateIpAddress: "10.11.1.9" }));
    assert.deepEqual([taken.statusCode, taken.message], [900, "privateIpAddress 10.11.1.9 is already in use in subnet " + net.subnetID]);
    const outside = await post(emu, "/v4/elb/create-pgelb", pgelbBody(net.subnetID, { privateIpAddress: "10.11.1.14" }));
    assert.match(outside.message, /^privateIpAddress 10\.11\.1\.14 is not an assignable address of subnet /);
    const refused = await post(emu, "/v4/vpc/delete-subnet", { subnetID: net.subnetID });
    assert.equal(refused.statusCode, 900);
    assert.match(refused.message, new RegExp(`^subnet ${net.subnetID} is in use by load balancers: `));
  });

  it("binds an external LB's EIP (LOADBALANCER) and unbinds it when the refund completes", async () => {
    const net = await createNetwork(emu, "10.12.0.0/16", "10.12.1.0/24");
    const eipID = await newEip(emu);
    const missing = await post(emu, "/v4/elb/create-pgelb", pgelbBody(net.subnetID, { resourceType: "external" }));
    assert.deepEqual([missing.statusCode, missing.errorCode, missing.message], [900, "Openapi.Parameter.Invalid", "eipID is required when resourceType is external"]);
    const lbID = await createLoadBalancer(emu, net.subnetID, { resourceType: "external", eipID });
    const eip = ok(await get(emu, "/v4/eip/show", { eipID }));
    assert.deepEqual([eip.status, eip.associationType, eip.associationID, eip.privateIpAddress], ["ACTIVE", "LOADBALANCER", lbID, "10.12.1.2"]);
    const lb = ok(await get(emu, "/v4/elb/show-loadbalancer", { elbID: lbID }))[0];
    assert.deepEqual(lb.eipInfo, [{ resourceID: eip.resourceID, eipID, bandwidth: 2, isTalkOrder: true }]);
    const again = await post(emu, "/v4/elb/create-pgelb", pgelbBody(net.subnetID, { resourceType: "external", eipID }));
    assert.ok(again.statusCode === 900 && (UNKNOWN_CODE_SITUATIONS["eip-bound"] as readonly string[]).includes(again.errorCode), JSON.stringify(again));
    const eipDelete = await post(emu, "/v4/eip/delete", { clientToken: "del-bound", eipID });
    assert.equal(eipDelete.message, `eip ${eipID} is associated with load balancer ${lbID}; disassociate it first`);

    const refundBody = { clientToken: "refund-1", elbID: lbID };
    const refund = ok(await post(emu, "/v4/elb/refund-pgelb", refundBody));
    assert.deepEqual(Object.keys(refund).sort(), ["masterOrderID", "masterOrderNO", "masterResourceStatus", "regionID"]);
    assert.equal(refund.masterResourceStatus, "in_progress");
    assert.equal(ok(await post(emu, "/v4/elb/refund-pgelb", refundBody)).masterResourceStatus, "in_progress");
    assert.equal(ok(await post(emu, "/v4/elb/refund-pgelb", refundBody)).masterResourceStatus, "refunded");
    assert.equal(ok(await post(emu, "/v4/elb/refund-pgelb", refundBody)).masterResourceStatus, "refunded", "replays after the LB is gone still answer");
    const gone = await get(emu, "/v4/elb/show-loadbalancer", { elbID: lbID });
    assert.ok(NOT_FOUND.includes(gone.errorCode), gone.errorCode);
    assert.deepEqual([gone.statusCode, gone.message, gone.description], [900, `load balancer ${lbID} not found`, `负载均衡 ${lbID} 不存在`]);
    const freed = ok(await get(emu, "/v4/eip/show", { eipID }));
    assert.deepEqual([freed.status, freed.associationType, freed.associationID], ["DOWN", "", ""]);
  });

  it("changes the spec through an order that a show-loadbalancer poll observes (TF polls show until slaName changes)", async () => {
    const net = await createNetwork(emu, "10.13.0.0/16", "10.13.1.0/24");
    const lbID = await createLoadBalancer(emu, net.subnetID);
    const placed = ok(await post(emu, "/v4/elb/modify-pgelb-spec", { clientToken: "spec-1", elbID: lbID, slaName: "elb.s3.large" }));
    assert.deepEqual([placed.masterResourceStatus, placed.elbID], ["in_progress", lbID]);
    const busy = await post(emu, "/v4/elb/refund-pgelb", { clientToken: "refund-busy", elbID: lbID });
    assert.deepEqual([busy.errorCode, busy.returnObj], ["Openapi.Order.Inprogress", { masterOrderID: placed.masterOrderID }]);
    const slas: string[] = [];
    for (let i = 0; i < 2; i++) slas.push(ok(await get(emu, "/v4/elb/show-loadbalancer", { elbID: lbID }))[0].slaName);
    assert.deepEqual(slas, ["elb.s2.small", "elb.s3.large"]);
    const same = await post(emu, "/v4/elb/modify-pgelb-spec", { clientToken: "spec-2", elbID: lbID, slaName: "elb.s3.large" });
    assert.equal(same.message, `load balancer ${lbID} already has spec elb.s3.large`);
    const free = await post(emu, "/v4/elb/modify-pgelb-spec", { clientToken: "spec-3", elbID: lbID, slaName: "elb.default" });
    assert.match(free.message, /^slaName: must be one of elb\.s2\.small, /);
  });

  it("renames, describes and protects in place; refuses a refund while protected or while listeners remain", async () => {
    const net = await createNetwork(emu, "10.14.0.0/16", "10.14.1.0/24");
    const lbID = await createLoadBalancer(emu, net.subnetID, { name: "lb-old" });
    assert.deepEqual(ok(await post(emu, "/v4/elb/update-loadbalancer", { elbID: lbID, name: "lb-new", description: "d", deleteProtection: true })), { ID: lbID });
    const lb = ok(await get(emu, "/v4/elb/show-loadbalancer", { elbID: lbID }))[0];
    assert.deepEqual([lb.name, lb.description, lb.deleteProtection], ["lb-new", "d", true]);
    const protectedRefund = await post(emu, "/v4/elb/refund-pgelb", { clientToken: "r-protected", elbID: lbID });
    assert.ok(IN_USE.includes(protectedRefund.errorCode));
    assert.equal(protectedRefund.message, `load balancer ${lbID} is in use by its delete protection (turn deleteProtection off first)`);
    ok(await post(emu, "/v4/elb/update-loadbalancer", { elbID: lbID, deleteProtection: false }));
    const tg = await createTargetGroup(emu, net.vpcID);
    const listener = await createListener(emu, lbID, tg);
    const withListener = await post(emu, "/v4/elb/refund-pgelb", { clientToken: "r-listener", elbID: lbID });
    assert.equal(withListener.message, `load balancer ${lbID} is in use by listeners: ${listener}`);
    const other = await createLoadBalancer(emu, net.subnetID, { name: "lb-taken" });
    const clash = await post(emu, "/v4/elb/update-loadbalancer", { elbID: lbID, name: "lb-taken" });
    assert.equal(clash.message, `load balancer name lb-taken is already used by load balancer ${other}`);
  });

  it("fails a create order whose subnet went away while it provisioned, and names an unknown subnet at once", async () => {
    const net = await createNetwork(emu, "10.15.0.0/16", "10.15.1.0/24");
    const unknown = await post(emu, "/v4/elb/create-pgelb", pgelbBody("subnet-0000000000"));
    assert.deepEqual([unknown.errorCode, unknown.message], ["Openapi.Subnet.NotFound", "subnet subnet-0000000000 not found"]);
    const wrongVpc = await post(emu, "/v4/elb/create-pgelb", pgelbBody(net.subnetID, { vpcID: (await createNetwork(emu, "10.16.0.0/16", "10.16.1.0/24")).vpcID }));
    assert.match(wrongVpc.message, new RegExp(`^subnet ${net.subnetID} is not in vpc `));
    const placed = ok(await post(emu, "/v4/elb/create-pgelb", pgelbBody(net.subnetID)));
    emu.app.context.store.collection("subnet").delete(R, net.subnetID);
    assert.equal((await finishOrder(emu, placed.masterOrderID)).orderStatus, "5");
  });
});
