/**
 * Snapshot policy operations (host `ebs`, api-notes/snapshot.md §2), all synchronous. Every write
 * answers `snapshotPolicyJobResult` `任务执行成功`, the literal TF's modify-policy-status requires.
 */
import { z } from "zod";
import { defineRoute } from "../route";
import { commaList, flag, optionalText, requiredId } from "../shared/fields";
import type { RouteDefinition } from "../types";
import { SnapshotPolicies } from "./policies";
import { POLICY_JOB_RESULT } from "./rules";
import { policyView } from "./views";

const done = { snapshotPolicyJobResult: POLICY_JOB_RESULT };
const diskList = commaList.refine((ids) => ids !== undefined, "targetDiskIDs must list at least one disk").transform((ids) => ids ?? []);

const createPolicy = defineRoute({
  method: "POST", path: "/v4/ebs_snapshot/create-policy-ebs-snap", operation: "CreateSnapshotPolicy", service: "ebs",
  input: z.object({
    snapshotPolicyName: z.string({ error: "snapshotPolicyName is required" }),
    repeatWeekdays: z.string({ error: "repeatWeekdays is required" }),
    repeatTimes: z.string({ error: "repeatTimes is required" }),
    retentionTime: z.number({ error: "retentionTime must be an integer" }).int("retentionTime must be an integer"),
    isEnabled: flag,
    projectID: optionalText,
  }),
  handle(ctx, { input, region }) {
    const policy = new SnapshotPolicies(ctx).create(region.regionID, { ...input, isEnabled: input.isEnabled ?? true });
    return { snapshotPolicyID: policy.snapshotPolicyID, ...done };
  },
});

const queryPolicies = defineRoute({
  method: "GET", path: "/v4/ebs_snapshot/query-policy-ebs-snap", operation: "QuerySnapshotPolicy", service: "ebs",
  input: z.object({ snapshotPolicyID: optionalText, snapshotPolicyName: optionalText }),
  handle(ctx, { input, region }) {
    const policies = new SnapshotPolicies(ctx);
    policies.runSchedules(region.regionID);
    const found = policies.list(region.regionID, input);
    return {
      snapshotPolicyTotalCount: found.length,
      snapshotPolicyList: found.map((p) => policyView(p, policies.boundDisks(region.regionID, p.snapshotPolicyID).length)),
    };
  },
});

const modifyPolicy = defineRoute({
  method: "POST", path: "/v4/ebs_snapshot/modify-policy-ebs-snap", operation: "ModifySnapshotPolicy", service: "ebs",
  input: z.object({
    snapshotPolicyID: requiredId,
    snapshotPolicyName: optionalText,
    repeatWeekdays: optionalText,
    repeatTimes: optionalText,
    retentionTime: z.number({ error: "retentionTime must be an integer" }).int("retentionTime must be an integer").optional(),
  }),
  handle(ctx, { input, region }) {
    new SnapshotPolicies(ctx).modify(region.regionID, input.snapshotPolicyID, input);
    return done;
  },
});

const modifyPolicyStatus = defineRoute({
  method: "POST", path: "/v4/ebs_snapshot/modify-policy-status-ebs-snap", operation: "ModifySnapshotPolicyStatus", service: "ebs",
  input: z.object({
    snapshotPolicyID: commaList.refine((ids) => ids !== undefined, "snapshotPolicyID is required").transform((ids) => ids ?? []),
    targetStatus: z.string({ error: "targetStatus is required" }),
  }),
  handle(ctx, { input, region }) {
    const failed = new SnapshotPolicies(ctx).setStatus(region.regionID, input.snapshotPolicyID, input.targetStatus);
    return { ...done, failedList: failed };
  },
});

const deletePolicy = defineRoute({
  method: "POST", path: "/v4/ebs_snapshot/delete-policy-ebs-snap", operation: "DeleteSnapshotPolicy", service: "ebs",
  input: z.object({ snapshotPolicyID: requiredId }),
  handle(ctx, { input, region }) {
    new SnapshotPolicies(ctx).delete(region.regionID, input.snapshotPolicyID);
    return done;
  },
});

const applyPolicy = defineRoute({
  method: "POST", path: "/v4/ebs_snapshot/apply-policy-ebs-snap", operation: "ApplySnapshotPolicy", service: "ebs",
  input: z.object({ snapshotPolicyID: requiredId, targetDiskIDs: diskList }),
  handle(ctx, { input, region }) {
    new SnapshotPolicies(ctx).apply(region.regionID, input.snapshotPolicyID, input.targetDiskIDs);
    return done;
  },
});

const cancelPolicy = defineRoute({
  method: "POST", path: "/v4/ebs_snapshot/cancel-policy-ebs-snap", operation: "CancelSnapshotPolicy", service: "ebs",
  input: z.object({ targetDiskIDs: diskList }),
  handle(ctx, { input, region }) {
    new SnapshotPolicies(ctx).cancel(region.regionID, input.targetDiskIDs);
    return done;
  },
});

export const POLICY_ROUTES: readonly RouteDefinition[] = [createPolicy, queryPolicies, modifyPolicy, modifyPolicyStatus, deletePolicy, applyPolicy, cancelPolicy];
