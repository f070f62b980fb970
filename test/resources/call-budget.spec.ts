/**
 * The API calls the quickstart's resources make, per resource type and phase, against the
 * emulator's realistic timing on the virtual clock. Polls (reads of an order, job or status change
 * still in flight, as the emulator's request log marks them) are counted apart: the schedule bounds
 * them, not the resource. Exact counts: a new call anywhere shows up here, and must earn its place.
 *
 * Issue 17's targets: create ≤ 27 non-poll calls for the quickstart (CTyun's Terraform provider
 * makes 58 calls, 50 without its polls), refresh ≤ 1.5 calls per resource.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as ctyun from "../../provider";
import { configureRuntime } from "../../provider/runtime";
import { DEMO_ACCESS_KEY, DEMO_SECRET_KEY } from "../../emulator";
import { REGION_HUADONG1 } from "../helpers/emulator";
import { AZ_HUADONG1, useProviderTestbed, type Props } from "../helpers/providers";
import { terraformCalls } from "../../tools/bench/terraform-calls";

type Counts = Record<string, number>;
interface PhaseCounts {
  calls: Counts;
  polls: Counts;
}

const PUBLIC_KEY = readFileSync(join(__dirname, "..", "..", "examples", "quickstart", "demo-key.pub"), "utf8").trim();

describe("call budget: the quickstart's resources @emulator-only", () => {
  const bed = useProviderTestbed();
  after(() => configureRuntime(undefined));

  /** Runs `fn` and returns the calls it made: non-poll calls and polls, by operation. */
  async function counted(fn: () => Promise<unknown>): Promise<PhaseCounts> {
    await bed.emu.control.clearRequests();
    await fn();
    const calls: Counts = {};
    const polls: Counts = {};
    for (const request of await bed.emu.control.requests()) {
      const bag = request.poll ? polls : calls;
      const key = request.operation ?? "(unmatched)";
      bag[key] = (bag[key] ?? 0) + 1;
    }
    return { calls, polls };
  }

  const total = (counts: Counts): number => Object.values(counts).reduce((a, b) => a + b, 0);

  /** The quickstart's thirteen resources and two lookups: per resource name, per phase. */
  async function runQuickstart(): Promise<{ lookups: PhaseCounts; phases: Record<"create" | "read" | "delete", Record<string, PhaseCounts>>; kinds: Record<string, string> }> {
    await bed.emu.control.setProfile("realistic");
    pulumi.runtime.setAllConfig({ "ctyun:endpoint": bed.emu.url, "ctyun:accessKey": DEMO_ACCESS_KEY, "ctyun:secretKey": DEMO_SECRET_KEY, "ctyun:regionId": REGION_HUADONG1, "ctyun:azName": AZ_HUADONG1 });
    // The lookups run in this process (the program's), from the source tree: on the virtual clock too.
    configureRuntime({ deps: { now: () => bed.emu.clock.now() } });
    let flavorId = "";
    let imageId = "";
    const lookups = await counted(async () => {
      flavorId = (await ctyun.getFlavor({ series: "s7", cpu: 1, memoryGb: 2 })).flavorId;
      imageId = (await ctyun.getImage({ nameRegex: "^Ubuntu Server 22\\.04" })).imageId;
    });
    const phases: Record<"create" | "read" | "delete", Record<string, PhaseCounts>> = { create: {}, read: {}, delete: {} };
    const made: Array<[string, string, { id: string; outs: Props }]> = [];
    const create = async (kind: string, name: string, inputs: Props): Promise<{ id: string; outs: Props }> => {
      let result: { id: string; outs: Props } | undefined;
      phases.create[name] = await counted(async () => {
        result = await bed.create(kind, inputs, name);
      });
      made.push([kind, name, result!]);
      return result!;
    };
    const vpc = await create("Vpc", "quickstart-vpc", { cidr: "192.168.0.0/16", description: "q" });
    const publicSubnet = await create("Subnet", "public", { vpcId: vpc.id, cidr: "192.168.1.0/24", description: "q" });
    await create("Subnet", "private", { vpcId: vpc.id, cidr: "192.168.2.0/24", description: "q" });
    const sg = await create("SecurityGroup", "quickstart-sg", { vpcId: vpc.id, description: "q" });
    const rule = { securityGroupId: sg.id, direction: "ingress", action: "accept", protocol: "tcp", etherType: "ipv4" };
    await create("SecurityGroupRule", "ssh", { ...rule, range: "22", destCidrIp: "0.0.0.0/0" });
    await create("SecurityGroupRule", "http", { ...rule, range: "80", destCidrIp: "0.0.0.0/0" });
    const keyPair = await create("KeyPair", "quickstart-kp", { publicKey: PUBLIC_KEY });
    const vm = await create("Instance", "web", {
      instanceName: "quickstart-web",
      flavorId,
      imageId,
      vpcId: vpc.id,
      subnetId: publicSubnet.id,
      securityGroupIds: [sg.id],
      keyPairName: keyPair.outs["name"],
    });
    const eip = await create("Eip", "quickstart-eip", { bandwidth: 5 });
    await create("EipAssociation", "web-eip", { eipId: eip.id, instanceId: vm.id });
    const disk = await create("Disk", "data", { type: "ssd", size: 20 });
    await create("DiskAttachment", "data-attachment", { diskId: disk.id, instanceId: vm.id });
    await create("Bucket", "assets", { acl: "private", tags: { app: "quickstart" } });
    for (const [kind, name, { id, outs }] of made) {
      const provider = await bed.provider(kind);
      phases.read[name] = await counted(() => provider.read(id, outs));
    }
    for (const [kind, name, { id, outs }] of [...made].reverse()) {
      const provider = await bed.provider(kind);
      phases.delete[name] = await counted(() => provider.delete(id, outs));
    }
    return { lookups, phases, kinds: Object.fromEntries(made.map(([kind, name]) => [name, kind])) };
  }

  it("creates, refreshes and deletes the quickstart with these calls, polls apart", async function () {
    this.timeout(120_000);
    const { lookups, phases, kinds } = await runQuickstart();
    const calls = (phase: keyof typeof phases) => Object.fromEntries(Object.entries(phases[phase]).map(([name, c]) => [name, c.calls]));
    if (process.env["CALL_BUDGET_PRINT"]) console.log(JSON.stringify({ lookups, phases }));
    assert.deepEqual(lookups, { calls: { ListFlavors: 1, ListImages: 1 }, polls: {} });
    assert.deepEqual(calls("create"), {
      "quickstart-vpc": { CreateVpc: 1 },
      public: { CreateSubnet: 1, QuerySubnet: 1 },
      private: { CreateSubnet: 1, QuerySubnet: 1 },
      "quickstart-sg": { CreateSecurityGroup: 1 },
      ssh: { CreateSecurityGroupIngress: 1 },
      http: { CreateSecurityGroupIngress: 1 },
      "quickstart-kp": { ImportKeyPair: 1, DescribeKeyPairs: 1 },
      web: { ListFlavors: 1, DescribeImage: 1, DescribeKeyPairs: 1, CreateInstance: 1, ListInstanceVolumes: 1 },
      "quickstart-eip": { CreateEip: 1, ShowEip: 1 },
      "web-eip": { AssociateEip: 1, ShowEip: 1 },
      data: { CreateEbs: 1 },
      "data-attachment": { AttachEbs: 1, ShowEbs: 1 },
      assets: { CreateBucket: 1, PutBucketTagging: 1, GetZosEndpoint: 1 },
    });
    assert.deepEqual(calls("read"), {
      "quickstart-vpc": { QueryVpc: 1 },
      public: { QuerySubnet: 1 },
      private: { QuerySubnet: 1 },
      "quickstart-sg": { DescribeSecurityGroupAttribute: 1 },
      ssh: { DescribeSecurityGroupRule: 1 },
      http: { DescribeSecurityGroupRule: 1 },
      "quickstart-kp": { DescribeKeyPairs: 1 },
      web: { DescribeInstance: 1, ListInstanceVolumes: 1 },
      "quickstart-eip": { ShowEip: 1 },
      "web-eip": { ShowEip: 1 },
      data: { ShowEbs: 1 },
      "data-attachment": { ShowEbs: 1 },
      assets: { GetBucketInfo: 1, GetBucketAcl: 1, GetBucketVersioning: 1, GetBucketTagging: 1 },
    });
    assert.deepEqual(calls("delete"), {
      assets: { DeleteBucket: 1 },
      "data-attachment": { ShowEbs: 1, DetachEbs: 1 },
      data: { ShowEbs: 1, RefundEbs: 1 },
      "web-eip": { ShowEip: 1, DisassociateEip: 1 },
      "quickstart-eip": { ShowEip: 1, DeleteEip: 1 },
      web: { DescribeInstance: 1, StopInstance: 1, UnsubscribeInstance: 1 },
      "quickstart-kp": { DescribeKeyPairs: 1, DeleteKeyPair: 1 },
      http: { RevokeSecurityGroupIngress: 1 },
      ssh: { RevokeSecurityGroupIngress: 1 },
      "quickstart-sg": { DeleteSecurityGroup: 1 },
      private: { DeleteSubnet: 1 },
      public: { DeleteSubnet: 1 },
      "quickstart-vpc": { DeleteVpc: 1 },
    });
    const sum = (phase: keyof typeof phases) => Object.values(phases[phase]).reduce((n, c) => n + total(c.calls), 0);
    // Issue 17's bounds: the whole create (with the program's two lookups) in 27 calls; refresh ≤ 1.5 per resource.
    assert.equal(total(lookups.calls) + sum("create"), 27);
    assert.equal(sum("read"), 17);
    assert.ok(sum("read") / Object.keys(phases.read).length <= 1.5);
    assert.equal(sum("delete"), 20);
    // Never more calls per resource than CTyun's own Terraform provider, in any phase.
    assert.equal(Object.keys(kinds).length, 13);
    for (const phase of ["create", "read", "delete"] as const) {
      for (const [name, kind] of Object.entries(kinds)) {
        const ours = total(phases[phase][name]?.calls ?? {});
        const theirs = terraformCalls(kind, phase);
        assert.ok(ours <= theirs, `${kind} ${name} ${phase}: ${ours} calls, Terraform ${theirs}`);
      }
    }
  });

  it("asks the catalog once per provider process: two VMs, one flavor and image read; two buckets, one endpoint", async function () {
    this.timeout(120_000);
    const { phases } = await runQuickstart();
    assert.equal(phases.create["web"]!.calls["ListFlavors"], 1);
    const vpc = await bed.create("Vpc", { cidr: "10.0.0.0/16" });
    const subnet = await bed.create("Subnet", { vpcId: vpc.id, cidr: "10.0.1.0/24" });
    const sg = await bed.create("SecurityGroup", { vpcId: vpc.id });
    const flavorId = (await ctyun.getFlavor({ series: "s7", cpu: 1, memoryGb: 2 })).flavorId;
    const imageId = (await ctyun.getImage({ nameRegex: "^Ubuntu Server 22\\.04" })).imageId;
    const vm = { flavorId, imageId, vpcId: vpc.id, subnetId: subnet.id, securityGroupIds: [sg.id], password: "Passw0rd!2024x" };
    const second = await counted(async () => {
      await bed.create("Instance", { ...vm, instanceName: "vm-2" });
      await bed.create("Instance", { ...vm, instanceName: "vm-3" });
      await bed.create("Bucket", { acl: "private" });
    });
    // The quickstart's VM and bucket asked already: the same process asks no more.
    assert.deepEqual([second.calls["ListFlavors"], second.calls["DescribeImage"], second.calls["GetZosEndpoint"], second.calls["GetOssServiceStatus"]], [undefined, undefined, undefined, undefined]);
    assert.equal(second.calls["CreateInstance"], 2);
  });
});
