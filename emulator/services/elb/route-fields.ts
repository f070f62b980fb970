/**
 * Wire-form pieces the ELB routes share (api-notes/elb.md §12): every object has a deprecated `ID`
 * beside its specific id field (the specific one wins when both are sent; health checks' deprecated
 * one is lower-case `id`), lists filter by a comma-separated `IDs` (the Python SDK sends `iDs`),
 * nullable booleans arrive as absent (null members are dropped), and actions share one schema.
 */
import { z } from "zod";
import { InvalidParameterError } from "../../errors";
import type { Params } from "../params";
import { defineRoute } from "../route";
import { flag } from "../shared/fields";
import type { OperationContext, RouteDefinition } from "../types";

export const clientToken = z.string({ error: "must be a string of 1-64 characters" }).min(1, "must be 1-64 characters").max(64, "must be 1-64 characters");
export const optionalText = z.string({ error: "must be a string" }).optional();
export const integer = (what: string) => z.number({ error: `must be an integer (${what})` }).int(`must be an integer (${what})`);
/** A boolean as JSON or as query text; Go's `*bool` without omitempty sends null (dropped). */
export const optionalFlag = flag;
/** GET numbers arrive as text. */
export const queryInteger = z.union([z.number(), z.string().regex(/^\d+$/, "must be an integer").transform(Number)]);

/** The object's id: the specific field, else the deprecated `ID` (or `id`), else a refusal naming the field. */
export function objectId(params: Params, field: string, deprecated: readonly string[] = ["ID"]): string {
  for (const key of [field, ...deprecated]) {
    const value = params[key];
    if (typeof value === "string" && value !== "") return value;
  }
  throw new InvalidParameterError(`${field} is required`);
}

/** The `IDs` filter (comma list; the Python SDK's `iDs`), undefined when absent or empty. */
export function idsFilter(params: Params): string[] | undefined {
  const raw = params["IDs"] ?? params["iDs"];
  const text = Array.isArray(raw) ? raw.join(",") : typeof raw === "string" ? raw : "";
  const ids = text
    .split(",")
    .map((id) => id.trim())
    .filter((id) => id !== "");
  return ids.length > 0 ? ids : undefined;
}

/** A text filter: undefined when absent or empty (Go sends unset strings as ""). */
export function textFilter(params: Params, key: string): string | undefined {
  const value = params[key];
  return typeof value === "string" && value !== "" ? value : undefined;
}

const weightedGroup = z.object({
  targetGroupID: z.string({ error: "targetGroupID is required" }).min(1, "targetGroupID is required"),
  weight: integer("1-256").optional(),
});

/** A listener's default action or a rule's action; `forwardConfig.targetGroups` may be null for redirects (TF). */
export const actionSchema = z.object({
  type: z.string({ error: "must be forward or redirect" }),
  forwardConfig: z.object({ targetGroups: z.array(weightedGroup).optional() }).optional(),
  redirectListenerID: optionalText,
});

export const conditionSchema = z.object({
  type: z.string({ error: "must be server_name or url_path" }),
  serverNameConfig: z.object({ serverName: optionalText }).optional(),
  urlPathConfig: z.object({ urlPaths: optionalText, matchType: optionalText }).optional(),
});

/** Write answers of most ELB operations: an array with the object's id (never null: TF errors on null). */
export const idArray = (ID: string) => [{ ID }];

/**
 * The delete of one ELB object named by `idParam`, done once per clientToken. Most answer `[{ID}]`;
 * health checks and rules answer `{ID}` (TF's generated clients read an object there).
 */
export function deleteRoute(spec: {
  readonly path: string;
  readonly operation: string;
  readonly idParam: string;
  readonly answer: "array" | "object";
  readonly remove: (ctx: OperationContext, regionID: string, id: string) => void;
}): RouteDefinition {
  return defineRoute({
    method: "POST", path: spec.path, operation: spec.operation, service: "ctelb",
    input: z.object({ clientToken }),
    handle(ctx, { region, params }) {
      const id = objectId(params, spec.idParam);
      return ctx.idempotent(() => {
        spec.remove(ctx, region.regionID, id);
        return spec.answer === "array" ? idArray(id) : { ID: id };
      });
    },
  });
}
