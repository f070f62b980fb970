/** Security-group rules (spec D.4) in the emulator: both create hosts, case conventions, duplicates, describe/modify/revoke. */
import assert from "node:assert/strict";
import { REGION_HUADONG1, useEmulator, type EmulatorHarness } from "../helpers/emulator";

const R = REGION_HUADONG1;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

async function createVpc(emu: EmulatorHarness, name = "vpc-a"): Promise<string> {
  return (await emu.post("/v4/vpc/create", { regionID: R, name, CIDR: "10.0.0.0/16" })).envelope<{ vpcID: string }>().returnObj.vpcID;
}

async function createGroup(emu: EmulatorHarness, vpcID: string, body: Record<string, unknown> = {}): Promise<string> {
  return (await emu.post("/v4/vpc/create-security-group", { regionID: R, vpcID, name: "sg-web", ...body })).envelope<{ securityGroupID: string }>().returnObj.securityGroupID;
}

/** A rule exactly as TF's old layer sends it to the ECS host (all keys present). */
function tfRule(change: Record<string, unknown> = {}): Record<string, unknown> {
  return { direction: "INGRESS", action: "ACCEPT", priority: 1, protocol: "TCP", ethertype: "IPv4", destCidrIp: "0.0.0.0/0", description: "", range: "22", ...change };
}

