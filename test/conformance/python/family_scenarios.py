"""Conformance scenarios for issue 14's family: EBS snapshots and snapshot policies (ctyunsdk_ebs20220909),
private images and their sharing (ctyunsdk_image20220909), affinity groups (ctyunsdk_ecs20220909).
The Python SDK has no ECS instance snapshot calls (the Go SDK and Terraform do); those are not here.
Called from scenarios.py after the `instance` scenario (env: az, subnet, vpc, sg, flavors, instance).
"""
import uuid

from ctyunsdk_ebs20220909 import models as ebs
from ctyunsdk_ecs20220909 import models as ecs
from ctyunsdk_image20220909 import models as image

from harness import StepFailed, wait_until

OTHER_ACCOUNT = "0123456789abcdef0123456789abcdef"
# The emulator's code for an invalid parameter (emulator/errors.ts InvalidParameterError).
INVALID_PARAMETER = {"Openapi.Parameter.Invalid"}


def token():
    return str(uuid.uuid4())


def _wait_order(c, k, master_order_id):
    def done():
        obj = c.call(k.ecs, "v4_ecs_order_query_uuid", ecs.V4EcsOrderQueryUuidRequest(masterOrderID=master_order_id))
        return obj if obj["orderStatus"] != "14" else None
    obj = wait_until(done, "order " + master_order_id)
    if obj["orderStatus"] != "3":
        raise StepFailed("order", ["order %s ended %s" % (master_order_id, obj["orderStatus"])])
    return obj["instanceIDList"]


def _snapshot_named(c, k, region, disk_id, name, status="available"):
    def found():
        listed = c.call(k.ebs, "v4_ebs_snapshot_list_ebs_snap", ebs.V4EbsSnapshotListEbsSnapRequest(regionID=region, diskID=disk_id, snapshotName=name))
        return next((s for s in listed["snapshotList"] if s["snapshotName"] == name and s["snapshotStatus"] == status), None)
    return wait_until(found, "snapshot %s %s" % (name, status))


def _disk_status(c, k, region, disk_id):
    return c.call(k.ebs, "v4_ebs_info_ebs", ebs.V4EbsInfoEbsRequest(diskID=disk_id, regionID=region))["diskStatus"]


def disk_snapshots(c, k, region, env, emulator):
    pending = c.call(k.ebs, "v4_ebs_new_ebs", ebs.V4EbsNewEbsRequest(regionID=region, diskMode="VBD", diskType="SATA", diskName="py-sdk-snapdisk", diskSize=20, clientToken=token(), azName=env["az"], onDemand=True), expect={"ebs.order.inProgress"}, note="for snapshots")
    disk_id = env["snap_disk"] = _wait_order(c, k, pending["returnObj"]["masterOrderID"])[0]
    wait_until(lambda: _disk_status(c, k, region, disk_id) == "available", "disk available")

    # A disk's first snapshot opens its snapshot billing item through an order; later ones are jobs.
    first = c.call(k.ebs, "v4_ebs_snapshot_create_ebs_snap", ebs.V4EbsSnapshotCreateEbsSnapRequest(regionID=region, snapshotName="py-sdk-snap1", diskID=disk_id, retentionPolicy="custom", retentionTime=7, clientToken=token()), expect={"ebs.order.inProgress"}, note="first snapshot: order")
    first_id = _wait_order(c, k, first["returnObj"]["masterOrderID"])[0]
    listed = _snapshot_named(c, k, region, disk_id, "py-sdk-snap1")
    assert listed["snapshotID"] == first_id and listed["retentionTime"] == 7 and listed["volumeSize"] == 20, listed
    second = c.call(k.ebs, "v4_ebs_snapshot_create_ebs_snap", ebs.V4EbsSnapshotCreateEbsSnapRequest(regionID=region, snapshotName="py-sdk-snap2", diskID=disk_id, retentionPolicy="forever", clientToken=token()), note="later snapshot: job")
    assert second["snapshotJobID"], second
    second_id = _snapshot_named(c, k, region, disk_id, "py-sdk-snap2")["snapshotID"]
    c.call(k.ebs, "v4_ebs_snapshot_create_ebs_snap", ebs.V4EbsSnapshotCreateEbsSnapRequest(regionID=region, snapshotName="py-sdk-snap2", diskID=disk_id, retentionPolicy="forever", clientToken=token()), expect=emulator.unknown_codes("snapshot-name-taken"), note="name taken")
    paged = c.call(k.ebs, "v4_ebs_snapshot_list_ebs_snap", ebs.V4EbsSnapshotListEbsSnapRequest(regionID=region, diskID=disk_id, maxResults=1), note="token paging")
    assert len(paged["snapshotList"]) == 1 and paged["nextToken"], paged
    c.call(k.ebs, "v4_ebs_snapshot_list_ebs_snap", ebs.V4EbsSnapshotListEbsSnapRequest(regionID=region, diskID=disk_id, maxResults=1, nextToken=paged["nextToken"]), note="next page")

    # A disk made from a snapshot is at least the snapshot's size.
    c.call(k.ebs, "v4_ebs_new_from_snapshot_ebs_snap", ebs.V4EbsNewFromSnapshotEbsSnapRequest(snapshotID=first_id, regionID=region, diskMode="VBD", diskName="py-sdk-clone", diskSize=10, clientToken=token(), onDemand=True), expect=INVALID_PARAMETER, note="smaller than the snapshot")
    clone = c.call(k.ebs, "v4_ebs_new_from_snapshot_ebs_snap", ebs.V4EbsNewFromSnapshotEbsSnapRequest(snapshotID=first_id, regionID=region, diskMode="VBD", diskName="py-sdk-clone", diskSize=30, clientToken=token(), onDemand=True), expect={"ebs.order.inProgress"}, note="order")
    clone_id = _wait_order(c, k, clone["returnObj"]["masterOrderID"])[0]
    wait_until(lambda: _disk_status(c, k, region, clone_id) == "available", "clone available")
    refund = c.call(k.ebs, "v4_ebs_refund_ebs", ebs.V4EbsRefundEbsRequest(diskID=clone_id, clientToken=token(), regionID=region), note="clone")
    _wait_order(c, k, refund["masterOrderID"])

    deleted = c.call(k.ebs, "v4_ebs_snapshot_delete_ebs_snap", ebs.V4EbsSnapshotDeleteEbsSnapRequest(regionID=region, snapshotIDs=[second_id], diskID=disk_id))
    assert deleted["notFoundList"] in (None, []), deleted

    def gone():
        listed = c.call(k.ebs, "v4_ebs_snapshot_list_ebs_snap", ebs.V4EbsSnapshotListEbsSnapRequest(regionID=region, snapshotID=second_id))
        return listed["snapshotTotal"] == 0
    wait_until(gone, "snapshot deleted")


