/** Catalog operations with the exact JSON types CTyun clients decode into (spec C.3, D.12). */
import assert from "node:assert/strict";
import { ID_PATTERNS } from "../../emulator/store/ids";
import { REGION_HUABEI2, REGION_HUADONG1, useEmulator } from "../helpers/emulator";

const REGION_XINAN1 = "3c5ee1fa8f3d11ee9b6a0242ac110005";
const HUADONG1_AZ1 = "cn-huadong1-jsnj1A-public-ctcloud";
const HUADONG1_AZ2 = "cn-huadong1-jsnj2A-public-ctcloud";
const HUADONG1_AZ3 = "cn-huadong1-jsnj3A-public-ctcloud";

interface Flavor {
  flavorID: string;
  flavorName: string;
  flavorCPU: number;
  flavorRAM: number;
  flavorType: string;
  flavorSeries: string;
  available: boolean;
  azList: string[];
  [key: string]: unknown;
}
interface Image {
  imageID: string;
  imageName: string;
  osType: string;
  visibility: string;
  minimumRAM: number;
  [key: string]: unknown;
}

function assertTypes(value: Record<string, unknown>, types: Record<string, string>): void {
  for (const [field, type] of Object.entries(types)) {
    const actual = value[field];
    if (type === "integer") assert.ok(Number.isInteger(actual), `${field} must be an integer, got ${JSON.stringify(actual)}`);
    else if (type === "string[]") assert.ok(Array.isArray(actual) && actual.every((v) => typeof v === "string"), `${field} must be string[]`);
    else assert.equal(typeof actual, type, `${field} must be ${type}, got ${JSON.stringify(actual)}`);
  }
}

