/**
 * Target group, target and health check operations (ctelb host, emulator/api-notes/elb.md §4–§6).
 * All synchronous. show-target-group answers an array of one; show-target and show-health-check an
 * object; create-health-check `{ID}`, the other creates `[{ID}]`.
 */
import { z } from "zod";
import { defineOperation } from "../operation";

const idList = z.array(z.looseObject({ ID: z.string() }));

export const ALGORITHMS = ["rr", "wrr", "lc", "sh"] as const;
export const STICKY_MODES = ["CLOSE", "INSERT", "REWRITE", "SOURCE_IP"] as const;

const stickyInput = z.object({
  sessionStickyMode: z.enum(STICKY_MODES),
  cookieExpire: z.number().int().optional(),
  rewriteCookieName: z.string().optional(),
  sourceIpTimeout: z.number().int().optional(),
});
export type StickyInput = z.input<typeof stickyInput>;

export const CreateTargetGroup = defineOperation({
  name: "CreateTargetGroup",
  service: "ctelb",
  method: "POST",
  path: "/v4/elb/create-target-group",
  input: z.object({
    clientToken: z.string().min(1).max(64).optional(),
    regionID: z.string(),
    name: z.string(),
    description: z.string().optional(),
    vpcID: z.string(),
    protocol: z.enum(["TCP", "UDP", "HTTP", "HTTPS"]).optional(),
    healthCheckID: z.string().optional(),
    algorithm: z.enum(ALGORITHMS),
    sessionSticky: stickyInput.optional(),
    proxyProtocol: z.number().int().optional(),
  }),
  output: idList.min(1),
  idempotent: "clientToken",
});

export const targetGroupRecord = z.looseObject({
  ID: z.string(),
  name: z.string(),
  description: z.string().nullish(),
  vpcID: z.string(),
  /** Not in the official models; the emulator adds it (api-notes §4.2). */
  protocol: z.string().nullish(),
  healthCheckID: z.string().nullish(),
  algorithm: z.string(),
  sessionSticky: z
    .looseObject({ sessionStickyMode: z.string().nullish(), cookieExpire: z.number().nullish(), rewriteCookieName: z.string().nullish(), sourceIpTimeout: z.number().nullish() })
    .nullish(),
  proxyProtocol: z.number().int().nullish(),
});
export type TargetGroupRecord = z.output<typeof targetGroupRecord>;

export const ShowTargetGroup = defineOperation({
  name: "ShowTargetGroup",
  service: "ctelb",
  method: "GET",
  path: "/v4/elb/show-target-group",
  input: z.object({ regionID: z.string(), targetGroupID: z.string().min(1) }),
  output: z.array(targetGroupRecord),
  idempotent: true,
});

export const ListTargetGroups = defineOperation({
  name: "ListTargetGroup",
  service: "ctelb",
  method: "GET",
  path: "/v4/elb/list-target-group",
  input: z.object({ regionID: z.string(), vpcID: z.string().optional(), name: z.string().optional() }),
  output: z.array(targetGroupRecord).nullish().transform((rows) => rows ?? []),
  idempotent: true,
});

export const UpdateTargetGroup = defineOperation({
  name: "UpdateTargetGroup",
  service: "ctelb",
  method: "POST",
  path: "/v4/elb/update-target-group",
  input: z.object({
    clientToken: z.string().optional(),
    regionID: z.string(),
    targetGroupID: z.string().min(1),
    name: z.string().optional(),
    description: z.string().optional(),
    healthCheckID: z.string().optional(),
    algorithm: z.enum(ALGORITHMS).optional(),
    sessionSticky: stickyInput.optional(),
  }),
  output: idList,
  idempotent: true,
});

export const DeleteTargetGroup = defineOperation({
  name: "DeleteTargetGroup",
  service: "ctelb",
  method: "POST",
  path: "/v4/elb/delete-target-group",
  input: z.object({ clientToken: z.string().min(1).max(64).optional(), regionID: z.string(), targetGroupID: z.string().min(1) }),
  output: idList,
  idempotent: "clientToken",
});

export const CreateTarget = defineOperation({
  name: "CreateTarget",
  service: "ctelb",
  method: "POST",
  path: "/v4/elb/create-target",
  input: z.object({
    clientToken: z.string().min(1).max(64).optional(),
    regionID: z.string(),
    targetGroupID: z.string(),
    instanceType: z.enum(["VM"]),
    instanceID: z.string(),
    protocolPort: z.number().int(),
    weight: z.number().int().optional(),
  }),
  output: idList.min(1),
  idempotent: "clientToken",
});

export const targetRecord = z.looseObject({
  ID: z.string(),
  targetGroupID: z.string(),
  instanceType: z.string().nullish(),
  instanceID: z.string(),
  protocolPort: z.number().int(),
  weight: z.number().int().nullish(),
  /** online / offline / unknown */
  healthCheckStatus: z.string().nullish(),
});
export type TargetRecord = z.output<typeof targetRecord>;

