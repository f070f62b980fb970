/**
 * Zod pieces for the wire forms CTyun's official clients use, shared by the services' input schemas.
 * GET parameters arrive as text (services/params.ts), so the pieces for numbers and booleans take both
 * the JSON value and its query text.
 */
import { z } from "zod";

/** Optional text. */
export const optionalText = z.string().optional();

/** A required, non-empty id. */
export const requiredId = z.string().min(1);

/** `clientToken`: 1–64 characters. */
export const clientToken = z.string().min(1).max(64);

/**
 * A boolean as JSON or as query text in any letter case (the Python SDK v2 writes `str(True)`, i.e.
 * `True`); undefined when absent.
 */
export const flag = z
  .preprocess((value) => (typeof value === "string" ? value.toLowerCase() : typeof value === "boolean" ? String(value) : value), z.enum(["true", "false"], { error: "must be true or false" }).optional())
  .transform((value) => (value === undefined ? undefined : value === "true"));

/** A comma-separated id list (`vpcID=a,b`), trimmed, empties dropped; undefined when absent or empty. */
export const commaList = z
  .string()
  .optional()
  .transform((value) => {
    const items = (value ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== "");
    return items.length > 0 ? items : undefined;
  });
