/**
 * Shared bandwidth packages (api-notes/bandwidth.md §2, §3): reads, rename, and EIP membership. An
 * EIP joins at most one package, must exist in the region, be on demand (inferred, as for EIP
 * create's `bandwidthID`) and not be in release; it leaves only a package it is in. A package holds
 * its EIPs (the EIP service refuses to release them: index.ts). Billed changes are in orders.ts.
 * Other services use it as `ctx.backend("bandwidth")`.
 */
import type { EngineContext } from "../../engine/context";
import type { Holder } from "../../engine/dependants";
import type { OrderRecord } from "../../engine/orders";
import { DuplicateNameError, InUseError, InvalidParameterError } from "../../errors";
import { normalizeProjectId } from "../shared/rules";
import { BANDWIDTH_KIND, type BandwidthRecord } from "./records";
import { BANDWIDTH_ORDER_ACTIONS, bandwidthNotFound, MAX_EIPS_PER_CALL, NAME, orderInProgress } from "./rules";

declare module "../../engine/backends" {
  interface Backends {
    bandwidth: BandwidthBackend;
  }
}

export class BandwidthBackend {
  constructor(private readonly ctx: EngineContext) {}

  private get packages() {
    return this.ctx.store.collection<BandwidthRecord>(BANDWIDTH_KIND);
  }

  /** The package; a non-empty `projectID` other than its own answers not-found. */
  require(regionId: string, bandwidthID: string, projectID?: string): BandwidthRecord {
    const found = this.packages.get(regionId, bandwidthID);
    if (!found || (projectID !== undefined && projectID !== "" && normalizeProjectId(projectID) !== found.projectID)) throw bandwidthNotFound(bandwidthID);
    return found;
  }

  list(regionId: string, filter: { queryContent?: string | undefined; projectID?: string | undefined }): BandwidthRecord[] {
    const needle = filter.queryContent?.toLowerCase();
    const projectID = filter.projectID ? normalizeProjectId(filter.projectID) : undefined;
    return this.packages.find(regionId, (p) => (!needle || p.name.toLowerCase().includes(needle) || p.id.includes(needle)) && (!projectID || p.projectID === projectID));
  }

  /** Names are unique per account and region (TF attribute description; inferred to be enforced). */
  checkName(regionId: string, name: string, self?: string): void {
    if (!NAME.test(name) || /^https?:/i.test(name)) throw new InvalidParameterError("name must be 2-63 characters, starting with a letter or Chinese character, then letters, digits, Chinese characters, '_' or '-'");
    const twin = this.packages.findOne(regionId, (p) => p.name === name && p.id !== self);
    const pending = this.ctx.orders.inProgress(regionId, (o) => o.action === BANDWIDTH_ORDER_ACTIONS.create && o.payload["name"] === name);
    if (twin || pending.length > 0) throw new DuplicateNameError(`a shared bandwidth named ${name} already exists in this region`, { code: this.ctx.unknownCodes.pick("bandwidth-name-taken") });
  }

  rename(regionId: string, bandwidthID: string, name: string): void {
    const found = this.require(regionId, bandwidthID);
    if (found.name === name) return;
    this.checkName(regionId, name, bandwidthID);
    this.packages.update(regionId, bandwidthID, { name });
  }

  pendingOrder(regionId: string, bandwidthID: string): OrderRecord | undefined {
    return this.ctx.orders.inProgress(regionId, (order) => order.resourceIds.includes(bandwidthID))[0];
  }

  refuseWhileOrderRuns(regionId: string, bandwidthID: string): void {
    const order = this.pendingOrder(regionId, bandwidthID);
    if (order) throw orderInProgress(bandwidthID, order);
  }

  associate(regionId: string, bandwidthID: string, eipIDs: readonly string[]): void {
    const target = this.require(regionId, bandwidthID);
    const ids = this.requireIdList(eipIDs);
    const eips = this.ctx.backend("eip");
    for (const eipID of ids) {
      const eip = eips.show(regionId, eipID);
      if (eip.status === "DELETING") throw new InUseError(`eip ${eipID} is being released`, eips.boundCode());
      const holder = this.holding(regionId, eipID);
      if (holder) throw new InUseError(`eip ${eipID} is already in shared bandwidth ${holder.id}`, eips.boundCode());
      if (eip.cycleType !== "on_demand") throw new InvalidParameterError(`eip ${eipID} is billed by ${eip.cycleType}: only on-demand EIPs can join a shared bandwidth`);
    }
    this.packages.update(regionId, target.id, { eipIDs: [...target.eipIDs, ...ids] });
  }

  disassociate(regionId: string, bandwidthID: string, eipIDs: readonly string[]): void {
    const target = this.require(regionId, bandwidthID);
    const ids = this.requireIdList(eipIDs);
    const missing = ids.filter((id) => !target.eipIDs.includes(id));
    if (missing.length > 0) throw new InvalidParameterError(`eip ${missing.join(", ")} is not in shared bandwidth ${bandwidthID}`);
    this.packages.update(regionId, target.id, { eipIDs: target.eipIDs.filter((id) => !ids.includes(id)) });
  }

  /** The package an EIP is in (it holds the EIP). */
  holdersOfEip(regionId: string, eipID: string): Holder[] {
    const holder = this.holding(regionId, eipID);
    return holder ? [{ id: holder.id }] : [];
  }

  /** An EIP that goes leaves its package. */
  releaseEip(regionId: string, eipID: string): void {
    const holder = this.holding(regionId, eipID);
    if (holder) this.packages.update(regionId, holder.id, { eipIDs: holder.eipIDs.filter((id) => id !== eipID) });
  }

  private holding(regionId: string, eipID: string): BandwidthRecord | undefined {
    return this.packages.findOne(regionId, (p) => p.eipIDs.includes(eipID));
  }

  private requireIdList(eipIDs: readonly string[]): string[] {
    const ids = [...new Set(eipIDs)];
    if (ids.length < 1 || ids.length > MAX_EIPS_PER_CALL) throw new InvalidParameterError(`eipIDs must list 1-${MAX_EIPS_PER_CALL} EIP ids`);
    return ids;
  }
}
