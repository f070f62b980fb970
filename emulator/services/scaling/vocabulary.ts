/**
 * The auto-scaling service's vocabulary (api-notes/scaling.md): its refusals, integer ids, times and
 * enumerations. No scaling error code appears in any official client: TF recognises a missing group
 * by `NotExists`/`不存在` in the text and a missing config or rule by `NotFound`/`未找到`, so those
 * refusals carry those words and draw their codes from documented sets (unknown-codes.ts).
 */
import type { EngineContext } from "../../engine/context";
import { DuplicateNameError, EmulatorError, InUseError, NotFoundError } from "../../errors";

/** An update's fields: each optional, an absent (or null, i.e. dropped) one leaves the value as it is. */
export type Change<T> = { readonly [K in keyof T]?: T[K] | undefined };

/** Invented: another activity of the group is still running. */
export const ACTIVITY_IN_PROGRESS = "Scaling.Group.ActivityInProgress";
/** Invented: the group's delete protection is on. */
export const DELETE_PROTECTED = "Scaling.Group.DeleteProtected";
/** Invented: the group's status (enabled/disabled/being deleted) does not allow the operation. */
export const GROUP_STATUS_INVALID = "Scaling.Group.StatusInvalid";
/** Invented: a rule name already used in the group. */
export const RULE_NAME_DUPLICATED = "Scaling.Rule.NameDuplicated";
/** Invented: no such activity in the group. */
export const ACTIVITY_NOT_FOUND = "Scaling.Activity.NotFound";
/** Invented: a move-in would exceed the group's maxCount. */
export const MAX_COUNT_EXCEEDED = "Scaling.Group.MaxCountExceeded";

/** Execution modes of activities and members (TF internal/business/scaling_const.go, py-sc). */
export const EXECUTION_MODE = {
  automaticPolicy: 1,
  manualPolicy: 2,
  moveIn: 3,
  moveOut: 4,
  newGroup: 5,
  groupChange: 6,
  healthReplacement: 7,
  healthRemoval: 8,
} as const;

export const ACTIVITY_RESULT = { running: 0, succeeded: 1, failed: 2 } as const;
export const MEMBER_STATUS = { inService: 1, movingIn: 2, movingOut: 3 } as const;
export const HEALTH_STATUS = { normal: 1, abnormal: 2, initializing: 3 } as const;
export const GROUP_STATUS = { enabled: 1, disabled: 2 } as const;
export const RULE_STATUS = { enabled: 1, disabled: 2 } as const;

/** Where each id sequence starts (invented; ids are never reused). */
const SEQUENCE_START: Readonly<Record<string, number>> = { group: 10001, config: 20001, rule: 30001, activity: 40001, member: 50001 };

/** The next integer id of a sequence (not regional: ids are unique across regions, as the cloud's). */
export function nextId(ctx: EngineContext, sequence: keyof typeof SEQUENCE_START & string): number {
  return ctx.store.nextCounter(`scaling.${sequence}`, SEQUENCE_START[sequence]!);
}

/** `%Y-%m-%d %H:%M:%S` in Beijing time: the form the rule API documents for its times (used for every scaling time, inferred). */
export function beijingTime(epochMs: number): string {
  return new Date(epochMs + 8 * 3_600_000).toISOString().slice(0, 19).replace("T", " ");
}

/** Parses `%Y-%m-%d %H:%M:%S` (Beijing time) to epoch ms, or undefined when malformed. */
export function parseBeijingTime(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(year, month - 1, day, hour - 8, minute, second);
  // Round-trips only for real calendar values (no 2024-02-31).
  return beijingTime(ms) === text ? ms : undefined;
}

/** `commitState`: the group went during this very request (its deletion finished), which must stick. */
export function groupNotFound(ctx: EngineContext, groupID: number, commitState = false): NotFoundError {
  return new NotFoundError(ctx.unknownCodes.pick("scaling-group-not-found"), `NotExists: scaling group ${groupID} does not exist`, { description: `伸缩组${groupID}不存在`, commitState });
}

export function configNotFound(ctx: EngineContext, configID: number): NotFoundError {
  return new NotFoundError(ctx.unknownCodes.pick("scaling-config-not-found"), `NotFound: scaling config ${configID} not found`, { description: `伸缩配置${configID}未找到` });
}

export function ruleNotFound(ctx: EngineContext, ruleID: number, groupID: number): NotFoundError {
  return new NotFoundError(ctx.unknownCodes.pick("scaling-rule-not-found"), `NotFound: scaling rule ${ruleID} not found in group ${groupID}`, {
    description: `伸缩策略${ruleID}未找到`,
  });
}

export function configInUse(ctx: EngineContext, configID: number, groupIDs: readonly number[]): InUseError {
  return new InUseError(`scaling config ${configID} is used by scaling groups: ${groupIDs.join(", ")}`, {
    description: "伸缩配置已绑定伸缩组，无法删除",
    code: ctx.unknownCodes.pick("scaling-config-in-use"),
  });
}

export function groupNameTaken(ctx: EngineContext, name: string): DuplicateNameError {
  return new DuplicateNameError(`a scaling group named ${name} already exists in this region; group names are unique`, {
    description: "伸缩组名称已存在",
    code: ctx.unknownCodes.pick("scaling-group-name-taken"),
  });
}

/** Inferred (COVERAGE.md): config names are unique per region, as group names are (py-sc). */
export function configNameTaken(ctx: EngineContext, name: string): DuplicateNameError {
  return new DuplicateNameError(`a scaling config named ${name} already exists in this region; config names are unique`, {
    description: "伸缩配置名称已存在",
    code: ctx.unknownCodes.pick("scaling-config-name-taken"),
  });
}

export function activityInProgress(groupID: number, activeID: number): EmulatorError {
  return new EmulatorError(ACTIVITY_IN_PROGRESS, `scaling group ${groupID} has a running activity (${activeID}); try again when it has finished`, {
    description: "伸缩组有正在执行的伸缩活动",
  });
}

/** A refusal with one of this service's invented codes. */
export function scalingError(code: string, message: string, description: string): EmulatorError {
  return new EmulatorError(code, message, { description });
}

export function groupStatusInvalid(message: string): EmulatorError {
  return new EmulatorError(GROUP_STATUS_INVALID, message, { description: "伸缩组当前状态不支持该操作" });
}
