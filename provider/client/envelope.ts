/**
 * The CTyun response envelope `{statusCode, errorCode, message, description, returnObj}` (spec C.1).
 * Codes arrive as numbers or strings depending on the product; they are normalized to strings here,
 * once, so nothing deeper in the code re-parses them.
 */
import { z } from "zod";

const code = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined ? undefined : String(v)));

const text = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined ? "" : String(v)));

export const envelopeSchema = z.looseObject({
  statusCode: z.union([z.string(), z.number()]).transform((v) => String(v)),
  errorCode: code,
  error: code,
  message: text,
  description: text,
  returnObj: z.unknown().optional(),
});

export type Envelope = z.output<typeof envelopeSchema>;

export const SUCCESS_STATUS = "800";
export const FAILURE_STATUS = "900";

export function isSuccess(envelope: Envelope): boolean {
  return envelope.statusCode === SUCCESS_STATUS;
}

/** The error code of a failed envelope: `errorCode`, else `error`, else the status code itself. */
export function errorCodeOf(envelope: Envelope): string {
  return envelope.errorCode || envelope.error || envelope.statusCode;
}

/** Formats zod issues as `path: message` strings for error messages. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.length ? issue.path.join(".") : "(root)"}: ${issue.message}`);
}
