/**
 * Regressions for what CTyun's official clients exposed (issue 10), each spoken in that client's own
 * wire form without the client itself (test/conformance runs the real ones):
 *  - Python SDK v2 (ctyun_python_sdk_core): every model attribute in the body, `null` when unset, JSON
 *    with ", " / ": " separators; the query signed as `key=quote(str(value), safe='')` and sent as
 *    `quote("key=value", safe='=&')`; booleans as `True`/`False`; eop-date = local time + literal Z.
 *  - Go SDK: list-ebs parameters as a JSON body on a GET, `"force": null`, `subnetType: ""`, the
 *    ECS-hosted security-group operations, import-keypair's `keyPairID`.
 */
import assert from "node:assert/strict";
import { signCanonical } from "../../provider/client/signer";
import { DEMO_ACCESS_KEY, DEMO_SECRET_KEY } from "../../emulator/index";
import { REGION_HUADONG1 as R, useEmulator, type CtyunEnvelope } from "../helpers/emulator";
import { AZ1, createDisk, ok } from "./fixtures/ebs";
import { createInstance, createNetwork, details, RSA_2048 } from "./fixtures/ecs";

/** Python's urllib.parse.quote(text, safe): RFC 3986 unreserved and `safe` stay, the rest %XX (upper). */
function pyQuote(text: string, safe: string): string {
  let out = "";
  for (const byte of Buffer.from(text, "utf8")) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9_.~-]/.test(c) || safe.includes(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** json.dumps(obj) with Python's default separators (", " and ": ") and ensure_ascii. */
function pyJsonDumps(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  if (Array.isArray(value)) return `[${value.map(pyJsonDumps).join(", ")}]`;
  return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${pyJsonDumps(v)}`).join(", ")}}`;
}

describe("emulator: the official clients' wire forms", () => {
  const emu = useEmulator({ transport: "in-process" });

  /** One request as CTyun's Python SDK v2 sends it (CtyunClient.request + sign_util.sign). */
  async function pythonSdk(method: "GET" | "POST", path: string, params: Record<string, string | number | boolean | null>, body?: Record<string, unknown>): Promise<CtyunEnvelope<any>> {
    const present = Object.entries(params)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [k, typeof v === "boolean" ? (v ? "True" : "False") : String(v)] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const signedQuery = present.map(([k, v]) => `${k}=${pyQuote(v, "")}`).join("&");
    const rawQuery = present.map(([k, v]) => pyQuote(`${k}=${v}`, "=&")).join("&");
    const text = body === undefined ? "" : pyJsonDumps(body);
    // Local time + Z, the local zone being Beijing's (a host in China; the gateway wants UTC+8).
    const eopDate = new Date(emu.clock.now() + 8 * 3_600_000).toISOString().replace(/[-:]/g, "").slice(0, 15) + "Z";
    const headers = signCanonical({ accessKey: DEMO_ACCESS_KEY, secretKey: DEMO_SECRET_KEY, canonicalQuery: signedQuery, body: text, requestId: "3b5c9a2e-efe8-11f1-929b-02fc00000001", eopDate });
    const response = await emu.app.handle({
      method,
      url: rawQuery === "" ? path : `${path}?${rawQuery}`,
      headers: { ...headers, "content-type": "application/json;charset=UTF-8", "user-agent": "ctyun-sdk-python" },
      body: text,
    });
    assert.equal(response.status, 200, response.body.toString());
    return JSON.parse(response.body.toString()) as CtyunEnvelope<any>;
  }

  describe("Python SDK v2", () => {
    it("creates a VPC from a body that carries null for every unset optional field", async () => {
      const created = await pythonSdk("POST", "/v4/vpc/create", {}, {
        clientToken: "py-1", regionID: R, name: "py-vpc", CIDR: "10.1.0.0/16",
        projectID: null, description: null, enableIpv6: null, ipv6SegmentPoolID: null, addressPoolType: null, ipv6Cidr: null, ipv6Isp: null,
      });
      assert.equal(created.statusCode, 800, JSON.stringify(created));
      const vpc = ok((await emu.get("/v4/vpc/query", { regionID: R, vpcID: created.returnObj.vpcID })).envelope<{ description: string; enableIpv6: boolean }>());
      assert.deepEqual({ description: vpc.description, enableIpv6: vpc.enableIpv6 }, { description: "", enableIpv6: false });
    });

    it("creates a VM whose nested network cards carry null fields (nicName, fixedIP)", async () => {
      const net = await createNetwork(emu);
      const created = await pythonSdk("POST", "/v4/ecs/create-instance", {}, {
        clientToken: "py-vm", regionID: R, instanceName: "py-vm", displayName: "py-vm", azName: AZ1, templateID: null,
        flavorID: (await emu.post("/v4/ecs/flavor/list", { regionID: R, azName: AZ1, flavorCPU: 2, flavorRAM: 4 })).envelope<{ flavorList: Array<{ flavorID: string }> }>().returnObj.flavorList[0]!.flavorID,
        flavorName: null, imageType: 1,
        imageID: (await emu.get("/v4/image/list", { regionID: R, imageVisibilityCode: "1", pageSize: "1" })).envelope<{ images: Array<{ imageID: string }> }>().returnObj.images[0]!.imageID,
        bootDiskType: "SATA", bootDiskSize: 40, bootDiskIsEncrypt: null, vpcID: net.vpcID, onDemand: true,
        networkCardList: [{ isMaster: true, subnetID: net.subnetID, nicName: null, fixedIP: null }], extIP: "0", secGroupList: [net.securityGroupID],
        dataDiskList: null, keyPairID: null, userName: null, userPassword: "Pulumi#Ctyun7x", cycleCount: null, cycleType: null, labelList: null, payVoucherPrice: null,
      });
      assert.equal(created.statusCode, 800, JSON.stringify(created));
    });

    it("signs the query as quote(value) and sends quote('key=value'): spaces and slashes verify", async () => {
      ok((await emu.post("/v4/vpc/create", { regionID: R, clientToken: "q-1", name: "vpc-q", CIDR: "10.2.0.0/16" })).envelope());
      const listed = await pythonSdk("GET", "/v4/vpc/new-list", { regionID: R, vpcName: "a b/c 网络", pageNo: 1, pageSize: 10, projectID: null });
      assert.equal(listed.statusCode, 800, JSON.stringify(listed));
      const all = await pythonSdk("GET", "/v4/vpc/new-list", { regionID: R, pageNo: 1, pageSize: 10 });
      assert.equal(all.returnObj.totalCount, 1);
    });

    it("accepts booleans written as Python's True/False in the query", async () => {
      const diskID = await createDisk(emu, { diskName: "flagged" });
      const listed = await pythonSdk("GET", "/v4/ebs/list-ebs", { regionID: R, multiAttach: "False", isEncrypt: "False", isDecDisk: false, pageNo: 1, pageSize: 10 });
      assert.deepEqual(listed.returnObj.diskList.map((d: { diskID: string }) => d.diskID), [diskID]);
    });

    it("takes the image visibility as imageVisibilityCode (the SDK's spelling) as well as visibility", async () => {
      const privateImages = await pythonSdk("GET", "/v4/image/list", { regionID: R, imageVisibilityCode: 0, pageNo: 1, pageSize: 10 });
      const publicImages = await pythonSdk("GET", "/v4/image/list", { regionID: R, imageVisibilityCode: 1, pageNo: 1, pageSize: 10 });
      assert.deepEqual([privateImages.returnObj.totalCount, publicImages.returnObj.totalCount > 0], [0, true]);
    });

    it("creates an on-demand EIP with the cycleCount 0 the SDK must send (its model makes cycleCount required)", async () => {
      const created = await pythonSdk("POST", "/v4/eip/create", {}, {
        clientToken: "py-eip", regionID: R, cycleType: "on_demand", cycleCount: 0, name: "py-eip", projectID: null, bandwidth: 5,
        bandwidthID: null, demandBillingType: "bandwidth", lineType: null, payVoucherPrice: null, segmentID: null, exclusiveName: null,
      });
      assert.equal(created.statusCode, 800, JSON.stringify(created));
    });
  });

  describe("Go SDK", () => {
    it("list-ebs: reads the parameters ctebs sends as a JSON body on the GET", async () => {
      for (const name of ["disk-a", "disk-b", "disk-c"]) await createDisk(emu, { diskName: name });
      const page = ok((await emu.call("GET", "/v4/ebs/list-ebs", { body: { regionID: R, pageNo: 2, pageSize: 2 } })).envelope<{ diskList: unknown[]; totalCount: number; currentCount: number }>());
      assert.deepEqual([page.totalCount, page.currentCount, page.diskList.length], [3, 1, 1]);
      // The query wins over the body where both carry a parameter.
      const queried = ok((await emu.call("GET", "/v4/ebs/list-ebs", { query: { regionID: R, pageSize: "3" }, body: { regionID: R, pageSize: 1 } })).envelope<{ currentCount: number }>());
      assert.equal(queried.currentCount, 3);
    });

    it("stop-instance with \"force\": null (newer ctecs) and a subnet with subnetType \"\" (ctvpc)", async () => {
      const net = await createNetwork(emu);
      const subnet = (await emu.post("/v4/vpc/create-subnet", { regionID: R, clientToken: "s", name: "go-subnet", vpcID: net.vpcID, CIDR: "10.0.9.0/24", description: "", enableIpv6: false, dnsList: null, subnetType: "" })).envelope();
      assert.equal(subnet.statusCode, 800, JSON.stringify(subnet));
      const instanceID = await createInstance(emu, net);
      await details(emu, instanceID);
      const stopped = (await emu.post("/v4/ecs/stop-instance", { regionID: R, instanceID, force: null })).envelope<{ jobID: string }>();
      assert.equal(stopped.statusCode, 800, JSON.stringify(stopped));
    });

    it("import-keypair answers the keyPairID ctecs reads", async () => {
      const imported = ok((await emu.post("/v4/ecs/keypair/import-keypair", { regionID: R, keyPairName: "go-key", publicKey: RSA_2048 })).envelope<{ keyPairID: string }>());
      const listed = ok((await emu.post("/v4/ecs/keypair/details", { regionID: R, keyPairName: "go-key" })).envelope<{ results: Array<{ keyPairID: string }> }>());
      assert.equal(imported.keyPairID, listed.results[0]!.keyPairID);
    });

    it("serves the four ECS-hosted security-group operations (501 before); query-security-groups answers an array", async () => {
      const net = await createNetwork(emu);
      const { securityGroupID } = ok((await emu.post("/v4/ecs/vpc/create-security-group", { clientToken: "e1", regionID: R, vpcID: net.vpcID, name: "ecs-host-sg" })).envelope<{ securityGroupID: string }>());
      const described = ok((await emu.get("/v4/ecs/vpc/describe-security-group-attribute", { regionID: R, securityGroupID, projectID: "", direction: "" })).envelope<{ id: string; securityGroupName: string }>());
      assert.deepEqual([described.id, described.securityGroupName], [securityGroupID, "ecs-host-sg"]);
      const listed = ok((await emu.get("/v4/ecs/vpc/query-security-groups", { regionID: R, vpcID: net.vpcID, queryContent: "", projectID: "", instanceID: "", pageNumber: "0", pageNo: "1", pageSize: "10" })).envelope<Array<{ id: string }>>());
      assert.ok(Array.isArray(listed));
      assert.deepEqual(listed.map((g) => g.id).sort(), [net.securityGroupID, securityGroupID].sort());
      ok((await emu.post("/v4/ecs/vpc/delete-security-group", { clientToken: "e2", regionID: R, securityGroupID })).envelope());
      const gone = (await emu.get("/v4/ecs/vpc/describe-security-group-attribute", { regionID: R, securityGroupID })).envelope();
      assert.equal(gone.errorCode, "Openapi.SecurityGroup.NotFound");
    });
  });

  describe("Terraform provider", () => {
    it("attaches a disk right after its create order completes (a finished order is a usable disk)", async () => {
      const net = await createNetwork(emu);
      const instanceID = await createInstance(emu, net);
      await details(emu, instanceID);
      const diskID = await createDisk(emu, { diskName: "fresh" });
      const attached = (await emu.post("/v4/ebs/attach-ebs", { regionID: R, diskID, instanceID })).envelope<{ diskJobID: string }>();
      assert.equal(attached.statusCode, 800, JSON.stringify(attached));
    });
  });
});
