/**
 * DiskSnapshotPolicy (emulator/api-notes/snapshot.md §2): scheduled snapshots of the disks that
 * follow it (`DiskSnapshotPolicyAttachment`), on weekdays × hours (Beijing time), kept a number of
 * days or forever.
 *
 * - create: create-policy-ebs-snap (no clientToken; names are unique per region, so a repeat is
 *   refused, and a policy of this name is taken over only when this create's own earlier attempt
 *   may have made it). All synchronous: `ctx.created` at once.
 * - read: query-policy-ebs-snap by id; absence is an empty list.
 * - update: name, schedule and retention with modify-policy-ebs-snap, enabled with
 *   modify-policy-status-ebs-snap (both when both changed; TF's resource sends only the status).
 * - delete: refused by the cloud while disks follow the policy; retried while the policy's
 *   `boundDiskNum` (read, not the refusal's code) says disks are still being let go.
 */
import { z } from "zod";
import { isServiceError } from "../client/errors";
import {
  CreateSnapshotPolicy,
  DeleteSnapshotPolicy,
  ModifySnapshotPolicy,
  ModifySnapshotPolicyStatus,
  QuerySnapshotPolicy,
  type SnapshotPolicyInfo,
} from "../client/operations/ebs-snapshot";
import type { HandlerContext } from "../lifecycle/context";
import { projectId, regionId } from "../lifecycle/fields";
import { mayBeOwnEarlierWork } from "../lifecycle/ownership";
import { defineResource, type Props } from "../lifecycle/spec";
import { retryWhileHeld, waitUntilGone } from "../lifecycle/waits";
import { RETENTION_DAYS, SNAPSHOT_NAME, snapshotName } from "./disk-snapshot";

function schedule(what: string, one: string, max: number) {
  const rule = `must list whole numbers from 0 to ${max}`;
  return z
    .array(z.number({ error: rule }), { error: `must be a list of ${what}` })
    .min(1, `must list at least one ${one}`)
    .refine((values) => values.every((n) => Number.isInteger(n) && n >= 0 && n <= max), rule)
    .refine((values) => new Set(values).size === values.length, "must not list a value twice");
}

/** The cloud's values in the state's order (a set to the cloud), so a refresh does not reorder what the program wrote. */
function inStateOrder(values: readonly number[], state: unknown): number[] {
  const order = Array.isArray(state) ? (state as number[]) : [];
  const rank = (n: number) => (order.includes(n) ? order.indexOf(n) : Number.MAX_SAFE_INTEGER + n);
  return [...values].sort((a, b) => rank(a) - rank(b) || a - b);
}

const retentionRule = `must be a whole number of days from ${RETENTION_DAYS.min} to ${RETENTION_DAYS.max} (omit it to keep the snapshots until deleted)`;

const inputs = z.object({
  name: snapshotName,
  weekdays: schedule("weekdays (0 = Sunday … 6 = Saturday)", "weekday", 6),
  hours: schedule("hours (0–23, Beijing time)", "hour", 23),
  retentionDays: z
    .number({ error: retentionRule })
    .refine((n) => Number.isInteger(n) && n >= RETENTION_DAYS.min && n <= RETENTION_DAYS.max, retentionRule)
    .optional(),
  enabled: z.boolean().default(true),
  regionId,
  projectId: projectId.optional(),
});

type PolicyInputs = z.output<typeof inputs>;

export interface DiskSnapshotPolicyOutputs {
  snapshotPolicyId: string;
  /** `activated` or `deactivated`. */
  status: string;
  /** How many disks follow the policy. */
  boundDiskCount: number;
  createTime: string | undefined;
}

const list = (values: readonly number[]): string => [...values].sort((a, b) => a - b).join(",");
const numbers = (text: string): number[] => (text === "" ? [] : text.split(",").map(Number));

/** The policy with this id, or undefined. */
export async function findPolicy(ctx: HandlerContext, regionID: string, snapshotPolicyID: string): Promise<SnapshotPolicyInfo | undefined> {
  const { snapshotPolicyList } = await ctx.client.send(QuerySnapshotPolicy, { regionID, snapshotPolicyID });
  return snapshotPolicyList.find((p) => p.snapshotPolicyID === snapshotPolicyID);
}

async function policyNamed(ctx: HandlerContext, regionID: string, name: string): Promise<SnapshotPolicyInfo | undefined> {
  const { snapshotPolicyList } = await ctx.client.send(QuerySnapshotPolicy, { regionID, snapshotPolicyName: name });
  return snapshotPolicyList.find((p) => p.snapshotPolicyName === name);
}

function outputsOf(p: SnapshotPolicyInfo): DiskSnapshotPolicyOutputs {
  return { snapshotPolicyId: p.snapshotPolicyID, status: p.snapshotPolicyStatus, boundDiskCount: p.boundDiskNum ?? 0, createTime: p.snapshotPolicyCreateTime ?? undefined };
}

