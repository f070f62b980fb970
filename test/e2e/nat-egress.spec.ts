/**
 * The NAT gateway, SNAT/DNAT, route table and shared bandwidth resources with the real engine
 * against the emulator: preview, up (checked in the emulator's own records: the subnet on the private
 * table, its route to the gateway, the SNAT source, the package's members), a preview and a refresh
 * that find nothing to change, the gateway's spec and the package's bandwidth changed in place (same
 * ids, no replacement), the private subnet replaced delete-first (an overlapping range) taking its
 * SNAT rule and association with it, and a destroy whose dependency order (rules and associations
 * before gateways and tables, attachments before packages and EIPs) leaves nothing behind.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { changes, describeE2E, timed } from "./harness";

const FIXTURE = join(__dirname, "fixtures", "nat-egress");

describeE2E("NAT egress, routes and shared bandwidth", (e2e) => {
  const suite = "nat-egress";

  it("builds, finds no drift, resizes the gateway and the package in place, replaces the SNAT source subnet, and destroys everything", async () => {
    const stack = await e2e().programStack("ctyun-e2e-nat-egress", FIXTURE, "dev");
    const preview = await timed(suite, "preview", () => stack.preview());
    assert.deepEqual(preview.changeSummary, { create: 15 }, "the stack and its 14 resources");
    await timed(suite, "up", () => stack.up());

    const out = await stack.outputs();
    const value = (name: string): unknown => out[name]?.value;
    const natGatewayId = String(value("natGatewayId"));
    const privateRouteTableId = String(value("privateRouteTableId"));
    const bandwidthId = String(value("bandwidthId"));
    assert.match(natGatewayId, /^natgw-[a-z0-9]{10}$/);
    assert.match(privateRouteTableId, /^rtb-[a-z0-9]{10}$/);
    assert.match(bandwidthId, /^bandwidth-[a-z0-9]{10}$/);
    assert.deepEqual([value("natSpec"), value("sharedMbps"), value("foundNatIds")], ["small", 20, [natGatewayId]]);
    assert.match(String(value("sshAddress")), /^\d+\.\d+\.\d+\.\d+$/);
    assert.match(String(value("defaultRouteTableId")), /^rtb-[a-z0-9]{10}$/);
    assert.notEqual(value("defaultRouteTableId"), privateRouteTableId);
    const memberEipIds = (value("memberEipIds") as string[]).slice().sort();
    assert.equal(memberEipIds.length, 2);

    const made = await e2e().resources();
    const data = (kind: string) => (made[kind] ?? []).map((r) => r.data);
    const [subnet] = data("subnet");
    assert.equal(subnet?.["routeTableID"], privateRouteTableId, "the private subnet moved to the private table");
    const userRoutes = data("routeRule").filter((r) => r["origin"] === "user");
    assert.deepEqual(
      userRoutes.map((r) => [r["routeTableID"], r["destination"], r["nextHopType"], r["nextHopID"]]),
      [[privateRouteTableId, "0.0.0.0/0", "natgw", natGatewayId]],
    );
    assert.equal(data("routeRule").length, 3, "the user route and the system routes of the default and the private table");
    const snat = data("snatRule");
    assert.deepEqual(snat.map((r) => [r["natGatewayID"], r["subnetID"], r["sourceCIDR"]]), [[natGatewayId, subnet?.["subnetID"], "10.60.1.0/24"]]);
    assert.deepEqual([data("dnatRule").length, data("natGateway").length, data("eip").length], [1, 1, 3]);
    assert.deepEqual(data("bandwidth").map((b) => [b["id"], b["bandwidth"], (b["eipIDs"] as string[]).slice().sort()]), [[bandwidthId, 20, memberEipIds]]);

    const quiet = await timed(suite, "preview (no change)", () => stack.preview());
    assert.deepEqual(quiet.changeSummary, { same: 15 }, "a second preview plans nothing");
    const refresh = await timed(suite, "refresh", () => stack.refresh());
    assert.deepEqual(changes(refresh.summary), { same: 15 }, "refresh finds what up made");

    await stack.setConfig("natSpec", { value: "medium" });
    await stack.setConfig("sharedMbps", { value: "50" });
    const resized = await timed(suite, "up (spec, bandwidth)", () => stack.up());
    assert.deepEqual(changes(resized.summary), { same: 13, update: 2 }, "both changed in place, nothing replaced");
    const after = await stack.outputs();
    assert.deepEqual([after["natGatewayId"]?.value, after["natSpec"]?.value, after["bandwidthId"]?.value, after["sharedMbps"]?.value], [natGatewayId, "medium", bandwidthId, 50]);
    const resizedRecords = await e2e().resources();
    assert.equal(resizedRecords["natGateway"]?.[0]?.data["spec"], 2);
    assert.equal(resizedRecords["bandwidth"]?.[0]?.data["bandwidth"], 50);

    // An overlapping range in the same VPC: the subnet is replaced delete-first, and the SNAT rule and
    // the association, which hold it, are replaced with it (deleted before it, made again after).
    const oldSubnetId = String(after["privateSubnetId"]?.value);
    await stack.setConfig("privateCidr", { value: "10.60.1.0/25" });
    const moved = await timed(suite, "up (subnet replaced delete-first)", () => stack.up());
    assert.deepEqual(changes(moved.summary), { same: 12, replace: 3 }, "subnet, SNAT rule and association");
    const newSubnetId = String((await stack.outputs())["privateSubnetId"]?.value);
    assert.notEqual(newSubnetId, oldSubnetId);
    const replaced = await e2e().resources();
    assert.deepEqual(replaced["subnet"]?.map((r) => [r.data["subnetID"], r.data["CIDR"], r.data["routeTableID"]]), [[newSubnetId, "10.60.1.0/25", privateRouteTableId]]);
    assert.deepEqual(replaced["snatRule"]?.map((r) => [r.data["subnetID"], r.data["sourceCIDR"]]), [[newSubnetId, "10.60.1.0/25"]]);

    await timed(suite, "destroy", () => stack.destroy());
    assert.deepEqual(await e2e().resources(), {}, "nothing left, default route tables included");
  });
});
