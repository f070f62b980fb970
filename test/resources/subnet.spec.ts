import assert from "node:assert/strict";
import { describeResourceContract } from "../helpers/resource-contract";
import { useProviderTestbed, type ProviderTestbed } from "../helpers/providers";
import { REGION_HUABEI2, REGION_HUADONG1 } from "../helpers/emulator";
import { UNKNOWN_CODE_SITUATIONS } from "../../emulator/unknown-codes";
import { createInstance } from "../emulator/fixtures/ecs";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** A VPC made straight through the emulator API (the Subnet's prerequisite). */
async function emulatorVpc(bed: ProviderTestbed, body: Record<string, unknown> = {}): Promise<string> {
  const envelope = (await bed.emu.post("/v4/vpc/create", { regionID: REGION_HUADONG1, name: "vpc-for-subnets", CIDR: "10.10.0.0/16", ...body })).envelope<{ vpcID: string }>();
  assert.equal(envelope.statusCode, 800, JSON.stringify(envelope));
  return envelope.returnObj.vpcID;
}

/** A VM with its network interface in the subnet, made through the emulator's APIs. */
async function vmInSubnet(bed: ProviderTestbed, vpcID: string, subnetID: string): Promise<string> {
  const group = (await bed.emu.post("/v4/vpc/create-security-group", { regionID: REGION_HUADONG1, vpcID, name: "vm-group" })).envelope<{ securityGroupID: string }>();
  assert.equal(group.statusCode, 800, JSON.stringify(group));
  return createInstance(bed.emu, { vpcID, vpcName: "vpc-for-subnets", subnetID, securityGroupID: group.returnObj.securityGroupID, securityGroupName: "vm-group" });
}

/** A subnet made behind the provider's back. */
async function emulatorSubnet(bed: ProviderTestbed, vpcID: string, body: Record<string, unknown> = {}): Promise<string> {
  const envelope = (await bed.emu.post("/v4/vpc/create-subnet", { regionID: REGION_HUADONG1, vpcID, name: "by-hand", CIDR: "10.10.1.0/24", ...body })).envelope<{ subnetID: string }>();
  assert.equal(envelope.statusCode, 800, JSON.stringify(envelope));
  return envelope.returnObj.subnetID;
}

describeResourceContract({
  kind: "Subnet",
  idOutput: "subnetId",
  recordKind: "subnet",
  createOperation: "CreateSubnet",
  createPath: "/v4/vpc/create-subnet",
  inputs: async (bed) => ({ vpcId: await emulatorVpc(bed), cidr: "10.10.1.0/24", description: "contract", dnsList: ["8.8.8.8"] }),
  updates: [{ name: "renamed-subnet" }, { description: "new description" }, { dnsList: ["1.1.1.1", "8.8.8.8"] }, { dnsList: ["8.8.8.8", "1.1.1.1"] }],
  replacements: [{ cidr: "10.10.2.0/24" }, { enableIpv6: true }, { type: "cbm" }, { vpcId: "vpc-zzzzzzzzzz" }, { regionId: REGION_HUABEI2 }, { projectId: "a".repeat(32) }],
  drift: { patch: { name: "changed-by-hand", dnsList: ["9.9.9.9"] }, inputs: { name: "changed-by-hand", dnsList: ["9.9.9.9"] } },
});

describe("Subnet: specifics", () => {
  const bed = useProviderTestbed();

  it("returns the gateway, the assignable range and the free-address count, and fills the defaults", async () => {
    const vpcId = await emulatorVpc(bed);
    const { id, outs } = await bed.create("Subnet", { vpcId, cidr: "10.10.1.0/24" }, "web");
    assert.match(id, /^subnet-[a-z0-9]{10}$/);
    assert.match(outs["name"], /^web-[0-9a-f]{7}$/);
    const picked = Object.fromEntries(
      ["subnetId", "dnsList", "type", "enableIpv6", "description", "gatewayIp", "startIp", "endIp", "availableIpCount", "ipv6Cidr"].map((k) => [k, outs[k]]),
    );
    assert.deepEqual(picked, {
      subnetId: id,
      dnsList: ["114.114.114.114", "8.8.8.8"],
      type: "common",
      enableIpv6: false,
      description: "",
      gatewayIp: "10.10.1.1",
      startIp: "10.10.1.2",
      endIp: "10.10.1.252",
      availableIpCount: 251,
      ipv6Cidr: undefined,
    });
    const request = (await bed.emu.control.requests()).filter((r) => r.operation === "CreateSubnet");
    assert.equal(request.length, 1);
  });

  it("creates an IPv6 bare-metal subnet and reads type and IPv6 back as the user wrote them", async () => {
    const provider = await bed.provider("Subnet");
    const vpcId = await emulatorVpc(bed, { enableIpv6: true });
    const { id, outs } = await bed.create("Subnet", { vpcId, cidr: "10.10.3.0/24", enableIpv6: true, type: "cbm" });
    assert.match(outs["ipv6Cidr"], /^240e:97c:[0-9a-f]+:ff00::\/64$/);
    const read = await provider.read(id, outs);
    assert.deepEqual([read.inputs?.["type"], read.inputs?.["enableIpv6"], read.props?.["ipv6Cidr"]], ["cbm", true, outs["ipv6Cidr"]]);
    assert.equal((await provider.diff(id, read.props ?? {}, outs)).changes, false);
  });

  describe("check", () => {
    const invalid: Array<[string, Record<string, unknown>, string, string]> = [
      ["a CIDR not in network form", { cidr: "10.0.0.1/24" }, "cidr", "must be in network form: did you mean 10.0.0.0/24?"],
      ["a malformed CIDR", { cidr: "10.0.0/24" }, "cidr", "must be an IPv4 CIDR block like 192.168.0.0/16"],
      ["a /29 mask", { cidr: "10.0.0.0/29" }, "cidr", "must have a prefix length between /16 and /28"],
      ["a /15 mask", { cidr: "10.0.0.0/15" }, "cidr", "must have a prefix length between /16 and /28"],
      ["a public range", { cidr: "100.64.0.0/16" }, "cidr", "must be inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16"],
      ["a range straddling a private block", { cidr: "172.32.0.0/16" }, "cidr", "must be inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16"],
      ["a name of 11 Chinese characters (33 bytes)", { name: "子".repeat(11) }, "name", "must be 2-32 bytes long (got 33)"],
      ["a name starting with a digit", { name: "1subnet" }, "name", "must start with a letter or Chinese character and contain only letters, digits, Chinese characters, '_' and '-'"],
      ["a malformed VPC id", { vpcId: "vpc-ABC" }, "vpcId", "must be an id like vpc-abcde12345"],
      ["an empty DNS list", { dnsList: [] }, "dnsList", "must list 1-4 DNS servers (got 0)"],
      ["five DNS servers", { dnsList: ["1.1.1.1", "1.0.0.1", "8.8.8.8", "8.8.4.4", "9.9.9.9"] }, "dnsList", "must list 1-4 DNS servers (got 5)"],
      ["a DNS entry that is no address", { dnsList: ["8.8.8.8", "dns.example"] }, "dnsList", 'entry 2 ("dns.example") must be an IPv4 or IPv6 address'],
      ["a DNS server listed twice", { dnsList: ["8.8.8.8", "8.8.8.8"] }, "dnsList", "lists 8.8.8.8 more than once"],
      ["an upper-case type", { type: "CBM" }, "type", 'must be "common" (a VM subnet) or "cbm" (a bare-metal subnet)'],
      ["enableIpv6 as a string", { enableIpv6: "yes" }, "enableIpv6", "Invalid input: expected boolean, received string"],
      ["a description starting with https:", { description: "https://x" }, "description", "must not start with http: or https:"],
      ["a malformed region", { regionId: "huadong1" }, "regionId", "must be a CTyun regionID: 32 hexadecimal characters"],
      ["a misspelt input", { dns: ["8.8.8.8"] }, "dns", "is not an input of ctyun:Subnet"],
      ["no CIDR", { cidr: undefined }, "cidr", "is required"],
    ];
    for (const [title, change, property, reason] of invalid) {
      it(`rejects ${title} before any request`, async () => {
        const provider = await bed.provider("Subnet");
        const { failures } = await provider.check({}, { pulumiName: "bad", vpcId: "vpc-abcde12345", cidr: "10.0.0.0/24", ...change });
        assert.deepEqual(failures, [{ property, reason }]);
        assert.deepEqual(await bed.emu.control.requests(), []);
      });
    }

    it("accepts unknown values during preview and treats them as changes", async () => {
      const provider = await bed.provider("Subnet");
      const checked = await provider.check({}, { pulumiName: "preview", vpcId: UNKNOWN, cidr: UNKNOWN, dnsList: [UNKNOWN] });
      assert.deepEqual(checked.failures, []);
      const olds = { vpcId: "vpc-abcde12345", cidr: "10.0.0.0/24", name: checked.inputs["name"], description: "", dnsList: ["8.8.8.8"], enableIpv6: false, type: "common", regionId: REGION_HUADONG1 };
      const diff = await provider.diff("subnet-abcde12345", olds, checked.inputs);
      assert.deepEqual([diff.changes, [...(diff.replaces ?? [])].sort(), diff.deleteBeforeReplace], [true, ["cidr", "vpcId"], false]);
      assert.deepEqual(await bed.emu.control.requests(), []);
    });
  });

  describe("a create the cloud refuses is explained by its placement rules (a subnet is free: no call is spent checking first)", () => {
    async function expectRefusal(inputs: Record<string, unknown>, message: string): Promise<void> {
      const provider = await bed.provider("Subnet");
      const checked = await provider.check({}, { pulumiName: "placed", ...inputs });
      assert.deepEqual(checked.failures, []);
      await bed.emu.control.clearRequests();
      await assert.rejects(provider.create({ ...checked.inputs, __provider: provider.text }), { message });
      assert.equal((await bed.emu.control.counts())["CreateSubnet"], 1, "the create was refused");
    }

    it("refuses a VPC that does not exist", async () => {
      await expectRefusal({ vpcId: "vpc-0000000000", cidr: "10.10.1.0/24" }, `ctyun:Subnet placed: VPC vpc-0000000000 does not exist in region ${REGION_HUADONG1}`);
    });

    it("refuses a CIDR outside the VPC's CIDR", async () => {
      const vpcId = await emulatorVpc(bed);
      await expectRefusal({ vpcId, cidr: "10.20.1.0/24" }, `ctyun:Subnet placed: cidr 10.20.1.0/24 is not inside 10.10.0.0/16, the CIDR of VPC ${vpcId}`);
    });

    it("refuses a CIDR overlapping another subnet of the VPC, naming it", async () => {
      const vpcId = await emulatorVpc(bed);
      const other = await emulatorSubnet(bed, vpcId, { CIDR: "10.10.0.0/20" });
      await expectRefusal({ vpcId, cidr: "10.10.1.0/24" }, `ctyun:Subnet placed: cidr 10.10.1.0/24 overlaps subnet ${other} (by-hand, 10.10.0.0/20) in VPC ${vpcId}`);
    });

    it("refuses IPv6 in a VPC without IPv6", async () => {
      const vpcId = await emulatorVpc(bed);
      await expectRefusal({ vpcId, cidr: "10.10.1.0/24", enableIpv6: true }, `ctyun:Subnet placed: enableIpv6 needs a VPC with IPv6, and VPC ${vpcId} was created without it`);
    });

    it("pages through more than 50 sibling subnets to name the one overlapping", async () => {
      const vpcId = await emulatorVpc(bed);
      const siblings: string[] = [];
      for (let i = 0; i < 55; i++) siblings.push(await emulatorSubnet(bed, vpcId, { name: `n-${i}`, CIDR: `10.10.${i}.0/24` }));
      await expectRefusal({ vpcId, cidr: "10.10.54.0/25" }, `ctyun:Subnet placed: cidr 10.10.54.0/25 overlaps subnet ${siblings[54]} (n-54, 10.10.54.0/24) in VPC ${vpcId}`);
      assert.deepEqual((await bed.emu.control.counts())["ListSubnets"], 2);
    });

    it("spends no call on placement when the cloud accepts the subnet", async () => {
      const vpcId = await emulatorVpc(bed);
      await bed.emu.control.clearRequests();
      await bed.create("Subnet", { vpcId, cidr: "10.10.100.0/24" });
      assert.deepEqual(await bed.emu.control.counts(), { CreateSubnet: 1, QuerySubnet: 1 });
    });
  });

  describe("replacement", () => {
    const olds = { vpcId: "vpc-abcde12345", cidr: "10.10.1.0/24", name: "net-a", description: "", dnsList: ["8.8.8.8"], enableIpv6: false, type: "common", regionId: REGION_HUADONG1 };
    const cases: Array<[string, Record<string, unknown>, string[], boolean]> = [
      ["the same CIDR (type changes)", { type: "cbm" }, ["type"], true],
      ["a CIDR containing the old one", { cidr: "10.10.0.0/16" }, ["cidr"], true],
      ["a CIDR inside the old one", { cidr: "10.10.1.0/25" }, ["cidr"], true],
      ["a disjoint CIDR", { cidr: "10.10.2.0/24" }, ["cidr"], false],
      ["another VPC with the same CIDR", { vpcId: "vpc-zzzzzzzzzz" }, ["vpcId"], false],
      ["another region", { regionId: REGION_HUABEI2 }, ["regionId"], false],
      ["a VPC not known yet (preview)", { vpcId: UNKNOWN }, ["vpcId"], false],
      ["a CIDR not known yet (preview)", { cidr: UNKNOWN }, ["cidr"], true],
    ];
    for (const [title, change, replaces, deleteFirst] of cases) {
      it(`${deleteFirst ? "deletes first" : "creates first"} for ${title}`, async () => {
        const provider = await bed.provider("Subnet");
        const diff = await provider.diff("subnet-abcde12345", olds, { ...olds, ...change });
        assert.deepEqual([diff.changes, diff.replaces, diff.deleteBeforeReplace], [true, replaces, deleteFirst]);
      });
    }

    it("replaces a subnet by an overlapping one in the same VPC: delete first succeeds where create first is refused", async () => {
      const provider = await bed.provider("Subnet");
      const vpcId = await emulatorVpc(bed);
      const old = await bed.create("Subnet", { vpcId, cidr: "10.10.1.0/24", name: "tier-a" }, "tier");
      const checked = await provider.check(old.inputs, { ...old.inputs, cidr: "10.10.0.0/22" });
      const diff = await provider.diff(old.id, old.outs, checked.inputs);
      assert.deepEqual([diff.replaces, diff.deleteBeforeReplace], [["cidr"], true]);
      // What create-before-delete would do: refused, the old subnet still holds the range.
      await assert.rejects(provider.create({ ...checked.inputs, __provider: provider.text }), /overlaps subnet/);
      // What the engine does with deleteBeforeReplace.
      await provider.delete(old.id, old.outs);
      const replacement = await provider.create({ ...checked.inputs, __provider: provider.text });
      assert.notEqual(replacement.id, old.id);
      assert.equal(replacement.outs["cidr"], "10.10.0.0/22");
    });
  });

  it("shows its subnets in the Vpc's subnetIds after a refresh", async () => {
    const vpc = await bed.create("Vpc", { cidr: "10.30.0.0/16" });
    assert.deepEqual(vpc.outs["subnetIds"], []);
    const a = await bed.create("Subnet", { vpcId: vpc.id, cidr: "10.30.1.0/24" });
    const b = await bed.create("Subnet", { vpcId: vpc.id, cidr: "10.30.2.0/24" });
    const vpcProvider = await bed.provider("Vpc");
    const refreshed = await vpcProvider.read(vpc.id, vpc.outs);
    assert.deepEqual(refreshed.props?.["subnetIds"], [a.id, b.id]);
    assert.equal((await vpcProvider.diff(vpc.id, refreshed.props ?? {}, vpc.inputs)).changes, false, "subnetIds is an output, not a change");
  });

  it("waits while a VM network interface is still in the subnet, then deletes it", async () => {
    const provider = await bed.provider("Subnet");
    const vpcId = await emulatorVpc(bed);
    const { id, outs } = await bed.create("Subnet", { vpcId, cidr: "10.10.1.0/24" });
    // A VM's NIC leaves the subnet meanwhile (as when Pulumi deletes the VM in parallel).
    const instanceID = await vmInSubnet(bed, vpcId, id);
    const before = await provider.read(id, outs);
    assert.equal(before.props?.["availableIpCount"], 250, "the NIC's address is taken");
    const base = bed.sleeps.length;
    bed.onSleep(async (n) => {
      if (n === base + 2) await bed.emu.control.deleteResource("instance", instanceID);
    });
    await bed.emu.control.clearRequests();
    await provider.delete(id, outs);
    const counts = await bed.emu.control.counts();
    assert.equal(counts["DeleteSubnet"], 3, "delete was retried while the VM was seen in the subnet");
    assert.equal(counts["DescribeInstances"], 2, "the VMs were read after each refusal: the refusal's code decides nothing");
    assert.equal(await bed.emu.control.resource("subnet", id), undefined);
  });

  it("gives up at the delete timeout with the cloud's in-use error", async () => {
    const provider = await bed.provider("Subnet");
    const vpcId = await emulatorVpc(bed);
    const { id, outs } = await bed.create("Subnet", { vpcId, cidr: "10.10.1.0/24", timeouts: { delete: "1m" } });
    const instanceID = await vmInSubnet(bed, vpcId, id);
    const started = bed.emu.clock.now();
    await assert.rejects(provider.delete(id, outs), (error: Error & { errorCode?: string }) => {
      assert.ok((UNKNOWN_CODE_SITUATIONS["subnet-in-use"] as readonly string[]).includes(error.errorCode ?? ""), `a code of the in-use set: ${error.errorCode}`);
      assert.match(error.message, new RegExp(`subnet ${id} is in use by the network interfaces of instances: ${instanceID}.*; still held by VM ${instanceID} when the timeout ran out$`));
      return true;
    });
    assert.ok(bed.emu.clock.now() - started <= 60_000, "stopped at the one-minute deadline");
    assert.notEqual(await bed.emu.control.resource("subnet", id), undefined);
  });

  it("records a partial create when the subnet exists but cannot be read back, and the next update resumes it", async () => {
    const provider = await bed.provider("Subnet");
    const vpcId = await emulatorVpc(bed);
    const checked = await provider.check({}, { pulumiName: "half", vpcId, cidr: "10.10.1.0/24" });
    await bed.emu.control.addFault({ path: "/v4/vpc/query-subnet", kind: "http", status: 503, times: 100 });
    let partial: { id: string; properties: Record<string, unknown>; reasons: string[] } | undefined;
    await assert.rejects(provider.create({ ...checked.inputs, __provider: provider.text }), (error: typeof partial & Error) => {
      partial = error;
      return true;
    });
    assert.ok(partial);
    assert.match(partial.id, /^subnet-[a-z0-9]{10}$/);
    assert.equal(partial.properties["subnetId"], partial.id);
    assert.equal(partial.properties["__provider"], provider.text, "the recorded state can still be read and deleted");
    assert.equal(partial.reasons.length, 1);
    assert.notEqual(await bed.emu.control.resource("subnet", partial.id), undefined);
    await bed.emu.control.clearFaults();
    // The next `pulumi up` calls update (inputs unchanged) to finish the resource.
    const resumed = await provider.update(partial.id, partial.properties, { ...checked.inputs, __provider: provider.text });
    assert.deepEqual([resumed.outs["subnetId"], resumed.outs["gatewayIp"], resumed.outs["availableIpCount"]], [partial.id, "10.10.1.1", 251]);
    assert.equal((await bed.emu.control.counts())["UpdateSubnet"], undefined, "nothing to change in place");
  });

  it("refuses to adopt a subnet whose CIDR differs from the program's", async () => {
    const vpcId = await emulatorVpc(bed);
    const existing = await emulatorSubnet(bed, vpcId);
    const provider = await bed.provider("Subnet");
    const checked = await provider.check({}, { pulumiName: "adopter", vpcId, cidr: "10.10.2.0/24", adoptId: existing });
    await assert.rejects(provider.create({ ...checked.inputs, __provider: provider.text }), {
      message: `ctyun:Subnet adopter: cannot adopt ${existing}: cidr is "10.10.1.0/24" in the cloud; these cannot change in place, so set them to the cloud's values`,
    });
  });
});
