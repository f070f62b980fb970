/**
 * SNAT and DNAT rules in the official clients' wire forms (api-notes/nat.md §3, §4): synchronous
 * creates that answer the id, show/list shapes and types, in-place changes, and the rules the
 * emulator enforces — a subnet with an SNAT rule cannot be deleted, a gateway with rules cannot be
 * unsubscribed, an EIP serving NAT cannot be bound or released, sources and ports are unique.
 */
import assert from "node:assert/strict";
import { UNKNOWN_CODE_SITUATIONS } from "../../emulator/unknown-codes";
import { REGION_HUADONG1 as R, useEmulator, type CtyunEnvelope } from "../helpers/emulator";
import { createInstance, createNetwork, failure, ok, type Network } from "./fixtures/ecs";
import { createEip, createNatGateway } from "./fixtures/nat-gateway";

describe("emulator: SNAT and DNAT rules", () => {
  const emu = useEmulator({ transport: "in-process" });
  const isDrawn = (situation: keyof typeof UNKNOWN_CODE_SITUATIONS, code: string | undefined) => (UNKNOWN_CODE_SITUATIONS[situation] as readonly string[]).includes(code ?? "");

  let tokens = 0;
  let net: Network;
  let nat: string;
  let eip: string;
  beforeEach(async () => {
    net = await createNetwork(emu);
    nat = await createNatGateway(emu, net.vpcID);
    eip = await createEip(emu);
  });

  const createSnat = async (body: Record<string, unknown>) => (await emu.post("/v4/vpc/create-snat-entry", { regionID: R, clientToken: `s-${++tokens}`, natGatewayID: nat, ...body })).envelope<{ snat: { status: string; snatID: string } }>();
  const showSnat = async (sNatID: string) => (await emu.get("/v4/vpc/show-snat", { regionID: R, sNatID })).envelope<Record<string, unknown>>();
  const createDnat = async (body: Record<string, unknown>) =>
    (await emu.post("/v4/vpc/create-dnat-entry", { regionID: R, clientToken: `d-${++tokens}`, natGatewayID: nat, externalID: eip, externalPort: 22, internalPort: 22, protocol: "tcp", ...body })).envelope<{ dnat: { status: string; dnatID: string } }>();

  it("creates an SNAT rule for a subnet synchronously, answering the id, and shows it with the subnet's CIDR and the EIP's address", async () => {
    const created = ok(await createSnat({ sourceSubnetID: net.subnetID, snatIps: [eip] }));
    assert.equal(created.snat.status, "done");
    assert.match(created.snat.snatID, /^snat-[a-z0-9]{10}$/);
    assert.deepEqual(ok(await showSnat(created.snat.snatID)), {
      sNatID: created.snat.snatID, natGatewayID: nat, description: "", subnetID: net.subnetID, subnetCidr: "10.0.1.0/24", subnetType: 1,
      creationTime: "2024-06-01T00:00:00Z", eips: [{ eipID: eip, ipAddress: "180.101.64.1" }],
    });
    const listed = ok((await emu.get("/v4/vpc/list-snats", { regionID: R, natGatewayID: nat })).envelope<{ results: unknown[]; totalCount: number; currentCount: number; totalPage: number }>());
    assert.deepEqual([listed.results.length, listed.totalCount, listed.currentCount, listed.totalPage], [1, 1, 1, 1]);
    const shown = ok((await emu.get("/v4/vpc/get-nat-gateway-attribute", { regionID: R, natGatewayID: nat })).envelope<{ snatTable: Array<Record<string, unknown>> }>());
    assert.deepEqual(shown.snatTable.map((row) => [row["sNatID"], row["subnetName"], row["ipAddress"]]), [[created.snat.snatID, "subnet-" + net.vpcName.slice(4), [{ ID: eip, ipAddress: "180.101.64.1" }]]]);
  });

  it("takes a CIDR source as subnetType 2, and refuses both or neither source, a subnet of another VPC, a duplicate source", async () => {
    const cidr = ok(await createSnat({ sourceCIDR: "10.0.8.0/24", snatIps: [eip] }));
    assert.deepEqual([ok(await showSnat(cidr.snat.snatID))["subnetType"], ok(await showSnat(cidr.snat.snatID))["subnetID"]], [2, ""]);
    failure(await createSnat({ sourceCIDR: "10.0.8.0/24", snatIps: [eip] }), "Openapi.Parameter.Invalid", `snat rule ${cidr.snat.snatID} of nat gateway ${nat} already translates 10.0.8.0/24`);
    failure(await createSnat({ snatIps: [eip] }), "Openapi.Parameter.Invalid", "exactly one of sourceSubnetID and sourceCIDR must be given");
    failure(await createSnat({ sourceCIDR: "10.0.9.0/24", sourceSubnetID: net.subnetID, snatIps: [eip] }), "Openapi.Parameter.Invalid", "exactly one of sourceSubnetID and sourceCIDR must be given");
    failure(await createSnat({ sourceCIDR: "10.0.9.1/24", snatIps: [eip] }), "Openapi.Parameter.Invalid", "sourceCIDR 10.0.9.1/24 is not a network address");
    const other = await createNetwork(emu, "10.1.0.0/16", "10.1.1.0/24");
    failure(await createSnat({ sourceSubnetID: other.subnetID, snatIps: [eip] }), "Openapi.Parameter.Invalid", `subnet ${other.subnetID} is not in vpc ${net.vpcID} of nat gateway ${nat}`);
    failure(await createSnat({ sourceSubnetID: net.subnetID, snatIps: [] }), "Openapi.Parameter.Invalid", "snatIps must list 1-5 EIP ids");
    failure(await createSnat({ sourceSubnetID: net.subnetID, snatIps: ["eip-missing000"] }), "Openapi.Eip.NotFound", "eip eip-missing000 not found");
  });

  it("keeps the source subnet from being deleted while an SNAT rule translates it", async () => {
    const { snat } = ok(await createSnat({ sourceSubnetID: net.subnetID, snatIps: [eip] }));
    const refused = (await emu.post("/v4/vpc/delete-subnet", { regionID: R, subnetID: net.subnetID })).envelope() as CtyunEnvelope;
    assert.ok(isDrawn("subnet-in-use", refused.errorCode), refused.errorCode);
    assert.deepEqual([refused.message, refused.description], [`subnet ${net.subnetID} is in use by SNAT rules: ${snat.snatID}`, "子网中存在SNAT规则，无法删除"]);
    ok((await emu.post("/v4/vpc/delete-snat-entry", { regionID: R, sNatID: snat.snatID, clientToken: "x" })).envelope());
    const gone = await showSnat(snat.snatID);
    assert.deepEqual([gone.statusCode, gone.returnObj], [900, null]);
    assert.ok(isDrawn("snat-rule-not-found", gone.errorCode));
    ok((await emu.post("/v4/vpc/delete-subnet", { regionID: R, subnetID: net.subnetID })).envelope());
  });

  it("moves an SNAT rule to another source, describes it, and joins and revokes EIPs (at least one stays)", async () => {
    const second = await createEip(emu);
    const { snat } = ok(await createSnat({ sourceSubnetID: net.subnetID, snatIps: [eip] }));
    ok((await emu.post("/v4/vpc/modify-snat-entry", { regionID: R, sNatID: snat.snatID, sourceCIDR: "192.168.0.0/16", description: "all" })).envelope());
    ok((await emu.post("/v4/vpc/join-snat-for-eips", { regionID: R, natGatewayID: nat, sNatID: snat.snatID, ipAddressIds: [second], clientToken: "j" })).envelope());
    ok((await emu.post("/v4/vpc/revoke-snat-for-eips", { regionID: R, natGatewayID: nat, sNatID: snat.snatID, ipAddressIds: [eip], clientToken: "r" })).envelope());
    const shown = ok(await showSnat(snat.snatID));
    assert.deepEqual([shown["subnetID"], shown["subnetCidr"], shown["subnetType"], shown["description"], shown["eips"]], ["", "192.168.0.0/16", 2, "all", [{ eipID: second, ipAddress: "180.101.64.2" }]]);
    failure((await emu.post("/v4/vpc/revoke-snat-for-eips", { regionID: R, natGatewayID: nat, sNatID: snat.snatID, ipAddressIds: [second] })).envelope(), "Openapi.Parameter.Invalid", `snat rule ${snat.snatID} must keep at least one EIP`);
    failure((await emu.post("/v4/vpc/join-snat-for-eips", { regionID: R, natGatewayID: nat, sNatID: snat.snatID, ipAddressIds: [second] })).envelope(), "Openapi.Parameter.Invalid", `eip ${second} already serves snat rule ${snat.snatID}`);
  });

  it("forwards an EIP port to a VM of the VPC (its private address) or to a custom address, with integer ports", async () => {
    const vm = await createInstance(emu, net);
    const { dnat } = ok(await createDnat({ virtualMachineType: 1, virtualMachineID: vm, serverType: "VM", externalPort: 2222 - 1200, internalPort: 22 }));
    assert.equal(dnat.status, "done");
    assert.match(dnat.dnatID, /^dnat-[a-z0-9]{10}$/);
    const shown = ok((await emu.get("/v4/vpc/detail-dnat-entries", { regionID: R, natGatewayID: nat, dNatID: dnat.dnatID })).envelope<Record<string, unknown>>());
    assert.deepEqual(
      [shown["externalID"], shown["externalIp"], shown["externalPort"], shown["internalIp"], shown["internalPort"], shown["protocol"], shown["virtualMachineID"], shown["state"]],
      [eip, "180.101.64.1", 1022, "10.0.1.2", 22, "tcp", vm, "ACTIVE"],
    );
    const custom = ok(await createDnat({ virtualMachineType: 2, internalIp: "10.0.1.50", externalPort: 80, internalPort: 8080, protocol: "udp" }));
    const listed = ok((await emu.get("/v4/vpc/describe-dnat-entries", { regionID: R, natGatewayID: nat })).envelope<Array<Record<string, unknown>>>());
    assert.deepEqual(listed.map((row) => row["dNatID"]), [dnat.dnatID, custom.dnat.dnatID]);
    const table = ok((await emu.get("/v4/vpc/get-nat-gateway-attribute", { regionID: R, natGatewayID: nat })).envelope<{ dnatTable: Array<Record<string, unknown>> }>()).dnatTable;
    assert.deepEqual(table.map((row) => [row["externalPort"], row["internalPort"]]), [["1022", "22"], ["80", "8080"]], "strings in the gateway's table");
  });

  const dnatRefusals: Array<[string, Record<string, unknown>, string, string]> = [
    ["an external port above 1024", { externalPort: 1025, virtualMachineType: 2, internalIp: "10.0.1.9" }, "Openapi.Parameter.Invalid", "externalPort must be 1-1024"],
    ["an internal port of 0", { internalPort: 0, virtualMachineType: 2, internalIp: "10.0.1.9" }, "Openapi.Parameter.Invalid", "internalPort must be 1-65535"],
    ["protocol TCP (lower case only)", { protocol: "TCP", virtualMachineType: 2, internalIp: "10.0.1.9" }, "Openapi.Parameter.Invalid", "protocol must be tcp or udp"],
    ["a custom rule without internalIp", { virtualMachineType: 2 }, "Openapi.Parameter.Invalid", "internalIp must be an IPv4 address when virtualMachineType is 2"],
    ["a server rule without serverType", { virtualMachineType: 1, virtualMachineID: "x" }, "Openapi.Parameter.Invalid", "serverType must be VM or BM when virtualMachineType is 1"],
    ["serverType vm (upper case only)", { virtualMachineType: 1, virtualMachineID: "x", serverType: "vm" }, "Openapi.Parameter.Invalid", "serverType must be VM or BM when virtualMachineType is 1"],
    ["a VM that does not exist", { virtualMachineType: 1, virtualMachineID: "00000000-0000-0000-0000-000000000000", serverType: "VM" }, "Ecs.Instance.NotFound", "instance 00000000-0000-0000-0000-000000000000 not found"],
  ];
  for (const [title, body, code, message] of dnatRefusals) {
    it(`refuses a DNAT rule with ${title}`, async () => failure(await createDnat(body), code, message));
  }

  it("refuses a second DNAT rule on the same EIP, port and protocol, and a VM of another VPC", async () => {
    const { dnat } = ok(await createDnat({ virtualMachineType: 2, internalIp: "10.0.1.9" }));
    failure(await createDnat({ virtualMachineType: 2, internalIp: "10.0.1.10" }), "Openapi.Parameter.Invalid", `dnat rule ${dnat.dnatID} already forwards tcp port 22 of eip ${eip}`);
    ok(await createDnat({ virtualMachineType: 2, internalIp: "10.0.1.10", protocol: "udp" }));
    const other = await createNetwork(emu, "10.2.0.0/16", "10.2.1.0/24");
    const vm = await createInstance(emu, other);
    failure(await createDnat({ externalPort: 23, virtualMachineType: 1, virtualMachineID: vm, serverType: "VM" }), "Openapi.Parameter.Invalid", `instance ${vm} is not in vpc ${net.vpcID} of nat gateway ${nat}`);
  });

  it("replaces every field of a DNAT rule with modify-dnat-entry", async () => {
    const { dnat } = ok(await createDnat({ virtualMachineType: 2, internalIp: "10.0.1.9", description: "ssh" }));
    ok((await emu.post("/v4/vpc/modify-dnat-entry", { regionID: R, dNatID: dnat.dnatID, externalID: eip, externalPort: 443, virtualMachineType: 2, internalIp: "10.0.1.20", internalPort: 8443, protocol: "tcp" })).envelope());
    const shown = ok((await emu.get("/v4/vpc/detail-dnat-entries", { regionID: R, dNatID: dnat.dnatID })).envelope<Record<string, unknown>>());
    assert.deepEqual([shown["externalPort"], shown["internalIp"], shown["internalPort"], shown["description"]], [443, "10.0.1.20", 8443, ""]);
  });

  it("keeps a gateway with rules from being unsubscribed, naming them, until they are gone", async () => {
    const { snat } = ok(await createSnat({ sourceSubnetID: net.subnetID, snatIps: [eip] }));
    const { dnat } = ok(await createDnat({ virtualMachineType: 2, internalIp: "10.0.1.9" }));
    const refused = (await emu.post("/v4/vpc/delete-nat-gateway", { regionID: R, natGatewayID: nat, clientToken: "d1" })).envelope() as CtyunEnvelope;
    assert.ok(isDrawn("nat-gateway-in-use", refused.errorCode), refused.errorCode);
    assert.deepEqual([refused.message, refused.description], [`nat gateway ${nat} still has SNAT rules: ${snat.snatID}`, "NAT网关下存在SNAT规则，无法删除"]);
    ok((await emu.post("/v4/vpc/delete-snat-entry", { regionID: R, sNatID: snat.snatID })).envelope());
    const still = (await emu.post("/v4/vpc/delete-nat-gateway", { regionID: R, natGatewayID: nat, clientToken: "d2" })).envelope();
    assert.equal(still.message, `nat gateway ${nat} still has DNAT rules: ${dnat.dnatID}`);
    ok((await emu.post("/v4/vpc/delete-dnat-entry", { regionID: R, dNatID: dnat.dnatID })).envelope());
    ok((await emu.post("/v4/vpc/delete-nat-gateway", { regionID: R, natGatewayID: nat, clientToken: "d3" })).envelope());
  });

  it("keeps an EIP that serves NAT from being bound to a VM, released, or used by another gateway", async () => {
    const { snat } = ok(await createSnat({ sourceSubnetID: net.subnetID, snatIps: [eip] }));
    const vm = await createInstance(emu, net);
    const bound = (await emu.post("/v4/eip/associate", { regionID: R, eipID: eip, associationID: vm, associationType: 1 })).envelope() as CtyunEnvelope;
    assert.ok(isDrawn("eip-bound", bound.errorCode), bound.errorCode);
    assert.equal(bound.message, `eip ${eip} is used by SNAT rules: ${snat.snatID}`);
    const released = (await emu.post("/v4/eip/delete", { regionID: R, eipID: eip, clientToken: "del" })).envelope() as CtyunEnvelope;
    assert.equal(released.message, `eip ${eip} is used by SNAT rules: ${snat.snatID}`);
    const otherNat = await createNatGateway(emu, net.vpcID);
    const taken = (await emu.post("/v4/vpc/create-dnat-entry", { regionID: R, clientToken: "o", natGatewayID: otherNat, externalID: eip, externalPort: 22, internalPort: 22, protocol: "tcp", virtualMachineType: 2, internalIp: "10.0.1.9" })).envelope();
    assert.equal(taken.message, `eip ${eip} already serves nat gateway ${nat}`);
    // The same gateway may use it for SNAT and DNAT at once.
    ok(await createDnat({ virtualMachineType: 2, internalIp: "10.0.1.9" }));
  });

  it("refuses an EIP bound to a VM as an SNAT address", async () => {
    const vm = await createInstance(emu, net);
    ok((await emu.post("/v4/eip/associate", { regionID: R, eipID: eip, associationID: vm, associationType: 1 })).envelope());
    const refused = (await createSnat({ sourceSubnetID: net.subnetID, snatIps: [eip] })) as CtyunEnvelope;
    assert.ok(isDrawn("eip-bound", refused.errorCode));
    assert.equal(refused.message, `eip ${eip} is associated with instance ${vm}`);
  });
});
