/**
 * Subnet rules (spec D.2): names of 2–32 bytes, a canonical /16–/28 CIDR inside a private range,
 * inside its VPC's CIDR and overlapping no sibling subnet; 1–4 DNS servers; IPv6 only in an IPv6
 * VPC; no deleting a subnet while anything holds it (VM interfaces, …: engine/dependants.ts), whose
 * addresses also count as taken. Other services use it as `ctx.backend("subnet")`.
 *
 * Address layout (decision, COVERAGE.md): the network address, the first host (gateway), the last
 * two hosts (system interface, DHCP) and the broadcast address are reserved; `start..end` is
 * everything between, so a /24 assigns .2–.252 and a /28 .2–.12.
 */
import type { EngineContext } from "../../engine/context";
import { InUseError, InvalidParameterError, NotFoundError } from "../../errors";
import type { RegionRecord } from "../catalog/records";
import { addressText, addressValue, blockSize, cidrContains, cidrsOverlap, isIpAddress, isIpv4, networkValue, parseCidr, type CidrBlock } from "../shared/ip";
import { checkDescription, checkName, normalizeProjectId, requireIpv4Block } from "../shared/rules";
import { VpcBackend } from "./backend";
import { SUBNET_KIND, type SubnetRecord, type VpcRecord } from "./records";
import { ipv6SubnetOf } from "./subnet-ipv6";

declare module "../../engine/backends" {
  interface Backends {
    subnet: SubnetBackend;
  }
}

export const SUBNET_NOT_FOUND = "Openapi.Subnet.NotFound";

/** The private ranges a subnet must lie in (spec D.2). */
export const PRIVATE_RANGES: readonly string[] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"];
const PRIVATE_BLOCKS: readonly CidrBlock[] = PRIVATE_RANGES.map((range) => parseCidr(range, 4) as CidrBlock);

/** Decision (COVERAGE.md): the DNS servers a subnet gets when `dnsList` is absent (CTyun's real default is undocumented). */
export const DEFAULT_DNS_LIST: readonly string[] = ["114.114.114.114", "8.8.8.8"];
export const MAX_DNS_SERVERS = 4;
/** Host addresses reserved at the top of every subnet besides the broadcast address (system interface, DHCP). */
const RESERVED_TOP_HOSTS = 2;

export type SubnetType = "common" | "cbm";
const TYPE_CODE: Readonly<Record<SubnetType, 0 | 1>> = { common: 0, cbm: 1 };

export interface CreateSubnetInput {
  readonly vpcID: string;
  readonly name: string;
  readonly CIDR: string;
  readonly description: string;
  readonly enableIpv6: boolean;
  readonly dnsList?: readonly string[] | undefined;
  readonly subnetType: SubnetType;
  readonly subnetGatewayIP?: string | undefined;
  readonly dhcpIP?: string | undefined;
  readonly projectID?: string | undefined;
}

export interface UpdateSubnetInput {
  readonly name?: string | undefined;
  readonly description?: string | undefined;
  readonly dnsList?: readonly string[] | undefined;
}

export function subnetNotFound(subnetID: string): NotFoundError {
  return new NotFoundError(SUBNET_NOT_FOUND, `subnet ${subnetID} not found`, { description: `子网 ${subnetID} 不存在` });
}

/** Subnet names count UTF-8 bytes (spec D.2), with the VPC name's character rules. */
function checkSubnetName(value: string): void {
  const bytes = Buffer.byteLength(value, "utf8");
  if (bytes < 2 || bytes > 32) throw new InvalidParameterError("name must be 2-32 bytes long (UTF-8)");
  checkName("name", value);
}

function checkDnsList(dnsList: readonly string[]): void {
  if (dnsList.length < 1 || dnsList.length > MAX_DNS_SERVERS) throw new InvalidParameterError(`dnsList must hold 1-${MAX_DNS_SERVERS} DNS server addresses`);
  const seen = new Set<string>();
  for (const address of dnsList) {
    if (!isIpAddress(address)) throw new InvalidParameterError(`dnsList entry ${address} is not a valid IP address`);
    if (seen.has(address)) throw new InvalidParameterError(`dnsList lists ${address} more than once`);
    seen.add(address);
  }
}

function requirePrivate(block: CidrBlock, text: string): void {
  if (!PRIVATE_BLOCKS.some((range) => cidrContains(range, block))) {
    throw new InvalidParameterError(`CIDR ${text} must be inside ${PRIVATE_RANGES.slice(0, -1).join(", ")} or ${PRIVATE_RANGES[PRIVATE_RANGES.length - 1]}`);
  }
}

