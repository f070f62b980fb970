/** ECS instance operations (spec D.7, ctecs host): parse the request, call the backend, shape the answer. */
import { z } from "zod";
import { defineRoute } from "../route";
import { clientToken, commaList, optionalText, requiredId as id } from "../shared/fields";
import { paginate, readPaging } from "../shared/paging";
import type { RouteDefinition } from "../types";
import { EcsBackend } from "./backend";
import { InstanceCreation } from "./create";
import { InstanceOrders } from "./orders";
import { instanceView, volumeView } from "./views";

const nicSchema = z.object({ isMaster: z.boolean(), subnetID: id, fixedIP: optionalText, nicName: optionalText });

const createSchema = z.object({
  clientToken,
  azName: z.string().default(""),
  instanceName: z.string(),
  displayName: z.string(),
  flavorID: optionalText,
  flavorName: optionalText,
  imageType: z.number().int(),
  imageID: id,
  bootDiskType: z.string(),
  bootDiskSize: z.number().int(),
  vpcID: id,
  onDemand: z.boolean(),
  networkCardList: z.array(nicSchema).min(1),
  extIP: z.enum(["0", "1", "2"]),
  projectID: optionalText,
  secGroupList: z.array(id).nullish().transform((v) => v ?? undefined),
  keyPairID: optionalText,
  userPassword: optionalText,
  userName: optionalText,
  cycleCount: z.number().int().min(0).optional(),
  cycleType: optionalText,
  autoRenewStatus: z.number().int().optional(),
  userData: optionalText,
  payVoucherPrice: z.number().optional(),
  instanceDescription: optionalText,
  affinityGroupID: optionalText,
});

/** Documented create keys the emulator does not model; a non-zero value is refused, not silently ignored. */
const UNSUPPORTED_CREATE_KEYS = ["dataDiskList", "labelList", "eipID", "ipv6AddressID", "bootDiskIsEncrypt", "bootDiskCmkID", "bootDiskProvisionedIops", "segmentID"] as const;

const create = defineRoute({
  method: "POST", path: "/v4/ecs/create-instance", operation: "CreateInstance", service: "ctecs",
  input: createSchema,
  handle(ctx, { input, region, params }) {
    const unsupported = Object.fromEntries(UNSUPPORTED_CREATE_KEYS.map((key) => [key, params[key] === 0 || params[key] === false ? undefined : params[key]]));
    return ctx.idempotent(() => new InstanceCreation(ctx).place(region, { ...input, unsupported }));
  },
});

const details = defineRoute({
  method: "GET", path: "/v4/ecs/instance-details", operation: "DescribeInstance", service: "ctecs",
  input: z.object({ instanceID: z.string().default("") }),
  handle(ctx, { input: { instanceID }, region }) {
    // Each read counts as a poll of a boot or power transition in flight, and of jobs working on the VM
    // (an instance snapshot), so a client that lost the job can wait on the VM's status alone.
    ctx.transitions.observe("instance", instanceID);
    for (const job of ctx.jobs.executing(region.regionID, (j) => j.resourceId === instanceID)) ctx.jobs.poll(region.regionID, job.jobID);
    return instanceView(ctx, region.regionID, new EcsBackend(ctx).require(region.regionID, instanceID), ctx.now);
  },
});

const describeInstances = defineRoute({
  method: "POST", path: "/v4/ecs/describe-instances", operation: "DescribeInstances", service: "ctecs",
  input: z.object({ azName: optionalText, projectID: optionalText, instanceName: optionalText, instanceIDList: commaList, vpcID: optionalText, state: optionalText }),
  handle(ctx, { input, region, params }) {
    const page = paginate(new EcsBackend(ctx).list(region.regionID, { ...input, instanceIDs: input.instanceIDList }), readPaging(params));
    return {
      currentCount: page.currentCount,
      totalCount: page.totalCount,
      totalPage: page.totalPage,
      results: page.items.map((vm) => instanceView(ctx, region.regionID, vm, ctx.now)),
    };
  },
});

/**
 * Answers `updateInfo[]` per row: py v4_ecs_batch_update_instances declares {instanceID, displayName,
 * instanceName, instanceDescription}, Go ctecs ecs_batch_update_instances.go {ID, displayName}; each row
 * carries both id spellings so both parse (api-notes/ecs.md).
 */
const batchUpdate = defineRoute({
  method: "POST", path: "/v4/ecs/batch-update-instances", operation: "BatchUpdateInstances", service: "ctecs",
  input: z.object({
    updateInfo: z.array(z.object({ instanceID: id, displayName: z.string().optional(), instanceDescription: z.string().max(255).optional() })).min(1).max(100),
  }),
  handle(ctx, { input, region }) {
    const updated = new EcsBackend(ctx).updateAttributes(region.regionID, input.updateInfo);
    return {
      updateInfo: updated.map((vm) => ({ ID: vm.instanceID, instanceID: vm.instanceID, displayName: vm.displayName, instanceName: vm.instanceName, instanceDescription: vm.instanceDescription })),
    };
  },
});