def snapshot_policies(c, k, region, env, emulator):
    disk_id = env["snap_disk"]
    created = c.call(k.ebs, "v4_ebs_snapshot_create_policy_ebs_snap", ebs.V4EbsSnapshotCreatePolicyEbsSnapRequest(regionID=region, snapshotPolicyName="py-sdk-policy", repeatWeekdays="1,3,5", repeatTimes="2,14", retentionTime=7, isEnabled=True))
    policy_id = created["snapshotPolicyID"]
    c.call(k.ebs, "v4_ebs_snapshot_create_policy_ebs_snap", ebs.V4EbsSnapshotCreatePolicyEbsSnapRequest(regionID=region, snapshotPolicyName="py-sdk-policy", repeatWeekdays="1", repeatTimes="2", retentionTime=7), expect=emulator.unknown_codes("snapshot-policy-name-taken"), note="name taken")
    c.call(k.ebs, "v4_ebs_snapshot_modify_policy_ebs_snap", ebs.V4EbsSnapshotModifyPolicyEbsSnapRequest(regionID=region, snapshotPolicyID=policy_id, snapshotPolicyName="py-sdk-policy2", repeatTimes="3"))
    c.call(k.ebs, "v4_ebs_snapshot_modify_policy_status_ebs_snap", ebs.V4EbsSnapshotModifyPolicyStatusEbsSnapRequest(regionID=region, snapshotPolicyID=policy_id, targetStatus="nonactivated"))
    c.call(k.ebs, "v4_ebs_snapshot_apply_policy_ebs_snap", ebs.V4EbsSnapshotApplyPolicyEbsSnapRequest(regionID=region, snapshotPolicyID=policy_id, targetDiskIDs=disk_id))
    queried = c.call(k.ebs, "v4_ebs_snapshot_query_policy_ebs_snap", ebs.V4EbsSnapshotQueryPolicyEbsSnapRequest(regionID=region, snapshotPolicyID=policy_id))
    policy = queried["snapshotPolicyList"][0]
    assert (policy["snapshotPolicyName"], policy["repeatTimes"], policy["snapshotPolicyStatus"], policy["boundDiskNum"]) == ("py-sdk-policy2", "3", "deactivated", 1), policy
    c.call(k.ebs, "v4_ebs_snapshot_query_policy_ebs_snap", ebs.V4EbsSnapshotQueryPolicyEbsSnapRequest(regionID=region, snapshotPolicyName="py-sdk-policy2"), note="by name")
    c.call(k.ebs, "v4_ebs_snapshot_delete_policy_ebs_snap", ebs.V4EbsSnapshotDeletePolicyEbsSnapRequest(regionID=region, snapshotPolicyID=policy_id), expect=emulator.unknown_codes("snapshot-policy-in-use"), note="applied to a disk")
    c.call(k.ebs, "v4_ebs_snapshot_cancel_policy_ebs_snap", ebs.V4EbsSnapshotCancelPolicyEbsSnapRequest(regionID=region, targetDiskIDs=disk_id))
    c.call(k.ebs, "v4_ebs_snapshot_delete_policy_ebs_snap", ebs.V4EbsSnapshotDeletePolicyEbsSnapRequest(regionID=region, snapshotPolicyID=policy_id))
    # The disk's snapshots go with it.
    refund = c.call(k.ebs, "v4_ebs_refund_ebs", ebs.V4EbsRefundEbsRequest(diskID=disk_id, clientToken=token(), regionID=region), note="disk with snapshots")
    _wait_order(c, k, refund["masterOrderID"])


