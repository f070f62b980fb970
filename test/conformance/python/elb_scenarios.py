"""Load balancing through CTyun's official Python ELB package (ctyunsdk-elb20220909 1.0.0), unmodified.

Its layout differs from the v2 packages: one module per operation under `apis/`, each with a
`Ctelb…Api.do(credential, client, endpoint, request)` and request dataclasses without defaults (every
field must be given; None means "not sent"). The scenario builds a complete load balancer on the VM
and network the earlier scenarios made: health checks, a target group with the VM, an external LB on a
new EIP (its create polled by replaying it, as CTyun's Terraform provider does), certificates, HTTP and
HTTPS listeners, a rule; then takes it all down again.
"""
import dataclasses
import importlib
import os
import uuid

from ctyunsdk_elb20220909.core.client import CtyunClient
from ctyunsdk_elb20220909.core.credential import Credential

from harness import wait_until

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "..", "fixtures", "elb-certificates")

# Shapes where the Python models disagree with the API as CTyun's other official client reads it
# (emulator/api-notes/elb.md §13): the emulator answers TF's shape there.
TOLERATED = {
    "returnObj[0].defaultAction": "py declares a list; TF ctelb_show_listener_api.go decodes an object and dereferences defaultAction.forwardConfig.targetGroups",
    "returnObj[1].defaultAction": "as returnObj[0]",
    "returnObj[2].defaultAction": "as returnObj[0]",
    "returnObj[0].sessionSticky": "py declares a list; TF ctelb_show_target_group_api.go decodes an object (resource_ctyun_elb_target_group.go dereferences it)",
}


def token():
    return str(uuid.uuid4())


def pem(name):
    with open(os.path.join(FIXTURES, name), encoding="utf-8") as f:
        return f.read().strip()


class ElbClient:
    """What an ELB `Api.do` needs: credential, HTTP client, endpoint."""

    def __init__(self, base, ak, sk):
        self.credential = Credential(ak, sk)
        self.http = CtyunClient()
        self.endpoint = base


def operation(name):
    """The module of one operation, e.g. operation("create_pgelb")."""
    return importlib.import_module("ctyunsdk_elb20220909.apis.ctelb_%s_api" % name)


def build(cls, **given):
    """A request dataclass with every field not given set to None (the package has no defaults)."""
    return cls(**{f.name: given.get(f.name) for f in dataclasses.fields(cls)})


def api(name):
    module = operation(name)
    camel = "".join(part.capitalize() for part in name.split("_"))
    return getattr(module, "Ctelb%sApi" % camel), module


def call(c, k, op, /, expect=None, note="", **fields):
    """Calls operation `op` (e.g. "create_pgelb") with `fields` (nested requests already built)."""
    cls, module = api(op)
    request_cls = getattr(module, cls.__name__[: -len("Api")] + "Request")
    return c.call_api(k, cls, build(request_cls, **fields), expect=expect, note=note, tolerated=TOLERATED)


def nested(op, cls_suffix, /, **fields):
    _, module = api(op)
    camel = "".join(part.capitalize() for part in op.split("_"))
    return build(getattr(module, "Ctelb%s%sRequest" % (camel, cls_suffix)), **fields)


def forward(name, target_group):
    group = nested(name, "DefaultActionForwardConfigTargetGroups" if name.endswith("listener") else "ActionForwardConfigTargetGroups", targetGroupID=target_group, weight=100)
    config = nested(name, "DefaultActionForwardConfig" if name.endswith("listener") else "ActionForwardConfig", targetGroups=[group])
    return nested(name, "DefaultAction" if name.endswith("listener") else "Action", type="forward", forwardConfig=config)


