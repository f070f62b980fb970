/**
 * Listeners (api-notes/elb.md §3): a protocol and port on a load balancer with a default action.
 * Rules enforced: one listener per port and transport on a load balancer (decision: TCP, HTTP and
 * HTTPS share the TCP port space, UDP has its own); HTTPS needs a server certificate, two-way TLS a
 * CA certificate; protocol and port never change; a listener another listener or rule redirects to
 * cannot go; a listener's rules go with it. Start/stop set `status`.
 */
import type { EngineContext } from "../../engine/context";
import { InvalidParameterError } from "../../errors";
import { checkAction, type ActionInput } from "./actions";
import { LoadBalancers } from "./load-balancers";
import { CERTIFICATE_KIND, LISTENER_KIND, LISTENER_RULE_KIND, type CertificateRecord, type CertificateType, type ListenerProtocol, type ListenerRecord, type ListenerRuleRecord } from "./records";
import { checkElbDescription, checkElbName, checkRange, elbConflict, elbInUse, elbNotFound, nameTaken, utcTime } from "./rules";

export interface CreateListenerRequest {
  readonly loadBalancerID: string;
  readonly name: string;
  readonly description?: string | undefined;
  readonly protocol: ListenerProtocol;
  readonly protocolPort: number;
  readonly certificateID?: string | undefined;
  readonly caEnabled?: boolean | undefined;
  readonly clientCertificateID?: string | undefined;
  readonly defaultAction: ActionInput;
  readonly accessControlType?: string | undefined;
  readonly accessControlID?: string | undefined;
  readonly forwardedForEnabled?: boolean | undefined;
}

export interface ListenerChange {
  readonly name?: string | undefined;
  readonly description?: string | undefined;
  readonly certificateID?: string | undefined;
  readonly caEnabled?: boolean | undefined;
  readonly clientCertificateID?: string | undefined;
  readonly defaultAction?: ActionInput | undefined;
  readonly accessControlType?: string | undefined;
  readonly accessControlID?: string | undefined;
  readonly forwardedForEnabled?: boolean | undefined;
}

/** TCP, HTTP and HTTPS listen on TCP ports; UDP on UDP ports. */
function transportOf(protocol: ListenerProtocol): "tcp" | "udp" {
  return protocol === "UDP" ? "udp" : "tcp";
}

export class Listeners {
  constructor(private readonly ctx: EngineContext) {}

  private get listeners() {
    return this.ctx.store.collection<ListenerRecord>(LISTENER_KIND);
  }

  require(regionID: string, listenerID: string): ListenerRecord {
    const listener = this.listeners.get(regionID, listenerID);
    if (!listener) throw elbNotFound(this.ctx, "listener", listenerID);
    return listener;
  }

  list(regionID: string, filter: { ids?: readonly string[] | undefined; name?: string | undefined; loadBalancerID?: string | undefined }): ListenerRecord[] {
    return this.listeners.find(
      regionID,
      (l) => (!filter.ids || filter.ids.includes(l.ID)) && (!filter.name || l.name === filter.name) && (!filter.loadBalancerID || l.loadBalancerID === filter.loadBalancerID),
    );
  }

  create(regionID: string, request: CreateListenerRequest): ListenerRecord {
    checkElbName("name", request.name);
    if (request.description !== undefined) checkElbDescription(request.description);
    checkRange("protocolPort", request.protocolPort, 1, 65535);
    const lb = new LoadBalancers(this.ctx).require(regionID, request.loadBalancerID);
    const siblings = this.listeners.find(regionID, (l) => l.loadBalancerID === lb.ID);
    const sameName = siblings.find((l) => l.name === request.name);
    if (sameName) throw nameTaken(this.ctx, "listener", request.name, `listener ${sameName.ID} of load balancer ${lb.ID}`);
    const samePort = siblings.find((l) => l.protocolPort === request.protocolPort && transportOf(l.protocol) === transportOf(request.protocol));
    if (samePort) {
      throw elbConflict(
        this.ctx,
        `port ${request.protocolPort}/${transportOf(request.protocol)} of load balancer ${lb.ID} is already used by listener ${samePort.ID} (${samePort.protocol})`,
        "该端口已被监听器占用",
      );
    }
    const settings = this.checkSettings(regionID, request.protocol, request);
    const defaultAction = checkAction(this.ctx, regionID, request.defaultAction, { loadBalancerID: lb.ID, vpcID: lb.vpcID, protocol: request.protocol }, "defaultAction");
    const ID = this.ctx.ids.prefixed("listener");
    const now = utcTime(this.ctx.clock());
    return this.listeners.insert(regionID, ID, {
      ID,
      name: request.name,
      description: request.description ?? "",
      loadBalancerID: lb.ID,
      protocol: request.protocol,
      protocolPort: request.protocolPort,
      ...settings,
      defaultAction,
      accessControlID: "",
      accessControlType: "Close",
      status: "ACTIVE",
      createdTime: now,
      updatedTime: now,
    });
  }

