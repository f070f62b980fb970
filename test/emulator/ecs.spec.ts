/** ECS create-instance, instance-details, describe-instances and volume/list (spec D.7, C.3, C.5). */
import assert from "node:assert/strict";
import { ID_PATTERNS } from "../../emulator/store/ids";
import type { DiskRecord } from "../../emulator/services/ebs/records";
import type { InstanceRecord } from "../../emulator/services/ecs/records";
import type { SecurityGroupRecord } from "../../emulator/services/security-group/records";
import { REGION_HUABEI2, REGION_HUADONG1, useEmulator } from "../helpers/emulator";
import {
  AZ1,
  AZ3,
  associateNewEip,
  attachDataDisk,
  GOOD_PASSWORD,
  S7_LARGE,
  UBUNTU,
  WINDOWS,
  createInstance,
  createNetwork,
  createSecurityGroup,
  details,
  failure,
  finishOrder,
  flavorId,
  importKeyPair,
  instanceBody,
  ok,
  pollOrder,
  type Instance,
  type Network,
} from "./fixtures/ecs";

interface Placed {
  masterOrderID: string;
  masterOrderNO: string;
  masterResourceID: string;
  regionID: string;
}

describe("emulator ECS instances", () => {
  const emu = useEmulator({ transport: "in-process" });
  let net: Network;
  beforeEach(async () => {
    net = await createNetwork(emu);
  });

  const store = () => emu.app.context.store;
  const instanceRecords = () => store().collection<InstanceRecord>("instance").find(REGION_HUADONG1);
  const orderCount = async () => (await emu.control.state()).orders.length;

  describe("POST /v4/ecs/create-instance", () => {
    it("places an order; the VM appears when it completes, boots (creating → running) and gets a system disk", async () => {
      const body = instanceBody(net, { instanceName: "web-1", displayName: "Web One" });
      const placed = ok((await emu.post("/v4/ecs/create-instance", body)).envelope<Placed>());
      assert.deepEqual(Object.keys(placed).sort(), ["masterOrderID", "masterOrderNO", "masterResourceID", "regionID"]);
      assert.match(placed.masterOrderID, ID_PATTERNS.hex32);
      assert.match(placed.masterOrderNO, ID_PATTERNS.orderNumber);
      assert.match(placed.masterResourceID, ID_PATTERNS.hex32);
      assert.equal(placed.regionID, REGION_HUADONG1);
      assert.deepEqual(instanceRecords(), [], "nothing exists before the order completes");

      assert.deepEqual(await pollOrder(emu, placed.masterOrderID), { orderStatus: "14", instanceIDList: [] });
      const done = await pollOrder(emu, placed.masterOrderID);
      assert.equal(done.orderStatus, "3");
      assert.equal(done.instanceIDList.length, 1);
      const instanceID = done.instanceIDList[0]!;
      assert.match(instanceID, ID_PATTERNS.uuid);

      const first = ok(await details(emu, instanceID));
      assert.equal(first.instanceStatus, "creating", "the boot is visible");
      const booted = ok(await details(emu, instanceID));
      assert.equal(booted.instanceStatus, "running");
      assert.equal(booted.instanceName, "web-1");
      assert.equal(booted.displayName, "Web One");
      assert.equal(booted.resourceID, placed.masterResourceID);
      assert.equal(booted.privateIP, "10.0.1.2", "the subnet's first assignable address");
      assert.deepEqual(booted.secGroupList, [{ securityGroupID: net.securityGroupID, securityGroupName: net.securityGroupName }]);

      const disks = store().collection<DiskRecord>("disk").find(REGION_HUADONG1);
      assert.equal(disks.length, 1);
      const disk = disks[0]!;
      assert.deepEqual(
        { isSystemVolume: disk.isSystemVolume, diskType: disk.diskType, diskSize: disk.diskSize, diskMode: disk.diskMode, diskStatus: disk.diskStatus, instanceID: disk.instanceID, azName: disk.azName, cycleType: disk.cycleType, onDemand: disk.onDemand },
        { isSystemVolume: true, diskType: "SATA", diskSize: 40, diskMode: "VBD", diskStatus: "in-use", instanceID, azName: AZ1, cycleType: "on_demand", onDemand: true },
      );
      assert.deepEqual(disk.attachments.map((a) => [a.instanceID, a.device]), [[instanceID, "/dev/vda"]]);
      assert.deepEqual(booted.attachedVolume, [disk.diskID]);
      assert.equal(instanceRecords()[0]!.systemDiskID, disk.diskID);
    });

    it("answers instance-details with the exact JSON types TF decodes into (spec C.3)", async () => {
      const instanceID = await createInstance(emu, net);
      const vm = ok(await details(emu, instanceID));
      const integers = ["osType", "availableDay", "vipCount"];
      for (const field of integers) assert.ok(Number.isInteger(vm[field]), `${field} is an integer`);
      for (const field of ["flavorCPU", "flavorRAM", "gpuCount", "videoMemSize"]) assert.ok(Number.isInteger(vm["flavor"][field]), `flavor.${field} is an integer`);
      assert.equal(vm["osType"], 1, "Linux");
      assert.equal(vm["addresses"][0].addressList[0].version, 4);
      assert.ok(Array.isArray(vm["attachedVolume"]) && vm["attachedVolume"].every((v: unknown) => typeof v === "string"));
      assert.deepEqual(vm["networkCardList"][0].IPv6Address, []);
      assert.equal(vm["onDemand"], true);
      assert.equal(vm["networkCardList"][0].isMaster, true);
      assert.equal(vm["networkCardList"][0].IPv4Address, vm["privateIP"], "capital IPv4");
      assert.equal(vm["networkCardList"][0].subnetID, net.subnetID);
      assert.equal(vm["expiredTime"], null, "on-demand VMs never expire");
      assert.match(vm["createdTime"], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      assert.deepEqual(vm["flavor"], { flavorID: S7_LARGE, flavorName: "s7.large.2", flavorCPU: 2, flavorRAM: 4, gpuType: "", gpuCount: 0, gpuVendor: "", videoMemSize: 0 });
      assert.deepEqual(vm["image"], { imageID: UBUNTU, imageName: "Ubuntu Server 22.04 64位", supportXssd: true });
      // py v4_ecs_instance_details: networkCardList[].networkCardID, subnetCidr, gateway, securityGroup[].
      const nic = vm["networkCardList"][0];
      assert.deepEqual(
        { subnetCidr: nic.subnetCidr, gateway: nic.gateway, securityGroup: nic.securityGroup, idIsString: typeof nic.networkCardID, invented: "networkInterfaceID" in nic },
        { subnetCidr: "10.0.1.0/24", gateway: "10.0.1.1", securityGroup: [net.securityGroupID], idIsString: "string", invented: false },
      );
      assert.deepEqual(vm["networkInfo"], [{ subnetID: net.subnetID, ipAddress: vm["privateIP"], boundType: {} }]);
      assert.equal(vm["vpcID"], net.vpcID);
      assert.equal(vm["vpcName"], net.vpcName);
      assert.equal(vm["floatingIP"], "");
      assert.equal(vm["keypairName"], "");
      assert.equal(vm["azName"], AZ1);
      assert.equal(vm["azDisplayName"], "可用区1");
    });

    it("replays the same clientToken with the same parameters and refuses it with different ones", async () => {
      const body = instanceBody(net);
      const first = ok((await emu.post("/v4/ecs/create-instance", body)).envelope<Placed>());
      const again = ok((await emu.post("/v4/ecs/create-instance", body)).envelope<Placed>());
      assert.deepEqual(again, first);
      const conflict = (await emu.post("/v4/ecs/create-instance", { ...body, displayName: "other" })).envelope();
      assert.equal(conflict.errorCode, "Openapi.ClientToken.Conflict");
      await finishOrder(emu, first.masterOrderID);
      assert.equal(instanceRecords().length, 1);
      assert.equal(await orderCount(), 1);
    });

    it("refuses invalid requests with exact codes and messages, ordering nothing", async () => {
      const keyPairWindows = await importKeyPair(emu, "kp-table");
      const other = await createNetwork(emu, "172.16.0.0/16", "172.16.1.0/24");
      const cases: Array<[string, Record<string, unknown>, string, string]> = [
        ["unknown region", { regionID: "0000000000000000000000000000abcd" }, "Unknown.Region.RegionIDError", "Not found region by ID 0000000000000000000000000000abcd, check the ID and contact the admin"],
        ["no clientToken", { clientToken: undefined }, "Openapi.Parameter.Invalid", "clientToken: Invalid input: expected string, received undefined"],
        ["imageType as a string", { imageType: "1" }, "Openapi.Parameter.Invalid", "imageType: Invalid input: expected number, received string"],
        ["onDemand as a string", { onDemand: "true" }, "Openapi.Parameter.Invalid", "onDemand: Invalid input: expected boolean, received string"],
        ["no NIC", { networkCardList: [] }, "Openapi.Parameter.Invalid", "networkCardList: Too small: expected array to have >=1 items"],
        ["azName missing in a multi-AZ region", { azName: "" }, "Openapi.Parameter.Invalid", `azName (empty) is not a zone of region ${REGION_HUADONG1}`],
        ["unknown image", { imageID: "00000000-0000-4000-8000-000000000000" }, "Image.ImageCheck.NotFound", "image 00000000-0000-4000-8000-000000000000 not found"],
        ["imageType not matching a public image", { imageType: 0 }, "Openapi.Parameter.Invalid", `imageType 0 does not match the public image ${UBUNTU}`],
        ["hostname starting with '-'", { instanceName: "-web" }, "Openapi.Parameter.Invalid", "instanceName must not start or end with '-' or '.'"],
        ["hostname with '..'", { instanceName: "web..one" }, "Openapi.Parameter.Invalid", "instanceName must not contain '-' or '.' twice in a row"],
        ["hostname of digits", { instanceName: "12345" }, "Openapi.Parameter.Invalid", "instanceName must contain at least one letter"],
        ["hostname with '_'", { instanceName: "web_1" }, "Openapi.Parameter.Invalid", "instanceName may contain only letters, digits, '-' and '.'"],
        ["Windows hostname of 16 characters", { imageID: WINDOWS, instanceName: "windows-host-016" }, "Openapi.Parameter.Invalid", "instanceName must be 2-15 characters long for a Windows image"],
        ["displayName of one character", { displayName: "x" }, "Openapi.Parameter.Invalid", "displayName must be 2-63 bytes long"],
        ["unknown flavor", { flavorID: "00000000-0000-4000-8000-000000000001" }, "Ecs.Flavor.NotFound", "flavor 00000000-0000-4000-8000-000000000001 not found"],
        ["flavor not sold in the AZ", { azName: AZ3, flavorID: flavorId("c7.large.2") }, "Ecs.Flavor.NotAvailable", `flavor c7.large.2 is not available in ${AZ3}`],
        ["sold-out flavor", { flavorID: flavorId("m7.4xlarge.8") }, "Ecs.Flavor.NotAvailable", `flavor m7.4xlarge.8 is not available in ${AZ1}`],
        ["too little memory for Windows", { imageID: WINDOWS, instanceName: "win-1", flavorID: flavorId("s7.small.1") }, "Openapi.Parameter.Invalid", "flavor s7.small.1 has 1 GB of memory; image Windows Server 2019 数据中心版 64位中文版 needs 2 GB"],
        ["lower-case boot disk type", { bootDiskType: "sata" }, "Openapi.Parameter.Invalid", "bootDiskType must be one of SATA, SAS, SSD, SSD-genric, FAST-SSD"],
        ["boot disk below 40 GB", { bootDiskSize: 39 }, "Openapi.Parameter.Invalid", "bootDiskSize must be 40-2048 GB for this image"],
        ["boot disk above 2048 GB", { bootDiskSize: 2049 }, "Openapi.Parameter.Invalid", "bootDiskSize must be 40-2048 GB for this image"],
        ["public IP at create", { extIP: "1" }, "Openapi.Parameter.Invalid", "extIP must be 0: the emulator does not allocate public IPs at create (bind an EIP afterwards)"],
        ["data disks at create", { dataDiskList: [{ diskType: "SATA", diskSize: 10 }] }, "Openapi.Parameter.Invalid", "dataDiskList is not supported by the emulator"],
        ["userData not base64", { userData: "not base64!" }, "Openapi.Parameter.Invalid", "userData must be base64-encoded"],
        ["userData too long", { userData: "A".repeat(16388) }, "Openapi.Parameter.Invalid", "userData must be at most 16384 characters of base64"],
        ["lower-case cycleType", { onDemand: false, cycleType: "month", cycleCount: 1 }, "Openapi.Parameter.Invalid", "cycleType must be MONTH or YEAR when onDemand is false"],
        ["subscription without a count", { onDemand: false, cycleType: "MONTH", cycleCount: 0 }, "Openapi.Parameter.Invalid", "cycleCount must be an integer from 1 to 60 for cycleType MONTH (got 0)"],
        ["six years", { onDemand: false, cycleType: "YEAR", cycleCount: 6 }, "Openapi.Parameter.Invalid", "cycleCount must be an integer from 1 to 5 for cycleType YEAR (got 6)"],
        ["autoRenewStatus 2", { autoRenewStatus: 2 }, "Openapi.Parameter.Invalid", "autoRenewStatus must be 0 or 1"],
        ["unknown VPC", { vpcID: "vpc-0000000000" }, "Openapi.Vpc.NotFound", "vpc vpc-0000000000 not found"],
        ["two master NICs", { networkCardList: [{ isMaster: true, subnetID: net.subnetID }, { isMaster: true, subnetID: net.subnetID }] }, "Openapi.Parameter.Invalid", "networkCardList must contain exactly one NIC with isMaster true"],
        ["unknown subnet", { networkCardList: [{ isMaster: true, subnetID: "subnet-0000000000" }] }, "Openapi.Subnet.NotFound", "subnet subnet-0000000000 not found"],
        ["subnet of another VPC", { networkCardList: [{ isMaster: true, subnetID: other.subnetID }] }, "Openapi.Parameter.Invalid", `subnet ${other.subnetID} belongs to vpc ${other.vpcID}, not ${net.vpcID}`],
        ["fixedIP outside the subnet", { networkCardList: [{ isMaster: true, subnetID: net.subnetID, fixedIP: "10.0.2.5" }] }, "Openapi.Parameter.Invalid", `fixedIP 10.0.2.5 is not an assignable address of subnet ${net.subnetID} (10.0.1.2-10.0.1.252)`],
        ["unknown security group", { secGroupList: ["sg-0000000000"] }, "Openapi.SecurityGroup.NotFound", "security group sg-0000000000 not found"],
        ["security group of another VPC", { secGroupList: [other.securityGroupID] }, "Openapi.Parameter.Invalid", `security group ${other.securityGroupID} belongs to vpc ${other.vpcID}, not ${net.vpcID}`],
        ["duplicate security groups", { secGroupList: [net.securityGroupID, net.securityGroupID] }, "Openapi.Parameter.Invalid", "secGroupList contains duplicates"],
        ["no credentials", { userPassword: undefined }, "Openapi.Parameter.Invalid", "keyPairID or userPassword is required"],
        ["unknown key pair", { userPassword: undefined, keyPairID: "00000000-0000-4000-8000-000000000002" }, "Ecs.KeyPair.NotFound", "key pair 00000000-0000-4000-8000-000000000002 not found"],
        ["key pair on Windows", { imageID: WINDOWS, instanceName: "win-2", flavorID: flavorId("s7.xlarge.2"), userPassword: undefined, keyPairID: keyPairWindows }, "Openapi.Parameter.Invalid", "key pairs are not supported for Windows images; set userPassword"],
        ["weak password", { userPassword: "password" }, "Openapi.Parameter.Invalid", "userPassword must contain at least three of: upper-case letters, lower-case letters, digits, special characters"],
        ["password with the user name", { userPassword: "MyRoot#Pass9" }, "Openapi.Parameter.Invalid", "userPassword must not contain the image's user name root or toor, in any letter case"],
        ["userName on Windows", { imageID: WINDOWS, instanceName: "win-3", flavorID: flavorId("s7.xlarge.2"), userName: "root" }, "Openapi.Parameter.Invalid", "userName must be root or ecs-user (Linux images only)"],
      ];
      for (const [label, change, code, message] of cases) {
        const body = instanceBody(net, change);
        for (const [key, value] of Object.entries(change)) if (value === undefined) delete body[key];
        const envelope = (await emu.post("/v4/ecs/create-instance", body)).envelope();
        assert.deepEqual({ label, errorCode: envelope.errorCode, message: envelope.message }, { label, errorCode: code, message });
        assert.equal(envelope.statusCode, 900);
      }
      assert.equal(await orderCount(), 0);
      assert.deepEqual(instanceRecords(), []);
    });

    it("never echoes or stores the password: a salted hash proves it was set", async () => {
      const body = instanceBody(net, { userPassword: "Tr1cky!Secret" });
      const bad = (await emu.post("/v4/ecs/create-instance", { ...body, userPassword: "tr1cky-secret-xyz" })).envelope();
      assert.equal(bad.errorCode, "Openapi.Parameter.Invalid");
      assert.ok(!JSON.stringify(bad).includes("tr1cky-secret-xyz"));
      const instanceID = await createInstance(emu, net, { userPassword: "Tr1cky!Secret" });
      const record = instanceRecords().find((vm) => vm.instanceID === instanceID)!;
      assert.match(record.passwordHash, /^sha256\$[0-9a-f]{16}\$[0-9a-f]{64}$/);
      const everything = JSON.stringify(await emu.control.state()) + JSON.stringify(await details(emu, instanceID));
      assert.ok(!everything.includes("Tr1cky!Secret"), "the password is nowhere in the state or the answers");
    });

    it("attaches the VPC's default security group when secGroupList is absent, creating it once", async () => {
      const first = await createInstance(emu, net, { secGroupList: undefined });
      const second = await createInstance(emu, net, { secGroupList: [] });
      const groups = store().collection<SecurityGroupRecord>("securityGroup").find(REGION_HUADONG1, (g) => g.vpcID === net.vpcID && g.origin === "default");
      assert.equal(groups.length, 1);
      const group = groups[0]!;
      assert.equal(group.securityGroupName, "default");
      for (const id of [first, second]) assert.deepEqual(ok(await details(emu, id)).secGroupList, [{ securityGroupID: group.id, securityGroupName: "default" }]);
      const rules = ok((await emu.get("/v4/vpc/describe-security-group-attribute", { regionID: REGION_HUADONG1, securityGroupID: group.id })).envelope<{ securityGroupRuleList: Array<{ direction: string }> }>());
      assert.deepEqual(rules.securityGroupRuleList.map((r) => r.direction), ["egress", "egress"], "the platform's egress rules");
    });

    it("binds the key pair given by id and shows its name; with both, only the key pair counts", async () => {
      const keyPairID = await importKeyPair(emu, "deploy-key");
      const instanceID = await createInstance(emu, net, { keyPairID, userPassword: GOOD_PASSWORD });
      assert.equal(ok(await details(emu, instanceID)).keypairName, "deploy-key");
      assert.equal(instanceRecords()[0]!.passwordHash, "", "the password is ignored next to a key pair (API doc)");
    });

    it("allocates distinct addresses, including for orders still provisioning, and honours fixedIP", async () => {
      const a = ok((await emu.post("/v4/ecs/create-instance", instanceBody(net))).envelope<Placed>());
      const b = ok((await emu.post("/v4/ecs/create-instance", instanceBody(net))).envelope<Placed>());
      const fixed = ok((await emu.post("/v4/ecs/create-instance", instanceBody(net, { networkCardList: [{ isMaster: true, subnetID: net.subnetID, fixedIP: "10.0.1.100" }] }))).envelope<Placed>());
      const taken = (await emu.post("/v4/ecs/create-instance", instanceBody(net, { networkCardList: [{ isMaster: true, subnetID: net.subnetID, fixedIP: "10.0.1.100" }] }))).envelope();
      failure(taken, "Openapi.Parameter.Invalid", `fixedIP 10.0.1.100 is already in use in subnet ${net.subnetID}`);
      const ids = [];
      for (const order of [a, b, fixed]) ids.push((await finishOrder(emu, order.masterOrderID)).instanceIDList[0]!);
      const addresses = [];
      for (const id of ids) addresses.push(ok(await details(emu, id)).privateIP);
      assert.deepEqual(addresses, ["10.0.1.2", "10.0.1.3", "10.0.1.100"]);
      const subnet = ok((await emu.get("/v4/vpc/query-subnet", { regionID: REGION_HUADONG1, subnetID: net.subnetID })).envelope<{ availableIpCount: number }>());
      assert.equal(subnet.availableIpCount, 251 - 3, "the subnet counts the NICs");
    });

    it("fails the order (status 5, nothing created) when the subnet went away while it was provisioning", async () => {
      const placed = ok((await emu.post("/v4/ecs/create-instance", instanceBody(net))).envelope<Placed>());
      ok((await emu.post("/v4/vpc/delete-subnet", { regionID: REGION_HUADONG1, subnetID: net.subnetID })).envelope());
      assert.deepEqual(await finishOrder(emu, placed.masterOrderID), { orderStatus: "5", instanceIDList: [] });
      assert.deepEqual(instanceRecords(), []);
      assert.deepEqual(store().collection("disk").find(REGION_HUADONG1), []);
    });

    it("leaves a VM whose boot failed stopped (timing boot: fail)", async () => {
      await emu.control.setTiming("boot", { mode: "fail", times: 1 });
      const placed = ok((await emu.post("/v4/ecs/create-instance", instanceBody(net))).envelope<Placed>());
      const instanceID = (await finishOrder(emu, placed.masterOrderID)).instanceIDList[0]!;
      assert.equal(ok(await details(emu, instanceID)).instanceStatus, "stopped");
    });

    it("sells monthly and yearly subscriptions with an RFC 3339 expiry and integer days left", async () => {
      const monthly = await createInstance(emu, net, { onDemand: false, cycleType: "MONTH", cycleCount: 2, autoRenewStatus: 1 });
      const vm = ok(await details(emu, monthly));
      assert.equal(vm.onDemand, false);
      assert.equal(vm["expiredTime"], "2024-08-01T00:00:00.000Z");
      assert.equal(vm["availableDay"], 61);
      const record = instanceRecords()[0]!;
      assert.deepEqual([record.cycleType, record.cycleCount, record.autoRenewStatus], ["MONTH", 2, 1]);
      const disk = store().collection<DiskRecord>("disk").get(REGION_HUADONG1, record.systemDiskID)!;
      assert.deepEqual([disk.onDemand, disk.cycleType, disk.cycleCount, disk.expireTime], [false, "month", 2, Date.UTC(2024, 7, 1)]);
      const yearly = await createInstance(emu, net, { onDemand: false, cycleType: "YEAR", cycleCount: 1 });
      assert.equal(ok(await details(emu, yearly))["expiredTime"], "2025-06-01T00:00:00.000Z");
    });

    it("ignores cycleType and cycleCount for an on-demand VM, as the API doc says", async () => {
      const instanceID = await createInstance(emu, net, { onDemand: true, cycleType: "MONTH", cycleCount: 3 });
      assert.equal(ok(await details(emu, instanceID))["expiredTime"], null);
    });
  });

  describe("GET /v4/ecs/instance-details", () => {
    it("answers Ecs.Instance.NotFound for an unknown id and for an id of another region", async () => {
      failure(await details(emu, "00000000-0000-4000-8000-00000000dead"), "Ecs.Instance.NotFound", "instance 00000000-0000-4000-8000-00000000dead not found");
      const instanceID = await createInstance(emu, net);
      const elsewhere = (await emu.get("/v4/ecs/instance-details", { regionID: REGION_HUABEI2, instanceID })).envelope();
      failure(elsewhere, "Ecs.Instance.NotFound", `instance ${instanceID} not found`);
    });

    it("shows the floating IP of an associated EIP (EIP service) and drops it when disassociated", async () => {
      const instanceID = await createInstance(emu, net);
      const { eipID, address } = await associateNewEip(emu, instanceID);
      assert.equal(ok(await details(emu, instanceID)).floatingIP, address);
      ok((await emu.post("/v4/eip/disassociate", { regionID: REGION_HUADONG1, eipID })).envelope());
      assert.equal(ok(await details(emu, instanceID)).floatingIP, "");
    });
  });

  describe("POST /v4/ecs/describe-instances", () => {
    it("lists VMs with filters and integer paging counts", async () => {
      const a = await createInstance(emu, net, { instanceName: "api-1" });
      const b = await createInstance(emu, net, { instanceName: "api-2" });
      const c = await createInstance(emu, net, { instanceName: "db-1" });
      const list = async (body: Record<string, unknown>) =>
        ok((await emu.post("/v4/ecs/describe-instances", { regionID: REGION_HUADONG1, labelList: null, ...body })).envelope<{ currentCount: number; totalCount: number; totalPage: number; results: Instance[] }>());
      const all = await list({});
      assert.deepEqual([all.currentCount, all.totalCount, all.totalPage], [3, 3, 1]);
      assert.deepEqual(all.results.map((vm) => vm.instanceID), [a, b, c]);
      assert.deepEqual((await list({ instanceName: "api" })).results.map((vm) => vm.instanceID), [a, b]);
      assert.deepEqual((await list({ instanceIDList: `${c},${a}` })).results.map((vm) => vm.instanceID), [a, c]);
      const page2 = await list({ pageNo: 2, pageSize: 2 });
      assert.deepEqual([page2.currentCount, page2.totalCount, page2.totalPage, page2.results[0]!.instanceID], [1, 3, 2, c]);
      assert.equal((await list({ azName: AZ3 })).totalCount, 0);
      assert.equal((await list({ vpcID: net.vpcID, state: "running" })).totalCount, 3);
    });
  });

  describe("POST /v4/ecs/batch-update-instances", () => {
    it("renames in place, all or nothing", async () => {
      const a = await createInstance(emu, net);
      const b = await createInstance(emu, net);
      const renamed = ok((await emu.post("/v4/ecs/batch-update-instances", { regionID: REGION_HUADONG1, updateInfo: [{ instanceID: a, displayName: "alpha" }, { instanceID: b, displayName: "beta" }] })).envelope());
      // updateInfo[] rows with both id spellings: py declares instanceID, Go ctecs reads ID.
      assert.deepEqual(renamed, {
        updateInfo: [
          { ID: a, instanceID: a, displayName: "alpha", instanceName: ok(await details(emu, a)).instanceName, instanceDescription: "" },
          { ID: b, instanceID: b, displayName: "beta", instanceName: ok(await details(emu, b)).instanceName, instanceDescription: "" },
        ],
      });
      assert.equal(ok(await details(emu, a)).displayName, "alpha");
      const half = (await emu.post("/v4/ecs/batch-update-instances", { regionID: REGION_HUADONG1, updateInfo: [{ instanceID: a, displayName: "gamma" }, { instanceID: b, displayName: "x" }] })).envelope();
      failure(half, "Openapi.Parameter.Invalid", "displayName must be 2-63 bytes long");
      assert.equal(ok(await details(emu, a)).displayName, "alpha", "nothing was renamed");
      const unknown = (await emu.post("/v4/ecs/batch-update-instances", { regionID: REGION_HUADONG1, updateInfo: [{ instanceID: "00000000-0000-4000-8000-00000000beef", displayName: "ok" }] })).envelope();
      failure(unknown, "Ecs.Instance.NotFound", "instance 00000000-0000-4000-8000-00000000beef not found");
    });
  });

  describe("POST /v4/ecs/volume/list", () => {
    it("lists the system disk (系统盘) and data disks (数据盘), ignoring TF's misnamed page keys", async () => {
      const instanceID = await createInstance(emu, net, { bootDiskType: "SSD", bootDiskSize: 60 });
      const systemDiskID = instanceRecords()[0]!.systemDiskID;
      const dataDiskID = await attachDataDisk(emu, instanceID, { diskName: "data-1", diskType: "SAS", diskSize: 20, isEncrypt: true });
      const listed = ok((await emu.post("/v4/ecs/volume/list", { regionID: REGION_HUADONG1, instanceID, securityGroupID: 1, networkInterfaceID: 50 })).envelope());
      assert.deepEqual(listed, {
        currentCount: 2,
        totalCount: 2,
        totalPage: 1,
        results: [
          { diskID: systemDiskID, diskName: `sysdisk-${instanceID.slice(0, 8)}`, diskType: "系统盘", diskDataType: "SSD", diskMode: "VBD", diskSize: 60, isEncrypt: false, isSystemVolume: true, isPackaged: true },
          { diskID: dataDiskID, diskName: "data-1", diskType: "数据盘", diskDataType: "SAS", diskMode: "VBD", diskSize: 20, isEncrypt: true, isSystemVolume: false, isPackaged: false },
        ],
      });
      assert.deepEqual(ok(await details(emu, instanceID)).attachedVolume, [systemDiskID, dataDiskID]);
      const paged = ok((await emu.post("/v4/ecs/volume/list", { regionID: REGION_HUADONG1, instanceID, pageNo: 2, pageSize: 1 })).envelope<{ results: Array<{ diskType: string }>; totalPage: number }>());
      assert.deepEqual([paged.totalPage, paged.results.map((r) => r.diskType)], [2, ["数据盘"]]);
      failure((await emu.post("/v4/ecs/volume/list", { regionID: REGION_HUADONG1, instanceID: "00000000-0000-4000-8000-00000000f00d" })).envelope(), "Ecs.Instance.NotFound", "instance 00000000-0000-4000-8000-00000000f00d not found");
    });
  });

  it("keeps security groups in use by a VM from being deleted (security-group service invariant)", async () => {
    const extra = await createSecurityGroup(emu, net.vpcID);
    await createInstance(emu, net, { secGroupList: [net.securityGroupID, extra] });
    const refused = (await emu.post("/v4/vpc/delete-security-group", { regionID: REGION_HUADONG1, securityGroupID: extra })).envelope();
    assert.equal(refused.errorCode, "Openapi.Resource.InUse");
  });
});
