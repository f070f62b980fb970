/**
 * ELB listeners and listener rules in the emulator (api-notes/elb.md §3, §8): port spaces (TCP, HTTP
 * and HTTPS share one, UDP has its own), HTTPS certificates, forward/redirect actions, the wire shapes
 * TF dereferences, what cannot be deleted while in use, and host/path rules.
 */
import assert from "node:assert/strict";
import { UNKNOWN_CODE_SITUATIONS } from "../../emulator/unknown-codes";
import { TEST_CA_CERTIFICATE, TEST_SERVER_CERTIFICATE, TEST_SERVER_KEY } from "../fixtures/elb-certificates";
import { useEmulator } from "../helpers/emulator";
import { createNetwork } from "./fixtures/ecs";
import { ok } from "./fixtures/ebs";
import { createListener, createLoadBalancer, createTargetGroup, forward, get, post } from "./fixtures/elb";

const CONFLICT = UNKNOWN_CODE_SITUATIONS["elb-conflict"] as readonly string[];
const IN_USE = UNKNOWN_CODE_SITUATIONS["elb-in-use"] as readonly string[];

describe("emulator: ELB listeners and rules", () => {
  const emu = useEmulator({ transport: "in-process" });

  async function setup(cidr: number) {
    const net = await createNetwork(emu, `10.${cidr}.0.0/16`, `10.${cidr}.1.0/24`);
    const lbID = await createLoadBalancer(emu, net.subnetID);
    const tcpGroup = await createTargetGroup(emu, net.vpcID, { protocol: "TCP" });
    const webGroup = await createTargetGroup(emu, net.vpcID, { protocol: "HTTP" });
    return { net, lbID, tcpGroup, webGroup };
  }

  let certificates = 0;
  async function certificate(type: "Server" | "Ca"): Promise<string> {
    const n = ++certificates;
    const body = type === "Server" ? { certificate: TEST_SERVER_CERTIFICATE, privateKey: TEST_SERVER_KEY } : { certificate: TEST_CA_CERTIFICATE };
    return ok(await post(emu, "/v4/elb/create-certificate", { clientToken: `cert-${n}`, name: `cert-${type}-${n}`, type, ...body })).ID;
  }

  it("answers create/show/list in TF's shapes: arrays, defaultAction.forwardConfig always an object", async () => {
    const { lbID, webGroup } = await setup(20);
    const created = ok(await post(emu, "/v4/elb/create-listener", { clientToken: "l-1", loadBalancerID: lbID, name: "http", protocol: "HTTP", protocolPort: 80, defaultAction: forward(webGroup), caEnabled: null, forwardedForEnabled: true }));
    assert.ok(Array.isArray(created) && created.length === 1 && /^listener-[a-z0-9]{10}$/.test(created[0].ID));
    const listenerID = created[0].ID;
    const [shown] = ok(await get(emu, "/v4/elb/show-listener", { listenerID }));
    assert.deepEqual(
      { protocol: shown.protocol, port: shown.protocolPort, action: shown.defaultAction, xff: shown.forwardedForEnabled, status: shown.status, ca: shown.caEnabled, acl: shown.accessControlType },
      { protocol: "HTTP", port: 80, action: { type: "forward", forwardConfig: { targetGroups: [{ targetGroupID: webGroup, weight: 100 }] }, redirectListenerID: "" }, xff: true, status: "ACTIVE", ca: false, acl: "Close" },
    );
    const redirect = ok(await post(emu, "/v4/elb/create-listener", { clientToken: "l-2", loadBalancerID: lbID, name: "to-http", protocol: "HTTP", protocolPort: 8080, defaultAction: { type: "redirect", forwardConfig: { targetGroups: null }, redirectListenerID: listenerID } }))[0].ID;
    const [redirectShown] = ok(await get(emu, "/v4/elb/show-listener", { listenerID: redirect }));
    assert.deepEqual(redirectShown.defaultAction, { type: "redirect", forwardConfig: { targetGroups: [] }, redirectListenerID: listenerID });
    const listed = ok(await get(emu, "/v4/elb/list-listener", { loadBalancerID: lbID })).map((l: { ID: string }) => l.ID);
    assert.deepEqual(listed.sort(), [listenerID, redirect].sort());
    assert.deepEqual(ok(await get(emu, "/v4/elb/list-listener", { IDs: redirect })).map((l: { ID: string }) => l.ID), [redirect]);
    const inUse = await post(emu, "/v4/elb/delete-listener", { clientToken: "d-1", listenerID });
    assert.ok(IN_USE.includes(inUse.errorCode));
    assert.equal(inUse.message, `listener ${listenerID} is in use by redirects from listener ${redirect}`);
    assert.deepEqual(ok(await post(emu, "/v4/elb/stop-listener", { listenerID })), [{ ID: listenerID }]);
    assert.equal(ok(await get(emu, "/v4/elb/show-listener", { listenerID }))[0].status, "DOWN");
  });

  it("decides port clashes per transport: TCP, HTTP and HTTPS share the TCP ports, UDP has its own", async () => {
    const { lbID, tcpGroup, webGroup, net } = await setup(21);
    const http = await createListener(emu, lbID, webGroup, { protocol: "HTTP", protocolPort: 443 });
    const tcp = await post(emu, "/v4/elb/create-listener", { clientToken: "p-1", loadBalancerID: lbID, name: "tcp443", protocol: "TCP", protocolPort: 443, defaultAction: forward(tcpGroup) });
    assert.ok(CONFLICT.includes(tcp.errorCode));
    assert.equal(tcp.message, `port 443/tcp of load balancer ${lbID} is already used by listener ${http} (HTTP)`);
    const udpGroup = await createTargetGroup(emu, net.vpcID, { protocol: "UDP" });
    await createListener(emu, lbID, udpGroup, { protocol: "UDP", protocolPort: 443 });
    const other = await createLoadBalancer(emu, net.subnetID);
    await createListener(emu, other, tcpGroup, { protocol: "TCP", protocolPort: 443 });
    const wrongGroup = await post(emu, "/v4/elb/create-listener", { clientToken: "p-2", loadBalancerID: lbID, name: "tcp9000", protocol: "TCP", protocolPort: 9000, defaultAction: forward(webGroup) });
    assert.equal(wrongGroup.message, `target group ${webGroup} (HTTP) cannot serve a TCP listener`);
    const elsewhere = await createTargetGroup(emu, (await createNetwork(emu, "10.22.0.0/16", "10.22.1.0/24")).vpcID, { protocol: "TCP" });
    const foreign = await post(emu, "/v4/elb/create-listener", { clientToken: "p-3", loadBalancerID: lbID, name: "tcp9001", protocol: "TCP", protocolPort: 9001, defaultAction: forward(elsewhere) });
    assert.match(foreign.message, new RegExp(`^target group ${elsewhere} is in vpc vpc-[a-z0-9]{10}, not in vpc ${net.vpcID} of load balancer ${lbID}$`));
  });

  it("requires a server certificate for HTTPS and a CA certificate for two-way TLS; a used certificate stays", async () => {
    const { lbID, webGroup } = await setup(23);
    const missing = await post(emu, "/v4/elb/create-listener", { clientToken: "s-1", loadBalancerID: lbID, name: "https", protocol: "HTTPS", protocolPort: 443, defaultAction: forward(webGroup) });
    assert.equal(missing.message, "certificateID is required when protocol is HTTPS");
    const server = await certificate("Server");
    const ca = await certificate("Ca");
    const wrongType = await post(emu, "/v4/elb/create-listener", { clientToken: "s-2", loadBalancerID: lbID, name: "https", protocol: "HTTPS", protocolPort: 443, certificateID: ca, defaultAction: forward(webGroup) });
    assert.equal(wrongType.message, `certificateID ${ca} is a Ca certificate; a Server certificate is needed`);
    const listener = await createListener(emu, lbID, webGroup, { protocol: "HTTPS", protocolPort: 443, certificateID: server, caEnabled: true, clientCertificateID: ca });
    const [shown] = ok(await get(emu, "/v4/elb/show-listener", { listenerID: listener }));
    assert.deepEqual([shown.certificateID, shown.caEnabled, shown.clientCertificateID], [server, true, ca]);
    const refused = await post(emu, "/v4/elb/delete-certificate", { clientToken: "dc-1", certificateID: ca });
    assert.equal(refused.message, `certificate ${ca} is in use by listeners: ${listener}`);
    const onHttp = await post(emu, "/v4/elb/create-listener", { clientToken: "s-3", loadBalancerID: lbID, name: "plain", protocol: "HTTP", protocolPort: 80, certificateID: server, defaultAction: forward(webGroup) });
    assert.equal(onHttp.message, "certificateID applies only to HTTPS listeners, not HTTP");
  });

  it("keeps a target group a listener or rule forwards to, and lets it go once they point elsewhere", async () => {
    const { lbID, webGroup, net } = await setup(24);
    const listener = await createListener(emu, lbID, webGroup);
    const refused = await post(emu, "/v4/elb/delete-target-group", { clientToken: "tg-d1", targetGroupID: webGroup });
    assert.ok(IN_USE.includes(refused.errorCode));
    assert.equal(refused.message, `target group ${webGroup} is in use by listener ${listener}`);
    const second = await createTargetGroup(emu, net.vpcID);
    assert.deepEqual(ok(await post(emu, "/v4/elb/update-listener", { listenerID: listener, name: "renamed", defaultAction: forward(second) })), [{ ID: listener }]);
    assert.deepEqual(ok(await post(emu, "/v4/elb/delete-target-group", { clientToken: "tg-d2", targetGroupID: webGroup })), [{ ID: webGroup }]);
    assert.equal(ok(await get(emu, "/v4/elb/show-listener", { listenerID: listener }))[0].name, "renamed");
  });

  it("forwards by host name and path with rules on HTTP listeners only; rules go with their listener", async () => {
    const { lbID, webGroup, tcpGroup, net } = await setup(25);
    const listener = await createListener(emu, lbID, webGroup);
    const api = await createTargetGroup(emu, net.vpcID);
    const conditions = [
      { type: "server_name", serverNameConfig: { serverName: "api.example.com" } },
      { type: "url_path", urlPathConfig: { urlPaths: "/v1", matchType: "PREFIX" } },
    ];
    const created = ok(await post(emu, "/v4/elb/create-rule", { clientToken: "r-1", listenerID: listener, priority: 7, conditions, action: forward(api) }));
    const ruleID = created[0].ID;
    assert.match(ruleID, /^rule-[a-z0-9]{10}$/);
    const shown = ok(await get(emu, "/v4/elb/show-rule", { policyID: ruleID }));
    assert.ok(!Array.isArray(shown), "show-rule answers an object");
    assert.deepEqual(
      { lb: shown.loadBalancerID, priority: shown.priority, conditions: shown.conditions, action: shown.action },
      {
        lb: lbID,
        priority: 100,
        conditions: [
          { type: "server_name", serverNameConfig: { serverName: "api.example.com" }, urlPathConfig: { urlPaths: "", matchType: "" } },
          { type: "url_path", serverNameConfig: { serverName: "" }, urlPathConfig: { urlPaths: "/v1", matchType: "PREFIX" } },
        ],
        action: { type: "forward", forwardConfig: { targetGroups: [{ targetGroupID: api, weight: 100 }] }, redirectListenerID: "" },
      },
    );
    const same = await post(emu, "/v4/elb/create-rule", { clientToken: "r-2", listenerID: listener, conditions: [...conditions].reverse(), action: forward(webGroup) });
    assert.ok(CONFLICT.includes(same.errorCode));
    const badHost = await post(emu, "/v4/elb/create-rule", { clientToken: "r-3", listenerID: listener, conditions: [{ type: "server_name", serverNameConfig: { serverName: "bad_host.example.com" } }], action: forward(api) });
    assert.match(badHost.message, /^conditions\[0\]\.serverNameConfig\.serverName must be a domain name/);
    const badRegex = await post(emu, "/v4/elb/create-rule", { clientToken: "r-4", listenerID: listener, conditions: [{ type: "url_path", urlPathConfig: { urlPaths: "/(a", matchType: "REG" } }], action: forward(api) });
    assert.equal(badRegex.message, "conditions[0].urlPathConfig.urlPaths is not a valid regular expression");
    const tcpListener = await createListener(emu, lbID, tcpGroup, { protocol: "TCP", protocolPort: 22 });
    const onTcp = await post(emu, "/v4/elb/create-rule", { clientToken: "r-5", listenerID: tcpListener, conditions, action: forward(tcpGroup) });
    assert.equal(onTcp.message, `rules apply only to HTTP and HTTPS listeners; listener ${tcpListener} is TCP`);
    const usedByRule = await post(emu, "/v4/elb/delete-target-group", { clientToken: "tg-r", targetGroupID: api });
    assert.equal(usedByRule.message, `target group ${api} is in use by rule ${ruleID}`);
    ok(await post(emu, "/v4/elb/update-rule", { policyID: ruleID, conditions: [{ type: "url_path", urlPathConfig: { urlPaths: "^/img/.*\\.png$", matchType: "REG" } }], action: null }));
    assert.equal(ok(await get(emu, "/v4/elb/list-rule", { loadBalancerID: lbID }))[0].conditions[0].urlPathConfig.matchType, "REG");
    assert.deepEqual(ok(await post(emu, "/v4/elb/delete-listener", { clientToken: "dl", listenerID: listener })), [{ ID: listener }]);
    assert.deepEqual(ok(await get(emu, "/v4/elb/list-rule", { loadBalancerID: lbID })), [], "the listener's rules went with it");
    assert.deepEqual(ok(await post(emu, "/v4/elb/delete-target-group", { clientToken: "tg-r2", targetGroupID: api })), [{ ID: api }]);
  });
});
