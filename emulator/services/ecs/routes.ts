/** ECS instance operations (spec D.7, ctecs host): parse the request, call the backend, shape the answer. */
import { z } from "zod";
import { parseInput } from "../../validation";
import { paginate, readPaging } from "../shared/paging";
import { requireRegion } from "../shared/region";
import { commaList } from "../query-params";
import type { OperationContext, RouteDefinition } from "../types";
import {
  createInstance,
  destroyInstance,
  joinSecurityGroup,
  leaveSecurityGroup,
  listInstances,
  powerOperation,
  requireInstance,
  resetPassword,
  unsubscribeInstance,
  updateInstanceAttributes,
  updateFlavor,
} from "./backend";
import { disksOf, instanceView, volumeView } from "./views";

/** Every POST here starts alike: the region (`Unknown.Region.RegionIDError`), then the body's schema. */
export function readRequest<S extends z.ZodType>(ctx: OperationContext, schema: S): { regionId: string; body: z.output<S>; input: Record<string, unknown> } {
  const input = ctx.input();
  const region = requireRegion(ctx, input["regionID"]);
  return { regionId: region.regionID, body: parseInput(schema, input), input };
}

const id = z.string().min(1);
const clientToken = z.string().min(1).max(64);
const optionalText = z.string().optional();

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
});

/** Documented create keys the emulator does not model; a non-zero value is refused, not silently ignored. */
const UNSUPPORTED_CREATE_KEYS = ["dataDiskList", "labelList", "affinityGroupID", "eipID", "ipv6AddressID", "bootDiskIsEncrypt", "bootDiskCmkID", "bootDiskProvisionedIops", "segmentID"] as const;

function create(ctx: OperationContext): unknown {
  const input = ctx.input();
  const region = requireRegion(ctx, input["regionID"]);
  const body = parseInput(createSchema, input);
  const unsupported = Object.fromEntries(UNSUPPORTED_CREATE_KEYS.map((key) => [key, input[key] === 0 || input[key] === false ? undefined : input[key]]));
  return ctx.idempotent(input, () => createInstance(ctx, region, { ...body, unsupported }));
}

function details(ctx: OperationContext): unknown {
  const region = requireRegion(ctx, ctx.query.get("regionID"));
  const instanceID = ctx.query.get("instanceID") ?? "";
  // Each read counts as a poll of a boot or power transition in flight.
  ctx.transitions.observe("instance", instanceID);
  return instanceView(ctx, region.regionID, requireInstance(ctx, region.regionID, instanceID), ctx.now);
}

const listSchema = z.object({
  azName: optionalText,
  projectID: optionalText,
  instanceName: optionalText,
  instanceIDList: optionalText,
  vpcID: optionalText,
  state: optionalText,
});

function describeInstances(ctx: OperationContext): unknown {
  const { regionId, input, body: filter } = readRequest(ctx, listSchema);
  const ids = commaList(filter.instanceIDList);
  const page = paginate(listInstances(ctx, regionId, { ...filter, instanceIDs: ids }), readPaging(input));
  return {
    currentCount: page.currentCount,
    totalCount: page.totalCount,
    totalPage: page.totalPage,
    results: page.items.map((vm) => instanceView(ctx, regionId, vm, ctx.now)),
  };
}

const batchUpdateSchema = z.object({
  updateInfo: z.array(z.object({ instanceID: id, displayName: z.string().optional(), instanceDescription: z.string().max(255).optional() })).min(1).max(100),
});

/**
 * Answers `updateInfo[]` per row: py v4_ecs_batch_update_instances declares {instanceID, displayName,
 * instanceName, instanceDescription}, Go ctecs ecs_batch_update_instances.go {ID, displayName}; each row
 * carries both id spellings so both parse (api-notes/ecs.md).
 */
function batchUpdate(ctx: OperationContext): unknown {
  const { regionId, body: { updateInfo } } = readRequest(ctx, batchUpdateSchema);
  const updated = updateInstanceAttributes(ctx, regionId, updateInfo);
  return {
    updateInfo: updated.map((vm) => ({ ID: vm.instanceID, instanceID: vm.instanceID, displayName: vm.displayName, instanceName: vm.instanceName, instanceDescription: vm.instanceDescription })),
  };
}

const powerSchema = z.object({ instanceID: id, force: z.boolean().optional() });

function power(op: "start" | "stop" | "shelve") {
  return (ctx: OperationContext): unknown => {
    const { regionId, body: { instanceID } } = readRequest(ctx, powerSchema);
    return { jobID: powerOperation(ctx, regionId, instanceID, op) };
  };
}

const flavorSchema = z.object({ instanceID: id, flavorID: id, clientToken: clientToken.optional() });