describe("emulator: security group rules", () => {
  const emu = useEmulator();
  let vpcID: string;
  let sg: string;
  beforeEach(async () => {
    vpcID = await createVpc(emu);
    sg = await createGroup(emu, vpcID);
  });

  async function create(direction: "ingress" | "egress", rules: Array<Record<string, unknown>>, extra: Record<string, unknown> = {}, host: "ecs" | "vpc" = "ecs") {
    const path = host === "ecs" ? `/v4/ecs/vpc/create-security-group-${direction}` : `/v4/vpc/create-security-group-${direction}`;
    return (await emu.post(path, { regionID: R, securityGroupID: sg, securityGroupRules: rules, ...extra })).envelope<{ sgRuleIDs: string[] }>();
  }

  async function createOne(rule: Record<string, unknown>, direction: "ingress" | "egress" = "ingress"): Promise<string> {
    const env = await create(direction, [rule]);
    assert.equal(env.statusCode, 800, JSON.stringify(env));
    assert.equal(env.returnObj.sgRuleIDs.length, 1, JSON.stringify(env));
    return env.returnObj.sgRuleIDs[0]!;
  }

  async function describeRule(securityGroupRuleID: string, securityGroupID = sg) {
    return (await emu.get("/v4/vpc/describe-security-group-rule", { regionID: R, securityGroupID, securityGroupRuleID })).envelope<Record<string, unknown>>();
  }

  async function userRuleCount(): Promise<number> {
    return ((await emu.control.state()).resources["securityGroupRule"] ?? []).filter((r) => (r.data as { origin: string }).origin === "user").length;
  }

  describe("create-security-group-ingress|egress (ctecs host, as TF sends it)", () => {
    it("creates an ingress rule and describes it in the response forms, values verbatim", async () => {
      const env = await create("ingress", [tfRule({ range: "8000-9000", priority: 7, destCidrIp: "192.168.0.0/16", description: "web" })], { clientToken: "c-1" });
      assert.deepEqual([env.statusCode, env.errorCode, Object.keys(env.returnObj)], [800, "SUCCESS", ["sgRuleIDs"]]);
      const [id] = env.returnObj.sgRuleIDs;
      assert.match(id!, UUID);
      const rule = (await describeRule(id!)).returnObj;
      assert.deepEqual(rule, {
        id,
        securityGroupID: sg,
        direction: "ingress",
        action: "accept",
        priority: 7,
        protocol: "TCP",
        ethertype: "IPv4",
        destCidrIp: "192.168.0.0/16",
        range: "8000-9000",
        description: "web",
        remoteSecurityGroupID: "",
        prefixListID: "",
        origin: "user",
        createTime: "2024-06-01T00:00:00.000Z",
      });
    });

    it("creates an egress drop rule for IPv6 and keeps the CIDR text byte-for-byte", async () => {
      const id = await createOne(tfRule({ direction: "EGRESS", action: "DROP", protocol: "UDP", ethertype: "IPv6", destCidrIp: "2001:DB8:0::/48", range: "53" }), "egress");
      const rule = (await describeRule(id)).returnObj;
      assert.deepEqual([rule["direction"], rule["action"], rule["protocol"], rule["ethertype"], rule["destCidrIp"], rule["range"]], ["egress", "drop", "UDP", "IPv6", "2001:DB8:0::/48", "53"]);
    });

    it("accepts the lower-case direction/action of the generated docs, and ICMP with or without a type range", async () => {
      await createOne(tfRule({ direction: "ingress", action: "accept", protocol: "ICMP", range: "" }));
      await createOne(tfRule({ protocol: "ICMP", range: "8" }));
      await createOne(tfRule({ protocol: "ANY", range: "" }));
      assert.equal(await userRuleCount(), 3);
    });

    it("defaults an omitted priority to 50", async () => {
      const { priority: _omitted, ...withoutPriority } = tfRule();
      const id = await createOne(withoutPriority);
      assert.equal((await describeRule(id)).returnObj["priority"], 50);
    });

    it("creates several rules in one call and returns their ids in request order", async () => {
      const env = await create("ingress", [tfRule({ range: "80" }), tfRule({ range: "443" }), tfRule({ protocol: "UDP", range: "53" })]);
      assert.equal(env.returnObj.sgRuleIDs.length, 3);
      const ranges = [];
      for (const id of env.returnObj.sgRuleIDs) ranges.push((await describeRule(id)).returnObj["range"]);
      assert.deepEqual(ranges, ["80", "443", "53"]);
    });

    it("rejects a whole batch when one rule is invalid, naming it", async () => {
      const env = await create("ingress", [tfRule({ range: "80" }), tfRule({ range: "" })]);
      assert.deepEqual([env.statusCode, env.errorCode, env.message], [900, "Openapi.Parameter.Invalid", "securityGroupRules[1].range is required for protocol TCP"]);
      assert.equal(await userRuleCount(), 0, "nothing of the batch was created");
    });

    it("answers Openapi.SecurityGroup.NotFound for an unknown group", async () => {
      const env = await create("ingress", [tfRule()], { securityGroupID: "sg-0000000000" });
      assert.deepEqual([env.statusCode, env.errorCode], [900, "Openapi.SecurityGroup.NotFound"]);
    });

    const invalid: Array<[string, Record<string, unknown>, string]> = [
      ["a direction other than the endpoint's", { direction: "EGRESS" }, "direction must be INGRESS for create-security-group-ingress (got EGRESS)"],
      ["a mixed-case direction", { direction: "Ingress" }, 'direction must be one of INGRESS, EGRESS (got "Ingress")'],
      ["an unknown action", { action: "ALLOW" }, 'action must be one of ACCEPT, DROP (got "ALLOW")'],
      ["a lower-case protocol", { protocol: "tcp" }, 'protocol must be one of ANY, TCP, UDP, ICMP (got "tcp")'],
      ["a lower-case ethertype", { ethertype: "ipv4" }, 'ethertype must be one of IPv4, IPv6 (got "ipv4")'],
      ["priority 0", { priority: 0 }, "priority must be an integer from 1 to 100 (got 0)"],
      ["priority 101", { priority: 101 }, "priority must be an integer from 1 to 100 (got 101)"],
      ["a fractional priority", { priority: 1.5 }, "priority must be an integer from 1 to 100 (got 1.5)"],
      ["a priority sent as a string", { priority: "1" }, "securityGroupRules.0.priority: Invalid input: expected number, received string"],
      ["a TCP rule without range", { range: "" }, "range is required for protocol TCP"],
      ["a UDP rule without range", { protocol: "UDP", range: "" }, "range is required for protocol UDP"],
      ["an ANY rule with a range", { protocol: "ANY", range: "22" }, "range must be empty for protocol ANY"],
      ["port 0", { range: "0" }, 'range "0" must be a port "N" or a range "N-M" with 1 <= N <= M <= 65535'],
      ["port 65536", { range: "65536" }, 'range "65536" must be a port "N" or a range "N-M" with 1 <= N <= M <= 65535'],
      ["a reversed range", { range: "90-80" }, 'range "90-80" must be a port "N" or a range "N-M" with 1 <= N <= M <= 65535'],
      ["a range with spaces", { range: "80 - 90" }, 'range "80 - 90" must be a port "N" or a range "N-M" with 1 <= N <= M <= 65535'],
      ["a leading zero", { range: "022" }, 'range "022" must be a port "N" or a range "N-M" with 1 <= N <= M <= 65535'],
      ["a CIDR with host bits", { destCidrIp: "10.0.0.1/8" }, "destCidrIp 10.0.0.1/8 is not a network address (host bits must be zero)"],
      ["an IPv6 CIDR on an IPv4 rule", { destCidrIp: "::/0" }, "destCidrIp ::/0 is not an IPv4 CIDR (ethertype IPv4)"],
      ["an IPv4 CIDR on an IPv6 rule", { ethertype: "IPv6", destCidrIp: "0.0.0.0/0" }, "destCidrIp 0.0.0.0/0 is not an IPv6 CIDR (ethertype IPv6)"],
      ["an IPv6 CIDR with host bits", { ethertype: "IPv6", destCidrIp: "2001:db8::1/64" }, "destCidrIp 2001:db8::1/64 is not a network address (host bits must be zero)"],
      ["a bare address", { destCidrIp: "10.0.0.0" }, 'destCidrIp "10.0.0.0" is not a valid CIDR'],
      ["a /33", { destCidrIp: "10.0.0.0/33" }, 'destCidrIp "10.0.0.0/33" is not a valid CIDR'],
      ["an empty destCidrIp", { destCidrIp: "" }, 'destCidrIp "" is not a valid CIDR'],
      ["a 129-character description", { description: "d".repeat(129) }, "description must be at most 128 characters long"],
      ["remoteType 2 (prefix list)", { remoteType: 2 }, "securityGroupRules.0.remoteType: must be 0 (destCidrIp) or 1 (remoteSecurityGroupID)"],
      ["remoteType 1 without a group", { remoteType: 1 }, "remoteSecurityGroupID is required when remoteType is 1"],
    ];
    for (const [what, change, message] of invalid) {
      it(`refuses ${what}`, async () => {
        const env = await create("ingress", [tfRule(change)]);
        assert.deepEqual([env.statusCode, env.errorCode, env.message], [900, "Openapi.Parameter.Invalid", message]);
      });
    }

    it("refuses an empty rule list", async () => {
      const env = await create("ingress", []);
      assert.deepEqual([env.errorCode, env.message], ["Openapi.Parameter.Invalid", "securityGroupRules: at least one rule is required"]);
    });
  });

  describe("duplicate rules", () => {
    it("answers 800 with sgRuleIDs [] for a rule identical but for its description", async () => {
      await createOne(tfRule({ description: "first" }));
      const env = await create("ingress", [tfRule({ description: "second" })]);
      assert.deepEqual([env.statusCode, env.errorCode, env.returnObj], [800, "SUCCESS", { sgRuleIDs: [] }]);
      assert.equal(await userRuleCount(), 1);
    });

    it("compares port ranges and CIDRs by value", async () => {
      await createOne(tfRule({ range: "22" }));
      assert.deepEqual((await create("ingress", [tfRule({ range: "22-22" })])).returnObj.sgRuleIDs, []);
      await createOne(tfRule({ ethertype: "IPv6", destCidrIp: "2001:db8::/32" }));
      assert.deepEqual((await create("ingress", [tfRule({ ethertype: "IPv6", destCidrIp: "2001:0db8:0:0::/32" })])).returnObj.sgRuleIDs, []);
    });

    it("counts the platform's default egress rules", async () => {
      const env = await create("egress", [tfRule({ direction: "EGRESS", protocol: "ANY", range: "", priority: 100 })]);
      assert.deepEqual(env.returnObj.sgRuleIDs, []);
    });

    it("creates rules that differ in priority, action, direction or group", async () => {
      await createOne(tfRule());
      await createOne(tfRule({ priority: 2 }));
      await createOne(tfRule({ action: "DROP" }));
      await createOne(tfRule({ direction: "EGRESS" }), "egress");
      const other = await createGroup(emu, vpcID, { name: "sg-other" });
      assert.equal((await create("ingress", [tfRule()], { securityGroupID: other })).returnObj.sgRuleIDs.length, 1);
      assert.equal(await userRuleCount(), 5);
    });

    it("skips duplicates inside one call and returns only the new ids", async () => {
      await createOne(tfRule({ range: "80" }));
      const env = await create("ingress", [tfRule({ range: "80" }), tfRule({ range: "443" }), tfRule({ range: "443" })]);
      assert.equal(env.returnObj.sgRuleIDs.length, 1);
      assert.equal((await describeRule(env.returnObj.sgRuleIDs[0]!)).returnObj["range"], "443");
    });

    it("replays a retried create with the same clientToken (ids, not a duplicate answer)", async () => {
      const first = await create("ingress", [tfRule()], { clientToken: "retry-me" });
      const again = await create("ingress", [tfRule()], { clientToken: "retry-me" });
      assert.deepEqual(again.returnObj, first.returnObj);
      assert.equal(first.returnObj.sgRuleIDs.length, 1);
      assert.equal(await userRuleCount(), 1);
    });
  });

  describe("create-security-group-ingress|egress (ctvpc host)", () => {
    it("creates a rule whose remote is another group of the VPC", async () => {
      const remote = await createGroup(emu, vpcID, { name: "sg-remote" });
      const env = await create("ingress", [{ direction: "ingress", remoteType: 1, remoteSecurityGroupID: remote, action: "accept", priority: 5, protocol: "TCP", ethertype: "IPv4", range: "3306" }], {}, "vpc");
      assert.equal(env.statusCode, 800, JSON.stringify(env));
      const rule = (await describeRule(env.returnObj.sgRuleIDs[0]!)).returnObj;
      assert.deepEqual([rule["remoteSecurityGroupID"], rule["destCidrIp"], rule["range"]], [remote, "", "3306"]);
      const dup = await create("ingress", [{ direction: "ingress", remoteType: 1, remoteSecurityGroupID: remote, action: "accept", priority: 5, protocol: "TCP", ethertype: "IPv4", range: "3306" }], {}, "vpc");
      assert.deepEqual(dup.returnObj.sgRuleIDs, []);
    });

    it("refuses a remote group of another VPC or one that does not exist", async () => {
      const elsewhere = await createGroup(emu, await createVpc(emu, "vpc-b"), { name: "sg-far" });
      const far = await create("ingress", [tfRule({ remoteType: 1, remoteSecurityGroupID: elsewhere })], {}, "vpc");
      assert.deepEqual([far.errorCode, far.message], ["Openapi.Parameter.Invalid", `remote security group ${elsewhere} is in ${(await emu.get("/v4/vpc/describe-security-group-attribute", { regionID: R, securityGroupID: elsewhere })).envelope<{ vpcID: string }>().returnObj.vpcID}, not in the group's VPC ${vpcID}`]);
      const missing = await create("ingress", [tfRule({ remoteType: 1, remoteSecurityGroupID: "sg-0000000000" })], {}, "vpc");
      assert.equal(missing.errorCode, "Openapi.SecurityGroup.NotFound");
    });

    it("records requests under their own operation names", async () => {
      await create("egress", [tfRule({ direction: "EGRESS", range: "25" })], {}, "vpc");
      await create("ingress", [tfRule({ range: "26" })], {}, "ecs");
      const counts = await emu.control.counts();
      assert.deepEqual([counts["CreateSgEgressRule"], counts["CreateSecurityGroupIngress"]], [1, 1]);
    });
  });

  describe("GET /v4/vpc/describe-security-group-rule", () => {
    it("answers Openapi.SecurityGroupRule.NotFound for an unknown rule or one of another group", async () => {
      const id = await createOne(tfRule());
      const other = await createGroup(emu, vpcID, { name: "sg-other" });
      for (const [ruleID, groupID] of [["00000000-0000-4000-8000-000000000000", sg], [id, other]] as const) {
        const env = await describeRule(ruleID, groupID);
        assert.deepEqual([env.statusCode, env.errorCode, env.returnObj], [900, "Openapi.SecurityGroupRule.NotFound", null]);
      }
      const noGroup = await describeRule(id, "sg-0000000000");
      assert.equal(noGroup.errorCode, "Openapi.SecurityGroup.NotFound");
    });
  });

  describe("POST /v4/vpc/modify-security-group-ingress|egress", () => {
    it("changes the description, as TF sends it", async () => {
      const id = await createOne(tfRule({ description: "old" }));
      const env = (await emu.post("/v4/vpc/modify-security-group-ingress", { regionID: R, securityGroupID: sg, securityGroupRuleID: id, clientToken: "m", description: "新的描述" })).envelope();
      assert.deepEqual([env.statusCode, env.returnObj], [800, null]);
      assert.equal((await describeRule(id)).returnObj["description"], "新的描述");
    });

    it("modifies egress rules through the egress operation only", async () => {
      const id = await createOne(tfRule({ direction: "EGRESS" }), "egress");
      const wrong = (await emu.post("/v4/vpc/modify-security-group-ingress", { regionID: R, securityGroupID: sg, securityGroupRuleID: id, description: "x" })).envelope();
      assert.deepEqual([wrong.errorCode, wrong.message], ["Openapi.Parameter.Invalid", `security group rule ${id} is an egress rule: use modify-security-group-egress`]);
      const right = (await emu.post("/v4/vpc/modify-security-group-egress", { regionID: R, securityGroupID: sg, securityGroupRuleID: id, description: "x" })).envelope();
      assert.equal(right.statusCode, 800);
    });

    it("refuses to change anything but the description, and an invalid description", async () => {
      const id = await createOne(tfRule());
      const fixed = (await emu.post("/v4/vpc/modify-security-group-ingress", { regionID: R, securityGroupID: sg, securityGroupRuleID: id, description: "", priority: 9, action: "drop" })).envelope();
      assert.deepEqual([fixed.errorCode, fixed.message], ["Openapi.Parameter.Invalid", "only description can be modified; action, priority cannot change (revoke the rule and create another)"]);
      const long = (await emu.post("/v4/vpc/modify-security-group-ingress", { regionID: R, securityGroupID: sg, securityGroupRuleID: id, description: "d".repeat(129) })).envelope();
      assert.equal(long.message, "description must be at most 128 characters long");
      const rule = (await describeRule(id)).returnObj;
      assert.deepEqual([rule["priority"], rule["action"], rule["description"]], [1, "accept", ""]);
    });

    it("answers not-found for a rule that is gone", async () => {
      const env = (await emu.post("/v4/vpc/modify-security-group-ingress", { regionID: R, securityGroupID: sg, securityGroupRuleID: "00000000-0000-4000-8000-000000000000", description: "x" })).envelope();
      assert.equal(env.errorCode, "Openapi.SecurityGroupRule.NotFound");
    });
  });

  describe("POST /v4/vpc/revoke-security-group-ingress|egress", () => {
    it("removes the rule; a second revoke answers not-found", async () => {
      const id = await createOne(tfRule());
      const body = { regionID: R, securityGroupID: sg, securityGroupRuleID: id, clientToken: "r-1" };
      assert.deepEqual((await emu.post("/v4/vpc/revoke-security-group-ingress", body)).envelope().returnObj, null);
      assert.equal((await describeRule(id)).errorCode, "Openapi.SecurityGroupRule.NotFound");
      const again = (await emu.post("/v4/vpc/revoke-security-group-ingress", { ...body, clientToken: "r-2" })).envelope();
      assert.equal(again.errorCode, "Openapi.SecurityGroupRule.NotFound");
      assert.equal((await create("ingress", [tfRule()])).returnObj.sgRuleIDs.length, 1, "the same rule can be created again");
    });

    it("revokes a default rule through the egress operation, not the ingress one", async () => {
      const group = (await emu.get("/v4/vpc/describe-security-group-attribute", { regionID: R, securityGroupID: sg, direction: "egress" })).envelope<{ securityGroupRuleList: Array<{ id: string }> }>().returnObj;
      const id = group.securityGroupRuleList[0]!.id;
      const wrong = (await emu.post("/v4/vpc/revoke-security-group-ingress", { regionID: R, securityGroupID: sg, securityGroupRuleID: id })).envelope();
      assert.equal(wrong.message, `security group rule ${id} is an egress rule: use revoke-security-group-egress`);
      assert.equal((await emu.post("/v4/vpc/revoke-security-group-egress", { regionID: R, securityGroupID: sg, securityGroupRuleID: id })).envelope().statusCode, 800);
      const left = (await emu.get("/v4/vpc/describe-security-group-attribute", { regionID: R, securityGroupID: sg })).envelope<{ securityGroupRuleList: unknown[] }>().returnObj;
      assert.equal(left.securityGroupRuleList.length, 1);
    });
  });
});