def _instance_status(c, k, region, instance_id):
    return c.call(k.ecs, "v4_ecs_instance_details", ecs.V4EcsInstanceDetailsRequest(regionID=region, instanceID=instance_id))["instanceStatus"]


def _image(c, k, region, image_id):
    return c.call(k.image, "v4_image_detail", image.V4ImageDetailRequest(imageID=image_id, regionID=region))["images"][0]


def private_images(c, k, region, env, emulator):
    vm = env["instance"]
    stop = c.call(k.ecs, "v4_ecs_stop_instance", ecs.V4EcsStopInstanceRequest(regionID=region, instanceID=vm), note="to make an image")
    wait_until(lambda: c.call(k.ecs, "v4_job_info", ecs.V4JobInfoRequest(regionID=region, jobID=stop["jobID"]))["status"] != 0, "stop job")
    wait_until(lambda: _instance_status(c, k, region, vm) == "stopped", "stopped")
    created = c.call(k.image, "v4_image_create", image.V4ImageCreateRequest(imageName="py-sdk-image", instanceID=vm, regionID=region, description="golden"))
    image_id = created["images"][0]["imageID"]
    c.call(k.image, "v4_image_create", image.V4ImageCreateRequest(imageName="py-sdk-image", instanceID=vm, regionID=region), expect=emulator.unknown_codes("image-name-taken"), note="name taken")
    active = wait_until(lambda: (lambda i: i if i["status"] == "active" else None)(_image(c, k, region, image_id)), "image active")
    assert active["sourceServerID"] == vm and active["diskSize"] == 40, active
    private = c.call(k.image, "v4_image_list", image.V4ImageListRequest(regionID=region, imageVisibilityCode=0, pageNo=1, pageSize=50), note="private images")
    assert [i["imageID"] for i in private["images"]] == [image_id], private
    c.call(k.image, "v4_image_update", image.V4ImageUpdateRequest(imageID=image_id, regionID=region, imageName="py-sdk-image2", description="renamed"))
    assert _image(c, k, region, image_id)["imageName"] == "py-sdk-image2"

    c.call(k.image, "v4_image_shared_image_create", image.V4ImageSharedImageCreateRequest(destinationAccountID=OTHER_ACCOUNT, imageID=image_id, regionID=region))
    shares = c.call(k.image, "v4_image_show_shared_list", image.V4ImageShowSharedListRequest(imageID=image_id, regionID=region, pageNo="1", pageSize="10"))
    assert [(s["destinationAccountID"], s["status"]) for s in shares["images"]] == [(OTHER_ACCOUNT, "waiting")], shares
    c.call(k.image, "v4_image_shared_image_delete", image.V4ImageSharedImageDeleteRequest(imageID=image_id, regionID=region, destinationAccountID=OTHER_ACCOUNT))

    # A VM being created from the image holds it; the VM made from it does not.
    c.call(k.ecs, "v4_ecs_start_instance", ecs.V4EcsStartInstanceRequest(regionID=region, instanceID=vm), note="after the image")
    nic = ecs.V4EcsCreateInstanceRequestNetworkCardList(isMaster=True, subnetID=env["subnet"])
    booted = c.call(k.ecs, "v4_ecs_create_instance", ecs.V4EcsCreateInstanceRequest(
        clientToken=token(), regionID=region, instanceName="py-sdk-from-image", displayName="py-sdk-from-image", azName=env["az"],
        flavorID=env["flavors"][0], imageType=0, imageID=image_id, bootDiskType="SATA", bootDiskSize=40,
        vpcID=env["vpc"], onDemand=True, networkCardList=[nic], extIP="0", secGroupList=[env["sg"]], userPassword="Pulumi#Ctyun7x"), note="private image")
    c.call(k.image, "v4_image_delete", image.V4ImageDeleteRequest(imageID=image_id, regionID=region), expect=emulator.unknown_codes("image-in-use"), note="a VM being created from it")
    from_image = _wait_order(c, k, booted["masterOrderID"])[0]
    c.call(k.image, "v4_image_delete", image.V4ImageDeleteRequest(imageID=image_id, regionID=region))

    def deleted():
        obj = c.call(k.image, "v4_image_list", image.V4ImageListRequest(regionID=region, imageVisibilityCode=0, pageNo=1, pageSize=50), note="until deleted")
        return image_id not in [i["imageID"] for i in obj["images"]]
    wait_until(deleted, "image deleted")
    c.call(k.image, "v4_image_detail", image.V4ImageDetailRequest(imageID=image_id, regionID=region), expect={"Image.ImageCheck.NotFound"}, note="deleted image")
    wait_until(lambda: _instance_status(c, k, region, from_image) == "running", "VM from the image running")
    env["from_image"] = from_image
    wait_until(lambda: _instance_status(c, k, region, vm) == "running", "running again")


