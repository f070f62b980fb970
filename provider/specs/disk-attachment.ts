/**
 * DiskAttachment (spec D.9): a Disk attached to a VM. Its id is `<diskId>:<instanceId>`; every
 * input replaces it.
 *
 * - create: attach-ebs, then its job (`waitForJob`), then info-ebs until the disk shows the VM.
 *   The attachment is recorded (`ctx.created`) as soon as the cloud accepted the attach, so a
 *   failed job is a partial create that the next `pulumi up` finishes. Attach has no clientToken:
 *   before attaching (and when the cloud refuses a repeat) the handler reads the disk, so a rerun
 *   or a retried request finds the attachment instead of failing or attaching twice.
 * - read: present only while the disk is attached to *this* VM; attached elsewhere, detached, or
 *   the disk gone → gone.
 * - delete: detach-ebs and its job (a finished job is the detach: no read confirms it); already
 *   detached or disk gone → done.
 */
import { z } from "zod";
import { isServiceError } from "../client/errors";
import { waitForJob } from "../client/orders";
import { AttachEbs, DetachEbs, EBS_NOT_FOUND, type DiskInfo } from "../client/operations/ebs";
import type { HandlerContext } from "../lifecycle/context";
import { attachedInstances, describeDisk, settleDisk, showDisk } from "./disk";
import { regionId, uuid } from "../lifecycle/fields";
import { mayBeOwnEarlierWork } from "../lifecycle/ownership";
import { defineResource } from "../lifecycle/spec";
import { describeInstance, TRANSITIONAL_STATUSES } from "./instance-state";
import { retryWhileHeld, waitForState } from "../lifecycle/waits";

/** How many times the handler looks again after the cloud refused a call because of a busy disk. */
const MAX_ROUNDS = 5;

const inputs = z.object({
  diskId: uuid("disk"),
  instanceId: uuid("VM instance"),
  regionId,
});

type AttachmentInputs = z.output<typeof inputs>;

export interface DiskAttachmentOutputs {
  /** `<diskId>:<instanceId>`, the resource's id. */
  diskAttachmentId: string;
  /** The device the VM sees, e.g. `/dev/vdb` ("" while the cloud has not reported it). */
  device: string;
}

export function attachmentId(diskId: string, instanceId: string): string {
  return `${diskId}:${instanceId}`;
}

function parseId(id: string): { diskId: string; instanceId: string } {
  const parts = id.split(":");
  if (parts.length !== 2 || !parts[0] || !parts[1]) throw new Error(`"${id}" is not a DiskAttachment id: expected "<diskId>:<instanceId>"`);
  return { diskId: parts[0], instanceId: parts[1] };
}

function isAttachedTo(disk: DiskInfo, instanceId: string): boolean {
  return attachedInstances(disk).includes(instanceId);
}

function deviceOf(disk: DiskInfo, instanceId: string): string {
  return (disk.attachments ?? []).find((a) => a.instanceID === instanceId)?.device ?? "";
}

/**
 * Runs `call` (attach, detach), repeating it while the VM is in a passing status that refuses it
 * (starting, stopping…) — read from the VM, not guessed from the refusal's code — until the step's
 * deadline. Other refusals go straight back to the caller, which looks at the disk.
 */
function whileVmBusy<T>(ctx: HandlerContext, regionID: string, instanceId: string, call: () => Promise<T>): Promise<T> {
  return retryWhileHeld(ctx, `instance ${instanceId} to be running, stopped or shelved`, call, async () => {
    const vm = await describeInstance(ctx, regionID, instanceId).catch(() => undefined);
    return vm && TRANSITIONAL_STATUSES.includes(vm.instanceStatus) ? [`VM ${instanceId} ${vm.instanceStatus}`] : [];
  }, { onceMore: false });
}

/**
 * Attaches unless already attached; `accepted` runs once the cloud took the attach (or it was
 * found done). `owned`: an attachment already in place is this resource's (update, adoption); a
 * create takes one over only when its own earlier attempt may have made it.
 * Returns the disk as it shows the attachment.
 */
