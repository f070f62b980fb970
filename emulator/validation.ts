/**
 * Request validation for service handlers: parse with a zod schema, turn the first issue into a
 * CTyun `Openapi.Parameter.Invalid` (or a code the caller chooses).
 */
import type { z } from "zod";
import { InvalidParameterError } from "./errors";

export function parseInput<S extends z.ZodType>(schema: S, value: unknown, code?: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.join(".") + ": " : "";
  const message = `${where}${issue?.message ?? "invalid request"}`;
  throw new InvalidParameterError(message, code === undefined ? {} : { code });
}
