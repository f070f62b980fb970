/**
 * Asynchronous jobs polled through `GET /v4/job/info` (spec C.5): status 0 executing → 1 success or
 * 2 fail. An optional registered job action applies the effect (e.g. a disk becomes `in-use`).
 */
import type { IdGenerator } from "../store/ids";
import type { Store } from "../store/store";
import type { JsonObject } from "./json";
import type { PendingItem } from "./pending";
import type { Scheduler } from "./scheduler";
import { settleWork, type RequireAction, type RunAction } from "./settlement";

export const JOB_KIND = "job";

export const JOB_STATUS = { executing: 0, success: 1, fail: 2 } as const;
export type JobStatus = (typeof JOB_STATUS)[keyof typeof JOB_STATUS];
export const JOB_STATUS_TEXT: Readonly<Record<JobStatus, "executing" | "success" | "fail">> = {
  0: "executing",
  1: "success",
  2: "fail",
};

export interface StartJobInput {
  readonly regionId: string;
  /** The resource the job works on (reported as `resourceId`). */
  readonly resourceId: string;
  /** Registered job action run on success. */
  readonly action?: string;
  /** Registered job action run on failure. */
  readonly failAction?: string;
  readonly payload?: JsonObject;
  /** Shown as `fields.taskName`, e.g. `AttachVolume`. */
  readonly taskName?: string;
  /** Timing kind; defaults to `job`. */
  readonly timing?: string;
  /**
   * What `job/info` answers as `ID` (default: the job id). CTyun's Terraform provider takes a new
   * EBS snapshot's id from the `ID` of its create job (api-notes/snapshot.md), so such jobs name it here.
   */
  readonly reportedId?: string;
}

export interface JobRecord {
  readonly jobID: string;
  readonly regionId: string;
  readonly resourceId: string;
  readonly action: string | null;
  readonly failAction: string | null;
  readonly payload: JsonObject;
  readonly taskName: string;
  readonly timing: string;
  readonly status: JobStatus;
  readonly createdAt: number;
  readonly finishedAt: number | null;
  readonly failureReason: string | null;
  /** `job/info`'s `ID` when it is not the job id (absent in jobs stored before it existed). */
  readonly reportedId?: string | null;
}

export class JobEngine {
  constructor(
    private readonly store: Store,
    private readonly ids: IdGenerator,
    private readonly scheduler: Scheduler,
    private readonly clock: () => number,
    private readonly requireAction: RequireAction,
  ) {}

  /** Starts a job and returns its `jobID` (a UUID). */
  start(input: StartJobInput): string {
    this.requireAction(input.action);
    this.requireAction(input.failAction);
    const now = this.clock();
    const job: JobRecord = {
      jobID: this.ids.uuid(),
      regionId: input.regionId,
      resourceId: input.resourceId,
      action: input.action ?? null,
      failAction: input.failAction ?? null,
      payload: input.payload ?? {},
      taskName: input.taskName ?? input.action ?? "job",
      timing: input.timing ?? "job",
      status: JOB_STATUS.executing,
      createdAt: now,
      finishedAt: null,
      failureReason: null,
      reportedId: input.reportedId ?? null,
    };
    this.collection().insert(job.regionId, job.jobID, job);
    this.scheduler.start({ type: "job", subjectKind: JOB_KIND, subjectId: job.jobID, timing: job.timing, data: {} }, now);
    return job.jobID;
  }

  get(regionId: string, jobID: string): JobRecord | undefined {
    return this.collection().get(regionId, jobID);
  }

  /** One poll of the job (what `job/info` does); undefined when it does not exist in that region. */
  poll(regionId: string, jobID: string): JobRecord | undefined {
    if (!this.get(regionId, jobID)) return undefined;
    this.scheduler.observe(JOB_KIND, jobID);
    return this.get(regionId, jobID);
  }

  /** Jobs still executing in a region that match `predicate`. */
  executing(regionId: string, predicate: (job: JobRecord) => boolean = () => true): JobRecord[] {
    return this.collection().find(regionId, (job) => job.status === JOB_STATUS.executing && predicate(job));
  }

  /** Applies the outcome of a job whose timing came due (the scheduler's resolver for jobs). */
  settle(item: PendingItem, run: RunAction<JobRecord>): void {
    const found = this.collection().locate(item.subjectId);
    const job = found?.data;
    if (!job || job.status !== JOB_STATUS.executing) return;
    const failure = settleWork(item, job, job.action, job.failAction, run);
    this.collection().update(job.regionId, job.jobID, {
      status: failure === null ? JOB_STATUS.success : JOB_STATUS.fail,
      finishedAt: this.clock(),
      failureReason: failure,
    });
  }

  private collection() {
    return this.store.collection<JobRecord>(JOB_KIND);
  }
}
