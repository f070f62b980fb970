/**
 * The bench's lower bounds (tools/bench/bounds.ts) on the quickstart's dependency graph, with the
 * emulator's realistic timing: what the README's performance table divides by.
 */
import assert from "node:assert/strict";
import { criticalPath, engineBound, type StateResource } from "../../tools/bench/bounds";

const REALISTIC: Record<string, number> = { order: 4000, boot: 5000, job: 3000, power: 3000, refund: 3000, bucketMetadata: 3000 };
const ms = (kind: string): number => REALISTIC[kind] ?? 0;

function resource(name: string, kind: string, dependencies: string[] = []): StateResource {
  return { urn: name, type: `pulumi-nodejs:dynamic:Resource:${kind}`, dependencies };
}

/** The quickstart's thirteen resources and their dependencies. */
const QUICKSTART: StateResource[] = [
  resource("vpc", "Vpc"),
  resource("public", "Subnet", ["vpc"]),
  resource("private", "Subnet", ["vpc"]),
  resource("sg", "SecurityGroup", ["vpc"]),
  resource("ssh", "SecurityGroupRule", ["sg"]),
  resource("http", "SecurityGroupRule", ["sg"]),
  resource("kp", "KeyPair"),
  resource("web", "Instance", ["public", "sg", "kp"]),
  resource("eip", "Eip"),
  resource("web-eip", "EipAssociation", ["eip", "web"]),
  resource("data", "Disk"),
  resource("data-attachment", "DiskAttachment", ["data", "web"]),
  resource("assets", "Bucket"),
];

describe("bench bounds", () => {
  it("creates along the longest chain: subnet, VM order and boot, then the attach (12 s)", () => {
    assert.equal(criticalPath(QUICKSTART, "create", ms), 4000 + 5000 + 3000);
    assert.equal(engineBound(QUICKSTART, "create", ms, 8), 12_000);
  });

  it("spreads the total create work over the engine's slots when that is longer than the chain", () => {
    // 4 + 5 + 3 (VM, attach) + 4 (EIP) + 4 (disk) + 3 (bucket) = 23 s of cloud work over one slot.
    assert.equal(engineBound(QUICKSTART, "create", ms, 1), 23_000);
    assert.equal(engineBound(QUICKSTART, "create", ms, 2), 12_000);
  });

  it("deletes by the graph in 9 s, but the engine's layers put the disk's and the EIP's refunds after the VM (12 s)", () => {
    assert.equal(criticalPath(QUICKSTART, "delete", ms), 3000 + 3000 + 3000);
    // Layers: [association, attachment] 3 s, [rules, VM] 6 s, [subnets, group] 0 s, [VPC, key, EIP, disk, bucket] 3 s.
    assert.equal(engineBound(QUICKSTART, "delete", ms, 8), 12_000);
  });

  it("refuses a dependency cycle instead of looping", () => {
    assert.throws(() => engineBound([resource("a", "Disk", ["b"]), resource("b", "Disk", ["a"])], "delete", ms, 8), /dependency cycle/);
  });
});
