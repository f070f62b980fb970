/**
 * Private images in the emulator (api-notes/image.md): made from a stopped VM or an instance
 * snapshot, queued → active, listed as private (visibility 0), booting a VM (imageType 0), renamed,
 * shared (waiting; an accepted share blocks unshare and delete), deleted (deleting → not found), and
 * held while VMs are being created from it.
 */
import assert from "node:assert/strict";
import { UNKNOWN_CODE_SITUATIONS } from "../../emulator/unknown-codes";
import { REGION_HUADONG1, useEmulator, type EmulatorHarness } from "../helpers/emulator";
import { createInstance, createNetwork, details, failure, finishOrder, instanceBody, ok, power, type Network } from "./fixtures/ecs";

const R = REGION_HUADONG1;
/** The invented single-AZ region (COVERAGE.md → Regions and catalog). */
const REGION_SINGLE_AZ = "3c5ee1fa8f3d11ee9b6a0242ac110005";
const OTHER_ACCOUNT = "0123456789abcdef0123456789abcdef";
type Image = Record<string, any> & { imageID: string; status: string };

async function detail(emu: EmulatorHarness, imageID: string): Promise<Image> {
  return ok((await emu.get("/v4/image/detail", { regionID: R, imageID })).envelope<{ images: Image[] }>()).images[0]!;
}

/** A stopped VM and an active image of it. */
async function activeImage(emu: EmulatorHarness, imageName = "golden"): Promise<{ net: Network; vm: string; imageID: string }> {
  const net = await createNetwork(emu);
  const vm = await createInstance(emu, net);
  assert.equal(await power(emu, "stop", vm), "stopped");
  const imageID = ok((await emu.post("/v4/image/create", { regionID: R, instanceID: vm, imageName })).envelope<{ images: Image[] }>()).images[0]!.imageID;
  await detail(emu, imageID);
  assert.equal((await detail(emu, imageID)).status, "active");
  return { net, vm, imageID };
}

