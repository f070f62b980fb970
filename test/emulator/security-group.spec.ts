/** Security groups (spec D.3) in the emulator: exact envelopes, field types, rules and invariants. */
import assert from "node:assert/strict";
import type { InstanceRecord } from "../../emulator/services/ecs/records";
import { REGION_HUABEI2, REGION_HUADONG1, useEmulator, type EmulatorHarness } from "../helpers/emulator";

const R = REGION_HUADONG1;

async function createVpc(emu: EmulatorHarness, name = "vpc-a", region = R): Promise<string> {
  const env = (await emu.post("/v4/vpc/create", { regionID: region, name, CIDR: "10.0.0.0/16", enableIpv6: false })).envelope<{ vpcID: string }>();
  assert.equal(env.statusCode, 800, JSON.stringify(env));
  return env.returnObj.vpcID;
}

async function createGroup(emu: EmulatorHarness, vpcID: string, body: Record<string, unknown> = {}): Promise<string> {
  const env = (await emu.post("/v4/vpc/create-security-group", { regionID: R, vpcID, name: "sg-web", description: "", ...body })).envelope<{ securityGroupID: string }>();
  assert.equal(env.statusCode, 800, JSON.stringify(env));
  return env.returnObj.securityGroupID;
}

/**
 * An instance as the ECS service stores it, reduced to what this service reads (`secGroupIDs`):
 * written straight into the store, as the ECS service would.
 */
function insertInstance(emu: EmulatorHarness, instanceID: string, secGroupIDs: string[]): void {
  const record: Pick<InstanceRecord, "instanceID" | "instanceName" | "instanceStatus" | "secGroupIDs" | "networkCardList"> = {
    instanceID,
    instanceName: instanceID,
    instanceStatus: "running",
    secGroupIDs,
    networkCardList: [],
  };
  emu.app.context.store.collection<typeof record>("instance").insert(R, instanceID, record);
}

const DEFAULT_RULES = [
  { direction: "egress", action: "accept", priority: 100, protocol: "ANY", ethertype: "IPv4", destCidrIp: "0.0.0.0/0", range: "", description: "", origin: "default" },
  { direction: "egress", action: "accept", priority: 100, protocol: "ANY", ethertype: "IPv6", destCidrIp: "::/0", range: "", description: "", origin: "default" },
];

function withoutIds(rules: Array<Record<string, unknown>>): Array<Record<string, unknown>> {
  return rules.map(({ direction, action, priority, protocol, ethertype, destCidrIp, range, description, origin }) => ({
    direction, action, priority, protocol, ethertype, destCidrIp, range, description, origin,
  }));
}

