/**
 * The network issue's end-to-end case, through the serialized providers as the engine runs them:
 * a VPC with two subnets, a security group with three rules and an EIP, created in dependency
 * order, then destroyed in reverse order (as `pulumi destroy` does), leaving the emulator as empty
 * as it started.
 */
import assert from "node:assert/strict";
import { useProviderTestbed, type Props } from "../helpers/providers";

interface Created {
  readonly kind: string;
  readonly id: string;
  readonly outs: Props;
  /** The checked inputs, as stored in state. */
  readonly inputs: Props;
}

describe("network stack: VPC, two subnets, a security group with three rules and an EIP, end to end", () => {
  const bed = useProviderTestbed();

  async function counts(): Promise<Record<string, number>> {
    const { resources } = await bed.emu.control.state();
    const rules = (resources["securityGroupRule"] ?? []).filter((r) => (r.data as { origin?: string }).origin === "user");
    return {
      vpc: (resources["vpc"] ?? []).length,
      subnet: (resources["subnet"] ?? []).length,
      securityGroup: (resources["securityGroup"] ?? []).length,
      userRules: rules.length,
      eip: (resources["eip"] ?? []).length,
    };
  }

  it("creates the stack, reads every piece back, and deletes it in reverse order leaving no resources", async () => {
    const baseline = await bed.emu.control.state();
    const stack: Created[] = [];
    const up = async (kind: string, inputs: Props, name: string) => {
      const created = await bed.create(kind, inputs, name);
      stack.push({ kind, id: created.id, outs: created.outs, inputs: created.inputs });
      return created;
    };

    const vpc = await up("Vpc", { cidr: "10.0.0.0/16", description: "network stack" }, "net");
    const web = await up("Subnet", { vpcId: vpc.id, cidr: "10.0.1.0/24", description: "web tier" }, "web");
    const data = await up("Subnet", { vpcId: vpc.id, cidr: "10.0.2.0/24", dnsList: ["10.0.0.53", "114.114.114.114"] }, "data");
    const sg = await up("SecurityGroup", { vpcId: vpc.id, description: "web servers" }, "web-sg");
    const rules = [
      { direction: "ingress", action: "accept", protocol: "tcp", etherType: "ipv4", range: "22", destCidrIp: "10.0.0.0/16", description: "ssh from the VPC" },
      { direction: "ingress", action: "accept", protocol: "tcp", etherType: "ipv4", range: "443", description: "https" },
      { direction: "ingress", action: "accept", protocol: "icmp", etherType: "ipv4", description: "ping" },
    ];
    for (const [i, rule] of rules.entries()) await up("SecurityGroupRule", { securityGroupId: sg.id, ...rule }, `rule-${i}`);
    const eip = await up("Eip", { bandwidth: 5 }, "ip");

    assert.deepEqual(await counts(), { vpc: 1, subnet: 2, securityGroup: 1, userRules: 3, eip: 1 });
    assert.deepEqual([web.outs["gatewayIp"], web.outs["availableIpCount"], data.outs["dnsList"]], ["10.0.1.1", 251, ["10.0.0.53", "114.114.114.114"]]);
    assert.match(eip.outs["address"], /^\d+\.\d+\.\d+\.\d+$/);
    assert.equal(eip.outs["bandwidth"], 5);

    // A refresh of every resource finds it unchanged, and the VPC now lists its subnets.
    for (const resource of stack) {
      const provider = await bed.provider(resource.kind);
      const read = await provider.read(resource.id, resource.outs);
      assert.equal(read.id, resource.id, `${resource.kind} ${resource.id} is readable`);
      assert.equal((await provider.diff(resource.id, read.props ?? {}, resource.inputs)).changes, false, `${resource.kind} has no drift`);
      if (resource.kind === "Vpc") assert.deepEqual(read.props?.["subnetIds"], [web.id, data.id]);
    }

    // `pulumi destroy`: dependants first.
    for (const resource of [...stack].reverse()) {
      const provider = await bed.provider(resource.kind);
      await provider.delete(resource.id, resource.outs);
      assert.deepEqual(await provider.read(resource.id, resource.outs), {}, `${resource.kind} ${resource.id} is gone`);
    }

    const after = await bed.emu.control.state();
    assert.deepEqual(await counts(), { vpc: 0, subnet: 0, securityGroup: 0, userRules: 0, eip: 0 });
    assert.deepEqual(after.resources, baseline.resources, "nothing is left but the catalog the emulator started with");
    assert.deepEqual([after.pending, after.actionErrors], [[], []], "no order or job is left running or failed");
  });
});
