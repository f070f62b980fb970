/** The load-balancing lookups against the emulator, as a program calls them (stack config, filters, single results). */
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import * as ctyun from "../../provider";
import { configureRuntime } from "../../provider/runtime";
import { DEMO_ACCESS_KEY, DEMO_SECRET_KEY } from "../../emulator/index";
import { TEST_CA_CERTIFICATE, TEST_SERVER_CERTIFICATE, TEST_SERVER_KEY } from "../fixtures/elb-certificates";
import { REGION_HUABEI2, REGION_HUADONG1, useEmulator } from "../helpers/emulator";
import { createNetwork } from "../emulator/fixtures/ecs";
import { createLoadBalancer, newEip, post } from "../emulator/fixtures/elb";

describe("lookups: load balancing", () => {
  const emu = useEmulator();
  const saved = process.env["PULUMI_CONFIG"];

  beforeEach(() => {
    configureRuntime({ deps: { now: () => emu.clock.now() } });
    pulumi.runtime.setAllConfig({ "ctyun:endpoint": emu.url, "ctyun:accessKey": DEMO_ACCESS_KEY, "ctyun:secretKey": DEMO_SECRET_KEY, "ctyun:regionId": REGION_HUADONG1 });
  });
  after(() => {
    if (saved === undefined) delete process.env["PULUMI_CONFIG"];
    else process.env["PULUMI_CONFIG"] = saved;
    configureRuntime(undefined);
  });

  it("finds load balancers by name, type, subnet, VPC and id, and names the candidates when several match", async () => {
    const a = await createNetwork(emu, "10.90.0.0/16", "10.90.1.0/24");
    const b = await createNetwork(emu, "10.91.0.0/16", "10.91.1.0/24");
    const internal = await createLoadBalancer(emu, a.subnetID, { name: "lb-app" });
    const eipID = await newEip(emu);
    const external = await createLoadBalancer(emu, b.subnetID, { name: "lb-web", resourceType: "external", eipID, slaName: "elb.s3.large" });
    const web = await ctyun.getLoadBalancer({ nameRegex: "^lb-web$" });
    assert.deepEqual(web, {
      loadBalancerId: external, name: "lb-web", type: "external", vpcId: b.vpcID, subnetId: b.subnetID, privateAddress: "10.91.1.2", eipId: eipID, spec: "elb.s3.large", status: "active",
    });
    assert.deepEqual((await ctyun.getLoadBalancers({ type: "internal" })).ids, [internal]);
    assert.deepEqual((await ctyun.getLoadBalancers({ subnetId: a.subnetID })).ids, [internal]);
    assert.deepEqual((await ctyun.getLoadBalancers({ vpcId: b.vpcID })).ids, [external]);
    assert.deepEqual((await ctyun.getLoadBalancers({ ids: [internal] })).ids, [internal]);
    assert.deepEqual((await ctyun.getLoadBalancers({ regionId: REGION_HUABEI2 })).loadBalancers, []);
    await assert.rejects(ctyun.getLoadBalancer({ nameRegex: "^lb-" }), { message: /^2 load balancers match name ~ \/\^lb-\/; narrow the filters to one of:\n  - lb-(app|web) \(lb-/ });
    await assert.rejects(ctyun.getLoadBalancer({ nameRegex: "^nope$" }), { message: "no load balancer matches name ~ /^nope$/" });
    const viaOutput = await new Promise((resolve) => ctyun.getLoadBalancerOutput({ nameRegex: pulumi.output("^lb-app$") }).apply(resolve));
    assert.equal((viaOutput as ctyun.LoadBalancerInfo).loadBalancerId, internal);
  });

  it("finds certificates by name and type, never with their private keys", async () => {
    const server = (await post(emu, "/v4/elb/create-certificate", { clientToken: "c1", name: "www", type: "Server", certificate: TEST_SERVER_CERTIFICATE, privateKey: TEST_SERVER_KEY })).returnObj.ID;
    const ca = (await post(emu, "/v4/elb/create-certificate", { clientToken: "c2", name: "clients-ca", type: "Ca", certificate: TEST_CA_CERTIFICATE })).returnObj.ID;
    const all = await ctyun.getCertificates();
    assert.deepEqual([...all.ids].sort(), [server, ca].sort());
    assert.equal(JSON.stringify(all).includes("PRIVATE KEY"), false);
    assert.deepEqual(await ctyun.getCertificate({ type: "ca" }), { certificateId: ca, name: "clients-ca", type: "ca", description: "", status: "active" });
    assert.equal((await ctyun.getCertificate({ nameRegex: "^www$" })).certificateId, server);
  });
});
