/**
 * HealthCheck (emulator/api-notes/elb.md §6): how a target group probes its targets. TCP, UDP or
 * HTTP; the HTTP settings (method, path, expected codes) apply to HTTP checks only, with the API's
 * defaults (GET, `/`, `http_2xx`). Everything but the protocol and port updates in place.
 *
 * - create: create-health-check with the create's clientToken (synchronous; answers `{ID}`).
 * - delete: retried while target groups (read from the cloud) still name it, then until it is gone.
 */
import { z } from "zod";
import { CreateHealthCheck, DeleteHealthCheck, EXPECTED_CODES, HTTP_METHODS, ListHealthChecks, ListTargetGroups, ShowHealthCheck, UpdateHealthCheck, type HealthCheckRecord } from "../client/operations/elb-targets";
import type { HandlerContext } from "../lifecycle/context";
import { ctyunName, description, regionId } from "../lifecycle/fields";
import { defineResource, type CheckFailure } from "../lifecycle/spec";
import { createdId, deleteElbObject, findElbObject, heldBy } from "./elb-common";

const int = (what: string, min: number, max: number) =>
  z.number({ error: `must be a whole number of ${what} from ${min} to ${max}` }).refine((n) => Number.isInteger(n) && n >= min && n <= max, `must be a whole number of ${what} from ${min} to ${max}`);

const inputs = z.object({
  name: ctyunName(32),
  description: description(),
  protocol: z.enum(["TCP", "UDP", "HTTP"], { error: 'must be "TCP", "UDP" or "HTTP"' }),
  port: int("port", 1, 65535).optional(),
  timeout: int("seconds", 2, 60).default(2),
  interval: int("seconds", 1, 20940).default(5),
  maxRetry: int("retries", 1, 10).default(2),
  httpMethod: z.enum(HTTP_METHODS, { error: `must be one of ${HTTP_METHODS.join(", ")}` }).optional(),
  httpPath: z.string().regex(/^\/[^\s]{0,79}$/, "must start with / and be at most 80 characters without spaces").optional(),
  httpExpectedCodes: z
    .array(z.enum(EXPECTED_CODES, { error: `must each be one of ${EXPECTED_CODES.join(", ")}` }))
    .min(1, `must list at least one of ${EXPECTED_CODES.join(", ")}`)
    .refine((codes) => new Set(codes).size === codes.length, "must not list a code twice")
    .optional(),
  regionId,
});

type HealthCheckInputs = z.output<typeof inputs>;

export interface HealthCheckOutputs {
  healthCheckId: string;
}

const HTTP_INPUTS = ["httpMethod", "httpPath", "httpExpectedCodes"] as const;

export async function findHealthCheck(ctx: HandlerContext, regionID: string, id: string): Promise<HealthCheckRecord | undefined> {
  return findElbObject(() => ctx.client.send(ShowHealthCheck, { regionID, healthCheckID: id }), () => ctx.client.send(ListHealthChecks, { regionID }), id);
}

/** The HTTP settings as the API takes them (empty for TCP/UDP checks). */
function httpFields(args: HealthCheckInputs) {
  if (args.protocol !== "HTTP") return {};
  return {
    ...(args.httpMethod !== undefined ? { httpMethod: args.httpMethod } : {}),
    ...(args.httpPath !== undefined ? { httpUrlPath: args.httpPath } : {}),
    ...(args.httpExpectedCodes !== undefined ? { httpExpectedCodes: args.httpExpectedCodes } : {}),
  };
}

export const healthCheckSpec = defineResource({
  type: "HealthCheck",
  inputs,
  outputs: { healthCheckId: true },
  createOnly: ["protocol", "port", "regionId"],
  settingDefaults: { regionId: "regionId" },
  autoName: { property: "name", maxLength: 32, mustStartWithLetter: true },
  unorderedInputs: ["httpExpectedCodes"],
  notFoundCodes: [],
  timeouts: { create: 2 * 60_000, update: 2 * 60_000, delete: 5 * 60_000 },
  idOutput: "healthCheckId",

  // The API's defaults for HTTP checks (create-health-check doc).
  defaults: (args) => (args.protocol === "HTTP" ? { httpMethod: "GET" as const, httpPath: "/", httpExpectedCodes: ["http_2xx" as const] } : {}),

  crossCheck(args, known, _olds, given) {
    if (!known("protocol") || args.protocol === "HTTP") return [];
    return HTTP_INPUTS.filter((key) => given(key)).map((key): CheckFailure => ({ property: key, reason: `applies only to HTTP health checks, not ${args.protocol}` }));
  },

  deleteBeforeReplace: (olds, news: HealthCheckInputs) => olds["name"] === news.name && olds["regionId"] === news.regionId,

  async create(ctx, args: HealthCheckInputs) {
    const answer = await ctx.client.send(CreateHealthCheck, {
      clientToken: ctx.clientToken,
      regionID: args.regionId,
      name: args.name,
      ...(args.description !== "" ? { description: args.description } : {}),
      protocol: args.protocol,
      timeout: args.timeout,
      interval: args.interval,
      maxRetry: args.maxRetry,
      ...httpFields(args),
      ...(args.port !== undefined ? { protocolPort: args.port } : {}),
    });
    const id = createdId(answer, `health check ${args.name}`);
    ctx.created(id, { healthCheckId: id });
    return { id, outputs: { healthCheckId: id } };
  },

  async read(ctx, id, state) {
    const check = await findHealthCheck(ctx, state["regionId"] as string, id);
    if (!check) return undefined;
    const http = check.protocol === "HTTP";
    const codes = (check.httpExpectedCodes ?? "").split(" ").filter((code) => code !== "") as HealthCheckInputs["httpExpectedCodes"];
    return {
      inputs: {
        name: check.name,
        description: check.description ?? "",
        protocol: check.protocol as HealthCheckInputs["protocol"],
        // 0 (or absent) means "the target's port": no port was chosen (reported, so a mismatch shows).
        port: check.protocolPort ? check.protocolPort : undefined,
        ...(check.timeout != null ? { timeout: check.timeout } : {}),
        ...((check.interval ?? check.integererval) != null ? { interval: (check.interval ?? check.integererval) as number } : {}),
        ...(check.maxRetry != null ? { maxRetry: check.maxRetry } : {}),
        ...(http && check.httpMethod ? { httpMethod: check.httpMethod as HealthCheckInputs["httpMethod"] } : {}),
        ...(http && check.httpUrlPath ? { httpPath: check.httpUrlPath } : {}),
        ...(http && codes && codes.length > 0 ? { httpExpectedCodes: codes } : {}),
      },
      outputs: { healthCheckId: check.ID },
    };
  },

  async update(ctx, id, _olds, news: HealthCheckInputs) {
    // The API sets what it is sent; sending every updatable value converges a resumed create too.
    await ctx.client.send(UpdateHealthCheck, {
      regionID: news.regionId,
      healthCheckID: id,
      name: news.name,
      description: news.description,
      timeout: news.timeout,
      interval: news.interval,
      maxRetry: news.maxRetry,
      ...httpFields(news),
    });
    return { healthCheckId: id };
  },

  async delete(ctx, id, state) {
    const regionID = state["regionId"] as string;
    await deleteElbObject(
      ctx,
      `health check ${id}`,
      () => ctx.client.send(DeleteHealthCheck, { regionID, healthCheckID: id }),
      async () => (await findHealthCheck(ctx, regionID, id)) !== undefined,
      async () => heldBy("target group", (await ctx.client.send(ListTargetGroups, { regionID })).filter((g) => g.healthCheckID === id).map((g) => g.ID)),
    );
  },
});
