import assert from "node:assert/strict";
import { addressText, addressValue, isIpv6 } from "../../emulator/services/shared/ip";
import { ipv6SubnetOf } from "../../emulator/services/vpc/subnet-ipv6";
import { REGION_HUABEI2, REGION_HUADONG1, useEmulator } from "../helpers/emulator";

const ZONES_HUADONG1 = ["cn-huadong1-jsnj1A-public-ctcloud", "cn-huadong1-jsnj2A-public-ctcloud", "cn-huadong1-jsnj3A-public-ctcloud"];

describe("emulator: subnet operations", () => {
  const emu = useEmulator();

  async function createVpc(body: Record<string, unknown> = {}): Promise<string> {
    const envelope = (await emu.post("/v4/vpc/create", { regionID: REGION_HUADONG1, name: "vpc-a", CIDR: "10.0.0.0/16", ...body })).envelope<{ vpcID: string }>();
    assert.equal(envelope.statusCode, 800, JSON.stringify(envelope));
    return envelope.returnObj.vpcID;
  }

  async function createSubnet(vpcID: string, body: Record<string, unknown> = {}): Promise<string> {
    const envelope = (
      await emu.post("/v4/vpc/create-subnet", { regionID: REGION_HUADONG1, vpcID, name: "subnet-a", CIDR: "10.0.1.0/24", dnsList: ["8.8.8.8"], ...body })
    ).envelope<{ subnetID: string }>();
    assert.equal(envelope.statusCode, 800, JSON.stringify(envelope));
    return envelope.returnObj.subnetID;
  }

  async function querySubnet(subnetID: string, regionID = REGION_HUADONG1) {
    return (await emu.get("/v4/vpc/query-subnet", { regionID, subnetID })).envelope<Record<string, unknown>>();
  }

  /** Inserts a minimal instance record (owned by the ECS service) with NICs in the given subnets. */
  function insertInstance(instanceID: string, nics: Array<{ subnetID: string; ip: string }>, regionID = REGION_HUADONG1): void {
    emu.app.context.store.collection<Record<string, unknown>>("instance").insert(regionID, instanceID, {
      instanceID,
      instanceStatus: "running",
      networkCardList: nics.map((nic, i) => ({ isMaster: i === 0, subnetID: nic.subnetID, IPv4Address: nic.ip, IPv6Address: [], nicID: `port-${instanceID.slice(0, 6)}${i}` })),
      secGroupIDs: [],
    });
  }

  function failure(envelope: { statusCode: number; errorCode: string; message: string; description: string }) {
    assert.equal(typeof envelope.description, "string");
    return { statusCode: envelope.statusCode, errorCode: envelope.errorCode, message: envelope.message };
  }

  it("creates a subnet (the full TF request) and returns it from query-subnet with every field and exact JSON types", async () => {
    const vpcID = await createVpc();
    const res = await emu.post("/v4/vpc/create-subnet", {
      regionID: REGION_HUADONG1,
      clientToken: "subnet-token-1",
      name: "子网-web_1",
      vpcID,
      CIDR: "10.0.1.0/24",
      description: "web tier",
      enableIpv6: false,
      dnsList: ["8.8.8.8", "114.114.114.114"],
      subnetType: "common",
    });
    assert.equal(res.status, 200);
    const created = res.envelope<{ subnetID: string }>();
    assert.deepEqual([created.statusCode, created.errorCode], [800, "SUCCESS"]);
    assert.deepEqual(Object.keys(created.returnObj), ["subnetID"]);
    const subnetID = created.returnObj.subnetID;
    assert.match(subnetID, /^subnet-[a-z0-9]{10}$/);

    const queried = await querySubnet(subnetID);
    assert.equal(queried.statusCode, 800);
    assert.deepEqual(queried.returnObj, {
      subnetID,
      name: "子网-web_1",
      description: "web tier",
      vpcID,
      availabilityZones: ZONES_HUADONG1,
      routeTableID: `rtb-${vpcID.slice(4)}`,
      networkAclID: "",
      CIDR: "10.0.1.0/24",
      gateway: "10.0.1.1",
      gatewayIP: "10.0.1.1",
      start: "10.0.1.2",
      end: "10.0.1.252",
      availableIpCount: 251,
      availableIPCount: 251,
      ipv6Enabled: 0,
      enableIpv6: false,
      ipv6CIDR: "",
      ipv6Start: "",
      ipv6End: "",
      ipv6GatewayIP: "",
      dnsList: ["8.8.8.8", "114.114.114.114"],
      systemDnsList: ["114.114.114.114", "8.8.8.8"],
      ntpList: [],
      ipv6Info: null,
      type: 0,
      projectID: "0",
      createdAt: "2024-06-01T00:00:00.000Z",
      updatedAt: "2024-06-01T00:00:00.000Z",
      // The Go SDK's subnet list reads createAt/updateAt.
      createAt: "2024-06-01T00:00:00.000Z",
      updateAt: "2024-06-01T00:00:00.000Z",
    });
  });

  it("lays out the smallest (/28) and largest (/16) subnets with the documented reservations", async () => {
    const vpcID = await createVpc({ CIDR: "192.168.0.0/16" });
    const small = (await querySubnet(await createSubnet(vpcID, { name: "small", CIDR: "192.168.0.0/28" }))).returnObj;
    assert.deepEqual([small["gateway"], small["start"], small["end"], small["availableIpCount"]], ["192.168.0.1", "192.168.0.2", "192.168.0.12", 11]);
    const vpc2 = await createVpc({ name: "vpc-b", CIDR: "172.16.0.0/12" });
    const large = (await querySubnet(await createSubnet(vpc2, { name: "large", CIDR: "172.20.0.0/16" }))).returnObj;
    assert.deepEqual([large["gateway"], large["start"], large["end"], large["availableIPCount"]], ["172.20.0.1", "172.20.0.2", "172.20.255.252", 65531]);
  });

  it("fills the default DNS servers when dnsList is absent or null, and maps subnetType cbm to type 1", async () => {
    const vpcID = await createVpc();
    const absent = (await querySubnet(await createSubnet(vpcID, { dnsList: undefined, subnetType: "cbm" }))).returnObj;
    assert.deepEqual([absent["dnsList"], absent["type"]], [["114.114.114.114", "8.8.8.8"], 1]);
    const nulled = (await querySubnet(await createSubnet(vpcID, { name: "nulled", CIDR: "10.0.2.0/24", dnsList: null }))).returnObj;
    assert.deepEqual([nulled["dnsList"], nulled["type"]], [["114.114.114.114", "8.8.8.8"], 0]);
  });

  it("gives IPv6 subnets the lowest free /64 of the VPC's range, and reports IPv6 as int and bool", async () => {
    const vpcID = await createVpc({ enableIpv6: true });
    const vpc = (await emu.get("/v4/vpc/query", { regionID: REGION_HUADONG1, vpcID })).envelope<{ ipv6CIDRS: string[] }>().returnObj;
    const prefix = (vpc.ipv6CIDRS[0] as string).replace(/00::\/56$/, "");
    const first = (await querySubnet(await createSubnet(vpcID, { enableIpv6: true }))).returnObj;
    assert.deepEqual(
      [first["ipv6Enabled"], first["enableIpv6"], first["ipv6CIDR"], first["ipv6GatewayIP"], first["ipv6Start"], first["ipv6End"]],
      [1, true, `${prefix}00::/64`, `${prefix}00::1`, `${prefix}00::2`, `${prefix}00:ffff:ffff:ffff:fffe`],
    );
    const plain = (await querySubnet(await createSubnet(vpcID, { name: "plain", CIDR: "10.0.2.0/24" }))).returnObj;
    assert.deepEqual([plain["ipv6Enabled"], plain["enableIpv6"], plain["ipv6CIDR"]], [0, false, ""]);
    const second = (await querySubnet(await createSubnet(vpcID, { name: "second", CIDR: "10.0.3.0/24", enableIpv6: true }))).returnObj;
    assert.equal(second["ipv6CIDR"], `${prefix}01::/64`);
  });

  it("replays a create with the same clientToken and refuses the token with other parameters", async () => {
    const vpcID = await createVpc();
    const body = { regionID: REGION_HUADONG1, clientToken: "same", vpcID, name: "subnet-b", CIDR: "10.0.5.0/24", dnsList: ["8.8.8.8"] };
    const first = (await emu.post("/v4/vpc/create-subnet", body)).envelope<{ subnetID: string }>();
    const second = (await emu.post("/v4/vpc/create-subnet", body)).envelope<{ subnetID: string }>();
    assert.equal(second.returnObj.subnetID, first.returnObj.subnetID);
    const conflict = (await emu.post("/v4/vpc/create-subnet", { ...body, CIDR: "10.0.6.0/24" })).envelope();
    assert.deepEqual([conflict.statusCode, conflict.errorCode], [900, "Openapi.ClientToken.Conflict"]);
    assert.equal(((await emu.control.state()).resources["subnet"] ?? []).length, 1);
  });

  describe("create-subnet parameter rules (Openapi.Parameter.Invalid)", () => {
    const invalid: Array<[string, Record<string, unknown>, string]> = [
      ["a one-byte name", { name: "a" }, "name must be 2-32 bytes long (UTF-8)"],
      ["a name of 11 Chinese characters (33 bytes)", { name: "子".repeat(11) }, "name must be 2-32 bytes long (UTF-8)"],
      ["a name starting with a digit", { name: "1subnet" }, "name must start with a letter or Chinese character and contain only letters, digits, Chinese characters, '_' and '-'"],
      ["a name with a space", { name: "web tier" }, "name must start with a letter or Chinese character and contain only letters, digits, Chinese characters, '_' and '-'"],
      ["a description of 129 characters", { description: "x".repeat(129) }, "description must be at most 128 characters long"],
      ["a description starting with https:", { description: "https://x" }, "description must not start with http: or https:"],
      ["a malformed CIDR", { CIDR: "10.0.1/24" }, "CIDR 10.0.1/24 is not a valid IPv4 CIDR"],
      ["a CIDR not in network form", { CIDR: "10.0.1.1/24" }, "CIDR 10.0.1.1/24 is not a network address"],
      ["a /15 mask", { CIDR: "10.0.0.0/15" }, "CIDR mask must be between 16 and 28"],
      ["a /29 mask", { CIDR: "10.0.1.0/29" }, "CIDR mask must be between 16 and 28"],
      ["a CIDR outside the private ranges", { CIDR: "100.64.0.0/16" }, "CIDR 100.64.0.0/16 must be inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16"],
      ["an empty dnsList", { dnsList: [] }, "dnsList must hold 1-4 DNS server addresses"],
      ["five DNS servers", { dnsList: ["1.1.1.1", "1.0.0.1", "8.8.8.8", "8.8.4.4", "9.9.9.9"] }, "dnsList must hold 1-4 DNS server addresses"],
      ["a DNS entry that is no IP", { dnsList: ["8.8.8"] }, "dnsList entry 8.8.8 is not a valid IP address"],
      ["a DNS server listed twice", { dnsList: ["8.8.8.8", "8.8.8.8"] }, "dnsList lists 8.8.8.8 more than once"],
      ["an upper-case subnetType", { subnetType: "CBM" }, 'subnetType: Invalid option: expected one of "common"|"cbm"'],
      ["enableIpv6 as a string", { enableIpv6: "false" }, "enableIpv6: Invalid input: expected boolean, received string"],
      ["a gateway the emulator does not place", { subnetGatewayIP: "10.0.1.254" }, "subnetGatewayIP 10.0.1.254 is not supported for 10.0.1.0/24: the emulator places it at 10.0.1.1"],
      ["a DHCP address the emulator does not place", { dhcpIP: "10.0.1.1" }, "dhcpIP 10.0.1.1 is not supported for 10.0.1.0/24: the emulator places it at 10.0.1.254"],
      ["a bad project id", { projectID: "XYZ" }, "projectID must be empty, 0 or 32 lower-case letters and digits"],
      ["a missing vpcID", { vpcID: undefined }, "vpcID: Invalid input: expected string, received undefined"],
    ];
    for (const [title, body, message] of invalid) {
      it(`rejects ${title}`, async () => {
        const vpcID = await createVpc();
        const envelope = (
          await emu.post("/v4/vpc/create-subnet", { regionID: REGION_HUADONG1, vpcID, name: "subnet-a", CIDR: "10.0.1.0/24", dnsList: ["8.8.8.8"], ...body })
        ).envelope();
        assert.deepEqual(failure(envelope), { statusCode: 900, errorCode: "Openapi.Parameter.Invalid", message });
        assert.equal(envelope.returnObj, null);
        assert.deepEqual((await emu.control.state()).resources["subnet"] ?? [], [], "nothing was created");
      });
    }

    it("accepts the gateway and DHCP addresses it places itself", async () => {
      const vpcID = await createVpc();
      await createSubnet(vpcID, { subnetGatewayIP: "10.0.1.1", dhcpIP: "10.0.1.254" });
    });
  });

  it("requires the CIDR to be inside the VPC's CIDR", async () => {
    const vpcID = await createVpc({ CIDR: "10.0.0.0/16" });
    const envelope = (await emu.post("/v4/vpc/create-subnet", { regionID: REGION_HUADONG1, vpcID, name: "outside", CIDR: "10.1.0.0/24" })).envelope();
    assert.deepEqual(failure(envelope), { statusCode: 900, errorCode: "Openapi.Parameter.Invalid", message: `CIDR 10.1.0.0/24 is not inside the CIDR 10.0.0.0/16 of vpc ${vpcID}` });
    // A subnet as large as its VPC is inside it.
    await createSubnet(vpcID, { name: "whole", CIDR: "10.0.0.0/16" });
  });

  it("refuses a CIDR overlapping a sibling subnet (either way round), naming it; other VPCs may reuse the range", async () => {
    const vpcID = await createVpc();
    const sibling = await createSubnet(vpcID, { name: "sibling", CIDR: "10.0.4.0/22" });
    for (const CIDR of ["10.0.4.0/22", "10.0.5.0/24", "10.0.0.0/16"]) {
      const envelope = (await emu.post("/v4/vpc/create-subnet", { regionID: REGION_HUADONG1, vpcID, name: "overlap", CIDR })).envelope();
      assert.deepEqual(failure(envelope), {
        statusCode: 900,
        errorCode: "Openapi.Parameter.Invalid",
        message: `CIDR ${CIDR} overlaps subnet ${sibling} (10.0.4.0/22) in vpc ${vpcID}`,
      });
    }
    await createSubnet(vpcID, { name: "adjacent", CIDR: "10.0.8.0/22" });
    const other = await createVpc({ name: "vpc-other" });
    await createSubnet(other, { name: "same-range", CIDR: "10.0.4.0/22" });
  });

  it("refuses IPv6 in a VPC without IPv6", async () => {
    const vpcID = await createVpc();
    const envelope = (await emu.post("/v4/vpc/create-subnet", { regionID: REGION_HUADONG1, vpcID, name: "v6", CIDR: "10.0.1.0/24", enableIpv6: true })).envelope();
    assert.deepEqual(failure(envelope), { statusCode: 900, errorCode: "Openapi.Parameter.Invalid", message: `enableIpv6 needs an IPv6 VPC: vpc ${vpcID} was created without IPv6` });
  });

  it("answers Openapi.Vpc.NotFound for an unknown VPC or a VPC of another region, and Unknown.Region.RegionIDError for an unknown region", async () => {
    const vpcID = await createVpc();
    for (const [regionID, id] of [[REGION_HUADONG1, "vpc-0000000000"], [REGION_HUABEI2, vpcID]] as const) {
      const envelope = (await emu.post("/v4/vpc/create-subnet", { regionID, vpcID: id, name: "orphan", CIDR: "10.0.1.0/24" })).envelope();
      assert.deepEqual([envelope.statusCode, envelope.errorCode, envelope.message], [900, "Openapi.Vpc.NotFound", `vpc ${id} not found`]);
    }
    const envelope = (await emu.post("/v4/vpc/create-subnet", { regionID: "0".repeat(32), vpcID, name: "x-y", CIDR: "10.0.1.0/24" })).envelope();
    assert.equal(envelope.errorCode, "Unknown.Region.RegionIDError");
  });

  it("answers Openapi.Subnet.NotFound from query-subnet for an unknown subnet and for a subnet of another region", async () => {
    const subnetID = await createSubnet(await createVpc());
    for (const [regionID, id] of [[REGION_HUADONG1, "subnet-0000000000"], [REGION_HUABEI2, subnetID]] as const) {
      const envelope = await querySubnet(id, regionID);
      assert.deepEqual(failure(envelope as never), { statusCode: 900, errorCode: "Openapi.Subnet.NotFound", message: `subnet ${id} not found` });
      assert.equal(envelope.returnObj, null);
    }
  });

  it("accepts an empty projectID and the clientToken query parameter on query-subnet (SDK and TF send them)", async () => {
    const subnetID = await createSubnet(await createVpc());
    const envelope = (await emu.get("/v4/vpc/query-subnet", { clientToken: "00000000-0000-4000-8000-000000000001", regionID: REGION_HUADONG1, subnetID, projectID: "" })).envelope();
    assert.equal(envelope.statusCode, 800);
  });

  it("takes the VPC's project when projectID is absent, and records a given one", async () => {
    const project = "a".repeat(32);
    const vpcID = await createVpc({ projectID: project });
    const inherited = (await querySubnet(await createSubnet(vpcID))).returnObj;
    assert.equal(inherited["projectID"], project);
    const explicit = (await querySubnet(await createSubnet(vpcID, { name: "explicit", CIDR: "10.0.2.0/24", projectID: "0" }))).returnObj;
    assert.equal(explicit["projectID"], "0");
  });

  it("updates name, description and dnsList (all as TF sends them, or one at a time) and moves updatedAt", async () => {
    const subnetID = await createSubnet(await createVpc());
    emu.clock.advance(60_000);
    const res = (await emu.post("/v4/vpc/update-subnet", { regionID: REGION_HUADONG1, subnetID, name: "renamed", description: "new", dnsList: ["1.1.1.1", "2400:3200::1"] })).envelope();
    assert.deepEqual([res.statusCode, res.returnObj], [800, null]);
    let subnet = (await querySubnet(subnetID)).returnObj;
    assert.deepEqual(
      [subnet["name"], subnet["description"], subnet["dnsList"], subnet["CIDR"], subnet["createdAt"], subnet["updatedAt"]],
      ["renamed", "new", ["1.1.1.1", "2400:3200::1"], "10.0.1.0/24", "2024-06-01T00:00:00.000Z", "2024-06-01T00:01:00.000Z"],
    );
    await emu.post("/v4/vpc/update-subnet", { regionID: REGION_HUADONG1, subnetID, description: "" });
    subnet = (await querySubnet(subnetID)).returnObj;
    assert.deepEqual([subnet["name"], subnet["description"], subnet["dnsList"]], ["renamed", "", ["1.1.1.1", "2400:3200::1"]]);
  });

  it("validates updates with the create rules and answers Openapi.Subnet.NotFound for an unknown subnet", async () => {
    const subnetID = await createSubnet(await createVpc());
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ name: "x" }, "name must be 2-32 bytes long (UTF-8)"],
      [{ description: "http:x" }, "description must not start with http: or https:"],
      [{ dnsList: [] }, "dnsList must hold 1-4 DNS server addresses"],
      [{ dnsList: ["dns.example"] }, "dnsList entry dns.example is not a valid IP address"],
    ];
    for (const [change, message] of cases) {
      const envelope = (await emu.post("/v4/vpc/update-subnet", { regionID: REGION_HUADONG1, subnetID, ...change })).envelope();
      assert.deepEqual(failure(envelope), { statusCode: 900, errorCode: "Openapi.Parameter.Invalid", message });
    }
    assert.equal((await querySubnet(subnetID)).returnObj["name"], "subnet-a", "failed updates change nothing");
    const missing = (await emu.post("/v4/vpc/update-subnet", { regionID: REGION_HUADONG1, subnetID: "subnet-0000000000", name: "abc" })).envelope();
    assert.equal(missing.errorCode, "Openapi.Subnet.NotFound");
  });

  it("counts addresses taken by instance NICs in availableIpCount (query and list)", async () => {
    const vpcID = await createVpc();
    const subnetID = await createSubnet(vpcID);
    const other = await createSubnet(vpcID, { name: "other", CIDR: "10.0.2.0/24" });
    insertInstance("11111111-1111-4111-8111-111111111111", [{ subnetID, ip: "10.0.1.2" }]);
    insertInstance("22222222-2222-4222-8222-222222222222", [
      { subnetID, ip: "10.0.1.3" },
      { subnetID: other, ip: "10.0.2.2" },
    ]);
    const subnet = (await querySubnet(subnetID)).returnObj;
    assert.deepEqual([subnet["availableIpCount"], subnet["availableIPCount"]], [249, 249]);
    const rows = (await emu.get("/v4/vpc/new-list-subnet", { regionID: REGION_HUADONG1, subnetID: other })).envelope<{ subnets: Array<Record<string, unknown>> }>().returnObj.subnets;
    assert.deepEqual(rows.map((r) => r["availableIPCount"]), [250]);
  });

  it("refuses to delete a subnet while an instance NIC is in it, naming the instances; then deletes it", async () => {
    const vpcID = await createVpc();
    const subnetID = await createSubnet(vpcID);
    const instanceID = "33333333-3333-4333-8333-333333333333";
    insertInstance(instanceID, [{ subnetID, ip: "10.0.1.2" }]);
    let envelope = (await emu.post("/v4/vpc/delete-subnet", { regionID: REGION_HUADONG1, subnetID, clientToken: "d-1" })).envelope();
    assert.deepEqual(failure(envelope), {
      statusCode: 900,
      errorCode: "Openapi.Resource.InUse",
      message: `subnet ${subnetID} is in use by the network interfaces of instances: ${instanceID}`,
    });
    assert.equal((await querySubnet(subnetID)).statusCode, 800, "the subnet is still there");
    emu.app.context.store.collection("instance").delete(REGION_HUADONG1, instanceID);
    envelope = (await emu.post("/v4/vpc/delete-subnet", { regionID: REGION_HUADONG1, subnetID })).envelope();
    assert.deepEqual([envelope.statusCode, envelope.returnObj], [800, null]);
    assert.equal((await querySubnet(subnetID)).errorCode, "Openapi.Subnet.NotFound");
    const again = (await emu.post("/v4/vpc/delete-subnet", { regionID: REGION_HUADONG1, subnetID })).envelope();
    assert.deepEqual([again.statusCode, again.errorCode], [900, "Openapi.Subnet.NotFound"]);
  });

  it("shows subnets in the VPC's subnetIDs, and the VPC cannot be deleted until they are gone", async () => {
    const vpcID = await createVpc();
    const a = await createSubnet(vpcID, { name: "a-net" });
    const b = await createSubnet(vpcID, { name: "b-net", CIDR: "10.0.2.0/24" });
    const vpc = (await emu.get("/v4/vpc/query", { regionID: REGION_HUADONG1, vpcID })).envelope<{ subnetIDs: string[] }>().returnObj;
    assert.deepEqual(vpc.subnetIDs, [a, b]);
    assert.equal((await emu.post("/v4/vpc/delete", { regionID: REGION_HUADONG1, vpcID })).envelope().errorCode, "Openapi.Resource.InUse");
    for (const subnetID of [a, b]) await emu.post("/v4/vpc/delete-subnet", { regionID: REGION_HUADONG1, subnetID });
    assert.equal((await emu.post("/v4/vpc/delete", { regionID: REGION_HUADONG1, vpcID })).envelope().statusCode, 800);
  });

  it("lists subnets with vpcID/subnetID comma filters, pageNo or pageNumber paging, and the list field types", async () => {
    const vpc1 = await createVpc();
    const vpc2 = await createVpc({ name: "vpc-b", CIDR: "192.168.0.0/16" });
    const ids = [
      await createSubnet(vpc1, { name: "n-0", CIDR: "10.0.0.0/24" }),
      await createSubnet(vpc1, { name: "n-1", CIDR: "10.0.1.0/24" }),
      await createSubnet(vpc1, { name: "n-2", CIDR: "10.0.2.0/24" }),
      await createSubnet(vpc2, { name: "n-3", CIDR: "192.168.0.0/24" }),
    ];
    type List = { subnets: Array<Record<string, unknown>>; totalCount: number; currentCount: number; totalPage: number };
    const list = async (query: Record<string, string>) => (await emu.get("/v4/vpc/new-list-subnet", { regionID: REGION_HUADONG1, ...query })).envelope<List>();

    const all = (await list({})).returnObj;
    assert.deepEqual([all.totalCount, all.currentCount, all.totalPage], [4, 4, 1]);
    const row = all.subnets[0] as Record<string, unknown>;
    assert.deepEqual(
      Object.fromEntries(["availableIPCount", "ipv6Enabled", "enableIpv6", "type", "updatedAt", "gatewayIP", "dnsList", "availabilityZones", "ntpList"].map((k) => [k, row[k]])),
      {
        availableIPCount: 251,
        ipv6Enabled: 0,
        enableIpv6: false,
        type: 0,
        updatedAt: "2024-06-01T00:00:00.000Z",
        gatewayIP: "10.0.0.1",
        dnsList: ["8.8.8.8"],
        availabilityZones: ZONES_HUADONG1,
        ntpList: [],
      },
    );
    assert.deepEqual((await list({ vpcID: vpc1 })).returnObj.subnets.map((s) => s["subnetID"]), ids.slice(0, 3));
    assert.deepEqual((await list({ vpcID: `${vpc1}, ${vpc2}`, subnetID: `${ids[1]},${ids[3]}` })).returnObj.subnets.map((s) => s["subnetID"]), [ids[1], ids[3]]);
    for (const pageKey of ["pageNo", "pageNumber"]) {
      const page2 = (await list({ [pageKey]: "2", pageSize: "3" })).returnObj;
      assert.deepEqual([page2.totalCount, page2.currentCount, page2.totalPage, page2.subnets.map((s) => s["subnetID"])], [4, 1, 2, [ids[3]]]);
    }
    assert.equal((await list({ pageSize: "51" })).errorCode, "Openapi.Parameter.Invalid");
    assert.equal((await list({ projectID: "" })).statusCode, 800, "a projectID is tolerated");
    const other = (await emu.get("/v4/vpc/new-list-subnet", { regionID: REGION_HUABEI2 })).envelope<List>().returnObj;
    assert.deepEqual([other.totalCount, other.subnets], [0, []]);
  });
});

