"""Auto-scaling conformance scenario: CTyun's official ctyunsdk-scaling20220909 client, unmodified,
against the emulator (configs, a group that launches and releases VMs, rules, moving VMs in and out).
Called from scenarios.py; the group's VMs come from the ECS service, its network from the VPC client."""
import contextlib
import io
import uuid

from ctyunsdk_scaling20220909 import models as sc
from ctyunsdk_vpc20220909 import models as vpc

from harness import wait_until

PASSWORD = "Pulumi#Ctyun7x"


def token():
    return str(uuid.uuid4())


def scaling(c, k, region, env, emulator):
    net = c.call(k.vpc, "vpc_create", vpc.VpcCreateRequest(clientToken=token(), regionID=region, name="py-sdk-as-vpc", CIDR="10.30.0.0/16"), note="for scaling")["vpcID"]
    subnet = c.call(k.vpc, "v4_vpc_create_subnet", vpc.V4VpcCreateSubnetRequest(clientToken=token(), regionID=region, vpcID=net, name="py-sdk-as-subnet", CIDR="10.30.1.0/24"), note="for scaling")["subnetID"]
    sg = c.call(k.vpc, "v4_vpc_create_security_group", vpc.V4VpcCreateSecurityGroupRequest(clientToken=token(), regionID=region, vpcID=net, name="py-sdk-as-sg"), note="for scaling")["securityGroupID"]

    volumes = [sc.V4ScalingConfigCreateRequestVolumes(volumeType="SATA", volumeSize=40, flag=1), sc.V4ScalingConfigCreateRequestVolumes(volumeType="SSD", volumeSize=20, flag=2, diskMode="VBD")]
    config_id = c.call(k.scaling, "v4_scaling_config_create", sc.V4ScalingConfigCreateRequest(
        regionID=region, name="py-sdk-cfg", imageID=env["image"], specName="s7.large.2", volumes=volumes, useFloatings=1, loginMode=1,
        username="root", password=PASSWORD, azNames=[env["az"]], tags=[sc.V4ScalingConfigCreateRequestTags(key="sdk", value="python")]))["id"]
    configs = c.call(k.scaling, "v4_scaling_config_list", sc.V4ScalingConfigListRequest(regionID=region, configID=config_id))
    assert configs[0]["name"] == "py-sdk-cfg"
    c.call(k.scaling, "v4_scaling_config_list", sc.V4ScalingConfigListRequest(regionID=region, pageNo=1, pageSize=10), note="every config")
    c.call(k.scaling, "v4_scaling_config_update", sc.V4ScalingConfigUpdateRequest(regionID=region, configID=config_id, name="py-sdk-cfg2", monitorService=False))
    c.call(k.scaling, "v4_scaling_config_list", sc.V4ScalingConfigListRequest(regionID=region, configID=999999), expect=emulator.unknown_codes("scaling-config-not-found"), note="unknown config")

    group_id = c.call(k.scaling, "v4_scaling_group_create", sc.V4ScalingGroupCreateRequest(
        regionID=region, securityGroupIDList=[sg], recoveryMode=1, name="py-sdk-group", healthMode=1, moveOutStrategy=3, useLb=2, vpcID=net,
        minCount=1, maxCount=3, expectedCount=1, healthPeriod=300, subnetIDList=[subnet], configList=[config_id], azStrategy=1))["groupID"]

    def settled():
        members = c.call(k.scaling, "v4_scaling_group_query_instance_list", sc.V4ScalingGroupQueryInstanceListRequest(regionID=region, groupID=group_id, pageNo=1, pageSize=10))["instanceList"]
        return members if all(m["status"] == 1 for m in members) else None

    def count_is(n):
        def check():
            members = settled()
            return members if members is not None and len(members) == n else None
        return check

    members = wait_until(count_is(1), "the group's first VM")
    # py's list model types instanceList[].instanceID as an integer, its detail model and TF as a string (a VM
    # UUID): the emulator answers strings, on which the py list model raises, so it is driven with a filter that
    # selects no activity (api-notes/scaling.md §4). The detail call reads the first activity (ids from 40001).
    assert c.call(k.scaling, "v4_scaling_group_query_activities_list", sc.V4ScalingGroupQueryActivitiesListRequest(regionID=region, groupID=group_id, activeIDs=[1], pageNo=1, pageSize=10), note="no activity selected")["activeList"] == []
    detail = c.call(k.scaling, "v4_scaling_group_query_activity_detail", sc.V4ScalingGroupQueryActivityDetailRequest(regionID=region, groupID=group_id, activeID=40001))
    assert detail["executionResult"] == 1 and detail["executionMode"] == 5
    listed = c.call(k.scaling, "v4_scaling_group_list", sc.V4ScalingGroupListRequest(regionID=region, groupID=group_id))
    assert listed["scalingGroups"][0]["instanceCount"] == 1
    c.call(k.scaling, "v4_scaling_group_list", sc.V4ScalingGroupListRequest(regionID=region, pageNo=1, pageSize=10), note="every group")
    c.call(k.scaling, "v4_scaling_group_list", sc.V4ScalingGroupListRequest(regionID=region, groupID=999999), expect=emulator.unknown_codes("scaling-group-not-found"), note="unknown group")
    c.call(k.scaling, "v4_scaling_group_query_load_balancer_list", sc.V4ScalingGroupQueryLoadBalancerListRequest(regionID=region, groupID=group_id, pageNo=1, pageSize=10))

    c.call(k.scaling, "v4_scaling_group_update", sc.V4ScalingGroupUpdateRequest(regionID=region, groupID=group_id, expectedCount=2, healthPeriod=600))
    wait_until(count_is(2), "the group's second VM")
    c.call(k.scaling, "v4_scaling_group_disable", sc.V4ScalingGroupDisableRequest(regionID=region, groupID=group_id))
    c.call(k.scaling, "v4_scaling_group_enable", sc.V4ScalingGroupEnableRequest(regionID=region, groupID=group_id))
    c.call(k.scaling, "v4_scaling_group_enable_protection", sc.V4ScalingGroupEnableProtectionRequest(regionID=region, groupID=group_id))
    c.call(k.scaling, "v4_scaling_group_disable_protection", sc.V4ScalingGroupDisableProtectionRequest(regionID=region, groupID=group_id))

    rule_id = c.call(k.scaling, "v4_scaling_rule_create", sc.V4ScalingRuleCreateRequest(
        regionID=region, groupID=group_id, name="py-sdk-rule", type=2, operateUnit=1, operateCount=1, action=2, executionTime="2099-01-01 08:00:00"))["ruleID"]
    rules = c.call(k.scaling, "v4_scaling_rule_list", sc.V4ScalingRuleListRequest(regionID=region, groupID=group_id, pageNo=1, pageSize=10))
    assert rules["ruleList"][0]["ruleID"] == rule_id
    c.call(k.scaling, "v4_scaling_rule_update", sc.V4ScalingRuleUpdateRequest(regionID=region, groupID=group_id, ruleID=rule_id, name="py-sdk-rule2"))
    c.call(k.scaling, "v4_scaling_rule_stop", sc.V4ScalingRuleStopRequest(regionID=region, groupID=group_id, ruleID=rule_id))
    c.call(k.scaling, "v4_scaling_rule_start", sc.V4ScalingRuleStartRequest(regionID=region, groupID=group_id, ruleID=rule_id))
    c.call(k.scaling, "v4_scaling_rule_execute", sc.V4ScalingRuleExecuteRequest(regionID=region, groupID=group_id, ruleID=rule_id), note="down by one")
    members = wait_until(count_is(1), "the group back to one VM")
    c.call(k.scaling, "v4_scaling_rule_delete", sc.V4ScalingRuleDeleteRequest(regionID=region, groupID=group_id, ruleID=rule_id))
    c.call(k.scaling, "v4_scaling_rule_delete", sc.V4ScalingRuleDeleteRequest(regionID=region, groupID=group_id, ruleID=rule_id), expect=emulator.unknown_codes("scaling-rule-not-found"), note="deleted rule")

    vm = members[0]["instanceID"]
    c.call(k.scaling, "v4_scaling_group_update", sc.V4ScalingGroupUpdateRequest(regionID=region, groupID=group_id, minCount=0), note="minCount 0")
    c.call(k.scaling, "v4_scaling_group_instance_move_out", sc.V4ScalingGroupInstanceMoveOutRequest(regionID=region, groupID=group_id, instanceIDList=[vm]), expect=None, note="keeps the VM")
    moved = c.call(k.scaling, "v4_scaling_group_instance_move_in", sc.V4ScalingGroupInstanceMoveInRequest(regionID=region, groupID=group_id, instanceUUIDList=[vm]))
    c.call(k.scaling, "v4_scaling_group_instance_move_out_release", sc.V4ScalingGroupInstanceMoveOutReleaseRequest(regionID=region, groupID=group_id, instanceIDList=moved["instanceIDList"]), note="releases the VM")

    c.call(k.scaling, "v4_scaling_config_delete", sc.V4ScalingConfigDeleteRequest(regionID=region, configID=config_id), expect=emulator.unknown_codes("scaling-config-in-use"), note="config in use")
    c.call(k.scaling, "v4_scaling_group_delete", sc.V4ScalingGroupDeleteRequest(regionID=region, groupID=group_id, force=True))

    def gone():
        # A poll either way (listed while it releases its VMs, then NotExists): not a judged call.
        with contextlib.redirect_stdout(io.StringIO()):
            return k.scaling.v4_scaling_group_list(sc.V4ScalingGroupListRequest(regionID=region, groupID=group_id)).statusCode == 900

    wait_until(gone, "the group and its VMs to go")
    c.call(k.scaling, "v4_scaling_group_list", sc.V4ScalingGroupListRequest(regionID=region, groupID=group_id), expect=emulator.unknown_codes("scaling-group-not-found"), note="deleted group")
    c.call(k.scaling, "v4_scaling_config_delete", sc.V4ScalingConfigDeleteRequest(regionID=region, configID=config_id))
    c.call(k.vpc, "v4_vpc_delete_subnet", vpc.V4VpcDeleteSubnetRequest(regionID=region, subnetID=subnet), note="after the group")
    c.call(k.vpc, "v4_vpc_delete_security_group", vpc.V4VpcDeleteSecurityGroupRequest(clientToken=token(), regionID=region, securityGroupID=sg), note="after the group")
    c.call(k.vpc, "v4_vpc_delete", vpc.V4VpcDeleteRequest(regionID=region, vpcID=net), note="after the group")
