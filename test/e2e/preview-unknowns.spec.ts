/**
 * Previews whose inputs are not known yet, with an inline program (it runs in this process; the
 * providers run in the process the CLI starts). During a preview the engine passes an output that
 * does not exist yet as the placeholder string 04da6b54-…, whatever the field's type: check and diff
 * must accept it and must not call the cloud.
 */
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import type { Stack } from "@pulumi/pulumi/automation";
import * as ctyun from "pulumi-ctyun";
import { changes, describeE2E, exportedState, stateResource, timed } from "./harness";

/** What the inline program builds; changed between runs. */
const settings = { vpcCidr: "10.9.0.0/16", description: "first" };

function program(): Promise<Record<string, pulumi.Output<unknown>>> {
  const vpc = new ctyun.Vpc("net", { cidr: settings.vpcCidr, description: settings.description });
  // vpcId is unknown in a preview before the VPC exists, and again when the VPC is being replaced.
  const subnet = new ctyun.Subnet("app", { vpcId: vpc.vpcId, cidr: settings.vpcCidr.replace(/\.0\.0\/16$/, ".1.0/24") });
  const sg = new ctyun.SecurityGroup("app", { vpcId: vpc.vpcId, description: pulumi.interpolate`for ${vpc.vpcId}` });
  const rule = new ctyun.SecurityGroupRule("app-http", {
    securityGroupId: sg.securityGroupId,
    direction: "ingress",
    action: "accept",
    protocol: "tcp",
    etherType: "ipv4",
    range: "80",
    // A number computed from an unknown: the placeholder stands in for a number here.
    priority: vpc.vpcId.apply(() => 10),
  });
  return Promise.resolve({ vpcId: vpc.vpcId, subnetId: subnet.subnetId, ruleId: rule.securityGroupRuleId });
}

describeE2E("preview with unknown values (inline program)", (e2e) => {
  let stack: Stack;

  it("previews a subnet whose VPC does not exist yet, without calling the cloud", async () => {
    stack = await e2e().inlineStack("ctyun-e2e-inline", "unknowns", program);
    const preview = await timed("unknowns", "preview (new stack)", () => stack.preview({ diff: true }));
    assert.deepEqual(changes({ resourceChanges: preview.changeSummary }), { create: 5 });
    assert.match(preview.stdout, /ctyun:Subnet/);
    assert.deepEqual(await e2e().control.counts(), {}, "check and diff made no API call");
  });

  it("creates it all, then previews replacing the VPC: dependants see an unknown vpcId and are replaced", async () => {
    const up = await timed("unknowns", "up (create)", () => stack.up());
    assert.equal(up.summary.result, "succeeded");
    const oldVpcId = stateResource((await exportedState(stack)).resources, "Vpc", "net").id;
    settings.vpcCidr = "10.10.0.0/16";
    await e2e().control.clearRequests();
    const preview = await timed("unknowns", "preview (replace with unknowns)", () => stack.preview());
    const summary = changes({ resourceChanges: preview.changeSummary });
    // Vpc (new CIDR), Subnet (new vpcId and CIDR), SecurityGroup (vpcId), and the rule (its group).
    assert.equal(summary["replace"], 4, `preview: ${JSON.stringify(summary)}\n${preview.stdout}`);
    assert.deepEqual(await e2e().control.counts(), {}, "a preview calls no API");
    const replaced = await timed("unknowns", "up (replace)", () => stack.up());
    assert.equal(changes(replaced.summary)["replace"], 4);
    assert.notEqual(stateResource((await exportedState(stack)).resources, "Vpc", "net").id, oldVpcId);
    assert.deepEqual(Object.keys(await e2e().resources()).sort(), ["securityGroup", "securityGroupRule", "subnet", "vpc"]);
  });

  it("previews an in-place update of the VPC as one update: its vpcId stays known, dependants stay put", async () => {
    // The dynamic provider cannot preview an update, so the engine predicts the updated resource's
    // outputs from its inputs: outputs that are not inputs (vpcId) become unknown in the preview,
    // and every resource that takes vpcId as a create-only input shows as "replace", though the
    // real update keeps the id. `vpc.id` stays known (the engine keeps the id of an update).
    settings.description = "second";
    const preview = await timed("unknowns", "preview (in-place update)", () => stack.preview({ diff: true }));
    const summary = changes({ resourceChanges: preview.changeSummary });
    const up = await timed("unknowns", "up (in-place update)", () => stack.up());
    assert.deepEqual(changes(up.summary), { update: 1, same: 4 }, "the real update touches the VPC only");
    assert.deepEqual(summary, { update: 1, same: 4 }, `preview: ${JSON.stringify(summary)} (KNOWN BUG: the id output is unknown while previewing an update)\n${preview.stdout}`);
  });

  it("destroys", async () => {
    await timed("unknowns", "destroy", () => stack.destroy());
    assert.deepEqual(await e2e().resources(), {});
    await stack.workspace.removeStack(stack.name);
  });
});
