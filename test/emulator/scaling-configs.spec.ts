/** Auto-scaling configs (launch templates): the wire forms, create-instance's rules, the login, in-use. */
import assert from "node:assert/strict";
import { REGION_HUADONG1, useEmulator } from "../helpers/emulator";
import { AZ1, AZ3, createNetwork, importKeyPair, WINDOWS } from "./fixtures/ecs";
import { failure } from "./fixtures/ebs";
import { AZ2, configBody, createConfig, createGroup, ok, scaling, type Row } from "./fixtures/scaling";

const XINAN1 = "3c5ee1fa8f3d11ee9b6a0242ac110005";

describe("emulator auto scaling: configs", () => {
  const emu = useEmulator({ transport: "in-process" });

  it("creates a config with an integer id and lists it as a bare array with the official JSON types; the password is never returned", async () => {
    const net = await createNetwork(emu);
    const id = await createConfig(emu, { volumes: [{ volumeType: "SATA", volumeSize: 50, flag: 1 }, { volumeType: "SSD", volumeSize: 20, flag: 2, diskMode: "ISCSI" }], tags: [{ key: "app", value: "web" }] });
    assert.equal(id, 20001);
    const listed = ok(await scaling<Row[]>(emu, "config-list", { configID: id }));
    assert.ok(Array.isArray(listed));
    const { uuid, ...config } = listed[0]!;
    assert.match(uuid, /^[0-9a-f-]{36}$/);
    assert.deepEqual(config, {
      configID: 20001,
      name: "web-cfg",
      regionID: REGION_HUADONG1,
      visibility: 1,
      imageName: "Ubuntu Server 22.04 64位",
      imageID: config["imageID"],
      securityGroupList: [],
      cpu: 2,
      memory: 4,
      specName: "s7.large.2",
      osType: 1,
      volumes: [
        { volumeType: "SATA", volumeSize: 50, diskMode: "", flag: 1, isEncrypt: false, cmkID: "", cmkStatus: "" },
        { volumeType: "SSD", volumeSize: 20, diskMode: "ISCSI", flag: 2, isEncrypt: false, cmkID: "", cmkStatus: "" },
      ],
      useFloatings: 1,
      bandwidth: 0,
      loginMode: 1,
      username: "root",
      chargeType: "on_demand",
      instanceName: "",
      displayName: "",
      groupCount: 0,
      tags: [{ key: "app", value: "web" }],
      azNames: `${AZ1},${AZ2}`,
      monitorService: true,
      projectID: "0",
      keyPairID: "",
      keyPairName: "",
    });
    const stored = (await emu.control.resource<Row>("scalingConfig", String(id)))!.data;
    assert.match(stored["passwordHash"], /^sha256\$[0-9a-f]{16}\$[0-9a-f]{64}$/, "only a salted hash is kept");
    assert.equal(JSON.stringify(listed).includes("Pulumi#Ctyun7x"), false);
    // With a group using it, groupCount counts the group.
    await createGroup(emu, net, id, { minCount: 0, expectedCount: 0 });
    assert.equal(ok(await scaling<Row[]>(emu, "config-list", { configID: id }))[0]!["groupCount"], 1);
  });

  it("answers a config id that does not exist with a NotFound refusal (what TF's read looks for)", async () => {
    const envelope = await scaling(emu, "config-list", { configID: 29999 });
    failure(envelope, "Scaling.Config.NotFound", "NotFound: scaling config 29999 not found");
    assert.equal(envelope.description, "伸缩配置29999未找到");
  });

  it("pages the list with pageNo (or the deprecated page) and pageSize up to 100", async () => {
    for (const name of ["cfg-a", "cfg-b", "cfg-c"]) await createConfig(emu, { name });
    assert.deepEqual(ok(await scaling<Row[]>(emu, "config-list", { pageNo: 2, pageSize: 2 })).map((c) => c["name"]), ["cfg-c"]);
    assert.deepEqual(ok(await scaling<Row[]>(emu, "config-list", { page: 1, pageSize: 2 })).map((c) => c["name"]), ["cfg-a", "cfg-b"]);
    failure(await scaling(emu, "config-list", { pageSize: 101 }), "Openapi.Parameter.Invalid", "pageSize must not exceed 100");
  });

  const refusals: Array<[string, Row, string, string]> = [
    ["a name with a leading dash", { name: "-web" }, "Openapi.Parameter.Invalid", "name must be 2-15 letters, digits, '-' or '.', not only digits, not starting or ending with '-' or '.', without two of them in a row"],
    ["a name of digits only", { name: "12345" }, "Openapi.Parameter.Invalid", "name must be 2-15 letters, digits, '-' or '.', not only digits, not starting or ending with '-' or '.', without two of them in a row"],
    ["a 16-character name", { name: "a".repeat(16) }, "Openapi.Parameter.Invalid", "name must be 2-15 letters, digits, '-' or '.', not only digits, not starting or ending with '-' or '.', without two of them in a row"],
    ["no system disk", { volumes: [{ volumeType: "SATA", volumeSize: 40, flag: 2 }] }, "Openapi.Parameter.Invalid", "volumes must contain exactly one system disk (flag 1)"],
    ["two system disks", { volumes: [{ volumeType: "SATA", volumeSize: 40, flag: 1 }, { volumeType: "SATA", volumeSize: 40, flag: 1 }] }, "Openapi.Parameter.Invalid", "volumes must contain exactly one system disk (flag 1)"],
    ["nine data disks", { volumes: [{ volumeType: "SATA", volumeSize: 40, flag: 1 }, ...Array.from({ length: 9 }, () => ({ volumeType: "SATA", volumeSize: 10, flag: 2 }))] }, "Openapi.Parameter.Invalid", "volumes may hold at most 8 data disks"],
    ["an unknown volume type", { volumes: [{ volumeType: "NVME", volumeSize: 40, flag: 1 }] }, "Openapi.Parameter.Invalid", "volumeType must be one of SATA, SAS, SSD, SATA-KUNPENG, SATA-HAIGUANG, SAS-KUNPENG, SAS-HAIGUANG, SSD-genric (got NVME)"],
    ["a volume type this pool does not offer", { volumes: [{ volumeType: "SATA-KUNPENG", volumeSize: 40, flag: 1 }] }, "Openapi.Parameter.Invalid", "bootDiskType must be one of SATA, SAS, SSD, SSD-genric, FAST-SSD"],
    ["a system disk below 40 GB", { volumes: [{ volumeType: "SATA", volumeSize: 30, flag: 1 }] }, "Openapi.Parameter.Invalid", "bootDiskSize must be 40-2048 GB for this image"],
    ["a data disk of 5 GB", { volumes: [{ volumeType: "SATA", volumeSize: 40, flag: 1 }, { volumeType: "SSD", volumeSize: 5, flag: 2 }] }, "Openapi.Parameter.Invalid", "data disk size must be an integer from 10 to 32768 GB (got 5)"],
    ["diskMode on the system disk", { volumes: [{ volumeType: "SATA", volumeSize: 40, flag: 1, diskMode: "VBD" }] }, "Openapi.Parameter.Invalid", "diskMode applies to data disks only"],
    ["an unknown image", { imageID: "00000000-0000-4000-8000-000000000000" }, "Image.ImageCheck.NotFound", "image 00000000-0000-4000-8000-000000000000 not found"],
    ["an unknown flavor", { specName: "s9.huge.1" }, "Ecs.Flavor.NotFound", "flavor s9.huge.1 not found"],
    ["a flavor not sold in one of the zones", { specName: "c7.large.2", azNames: [AZ1, AZ3] }, "Ecs.Flavor.NotAvailable", `flavor c7.large.2 is not available in ${AZ3}`],
    ["an auto-allocated EIP", { useFloatings: 2, bandWidth: 5 }, "Openapi.Parameter.Invalid", "useFloatings 2 (auto-allocated EIPs) is not supported by the emulator: bind EIPs to the group's VMs afterwards"],
    ["no zones in a multi-AZ region", { azNames: [] }, "Openapi.Parameter.Invalid", "azNames is required in a region with multiple availability zones"],
    ["an unknown zone", { azNames: ["cn-nowhere"] }, "Openapi.Parameter.Invalid", "azName cn-nowhere is not a zone of region bb9fdb42056f11eda1610242ac110002"],
    ["a password login without a password", { password: undefined }, "Openapi.Parameter.Invalid", "password is required when loginMode is 1 (password)"],
    ["a password breaking the policy", { password: "short" }, "Openapi.Parameter.Invalid", "userPassword must be 8-30 characters long"],
    ["the wrong user for a Linux image", { username: "administrator" }, "Openapi.Parameter.Invalid", "username must be root for this linux image"],
    ["a key-pair login without a key pair", { loginMode: 2, password: undefined }, "Openapi.Parameter.Invalid", "keyPairID is required when loginMode is 2 (key pair)"],
    ["an unknown key pair", { loginMode: 2, password: undefined, keyPairID: "00000000-0000-4000-8000-000000000001" }, "Ecs.KeyPair.NotFound", "key pair 00000000-0000-4000-8000-000000000001 not found"],
    ["a chargeType other than on_demand", { chargeType: "month" }, "Openapi.Parameter.Invalid", "chargeType must be on_demand"],
    ["an image id that is not text", { name: "x1", imageID: 7 }, "Openapi.Parameter.Invalid", "imageID: Invalid input: expected string, received number"],
  ];
  for (const [what, body, code, message] of refusals) {
    it(`refuses ${what}`, async () => {
      const sent = configBody(body);
      for (const key of Object.keys(sent)) if (sent[key] === undefined) delete sent[key];
      failure(await scaling(emu, "config-create", sent), code, message);
    });
  }

  it("refuses a second config of the same name in the region, also by rename (inferred: names are unique)", async () => {
    await createConfig(emu);
    failure(await scaling(emu, "config-create", configBody()), "Scaling.Config.NameDuplicated", "a scaling config named web-cfg already exists in this region; config names are unique");
    const other = await createConfig(emu, { name: "other" });
    failure(await scaling(emu, "config-update", { configID: other, name: "web-cfg" }), "Scaling.Config.NameDuplicated", "a scaling config named web-cfg already exists in this region; config names are unique");
    ok(await scaling(emu, "config-update", { configID: other, name: "other" }));
  });

  it("takes key pairs on Linux images but not on Windows ones, and wants administrator for a Windows password", async () => {
    const keyPairID = await importKeyPair(emu, "scaling-key");
    const linux = await createConfig(emu, { loginMode: 2, password: undefined, username: undefined, keyPairID });
    const row = ok(await scaling<Row[]>(emu, "config-list", { configID: linux }))[0]!;
    assert.deepEqual([row["loginMode"], row["keyPairID"], row["keyPairName"], row["username"]], [2, keyPairID, "scaling-key", ""]);
    failure(await scaling(emu, "config-create", configBody({ imageID: WINDOWS, loginMode: 2, keyPairID, password: undefined })), "Openapi.Parameter.Invalid", "key pairs are not supported for Windows images; set userPassword");
    failure(await scaling(emu, "config-create", configBody({ imageID: WINDOWS })), "Openapi.Parameter.Invalid", "username must be administrator for this windows image");
    const windows = await createConfig(emu, { name: "win-cfg", imageID: WINDOWS, username: "Administrator" });
    assert.equal(ok(await scaling<Row[]>(emu, "config-list", { configID: windows }))[0]!["osType"], 2);
  });

  it("needs security groups in a single-AZ region, where it takes no zones", async () => {
    failure(await scaling(emu, "config-create", configBody({ regionID: XINAN1, imageID: undefined, azNames: ["x"] })), "Openapi.Parameter.Invalid", "imageID: Invalid input: expected string, received undefined");
    const images = ok((await emu.get("/v4/image/list", { regionID: XINAN1, visibility: "1", pageNo: "1", pageSize: "50" })).envelope<{ images: Row[] }>()).images;
    const ubuntu = images.find((i) => String(i["imageName"]).startsWith("Ubuntu Server 22.04"))!["imageID"];
    failure(await scaling(emu, "config-create", configBody({ regionID: XINAN1, imageID: ubuntu, azNames: undefined })), "Openapi.Parameter.Invalid", "securityGroupIDList is required in a region without multiple availability zones");
    const { vpcID } = ok((await emu.post("/v4/vpc/create", { regionID: XINAN1, name: "vpc-x", CIDR: "10.0.0.0/16" })).envelope<{ vpcID: string }>());
    const { securityGroupID } = ok((await emu.post("/v4/vpc/create-security-group", { regionID: XINAN1, vpcID, name: "sg-x" })).envelope<{ securityGroupID: string }>());
    const id = ok(await scaling<{ id: number }>(emu, "config-create", configBody({ regionID: XINAN1, imageID: ubuntu, azNames: ["ignored"], securityGroupIDList: [securityGroupID] }))).id;
    const row = ok((await emu.post("/v4/scaling/config-list", { regionID: XINAN1, configID: id })).envelope<Row[]>())[0]!;
    assert.deepEqual([row["azNames"], row["securityGroupList"]], ["", [{ id: securityGroupID, name: "sg-x" }]]);
    // The config now holds the security group.
    failure((await emu.post("/v4/vpc/delete-security-group", { regionID: XINAN1, securityGroupID })).envelope(), "Openapi.Resource.InUse", `security group ${securityGroupID} is used by scaling configs: ${id}`);
  });

  it("updates any field in place, keeping the stored password unless a new one is sent", async () => {
    const id = await createConfig(emu);
    const before = (await emu.control.resource<Row>("scalingConfig", String(id)))!.data["passwordHash"];
    assert.deepEqual(ok(await scaling(emu, "config-update", { configID: id, name: "web-cfg2", specName: "s7.xlarge.2", volumes: [{ volumeType: "SSD", volumeSize: 60, flag: 1 }] })), { configID: id });
    const row = ok(await scaling<Row[]>(emu, "config-list", { configID: id }))[0]!;
    assert.deepEqual([row["name"], row["specName"], row["cpu"], row["volumes"][0]["volumeType"], row["volumes"][0]["volumeSize"]], ["web-cfg2", "s7.xlarge.2", 4, "SSD", 60]);
    assert.equal((await emu.control.resource<Row>("scalingConfig", String(id)))!.data["passwordHash"], before);
    ok(await scaling(emu, "config-update", { configID: id, password: "Other#Secret9q" }));
    assert.notEqual((await emu.control.resource<Row>("scalingConfig", String(id)))!.data["passwordHash"], before);
    failure(await scaling(emu, "config-update", { configID: id, specName: "nope.1" }), "Ecs.Flavor.NotFound", "flavor nope.1 not found");
    failure(await scaling(emu, "config-update", { configID: 29998, name: "x1" }), "Scaling.Config.NotFound", "NotFound: scaling config 29998 not found");
  });

  it("refuses to delete a config a group uses (groupCount > 0), and deletes it once the group is gone", async () => {
    const net = await createNetwork(emu);
    const id = await createConfig(emu);
    const groupID = await createGroup(emu, net, id, { minCount: 0, expectedCount: 0 });
    const refused = await scaling(emu, "config-delete", { configID: id });
    failure(refused, "Scaling.Config.InUse", `scaling config ${id} is used by scaling groups: ${groupID}`);
    ok(await scaling(emu, "group/delete", { groupID }));
    assert.deepEqual(ok(await scaling(emu, "config-delete", { configID: id })), { configID: id });
    failure(await scaling(emu, "config-list", { configID: id }), "Scaling.Config.NotFound", `NotFound: scaling config ${id} not found`);
  });
});
