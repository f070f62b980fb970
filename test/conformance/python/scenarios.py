#!/usr/bin/env python3
"""Conformance scenarios: CTyun's official Python SDK v2 clients (and the ELB package), unmodified, against the emulator.

Usage: scenarios.py BASE_URL ACCESS_KEY SECRET_KEY REGION_ID RESULTS_FILE
Each SDK call becomes one JSON line in RESULTS_FILE (see harness.Conformance.record). The scenarios are
ours; the clients, models, signer and transport are CTyun's, configured only through ClientConfig.
Emulator control calls (/_emulator/*, unsigned, test-only) use urllib directly.
"""
import json
import sys
import types
import urllib.request
import uuid

from ctyun_python_sdk_core import ClientConfig
from ctyunsdk_ebs20220909 import models as ebs
from ctyunsdk_ebs20220909.ebs_client import EbsClient
from ctyunsdk_ecs20220909 import models as ecs
from ctyunsdk_ecs20220909.ecs_client import EcsClient
from ctyunsdk_eip20220909 import models as eip
from ctyunsdk_eip20220909.eip_client import EipClient
from ctyunsdk_image20220909 import models as image
from ctyunsdk_image20220909.image_client import ImageClient
from ctyunsdk_vpc20220909 import models as vpc
from ctyunsdk_vpc20220909.vpc_client import VpcClient
from ctyunsdk_scaling20220909.scaling_client import ScalingClient

import elb_scenarios
from harness import Conformance, StepFailed, wait_until
from scenarios_scaling import scaling
import family_scenarios as family

# Public keys made for these tests (not secrets): a 2048-bit RSA key.
RSA_PUBLIC_KEY = (
    "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC2ilaEXpW6DUg0nU/zVbYnMPLiPM5f98knUX715NaqHd/KMrt/2/SehF5B882926eaGn9Ub5eol"
    "JRJxubwxTvFA/cW5+sX3jQRqSQf326uJy1oIjeKAZLOV2F4R575WU2PTi4tDS0xoDd197kH/kicfCq/6UuNgkXOVn95tsJ1aJV2cyq/4tDP/vVam"
    "kwD+AWZXWpzbd6bxIo4WA0oN/iupp4kYek7kmQm1Iw6u3Mj91rCMBaUHgn59Odj+aQWHH5sBP2etMtOBWwyIlk4mK2CibVBxCNz9fAfLq03uKsAj"
    "gSES0XEnEtEKSCvLSZecgHqaIrrEasZ1gklB8J/J+Md test@example"
)
PASSWORD = "Pulumi#Ctyun7x"
NEW_PASSWORD = "Other#Secret9q"

# Error codes the emulator may answer where CTyun's real code is unknown (emulator/api-notes/README.md).
IN_USE_CODES = None  # filled from /_emulator/unknown-codes at start
NOT_FOUND = {"vpc": {"Openapi.Vpc.NotFound"}}


def token():
    return str(uuid.uuid4())


