/**
 * check of SecurityGroup and SecurityGroupRule: every invalid input fails with the exact reason
 * the engine prints ("property P value V has a problem: <reason>"), before any request is sent.
 */
import assert from "node:assert/strict";
import { useProviderTestbed, type Props } from "../helpers/providers";

const GROUP: Props = { vpcId: "vpc-abcde12345", name: "sg-web" };
const RULE: Props = { securityGroupId: "sg-abcde12345", direction: "ingress", action: "accept", protocol: "tcp", etherType: "ipv4", range: "22" };

const PORT_FORMAT = 'must be a port "N" or a range "N-M" with 1 <= N <= M <= 65535, e.g. "22" or "8000-9000", without spaces';
const PRIORITY = "must be a whole number from 1 (highest priority) to 100";
const NAME_CHARS = "must start with a letter or Chinese character and contain only letters, digits, Chinese characters, '_' and '-'";

/** [kind, what, inputs (merged over the valid base; undefined removes a key), the failures]. */
const CASES: Array<[string, string, Props, Array<{ property: string; reason: string }>]> = [
  ["SecurityGroup", "a one-character name", { name: "a" }, [{ property: "name", reason: "must be 2-32 characters long (got 1)" }]],
  ["SecurityGroup", "a 33-character name", { name: "a".repeat(33) }, [{ property: "name", reason: "must be 2-32 characters long (got 33)" }]],
  ["SecurityGroup", "a name starting with a digit", { name: "1web" }, [{ property: "name", reason: NAME_CHARS }]],
  ["SecurityGroup", "a 129-character description", { description: "d".repeat(129) }, [{ property: "description", reason: "must be at most 128 characters long" }]],
  ["SecurityGroup", "a description starting with http:", { description: "http://example" }, [{ property: "description", reason: "must not start with http: or https:" }]],
  ["SecurityGroup", "a malformed VPC id", { vpcId: "vpc-ABC" }, [{ property: "vpcId", reason: "must be an id like vpc-abcde12345" }]],
  ["SecurityGroup", "no VPC", { vpcId: undefined }, [{ property: "vpcId", reason: "is required" }]],
  ["SecurityGroup", "a malformed region", { regionId: "cn-east-1" }, [{ property: "regionId", reason: "must be a CTyun regionID: 32 hexadecimal characters" }]],
  ["SecurityGroup", "a malformed project", { projectId: "Project" }, [{ property: "projectId", reason: 'must be "" (default project), "0" or 32 lower-case letters and digits' }]],
  ["SecurityGroup", "an input it does not have", { rules: [] }, [{ property: "rules", reason: "is not an input of ctyun:SecurityGroup" }]],
  ["SecurityGroup", "an unparsable timeout", { timeouts: { delete: "ten minutes" } }, [{ property: "timeouts", reason: 'delete: must be a duration like "90s", "10m" or "1h30m"' }]],
  ["SecurityGroupRule", "a malformed security group id", { securityGroupId: "sg_1" }, [{ property: "securityGroupId", reason: "must be an id like sg-abcde12345" }]],
  ["SecurityGroupRule", "no security group", { securityGroupId: undefined }, [{ property: "securityGroupId", reason: "is required" }]],
  ["SecurityGroupRule", "an upper-case direction", { direction: "INGRESS" }, [{ property: "direction", reason: 'must be one of "ingress", "egress"' }]],
  ["SecurityGroupRule", "an unknown action", { action: "allow" }, [{ property: "action", reason: 'must be one of "accept", "drop"' }]],
  ["SecurityGroupRule", "an upper-case protocol", { protocol: "TCP" }, [{ property: "protocol", reason: 'must be one of "any", "tcp", "udp", "icmp"' }]],
  ["SecurityGroupRule", "the wire's ether type spelling", { etherType: "IPv4" }, [{ property: "etherType", reason: 'must be one of "ipv4", "ipv6"' }]],
  ["SecurityGroupRule", "priority 0", { priority: 0 }, [{ property: "priority", reason: PRIORITY }]],
  ["SecurityGroupRule", "priority 101", { priority: 101 }, [{ property: "priority", reason: PRIORITY }]],
  ["SecurityGroupRule", "a fractional priority", { priority: 2.5 }, [{ property: "priority", reason: PRIORITY }]],
  ["SecurityGroupRule", "a priority given as text", { priority: "1" }, [{ property: "priority", reason: "must be a whole number from 1 to 100" }]],
  ["SecurityGroupRule", "a tcp rule without ports", { range: undefined }, [{ property: "range", reason: 'is required when protocol is "tcp": a port "22" or a range "8000-9000"' }]],
  ["SecurityGroupRule", "a udp rule without ports", { protocol: "udp", range: undefined }, [{ property: "range", reason: 'is required when protocol is "udp": a port "22" or a range "8000-9000"' }]],
  ["SecurityGroupRule", "ports on an any-protocol rule", { protocol: "any" }, [{ property: "range", reason: 'must not be set when protocol is "any" (the rule covers every port)' }]],
  ["SecurityGroupRule", "port 0", { range: "0" }, [{ property: "range", reason: PORT_FORMAT }]],
  ["SecurityGroupRule", "port 65536", { range: "65536" }, [{ property: "range", reason: PORT_FORMAT }]],
  ["SecurityGroupRule", "a reversed range", { range: "9000-8000" }, [{ property: "range", reason: PORT_FORMAT }]],
  ["SecurityGroupRule", "a range with spaces", { range: "80 - 90" }, [{ property: "range", reason: PORT_FORMAT }]],
  ["SecurityGroupRule", "an empty range", { range: "" }, [{ property: "range", reason: PORT_FORMAT }]],
  ["SecurityGroupRule", "a CIDR with host bits", { destCidrIp: "10.0.0.1/8" }, [{ property: "destCidrIp", reason: "must be in network form: the bits after the prefix length must be zero" }]],
  ["SecurityGroupRule", "an IPv6 CIDR with host bits", { etherType: "ipv6", destCidrIp: "2001:db8::1/64" }, [{ property: "destCidrIp", reason: "must be in network form: the bits after the prefix length must be zero" }]],
  ["SecurityGroupRule", "a bare address", { destCidrIp: "10.0.0.0" }, [{ property: "destCidrIp", reason: "must be an IPv4 or IPv6 CIDR block like 10.0.0.0/8 or 2001:db8::/32" }]],
  ["SecurityGroupRule", "an IPv6 CIDR on an ipv4 rule", { destCidrIp: "::/0" }, [{ property: "destCidrIp", reason: 'must be an IPv4 CIDR because etherType is "ipv4"' }]],
  ["SecurityGroupRule", "an IPv4 CIDR on an ipv6 rule", { etherType: "ipv6", destCidrIp: "0.0.0.0/0" }, [{ property: "destCidrIp", reason: 'must be an IPv6 CIDR because etherType is "ipv6"' }]],
  ["SecurityGroupRule", "a 129-character description", { description: "d".repeat(129) }, [{ property: "description", reason: "must be at most 128 characters long" }]],
  [
    "SecurityGroupRule",
    "several problems at once",
    { direction: "up", priority: 0, range: "x" },
    [
      { property: "direction", reason: 'must be one of "ingress", "egress"' },
      { property: "priority", reason: PRIORITY },
      { property: "range", reason: PORT_FORMAT },
    ],
  ],
];