function updateFlavorSpec(ctx: OperationContext): unknown {
  const { regionId, input, body } = readRequest(ctx, flavorSchema);
  return ctx.idempotent(input, () => updateFlavor(ctx, regionId, body.instanceID, body.flavorID));
}

const passwordSchema = z.object({ instanceID: id, newPassword: z.string(), userName: optionalText });

function resetInstancePassword(ctx: OperationContext): unknown {
  const { regionId, body } = readRequest(ctx, passwordSchema);
  resetPassword(ctx, regionId, body.instanceID, body.newPassword, body.userName);
  return { instanceID: body.instanceID };
}

const joinSchema = z.object({ instanceID: id, securityGroupID: id, action: z.literal("joinSecurityGroup").optional(), networkInterfaceID: optionalText });
const leaveSchema = z.object({ instanceID: id, securityGroupID: id });

function join(ctx: OperationContext): unknown {
  const { regionId, body } = readRequest(ctx, joinSchema);
  joinSecurityGroup(ctx, regionId, body.instanceID, body.securityGroupID);
  return null;
}

function leave(ctx: OperationContext): unknown {
  const { regionId, body } = readRequest(ctx, leaveSchema);
  leaveSecurityGroup(ctx, regionId, body.instanceID, body.securityGroupID);
  return null;
}

const unsubscribeSchema = z.object({ instanceID: id, clientToken: clientToken.optional(), deleteVolume: z.boolean().default(false), deleteEIP: z.boolean().default(false) });
const destroySchema = z.object({ instanceID: id, clientToken: clientToken.optional() });

function unsubscribe(ctx: OperationContext): unknown {
  const { regionId, input, body } = readRequest(ctx, unsubscribeSchema);
  return ctx.idempotent(input, () => unsubscribeInstance(ctx, regionId, body.instanceID, body));
}

function destroy(ctx: OperationContext): unknown {
  const { regionId, input, body } = readRequest(ctx, destroySchema);
  return ctx.idempotent(input, () => destroyInstance(ctx, regionId, body.instanceID));
}

/**
 * TF sends its page fields under wrong keys (`securityGroupID`, `networkInterfaceID`, spec D.7):
 * unknown keys are ignored and paging falls back to pageNo 1, pageSize 10.
 */
function volumes(ctx: OperationContext): unknown {
  const { regionId, input, body: { instanceID } } = readRequest(ctx, z.object({ instanceID: id }));
  requireInstance(ctx, regionId, instanceID);
  const page = paginate(disksOf(ctx, regionId, instanceID), readPaging(input));
  return { currentCount: page.currentCount, totalCount: page.totalCount, totalPage: page.totalPage, results: page.items.map(volumeView) };
}

export const ECS_ROUTES: readonly RouteDefinition[] = [
  { method: "POST", path: "/v4/ecs/create-instance", operation: "CreateInstance", service: "ctecs", handler: create },
  { method: "GET", path: "/v4/ecs/instance-details", operation: "DescribeInstance", service: "ctecs", handler: details },
  { method: "POST", path: "/v4/ecs/describe-instances", operation: "DescribeInstances", service: "ctecs", handler: describeInstances },
  { method: "POST", path: "/v4/ecs/batch-update-instances", operation: "BatchUpdateInstances", service: "ctecs", handler: batchUpdate },
  { method: "POST", path: "/v4/ecs/start-instance", operation: "StartInstance", service: "ctecs", handler: power("start") },
  { method: "POST", path: "/v4/ecs/stop-instance", operation: "StopInstance", service: "ctecs", handler: power("stop") },
  { method: "POST", path: "/v4/ecs/shelve-instance", operation: "ShelveInstance", service: "ctecs", handler: power("shelve") },
  { method: "POST", path: "/v4/ecs/update-flavor-spec", operation: "UpdateFlavorSpec", service: "ctecs", handler: updateFlavorSpec },
  { method: "POST", path: "/v4/ecs/reset-password", operation: "ResetPassword", service: "ctecs", handler: resetInstancePassword },
  { method: "POST", path: "/v4/ecs/vpc/join-security-group", operation: "JoinSecurityGroup", service: "ctecs", handler: join },
  { method: "POST", path: "/v4/ecs/vpc/leave-security-group", operation: "LeaveSecurityGroup", service: "ctecs", handler: leave },
  { method: "POST", path: "/v4/ecs/unsubscribe-instance", operation: "UnsubscribeInstance", service: "ctecs", handler: unsubscribe },
  { method: "POST", path: "/v4/ecs/destroy-instance", operation: "DestroyInstance", service: "ctecs", handler: destroy },
  { method: "POST", path: "/v4/ecs/volume/list", operation: "ListInstanceVolumes", service: "ctecs", handler: volumes },
];
