/**
 * API operations as data: one definition per CTyun call, consumed by the single `send` pipeline.
 */
import type { z } from "zod";
import type { ServiceName } from "./endpoints";

/**
 * - `true`: safe to repeat (reads, and writes that set an absolute value);
 * - `"clientToken"`: repeatable only with the same `clientToken`, which `send` keeps across attempts;
 * - `false`: never repeated once it may have reached the server.
 */
export type Idempotency = true | "clientToken" | false;

export interface Operation<In extends z.ZodType = z.ZodType, Out extends z.ZodType = z.ZodType> {
  /** A stable PascalCase name used in errors, logs and request counts, e.g. `CreateVpc`. */
  readonly name: string;
  readonly service: ServiceName;
  readonly method: "GET" | "POST";
  readonly path: string;
  /** Validates and orders the request fields; for GET they become the query, for POST the JSON body. */
  readonly input: In;
  /** Validates the envelope's `returnObj` on success. */
  readonly output: Out;
  readonly idempotent: Idempotency;
}

/** What the caller passes to `send` for an operation. */
export type RequestOf<O extends Operation> = z.input<O["input"]>;
/** What `send` resolves to for an operation: the validated `returnObj`. */
export type ResultOf<O extends Operation> = z.output<O["output"]>;

export function defineOperation<In extends z.ZodType, Out extends z.ZodType>(operation: Operation<In, Out>): Operation<In, Out> {
  return operation;
}

/**
 * True for calls that only read. CTyun reads are GETs, except a few list/describe calls sent as
 * POST (`ListFlavors`, `DescribeInstances`, `ListEips`), named as reads.
 */
export function isReadOnly(operation: Pick<Operation, "method" | "name">): boolean {
  return operation.method === "GET" || /^(List|Describe|Query|Show|Get)/.test(operation.name);
}