/** The layout of a subnet's IPv4 addresses under the reservation rule above. */
export function ipv4Layout(block: CidrBlock): { gatewayIP: string; dhcpIP: string; start: string; end: string } {
  const network = networkValue(block);
  const broadcast = network + blockSize(block) - 1n;
  return {
    gatewayIP: addressText(4, network + 1n),
    dhcpIP: addressText(4, broadcast - 1n),
    start: addressText(4, network + 2n),
    end: addressText(4, broadcast - 1n - BigInt(RESERVED_TOP_HOSTS)),
  };
}

function checkFixedAddress(field: "subnetGatewayIP" | "dhcpIP", given: string | undefined, expected: string, cidr: string): void {
  if (given === undefined || given === "" || given === expected) return;
  throw new InvalidParameterError(`${field} ${given} is not supported for ${cidr}: the emulator places it at ${expected}`);
}

function ipv6For(vpc: VpcRecord, siblings: readonly SubnetRecord[]): Pick<SubnetRecord, "ipv6CIDR" | "ipv6GatewayIP" | "ipv6Start" | "ipv6End"> {
  const vpcRange = vpc.enableIpv6 ? vpc.ipv6CIDRS[0] : undefined;
  if (!vpcRange) {
    throw new InvalidParameterError(`enableIpv6 needs an IPv6 VPC: vpc ${vpc.vpcID} was created without IPv6`);
  }
  const taken = new Set(siblings.map((s) => s.ipv6CIDR).filter((c) => c !== ""));
  const subnet = ipv6SubnetOf(vpcRange, taken);
  if (!subnet) throw new InvalidParameterError(`vpc ${vpc.vpcID} has no free IPv6 /64 left in ${vpcRange}`);
  return { ipv6CIDR: subnet.cidr, ipv6GatewayIP: subnet.gateway, ipv6Start: subnet.start, ipv6End: subnet.end };
}

export class SubnetBackend {
  constructor(private readonly ctx: EngineContext) {}

  private get subnets() {
    return this.ctx.store.collection<SubnetRecord>(SUBNET_KIND);
  }

  find(regionId: string, subnetID: string): SubnetRecord | undefined {
    return this.subnets.get(regionId, subnetID);
  }

  /** The subnet, or `Openapi.Subnet.NotFound`. */
  require(regionId: string, subnetID: string): SubnetRecord {
    const subnet = this.find(regionId, subnetID);
    if (!subnet) throw subnetNotFound(subnetID);
    return subnet;
  }

  create(region: RegionRecord, input: CreateSubnetInput): SubnetRecord {
    const regionId = region.regionID;
    checkSubnetName(input.name);
    checkDescription("description", input.description);
    const block = requireIpv4Block("CIDR", input.CIDR, 16, 28);
    requirePrivate(block, input.CIDR);
    const dnsList = input.dnsList ?? DEFAULT_DNS_LIST;
    checkDnsList(dnsList);
    const layout = ipv4Layout(block);
    checkFixedAddress("subnetGatewayIP", input.subnetGatewayIP, layout.gatewayIP, input.CIDR);
    checkFixedAddress("dhcpIP", input.dhcpIP, layout.dhcpIP, input.CIDR);
    // An empty or absent project means "the VPC's project".
    const projectID = input.projectID ? normalizeProjectId(input.projectID) : undefined;

    const vpc = new VpcBackend(this.ctx).require(regionId, input.vpcID);
    const vpcBlock = parseCidr(vpc.CIDR, 4);
    if (!vpcBlock || !cidrContains(vpcBlock, block)) {
      throw new InvalidParameterError(`CIDR ${input.CIDR} is not inside the CIDR ${vpc.CIDR} of vpc ${vpc.vpcID}`);
    }
    const siblings = this.subnets.find(regionId, (s) => s.vpcID === vpc.vpcID);
    for (const sibling of siblings) {
      const other = parseCidr(sibling.CIDR, 4);
      if (other && cidrsOverlap(other, block)) {
        throw new InvalidParameterError(`CIDR ${input.CIDR} overlaps subnet ${sibling.subnetID} (${sibling.CIDR}) in vpc ${vpc.vpcID}`);
      }
    }
    const ipv6 = input.enableIpv6 ? ipv6For(vpc, siblings) : { ipv6CIDR: "", ipv6GatewayIP: "", ipv6Start: "", ipv6End: "" };

    const subnetID = this.ctx.ids.prefixed("subnet");
    const at = new Date(this.ctx.clock()).toISOString();
    return this.subnets.insert(regionId, subnetID, {
      subnetID,
      vpcID: vpc.vpcID,
      name: input.name,
      description: input.description,
      CIDR: input.CIDR,
      gatewayIP: layout.gatewayIP,
      start: layout.start,
      end: layout.end,
      dnsList: [...dnsList],
      enableIpv6: input.enableIpv6,
      ...ipv6,
      type: TYPE_CODE[input.subnetType],
      availabilityZones: region.zones.map((zone) => zone.name),
      // Every subnet starts on its VPC's default route table and without a network ACL.
      routeTableID: `rtb-${vpc.vpcID.slice("vpc-".length)}`,
      networkAclID: "",
      projectID: projectID ?? vpc.projectID,
      createdAt: at,
      updatedAt: at,
    });
  }

