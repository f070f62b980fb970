/**
 * ELB vocabulary (api-notes/elb.md §1, §11): enums, ranges, order action names, and the refusals
 * every part of the service shares. No ELB error code is documented (TF checks only the texts "not
 * found" / "不存在"), so not-found, in-use and conflict answers draw their codes from documented sets
 * (unknown-codes.ts), with messages TF's substring checks recognise.
 */
import type { EngineContext } from "../../engine/context";
import { DuplicateNameError, EmulatorError, InUseError, InvalidParameterError, NotFoundError } from "../../errors";
import type { OrderRecord } from "../../engine/orders";

export const ELB_ORDER_ACTIONS = {
  create: "elb.create",
  modify: "elb.modify",
  refund: "elb.refund",
} as const;

/** Specs create-pgelb and modify-pgelb-spec accept (the free ELB's s1/default are not pgelb: §13). */
export const PGELB_SLA_NAMES = ["elb.s2.small", "elb.s2.large", "elb.s3.small", "elb.s3.large", "elb.s4.small", "elb.s4.large", "elb.s5.small", "elb.s5.large"] as const;
export const RESOURCE_TYPES = ["internal", "external"] as const;
export const LISTENER_PROTOCOLS = ["TCP", "UDP", "HTTP", "HTTPS"] as const;
export const HEALTH_CHECK_PROTOCOLS = ["TCP", "UDP", "HTTP"] as const;
export const ALGORITHMS = ["rr", "wrr", "lc", "sh"] as const;
export const STICKY_MODES = ["CLOSE", "INSERT", "REWRITE", "SOURCE_IP"] as const;
export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "TRACE", "OPTIONS", "CONNECT", "PATCH"] as const;
export const EXPECTED_CODES = ["http_2xx", "http_3xx", "http_4xx", "http_5xx"] as const;
export const CERTIFICATE_TYPES = ["Server", "Ca"] as const;
export const ACTION_TYPES = ["forward", "redirect"] as const;
export const CONDITION_TYPES = ["server_name", "url_path"] as const;
export const MATCH_TYPES = ["ABSOLUTE", "PREFIX", "REG"] as const;

export const DEFAULT_WEIGHT = 100;
/** create-rule / update-rule: "目前不支持配置此参数,只取默认值100". */
export const RULE_PRIORITY = 100;

/** What refusals and not-found answers call each object, in English and Chinese. */
export const OBJECT_NAMES = {
  loadBalancer: { en: "load balancer", zh: "负载均衡" },
  listener: { en: "listener", zh: "监听器" },
  rule: { en: "rule", zh: "转发规则" },
  targetGroup: { en: "target group", zh: "后端主机组" },
  target: { en: "target", zh: "后端主机" },
  healthCheck: { en: "health check", zh: "健康检查" },
  certificate: { en: "certificate", zh: "证书" },
} as const;
export type ElbObject = keyof typeof OBJECT_NAMES;

/** RFC 3339 in UTC without fractions ("UTC格式" in the show models). */
export function utcTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** A 900 whose message contains "not found" and description "不存在" (what TF's reads look for). */
export function elbNotFound(ctx: EngineContext, object: ElbObject, id: string): NotFoundError {
  const names = OBJECT_NAMES[object];
  return new NotFoundError(ctx.unknownCodes.pick("elb-not-found"), `${names.en} ${id} not found`, { description: `${names.zh} ${id} 不存在` });
}

/** Something else still uses the object (listeners on an LB, a listener naming a target group, …). */
export function elbInUse(ctx: EngineContext, object: ElbObject, id: string, users: string): InUseError {
  const names = OBJECT_NAMES[object];
  return new InUseError(`${names.en} ${id} is in use by ${users}`, { description: `${names.zh}正在被使用，无法删除`, code: ctx.unknownCodes.pick("elb-in-use") });
}

/** Names are unique ("唯一", every create doc) among one kind in a region (inferred scope). */
export function nameTaken(ctx: EngineContext, object: ElbObject, name: string, holder: string): DuplicateNameError {
  const names = OBJECT_NAMES[object];
  return new DuplicateNameError(`${names.en} name ${name} is already used by ${holder}`, { description: `${names.zh}名称已存在`, code: ctx.unknownCodes.pick("elb-name-taken") });
}

/** A listener port already taken on the load balancer, or a target already in its group. */
export function elbConflict(ctx: EngineContext, message: string, description: string): EmulatorError {
  return new InvalidParameterError(message, { description, code: ctx.unknownCodes.pick("elb-conflict") });
}

/** Another order of the load balancer runs (the code CTyun documents for EIPs and bandwidths; inferred for ELB). */
export function orderInProgress(elbID: string, order: OrderRecord): EmulatorError {
  return new EmulatorError("Openapi.Order.Inprogress", `an order for load balancer ${elbID} is still in progress (masterOrderID ${order.masterOrderID})`, {
    description: "该负载均衡存在处理中的订单",
    returnObj: { masterOrderID: order.masterOrderID },
  });
}

const CN = "\\u4e00-\\u9fa5";
const NAME = new RegExp(`^[a-zA-Z${CN}][0-9a-zA-Z_${CN}-]*$`);

/** ELB names (every create doc): 2–32, letter or Chinese first, then letters, digits, Chinese, `_`, `-`. */
export function checkElbName(field: string, value: string): void {
  const length = [...value].length;
  if (length < 2 || length > 32) throw new InvalidParameterError(`${field} must be 2-32 characters long`);
  if (/^https?:/i.test(value)) throw new InvalidParameterError(`${field} must not start with http: or https:`);
  if (!NAME.test(value)) throw new InvalidParameterError(`${field} must start with a letter or Chinese character and contain only letters, digits, Chinese characters, '_' and '-'`);
}

export function checkElbDescription(value: string): void {
  if ([...value].length > 128) throw new InvalidParameterError("description must be at most 128 characters long");
  if (/^https?:/i.test(value)) throw new InvalidParameterError("description must not start with http: or https:");
}

/** An integer in [min, max], else `Openapi.Parameter.Invalid` naming the field and the range. */
export function checkRange(field: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) throw new InvalidParameterError(`${field} must be an integer from ${min} to ${max}`);
}
