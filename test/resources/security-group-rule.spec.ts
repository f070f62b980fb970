import assert from "node:assert/strict";
import { REGION_HUABEI2, REGION_HUADONG1 } from "../helpers/emulator";
import { useProviderTestbed, type Props, type ProviderTestbed } from "../helpers/providers";
import { describeResourceContract } from "../helpers/resource-contract";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** A VPC and a security group made directly through the emulator's API. */
async function emulatorGroup(bed: ProviderTestbed): Promise<string> {
  const vpc = (await bed.emu.post("/v4/vpc/create", { regionID: REGION_HUADONG1, name: "vpc-rules", CIDR: "10.0.0.0/16" })).envelope<{ vpcID: string }>();
  const sg = (await bed.emu.post("/v4/vpc/create-security-group", { regionID: REGION_HUADONG1, vpcID: vpc.returnObj.vpcID, name: "sg-rules" })).envelope<{ securityGroupID: string }>();
  assert.equal(sg.statusCode, 800, JSON.stringify(sg));
  return sg.returnObj.securityGroupID;
}

type RuleRecord = { id: string; securityGroupID: string; direction: string; action: string; priority: number; protocol: string; ethertype: string; destCidrIp: string; range: string; description: string; origin: string };

async function userRules(bed: ProviderTestbed): Promise<RuleRecord[]> {
  return ((await bed.emu.control.state()).resources["securityGroupRule"] ?? []).map((r) => r.data as RuleRecord).filter((r) => r.origin === "user");
}

const SSH = { direction: "ingress", action: "accept", protocol: "tcp", etherType: "ipv4", range: "22", description: "ssh" };

describeResourceContract({
  kind: "SecurityGroupRule",
  idOutput: "securityGroupRuleId",
  recordKind: "securityGroupRule",
  createOperation: "CreateSecurityGroupIngress",
  createPath: "/v4/ecs/vpc/create-security-group-ingress",
  inputs: async (bed) => ({ securityGroupId: await emulatorGroup(bed), ...SSH }),
  count: async (bed) => (await userRules(bed)).length,
  updates: [{ description: "new description" }, { description: "" }],
  replacements: [
    { securityGroupId: "sg-zzzzzzzzzz" },
    { direction: "egress" },
    { action: "drop" },
    { priority: 2 },
    { protocol: "udp" },
    { etherType: "ipv6", destCidrIp: "::/0" },
    { destCidrIp: "10.0.0.0/8" },
    { range: "2222" },
    { regionId: REGION_HUABEI2 },
  ],
  drift: { patch: { description: "changed-by-hand" }, inputs: { description: "changed-by-hand" } },
});