  update(regionID: string, listenerID: string, change: ListenerChange): ListenerRecord {
    const current = this.require(regionID, listenerID);
    if (change.name !== undefined) {
      checkElbName("name", change.name);
      const sameName = this.listeners.findOne(regionID, (l) => l.loadBalancerID === current.loadBalancerID && l.name === change.name && l.ID !== listenerID);
      if (sameName) throw nameTaken(this.ctx, "listener", change.name, `listener ${sameName.ID} of load balancer ${current.loadBalancerID}`);
    }
    if (change.description !== undefined) checkElbDescription(change.description);
    const settings = this.checkSettings(regionID, current.protocol, {
      certificateID: change.certificateID ?? current.certificateID,
      caEnabled: change.caEnabled ?? current.caEnabled,
      clientCertificateID: change.clientCertificateID ?? current.clientCertificateID,
      accessControlType: change.accessControlType,
      accessControlID: change.accessControlID,
      forwardedForEnabled: change.forwardedForEnabled ?? current.forwardedForEnabled,
    });
    const lb = new LoadBalancers(this.ctx).require(regionID, current.loadBalancerID);
    const defaultAction =
      change.defaultAction === undefined
        ? current.defaultAction
        : checkAction(this.ctx, regionID, change.defaultAction, { loadBalancerID: lb.ID, vpcID: lb.vpcID, protocol: current.protocol, listenerID }, "defaultAction");
    return this.listeners.update(regionID, listenerID, (l) => ({
      ...l,
      ...(change.name !== undefined ? { name: change.name } : {}),
      ...(change.description !== undefined ? { description: change.description } : {}),
      ...settings,
      defaultAction,
      updatedTime: utcTime(this.ctx.clock()),
    })) as ListenerRecord;
  }

  setStatus(regionID: string, listenerID: string, status: ListenerRecord["status"]): ListenerRecord {
    this.require(regionID, listenerID);
    return this.listeners.update(regionID, listenerID, { status, updatedTime: utcTime(this.ctx.clock()) }) as ListenerRecord;
  }

  /** Refused while another listener or a rule redirects here; the listener's own rules go with it. */
  delete(regionID: string, listenerID: string): void {
    const listener = this.require(regionID, listenerID);
    const rules = this.ctx.store.collection<ListenerRuleRecord>(LISTENER_RULE_KIND);
    const redirecting = [
      ...this.listeners.find(regionID, (l) => l.defaultAction.redirectListenerID === listenerID).map((l) => `listener ${l.ID}`),
      ...rules.find(regionID, (r) => r.action.redirectListenerID === listenerID && r.listenerID !== listenerID).map((r) => `rule ${r.ID}`),
    ];
    if (redirecting.length > 0) throw elbInUse(this.ctx, "listener", listenerID, `redirects from ${redirecting.join(", ")}`);
    for (const rule of rules.find(regionID, (r) => r.listenerID === listener.ID)) rules.delete(regionID, rule.ID);
    this.listeners.delete(regionID, listenerID);
  }

  /** Certificates, two-way TLS, access control and X-Forwarded-For as the protocol allows them. */
  private checkSettings(
    regionID: string,
    protocol: ListenerProtocol,
    request: Pick<CreateListenerRequest, "certificateID" | "caEnabled" | "clientCertificateID" | "accessControlType" | "accessControlID" | "forwardedForEnabled">,
  ): Pick<ListenerRecord, "certificateID" | "caEnabled" | "clientCertificateID" | "forwardedForEnabled"> {
    const certificateID = request.certificateID ?? "";
    const caEnabled = request.caEnabled ?? false;
    const clientCertificateID = caEnabled ? (request.clientCertificateID ?? "") : "";
    if (protocol === "HTTPS") {
      if (certificateID === "") throw new InvalidParameterError("certificateID is required when protocol is HTTPS");
      this.requireCertificate(regionID, certificateID, "Server", "certificateID");
      if (caEnabled) {
        if (clientCertificateID === "") throw new InvalidParameterError("clientCertificateID is required when caEnabled is true");
        this.requireCertificate(regionID, clientCertificateID, "Ca", "clientCertificateID");
      }
    } else {
      if (certificateID !== "") throw new InvalidParameterError(`certificateID applies only to HTTPS listeners, not ${protocol}`);
      if (caEnabled) throw new InvalidParameterError(`caEnabled applies only to HTTPS listeners, not ${protocol}`);
    }
    if (request.forwardedForEnabled === true && (protocol === "TCP" || protocol === "UDP")) {
      throw new InvalidParameterError(`forwardedForEnabled applies only to HTTP and HTTPS listeners, not ${protocol}`);
    }
    if (request.accessControlType !== undefined && request.accessControlType !== "Close") {
      throw new InvalidParameterError(`accessControlType ${request.accessControlType}: access control lists are not emulated (only Close)`);
    }
    return { certificateID, caEnabled, clientCertificateID, forwardedForEnabled: request.forwardedForEnabled ?? false };
  }

  private requireCertificate(regionID: string, certificateID: string, type: CertificateType, field: string): void {
    const certificate = this.ctx.store.collection<CertificateRecord>(CERTIFICATE_KIND).get(regionID, certificateID);
    if (!certificate) throw elbNotFound(this.ctx, "certificate", certificateID);
    if (certificate.type !== type) throw new InvalidParameterError(`${field} ${certificateID} is a ${certificate.type} certificate; a ${type} certificate is needed`);
  }
}
