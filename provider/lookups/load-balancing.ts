/**
 * Lookups of load balancing (ELB): existing load balancers and certificates, by name pattern and
 * the API's filters. The ELB lists are not paged (one call answers every match).
 */
import { ListLoadBalancers } from "../client/operations/elb";
import { ListCertificates } from "../client/operations/elb-certificates";
import { criteriaOf, exactlyOne, lookupContext, matchingName, outputForm, type LookupOptions } from "./lookup";

/** A load balancer. */
export interface LoadBalancerInfo {
  /** The id `Listener` takes as `loadBalancerId`. */
  readonly loadBalancerId: string;
  /** The load balancer name. */
  readonly name: string;
  /** `internal` or `external`. */
  readonly type: string;
  /** Its VPC. */
  readonly vpcId: string | undefined;
  /** Its subnet. */
  readonly subnetId: string | undefined;
  /** Its private IPv4 address. */
  readonly privateAddress: string | undefined;
  /** The EIP of an external load balancer. */
  readonly eipId: string | undefined;
  /** The performance spec, e.g. `elb.s2.small`. */
  readonly spec: string | undefined;
  /** Lower-case: `active` or `down`. */
  readonly status: string | undefined;
}

export interface GetLoadBalancersArgs extends LookupOptions {
  /** Keep load balancers whose name matches this regular expression. */
  readonly nameRegex?: string;
  /** Only `internal` or only `external` ones. */
  readonly type?: "internal" | "external";
  /** Only those in this subnet. */
  readonly subnetId?: string;
  /** Only those in this VPC. */
  readonly vpcId?: string;
  /** Only these ids. */
  readonly ids?: readonly string[];
}

export interface GetLoadBalancersResult {
  /** The region searched (32-hex `regionID`). */
  readonly regionId: string;
  /** The load balancers found. */
  readonly loadBalancers: readonly LoadBalancerInfo[];
  /** The found items' ids, in the same order. */
  readonly ids: readonly string[];
}

/**
 * Load balancers of the region (`elb/list-loadbalancer`).
 *
 * @example
 * ```ts
 * const { loadBalancers } = await ctyun.getLoadBalancers({ type: "external" });
 * ```
 */
export async function getLoadBalancers(args: GetLoadBalancersArgs = {}): Promise<GetLoadBalancersResult> {
  const { client, regionId } = lookupContext(args, "getLoadBalancers");
  const rows = await client.send(ListLoadBalancers, {
    regionID: regionId,
    ...(args.type !== undefined ? { resourceType: args.type } : {}),
    ...(args.subnetId !== undefined ? { subnetID: args.subnetId } : {}),
  });
  const ids = args.ids ? new Set(args.ids) : undefined;
  const loadBalancers = matchingName(
    rows.map(
      (lb): LoadBalancerInfo => ({
        loadBalancerId: lb.ID,
        name: lb.name,
        type: lb.resourceType ?? "",
        vpcId: lb.vpcID ?? undefined,
        subnetId: lb.subnetID ?? undefined,
        privateAddress: lb.privateIpAddress || undefined,
        eipId: lb.eipInfo?.[0]?.eipID || undefined,
        spec: lb.slaName ?? undefined,
        status: lb.status?.toLowerCase(),
      }),
    ),
    args.nameRegex,
    (lb) => lb.name,
  ).filter((lb) => (args.vpcId === undefined || lb.vpcId === args.vpcId) && (!ids || ids.has(lb.loadBalancerId)) && (args.type === undefined || lb.type === args.type));
  return { regionId, loadBalancers, ids: loadBalancers.map((lb) => lb.loadBalancerId) };
}

/**
 * The one load balancer matching the filters, e.g. `getLoadBalancer({ nameRegex: "^web$" })`.
 *
 * @example
 * ```ts
 * const lb = await ctyun.getLoadBalancer({ nameRegex: "^web$" });
 * ```
 */
export async function getLoadBalancer(args: GetLoadBalancersArgs): Promise<LoadBalancerInfo> {
  const { loadBalancers } = await getLoadBalancers(args);
  return exactlyOne("load balancer", criteriaOf(args), loadBalancers, (lb) => `${lb.name} (${lb.loadBalancerId}, ${lb.type}, ${lb.privateAddress ?? "no address"})`);
}

/** A certificate for HTTPS listeners (or a CA certificate). */
export interface CertificateInfo {
  /** The id `Listener` takes as `certificateId`. */
  readonly certificateId: string;
  /** The certificate name. */
  readonly name: string;
  /** `server` or `ca`. */
  readonly type: "server" | "ca";
  /** The description. */
  readonly description: string;
  /** Lower-case: `active` or `inactive`. */
  readonly status: string | undefined;
}

export interface GetCertificatesArgs extends LookupOptions {
  /** Keep certificates whose name matches this regular expression. */
  readonly nameRegex?: string;
  /** Only server or only CA certificates. */
  readonly type?: "server" | "ca";
}

export interface GetCertificatesResult {
  /** The region searched (32-hex `regionID`). */
  readonly regionId: string;
  /** The certificates found (never their private keys). */
  readonly certificates: readonly CertificateInfo[];
  /** The found items' ids, in the same order. */
  readonly ids: readonly string[];
}

/**
 * Certificates of the region (`elb/list-certificate`); private keys are never part of the result.
 *
 * @example
 * ```ts
 * const { certificates } = await ctyun.getCertificates({ type: "server" });
 * ```
 */
export async function getCertificates(args: GetCertificatesArgs = {}): Promise<GetCertificatesResult> {
  const { client, regionId } = lookupContext(args, "getCertificates");
  const rows = await client.send(ListCertificates, { regionID: regionId, ...(args.type !== undefined ? { type: args.type === "ca" ? "Ca" : "Server" } : {}) });
  const certificates = matchingName(
    rows.map(
      (c): CertificateInfo => ({
        certificateId: c.ID,
        name: c.name,
        type: c.type.toLowerCase() === "ca" ? "ca" : "server",
        description: c.description ?? "",
        status: c.status?.toLowerCase(),
      }),
    ),
    args.nameRegex,
    (c) => c.name,
  ).filter((c) => args.type === undefined || c.type === args.type);
  return { regionId, certificates, ids: certificates.map((c) => c.certificateId) };
}

/**
 * The one certificate matching the filters, e.g. `getCertificate({ nameRegex: "^www$" })`.
 *
 * @example
 * ```ts
 * const cert = await ctyun.getCertificate({ nameRegex: "^www$" });
 * ```
 */
export async function getCertificate(args: GetCertificatesArgs): Promise<CertificateInfo> {
  const { certificates } = await getCertificates(args);
  return exactlyOne("certificate", criteriaOf(args), certificates, (c) => `${c.name} (${c.certificateId}, ${c.type})`);
}

/** `getLoadBalancers` taking `pulumi.Input`s and giving a `pulumi.Output`. */
export const getLoadBalancersOutput = outputForm(getLoadBalancers);
/** `getLoadBalancer` taking `pulumi.Input`s and giving a `pulumi.Output`. */
export const getLoadBalancerOutput = outputForm(getLoadBalancer);
/** `getCertificates` taking `pulumi.Input`s and giving a `pulumi.Output`. */
export const getCertificatesOutput = outputForm(getCertificates);
/** `getCertificate` taking `pulumi.Input`s and giving a `pulumi.Output`. */
export const getCertificateOutput = outputForm(getCertificate);