describe("SecurityGroupRule: specifics", () => {
  const bed = useProviderTestbed();

  async function createRule(inputs: Props, name?: string) {
    return bed.create("SecurityGroupRule", inputs, name);
  }

  it("sends upper-case enums, fills the defaults and maps the response forms back", async () => {
    const securityGroupId = await emulatorGroup(bed);
    const { id, outs } = await createRule({ securityGroupId, ...SSH });
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const [record] = await userRules(bed);
    assert.deepEqual(
      { ...record, createTime: undefined },
      {
        id, securityGroupID: securityGroupId, direction: "ingress", action: "accept", priority: 1, protocol: "TCP", ethertype: "IPv4",
        destCidrIp: "0.0.0.0/0", range: "22", description: "ssh", remoteSecurityGroupID: "", prefixListID: "", origin: "user", createTime: undefined,
      },
    );
    assert.deepEqual(
      [outs["securityGroupRuleId"], outs["priority"], outs["destCidrIp"], outs["protocol"], outs["etherType"], outs["direction"], outs["action"]],
      [id, 1, "0.0.0.0/0", "tcp", "ipv4", "ingress", "accept"],
    );
    assert.deepEqual(await bed.emu.control.counts(), { CreateVpc: 1, CreateSecurityGroup: 1, CreateSecurityGroupIngress: 1 });
  });

  it("manages an egress rule through the egress operations, with ::/0 as the IPv6 default", async () => {
    const provider = await bed.provider("SecurityGroupRule");
    const securityGroupId = await emulatorGroup(bed);
    const { id, outs, inputs } = await createRule({ securityGroupId, direction: "egress", action: "drop", protocol: "udp", etherType: "ipv6", range: "53", priority: 20 });
    assert.equal(outs["destCidrIp"], "::/0");
    const [record] = await userRules(bed);
    assert.deepEqual([record?.direction, record?.action, record?.protocol, record?.ethertype, record?.destCidrIp], ["egress", "drop", "UDP", "IPv6", "::/0"]);
    const changed = await provider.check(inputs, { ...inputs, description: "dns out" });
    await provider.update(id, outs, changed.inputs);
    await provider.delete(id, outs);
    const counts = await bed.emu.control.counts();
    assert.deepEqual(
      [counts["CreateSecurityGroupEgress"], counts["ModifySecurityGroupEgress"], counts["RevokeSecurityGroupEgress"], counts["CreateSecurityGroupIngress"], counts["ModifySecurityGroupIngress"], counts["RevokeSecurityGroupIngress"]],
      [1, 1, 1, undefined, undefined, undefined],
    );
    assert.deepEqual(await userRules(bed), []);
  });

  it("fails with a clear error on a duplicate rule, naming the existing one for adoptId, and creates nothing", async () => {
    const provider = await bed.provider("SecurityGroupRule");
    const securityGroupId = await emulatorGroup(bed);
    const { id: existing } = await createRule({ securityGroupId, ...SSH }, "first");
    const checked = await provider.check({}, { pulumiName: "second", securityGroupId, ...SSH, range: "22-22", description: "again" });
    await assert.rejects(provider.create({ ...checked.inputs, __provider: provider.text }), (error: Error & { id?: string }) => {
      assert.equal(error.id, undefined, "not a partial create: there is nothing to record");
      assert.equal(
        error.message,
        `ctyun:SecurityGroupRule second: security group ${securityGroupId} already has this rule (ingress accept tcp 22-22 ipv4 0.0.0.0/0 priority 1) as ${existing}; ` +
          `CTyun created nothing. Remove the duplicate from the program, or manage the existing rule with adoptId: "${existing}".`,
      );
      return true;
    });
    assert.equal((await userRules(bed)).length, 1);
    const adopted = await createRule({ securityGroupId, ...SSH, adoptId: existing }, "second");
    assert.equal(adopted.id, existing);
  });

  it("names CTyun's default egress rule when a program repeats it", async () => {
    const provider = await bed.provider("SecurityGroupRule");
    const securityGroupId = await emulatorGroup(bed);
    const defaults = (await bed.emu.get("/v4/vpc/describe-security-group-attribute", { regionID: REGION_HUADONG1, securityGroupID: securityGroupId, direction: "egress" }))
      .envelope<{ securityGroupRuleList: Array<{ id: string; ethertype: string }> }>().returnObj.securityGroupRuleList;
    const ipv4Default = defaults.find((rule) => rule.ethertype === "IPv4")!.id;
    const checked = await provider.check({}, { pulumiName: "allout", securityGroupId, direction: "egress", action: "accept", protocol: "any", etherType: "ipv4", priority: 100 });
    await assert.rejects(provider.create({ ...checked.inputs, __provider: provider.text }), { message: new RegExp(`as ${ipv4Default}; CTyun created nothing`) });
  });

  it("reads a rule without range as unset, so a refresh leaves no diff", async () => {
    const provider = await bed.provider("SecurityGroupRule");
    const securityGroupId = await emulatorGroup(bed);
    const { id, outs, inputs } = await createRule({ securityGroupId, direction: "ingress", action: "accept", protocol: "icmp", etherType: "ipv4", destCidrIp: "192.168.0.0/16" });
    assert.equal((await userRules(bed))[0]?.range, "");
    const read = await provider.read(id, outs);
    assert.equal(read.inputs?.["range"], undefined);
    const diff = await provider.diff(id, read.props ?? {}, inputs);
    assert.deepEqual([diff.changes, diff.replaces], [false, []]);
  });

  it("deletes the old rule first only when the replacement is the same rule to CTyun", async () => {
    const provider = await bed.provider("SecurityGroupRule");
    const securityGroupId = await emulatorGroup(bed);
    const { id, outs, inputs } = await createRule({ securityGroupId, ...SSH });
    const same = await provider.check(inputs, { ...inputs, range: "22-22" });
    assert.deepEqual(await provider.diff(id, outs, same.inputs), { changes: true, replaces: ["range"], deleteBeforeReplace: true });
    const other = await provider.check(inputs, { ...inputs, range: "23" });
    assert.deepEqual(await provider.diff(id, outs, other.inputs), { changes: true, replaces: ["range"], deleteBeforeReplace: false });
  });

  it("treats delete as done when the whole security group is already gone", async () => {
    const provider = await bed.provider("SecurityGroupRule");
    const securityGroupId = await emulatorGroup(bed);
    const { id, outs } = await createRule({ securityGroupId, ...SSH });
    assert.equal((await bed.emu.post("/v4/vpc/delete-security-group", { regionID: REGION_HUADONG1, securityGroupID: securityGroupId })).envelope().statusCode, 800);
    await provider.delete(id, outs);
    assert.deepEqual(await provider.read(id, outs), {});
  });

  it("fails create when the security group does not exist, without recording anything", async () => {
    const provider = await bed.provider("SecurityGroupRule");
    const checked = await provider.check({}, { pulumiName: "nosg", securityGroupId: "sg-0000000000", ...SSH });
    await assert.rejects(provider.create({ ...checked.inputs, __provider: provider.text }), (error: Error & { id?: string; errorCode?: string }) => {
      assert.deepEqual([error.id, error.errorCode], [undefined, "Openapi.SecurityGroup.NotFound"]);
      return true;
    });
  });

  it("tolerates unknown inputs during preview and leaves dependent defaults and rules for later", async () => {
    const provider = await bed.provider("SecurityGroupRule");
    const unknownRange = await provider.check({}, { pulumiName: "p1", securityGroupId: UNKNOWN, direction: "ingress", action: "accept", protocol: "tcp", etherType: "ipv4", range: UNKNOWN });
    assert.deepEqual(unknownRange.failures, []);
    assert.deepEqual([unknownRange.inputs["range"], unknownRange.inputs["destCidrIp"]], [UNKNOWN, "0.0.0.0/0"]);
    const unknownType = await provider.check({}, { pulumiName: "p2", securityGroupId: "sg-aaaaaaaaaa", direction: "ingress", action: "accept", protocol: UNKNOWN, etherType: UNKNOWN });
    assert.deepEqual(unknownType.failures, []);
    assert.equal(unknownType.inputs["destCidrIp"], undefined, "no default before the ether type is known");
    assert.deepEqual(await bed.emu.control.requests(), []);
  });
});
