/**
 * Forward and redirect actions, shared by a listener's default action and its rules' actions
 * (api-notes/elb.md §3.1, §8): forward needs target groups (weights 1–256, default 100) of the load
 * balancer's VPC whose protocol suits the listener; redirect needs another listener of the same load
 * balancer. `deny` is documented as unsupported ("目前暂不支持配置为deny").
 */
import type { EngineContext } from "../../engine/context";
import { InvalidParameterError } from "../../errors";
import { LISTENER_KIND, TARGET_GROUP_KIND, type ElbAction, type ListenerProtocol, type ListenerRecord, type TargetGroupRecord } from "./records";
import { checkRange, DEFAULT_WEIGHT, elbNotFound } from "./rules";

/** An action as the create/update requests carry it. */
export interface ActionInput {
  readonly type: string;
  readonly forwardConfig?: { readonly targetGroups?: ReadonlyArray<{ readonly targetGroupID: string; readonly weight?: number | undefined }> | undefined } | undefined;
  readonly redirectListenerID?: string | undefined;
}

/** Where the action is used: the listener it belongs to (or will belong to) and its load balancer. */
export interface ActionOwner {
  readonly loadBalancerID: string;
  readonly vpcID: string;
  readonly protocol: ListenerProtocol;
  /** The listener itself, once it exists (a redirect to itself is refused). */
  readonly listenerID?: string;
}

/**
 * Decision (COVERAGE.md → ELB): a target group with a protocol serves listeners of the same transport —
 * HTTP/HTTPS listeners take HTTP or HTTPS groups, TCP and UDP their own; a group created without a
 * protocol serves any listener (the create doc makes the field optional).
 */
function protocolSuits(group: TargetGroupRecord, listener: ListenerProtocol): boolean {
  if (group.protocol === "") return true;
  if (listener === "HTTP" || listener === "HTTPS") return group.protocol === "HTTP" || group.protocol === "HTTPS";
  return group.protocol === listener;
}

export function checkAction(ctx: EngineContext, regionID: string, input: ActionInput, owner: ActionOwner, field: string): ElbAction {
  if (input.type === "deny") throw new InvalidParameterError(`${field}.type deny is not supported yet`);
  if (input.type === "redirect") {
    const target = input.redirectListenerID ?? "";
    if (target === "") throw new InvalidParameterError(`${field}.redirectListenerID is required when type is redirect`);
    const listener = ctx.store.collection<ListenerRecord>(LISTENER_KIND).get(regionID, target);
    if (!listener) throw elbNotFound(ctx, "listener", target);
    if (listener.loadBalancerID !== owner.loadBalancerID) throw new InvalidParameterError(`${field}.redirectListenerID ${target} belongs to another load balancer`);
    if (target === owner.listenerID) throw new InvalidParameterError(`${field}.redirectListenerID must name another listener`);
    return { type: "redirect", targetGroups: [], redirectListenerID: target };
  }
  if (input.type !== "forward") throw new InvalidParameterError(`${field}.type must be forward or redirect`);
  const groups = input.forwardConfig?.targetGroups ?? [];
  if (groups.length === 0) throw new InvalidParameterError(`${field}.forwardConfig.targetGroups is required when type is forward`);
  const seen = new Set<string>();
  const targetGroups = groups.map((entry) => {
    if (seen.has(entry.targetGroupID)) throw new InvalidParameterError(`${field} names target group ${entry.targetGroupID} twice`);
    seen.add(entry.targetGroupID);
    const weight = entry.weight ?? DEFAULT_WEIGHT;
    checkRange(`${field}.forwardConfig.targetGroups.weight`, weight, 1, 256);
    const group = ctx.store.collection<TargetGroupRecord>(TARGET_GROUP_KIND).get(regionID, entry.targetGroupID);
    if (!group) throw elbNotFound(ctx, "targetGroup", entry.targetGroupID);
    if (group.vpcID !== owner.vpcID) {
      throw new InvalidParameterError(`target group ${group.ID} is in vpc ${group.vpcID}, not in vpc ${owner.vpcID} of load balancer ${owner.loadBalancerID}`);
    }
    if (!protocolSuits(group, owner.protocol)) throw new InvalidParameterError(`target group ${group.ID} (${group.protocol}) cannot serve a ${owner.protocol} listener`);
    return { targetGroupID: group.ID, weight };
  });
  return { type: "forward", targetGroups, redirectListenerID: "" };
}

/** The action in its wire shape: `forwardConfig` always an object (TF dereferences it), also for redirects. */
export function actionView(action: ElbAction): Record<string, unknown> {
  return {
    type: action.type,
    forwardConfig: { targetGroups: action.targetGroups.map((group) => ({ targetGroupID: group.targetGroupID, weight: group.weight })) },
    redirectListenerID: action.redirectListenerID,
  };
}
