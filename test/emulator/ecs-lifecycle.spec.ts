/**
 * ECS after create (spec D.7): the power state machine and its StatusNot* codes, flavor changes
 * through orders on stopped VMs, the password policy of reset-password, security-group join/leave,
 * and unsubscribe/destroy with their effects on disks, EIPs and addresses.
 */
import assert from "node:assert/strict";
import type { DiskRecord } from "../../emulator/services/ebs/records";
import type { InstanceRecord } from "../../emulator/services/ecs/records";
import { ID_PATTERNS } from "../../emulator/store/ids";
import { REGION_HUADONG1, useEmulator } from "../helpers/emulator";
import {
  AZ1,
  associateNewEip,
  attachDataDisk,
  GOOD_PASSWORD,
  S7_LARGE,
  S7_XLARGE,
  createInstance,
  createNetwork,
  createSecurityGroup,
  details,
  failure,
  finishOrder,
  flavorId,
  instanceBody,
  ok,
  pollOrder,
  power,
  settle,
  type Network,
} from "./fixtures/ecs";

const post = (emu: ReturnType<typeof useEmulator>, op: string, body: Record<string, unknown>) => emu.post(`/v4/ecs/${op}`, { regionID: REGION_HUADONG1, ...body });

describe("emulator ECS instance lifecycle", () => {
  const emu = useEmulator({ transport: "in-process" });
  let net: Network;
  let vm: string;
  beforeEach(async () => {
    net = await createNetwork(emu);
    vm = await createInstance(emu, net);
  });

  const record = (id = vm) => emu.app.context.store.collection<InstanceRecord>("instance").get(REGION_HUADONG1, id);
  const status = async (id = vm) => ok(await details(emu, id)).instanceStatus;

  describe("power state machine", () => {
    it("stop: running → stopping (visible at once) → stopped; a second stop is Ecs.Instance.StatusNotRunning", async () => {
      const { jobID } = ok((await post(emu, "stop-instance", { instanceID: vm, force: false })).envelope<{ jobID: string }>());
      assert.match(jobID, ID_PATTERNS.uuid);
      assert.equal(await status(), "stopping", "the first read after stop-instance shows the transition");
      const again = (await post(emu, "stop-instance", { instanceID: vm })).envelope();
      failure(again, "Ecs.Instance.StatusNotRunning", `instance ${vm} is stopping; this operation needs it running`);
      assert.equal(await status(), "stopped");
      failure((await post(emu, "stop-instance", { instanceID: vm })).envelope(), "Ecs.Instance.StatusNotRunning", `instance ${vm} is stopped; this operation needs it running`);
      const job = ok((await emu.get("/v4/job/info", { jobID, regionID: REGION_HUADONG1 })).envelope<{ status: number; fields: Record<string, string> }>());
      assert.equal(job.fields["taskName"], "StopInstance");
    });

    it("start: stopped → starting → running; starting a running VM is Ecs.Instance.StatusNotStopped", async () => {
      failure((await post(emu, "start-instance", { instanceID: vm })).envelope(), "Ecs.Instance.StatusNotStopped", `instance ${vm} is running; this operation needs it stopped`);
      assert.equal(await power(emu, "stop", vm), "stopped");
      ok((await post(emu, "start-instance", { instanceID: vm, force: false })).envelope());
      assert.equal(await status(), "starting");
      assert.equal(await status(), "running");
    });

    it("shelve: running → shelving → shelve; start brings it back; stop of a shelved VM is StatusNotRunning", async () => {
      ok((await post(emu, "shelve-instance", { instanceID: vm })).envelope());
      assert.equal(await status(), "shelving");
      assert.equal(await status(), "shelve");
      failure((await post(emu, "stop-instance", { instanceID: vm })).envelope(), "Ecs.Instance.StatusNotRunning", `instance ${vm} is shelve; this operation needs it running`);
      assert.equal(await power(emu, "start", vm), "running");
    });

    it("refuses power operations while the VM is still creating", async () => {
      const placed = ok((await emu.post("/v4/ecs/create-instance", instanceBody(net))).envelope<{ masterOrderID: string }>());
      const booting = (await finishOrder(emu, placed.masterOrderID)).instanceIDList[0]!;
      assert.equal(record(booting)!.instanceStatus, "creating");
      failure((await post(emu, "stop-instance", { instanceID: booting })).envelope(), "Ecs.Instance.StatusNotRunning", `instance ${booting} is creating; this operation needs it running`);
      failure((await post(emu, "start-instance", { instanceID: booting })).envelope(), "Ecs.Instance.StatusNotStopped", `instance ${booting} is creating; this operation needs it stopped`);
    });

    it("a failed start (timing power: fail) falls back to stopped", async () => {
      await power(emu, "stop", vm);
      await emu.control.setTiming("power", { mode: "fail", times: 1 });
      ok((await post(emu, "start-instance", { instanceID: vm })).envelope());
      assert.equal(await status(), "stopped");
    });

    it("answers Ecs.Instance.NotFound for an unknown VM", async () => {
      failure((await post(emu, "start-instance", { instanceID: "00000000-0000-4000-8000-0000000000aa" })).envelope(), "Ecs.Instance.NotFound", "instance 00000000-0000-4000-8000-0000000000aa not found");
    });
  });

  describe("POST /v4/ecs/update-flavor-spec", () => {
    it("needs a stopped VM, places a modify order, and changes the flavor only when it completes", async () => {
      failure((await post(emu, "update-flavor-spec", { instanceID: vm, flavorID: S7_XLARGE, clientToken: "f1" })).envelope(), "Ecs.Instance.StatusNotStopped", `instance ${vm} is running; this operation needs it stopped`);
      await power(emu, "stop", vm);
      const placed = ok((await post(emu, "update-flavor-spec", { instanceID: vm, flavorID: S7_XLARGE, clientToken: "f1" })).envelope<{ masterOrderID: string; masterOrderNO: string; regionID: string }>());
      assert.match(placed.masterOrderID, ID_PATTERNS.hex32);
      assert.deepEqual(ok((await post(emu, "update-flavor-spec", { instanceID: vm, flavorID: S7_XLARGE, clientToken: "f1" })).envelope()), placed, "clientToken replay");
      assert.equal(ok(await details(emu, vm)).flavor.flavorID, S7_LARGE, "unchanged while the order provisions");
      assert.equal((await pollOrder(emu, placed.masterOrderID)).orderStatus, "14");
      assert.equal((await pollOrder(emu, placed.masterOrderID)).orderStatus, "3");
      const flavor = ok(await details(emu, vm)).flavor;
      assert.deepEqual([flavor.flavorID, flavor.flavorName, flavor.flavorCPU, flavor.flavorRAM], [S7_XLARGE, "s7.xlarge.2", 4, 8]);
    });

    it("refuses the current flavor, unknown flavors and flavors not sold in the VM's zone", async () => {
      await power(emu, "stop", vm);
      failure((await post(emu, "update-flavor-spec", { instanceID: vm, flavorID: S7_LARGE })).envelope(), "Openapi.Parameter.Invalid", `instance ${vm} already has flavor ${S7_LARGE}`);
      failure((await post(emu, "update-flavor-spec", { instanceID: vm, flavorID: "00000000-0000-4000-8000-0000000000ff" })).envelope(), "Ecs.Flavor.NotFound", "flavor 00000000-0000-4000-8000-0000000000ff not found");
      failure((await post(emu, "update-flavor-spec", { instanceID: vm, flavorID: flavorId("m7.4xlarge.8") })).envelope(), "Ecs.Flavor.NotAvailable", `flavor m7.4xlarge.8 is not available in ${AZ1}`);
      const orders = (await emu.control.state()).orders as Array<{ kind: string }>;
      assert.equal(orders.filter((o) => o.kind === "modify").length, 0);
    });
  });

  describe("POST /v4/ecs/reset-password", () => {
    it("changes the stored hash of a running VM and refuses a stopped one", async () => {
      const before = record()!.passwordHash;
      assert.deepEqual(ok((await post(emu, "reset-password", { instanceID: vm, newPassword: "N3w!Passw0rd" })).envelope()), { instanceID: vm });
      assert.notEqual(record()!.passwordHash, before);
      await power(emu, "stop", vm);
      failure((await post(emu, "reset-password", { instanceID: vm, newPassword: "N3w!Passw0rd" })).envelope(), "Ecs.Instance.StatusNotRunning", `instance ${vm} is stopped; this operation needs it running`);
    });

    it("enforces the password policy (table), never echoing the password", async () => {
      const table: Array<[string, string | undefined, string]> = [
        ["Sh0rt!x", undefined, "must be 8-30 characters long"],
        ["Aa1!" + "x".repeat(27), undefined, "must be 8-30 characters long"],
        ["Has Space1!", undefined, "may contain only letters, digits and the special characters ()`~!@#$%^&*_-+=|{}[]:;'<>,.?/\\"],
        ['Quote"Mark1', undefined, "may contain only letters, digits and the special characters ()`~!@#$%^&*_-+=|{}[]:;'<>,.?/\\"],
        ["/Slash1Lead", undefined, "must not start with /"],
        ["alllowercase", undefined, "must contain at least three of: upper-case letters, lower-case letters, digits, special characters"],
        ["Qxabc#9Zt", undefined, "must not contain three consecutive ascending characters such as abc or 123"],
        ["Qx#9XyZt", undefined, "must not contain three consecutive ascending characters such as abc or 123"],
        ["Passw0rd!xyz", undefined, "must not contain three consecutive ascending characters such as abc or 123"],
        ["Pass!789word", undefined, "must not contain three consecutive ascending characters such as abc or 123"],
        ["My#RoOTpass9", undefined, "must not contain the image's user name root or toor, in any letter case"],
        ["My#tOoRpass9", undefined, "must not contain the image's user name root or toor, in any letter case"],
        ["Ecs-User#9x", "ecs-user", "must not contain the image's user name ecs-user or resu-sce, in any letter case"],
        ["Good#Pass9w", "admin", "userName must be root or ecs-user for this linux image"],
      ];
      for (const [password, userName, reason] of table) {
        const envelope = (await post(emu, "reset-password", { instanceID: vm, newPassword: password, ...(userName ? { userName } : {}) })).envelope();
        const message = reason.startsWith("userName") ? reason : `newPassword ${reason}`;
        assert.deepEqual({ password, errorCode: envelope.errorCode, message: envelope.message }, { password, errorCode: "Openapi.Parameter.Invalid", message });
        assert.ok(!JSON.stringify(envelope).includes(password), "the password is not echoed");
      }
      for (const good of ["Aa1!Bb2@Cc3#", "k9#Lm2$Qw8zP", "Xy7(kq9)Lm", "Ecs-User#9x"]) {
        ok((await post(emu, "reset-password", { instanceID: vm, newPassword: good })).envelope());
      }
    });
  });

  describe("security groups", () => {
    it("joins a group of the VM's VPC and leaves it again, keeping join order", async () => {
      const extra = await createSecurityGroup(emu, net.vpcID, "web-extra");
      assert.equal(ok((await post(emu, "vpc/join-security-group", { instanceID: vm, securityGroupID: extra, action: "joinSecurityGroup" })).envelope()), null);
      assert.deepEqual(ok(await details(emu, vm)).secGroupList.map((g: { securityGroupID: string }) => g.securityGroupID), [net.securityGroupID, extra]);
      const sg = ok((await emu.get("/v4/vpc/describe-security-group-attribute", { regionID: REGION_HUADONG1, securityGroupID: extra })).envelope<{ vmNum: number }>());
      assert.equal(sg.vmNum, 1);
      ok((await post(emu, "vpc/leave-security-group", { instanceID: vm, securityGroupID: net.securityGroupID })).envelope());
      assert.deepEqual(ok(await details(emu, vm)).secGroupList, [{ securityGroupID: extra, securityGroupName: "web-extra" }]);
      ok((await emu.post("/v4/vpc/delete-security-group", { regionID: REGION_HUADONG1, securityGroupID: net.securityGroupID })).envelope());
    });

    it("refuses groups of other VPCs, unknown groups, double joins, leaving a group not joined, and leaving the last group", async () => {
      const other = await createNetwork(emu, "172.16.0.0/16", "172.16.1.0/24");
      failure((await post(emu, "vpc/join-security-group", { instanceID: vm, securityGroupID: other.securityGroupID })).envelope(), "Openapi.Parameter.Invalid", `security group ${other.securityGroupID} belongs to vpc ${other.vpcID}, not ${net.vpcID}`);
      failure((await post(emu, "vpc/join-security-group", { instanceID: vm, securityGroupID: "sg-0000000000" })).envelope(), "Openapi.SecurityGroup.NotFound", "security group sg-0000000000 not found");
      failure((await post(emu, "vpc/join-security-group", { instanceID: vm, securityGroupID: net.securityGroupID })).envelope(), "Openapi.Parameter.Invalid", `security group ${net.securityGroupID} is already bound to instance ${vm}`);
      const extra = await createSecurityGroup(emu, net.vpcID);
      failure((await post(emu, "vpc/leave-security-group", { instanceID: vm, securityGroupID: extra })).envelope(), "Openapi.Parameter.Invalid", `security group ${extra} is not bound to instance ${vm}`);
      failure((await post(emu, "vpc/leave-security-group", { instanceID: vm, securityGroupID: net.securityGroupID })).envelope(), "Openapi.Parameter.Invalid", `security group ${net.securityGroupID} is the last one of instance ${vm}; join another one first`);
      failure((await post(emu, "vpc/join-security-group", { instanceID: vm, securityGroupID: extra, action: "leave" })).envelope(), "Openapi.Parameter.Invalid", 'action: Invalid input: expected "joinSecurityGroup"');
      assert.deepEqual(record()!.secGroupIDs, [net.securityGroupID]);
    });
  });

  describe("unsubscribe and destroy", () => {
    it("unsubscribes an on-demand VM: unsubscribing at once, gone when the refund order completes, with its system disk; data disks detached, EIPs unbound, the address freed", async () => {
      const store = emu.app.context.store;
      const systemDiskID = record()!.systemDiskID;
      const dataDiskID = await attachDataDisk(emu, vm);
      const { eipID } = await associateNewEip(emu, vm);
      const placed = ok((await post(emu, "unsubscribe-instance", { instanceID: vm, clientToken: "u1" })).envelope<{ masterOrderID: string; masterOrderNO: string; regionID: string }>());
      assert.deepEqual(Object.keys(placed).sort(), ["masterOrderID", "masterOrderNO", "regionID"]);
      assert.equal(await status(), "unsubscribing");
      failure((await post(emu, "start-instance", { instanceID: vm })).envelope(), "Ecs.Instance.StatusNotStopped", `instance ${vm} is unsubscribing; this operation needs it stopped`);
      assert.deepEqual(await pollOrder(emu, placed.masterOrderID), { orderStatus: "14", instanceIDList: [] });
      assert.deepEqual(await pollOrder(emu, placed.masterOrderID), { orderStatus: "3", instanceIDList: [vm] });
      failure(await details(emu, vm), "Ecs.Instance.NotFound", `instance ${vm} not found`);
      assert.equal(store.collection("disk").get(REGION_HUADONG1, systemDiskID), undefined, "the system disk went with the VM");
      const data = store.collection<DiskRecord>("disk").get(REGION_HUADONG1, dataDiskID)!;
      assert.deepEqual([data.diskStatus, data.instanceID, data.attachments], ["available", "", []], "the data disk was detached and kept");
      const eip = ok((await emu.get("/v4/eip/show", { regionID: REGION_HUADONG1, eipID })).envelope<Record<string, unknown>>());
      assert.deepEqual([eip["status"], eip["associationID"]], ["DOWN", ""], "the EIP was unbound and kept");
      ok((await emu.post("/v4/vpc/delete-subnet", { regionID: REGION_HUADONG1, subnetID: net.subnetID })).envelope());
    });

    it("keeps a subscription VM as unsubscribed until destroy-instance removes it", async () => {
      const monthly = await createInstance(emu, net, { onDemand: false, cycleType: "MONTH", cycleCount: 1 });
      failure((await post(emu, "destroy-instance", { instanceID: monthly, clientToken: "d0" })).envelope(), "Ecs.Instance.StatusInvalid", `instance ${monthly} is running; this operation needs it unsubscribed`);
      const refund = ok((await post(emu, "unsubscribe-instance", { instanceID: monthly, clientToken: "u2" })).envelope<{ masterOrderID: string }>());
      assert.equal((await finishOrder(emu, refund.masterOrderID)).orderStatus, "3");
      assert.equal(await status(monthly), "unsubscribed");
      failure((await post(emu, "start-instance", { instanceID: monthly })).envelope(), "Ecs.Instance.StatusNotStopped", `instance ${monthly} is unsubscribed; this operation needs it stopped`);
      const destroy = ok((await post(emu, "destroy-instance", { instanceID: monthly, clientToken: "d1" })).envelope<{ masterOrderID: string }>());
      assert.deepEqual(await finishOrder(emu, destroy.masterOrderID), { orderStatus: "3", instanceIDList: [monthly] });
      failure(await details(emu, monthly), "Ecs.Instance.NotFound", `instance ${monthly} not found`);
      assert.equal(emu.app.context.store.collection<DiskRecord>("disk").find(REGION_HUADONG1, (d) => d.instanceID === monthly).length, 0);
    });

    it("refuses to unsubscribe a VM in a power transition and restores the status when the refund fails", async () => {
      ok((await post(emu, "stop-instance", { instanceID: vm })).envelope());
      failure((await post(emu, "unsubscribe-instance", { instanceID: vm })).envelope(), "Ecs.Instance.StatusInvalid", `instance ${vm} is stopping; this operation needs it running or stopped or shelve or error or expired`);
      assert.equal((await settle(emu, vm, "stopping")).instanceStatus, "stopped");
      await emu.control.setTiming("refund", { mode: "fail", times: 1 });
      const refund = ok((await post(emu, "unsubscribe-instance", { instanceID: vm })).envelope<{ masterOrderID: string }>());
      assert.equal(await status(), "unsubscribing");
      assert.equal((await finishOrder(emu, refund.masterOrderID)).orderStatus, "5");
      assert.equal(await status(), "stopped");
    });

    it("refuses deleteVolume/deleteEIP true (not emulated) with a clear message", async () => {
      failure((await post(emu, "unsubscribe-instance", { instanceID: vm, deleteVolume: true })).envelope(), "Openapi.Parameter.Invalid", "deleteVolume true is not supported by the emulator: data disks are detached and kept");
      assert.equal(await status(), "running");
    });
  });

  it("salts password hashes: two VMs with the same password store different hashes", async () => {
    const other = await createInstance(emu, net, { userPassword: GOOD_PASSWORD });
    assert.equal(record()!.passwordHash.length, record(other)!.passwordHash.length);
    assert.notEqual(record(other)!.passwordHash, record()!.passwordHash);
  });
});