describe("emulator: subnet IPv6 helpers", () => {
  it("writes addresses in RFC 5952 form", () => {
    const cases: Array<[string, string]> = [
      ["2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"],
      ["2001:db8:0:1:0:0:0:0", "2001:db8:0:1::"],
      ["0:0:0:0:0:0:0:0", "::"],
      ["2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"],
      ["2001:db8:1:1:1:1:1:1", "2001:db8:1:1:1:1:1:1"],
    ];
    for (const [input, expected] of cases) assert.equal(addressText(6, addressValue(input)), expected);
    // Forms the hand-written parser this replaced refused: embedded IPv4, both zero-run ends.
    assert.equal(addressText(6, addressValue("::ffff:192.0.2.1")), "::ffff:c000:201");
    assert.equal(addressText(6, addressValue("1::")), "1::");
    for (const bad of ["2001:db8::1::2", "2001:db8:1:1:1:1:1", "12345::", "g::1", "fe80::1%eth0"]) assert.equal(isIpv6(bad), false, bad);
  });

  it("hands out the lowest free /64 of a range", () => {
    assert.deepEqual(ipv6SubnetOf("2001:db8:0:ff00::/56", new Set()), {
      cidr: "2001:db8:0:ff00::/64",
      gateway: "2001:db8:0:ff00::1",
      start: "2001:db8:0:ff00::2",
      end: "2001:db8:0:ff00:ffff:ffff:ffff:fffe",
    });
    assert.equal(ipv6SubnetOf("2001:db8:0:ff00::/56", new Set(["2001:db8:0:ff00::/64", "2001:db8:0:ff01::/64"]))?.cidr, "2001:db8:0:ff02::/64");
    assert.equal(ipv6SubnetOf("2001:db8::/64", new Set(["2001:db8::/64"])), undefined, "a /64 range holds one subnet");
  });
});
