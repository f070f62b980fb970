/**
 * The lookups against the emulator, as a program calls them: settings from the stack config (and
 * CTYUN_* env), every page followed, API filters plus client-side name patterns, single-result
 * helpers that fail naming the candidates, and the `…Output` forms.
 */
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import * as ctyun from "../../provider";
import { configureRuntime } from "../../provider/runtime";
import { DEMO_ACCESS_KEY, DEMO_SECRET_KEY } from "../../emulator/index";
import { REGION_HUABEI2, REGION_HUADONG1, useEmulator } from "../helpers/emulator";
import { createNetwork, createInstance } from "../emulator/fixtures/ecs";
import { createDisk } from "../emulator/fixtures/ebs";

const AZ1 = "cn-huadong1-jsnj1A-public-ctcloud";

describe("lookups", () => {
  const emu = useEmulator();
  const saved = process.env["PULUMI_CONFIG"];

  beforeEach(() => {
    // The emulator's virtual clock for this process's calls (the program's lookups sign with it).
    configureRuntime({ deps: { now: () => emu.clock.now() } });
    pulumi.runtime.setAllConfig({ "ctyun:endpoint": emu.url, "ctyun:accessKey": DEMO_ACCESS_KEY, "ctyun:secretKey": DEMO_SECRET_KEY, "ctyun:regionId": REGION_HUADONG1 });
  });
  after(() => {
    if (saved === undefined) delete process.env["PULUMI_CONFIG"];
    else process.env["PULUMI_CONFIG"] = saved;
    configureRuntime(undefined);
  });

  async function post(path: string, body: Record<string, unknown>): Promise<Record<string, string>> {
    const envelope = (await emu.post(path, { regionID: REGION_HUADONG1, ...body })).envelope<Record<string, string>>();
    assert.equal(envelope.statusCode, 800, JSON.stringify(envelope));
    return envelope.returnObj;
  }

  it("lists regions with their zones, and a region's zones", async () => {
    const { regions, ids } = await ctyun.getRegions();
    assert.ok(regions.length >= 2);
    assert.ok(ids.includes(REGION_HUADONG1) && ids.includes(REGION_HUABEI2));
    const huadong = await ctyun.getRegion({ nameRegex: "^华东1$" });
    assert.deepEqual({ id: huadong.regionId, multi: huadong.isMultiZones, zones: huadong.zones.length }, { id: REGION_HUADONG1, multi: true, zones: 3 });
    const zones = await ctyun.getZones();
    assert.deepEqual(zones.names, huadong.zones);
    assert.equal((await ctyun.getZones({ regionId: REGION_HUABEI2 })).zones.length, 2);
  });

  it("finds a flavor by shape and names the candidates when several match", async () => {
    const flavor = await ctyun.getFlavor({ cpu: 2, memoryGb: 4, series: "s7" });
    assert.equal(flavor.name, "s7.large.2");
    assert.deepEqual([flavor.cpu, flavor.memoryGb, flavor.available], [2, 4, true]);
    const byPattern = await ctyun.getFlavors({ nameRegex: "^m7\\.", azName: AZ1 });
    assert.ok(byPattern.flavors.every((f) => f.name.startsWith("m7.") && f.available));
    assert.ok(!byPattern.flavors.some((f) => f.name === "m7.4xlarge.8"), "sold out flavors are left out by default");
    await assert.rejects(ctyun.getFlavor({ cpu: 2 }), (error: Error) => {
      assert.match(error.message, /^\d+ flavors match cpu 2; narrow the filters to one of:\n  - c7\.large\.2 \(2 vCPU, 4 GB, [0-9a-f-]{36}\)/);
      assert.ok(error.message.split("\n  - ").length - 1 <= 5, "at most five candidates");
      return true;
    });
    await assert.rejects(ctyun.getFlavor({ cpu: 3 }), { message: "no flavor matches cpu 3" });
  });

  it("finds an image by name, OS type and visibility", async () => {
    const ubuntu = await ctyun.getImage({ nameRegex: "^Ubuntu Server 22\\.04" });
    assert.deepEqual([ubuntu.osType, ubuntu.architecture, ubuntu.visibility], ["linux", "x86_64", "public"]);
    const windows = await ctyun.getImages({ osType: "windows" });
    assert.deepEqual(windows.images.map((i) => i.name), ["Windows Server 2019 数据中心版 64位中文版"]);
    assert.deepEqual((await ctyun.getImages({ visibility: "private" })).images, []);
    await assert.rejects(ctyun.getImage({ nameRegex: "^Ubuntu" }), {
      message: /^2 images match name ~ \/\^Ubuntu\/; narrow the filters to one of:\n  - Ubuntu Server 20\.04 64位 \([0-9a-f-]{36}\)\n  - Ubuntu Server 22\.04 64位 \([0-9a-f-]{36}\)$/,
    });
    await assert.rejects(ctyun.getImage({ nameRegex: "(" }), /nameRegex "\(" is not a valid regular expression/);
  });

  it("follows every page of a long list (55 security groups: two pages of 50)", async () => {
    const vpcID = (await post("/v4/vpc/create", { name: "vpc-paging", CIDR: "10.0.0.0/16" }))["vpcID"] as string;
    for (let i = 0; i < 55; i++) await post("/v4/vpc/create-security-group", { vpcID, name: `sg-page-${String(i).padStart(2, "0")}` });
    await emu.control.clearRequests();
    const { securityGroups } = await ctyun.getSecurityGroups({ vpcId: vpcID });
    assert.equal(securityGroups.length, 55);
    assert.equal((await emu.control.counts())["NewQuerySecurityGroups"], 2);
    assert.equal((await ctyun.getSecurityGroups({ nameRegex: "-5\\d$" })).securityGroups.length, 5);
    const one = await ctyun.getSecurityGroup({ nameRegex: "^sg-page-07$" });
    assert.equal(one.vpcId, vpcID);
    const vpc = await ctyun.getVpc({ nameRegex: "^vpc-paging$" });
    assert.deepEqual([vpc.vpcId, vpc.cidr], [vpcID, "10.0.0.0/16"]);
    assert.deepEqual((await ctyun.getVpcs({ ids: [vpcID] })).ids, [vpcID]);
  });

  it("finds subnets (of one VPC or all), security groups, EIPs, VMs, disks and buckets made elsewhere", async () => {
    const net = await createNetwork(emu, "10.8.0.0/16", "10.8.1.0/24");
    const other = await createNetwork(emu, "10.9.0.0/16", "10.9.1.0/24");
    assert.deepEqual((await ctyun.getSubnets({ vpcId: net.vpcID })).ids, [net.subnetID]);
    assert.deepEqual([...(await ctyun.getSubnets()).ids].sort(), [net.subnetID, other.subnetID].sort());
    const subnet = await ctyun.getSubnet({ vpcId: net.vpcID });
    assert.deepEqual([subnet.cidr, subnet.gatewayIp], ["10.8.1.0/24", "10.8.1.1"]);
    const groups = await ctyun.getSecurityGroups({ vpcId: net.vpcID });
    assert.ok(groups.ids.includes(net.securityGroupID));
    const vm = await createInstance(emu, net);
    const found = await ctyun.getInstance({ status: "running" });
    assert.deepEqual([found.instanceId, found.subnetId, found.securityGroupIds], [vm, net.subnetID, [net.securityGroupID]]);
    const diskId = await createDisk(emu, { diskName: "data-lookup" });
    assert.equal((await ctyun.getDisk({ nameRegex: "^data-lookup$" })).diskId, diskId);
    assert.ok(!(await ctyun.getDisks()).disks.some((d) => d.isSystemVolume), "system disks are left out by default");
    assert.ok((await ctyun.getDisks({ includeSystemDisks: true })).disks.some((d) => d.isSystemVolume));
    await post("/v4/oss/create-bucket", { bucket: "lookup-bucket", ACL: "private", storageType: "STANDARD", AZPolicy: "single-az", isEncrypted: false, labels: [] });
    assert.deepEqual((await ctyun.getBuckets()).ids, ["lookup-bucket"]);
    assert.deepEqual((await ctyun.getBuckets({ regionId: REGION_HUABEI2 })).ids, []);
    assert.deepEqual((await ctyun.getBuckets({ regionId: REGION_HUABEI2, allRegions: true })).ids, ["lookup-bucket"]);
  });

  it("getBucketObjects lists a bucket's objects over every page, under a prefix and grouped by a delimiter", async () => {
    await post("/v4/oss/create-bucket", { bucket: "objects-bucket", ACL: "private", storageType: "STANDARD", AZPolicy: "single-az", isEncrypted: false, labels: [] });
    const objects = Array.from({ length: 1203 }, (_, i) => ({ key: `img/${String(i).padStart(4, "0")}.png`, size: i }));
    await emu.control.patchResource("bucket", "objects-bucket", { objects: [...objects, { key: "index.html", size: 5 }] });
    const all = await ctyun.getBucketObjects({ bucket: "objects-bucket", prefix: "img/" });
    assert.deepEqual([all.keys.length, all.keys[1202], all.objects[7]!.size], [1203, "img/1202.png", 7]);
    const top = await ctyun.getBucketObjects({ bucket: "objects-bucket", delimiter: "/" });
    assert.deepEqual([top.keys, top.commonPrefixes], [["index.html"], ["img/"]]);
    assert.equal((await ctyun.getBucketObjects({ bucket: "objects-bucket", maxKeys: 3 })).keys.length, 3);
  });

  it("finds EIPs by name, status and address", async () => {
    await emu.control.setTiming("order", { mode: "immediate" });
    await post("/v4/eip/create", { clientToken: "lookup-eip", name: "eip-lookup", bandwidth: 5, cycleType: "on_demand", demandBillingType: "bandwidth" });
    const eip = await ctyun.getEip({ nameRegex: "^eip-lookup$" });
    assert.deepEqual([eip.status, eip.bandwidth], ["down", 5]);
    assert.equal((await ctyun.getEip({ address: eip.address })).eipId, eip.eipId);
    assert.deepEqual((await ctyun.getEips({ status: "active" })).eips, []);
  });

  it("takes pulumi.Inputs in the …Output forms", async () => {
    const regex = pulumi.output("^s7\\.large\\.2$");
    const flavor = await new Promise<ctyun.FlavorInfo>((resolve) => ctyun.getFlavorOutput({ nameRegex: regex }).apply(resolve));
    assert.equal(flavor.name, "s7.large.2");
  });

  it("names the way to set a missing region", async () => {
    pulumi.runtime.setAllConfig({ "ctyun:endpoint": emu.url, "ctyun:accessKey": DEMO_ACCESS_KEY, "ctyun:secretKey": DEMO_SECRET_KEY });
    const saved = process.env["CTYUN_REGION_ID"];
    delete process.env["CTYUN_REGION_ID"];
    try {
      await assert.rejects(ctyun.getZones(), {
        message: "getZones: no region: pass regionId, or set the stack default (pulumi config set ctyun:regionId <regionID>) or CTYUN_REGION_ID",
      });
    } finally {
      if (saved !== undefined) process.env["CTYUN_REGION_ID"] = saved;
    }
  });

  it("waits out throttling longer than four attempts, and gives up at the 5m lookup timeout naming it", async () => {
    // Found by the engine-level fault matrix: lookups retried four times, so a 30% throttled cloud
    // failed a preview's flavor lookup. Now each lookup retries until its own deadline.
    configureRuntime({ deps: { now: () => emu.clock.now(), sleep: async (ms: number) => emu.clock.advance(ms) } });
    await emu.control.addFault({ path: "/v4/ecs/flavor/list", kind: "throttle", times: 8, retryAfterSeconds: 2 });
    assert.equal((await ctyun.getFlavor({ cpu: 2, memoryGb: 4, series: "s7" })).name, "s7.large.2");
    assert.equal((await emu.control.counts())["ListFlavors"], 9, "eight throttled attempts and the one that went through");
    await emu.control.addFault({ path: "/v4/image/list", kind: "throttle", retryAfterSeconds: 5 });
    const started = emu.clock.now();
    await assert.rejects(ctyun.getImage({ nameRegex: "^Ubuntu Server 22" }), /ListImages failed: HTTP 429 Openapi\.Throttling: .*gave up: the 5m lookup timeout ran out\)$/);
    assert.ok(emu.clock.now() - started >= 5 * 60_000 - 10_000, "it kept trying for about five minutes");
  });
});
