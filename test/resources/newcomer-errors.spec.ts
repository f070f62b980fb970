/**
 * The errors a newcomer meets first name the way out: where an unreachable endpoint came from, an
 * endpoint without a scheme, a malformed region from the stack config, an unknown region.
 */
import assert from "node:assert/strict";
import { REGION_HUADONG1 } from "../helpers/emulator";
import { useProviderTestbed } from "../helpers/providers";

describe("errors a newcomer meets first", () => {
  const bed = useProviderTestbed();

  it("a network error names the URL tried and where the endpoint came from", async () => {
    const provider = await bed.provider("Vpc", { "ctyun:endpoint": "http://127.0.0.1:9" });
    const checked = await provider.check({}, { pulumiName: "net", cidr: "10.0.0.0/16" });
    await assert.rejects(provider.create({ ...checked.inputs, __provider: provider.text }), (error: Error) => {
      assert.match(error.message, /^CreateVpc failed: network error ECONNREFUSED \(calling http:\/\/127\.0\.0\.1:9\/v4\/vpc\/create; endpoint from ctyun:endpoint\)/);
      return true;
    });
  });

  it("refuses an endpoint without its scheme at check, before any call", async () => {
    const provider = await bed.provider("Vpc", { "ctyun:endpoint": "127.0.0.1:8600" });
    const checked = await provider.check({}, { pulumiName: "net", cidr: "10.0.0.0/16" });
    assert.deepEqual(checked.failures, [{ property: "", reason: 'the endpoint "127.0.0.1:8600" (from ctyun:endpoint) must be a URL with its scheme, e.g. http://127.0.0.1:8600' }]);
  });

  it("names ctyun:regionId when the stack's region is malformed (the program never set regionId)", async () => {
    const provider = await bed.provider("Vpc", { "ctyun:regionId": "cn-east-1" });
    const checked = await provider.check({}, { pulumiName: "net", cidr: "10.0.0.0/16" });
    assert.deepEqual(checked.failures, [{ property: "", reason: "regionId (from stack config ctyun:regionId or CTYUN_REGION_ID): must be a CTyun regionID: 32 hexadecimal characters" }]);
    const own = await provider.check({}, { pulumiName: "net", cidr: "10.0.0.0/16", regionId: "cn-east-1" });
    assert.deepEqual(own.failures, [{ property: "regionId", reason: "must be a CTyun regionID: 32 hexadecimal characters" }], "a program's own value is named as the property");
  });

  it("lists the valid regions when the region does not exist", async () => {
    const provider = await bed.provider("Vpc", { "ctyun:regionId": "0123456789abcdef0123456789abcdef" });
    const checked = await provider.check({}, { pulumiName: "elsewhere", cidr: "10.0.0.0/16" });
    await assert.rejects(provider.create({ ...checked.inputs, __provider: provider.text }), (error: Error) => {
      assert.match(error.message, /Unknown\.Region\.RegionIDError/);
      assert.match(error.message, new RegExp(`the regions are: 华东1 ${REGION_HUADONG1}, 华北2 [0-9a-f]{32}, 西南1 [0-9a-f]{32}; set ctyun:regionId or the resource's regionId to one of them`));
      return true;
    });
  });
});
