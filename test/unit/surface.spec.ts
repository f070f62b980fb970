/**
 * Each public resource class against its spec: the compiler holds the Args keys to the spec's
 * inputs (plus the common ones) and the declared outputs to the spec's inputs and outputs
 * (`npm run typecheck` fails, naming the keys, when a class and its spec disagree); at run time the
 * class's type token is the spec's kind, and every spec has its class.
 */
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import * as ctyun from "../../provider";
import type { CommonArgs } from "../../provider/resources/common";
import type { SpecInputs, SpecOutputs } from "../../provider/lifecycle/spec";
import { kinds, specFileOf } from "../../provider/runtime";
import { providerFor } from "../../provider/resources/shim";
import { bucketSpec } from "../../provider/specs/bucket";
import { diskSpec } from "../../provider/specs/disk";
import { diskAttachmentSpec } from "../../provider/specs/disk-attachment";
import { eipSpec } from "../../provider/specs/eip";
import { eipAssociationSpec } from "../../provider/specs/eip-association";
import { instanceSpec } from "../../provider/specs/instance";
import { keyPairSpec } from "../../provider/specs/key-pair";
import { securityGroupSpec } from "../../provider/specs/security-group";
import { securityGroupRuleSpec } from "../../provider/specs/security-group-rule";
import { subnetSpec } from "../../provider/specs/subnet";
import { vpcSpec } from "../../provider/specs/vpc";
import { bucketObjectSpec } from "../../provider/specs/bucket-object";

/** `true` when A and B hold the same keys; otherwise the keys only one side has, named. */
type SameKeys<Where extends string, A, B> = [Exclude<A, B> | Exclude<B, A>] extends [never] ? true : { where: Where; onlyOneSide: Exclude<A, B> | Exclude<B, A> };
type Outputs<C> = Exclude<keyof C, keyof pulumi.dynamic.Resource>;
type Surface<Name extends string, Class, Args, Spec> = [
  SameKeys<`${Name} args`, keyof Args, keyof SpecInputs<Spec> | keyof CommonArgs>,
  SameKeys<`${Name} outputs`, Outputs<Class>, keyof SpecInputs<Spec> | keyof SpecOutputs<Spec>>,
];

// Each line fails to compile when the class and its spec disagree, naming the keys.
export const surfaces: ReadonlyArray<readonly [true, true]> = [
  [true, true] as const satisfies Surface<"Vpc", ctyun.Vpc, ctyun.VpcArgs, typeof vpcSpec>,
  [true, true] as const satisfies Surface<"Subnet", ctyun.Subnet, ctyun.SubnetArgs, typeof subnetSpec>,
  [true, true] as const satisfies Surface<"SecurityGroup", ctyun.SecurityGroup, ctyun.SecurityGroupArgs, typeof securityGroupSpec>,
  [true, true] as const satisfies Surface<"SecurityGroupRule", ctyun.SecurityGroupRule, ctyun.SecurityGroupRuleArgs, typeof securityGroupRuleSpec>,
  [true, true] as const satisfies Surface<"Eip", ctyun.Eip, ctyun.EipArgs, typeof eipSpec>,
  [true, true] as const satisfies Surface<"EipAssociation", ctyun.EipAssociation, ctyun.EipAssociationArgs, typeof eipAssociationSpec>,
  [true, true] as const satisfies Surface<"KeyPair", ctyun.KeyPair, ctyun.KeyPairArgs, typeof keyPairSpec>,
  [true, true] as const satisfies Surface<"Instance", ctyun.Instance, ctyun.InstanceArgs, typeof instanceSpec>,
  [true, true] as const satisfies Surface<"Disk", ctyun.Disk, ctyun.DiskArgs, typeof diskSpec>,
  [true, true] as const satisfies Surface<"DiskAttachment", ctyun.DiskAttachment, ctyun.DiskAttachmentArgs, typeof diskAttachmentSpec>,
  [true, true] as const satisfies Surface<"Bucket", ctyun.Bucket, ctyun.BucketArgs, typeof bucketSpec>,
  [true, true] as const satisfies Surface<"BucketObject", ctyun.BucketObject, ctyun.BucketObjectArgs, typeof bucketObjectSpec>,
];

/** The exported resource classes: every export that builds a `pulumi.dynamic.Resource`. */
function resourceClasses(): Array<[string, new (...args: never[]) => pulumi.dynamic.Resource]> {
  return Object.entries(ctyun as Record<string, unknown>).filter((entry): entry is [string, new (...args: never[]) => pulumi.dynamic.Resource] => {
    const value = entry[1];
    return typeof value === "function" && value.prototype instanceof pulumi.dynamic.Resource;
  });
}

describe("resource classes and their specs", () => {
  before(() => pulumi.runtime.setMocks({ newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }), call: () => ({}) }, "surface", "test"));

  it("checks every exported class above, and every spec has an exported class of its kind's name", () => {
    const classes = resourceClasses().map(([name]) => name).sort();
    assert.deepEqual(classes, kinds());
    assert.equal(surfaces.length, classes.length, "a Surface line per class");
  });

  it("has a provider module per kind whose whole export is the kind's provider (state then holds a require)", () => {
    for (const kind of kinds()) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const module = require(`../../provider/providers/${specFileOf(kind)}`) as unknown;
      assert.equal(module, providerFor(kind), kind);
    }
  });

  it("gives each class its spec's type token", async () => {
    for (const [name, Class] of resourceClasses()) {
      const resource = new (Class as unknown as new (name: string, args: object) => pulumi.dynamic.Resource)("x", {});
      const urn = await new Promise<string>((resolve) => resource.urn.apply(resolve));
      assert.equal(urn.split("::")[2], `pulumi-nodejs:dynamic/ctyun:${name}`);
    }
  });
});
