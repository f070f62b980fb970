/**
 * What the ELB specs share. No ELB error code is documented (CTyun's Terraform provider matches only
 * the texts "not found" / "不存在"), so "is it gone?" is answered by reading the cloud: a show that
 * fails is followed by a list, and only an id absent from the list means gone. Deletes run through
 * `retryWhileHeld` with the dependants read from the cloud, then wait until the object is gone.
 */
import { isServiceError } from "../client/errors";
import type { HandlerContext } from "../lifecycle/context";
import { retryWhileHeld, waitUntilGone } from "../lifecycle/waits";

/**
 * The object, or undefined when the cloud no longer has it. `show` is tried first; when it is
 * refused, `list` (rows with `ID`) decides: absent → gone, present → the refusal stands.
 */
export async function findElbObject<T>(show: () => Promise<T>, list: () => Promise<ReadonlyArray<{ ID: string }>>, id: string): Promise<T | undefined> {
  try {
    return await show();
  } catch (error) {
    if (!isServiceError(error)) throw error;
    if ((await list()).some((row) => row.ID === id)) throw error;
    return undefined;
  }
}

/** The id a create answered: `[{ID}]` (most) or `{ID}` (health checks, certificates). */
export function createdId(answer: ReadonlyArray<{ ID: string }> | { ID: string }, what: string): string {
  const id = Array.isArray(answer) ? answer[0]?.ID : (answer as { ID: string }).ID;
  if (!id) throw new Error(`the create of ${what} answered without an id`);
  return id;
}

/**
 * Deletes an ELB object: `remove` is repeated while `holders()` (read from the cloud) lists
 * dependants still going away; a refusal once the object is gone counts as done (a repeat of a
 * delete that went through). Then waits until `exists()` is false.
 */
export async function deleteElbObject(
  ctx: HandlerContext,
  what: string,
  remove: () => Promise<unknown>,
  exists: () => Promise<boolean>,
  holders: () => Promise<readonly string[]>,
): Promise<void> {
  if (!(await exists())) return;
  try {
    await retryWhileHeld(ctx, `${what} to have no dependants`, remove, holders);
  } catch (error) {
    if (!isServiceError(error) || (await exists())) throw error;
    return;
  }
  await waitUntilGone(ctx, what, exists, []);
}

/** Text for a failure that names the dependants read from the cloud. */
export function heldBy(kind: string, ids: readonly string[]): string[] {
  return ids.map((id) => `${kind} ${id}`);
}