describe("emulator: private images", () => {
  const emu = useEmulator({ transport: "in-process" });

  it("makes an image of a stopped VM's system disk: queued, then active with a size, inheriting the VM image's OS", async () => {
    const vm = await createInstance(emu, await createNetwork(emu));
    failure((await emu.post("/v4/image/create", { regionID: R, instanceID: vm, imageName: "golden" })).envelope(), "Image.Source.InvalidStatus", `instance ${vm} is running: an image is made from a stopped instance (stop it first)`);
    await power(emu, "stop", vm);
    const [made] = ok((await emu.post("/v4/image/create", { regionID: R, instanceID: vm, imageName: "golden", description: "baked" })).envelope<{ images: Image[] }>()).images;
    assert.deepEqual(
      { status: made!.status, imageStatus: made!["imageStatus"], visibility: made!["visibility"], code: made!["imageVisibilityCode"], size: made!["size"], source: made!["imageSource"], server: made!["sourceServerID"], os: [made!["osType"], made!["osDistro"], made!["osVersion"]], disk: made!["diskSize"], type: made!["imageType"] },
      { status: "queued", imageStatus: "queued", visibility: "private", code: 0, size: 0, source: "cloud_server", server: vm, os: ["linux", "Ubuntu", "22.04"], disk: 40, type: "" },
    );
    assert.equal(made!["sourceSnapshotID"], undefined, "internal fields stay internal");
    assert.equal((await detail(emu, made!.imageID)).status, "queued", "the first poll sees it queued");
    const active = await detail(emu, made!.imageID);
    assert.deepEqual({ status: active.status, size: active["size"] }, { status: "active", size: 40 * 1024 ** 3 });
    const taken = (await emu.post("/v4/image/create", { regionID: R, instanceID: vm, imageName: "golden" })).envelope();
    assert.ok((UNKNOWN_CODE_SITUATIONS["image-name-taken"] as readonly string[]).includes(taken.errorCode));
    failure((await emu.post("/v4/image/create", { regionID: R, instanceID: vm, imageName: "ends-" })).envelope(), "Openapi.Parameter.Invalid", "imageName must start with a letter, contain only letters, digits and '-', and not end with '-'");
  });

  it("lists private images with visibility 0 (public ones stay public) and boots a VM from one with imageType 0", async () => {
    const { net, imageID } = await activeImage(emu);
    const privates = ok((await emu.get("/v4/image/list", { regionID: R, visibility: "0" })).envelope<{ images: Image[]; totalCount: number }>());
    assert.deepEqual(privates.images.map((i) => i.imageID), [imageID]);
    const publics = ok((await emu.get("/v4/image/list", { regionID: R, imageVisibilityCode: "1", pageSize: "50" })).envelope<{ images: Image[] }>());
    assert.ok(!publics.images.some((i) => i.imageID === imageID));
    failure((await emu.post("/v4/ecs/create-instance", instanceBody(net, { imageID, imageType: 1 }))).envelope(), "Openapi.Parameter.Invalid", `imageType 1 does not match the private image ${imageID}`);
    const booted = await createInstance(emu, net, { imageID, imageType: 0 });
    assert.deepEqual(ok(await details(emu, booted))["image"], { imageID, imageName: "golden", supportXssd: true });
  });

  it("refuses booting from an image that is not active yet", async () => {
    const net = await createNetwork(emu);
    const vm = await createInstance(emu, net);
    await power(emu, "stop", vm);
    const imageID = ok((await emu.post("/v4/image/create", { regionID: R, instanceID: vm, imageName: "young" })).envelope<{ images: Image[] }>()).images[0]!.imageID;
    failure((await emu.post("/v4/ecs/create-instance", instanceBody(net, { imageID, imageType: 0 }))).envelope(), "Image.Status.Invalid", `image ${imageID} is queued: only an active image can boot an instance`);
  });

  it("renames an active image, and deletes it: deleting, then not found", async () => {
    const { imageID } = await activeImage(emu);
    ok((await emu.post("/v4/image/update", { regionID: R, imageID, imageName: "silver", description: "renamed" })).envelope());
    assert.deepEqual([(await detail(emu, imageID)).imageName, (await detail(emu, imageID))["description"]], ["silver", "renamed"]);
    ok((await emu.post("/v4/image/delete", { regionID: R, imageID })).envelope());
    assert.equal((await detail(emu, imageID)).status, "deleting");
    failure((await emu.get("/v4/image/detail", { regionID: R, imageID })).envelope(), "Image.ImageCheck.NotFound", `image ${imageID} not found`);
  });

  it("shares with other accounts (waiting); an accepted share blocks unshare and delete until the recipient rejects", async () => {
    const { imageID } = await activeImage(emu);
    ok((await emu.post("/v4/image/shared-image/create", { regionID: R, imageID, destinationAccountID: OTHER_ACCOUNT })).envelope());
    failure((await emu.post("/v4/image/shared-image/create", { regionID: R, imageID, destinationAccountID: OTHER_ACCOUNT })).envelope(), "Image.Share.AlreadyShared", `image ${imageID} is already shared with account ${OTHER_ACCOUNT}`);
    failure((await emu.post("/v4/image/shared-image/create", { regionID: R, imageID, destinationAccountID: "7b2d6c1e9f4a4e0b8c3d5a6f1e2b3c4d" })).envelope(), "Openapi.Parameter.Invalid", "destinationAccountID is this account: an image is shared with other accounts");
    const list = ok((await emu.get("/v4/image/show-shared-list", { regionID: R, imageID })).envelope<{ images: Image[]; totalCount: number }>());
    assert.deepEqual(list.images.map((i) => [i["destinationAccountID"], i.status]), [[OTHER_ACCOUNT, "waiting"]]);
    assert.equal((await detail(emu, imageID))["imageShareCount"], 1);
    await emu.control.patchResource("imageShare", `${imageID}:${OTHER_ACCOUNT}`, { status: "accepted" });
    for (const [path, body] of [["/v4/image/shared-image/delete", { destinationAccountID: OTHER_ACCOUNT }], ["/v4/image/delete", {}]] as const) {
      const refused = (await emu.post(path, { regionID: R, imageID, ...body })).envelope();
      assert.ok((UNKNOWN_CODE_SITUATIONS["image-in-use"] as readonly string[]).includes(refused.errorCode), `${path}: ${refused.errorCode}`);
    }
    await emu.control.patchResource("imageShare", `${imageID}:${OTHER_ACCOUNT}`, { status: "rejected" });
    ok((await emu.post("/v4/image/shared-image/delete", { regionID: R, imageID, CancelAllSharedAccount: true })).envelope());
    assert.equal(ok((await emu.get("/v4/image/show-shared-list", { regionID: R, imageID })).envelope<{ totalCount: number }>()).totalCount, 0);
  });

  it("is held while an instance is being created from it (not by instances made from it)", async () => {
    const { net, imageID } = await activeImage(emu);
    const placed = ok((await emu.post("/v4/ecs/create-instance", instanceBody(net, { imageID, imageType: 0 }))).envelope<{ masterOrderID: string }>());
    const held = (await emu.post("/v4/image/delete", { regionID: R, imageID })).envelope();
    assert.ok((UNKNOWN_CODE_SITUATIONS["image-in-use"] as readonly string[]).includes(held.errorCode));
    assert.match(held.message, new RegExp(`^image ${imageID} is used by instances being created from it: [0-9a-f-]{36}$`));
    await finishOrder(emu, placed.masterOrderID);
    ok((await emu.post("/v4/image/delete", { regionID: R, imageID })).envelope());
  });

  it("makes an image from an instance snapshot (multi-AZ regions only) with the VM's OS", async () => {
    const vm = await createInstance(emu, await createNetwork(emu));
    const { snapshotID } = ok((await emu.post("/v4/ecs/snapshot/create", { regionID: R, instanceID: vm, snapshotName: "snap" })).envelope<{ snapshotID: string }>());
    failure((await emu.post("/v4/image/create-from-ecs-snapshot", { regionID: R, snapshotID, imageName: "from-snap" })).envelope(), "Image.Source.InvalidStatus", `instance snapshot ${snapshotID} is pending: an image is made from an available snapshot`);
    await emu.get("/v4/ecs/snapshot/details", { regionID: R, snapshotID });
    await emu.get("/v4/ecs/snapshot/details", { regionID: R, snapshotID });
    const [made] = ok((await emu.post("/v4/image/create-from-ecs-snapshot", { regionID: R, snapshotID, imageName: "from-snap" })).envelope<{ images: Image[] }>()).images;
    assert.deepEqual({ source: made!["imageSource"], server: made!["sourceServerID"], os: made!["osDistro"], image: made!["imageType"] }, { source: "snapshot", server: snapshotID, os: "Ubuntu", image: "" });
    failure(
      (await emu.post("/v4/image/create-from-ecs-snapshot", { regionID: REGION_SINGLE_AZ, snapshotID, imageName: "from-snap2" })).envelope(),
      "Image.Region.NotSupported",
      `region ${REGION_SINGLE_AZ} does not offer images from instance snapshots (multi-AZ regions only)`,
    );
  });
});