async function ensureAttached(ctx: HandlerContext, args: AttachmentInputs, owned: boolean, accepted: () => void): Promise<DiskInfo> {
  const { regionId: regionID, diskId, instanceId } = args;
  // A first create (not a rerun, not a take-over) attaches at once: the disk it was given is one
  // this stack made or adopted and waited for. A refusal is looked into as below (nothing was attached).
  let direct = !owned && !ctx.replaying;
  let firstLook = true;
  for (let round = 1; ; round++) {
    if (!direct) {
      const disk = await settleDisk(ctx, regionID, diskId);
      if (isAttachedTo(disk, instanceId)) {
        if (firstLook && !owned && !mayBeOwnEarlierWork(ctx)) {
          throw new Error(
            `disk ${diskId} is already attached to instance ${instanceId}, and not by this create: ` +
              `manage that attachment with adoptId "${attachmentId(diskId, instanceId)}", or remove the duplicate from the program`,
          );
        }
        accepted();
        return disk;
      }
      firstLook = false;
    }
    let jobId: string;
    try {
      jobId = (await whileVmBusy(ctx, regionID, instanceId, () => ctx.client.send(AttachEbs, { regionID, diskID: diskId, instanceID: instanceId }))).jobId;
    } catch (error) {
      if (direct && isServiceError(error)) {
        direct = false;
        // A retried attach refused after its first attempt went through finds its own attachment.
        if (mayBeOwnEarlierWork(ctx, error)) firstLook = false;
        round--;
        continue;
      }
      // A repeat of an attach that went through (a retried request, a rerun) is refused, with
      // whatever code: look again. Free again by now, the disk saw our earlier attach's job fail
      // (its answer, with the job id, was lost): attach again.
      if (isServiceError(error) && mayBeOwnEarlierWork(ctx, error) && round < MAX_ROUNDS) {
        const now = await showDisk(ctx, regionID, diskId);
        if (isAttachedTo(now, instanceId) || now.diskStatus === "attaching" || attachedInstances(now).length === 0) continue;
      }
      throw error;
    }
    accepted();
    ctx.progress(`attaching disk ${diskId} to instance ${instanceId} (job ${jobId})`);
    await waitForJob(ctx.client, jobId, regionID, ctx.waitTiming(`the attach job ${jobId}`));
    return waitForState(
      ctx,
      `disk ${diskId} to show instance ${instanceId}`,
      () => showDisk(ctx, regionID, diskId),
      (shown) => isAttachedTo(shown, instanceId) && shown.diskStatus !== "attaching",
      describeDisk,
    );
  }
}

function outputsOf(args: { diskId: string; instanceId: string }, disk: DiskInfo): DiskAttachmentOutputs {
  return { diskAttachmentId: attachmentId(args.diskId, args.instanceId), device: deviceOf(disk, args.instanceId) };
}

export const diskAttachmentSpec = defineResource({
  type: "DiskAttachment",
  inputs,
  outputs: { diskAttachmentId: true, device: true },
  createOnly: ["diskId", "instanceId", "regionId"],
  settingDefaults: { regionId: "regionId" },
  notFoundCodes: [EBS_NOT_FOUND],
  timeouts: { create: 5 * 60_000, update: 5 * 60_000, delete: 5 * 60_000 },
  idOutput: "diskAttachmentId",

  async create(ctx, args: AttachmentInputs) {
    const id = attachmentId(args.diskId, args.instanceId);
    const disk = await ensureAttached(ctx, args, false, () => ctx.created(id, { diskAttachmentId: id }));
    return { id, outputs: outputsOf(args, disk) };
  },

  async read(ctx, id, state) {
    const { diskId, instanceId } = parseId(id);
    const disk = await showDisk(ctx, state["regionId"] as string, diskId);
    if (!isAttachedTo(disk, instanceId)) {
      // An attach still running cannot be told apart from someone else's: keep what the state says.
      if (disk.diskStatus === "attaching" && state["diskAttachmentId"] === id) {
        return { inputs: { diskId, instanceId }, outputs: { diskAttachmentId: id, device: String(state["device"] ?? "") } };
      }
      return undefined;
    }
    return { inputs: { diskId, instanceId }, outputs: outputsOf({ diskId, instanceId }, disk) };
  },

  async update(ctx, id, _olds, news: AttachmentInputs) {
    // Every input replaces: this finishes a partial create (or an adoption) and refreshes outputs.
    const disk = await ensureAttached(ctx, news, true, () => undefined);
    return outputsOf(parseId(id), disk);
  },

  async delete(ctx, id, state) {
    const { diskId, instanceId } = parseId(id);
    const regionID = state["regionId"] as string;
    for (let round = 1; ; round++) {
      const disk = await settleDisk(ctx, regionID, diskId, { acceptError: true });
      if (!isAttachedTo(disk, instanceId)) return;
      let jobId: string;
      try {
        jobId = (await whileVmBusy(ctx, regionID, instanceId, () => ctx.client.send(DetachEbs, { regionID, diskID: diskId, instanceID: instanceId }))).jobId;
      } catch (error) {
        // A repeat of a detach that went through is refused (whatever the code): look again.
        if (isServiceError(error) && round < MAX_ROUNDS) continue;
        throw error;
      }
      ctx.progress(`detaching disk ${diskId} from instance ${instanceId} (job ${jobId})`);
      // A finished detach job is the detach (TF's delete ends there too): no read is spent on it.
      await waitForJob(ctx.client, jobId, regionID, ctx.waitTiming(`the detach job ${jobId}`));
      return;
    }
  },
});
