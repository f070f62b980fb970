/**
 * The fault profiles of the engine-level matrix (issue 16): what each one injects into an emulator,
 * and how an `up` it makes fail must explain itself.
 *
 * Two sorts of faults:
 * - wire faults (throttling, 5xx, resets, delays, answers lost after the commit): the provider must
 *   wait them out, so every `up` converges as if nothing happened;
 * - cloud failures (a billing order that fails, a job that fails, a VM that does not boot): the `up`
 *   fails with one error per failure that names the resource, the order, job or VM id, the status
 *   or code and the cloud's reason, and the next `up` converges.
 */
import type { FaultRule, TimingSpec } from "../../tools/demo/emulator-process";

export type ExampleUnderTest = "quickstart" | "web-tier";

export const PROFILE_NAMES = ["throttle", "5xx", "reset", "delay", "commit-then-drop", "failed-order", "failed-job", "no-boot", "mixed"] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

/** One emulator route, as `GET /_emulator/routes` lists it. */
export interface RouteInfo {
  readonly method: string;
  readonly path: string;
  readonly operation: string;
}

/** A cloud failure injected through the emulator's timing, and how its error must read. */
export interface InjectedFailure {
  readonly name: "order" | "job" | "boot";
  /** The timing kind that fails once. */
  readonly timing: string;
  readonly spec: TimingSpec;
  /** Examples whose `up` reaches it (all when absent). */
  readonly examples?: readonly ExampleUnderTest[];
  /** The resource types whose create may hit it (each up fails at the first one that does). */
  readonly resourceTypes: readonly string[];
  /**
   * The error the engine shows for that resource: it names the id and the status or code, and the
   * cloud's reason (or says the cloud gives none). Group 1 is the id.
   */
  readonly message: RegExp;
}

/** The reason the emulator gives for the failed job (what the cloud puts in `fields.failReason`). */
export const JOB_FAIL_REASON = "volume attach failed: the hypervisor refused the device (injected)";

export const INJECTED: Readonly<Record<InjectedFailure["name"], InjectedFailure>> = {
  order: {
    name: "order",
    timing: "order",
    spec: { mode: "fail", times: 1 },
    // ECS and EIP billing orders (disks have their own timing kind, ebsOrder).
    resourceTypes: ["Instance", "Eip"],
    message: /order ([0-9a-f]{32}) ended in status 5 \(provisioning failed; CTyun's order query gives no reason: see the order in the console's order center\)\. Nothing was created; the next `pulumi up` orders again\./,
  },
  job: {
    name: "job",
    // The attach-ebs job's timing kind.
    timing: "attach",
    spec: { mode: "fail", times: 1, reason: JOB_FAIL_REASON },
    // Only the quickstart attaches a disk; the web tier's `up` starts no job.
    examples: ["quickstart"],
    resourceTypes: ["DiskAttachment"],
    message: new RegExp(`job ([0-9a-f-]{36}) failed \\(status \\S+: ${escape(JOB_FAIL_REASON)}\\)`),
  },
  boot: {
    name: "boot",
    timing: "boot",
    spec: { mode: "fail", times: 1 },
    resourceTypes: ["Instance"],
    message: /ctyun:Instance \S+ was created but is not ready: it exists as ([0-9a-f-]{36}) — .*(stopped|boot).*It is recorded in the stack; the next `pulumi up` resumes it\./s,
  },
};

export interface Profile {
  readonly name: ProfileName;
  /** What it injects, for the README table. */
  readonly label: string;
  /** Fault rules to add, given the emulator's routes. */
  readonly faults: (routes: readonly RouteInfo[]) => FaultRule[];
  /** Cloud failures injected once each. */
  readonly failures: readonly InjectedFailure[];
  /** Why the profile does not apply to an example (nothing of it would fire), if it does not. */
  readonly notApplicable?: Partial<Record<ExampleUnderTest, string>>;
}

const THROTTLE: FaultRule = { path: "*", kind: "throttle", probability: 0.3, retryAfterSeconds: 1 };
/**
 * 10% in all, 2.5% each of the four statuses a gateway answers when it or the service behind it is
 * unwell. Rules draw one after the other, so the i-th fires with 2.5% / (1 - i × 2.5%) of the calls
 * the earlier ones let through.
 */
const SERVER_ERRORS: FaultRule[] = [500, 502, 503, 504].map((status, i) => ({ path: "*", kind: "http", status, probability: 0.025 / (1 - 0.025 * i) }));
const RESET: FaultRule = { path: "*", kind: "reset", probability: 0.05 };
const DELAY: FaultRule = { path: "*", kind: "delay", ms: 2_000 };

/** Operations that create or delete something (including bindings): their answer is lost once each. */
const CREATE_OR_DELETE = /^(Ecs)?(Create|Import|Attach|Associate|Delete|Refund|Unsubscribe|Destroy|Detach|Disassociate)/;

/** One "commit, then drop the answer" per create and delete path: the first call of each. */
export function commitThenDropRules(routes: readonly RouteInfo[]): FaultRule[] {
  return routes.filter((route) => CREATE_OR_DELETE.test(route.operation)).map((route) => ({ path: route.path, method: route.method, kind: "commit-then-drop", times: 1 }));
}

const NO_JOB = "its `up` starts no job (no disk is attached)";

export const PROFILES: Readonly<Record<ProfileName, Profile>> = {
  throttle: { name: "throttle", label: "30% HTTP 429 (Retry-After 1 s)", faults: () => [THROTTLE], failures: [] },
  "5xx": { name: "5xx", label: "10% HTTP 500/502/503/504", faults: () => SERVER_ERRORS, failures: [] },
  reset: { name: "reset", label: "5% connection resets", faults: () => [RESET], failures: [] },
  delay: { name: "delay", label: "every answer 2 s late", faults: () => [DELAY], failures: [] },
  "commit-then-drop": { name: "commit-then-drop", label: "answer lost after the commit, once per create and delete path", faults: commitThenDropRules, failures: [] },
  "failed-order": { name: "failed-order", label: "one billing order fails", faults: () => [], failures: [INJECTED.order] },
  "failed-job": { name: "failed-job", label: "one job fails", faults: () => [], failures: [INJECTED.job], notApplicable: { "web-tier": NO_JOB } },
  "no-boot": { name: "no-boot", label: "one VM does not boot", faults: () => [], failures: [INJECTED.boot] },
  mixed: {
    name: "mixed",
    label: "all of the above at once",
    // Lost answers first: each create and delete path loses its first answer whatever else is drawn.
    faults: (routes) => [...commitThenDropRules(routes), THROTTLE, ...SERVER_ERRORS, RESET, { ...DELAY, probability: 0.2 }],
    failures: [INJECTED.order, INJECTED.job, INJECTED.boot],
  },
};

/** The emulator record kinds (and how many of each) an example declares. */
export const DECLARED: Readonly<Record<ExampleUnderTest, Readonly<Record<string, number>>>> = {
  // Each new security group brings two default egress rules; each VM its system disk.
  quickstart: { vpc: 1, subnet: 2, securityGroup: 1, securityGroupRule: 4, keyPair: 1, instance: 1, eip: 1, disk: 2, bucket: 1 },
  "web-tier": { vpc: 1, subnet: 1, securityGroup: 1, securityGroupRule: 5, instance: 2, eip: 2, disk: 2 },
};

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