describe("SecurityGroup and SecurityGroupRule: check", () => {
  const bed = useProviderTestbed();

  for (const [kind, what, change, failures] of CASES) {
    it(`${kind} refuses ${what} before any request`, async () => {
      const provider = await bed.provider(kind);
      const inputs: Props = { pulumiName: "checked", ...(kind === "SecurityGroup" ? GROUP : RULE) };
      for (const [key, value] of Object.entries(change)) {
        if (value === undefined) delete inputs[key];
        else inputs[key] = value;
      }
      const checked = await provider.check({}, inputs);
      assert.deepEqual(checked.failures, failures);
      assert.deepEqual(await bed.emu.control.requests(), []);
    });
  }

  it("accepts the valid base inputs and fills the defaults", async () => {
    const group = await (await bed.provider("SecurityGroup")).check({}, { pulumiName: "ok", ...GROUP });
    assert.deepEqual(group.failures, []);
    assert.equal(group.inputs["description"], "");
    const rule = await (await bed.provider("SecurityGroupRule")).check({}, { pulumiName: "ok", ...RULE });
    assert.deepEqual(rule.failures, []);
    assert.deepEqual([rule.inputs["priority"], rule.inputs["destCidrIp"], rule.inputs["description"]], [1, "0.0.0.0/0", ""]);
    const icmp = await (await bed.provider("SecurityGroupRule")).check({}, { pulumiName: "ok", ...RULE, protocol: "icmp", range: undefined, etherType: "ipv6" });
    assert.deepEqual([icmp.failures, icmp.inputs["destCidrIp"]], [[], "::/0"]);
    assert.deepEqual(await bed.emu.control.requests(), []);
  });
});
