import assert from "node:assert/strict";
import { REGION_HUABEI2, REGION_HUADONG1, useEmulator } from "../helpers/emulator";

describe("emulator: VPC operations", () => {
  const emu = useEmulator();

  async function createVpc(body: Record<string, unknown> = {}): Promise<string> {
    const res = await emu.post("/v4/vpc/create", { regionID: REGION_HUADONG1, name: "vpc-a", CIDR: "10.0.0.0/16", description: "", enableIpv6: false, ...body });
    const envelope = res.envelope<{ vpcID: string }>();
    assert.equal(envelope.statusCode, 800, JSON.stringify(envelope));
    return envelope.returnObj.vpcID;
  }

  it("creates a VPC and returns it from query with exact field types", async () => {
    const res = await emu.post("/v4/vpc/create", { regionID: REGION_HUADONG1, clientToken: "t-1", name: "网络-a", CIDR: "172.16.0.0/12", description: "d", enableIpv6: true });
    assert.equal(res.status, 200);
    const created = res.envelope<{ vpcID: string }>();
    assert.equal(created.statusCode, 800);
    assert.equal(created.errorCode, "SUCCESS");
    assert.match(created.returnObj.vpcID, /^vpc-[a-z0-9]{10}$/);
    const vpc = (await emu.get("/v4/vpc/query", { regionID: REGION_HUADONG1, vpcID: created.returnObj.vpcID })).envelope<Record<string, unknown>>().returnObj;
    assert.deepEqual(
      { ...vpc, ipv6CIDRS: (vpc["ipv6CIDRS"] as string[]).length, ipv6Infos: (vpc["ipv6Infos"] as Array<{ ipv6CIDR: string }>).map((info) => info.ipv6CIDR === (vpc["ipv6CIDRS"] as string[])[0]) },
      {
        vpcID: created.returnObj.vpcID,
        name: "网络-a",
        description: "d",
        CIDR: "172.16.0.0/12",
        ipv6Enabled: true,
        enableIpv6: true,
        ipv6CIDRS: 1,
        ipv6Infos: [true],
        subnetIDs: [],
        natGatewayIDs: [],
        secondaryCIDRs: [],
        secondaryCIDRS: [],
        projectID: "0",
        dhcpOptionsSetID: "",
        createdAt: "2024-06-01T00:00:00.000Z",
        updatedAt: "2024-06-01T00:00:00.000Z",
      },
    );
  });

  it("replays a create with the same clientToken and refuses the token with other parameters", async () => {
    const body = { regionID: REGION_HUADONG1, clientToken: "same", name: "vpc-b", CIDR: "10.1.0.0/16", enableIpv6: false };
    const first = (await emu.post("/v4/vpc/create", body)).envelope<{ vpcID: string }>();
    const second = (await emu.post("/v4/vpc/create", body)).envelope<{ vpcID: string }>();
    assert.equal(second.returnObj.vpcID, first.returnObj.vpcID);
    const conflict = (await emu.post("/v4/vpc/create", { ...body, CIDR: "10.2.0.0/16" })).envelope();
    assert.equal(conflict.statusCode, 900);
    assert.equal(conflict.errorCode, "Openapi.ClientToken.Conflict");
    assert.equal(((await emu.control.state()).resources["vpc"] ?? []).length, 1);
  });

  const invalid: Array<[string, Record<string, unknown>, string]> = [
    ["a CIDR not in network form", { CIDR: "10.0.0.1/16" }, "CIDR 10.0.0.1/16 is not a network address"],
    ["a /29 mask", { CIDR: "10.0.0.0/29" }, "CIDR mask must be between 8 and 28"],
    ["a malformed CIDR", { CIDR: "10.0.0/16" }, "CIDR 10.0.0/16 is not a valid IPv4 CIDR"],
    ["a one-character name", { name: "a" }, "name must be 2-32 characters long"],
    ["a name starting with a digit", { name: "1vpc" }, "name must start with a letter or Chinese character and contain only letters, digits, Chinese characters, '_' and '-'"],
    ["a description starting with https:", { description: "https://x" }, "description must not start with http: or https:"],
    ["a bad project id", { projectID: "XYZ" }, "projectID must be empty, 0 or 32 lower-case letters and digits"],
    ["enableIpv6 as a string", { enableIpv6: "true" }, "enableIpv6: Invalid input: expected boolean, received string"],
  ];
  for (const [title, body, message] of invalid) {
    it(`rejects ${title} with Openapi.Parameter.Invalid`, async () => {
      const envelope = (await emu.post("/v4/vpc/create", { regionID: REGION_HUADONG1, name: "vpc-a", CIDR: "10.0.0.0/16", ...body })).envelope();
      assert.deepEqual({ statusCode: envelope.statusCode, errorCode: envelope.errorCode, message: envelope.message }, { statusCode: 900, errorCode: "Openapi.Parameter.Invalid", message });
      assert.equal(typeof envelope.description, "string");
    });
  }

  it("answers Unknown.Region.RegionIDError for an unknown region", async () => {
    const envelope = (await emu.post("/v4/vpc/create", { regionID: "0".repeat(32), name: "vpc-a", CIDR: "10.0.0.0/16" })).envelope();
    assert.equal(envelope.errorCode, "Unknown.Region.RegionIDError");
  });

  it("answers Openapi.Vpc.NotFound for an unknown VPC and for a VPC of another region", async () => {
    const vpcID = await createVpc();
    for (const [region, id] of [[REGION_HUADONG1, "vpc-0000000000"], [REGION_HUABEI2, vpcID]] as const) {
      const envelope = (await emu.get("/v4/vpc/query", { regionID: region, vpcID: id })).envelope();
      assert.deepEqual([envelope.statusCode, envelope.errorCode], [900, "Openapi.Vpc.NotFound"]);
    }
  });

  it("updates name and description", async () => {
    const vpcID = await createVpc();
    const res = (await emu.post("/v4/vpc/update", { regionID: REGION_HUADONG1, vpcID, name: "vpc-new", description: "new" })).envelope();
    assert.equal(res.statusCode, 800);
    emu.clock.advance(1000);
    const vpc = (await emu.get("/v4/vpc/query", { regionID: REGION_HUADONG1, vpcID })).envelope<Record<string, unknown>>().returnObj;
    assert.deepEqual([vpc["name"], vpc["description"], vpc["CIDR"]], ["vpc-new", "new", "10.0.0.0/16"]);
  });

  it("refuses to delete a VPC that still has subnets or security groups, then deletes it", async () => {
    const vpcID = await createVpc();
    const store = emu.app.context.store;
    store.collection("subnet").insert(REGION_HUADONG1, "subnet-aaaaaaaaaa", { subnetID: "subnet-aaaaaaaaaa", vpcID });
    let envelope = (await emu.post("/v4/vpc/delete", { regionID: REGION_HUADONG1, vpcID })).envelope();
    assert.deepEqual([envelope.statusCode, envelope.errorCode, envelope.message], [900, "Openapi.Resource.InUse", `vpc ${vpcID} still has subnets: subnet-aaaaaaaaaa`]);
    store.collection("subnet").delete(REGION_HUADONG1, "subnet-aaaaaaaaaa");
    store.collection("securityGroup").insert(REGION_HUADONG1, "sg-aaaaaaaaaa", { id: "sg-aaaaaaaaaa", vpcID });
    envelope = (await emu.post("/v4/vpc/delete", { regionID: REGION_HUADONG1, vpcID })).envelope();
    assert.equal(envelope.message, `vpc ${vpcID} still has security groups: sg-aaaaaaaaaa`);
    store.collection("securityGroup").delete(REGION_HUADONG1, "sg-aaaaaaaaaa");
    envelope = (await emu.post("/v4/vpc/delete", { regionID: REGION_HUADONG1, vpcID })).envelope();
    assert.equal(envelope.statusCode, 800);
    assert.equal((await emu.get("/v4/vpc/query", { regionID: REGION_HUADONG1, vpcID })).envelope().errorCode, "Openapi.Vpc.NotFound");
  });

  it("deletes the platform's default security group (and its rules) with its VPC", async () => {
    const vpcID = await createVpc();
    const store = emu.app.context.store;
    store.collection("securityGroup").insert(REGION_HUADONG1, "sg-default00", { id: "sg-default00", vpcID, origin: "default" });
    store.collection("securityGroupRule").insert(REGION_HUADONG1, "rule-default-1", { id: "rule-default-1", securityGroupID: "sg-default00" });
    assert.equal((await emu.post("/v4/vpc/delete", { regionID: REGION_HUADONG1, vpcID })).envelope().statusCode, 800);
    const resources = (await emu.control.state()).resources;
    assert.deepEqual([resources["securityGroup"] ?? [], resources["securityGroupRule"] ?? []], [[], []]);
  });

  it("lists VPCs with paging (pageNo or the deprecated pageNumber) and an id filter", async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(await createVpc({ name: `vpc-${i}`, CIDR: `10.${i}.0.0/16` }));
    const page2 = (await emu.get("/v4/vpc/new-list", { regionID: REGION_HUADONG1, pageNumber: "2", pageSize: "2", projectID: "" })).envelope<Record<string, unknown>>().returnObj;
    assert.deepEqual([page2["totalCount"], page2["currentCount"], page2["totalPage"]], [3, 1, 2]);
    assert.deepEqual((page2["vpcs"] as Array<{ vpcID: string }>).map((v) => v.vpcID), [ids[2]]);
    const filtered = (await emu.get("/v4/vpc/new-list", { regionID: REGION_HUADONG1, vpcID: `${ids[0]},${ids[1]}` })).envelope<{ vpcs: Array<{ vpcID: string }> }>().returnObj;
    assert.deepEqual(filtered.vpcs.map((v) => v.vpcID), [ids[0], ids[1]]);
    const tooBig = (await emu.get("/v4/vpc/new-list", { regionID: REGION_HUADONG1, pageSize: "51" })).envelope();
    assert.equal(tooBig.errorCode, "Openapi.Parameter.Invalid");
  });

  it("enforces the per-region VPC quota", async () => {
    for (let i = 0; i < 50; i++) await createVpc({ name: `q-${i}`, CIDR: `10.${i}.0.0/16` });
    const envelope = (await emu.post("/v4/vpc/create", { regionID: REGION_HUADONG1, name: "q-last", CIDR: "10.99.0.0/16" })).envelope();
    assert.equal(envelope.errorCode, "Openapi.Quota.Exceeded");
    assert.equal((await emu.post("/v4/vpc/create", { regionID: REGION_HUABEI2, name: "other", CIDR: "10.99.0.0/16" })).envelope().statusCode, 800, "quotas are per region");
  });
});
