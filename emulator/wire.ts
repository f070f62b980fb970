/**
 * The CTyun response envelope (spec C.1), built in one place. `statusCode` is always a JSON number
 * and `message`/`description` always strings: the generated Go clients panic on anything else.
 */
import type { EmulatorResponse } from "./http/types";

export const SUCCESS_STATUS_CODE = 800;
export const FAILURE_STATUS_CODE = 900;

export interface Envelope {
  readonly statusCode: number;
  readonly errorCode: string;
  readonly error: string;
  readonly message: string;
  readonly description: string;
  readonly returnObj: unknown;
}

export const JSON_CONTENT_TYPE = "application/json;charset=UTF-8";

export function successEnvelope(returnObj: unknown): Envelope {
  return {
    statusCode: SUCCESS_STATUS_CODE,
    errorCode: "SUCCESS",
    error: "SUCCESS",
    message: "success",
    description: "成功",
    // `undefined` would vanish from the JSON; the generated clients treat a missing returnObj as failure.
    returnObj: returnObj === undefined ? null : returnObj,
  };
}

export interface FailureFields {
  readonly code: string;
  readonly message: string;
  readonly description: string;
  readonly returnObj?: unknown;
  /** The UpperCamel `error` field; derived from `code` when absent. */
  readonly error?: string;
}

export function failureEnvelope(fields: FailureFields): Envelope {
  return {
    statusCode: FAILURE_STATUS_CODE,
    errorCode: fields.code,
    error: fields.error ?? upperCamelCode(fields.code),
    message: fields.message,
    description: fields.description,
    returnObj: fields.returnObj === undefined ? null : fields.returnObj,
  };
}

/** `ebs.order.inProgress` → `Ebs.Order.InProgress`: the `error` field's spelling (spec C.1). */
export function upperCamelCode(code: string): string {
  return code
    .split(".")
    .map((part) => (part === "" ? part : part[0]!.toUpperCase() + part.slice(1)))
    .join(".");
}

export function jsonResponse(status: number, value: unknown, headers: Readonly<Record<string, string>> = {}): EmulatorResponse {
  return { status, headers: { "content-type": JSON_CONTENT_TYPE, ...headers }, body: JSON.stringify(value) };
}

export function envelopeResponse(status: number, envelope: Envelope, headers: Readonly<Record<string, string>> = {}): EmulatorResponse {
  return jsonResponse(status, envelope, headers);
}