function power(op: "start" | "stop" | "shelve", path: string, operation: string): RouteDefinition {
  return defineRoute({
    method: "POST", path, operation, service: "ctecs",
    input: z.object({ instanceID: id, force: z.boolean().optional() }),
    handle: (ctx, { input, region }) => ({ jobID: new EcsBackend(ctx).power(region.regionID, input.instanceID, op) }),
  });
}

const updateFlavorSpec = defineRoute({
  method: "POST", path: "/v4/ecs/update-flavor-spec", operation: "UpdateFlavorSpec", service: "ctecs",
  input: z.object({ instanceID: id, flavorID: id, clientToken: clientToken.optional() }),
  handle: (ctx, { input, region }) => ctx.idempotent(() => new InstanceOrders(ctx).updateFlavor(region.regionID, input.instanceID, input.flavorID)),
});

const resetInstancePassword = defineRoute({
  method: "POST", path: "/v4/ecs/reset-password", operation: "ResetPassword", service: "ctecs",
  input: z.object({ instanceID: id, newPassword: z.string(), userName: optionalText }),
  handle(ctx, { input, region }) {
    new EcsBackend(ctx).resetPassword(region.regionID, input.instanceID, input.newPassword, input.userName);
    return { instanceID: input.instanceID };
  },
});

const join = defineRoute({
  method: "POST", path: "/v4/ecs/vpc/join-security-group", operation: "JoinSecurityGroup", service: "ctecs",
  input: z.object({ instanceID: id, securityGroupID: id, action: z.literal("joinSecurityGroup").optional(), networkInterfaceID: optionalText }),
  handle(ctx, { input, region }) {
    new EcsBackend(ctx).joinSecurityGroup(region.regionID, input.instanceID, input.securityGroupID);
    return null;
  },
});

const leave = defineRoute({
  method: "POST", path: "/v4/ecs/vpc/leave-security-group", operation: "LeaveSecurityGroup", service: "ctecs",
  input: z.object({ instanceID: id, securityGroupID: id }),
  handle(ctx, { input, region }) {
    new EcsBackend(ctx).leaveSecurityGroup(region.regionID, input.instanceID, input.securityGroupID);
    return null;
  },
});

const unsubscribe = defineRoute({
  method: "POST", path: "/v4/ecs/unsubscribe-instance", operation: "UnsubscribeInstance", service: "ctecs",
  input: z.object({ instanceID: id, clientToken: clientToken.optional(), deleteVolume: z.boolean().default(false), deleteEIP: z.boolean().default(false) }),
  handle: (ctx, { input, region }) => ctx.idempotent(() => new InstanceOrders(ctx).unsubscribe(region.regionID, input.instanceID, input)),
});

const destroy = defineRoute({
  method: "POST", path: "/v4/ecs/destroy-instance", operation: "DestroyInstance", service: "ctecs",
  input: z.object({ instanceID: id, clientToken: clientToken.optional() }),
  handle: (ctx, { input, region }) => ctx.idempotent(() => new InstanceOrders(ctx).destroy(region.regionID, input.instanceID)),
});

/**
 * TF sends its page fields under wrong keys (`securityGroupID`, `networkInterfaceID`, spec D.7):
 * unknown keys are ignored and paging falls back to pageNo 1, pageSize 10.
 */
const volumes = defineRoute({
  method: "POST", path: "/v4/ecs/volume/list", operation: "ListInstanceVolumes", service: "ctecs",
  input: z.object({ instanceID: id }),
  handle(ctx, { input: { instanceID }, region, params }) {
    new EcsBackend(ctx).require(region.regionID, instanceID);
    const page = paginate(ctx.backend("ebs").disksAttachedTo(region.regionID, instanceID), readPaging(params));
    return { currentCount: page.currentCount, totalCount: page.totalCount, totalPage: page.totalPage, results: page.items.map(volumeView) };
  },
});

export const ECS_ROUTES: readonly RouteDefinition[] = [
  create,
  details,
  describeInstances,
  batchUpdate,
  power("start", "/v4/ecs/start-instance", "StartInstance"),
  power("stop", "/v4/ecs/stop-instance", "StopInstance"),
  power("shelve", "/v4/ecs/shelve-instance", "ShelveInstance"),
  updateFlavorSpec,
  resetInstancePassword,
  join,
  leave,
  unsubscribe,
  destroy,
  volumes,
];