  update(regionId: string, subnetID: string, change: UpdateSubnetInput): SubnetRecord {
    this.require(regionId, subnetID);
    if (change.name !== undefined) checkSubnetName(change.name);
    if (change.description !== undefined) checkDescription("description", change.description);
    if (change.dnsList !== undefined) checkDnsList(change.dnsList);
    return this.subnets.update(regionId, subnetID, (subnet) => ({
      ...subnet,
      ...(change.name !== undefined ? { name: change.name } : {}),
      ...(change.description !== undefined ? { description: change.description } : {}),
      ...(change.dnsList !== undefined ? { dnsList: [...change.dnsList] } : {}),
      updatedAt: new Date(this.ctx.clock()).toISOString(),
    })) as SubnetRecord;
  }

  /**
   * Moves the subnet to another route table (the route-table service checks the table: same VPC,
   * a subnet table). A subnet is always on exactly one table: this field is that table.
   */
  setRouteTable(regionId: string, subnetID: string, routeTableID: string): SubnetRecord {
    this.require(regionId, subnetID);
    return this.subnets.update(regionId, subnetID, { routeTableID, updatedAt: new Date(this.ctx.clock()).toISOString() }) as SubnetRecord;
  }

  /**
   * Refused (a `subnet-in-use` code) while anything holds the subnet: "subnet <id> is in use by
   * <phrase.en>: <ids>", "子网中存在<phrase.zh>，无法删除".
   */
  delete(regionId: string, subnetID: string): void {
    this.require(regionId, subnetID);
    const [held] = this.ctx.dependantsOf(SUBNET_KIND, regionId, subnetID);
    if (held) {
      throw new InUseError(`subnet ${subnetID} is in use by ${held.phrase.en}: ${held.holders.map((h) => h.id).join(", ")}`, {
        description: `子网中存在${held.phrase.zh}，无法删除`,
        code: this.ctx.unknownCodes.pick("subnet-in-use"),
      });
    }
    this.subnets.delete(regionId, subnetID);
    this.ctx.releaseDependants(SUBNET_KIND, regionId, subnetID);
  }

  list(regionId: string, filter: { vpcIDs?: readonly string[] | undefined; subnetIDs?: readonly string[] | undefined }): SubnetRecord[] {
    return this.subnets.find(
      regionId,
      (s) => (!filter.vpcIDs || filter.vpcIDs.includes(s.vpcID)) && (!filter.subnetIDs || filter.subnetIDs.includes(s.subnetID)),
    );
  }

  /** IPv4 addresses of the subnet its holders have (VM interfaces, …). */
  takenAddresses(regionId: string, subnetID: string): Set<string> {
    return new Set(this.ctx.dependantsOf(SUBNET_KIND, regionId, subnetID).flatMap((group) => group.holders.flatMap((holder) => holder.addresses ?? [])));
  }

  /** Assignable addresses left: the start..end range minus the taken ones. */
  availableAddressCount(regionId: string, subnet: SubnetRecord): number {
    const total = Number(addressValue(subnet.end) - addressValue(subnet.start)) + 1;
    return Math.max(0, total - this.takenAddresses(regionId, subnet.subnetID).size);
  }

  /** The lowest assignable address that no holder has and `exclude` does not list; undefined when none is left. */
  freeAddress(regionId: string, subnet: SubnetRecord, exclude: ReadonlySet<string>): string | undefined {
    const taken = this.takenAddresses(regionId, subnet.subnetID);
    for (let n = addressValue(subnet.start); n <= addressValue(subnet.end); n++) {
      const address = addressText(4, n);
      if (!taken.has(address) && !exclude.has(address)) return address;
    }
    return undefined;
  }

  /** Why `address` cannot be given out: outside the assignable range, or taken (by a holder or in `exclude`); undefined when it can. */
  addressProblem(regionId: string, subnet: SubnetRecord, address: string, exclude: ReadonlySet<string>): "outside" | "taken" | undefined {
    const n = isIpv4(address) ? addressValue(address) : undefined;
    if (n === undefined || n < addressValue(subnet.start) || n > addressValue(subnet.end)) return "outside";
    return exclude.has(address) || this.takenAddresses(regionId, subnet.subnetID).has(address) ? "taken" : undefined;
  }
}