function inputsOf(p: SnapshotPolicyInfo, state: Props): Partial<PolicyInputs> {
  const stateProject = (state["projectId"] as string | undefined) ?? "";
  return {
    name: p.snapshotPolicyName,
    weekdays: inStateOrder(numbers(p.repeatWeekdays), state["weekdays"]),
    hours: inStateOrder(numbers(p.repeatTimes), state["hours"]),
    retentionDays: p.retentionTime === -1 ? undefined : p.retentionTime,
    enabled: p.snapshotPolicyStatus === "activated",
    ...((stateProject || "0") === (p.projectID || "0") ? {} : { projectId: p.projectID ?? undefined }),
  };
}

async function requirePolicy(ctx: HandlerContext, regionID: string, id: string): Promise<SnapshotPolicyInfo> {
  const found = await findPolicy(ctx, regionID, id);
  if (!found) throw new Error(`snapshot policy ${id} no longer exists in region ${regionID}`);
  return found;
}

/** Brings the policy to `news`: what modify changes, then the status. */
async function converge(ctx: HandlerContext, id: string, news: PolicyInputs): Promise<SnapshotPolicyInfo> {
  const regionID = news.regionId;
  const current = await requirePolicy(ctx, regionID, id);
  const change = {
    ...(current.snapshotPolicyName !== news.name ? { snapshotPolicyName: news.name } : {}),
    ...(current.repeatWeekdays !== list(news.weekdays) ? { repeatWeekdays: list(news.weekdays) } : {}),
    ...(current.repeatTimes !== list(news.hours) ? { repeatTimes: list(news.hours) } : {}),
    ...(current.retentionTime !== (news.retentionDays ?? -1) ? { retentionTime: news.retentionDays ?? -1 } : {}),
  };
  if (Object.keys(change).length > 0) await ctx.client.send(ModifySnapshotPolicy, { regionID, snapshotPolicyID: id, ...change });
  if ((current.snapshotPolicyStatus === "activated") !== news.enabled) {
    await ctx.client.send(ModifySnapshotPolicyStatus, { regionID, snapshotPolicyID: id, targetStatus: news.enabled ? "activated" : "nonactivated" });
  }
  return requirePolicy(ctx, regionID, id);
}

export const diskSnapshotPolicySpec = defineResource({
  type: "DiskSnapshotPolicy",
  inputs,
  outputs: { snapshotPolicyId: true, status: true, boundDiskCount: true, createTime: true },
  createOnly: ["regionId", "projectId"],
  settingDefaults: { regionId: "regionId", projectId: "projectId" },
  autoName: { property: "name", maxLength: SNAPSHOT_NAME.max, mustStartWithLetter: true, allowedCharacters: "0-9a-zA-Z_-" },
  unorderedInputs: ["weekdays", "hours"],
  // Absence is an empty query: no call depends on a not-found code.
  notFoundCodes: [],
  timeouts: { create: 2 * 60_000, update: 2 * 60_000, delete: 5 * 60_000 },
  idOutput: "snapshotPolicyId",

  async create(ctx, args: PolicyInputs) {
    const regionID = args.regionId;
    let id: string;
    try {
      id = (
        await ctx.client.send(CreateSnapshotPolicy, {
          regionID,
          snapshotPolicyName: args.name,
          repeatWeekdays: list(args.weekdays),
          repeatTimes: list(args.hours),
          retentionTime: args.retentionDays ?? -1,
          isEnabled: args.enabled,
          ...(args.projectId ? { projectID: args.projectId } : {}),
        })
      ).snapshotPolicyID;
    } catch (error) {
      if (!isServiceError(error)) throw error;
      // Refused: the name may be taken by this create's own earlier attempt, or by somebody else.
      const existing = await policyNamed(ctx, regionID, args.name);
      if (!existing) throw error;
      if (!mayBeOwnEarlierWork(ctx, error)) {
        throw new Error(`a snapshot policy named ${args.name} already exists in region ${regionID} (${existing.snapshotPolicyID}): choose another name, or manage it with adoptId "${existing.snapshotPolicyID}"`);
      }
      id = existing.snapshotPolicyID;
    }
    ctx.created(id, { snapshotPolicyId: id });
    return { id, outputs: outputsOf(await converge(ctx, id, args)) };
  },

  async read(ctx, id, state) {
    const found = await findPolicy(ctx, state["regionId"] as string, id);
    return found ? { inputs: inputsOf(found, state), outputs: outputsOf(found) } : undefined;
  },

  async update(ctx, id, _olds, news: PolicyInputs) {
    return outputsOf(await converge(ctx, id, news));
  },

  async delete(ctx, id, state) {
    const regionID = state["regionId"] as string;
    if (!(await findPolicy(ctx, regionID, id))) return;
    await retryWhileHeld(
      ctx,
      `snapshot policy ${id} to be deleted`,
      async () => {
        try {
          await ctx.client.send(DeleteSnapshotPolicy, { regionID, snapshotPolicyID: id });
        } catch (error) {
          // Gone meanwhile (whatever the refusal says): done.
          if (isServiceError(error) && !(await findPolicy(ctx, regionID, id))) return;
          throw error;
        }
      },
      async () => {
        const now = await findPolicy(ctx, regionID, id);
        return now && (now.boundDiskNum ?? 0) > 0 ? [`${now.boundDiskNum} disk(s) still following it`] : [];
      },
    );
    await waitUntilGone(ctx, `snapshot policy ${id}`, async () => (await findPolicy(ctx, regionID, id)) !== undefined, []);
  },
});
