/**
 * The one way a service reads a request: its route declares an input schema and how it treats
 * `regionID`; the framework reads the parameters (services/params.ts), resolves the region, parses
 * the input and hands the handler typed values. Zod pieces for CTyun's wire forms are in
 * shared/fields.ts.
 */
import type { z } from "zod";
import { parseInput } from "../validation";
import type { OperationContext } from "./operation-context";
import type { RegionMode, RegionOf, RouteDefinition, RouteSpec } from "./types";

export function defineRoute<S extends z.ZodType, R extends RegionMode = "required">(spec: RouteSpec<S, R>): RouteDefinition {
  const mode: RegionMode = spec.region ?? "required";
  return {
    method: spec.method,
    path: spec.path,
    operation: spec.operation,
    service: spec.service,
    handler(ctx: OperationContext): unknown {
      const params = ctx.params;
      const regionID = params["regionID"];
      const region =
        mode === "required" || (mode === "optional" && regionID !== undefined && regionID !== "") ? ctx.backend("catalog").requireRegion(regionID) : undefined;
      const input = parseInput(spec.input, params);
      return spec.handle(ctx, { input, region: region as RegionOf<R>, params });
    },
  };
}
