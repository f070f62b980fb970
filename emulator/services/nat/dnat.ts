/**
 * DNAT rules (api-notes/nat.md §4): a public port of an EIP forwarded to a private address and port —
 * a VM of the gateway's VPC (`virtualMachineType` 1, `serverType` VM) or any IPv4 address (2).
 * Synchronous. Rules: external port 1–1024, internal port 1–65535, `tcp`/`udp`; one rule per EIP,
 * port and protocol; the EIP free as for SNAT (eips.ts); modify replaces every field.
 */
import type { EngineContext } from "../../engine/context";
import type { Holder } from "../../engine/dependants";
import { InvalidParameterError, NotFoundError } from "../../errors";
import { isIpv4 } from "../shared/ip";
import { checkDescription } from "../shared/rules";
import { NatBackend } from "./backend";
import { requireFreeEips } from "./eips";
import { DNAT_RULE_KIND, type DnatRuleRecord, type NatGatewayRecord } from "./records";
import { rfc3339 } from "../shared/billing";

/** The code ECS uses for a missing instance (TF internal/common/error_code.go). */
const INSTANCE_NOT_FOUND = "Ecs.Instance.NotFound";

export interface DnatSpec {
  readonly externalID: string;
  readonly externalPort: number;
  readonly virtualMachineType: number;
  readonly virtualMachineID?: string | undefined;
  readonly serverType?: string | undefined;
  readonly internalIp?: string | undefined;
  readonly internalPort: number;
  readonly protocol: string;
  readonly description?: string | undefined;
}

type Target = Pick<DnatRuleRecord, "externalID" | "externalPort" | "protocol" | "virtualMachineType" | "virtualMachineID" | "serverType" | "internalIp" | "internalPort" | "description">;

export class DnatRules {
  private readonly gateways: NatBackend;

  constructor(private readonly ctx: EngineContext) {
    this.gateways = new NatBackend(ctx);
  }

  private get rules() {
    return this.ctx.store.collection<DnatRuleRecord>(DNAT_RULE_KIND);
  }

  /** The rule; with `natGatewayID`, only a rule of that gateway. */
  require(regionId: string, dNatID: string, natGatewayID?: string): DnatRuleRecord {
    const rule = this.rules.get(regionId, dNatID);
    if (!rule || (natGatewayID && rule.natGatewayID !== natGatewayID)) {
      throw new NotFoundError(this.ctx.unknownCodes.pick("dnat-rule-not-found"), `dnat rule ${dNatID} not found`, { description: `DNAT规则 ${dNatID} 不存在` });
    }
    return rule;
  }

  list(regionId: string, natGatewayID: string): DnatRuleRecord[] {
    return this.rules.find(regionId, (r) => r.natGatewayID === natGatewayID);
  }

  create(regionId: string, natGatewayID: string, spec: DnatSpec): DnatRuleRecord {
    const gateway = this.gateways.require(regionId, natGatewayID);
    if (this.gateways.isBeingDeleted(regionId, natGatewayID)) throw new InvalidParameterError(`nat gateway ${natGatewayID} is being deleted`);
    const target = this.resolve(regionId, gateway, spec, undefined);
    const dNatID = this.ctx.ids.prefixed("dnat");
    return this.rules.insert(regionId, dNatID, { dNatID, natGatewayID, ...target, creationTime: rfc3339(this.ctx.clock()) });
  }

  /** modify-dnat-entry: every field is sent (TF updateDNat) and replaces the old one. */
  modify(regionId: string, dNatID: string, spec: DnatSpec): DnatRuleRecord {
    const rule = this.require(regionId, dNatID);
    const target = this.resolve(regionId, this.gateways.require(regionId, rule.natGatewayID), spec, dNatID);
    return this.rules.update(regionId, dNatID, target) as DnatRuleRecord;
  }

  delete(regionId: string, dNatID: string): void {
    this.require(regionId, dNatID);
    this.rules.delete(regionId, dNatID);
  }

  onGateway(regionId: string, natGatewayID: string): Holder[] {
    return this.list(regionId, natGatewayID).map((r) => ({ id: r.dNatID }));
  }

  usingEip(regionId: string, eipID: string): Holder[] {
    return this.rules.find(regionId, (r) => r.externalID === eipID).map((r) => ({ id: r.dNatID }));
  }

  private resolve(regionId: string, gateway: NatGatewayRecord, spec: DnatSpec, self: string | undefined): Target {
    if (!Number.isInteger(spec.externalPort) || spec.externalPort < 1 || spec.externalPort > 1024) throw new InvalidParameterError("externalPort must be 1-1024");
    if (!Number.isInteger(spec.internalPort) || spec.internalPort < 1 || spec.internalPort > 65535) throw new InvalidParameterError("internalPort must be 1-65535");
    if (spec.protocol !== "tcp" && spec.protocol !== "udp") throw new InvalidParameterError("protocol must be tcp or udp");
    const description = spec.description ?? "";
    checkDescription("description", description);
    requireFreeEips(this.ctx, regionId, [spec.externalID], { natGatewayID: gateway.natGatewayID });
    const twin = this.rules.findOne(regionId, (r) => r.dNatID !== self && r.externalID === spec.externalID && r.externalPort === spec.externalPort && r.protocol === spec.protocol);
    if (twin) throw new InvalidParameterError(`dnat rule ${twin.dNatID} already forwards ${spec.protocol} port ${spec.externalPort} of eip ${spec.externalID}`);
    const common = { externalID: spec.externalID, externalPort: spec.externalPort, protocol: spec.protocol, internalPort: spec.internalPort, description } as const;
    if (spec.virtualMachineType === 1) {
      if (!spec.virtualMachineID) throw new InvalidParameterError("virtualMachineID is required when virtualMachineType is 1");
      if (spec.serverType !== "VM" && spec.serverType !== "BM") throw new InvalidParameterError("serverType must be VM or BM when virtualMachineType is 1");
      if (spec.serverType === "BM") throw new InvalidParameterError("serverType BM: this region has no bare metal servers");
      const vms = this.ctx.backend("ecs");
      const vm = vms.find(regionId, spec.virtualMachineID);
      if (!vm) throw new NotFoundError(INSTANCE_NOT_FOUND, `instance ${spec.virtualMachineID} not found`, { description: "云主机不存在" });
      if (vm.vpcID !== gateway.vpcID) throw new InvalidParameterError(`instance ${vm.instanceID} is not in vpc ${gateway.vpcID} of nat gateway ${gateway.natGatewayID}`);
      return { ...common, virtualMachineType: 1, virtualMachineID: vm.instanceID, serverType: "VM", internalIp: vms.privateAddress(vm) };
    }
    if (spec.virtualMachineType !== 2) throw new InvalidParameterError("virtualMachineType must be 1 (cloud server) or 2 (custom)");
    if (!spec.internalIp || !isIpv4(spec.internalIp)) throw new InvalidParameterError("internalIp must be an IPv4 address when virtualMachineType is 2");
    return { ...common, virtualMachineType: 2, virtualMachineID: "", serverType: "", internalIp: spec.internalIp };
  }
}