class Emulator:
    def __init__(self, base):
        self.base = base

    def control(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as response:
            text = response.read().decode()
            return json.loads(text) if text else None

    def timing(self, kind, spec):
        self.control("PUT", "/_emulator/transitions/" + kind, spec)

    def unknown_codes(self, situation):
        return set(self.control("GET", "/_emulator/unknown-codes")["situations"][situation])


class Clients:
    def __init__(self, base, ak, sk):
        config = ClientConfig(endpoint=base, access_key_id=ak, access_key_secret=sk, verify_tls=False)
        self.vpc = VpcClient(config)
        self.ecs = EcsClient(config)
        self.ebs = EbsClient(config)
        self.eip = EipClient(config)
        self.image = ImageClient(config)
        self.scaling = ScalingClient(config)


def wait_order(c, k, master_order_id):
    """Polls the order with the ECS order API until it leaves "14" (in progress); returns its ids."""
    def done():
        obj = c.call(k.ecs, "v4_ecs_order_query_uuid", ecs.V4EcsOrderQueryUuidRequest(masterOrderID=master_order_id))
        return obj if obj["orderStatus"] != "14" else None
    obj = wait_until(done, "order " + master_order_id)
    if obj["orderStatus"] != "3":
        raise StepFailed("order", ["order %s ended %s" % (master_order_id, obj["orderStatus"])])
    return obj["instanceIDList"]


def catalog(c, k, region, env):
    regions = c.call(k.ecs, "v4_region_list_regions", ecs.V4RegionListRegionsRequest())
    assert any(r["regionID"] == region for r in regions["regionList"]), "region listed"
    c.call(k.ecs, "v4_region_list_regions", ecs.V4RegionListRegionsRequest(regionName="华东"), note="name filter")
    zones = c.call(k.ecs, "v4_region_get_zones", ecs.V4RegionGetZonesRequest(regionID=region))["zoneList"]
    env["az"] = zones[0]["name"]
    flavors = c.call(k.ecs, "v4_ecs_flavor_list", ecs.V4EcsFlavorListRequest(regionID=region, azName=env["az"], flavorCPU=2, flavorRAM=4))["flavorList"]
    env["flavors"] = [f["flavorID"] for f in flavors if f["available"]]
    every = c.call(k.ecs, "v4_ecs_flavor_list", ecs.V4EcsFlavorListRequest(regionID=region, azName=env["az"], flavorCPU=4))["flavorList"]
    env["bigger_flavor"] = next(f["flavorID"] for f in every if f["available"] and f["flavorID"] not in env["flavors"])
    images = c.call(k.image, "v4_image_list", image.V4ImageListRequest(regionID=region, imageVisibilityCode=1, pageNo=1, pageSize=50))["images"]
    linux = next(i for i in images if i["osType"] == "linux" or "ubuntu" in i["imageName"].lower())
    env["image"] = linux["imageID"]
    detail = c.call(k.image, "v4_image_detail", image.V4ImageDetailRequest(imageID=env["image"], regionID=region))
    assert detail["images"][0]["imageID"] == env["image"]
    c.call(k.image, "v4_image_detail", image.V4ImageDetailRequest(imageID=str(uuid.uuid4()), regionID=region), expect={"Image.ImageCheck.NotFound"}, note="unknown image")
    c.call(k.ecs, "v4_region_get_zones", ecs.V4RegionGetZonesRequest(regionID="0" * 32), expect={"Unknown.Region.RegionIDError"}, note="unknown region")


def network(c, k, region, env, emulator):
    created = c.call(k.vpc, "vpc_create", vpc.VpcCreateRequest(clientToken=token(), regionID=region, name="py-sdk-vpc", CIDR="10.20.0.0/16", description="official client"))
    vpc_id = env["vpc"] = created["vpcID"]
    got = c.call(k.vpc, "v4_vpc_query", vpc.V4VpcQueryRequest(regionID=region, vpcID=vpc_id))
    assert got["CIDR"] == "10.20.0.0/16"
    c.call(k.vpc, "v4_vpc_update", vpc.V4VpcUpdateRequest(clientToken=token(), regionID=region, vpcID=vpc_id, name="py-sdk-vpc2", description="renamed"))
    listed = c.call(k.vpc, "v4_vpc_new_list", vpc.V4VpcNewListRequest(regionID=region, vpcID=vpc_id, pageNo=1, pageSize=10))
    assert listed["vpcs"][0]["name"] == "py-sdk-vpc2"
    subnet = c.call(k.vpc, "v4_vpc_create_subnet", vpc.V4VpcCreateSubnetRequest(clientToken=token(), regionID=region, vpcID=vpc_id, name="py-sdk-subnet", CIDR="10.20.1.0/24"))
    subnet_id = env["subnet"] = subnet["subnetID"]
    c.call(k.vpc, "v4_vpc_query_subnet", vpc.V4VpcQuerySubnetRequest(regionID=region, subnetID=subnet_id))
    c.call(k.vpc, "v4_vpc_update_subnet", vpc.V4VpcUpdateSubnetRequest(regionID=region, subnetID=subnet_id, name="py-sdk-subnet2", dnsList=["114.114.114.114"]))
    subnets = c.call(k.vpc, "v4_vpc_new_list_subnet", vpc.V4VpcNewListSubnetRequest(regionID=region, vpcID=vpc_id, pageNo=1, pageSize=10))
    assert [s["subnetID"] for s in subnets["subnets"]] == [subnet_id]
    c.call(k.vpc, "v4_vpc_delete", vpc.V4VpcDeleteRequest(regionID=region, vpcID=vpc_id), expect=emulator.unknown_codes("vpc-has-dependents"), note="VPC with a subnet")
    group = c.call(k.vpc, "v4_vpc_create_security_group", vpc.V4VpcCreateSecurityGroupRequest(clientToken=token(), regionID=region, vpcID=vpc_id, name="py-sdk-sg", description="web"))
    sg = env["sg"] = group["securityGroupID"]
    c.call(k.vpc, "v4_vpc_modify_security_group_attribute", vpc.V4VpcModifySecurityGroupAttributeRequest(clientToken=token(), regionID=region, securityGroupID=sg, name="py-sdk-sg2"))
    rule = vpc.V4VpcCreateSecurityGroupIngressRequestSecurityGroupRules(direction="ingress", action="accept", protocol="TCP", ethertype="IPv4", destCidrIp="0.0.0.0/0", priority=10, range="22", description="ssh")
    ingress = c.call(k.vpc, "v4_vpc_create_security_group_ingress", vpc.V4VpcCreateSecurityGroupIngressRequest(regionID=region, securityGroupID=sg, securityGroupRules=[rule], clientToken=token()))
    ingress_id = ingress["sgRuleIDs"][0]
    out_rule = vpc.V4VpcCreateSecurityGroupEgressRequestSecurityGroupRules(direction="egress", action="accept", protocol="UDP", ethertype="IPv4", destCidrIp="10.0.0.0/8", priority=20, range="53")
    egress = c.call(k.vpc, "v4_vpc_create_security_group_egress", vpc.V4VpcCreateSecurityGroupEgressRequest(regionID=region, securityGroupID=sg, securityGroupRules=[out_rule], clientToken=token()))
    egress_id = egress["sgRuleIDs"][0]
    got_rule = c.call(k.vpc, "v4_vpc_describe_security_group_rule", vpc.V4VpcDescribeSecurityGroupRuleRequest(regionID=region, securityGroupID=sg, securityGroupRuleID=ingress_id))
    assert got_rule["range"] == "22"
    c.call(k.vpc, "v4_vpc_modify_security_group_ingress", vpc.V4VpcModifySecurityGroupIngressRequest(regionID=region, securityGroupID=sg, securityGroupRuleID=ingress_id, clientToken=token(), description="ssh only"))
    c.call(k.vpc, "v4_vpc_modify_security_group_egress", vpc.V4VpcModifySecurityGroupEgressRequest(regionID=region, securityGroupID=sg, securityGroupRuleID=egress_id, clientToken=token(), description="dns"))
    attrs = c.call(k.vpc, "v4_vpc_describe_security_group_attribute", vpc.V4VpcDescribeSecurityGroupAttributeRequest(regionID=region, securityGroupID=sg, direction="all"))
    assert {r["id"] for r in attrs["securityGroupRuleList"]} >= {ingress_id, egress_id}
    groups = c.call(k.vpc, "v4_vpc_new_query_security_groups", vpc.V4VpcNewQuerySecurityGroupsRequest(regionID=region, vpcID=vpc_id, pageNo=1, pageSize=10))
    assert sg in [g["id"] for g in groups["securityGroups"]]
    c.call(k.vpc, "v4_vpc_revoke_security_group_egress", vpc.V4VpcRevokeSecurityGroupEgressRequest(regionID=region, securityGroupID=sg, securityGroupRuleID=egress_id, clientToken=token()))
    c.call(k.vpc, "v4_vpc_revoke_security_group_ingress", vpc.V4VpcRevokeSecurityGroupIngressRequest(regionID=region, securityGroupID=sg, securityGroupRuleID=ingress_id, clientToken=token()))
    c.call(k.vpc, "v4_vpc_describe_security_group_rule", vpc.V4VpcDescribeSecurityGroupRuleRequest(regionID=region, securityGroupID=sg, securityGroupRuleID=ingress_id), expect={"Openapi.SecurityGroupRule.NotFound"}, note="revoked rule")


def route_tables(c, k, region, env, emulator):
    vpc_id, subnet_id = env["vpc"], env["subnet"]
    default_id = c.call(k.vpc, "v4_vpc_query_subnet", vpc.V4VpcQuerySubnetRequest(regionID=region, subnetID=subnet_id))["routeTableID"]
    created = c.call(k.vpc, "v4_vpc_route_table_create", vpc.V4VpcRouteTableCreateRequest(clientToken=token(), regionID=region, vpcID=vpc_id, name="py-sdk-rtb", description="private"))
    table = created["id"]
    shown = c.call(k.vpc, "v4_vpc_route_table_show", vpc.V4VpcRouteTableShowRequest(regionID=region, routeTableID=table))
    assert shown["vpcID"] == vpc_id and shown["origin"] == "user"
    c.call(k.vpc, "v4_vpc_route_table_modify", vpc.V4VpcRouteTableModifyRequest(clientToken=token(), regionID=region, routeTableID=table, name="py-sdk-rtb2"))
    listed = c.call(k.vpc, "v4_vpc_route_table_new_list", vpc.V4VpcRouteTableNewListRequest(regionID=region, vpcID=vpc_id, pageNo=1, pageSize=10))
    assert {t["id"] for t in listed["routeTables"]} == {table, default_id}
    rules = c.call(k.vpc, "v4_vpc_route_table_new_list_rules", vpc.V4VpcRouteTableNewListRulesRequest(regionID=region, routeTableID=table, pageNo=1, pageSize=50))
    igw = next(r["nextHopID"] for r in rules["routeRules"] if r["nextHopType"] == "igw")
    rule = c.call(k.vpc, "v4_vpc_route_table_create_rule", vpc.V4VpcRouteTableCreateRuleRequest(regionID=region, routeTableID=table, nextHopID=igw, nextHopType="igw", destination="188.188.0.0/16", ipVersion=4, description="to the internet"))
    c.call(k.vpc, "v4_vpc_route_table_modify_rule", vpc.V4VpcRouteTableModifyRuleRequest(regionID=region, routeRuleID=rule["routeRuleID"], description="renamed"))
    c.call(k.vpc, "v4_vpc_replace_subnet_route_table", vpc.V4VpcReplaceSubnetRouteTableRequest(regionID=region, subnetID=subnet_id, routeTableID=table, clientToken=token()))
    assert c.call(k.vpc, "v4_vpc_query_subnet", vpc.V4VpcQuerySubnetRequest(regionID=region, subnetID=subnet_id))["routeTableID"] == table
    c.call(k.vpc, "v4_vpc_route_table_delete", vpc.V4VpcRouteTableDeleteRequest(clientToken=token(), regionID=region, routeTableID=table), expect=emulator.unknown_codes("route-table-in-use"), note="table with a subnet")
    c.call(k.vpc, "v4_vpc_replace_subnet_route_table", vpc.V4VpcReplaceSubnetRouteTableRequest(regionID=region, subnetID=subnet_id, routeTableID=default_id, clientToken=token()), note="back to the default table")
    c.call(k.vpc, "v4_vpc_route_table_delete_rule", vpc.V4VpcRouteTableDeleteRuleRequest(regionID=region, routeRuleID=rule["routeRuleID"], routeTableID=table))
    c.call(k.vpc, "v4_vpc_route_table_delete", vpc.V4VpcRouteTableDeleteRequest(clientToken=token(), regionID=region, routeTableID=table))
    c.call(k.vpc, "v4_vpc_route_table_show", vpc.V4VpcRouteTableShowRequest(regionID=region, routeTableID=table), expect=emulator.unknown_codes("route-table-not-found"), note="deleted table")


def teardown_network(c, k, region, env, emulator):
    c.call(k.vpc, "v4_vpc_delete_security_group", vpc.V4VpcDeleteSecurityGroupRequest(clientToken=token(), regionID=region, securityGroupID=env["sg"]))
    c.call(k.vpc, "v4_vpc_delete_subnet", vpc.V4VpcDeleteSubnetRequest(regionID=region, subnetID=env["subnet"]))
    groups = c.call(k.vpc, "v4_vpc_new_query_security_groups", vpc.V4VpcNewQuerySecurityGroupsRequest(regionID=region, vpcID=env["vpc"]))
    for group in groups["securityGroups"]:  # the platform's default group, if a VM made one
        c.call(k.vpc, "v4_vpc_delete_security_group", vpc.V4VpcDeleteSecurityGroupRequest(clientToken=token(), regionID=region, securityGroupID=group["id"]), note="remaining group")
    c.call(k.vpc, "v4_vpc_delete", vpc.V4VpcDeleteRequest(regionID=region, vpcID=env["vpc"]))
    c.call(k.vpc, "v4_vpc_query", vpc.V4VpcQueryRequest(regionID=region, vpcID=env["vpc"]), expect={"Openapi.Vpc.NotFound"}, note="deleted VPC")


def key_pairs(c, k, region, env, emulator):
    imported = c.call(k.ecs, "v4_ecs_keypair_import_keypair", ecs.V4EcsKeypairImportKeypairRequest(regionID=region, keyPairName="py-sdk-imported", publicKey=RSA_PUBLIC_KEY))
    assert imported["keyPairName"] == "py-sdk-imported"
    c.call(k.ecs, "v4_ecs_keypair_import_keypair", ecs.V4EcsKeypairImportKeypairRequest(regionID=region, keyPairName="py-sdk-imported", publicKey=RSA_PUBLIC_KEY), expect=emulator.unknown_codes("keypair-name-taken"), note="duplicate name")
    created = c.call(k.ecs, "v4_ecs_keypair_create_keypair", ecs.V4EcsKeypairCreateKeypairRequest(regionID=region, keyPairName="py-sdk-created"))
    assert created["privateKey"].startswith("-----BEGIN")
    details = c.call(k.ecs, "v4_ecs_keypair_details", ecs.V4EcsKeypairDetailsRequest(regionID=region, keyPairName="py-sdk-imported", pageNo=1, pageSize=10))
    env["keypair"] = details["results"][0]["keyPairID"]
    c.call(k.ecs, "v4_ecs_keypair_delete", ecs.V4EcsKeypairDeleteRequest(regionID=region, keyPairName="py-sdk-created"))
    c.call(k.ecs, "v4_ecs_keypair_delete", ecs.V4EcsKeypairDeleteRequest(regionID=region, keyPairName="py-sdk-created"), expect=emulator.unknown_codes("keypair-not-found"), note="deleted key pair")


def instance(c, k, region, env, emulator):
    nic = ecs.V4EcsCreateInstanceRequestNetworkCardList(isMaster=True, subnetID=env["subnet"])
    created = c.call(k.ecs, "v4_ecs_create_instance", ecs.V4EcsCreateInstanceRequest(
        clientToken=token(), regionID=region, instanceName="py-sdk-vm", displayName="py-sdk-vm", azName=env["az"],
        flavorID=env["flavors"][0], imageType=1, imageID=env["image"], bootDiskType="SATA", bootDiskSize=40,
        vpcID=env["vpc"], onDemand=True, networkCardList=[nic], extIP="0", secGroupList=[env["sg"]], userPassword=PASSWORD))
    instance_id = env["instance"] = wait_order(c, k, created["masterOrderID"])[0]
    c.call(k.ecs, "v4_order_query_uuid", ecs.V4OrderQueryUuidRequest(masterOrderId=created["masterOrderID"]))

    def status_is(wanted):
        def check():
            obj = c.call(k.ecs, "v4_ecs_instance_details", ecs.V4EcsInstanceDetailsRequest(regionID=region, instanceID=instance_id))
            return obj if obj["instanceStatus"] == wanted else None
        return wait_until(check, "instance " + wanted)

    details = status_is("running")
    assert details["networkCardList"][0]["subnetID"] == env["subnet"]
    listed = c.call(k.ecs, "v4_ecs_describe_instances", ecs.V4EcsDescribeInstancesRequest(regionID=region, instanceIDList=instance_id, pageNo=1, pageSize=10))
    assert listed["results"][0]["instanceID"] == instance_id
    updated = c.call(k.ecs, "v4_ecs_batch_update_instances", ecs.V4EcsBatchUpdateInstancesRequest(regionID=region, updateInfo=[ecs.V4EcsBatchUpdateInstancesRequestUpdateInfo(instanceID=instance_id, displayName="py-sdk-renamed")]))
    c.call(k.ecs, "v4_ecs_volume_list", ecs.V4EcsVolumeListRequest(regionID=region, instanceID=instance_id, pageNo=1, pageSize=10))
    c.call(k.ecs, "v4_ecs_reset_password", ecs.V4EcsResetPasswordRequest(regionID=region, instanceID=instance_id, newPassword=NEW_PASSWORD))
    stop = c.call(k.ecs, "v4_ecs_stop_instance", ecs.V4EcsStopInstanceRequest(regionID=region, instanceID=instance_id))
    wait_until(lambda: c.call(k.ecs, "v4_job_info", ecs.V4JobInfoRequest(regionID=region, jobID=stop["jobID"]))["status"] != 0, "stop job")
    status_is("stopped")
    c.call(k.ecs, "v4_ecs_stop_instance", ecs.V4EcsStopInstanceRequest(regionID=region, instanceID=instance_id), expect={"Ecs.Instance.StatusNotRunning"}, note="already stopped")
    change = c.call(k.ecs, "v4_ecs_update_flavor_spec", ecs.V4EcsUpdateFlavorSpecRequest(regionID=region, instanceID=instance_id, flavorID=env["bigger_flavor"], clientToken=token()))
    wait_order(c, k, change["masterOrderID"])
    c.call(k.ecs, "v4_ecs_keypair_attach_instance", ecs.V4EcsKeypairAttachInstanceRequest(regionID=region, keyPairName="py-sdk-imported", instanceID=instance_id))
    c.call(k.ecs, "v4_ecs_keypair_detach_instance", ecs.V4EcsKeypairDetachInstanceRequest(regionID=region, instanceID=instance_id, keyPairName="py-sdk-imported"))
    c.call(k.ecs, "v4_ecs_start_instance", ecs.V4EcsStartInstanceRequest(regionID=region, instanceID=instance_id))
    status_is("running")
    c.call(k.ecs, "v4_ecs_shelve_instance", ecs.V4EcsShelveInstanceRequest(regionID=region, instanceID=instance_id))
    status_is("shelve")
    c.call(k.ecs, "v4_ecs_start_instance", ecs.V4EcsStartInstanceRequest(regionID=region, instanceID=instance_id), note="from shelve")
    status_is("running")
    c.call(k.ecs, "v4_ecs_instance_details", ecs.V4EcsInstanceDetailsRequest(regionID=region, instanceID=str(uuid.uuid4())), expect={"Ecs.Instance.NotFound"}, note="unknown instance")


def public_ip(c, k, region, env, emulator):
    created = c.call(k.eip, "v4_eip_create", eip.V4EipCreateRequest(clientToken=token(), regionID=region, cycleType="on_demand", cycleCount=0, name="py-sdk-eip", bandwidth=5, demandBillingType="bandwidth"))
    eip_id = wait_order(c, k, created["masterOrderID"])[0]
    shown = c.call(k.eip, "v4_eip_show", eip.V4EipShowRequest(regionID=region, eipID=eip_id))
    assert shown["status"] == "DOWN" and shown["bandwidth"] == 5
    c.call(k.eip, "v4_eip_change_name", eip.V4EipChangeNameRequest(clientToken=token(), regionID=region, eipID=eip_id, name="py-sdk-eip2"))
    listed = c.call(k.eip, "v4_eip_new_list", eip.V4EipNewListRequest(clientToken=token(), regionID=region, ids=[eip_id], pageNo=1, pageSize=10))
    assert listed["eips"][0]["name"] == "py-sdk-eip2"
    c.call(k.eip, "v4_eip_associate", eip.V4EipAssociateRequest(clientToken=token(), regionID=region, eipID=eip_id, associationID=env["instance"], associationType=1))
    assert c.call(k.eip, "v4_eip_show", eip.V4EipShowRequest(regionID=region, eipID=eip_id))["status"] == "ACTIVE"
    c.call(k.eip, "v4_eip_delete", eip.V4EipDeleteRequest(clientToken=token(), regionID=region, eipID=eip_id), expect=emulator.unknown_codes("eip-bound"), note="bound EIP")
    c.call(k.eip, "v4_eip_disassociate", eip.V4EipDisassociateRequest(clientToken=token(), regionID=region, eipID=eip_id))
    deleted = c.call(k.eip, "v4_eip_delete", eip.V4EipDeleteRequest(clientToken=token(), regionID=region, eipID=eip_id))
    wait_order(c, k, deleted["masterOrderID"])
    c.call(k.eip, "v4_eip_show", eip.V4EipShowRequest(regionID=region, eipID=eip_id), expect={"Openapi.Eip.NotFound"}, note="released EIP")


def disks(c, k, region, env, emulator):
    request = ebs.V4EbsNewEbsRequest(regionID=region, diskMode="VBD", diskType="SATA", diskName="py-sdk-disk", diskSize=20, clientToken=token(), azName=env["az"], onDemand=True)
    pending = c.call(k.ebs, "v4_ebs_new_ebs", request, expect={"ebs.order.inProgress"}, note="order still provisioning")
    disk_id = wait_order(c, k, pending["returnObj"]["masterOrderID"])[0]
    # The order's completion is the disk's readiness (the Terraform provider attaches right away).
    c.call(k.ebs, "v4_ebs_attach_ebs", ebs.V4EbsAttachEbsRequest(diskID=disk_id, instanceID=env["instance"], regionID=region), note="right after the order")
    info = wait_until(lambda: (lambda d: d if d["diskStatus"] == "in-use" else None)(c.call(k.ebs, "v4_ebs_info_ebs", ebs.V4EbsInfoEbsRequest(diskID=disk_id, regionID=region))), "attached")
    assert info["instanceID"] == env["instance"]
    c.call(k.ebs, "v4_ebs_info_by_name_ebs", ebs.V4EbsInfoByNameEbsRequest(regionID=region, diskName="py-sdk-disk"))
    listed = c.call(k.ebs, "v4_ebs_list_ebs", ebs.V4EbsListEbsRequest(regionID=region, pageNo=1, pageSize=10, diskStatus="in-use"))
    assert disk_id in [d["diskID"] for d in listed["diskList"]]
    c.call(k.ebs, "v4_ebs_update_attr_ebs", ebs.V4EbsUpdateAttrEbsRequest(diskID=disk_id, diskName="py-sdk-disk2", regionID=region))
    c.call(k.ebs, "v4_ebs_refund_ebs", ebs.V4EbsRefundEbsRequest(diskID=disk_id, clientToken=token(), regionID=region), expect=emulator.unknown_codes("disk-attached"), note="attached disk")
    c.call(k.ebs, "v4_ebs_detach_ebs", ebs.V4EbsDetachEbsRequest(diskID=disk_id, regionID=region, instanceID=env["instance"]))
    wait_until(lambda: c.call(k.ebs, "v4_ebs_info_ebs", ebs.V4EbsInfoEbsRequest(diskID=disk_id, regionID=region))["diskStatus"] == "available", "detached")
    emulator.timing("ebsOrder", {"mode": "immediate"})
    resized = c.call(k.ebs, "v4_ebs_resize_ebs", ebs.V4EbsResizeEbsRequest(diskSize=30, diskID=disk_id, regionID=region, clientToken=token()), note="order finished in the request")
    assert resized["masterOrderID"]
    second = c.call(k.ebs, "v4_ebs_new_ebs", ebs.V4EbsNewEbsRequest(regionID=region, diskMode="VBD", diskType="SSD", diskName="py-sdk-disk3", diskSize=10, clientToken=token(), azName=env["az"]), note="order finished in the request")
    second_id = second["resources"][0]["diskID"]
    emulator.control("PUT", "/_emulator/transitions", {"profile": "fast"})  # drops the override
    for disk in (disk_id, second_id):
        refund = c.call(k.ebs, "v4_ebs_refund_ebs", ebs.V4EbsRefundEbsRequest(diskID=disk, clientToken=token(), regionID=region))
        wait_order(c, k, refund["masterOrderID"])
    c.call(k.ebs, "v4_ebs_info_ebs", ebs.V4EbsInfoEbsRequest(diskID=disk_id, regionID=region), expect={"ebs.ebsInfo.dataDamaged"}, note="refunded disk")


def teardown_instance(c, k, region, env, emulator):
    refund = c.call(k.ecs, "v4_ecs_unsubscribe_instance", ecs.V4EcsUnsubscribeInstanceRequest(clientToken=token(), regionID=region, instanceID=env["instance"]))
    wait_order(c, k, refund["masterOrderID"])
    c.call(k.ecs, "v4_ecs_instance_details", ecs.V4EcsInstanceDetailsRequest(regionID=region, instanceID=env["instance"]), expect={"Ecs.Instance.NotFound"}, note="unsubscribed on-demand VM")
    c.call(k.ecs, "v4_ecs_keypair_delete", ecs.V4EcsKeypairDeleteRequest(regionID=region, keyPairName="py-sdk-imported"))


def subscription(c, k, region, env, emulator):
    """A monthly VM: unsubscribe leaves it `unsubscribed`, destroy removes it."""
    nic = ecs.V4EcsCreateInstanceRequestNetworkCardList(isMaster=True, subnetID=env["subnet"])
    created = c.call(k.ecs, "v4_ecs_create_instance", ecs.V4EcsCreateInstanceRequest(
        clientToken=token(), regionID=region, instanceName="py-sdk-monthly", displayName="py-sdk-monthly", azName=env["az"],
        flavorID=env["flavors"][0], imageType=1, imageID=env["image"], bootDiskType="SSD", bootDiskSize=40, vpcID=env["vpc"],
        onDemand=False, cycleType="MONTH", cycleCount=1, networkCardList=[nic], extIP="0", keyPairID=env["keypair"]), note="subscription")
    instance_id = wait_order(c, k, created["masterOrderID"])[0]
    wait_until(lambda: c.call(k.ecs, "v4_ecs_instance_details", ecs.V4EcsInstanceDetailsRequest(regionID=region, instanceID=instance_id))["instanceStatus"] == "running", "running")
    refund = c.call(k.ecs, "v4_ecs_unsubscribe_instance", ecs.V4EcsUnsubscribeInstanceRequest(clientToken=token(), regionID=region, instanceID=instance_id), note="subscription")
    wait_order(c, k, refund["masterOrderID"])
    destroyed = c.call(k.ecs, "v4_ecs_destroy_instance", ecs.V4EcsDestroyInstanceRequest(clientToken=token(), regionID=region, instanceID=instance_id))
    wait_order(c, k, destroyed["masterOrderID"])


def main():
    base, ak, sk, region, results = sys.argv[1:6]
    emulator = Emulator(base)
    k = Clients(base, ak, sk)
    env = {}
    emulator.control("POST", "/_emulator/reset")
    with open(results, "w", encoding="utf-8") as out:
        c = Conformance(out)
        c.run("catalog", catalog, k, region, env)
        c.run("network", network, k, region, env, emulator)
        c.run("route-tables", route_tables, k, region, env, emulator)
        c.run("key-pairs", key_pairs, k, region, env, emulator)
        c.run("instance", instance, k, region, env, emulator)
        c.run("public-ip", public_ip, k, region, env, emulator)
        c.run("disks", disks, k, region, env, emulator)
        c.run("subscription", subscription, k, region, env, emulator)
        public_ips = types.SimpleNamespace(client=k.eip, models=eip)
        c.run("load-balancing", elb_scenarios.load_balancing, elb_scenarios.ElbClient(base, ak, sk), region, env, emulator, public_ips, lambda order: wait_order(c, k, order))
        c.run("scaling", scaling, k, region, env, emulator)
        c.run("disk-snapshots", family.disk_snapshots, k, region, env, emulator)
        c.run("snapshot-policies", family.snapshot_policies, k, region, env, emulator)
        c.run("private-images", family.private_images, k, region, env, emulator)
        c.run("affinity-groups", family.affinity_groups, k, region, env, emulator)
        c.run("teardown-from-image", family.teardown_from_image, k, region, env, emulator)
        c.run("teardown-instance", teardown_instance, k, region, env, emulator)
        c.run("teardown-network", teardown_network, k, region, env, emulator)
    sys.exit(1 if c.failed else 0)


if __name__ == "__main__":
    main()
