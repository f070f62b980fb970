/**
 * How inputs are compared: arrays the spec declares unordered compare as sets, unknown values
 * (preview) always count as changed, and keys only the engine or the lifecycle uses never do.
 */
import { isDeepStrictEqual } from "node:util";
import type { AnyResourceSpec, Props } from "./spec";
import { containsUnknown } from "./unknowns";

/** Inputs that never cause an update or a replacement. */
export const INERT_INPUTS: ReadonlySet<string> = new Set(["pulumiName", "pulumiScope", "adoptId", "__provider"]);

export function normalizeForCompare(spec: AnyResourceSpec, key: string, value: unknown): unknown {
  if (Array.isArray(value) && (spec.unorderedInputs as readonly string[] | undefined)?.includes(key)) {
    return [...value].map((v) => JSON.stringify(v)).sort();
  }
  return value ?? undefined;
}

function differs(spec: AnyResourceSpec, key: string, a: unknown, b: unknown): boolean {
  return !isDeepStrictEqual(normalizeForCompare(spec, key, a), normalizeForCompare(spec, key, b));
}

/** The inputs whose values differ between the previous outputs and the new inputs. */
export function changedInputs(spec: AnyResourceSpec, olds: Props, news: Props): string[] {
  const keys = new Set([...Object.keys(spec.inputs.shape as object), "timeouts"]);
  return [...keys].filter((key) => !INERT_INPUTS.has(key) && (containsUnknown(news[key]) || differs(spec, key, olds[key], news[key])));
}

/** Create-only inputs (other than `except`) whose known new value differs from the old one. */
export function changedCreateOnly(spec: AnyResourceSpec, olds: Props, news: Props, except?: string): string[] {
  return (spec.createOnly as readonly string[]).filter((key) => key !== except && !containsUnknown(news[key]) && differs(spec, key, olds[key], news[key]));
}

/** Create-only inputs the program sets to something other than the cloud's value. */
export function createOnlyMismatches(spec: AnyResourceSpec, cloud: Props, wanted: Props): string[] {
  return (spec.createOnly as readonly string[]).filter((key) => key in cloud && wanted[key] !== undefined && differs(spec, key, cloud[key], wanted[key]));
}