describe("emulator: security groups", () => {
  const emu = useEmulator();
  let vpcID: string;
  beforeEach(async () => {
    vpcID = await createVpc(emu);
  });

  describe("POST /v4/vpc/create-security-group", () => {
    it("creates a group with the platform's default egress rules and exact field types", async () => {
      const res = await emu.post("/v4/vpc/create-security-group", { clientToken: "t-1", regionID: R, vpcID, name: "安全组-web", description: "web tier" });
      assert.equal(res.status, 200);
      const created = res.envelope<{ securityGroupID: string }>();
      assert.deepEqual({ statusCode: created.statusCode, errorCode: created.errorCode, keys: Object.keys(created.returnObj) }, { statusCode: 800, errorCode: "SUCCESS", keys: ["securityGroupID"] });
      const id = created.returnObj.securityGroupID;
      assert.match(id, /^sg-[a-z0-9]{10}$/);
      const group = (await emu.get("/v4/vpc/describe-security-group-attribute", { regionID: R, securityGroupID: id, direction: "all" })).envelope<Record<string, any>>().returnObj;
      const rules = group["securityGroupRuleList"] as Array<Record<string, unknown>>;
      assert.deepEqual(
        { ...group, securityGroupRuleList: withoutIds(rules) },
        {
          id,
          securityGroupName: "安全组-web",
          vpcID,
          vpcName: "vpc-a",
          description: "web tier",
          vmNum: 0,
          origin: "user",
          creationTime: "2024-06-01T00:00:00.000Z",
          projectID: "0",
          securityGroupRuleList: DEFAULT_RULES,
        },
      );
      for (const rule of rules) {
        assert.match(rule["id"] as string, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        assert.equal(rule["securityGroupID"], id);
        assert.ok(Number.isInteger(rule["priority"]));
        assert.deepEqual([rule["remoteSecurityGroupID"], rule["prefixListID"], rule["createTime"]], ["", "", "2024-06-01T00:00:00.000Z"]);
      }
    });

    it("replays a create with the same clientToken and refuses the token with other parameters", async () => {
      const body = { clientToken: "same", regionID: R, vpcID, name: "sg-a", description: "" };
      const first = (await emu.post("/v4/vpc/create-security-group", body)).envelope<{ securityGroupID: string }>();
      const second = (await emu.post("/v4/vpc/create-security-group", body)).envelope<{ securityGroupID: string }>();
      assert.equal(second.returnObj.securityGroupID, first.returnObj.securityGroupID);
      const conflict = (await emu.post("/v4/vpc/create-security-group", { ...body, name: "sg-b" })).envelope();
      assert.deepEqual([conflict.statusCode, conflict.errorCode], [900, "Openapi.ClientToken.Conflict"]);
      const state = await emu.control.state();
      assert.equal((state.resources["securityGroup"] ?? []).length, 1);
      assert.equal((state.resources["securityGroupRule"] ?? []).length, 2, "the default rules exist once");
    });

    it("refuses a VPC that does not exist in the region", async () => {
      const missing = (await emu.post("/v4/vpc/create-security-group", { regionID: R, vpcID: "vpc-0000000000", name: "sg-a" })).envelope();
      assert.deepEqual([missing.statusCode, missing.errorCode, missing.message], [900, "Openapi.Vpc.NotFound", "vpc vpc-0000000000 not found"]);
      const otherRegion = (await emu.post("/v4/vpc/create-security-group", { regionID: REGION_HUABEI2, vpcID, name: "sg-a" })).envelope();
      assert.equal(otherRegion.errorCode, "Openapi.Vpc.NotFound");
      assert.equal(((await emu.control.state()).resources["securityGroup"] ?? []).length, 0);
    });

    const invalid: Array<[string, Record<string, unknown>, string]> = [
      ["a one-character name", { name: "a" }, "name must be 2-32 characters long"],
      ["a 33-character name", { name: "a".repeat(33) }, "name must be 2-32 characters long"],
      ["a name starting with a digit", { name: "1sg" }, "name must start with a letter or Chinese character and contain only letters, digits, Chinese characters, '_' and '-'"],
      ["a name with a space", { name: "my sg" }, "name must start with a letter or Chinese character and contain only letters, digits, Chinese characters, '_' and '-'"],
      ["a 129-character description", { description: "d".repeat(129) }, "description must be at most 128 characters long"],
      ["a description starting with https:", { description: "https://x" }, "description must not start with http: or https:"],
      ["a missing vpcID", { vpcID: undefined }, "vpcID: Invalid input: expected string, received undefined"],
      ["a malformed projectID", { projectID: "P" }, "projectID must be empty, 0 or 32 lower-case letters and digits"],
      ["a 65-character clientToken", { clientToken: "t".repeat(65) }, "clientToken: Too big: expected string to have <=64 characters"],
    ];
    for (const [what, change, message] of invalid) {
      it(`refuses ${what}`, async () => {
        const env = (await emu.post("/v4/vpc/create-security-group", { regionID: R, vpcID, name: "sg-a", ...change })).envelope();
        assert.deepEqual([env.statusCode, env.errorCode, env.message], [900, "Openapi.Parameter.Invalid", message]);
      });
    }
  });

  describe("GET /v4/vpc/describe-security-group-attribute", () => {
    it("filters the rule list by direction", async () => {
      const id = await createGroup(emu, vpcID);
      const ingress = await emu.post("/v4/ecs/vpc/create-security-group-ingress", {
        regionID: R, securityGroupID: id, clientToken: "c",
        securityGroupRules: [{ direction: "INGRESS", action: "ACCEPT", priority: 1, protocol: "TCP", ethertype: "IPv4", destCidrIp: "0.0.0.0/0", description: "", range: "22" }],
      });
      assert.equal(ingress.envelope().statusCode, 800);
      const directions = async (direction?: string) => {
        const query: Record<string, string> = { regionID: R, securityGroupID: id, ...(direction ? { direction } : {}) };
        const group = (await emu.get("/v4/vpc/describe-security-group-attribute", query)).envelope<{ securityGroupRuleList: Array<{ direction: string }> }>().returnObj;
        return group.securityGroupRuleList.map((r) => r.direction);
      };
      assert.deepEqual(await directions("all"), ["egress", "egress", "ingress"]);
      assert.deepEqual(await directions(), ["egress", "egress", "ingress"]);
      assert.deepEqual(await directions("ingress"), ["ingress"]);
      assert.deepEqual(await directions("egress"), ["egress", "egress"]);
      const bad = (await emu.get("/v4/vpc/describe-security-group-attribute", { regionID: R, securityGroupID: id, direction: "INGRESS" })).envelope();
      assert.deepEqual([bad.errorCode, bad.message], ["Openapi.Parameter.Invalid", 'direction: Invalid option: expected one of "all"|"ingress"|"egress"']);
    });

    it("counts the instances using the group in vmNum (a number)", async () => {
      const id = await createGroup(emu, vpcID);
      const other = await createGroup(emu, vpcID, { name: "sg-other" });
      insertInstance(emu, "11111111-1111-4111-8111-111111111111", [id, other]);
      insertInstance(emu, "22222222-2222-4222-8222-222222222222", [other]);
      const vmNum = async (securityGroupID: string) =>
        (await emu.get("/v4/vpc/describe-security-group-attribute", { regionID: R, securityGroupID })).envelope<{ vmNum: unknown }>().returnObj.vmNum;
      assert.equal(await vmNum(id), 1);
      assert.equal(await vmNum(other), 2);
    });

    it("answers Openapi.SecurityGroup.NotFound for an unknown group, another region or another project", async () => {
      const id = await createGroup(emu, vpcID);
      for (const query of [
        { regionID: R, securityGroupID: "sg-0000000000" },
        { regionID: REGION_HUABEI2, securityGroupID: id },
        { regionID: R, securityGroupID: id, projectID: "0123456789abcdef0123456789abcdef" },
      ]) {
        const env = (await emu.get("/v4/vpc/describe-security-group-attribute", query)).envelope();
        assert.deepEqual([env.statusCode, env.errorCode, typeof env.message, typeof env.description, env.returnObj], [900, "Openapi.SecurityGroup.NotFound", "string", "string", null]);
      }
      const sameProject = (await emu.get("/v4/vpc/describe-security-group-attribute", { regionID: R, securityGroupID: id, projectID: "" })).envelope();
      assert.equal(sameProject.statusCode, 800, "an empty projectID (as the SDK sends it) is the default project");
    });
  });

  describe("POST /v4/vpc/modify-security-group-attribute", () => {
    it("renames and re-describes the group, as TF sends it (enabled: true)", async () => {
      const id = await createGroup(emu, vpcID, { description: "old" });
      const res = (await emu.post("/v4/vpc/modify-security-group-attribute", { clientToken: "m", regionID: R, name: "sg-new", description: "new", enabled: true, securityGroupID: id })).envelope();
      assert.deepEqual([res.statusCode, res.returnObj], [800, null]);
      const group = (await emu.get("/v4/vpc/describe-security-group-attribute", { regionID: R, securityGroupID: id })).envelope<Record<string, unknown>>().returnObj;
      assert.deepEqual([group["securityGroupName"], group["description"]], ["sg-new", "new"]);
    });

    it("changes only what is sent", async () => {
      const id = await createGroup(emu, vpcID, { description: "kept" });
      await emu.post("/v4/vpc/modify-security-group-attribute", { regionID: R, name: "sg-only-name", securityGroupID: id });
      const group = (await emu.get("/v4/vpc/describe-security-group-attribute", { regionID: R, securityGroupID: id })).envelope<Record<string, unknown>>().returnObj;
      assert.deepEqual([group["securityGroupName"], group["description"]], ["sg-only-name", "kept"]);
    });

    it("validates the new name and answers not-found for an unknown group", async () => {
      const id = await createGroup(emu, vpcID);
      const bad = (await emu.post("/v4/vpc/modify-security-group-attribute", { regionID: R, name: "x", securityGroupID: id })).envelope();
      assert.deepEqual([bad.errorCode, bad.message], ["Openapi.Parameter.Invalid", "name must be 2-32 characters long"]);
      const missing = (await emu.post("/v4/vpc/modify-security-group-attribute", { regionID: R, name: "sg-x", securityGroupID: "sg-0000000000" })).envelope();
      assert.equal(missing.errorCode, "Openapi.SecurityGroup.NotFound");
    });
  });

  describe("POST /v4/vpc/delete-security-group", () => {
    it("deletes the group and its rules", async () => {
      const id = await createGroup(emu, vpcID);
      const res = (await emu.post("/v4/vpc/delete-security-group", { clientToken: "d", regionID: R, securityGroupID: id })).envelope();
      assert.deepEqual([res.statusCode, res.returnObj], [800, null]);
      const state = await emu.control.state();
      assert.deepEqual([state.resources["securityGroup"] ?? [], state.resources["securityGroupRule"] ?? []], [[], []]);
      const again = (await emu.post("/v4/vpc/delete-security-group", { clientToken: "d2", regionID: R, securityGroupID: id })).envelope();
      assert.equal(again.errorCode, "Openapi.SecurityGroup.NotFound");
    });

    it("refuses with Openapi.Resource.InUse while an instance uses the group", async () => {
      const id = await createGroup(emu, vpcID);
      insertInstance(emu, "33333333-3333-4333-8333-333333333333", [id]);
      const env = (await emu.post("/v4/vpc/delete-security-group", { regionID: R, securityGroupID: id })).envelope();
      assert.deepEqual(
        [env.statusCode, env.errorCode, env.message],
        [900, "Openapi.Resource.InUse", "security group " + id + " is still used by instances: 33333333-3333-4333-8333-333333333333"],
      );
      emu.app.context.store.collection("instance").delete(R, "33333333-3333-4333-8333-333333333333");
      assert.equal((await emu.post("/v4/vpc/delete-security-group", { regionID: R, securityGroupID: id })).envelope().statusCode, 800);
    });

    it("refuses while another group's rule names it as remote group", async () => {
      const target = await createGroup(emu, vpcID, { name: "sg-db" });
      const user = await createGroup(emu, vpcID, { name: "sg-app" });
      const created = (await emu.post("/v4/vpc/create-security-group-ingress", {
        regionID: R, securityGroupID: user,
        securityGroupRules: [{ direction: "ingress", action: "accept", priority: 10, protocol: "TCP", ethertype: "IPv4", range: "5432", remoteType: 1, remoteSecurityGroupID: target }],
      })).envelope<{ sgRuleIDs: string[] }>();
      assert.equal(created.returnObj.sgRuleIDs.length, 1);
      const env = (await emu.post("/v4/vpc/delete-security-group", { regionID: R, securityGroupID: target })).envelope();
      assert.deepEqual([env.errorCode, env.message], ["Openapi.Resource.InUse", `security group ${target} is referenced by rules of security groups: ${user}`]);
    });

    it("keeps the VPC from being deleted while it holds a group", async () => {
      const id = await createGroup(emu, vpcID);
      const refused = (await emu.post("/v4/vpc/delete", { regionID: R, vpcID })).envelope();
      assert.equal(refused.errorCode, "Openapi.Resource.InUse");
      await emu.post("/v4/vpc/delete-security-group", { regionID: R, securityGroupID: id });
      assert.equal((await emu.post("/v4/vpc/delete", { regionID: R, vpcID })).envelope().statusCode, 800);
    });
  });

  describe("GET /v4/vpc/new-query-security-groups", () => {
    it("lists with paging, counts and filters", async () => {
      const otherVpc = await createVpc(emu, "vpc-b");
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push(await createGroup(emu, vpcID, { name: `sg-page-${i}` }));
      const elsewhere = await createGroup(emu, otherVpc, { name: "sg-elsewhere" });
      insertInstance(emu, "44444444-4444-4444-8444-444444444444", [ids[1]!]);

      const page = (await emu.get("/v4/vpc/new-query-security-groups", { regionID: R, pageNo: "2", pageSize: "2" })).envelope<Record<string, any>>().returnObj;
      assert.deepEqual(
        { ids: page["securityGroups"].map((g: { id: string }) => g.id), totalCount: page["totalCount"], currentCount: page["currentCount"], totalPage: page["totalPage"] },
        { ids: [ids[2], elsewhere], totalCount: 4, currentCount: 2, totalPage: 2 },
      );
      const row = page["securityGroups"][0];
      assert.deepEqual(Object.keys(row).sort(), ["creationTime", "description", "id", "origin", "projectID", "securityGroupName", "securityGroupRuleList", "vmNum", "vpcID", "vpcName"]);
      const list = async (query: Record<string, string>) =>
        (await emu.get("/v4/vpc/new-query-security-groups", { regionID: R, ...query })).envelope<{ securityGroups: Array<{ id: string }> }>().returnObj.securityGroups.map((g) => g.id);
      assert.deepEqual(await list({ vpcID: otherVpc }), [elsewhere]);
      assert.deepEqual(await list({ queryContent: ids[0]! }), [ids[0]]);
      assert.deepEqual(await list({ queryContent: "page" }), ids);
      assert.deepEqual(await list({ instanceID: "44444444-4444-4444-8444-444444444444" }), [ids[1]]);
      assert.deepEqual(await list({ pageNumber: "2", pageSize: "3" }), [elsewhere], "the deprecated pageNumber works too");
      const tooBig = (await emu.get("/v4/vpc/new-query-security-groups", { regionID: R, pageSize: "51" })).envelope();
      assert.deepEqual([tooBig.errorCode, tooBig.message], ["Openapi.Parameter.Invalid", "pageSize must not exceed 50"]);
    });
  });
});
