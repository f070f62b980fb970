/**
 * The clock, sleep, randomness and ids of this process's calls made outside a resource's lifecycle
 * (the lookups a program runs). The system's by default; tests put the emulator's virtual clock here
 * (`configureRuntime`), so lookups and resources sign with the same time.
 */
import { systemDeps, type RuntimeDeps } from "./deps";

let current: RuntimeDeps = systemDeps;

export function processDeps(): RuntimeDeps {
  return current;
}

/** @internal */
export function setProcessDeps(deps: RuntimeDeps | undefined): void {
  current = deps ?? systemDeps;
}