def load_balancing(c, e, region, env, emulator, eip, wait_order):
    """`e` the ElbClient, `eip` the EIP package's client and models, `wait_order(id)` the order poll."""
    in_use = emulator.unknown_codes("elb-in-use")
    # Health checks and a target group holding the VM.
    hc = call(c, e, "create_health_check", clientToken=token(), regionID=region, name="py-hc-web", protocol="HTTP", httpUrlPath="/healthz", httpExpectedCodes=["http_2xx", "http_3xx"])["ID"]
    shown = call(c, e, "show_health_check", regionID=region, healthCheckID=hc)
    assert shown["httpExpectedCodes"] == "http_2xx http_3xx"
    call(c, e, "list_health_check", regionID=region, name="py-hc-web")
    call(c, e, "update_health_check", clientToken=token(), regionID=region, healthCheckID=hc, timeout=5)
    sticky = nested("create_target_group", "SessionSticky", sessionStickyMode="INSERT", cookieExpire=600)
    tg = call(c, e, "create_target_group", clientToken=token(), regionID=region, name="py-tg-web", vpcID=env["vpc"], protocol="HTTP", healthCheckID=hc, algorithm="wrr", sessionSticky=sticky)[0]["ID"]
    assert call(c, e, "show_target_group", regionID=region, targetGroupID=tg)[0]["sessionSticky"]["sessionStickyMode"] == "INSERT"
    call(c, e, "list_target_group", regionID=region, vpcID=env["vpc"])
    call(c, e, "update_target_group", clientToken=token(), regionID=region, targetGroupID=tg, name="py-tg-web2", algorithm="rr")
    target = call(c, e, "create_target", clientToken=token(), regionID=region, targetGroupID=tg, instanceType="VM", instanceID=env["instance"], protocolPort=80, weight=50)[0]["ID"]
    assert call(c, e, "show_target", regionID=region, targetID=target)["healthCheckStatus"] == "online"
    call(c, e, "list_target", regionID=region, targetGroupID=tg)
    call(c, e, "update_target", regionID=region, targetID=target, weight=60)
    call(c, e, "create_target", clientToken=token(), regionID=region, targetGroupID=tg, instanceType="VM", instanceID=env["instance"], protocolPort=80, expect=emulator.unknown_codes("elb-conflict"), note="same VM and port")

    # An external load balancer on a new EIP, its create polled by replaying it (TF's orderLoop).
    created = c.call(eip.client, "v4_eip_create", eip.models.V4EipCreateRequest(clientToken=token(), regionID=region, cycleType="on_demand", cycleCount=0, name="py-lb-eip", bandwidth=5, demandBillingType="bandwidth"))
    eip_id = wait_order(created["masterOrderID"])[0]
    request = dict(clientToken=token(), regionID=region, subnetID=env["subnet"], name="py-lb", eipID=eip_id, slaName="elb.s2.small", resourceType="external", cycleType="on_demand")
    lb = wait_until(lambda: (lambda obj: obj["elbID"] if obj["masterResourceStatus"] == "started" else None)(call(c, e, "create_pgelb", **request)), "load balancer started")
    assert call(c, e, "show_load_balancer", regionID=region, elbID=lb)[0]["eipInfo"][0]["eipID"] == eip_id
    call(c, e, "list_load_balancer", regionID=region, subnetID=env["subnet"])
    call(c, e, "update_load_balancer", clientToken=token(), regionID=region, elbID=lb, description="official client")
    call(c, e, "modify_pgelb_spec", clientToken=token(), regionID=region, elbID=lb, slaName="elb.s3.small")
    wait_until(lambda: call(c, e, "show_load_balancer", regionID=region, elbID=lb)[0]["slaName"] == "elb.s3.small", "new spec")

    # Certificates, listeners and a rule.
    server = call(c, e, "create_certificate", clientToken=token(), regionID=region, name="py-cert", type="Server", certificate=pem("server.crt"), privateKey=pem("server.key"))["ID"]
    ca = call(c, e, "create_certificate", clientToken=token(), regionID=region, name="py-ca", type="Ca", certificate=pem("ca.crt"))["ID"]
    assert call(c, e, "show_certificate", regionID=region, certificateID=server)["type"] == "Server"
    call(c, e, "list_certificate", regionID=region, type="Ca")
    call(c, e, "update_certificate", clientToken=token(), regionID=region, certificateID=ca, description="clients")
    http = call(c, e, "create_listener", clientToken=token(), regionID=region, loadBalancerID=lb, name="py-http", protocol="HTTP", protocolPort=80, defaultAction=forward("create_listener", tg))[0]["ID"]
    https = call(c, e, "create_listener", clientToken=token(), regionID=region, loadBalancerID=lb, name="py-https", protocol="HTTPS", protocolPort=443, certificateID=server, caEnabled=True, clientCertificateID=ca, defaultAction=forward("create_listener", tg))[0]["ID"]
    call(c, e, "create_listener", clientToken=token(), regionID=region, loadBalancerID=lb, name="py-tcp", protocol="TCP", protocolPort=80, defaultAction=forward("create_listener", tg), expect=emulator.unknown_codes("elb-conflict"), note="port taken")
    assert call(c, e, "show_listener", regionID=region, listenerID=https)[0]["clientCertificateID"] == ca
    call(c, e, "list_listener", regionID=region, loadBalancerID=lb)
    call(c, e, "update_listener", clientToken=token(), regionID=region, listenerID=http, name="py-http2", defaultAction=forward("update_listener", tg))
    call(c, e, "stop_listener", clientToken=token(), regionID=region, listenerID=http)
    call(c, e, "start_listener", clientToken=token(), regionID=region, listenerID=http)
    host = nested("create_rule", "Conditions", type="server_name", serverNameConfig=nested("create_rule", "ConditionsServerNameConfig", serverName="api.example.com"))
    path = nested("create_rule", "Conditions", type="url_path", urlPathConfig=nested("create_rule", "ConditionsUrlPathConfig", urlPaths="/api", matchType="PREFIX"))
    rule = call(c, e, "create_rule", clientToken=token(), regionID=region, listenerID=http, conditions=[host, path], action=forward("create_rule", tg))[0]["ID"]
    assert call(c, e, "show_rule", regionID=region, policyID=rule)["conditions"][1]["urlPathConfig"]["urlPaths"] == "/api"
    call(c, e, "list_query", regionID=region, loadBalancerID=lb)
    regex = nested("update_rule", "Conditions", type="url_path", urlPathConfig=nested("update_rule", "ConditionsUrlPathConfig", urlPaths="^/img/", matchType="REG"))
    call(c, e, "update_rule", clientToken=token(), regionID=region, policyID=rule, conditions=[regex])

    # Down again: what is in use is refused until its users are gone.
    call(c, e, "delete_target_group", clientToken=token(), regionID=region, targetGroupID=tg, expect=in_use, note="listeners forward to it")
    call(c, e, "refund_pgelb", clientToken=token(), regionID=region, elbID=lb, expect=in_use, note="listeners left")
    call(c, e, "delete_rule", clientToken=token(), regionID=region, policyID=rule)
    for listener in (http, https):
        call(c, e, "delete_listener", clientToken=token(), regionID=region, listenerID=listener)
    for certificate in (server, ca):
        call(c, e, "delete_certificate", clientToken=token(), regionID=region, certificateID=certificate)
    call(c, e, "delete_target", clientToken=token(), regionID=region, targetID=target)
    call(c, e, "delete_health_check", clientToken=token(), regionID=region, healthCheckID=hc, expect=in_use, note="a target group names it")
    call(c, e, "delete_target_group", clientToken=token(), regionID=region, targetGroupID=tg)
    call(c, e, "delete_health_check", clientToken=token(), regionID=region, healthCheckID=hc)
    refund = dict(clientToken=token(), regionID=region, elbID=lb)
    wait_until(lambda: call(c, e, "refund_pgelb", **refund)["masterResourceStatus"] == "refunded", "load balancer refunded")
    call(c, e, "show_load_balancer", regionID=region, elbID=lb, expect=emulator.unknown_codes("elb-not-found"), note="refunded load balancer")
    deleted = c.call(eip.client, "v4_eip_delete", eip.models.V4EipDeleteRequest(clientToken=token(), regionID=region, eipID=eip_id))
    wait_order(deleted["masterOrderID"])