def affinity_groups(c, k, region, env, emulator):
    vm = env["from_image"]
    group = c.call(k.ecs, "v4_ecs_affinity_group_create", ecs.V4EcsAffinityGroupCreateRequest(regionID=region, affinityGroupName="py-sdk-group", policyType=2))
    group_id = group["affinityGroupID"]
    listed = c.call(k.ecs, "v4_ecs_affinity_group_list", ecs.V4EcsAffinityGroupListRequest(regionID=region, affinityGroupID=group_id, pageNo=1, pageSize=10))
    assert listed["results"][0]["affinityGroupName"] == "py-sdk-group", listed
    c.call(k.ecs, "v4_ecs_affinity_group_list", ecs.V4EcsAffinityGroupListRequest(regionID=region, queryContent="py-sdk"), note="by name")
    c.call(k.ecs, "v4_ecs_affinity_group_update", ecs.V4EcsAffinityGroupUpdateRequest(regionID=region, affinityGroupID=group_id, affinityGroupName="py-sdk-group2"))
    c.call(k.ecs, "v4_ecs_affinity_group_bind_instance_check", ecs.V4EcsAffinityGroupBindInstanceCheckRequest(regionID=region, instanceID=vm, affinityGroupID=group_id))
    c.call(k.ecs, "v4_ecs_affinity_group_bind_instance", ecs.V4EcsAffinityGroupBindInstanceRequest(regionID=region, instanceID=vm, affinityGroupID=group_id))

    def bound():
        details = c.call(k.ecs, "v4_ecs_affinity_group_details", ecs.V4EcsAffinityGroupDetailsRequest(regionID=region, instanceID=vm))
        return details if details and details.get("affinityGroupID") == group_id else None
    wait_until(bound, "bound")
    members = c.call(k.ecs, "v4_ecs_affinity_group_list_instance", ecs.V4EcsAffinityGroupListInstanceRequest(regionID=region, affinityGroupID=group_id, pageNo=1, pageSize=10))
    assert [m["instanceID"] for m in members["results"]] == [vm], members
    c.call(k.ecs, "v4_ecs_affinity_group_delete", ecs.V4EcsAffinityGroupDeleteRequest(regionID=region, affinityGroupID=group_id), expect=emulator.unknown_codes("affinity-group-in-use"), note="with a VM")
    c.call(k.ecs, "v4_ecs_affinity_group_unbind_instance", ecs.V4EcsAffinityGroupUnbindInstanceRequest(regionID=region, instanceID=vm, affinityGroupID=group_id))

    def unbound():
        members = c.call(k.ecs, "v4_ecs_affinity_group_list_instance", ecs.V4EcsAffinityGroupListInstanceRequest(regionID=region, affinityGroupID=group_id, pageNo=1, pageSize=10), note="until unbound")
        return not members["results"]
    wait_until(unbound, "unbound")
    c.call(k.ecs, "v4_ecs_affinity_group_bind_instance", ecs.V4EcsAffinityGroupBindInstanceRequest(regionID=region, instanceID=vm, affinityGroupID=group_id), note="again")
    wait_until(bound, "bound again")
    c.call(k.ecs, "v4_ecs_affinity_group_unbind_instances", ecs.V4EcsAffinityGroupUnbindInstancesRequest(regionID=region, instanceIDs=vm, affinityGroupID=group_id))
    wait_until(unbound, "unbound (batch)")
    c.call(k.ecs, "v4_ecs_affinity_group_delete", ecs.V4EcsAffinityGroupDeleteRequest(regionID=region, affinityGroupID=group_id))


def teardown_from_image(c, k, region, env, emulator):
    refund = c.call(k.ecs, "v4_ecs_unsubscribe_instance", ecs.V4EcsUnsubscribeInstanceRequest(clientToken=token(), regionID=region, instanceID=env["from_image"]), note="VM from a private image")
    _wait_order(c, k, refund["masterOrderID"])