export const ShowTarget = defineOperation({
  name: "ShowTarget",
  service: "ctelb",
  method: "GET",
  path: "/v4/elb/show-target",
  input: z.object({ regionID: z.string(), targetID: z.string().min(1) }),
  output: targetRecord,
  idempotent: true,
});

export const ListTargets = defineOperation({
  name: "ListTarget",
  service: "ctelb",
  method: "GET",
  path: "/v4/elb/list-target",
  input: z.object({ regionID: z.string(), targetGroupID: z.string().optional() }),
  output: z.array(targetRecord).nullish().transform((rows) => rows ?? []),
  idempotent: true,
});

export const UpdateTarget = defineOperation({
  name: "UpdateTarget",
  service: "ctelb",
  method: "POST",
  path: "/v4/elb/update-target",
  input: z.object({ regionID: z.string(), targetID: z.string().min(1), protocolPort: z.number().int().optional(), weight: z.number().int().optional() }),
  output: idList,
  // Sets absolute values (no clientToken): repeating it is harmless.
  idempotent: true,
});

export const DeleteTarget = defineOperation({
  name: "DeleteTarget",
  service: "ctelb",
  method: "POST",
  path: "/v4/elb/delete-target",
  input: z.object({ clientToken: z.string().min(1).max(64).optional(), regionID: z.string(), targetID: z.string().min(1) }),
  output: idList,
  idempotent: "clientToken",
});

export const HEALTH_CHECK_PROTOCOLS = ["TCP", "UDP", "HTTP"] as const;
export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "TRACE", "OPTIONS", "CONNECT", "PATCH"] as const;
export const EXPECTED_CODES = ["http_2xx", "http_3xx", "http_4xx", "http_5xx"] as const;

const httpFields = {
  httpMethod: z.enum(HTTP_METHODS).optional(),
  httpUrlPath: z.string().optional(),
  httpExpectedCodes: z.array(z.enum(EXPECTED_CODES)).optional(),
};

export const CreateHealthCheck = defineOperation({
  name: "CreateHealthCheck",
  service: "ctelb",
  method: "POST",
  path: "/v4/elb/create-health-check",
  input: z.object({
    clientToken: z.string().min(1).max(64).optional(),
    regionID: z.string(),
    name: z.string(),
    description: z.string().optional(),
    protocol: z.enum(HEALTH_CHECK_PROTOCOLS),
    timeout: z.number().int().optional(),
    interval: z.number().int().optional(),
    maxRetry: z.number().int().optional(),
    ...httpFields,
    protocolPort: z.number().int().optional(),
  }),
  output: z.looseObject({ ID: z.string().min(1) }),
  idempotent: "clientToken",
});

export const healthCheckRecord = z.looseObject({
  ID: z.string(),
  name: z.string(),
  description: z.string().nullish(),
  protocol: z.string(),
  protocolPort: z.number().int().nullish(),
  timeout: z.number().int().nullish(),
  interval: z.number().int().nullish(),
  /** The name both generated clients give `interval`. */
  integererval: z.number().int().nullish(),
  maxRetry: z.number().int().nullish(),
  httpMethod: z.string().nullish(),
  httpUrlPath: z.string().nullish(),
  /** One string, the codes joined by a space (requests send an array). */
  httpExpectedCodes: z.string().nullish(),
});
export type HealthCheckRecord = z.output<typeof healthCheckRecord>;

export const ShowHealthCheck = defineOperation({
  name: "ShowHealthCheck",
  service: "ctelb",
  method: "GET",
  path: "/v4/elb/show-health-check",
  input: z.object({ regionID: z.string(), healthCheckID: z.string().min(1) }),
  output: healthCheckRecord,
  idempotent: true,
});

export const ListHealthChecks = defineOperation({
  name: "ListHealthCheck",
  service: "ctelb",
  method: "GET",
  path: "/v4/elb/list-health-check",
  input: z.object({ regionID: z.string(), name: z.string().optional() }),
  output: z.array(healthCheckRecord).nullish().transform((rows) => rows ?? []),
  idempotent: true,
});

export const UpdateHealthCheck = defineOperation({
  name: "UpdateHealthCheck",
  service: "ctelb",
  method: "POST",
  path: "/v4/elb/update-health-check",
  input: z.object({
    clientToken: z.string().optional(),
    regionID: z.string(),
    healthCheckID: z.string().min(1),
    name: z.string().optional(),
    description: z.string().optional(),
    timeout: z.number().int().optional(),
    maxRetry: z.number().int().optional(),
    interval: z.number().int().optional(),
    ...httpFields,
  }),
  output: z.unknown(),
  idempotent: true,
});

export const DeleteHealthCheck = defineOperation({
  name: "DeleteHealthCheck",
  service: "ctelb",
  method: "POST",
  path: "/v4/elb/delete-health-check",
  input: z.object({ clientToken: z.string().min(1).max(64).optional(), regionID: z.string(), healthCheckID: z.string().min(1) }),
  output: z.unknown(),
  idempotent: "clientToken",
});