describe("emulator catalog service", () => {
  const emu = useEmulator({ transport: "in-process" });

  describe("GET /v4/region/list-regions", () => {
    it("lists at least three regions with the documented fields and types", async () => {
      const { regionList } = (await emu.get("/v4/region/list-regions")).envelope<{ regionList: Array<Record<string, unknown>> }>().returnObj;
      assert.ok(regionList.length >= 3);
      for (const region of regionList) {
        assert.deepEqual(Object.keys(region).sort(), ["isMultiZones", "regionID", "regionName", "regionParent", "regionType", "zoneList"]);
        assertTypes(region, { regionID: "string", regionName: "string", regionParent: "string", regionType: "string", isMultiZones: "boolean", zoneList: "string[]" });
        assert.match(region["regionID"] as string, ID_PATTERNS.hex32);
      }
      const huadong = regionList.find((r) => r["regionID"] === REGION_HUADONG1)!;
      assert.deepEqual(huadong, {
        regionID: REGION_HUADONG1, regionName: "华东1", regionParent: "华东", regionType: "public", isMultiZones: true,
        zoneList: [HUADONG1_AZ1, HUADONG1_AZ2, HUADONG1_AZ3],
      });
      assert.ok(regionList.some((r) => r["regionID"] === REGION_HUABEI2));
      const single = regionList.find((r) => r["isMultiZones"] === false)!;
      assert.deepEqual(single["zoneList"], ["default"]);
    });

    it("filters by regionName", async () => {
      const { regionList } = (await emu.get("/v4/region/list-regions", { regionName: "华北" })).envelope<{ regionList: Array<{ regionID: string }> }>().returnObj;
      assert.deepEqual(regionList.map((r) => r.regionID), [REGION_HUABEI2]);
    });
  });

  describe("GET /v4/region/get-zones", () => {
    it("returns name and azDisplayName per zone", async () => {
      const res = (await emu.get("/v4/region/get-zones", { regionID: REGION_XINAN1 })).envelope();
      assert.deepEqual(res.returnObj, { zoneList: [{ name: "default", azDisplayName: "默认可用区" }] });
    });

    it("rejects an unknown or missing regionID", async () => {
      const unknown = (await emu.get("/v4/region/get-zones", { regionID: "0000000000000000000000000000abcd" })).envelope();
      assert.equal(unknown.errorCode, "Unknown.Region.RegionIDError");
      const missing = (await emu.get("/v4/region/get-zones")).envelope();
      assert.equal(missing.errorCode, "Openapi.Parameter.Invalid");
      assert.equal(missing.message, "regionID is required");
    });
  });

  describe("POST /v4/ecs/flavor/list", () => {
    const list = async (filter: Record<string, unknown>) =>
      (await emu.post("/v4/ecs/flavor/list", { regionID: REGION_HUADONG1, ...filter })).envelope<{ flavorList: Flavor[] }>();

    it("lists s7/c7/m7 flavors with exact field types", async () => {
      const { flavorList } = (await list({})).returnObj;
      assert.ok(flavorList.length >= 12);
      assert.deepEqual([...new Set(flavorList.map((f) => f.flavorSeries))].sort(), ["c", "m", "s"]);
      for (const flavor of flavorList) {
        assertTypes(flavor, {
          flavorID: "string", flavorName: "string", flavorType: "string", flavorSeries: "string", flavorSeriesName: "string", cpuInfo: "string",
          gpuType: "string", gpuVendor: "string", flavorCPU: "integer", flavorRAM: "integer", pps: "integer", nicMultiQueue: "integer",
          gpuCount: "integer", videoMemSize: "integer", baseBandwidth: "number", bandwidth: "number", available: "boolean", azList: "string[]",
        });
        assert.match(flavor.flavorID, ID_PATTERNS.uuid);
        assert.match(flavor.flavorName, /^[scm]7\.[0-9a-z]+\.\d+$/);
        assert.equal(flavor.flavorRAM / flavor.flavorCPU, Number(flavor.flavorName.split(".")[2]));
      }
      const s7large = flavorList.find((f) => f.flavorName === "s7.large.2")!;
      assert.equal(s7large.flavorCPU, 2);
      assert.equal(s7large.flavorRAM, 4);
      assert.equal(s7large.flavorType, "CPU_S7");
      assert.deepEqual(s7large.azList, [HUADONG1_AZ1, HUADONG1_AZ2, HUADONG1_AZ3]);
      assert.equal(flavorList.find((f) => f.flavorName === "m7.4xlarge.8")!.available, false);
    });

    it("filters by AZ (per-AZ availability), CPU/RAM, series, name and id; zero values mean unset", async () => {
      const inAz3 = (await list({ azName: HUADONG1_AZ3 })).returnObj.flavorList;
      assert.ok(inAz3.every((f) => f.azList.includes(HUADONG1_AZ3)));
      assert.ok(!inAz3.some((f) => f.flavorSeries === "c"), "c7 is not sold in AZ3");
      assert.ok(inAz3.some((f) => f.flavorSeries === "m"));
      const twoByFour = (await list({ flavorCPU: 2, flavorRAM: 4 })).returnObj.flavorList.map((f) => f.flavorName).sort();
      assert.deepEqual(twoByFour, ["c7.large.2", "s7.large.2"]);
      const m = (await list({ flavorSeries: "m", flavorCPU: 0, flavorName: "" })).returnObj.flavorList;
      assert.equal(m.length, 4);
      const one = (await list({ flavorName: "c7.xlarge.2" })).returnObj.flavorList;
      assert.equal(one.length, 1);
      assert.deepEqual((await list({ flavorID: one[0]!.flavorID })).returnObj.flavorList, one);
      assert.deepEqual((await list({ flavorType: "CPU_C7", flavorArch: "arm" })).returnObj.flavorList, []);
    });

    it("keeps flavor ids distinct per region and stable across resets", async () => {
      const before = (await list({ flavorName: "s7.large.2" })).returnObj.flavorList[0]!.flavorID;
      const other = (await emu.post("/v4/ecs/flavor/list", { regionID: REGION_HUABEI2, flavorName: "s7.large.2" })).envelope<{ flavorList: Flavor[] }>();
      assert.notEqual(other.returnObj.flavorList[0]!.flavorID, before);
      await emu.control.reset();
      assert.equal((await list({ flavorName: "s7.large.2" })).returnObj.flavorList[0]!.flavorID, before);
    });

    it("rejects an unknown AZ, a bad number and an unknown region", async () => {
      assert.equal((await list({ azName: "cn-nowhere-1A" })).errorCode, "Openapi.Parameter.Invalid");
      const bad = await list({ flavorCPU: "two" });
      assert.equal(bad.errorCode, "Openapi.Parameter.Invalid");
      assert.match(bad.message, /^flavorCPU: /);
      const region = (await emu.post("/v4/ecs/flavor/list", { regionID: "ffffffffffffffffffffffffffffffff" })).envelope();
      assert.equal(region.errorCode, "Unknown.Region.RegionIDError");
    });
  });

  describe("images", () => {
    const listImages = async (query: Record<string, string> = {}) =>
      (await emu.get("/v4/image/list", { regionID: REGION_HUADONG1, ...query })).envelope<{ images: Image[]; currentCount: number; totalCount: number; totalPage: number }>();

    it("lists public CentOS/Ubuntu/Windows images with exact field types and paging fields", async () => {
      const res = await listImages({ pageSize: "50" });
      const { images, currentCount, totalCount, totalPage } = res.returnObj;
      assert.equal(currentCount, images.length);
      assert.equal(totalCount, images.length);
      assert.equal(totalPage, 1);
      for (const distro of ["CentOS", "Ubuntu", "Windows"]) assert.ok(images.some((i) => i["osDistro"] === distro), distro);
      for (const image of images) {
        assertTypes(image, {
          imageID: "string", imageName: "string", osType: "string", osDistro: "string", osVersion: "string", architecture: "string", bootMode: "string",
          visibility: "string", status: "string", tags: "string", azName: "string", createdTime: "integer", updatedTime: "integer", diskSize: "integer",
          maximumRAM: "integer", minimumRAM: "integer", sharedListLength: "integer", size: "integer",
        });
        assert.match(image.imageID, ID_PATTERNS.uuid);
        assert.ok(["private", "public", "shared", "safe", "app"].includes(image.visibility));
        assert.ok(["linux", "windows"].includes(image.osType));
      }
    });

    it("pages with pageNo/pageSize (0 = default), filters by name and by flavor RAM", async () => {
      const page1 = (await listImages({ pageNo: "1", pageSize: "4" })).returnObj;
      const page2 = (await listImages({ pageNo: "2", pageSize: "4" })).returnObj;
      assert.equal(page1.images.length, 4);
      assert.equal(page1.totalPage, Math.ceil(page1.totalCount / 4));
      assert.equal(page2.currentCount, page1.totalCount - 4);
      assert.equal((await listImages({ pageNo: "0", pageSize: "0" })).returnObj.currentCount, Math.min(10, page1.totalCount));
      const ubuntu = (await listImages({ queryContent: "ubuntu" })).returnObj.images.map((i) => i.imageName);
      assert.deepEqual(ubuntu, ["Ubuntu Server 22.04 64位", "Ubuntu Server 20.04 64位"]);
      const forTiny = (await listImages({ flavorName: "s7.small.1" })).returnObj.images;
      assert.ok(!forTiny.some((i) => i.osType === "windows"), "Windows needs 2 GB");
      assert.equal((await listImages({ visibility: "0" })).returnObj.totalCount, 0, "no private images yet");
      assert.equal((await listImages({ pageSize: "51" })).errorCode, "Openapi.Parameter.Invalid");
      assert.equal((await listImages({ visibility: "9" })).errorCode, "Openapi.Parameter.Invalid");
    });

    it("describes one image and answers Image.ImageCheck.NotFound for unknown ids", async () => {
      const [first] = (await listImages()).returnObj.images;
      const detail = (await emu.get("/v4/image/detail", { regionID: REGION_HUADONG1, imageID: first!.imageID })).envelope<{ images: Image[] }>();
      assert.equal(detail.statusCode, 800);
      assert.deepEqual(detail.returnObj.images, [first]);
      const missing = (await emu.get("/v4/image/detail", { regionID: REGION_HUADONG1, imageID: "00000000-0000-4000-8000-000000000000" })).envelope();
      assert.equal(missing.statusCode, 900);
      assert.equal(missing.errorCode, "Image.ImageCheck.NotFound");
      const otherRegion = (await emu.get("/v4/image/detail", { regionID: REGION_HUABEI2, imageID: first!.imageID })).envelope();
      assert.equal(otherRegion.errorCode, "Image.ImageCheck.NotFound", "images belong to one region");
    });
  });
});
