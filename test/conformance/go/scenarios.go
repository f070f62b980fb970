package main

import (
	"encoding/json"
	"fmt"
	"io/ioutil"

	ctyunsdk "github.com/ctyun-it/ctyun-sdk-go/ctyun-sdk-core"
	"github.com/ctyun-it/ctyun-sdk-go/ctyun-sdk-endpoint/ctebs"
	"github.com/ctyun-it/ctyun-sdk-go/ctyun-sdk-endpoint/ctecs"
	"github.com/ctyun-it/ctyun-sdk-go/ctyun-sdk-endpoint/ctimage"
	"github.com/ctyun-it/ctyun-sdk-go/ctyun-sdk-endpoint/ctvpc"
)

const password = "Pulumi#Ctyun7x"

// ctvpc keeps these two operations' request builders unexported; their method and path as the SDK's
// vpc_delete.go and subnet_delete.go set them.
var (
	vpcDeleteRoute    = ctyunsdk.CtyunRequestBuilder{Method: "POST", UrlPath: "/v4/vpc/delete"}
	subnetDeleteRoute = ctyunsdk.CtyunRequestBuilder{Method: "POST", UrlPath: "/v4/vpc/delete-subnet"}
)

// must ends the scenario with a recorded failure when an answer's content is wrong.
func (r *run) must(condition bool, what string) {
	if !condition {
		r.failed++
		_ = r.out.Encode(result{Client: "go-sdk", Scenario: r.scenario, Note: what, Problems: []string{"assertion failed: " + what}})
		panic(stepFailed{"assertion failed: " + what})
	}
}

// waitOrder polls the ECS order API until the order leaves "14"; returns its resource ids.
func waitOrder(r *run, apis sdk, masterOrderID string) []string {
	var ids []string
	waitFor("order "+masterOrderID, func() bool {
		resp, err := apis.ecs.EcsOrderQueryUuidApi.Do(r.ctx, r.credential, &ctecs.EcsOrderQueryUuidRequest{MasterOrderId: s(masterOrderID)})
		r.record("ctecs", "EcsOrderQueryUuidApi", apis.ecs.EcsOrderQueryUuidApi.CtyunRequestBuilder, "", err, nil)
		if resp.OrderStatus == "14" {
			return false
		}
		r.must(resp.OrderStatus == "3", "order "+masterOrderID+" ended "+resp.OrderStatus)
		ids = resp.InstanceIDList
		return true
	})
	return ids
}

func catalog(r *run, apis sdk, region string, env map[string]string) {
	regions, err := apis.ecs.RegionListApi.Do(r.ctx, r.credential, &ctecs.RegionListRequest{})
	r.record("ctecs", "RegionListApi", apis.ecs.RegionListApi.CtyunRequestBuilder, "", err, nil)
	found := false
	for _, item := range regions.RegionList {
		if item.RegionId == region {
			found = true
			env["az"] = item.ZoneList[0]
		}
	}
	r.must(found, "region listed")
	flavors, err := apis.ecs.EcsFlavorListApi.Do(r.ctx, r.credential, &ctecs.EcsFlavorListRequest{RegionId: s(region), AzName: s(env["az"]), FlavorCpu: i(2), FlavorRam: i(4)})
	r.record("ctecs", "EcsFlavorListApi", apis.ecs.EcsFlavorListApi.CtyunRequestBuilder, "", err, nil)
	for _, flavor := range flavors.FlavorList {
		if flavor.Available && env["flavor"] == "" {
			env["flavor"] = flavor.FlavorId
		}
	}
	bigger, err := apis.ecs.EcsFlavorListApi.Do(r.ctx, r.credential, &ctecs.EcsFlavorListRequest{RegionId: s(region), AzName: s(env["az"]), FlavorCpu: i(4)})
	r.record("ctecs", "EcsFlavorListApi", apis.ecs.EcsFlavorListApi.CtyunRequestBuilder, "bigger", err, nil)
	for _, flavor := range bigger.FlavorList {
		if flavor.Available && env["bigger"] == "" {
			env["bigger"] = flavor.FlavorId
		}
	}
	images, err := apis.image.ImageListApi.Do(r.ctx, r.credential, &ctimage.ImageListRequest{RegionId: region, Visibility: 1, PageNo: 1, PageSize: 50})
	r.record("ctimage", "ImageListApi", apis.image.ImageListApi.CtyunRequestBuilder, "", err, nil)
	for _, image := range images.Images {
		if image.OsType == "linux" && env["image"] == "" {
			env["image"] = image.ImageId
		}
	}
	r.must(env["image"] != "", "a Linux image")
	_, err = apis.image.ImageDetailApi.Do(r.ctx, r.credential, &ctimage.ImageDetailRequest{RegionId: region, ImageId: env["image"]})
	r.record("ctimage", "ImageDetailApi", apis.image.ImageDetailApi.CtyunRequestBuilder, "", err, nil)
	_, err = apis.image.ImageDetailApi.Do(r.ctx, r.credential, &ctimage.ImageDetailRequest{RegionId: region, ImageId: "00000000-0000-4000-8000-000000000000"})
	r.record("ctimage", "ImageDetailApi", apis.image.ImageDetailApi.CtyunRequestBuilder, "unknown image", err, []string{"Image.ImageCheck.NotFound"})
}

func network(r *run, apis sdk, region string, env map[string]string) {
	created, err := apis.vpc.VpcCreateApi.Do(r.ctx, r.credential, &ctvpc.VpcCreateRequest{RegionId: region, ClientToken: token(), Name: "go-sdk-vpc", Cidr: "10.30.0.0/16", Description: "official Go client"})
	r.record("ctvpc", "VpcCreateApi", apis.vpc.VpcCreateApi.CtyunRequestBuilder, "", err, nil)
	env["vpc"] = created.VpcId
	got, err := apis.vpc.VpcQueryApi.Do(r.ctx, r.credential, &ctvpc.VpcQueryRequest{RegionId: region, VpcId: env["vpc"]})
	r.record("ctvpc", "VpcQueryApi", apis.vpc.VpcQueryApi.CtyunRequestBuilder, "", err, nil)
	r.must(got.Cidr == "10.30.0.0/16", "CIDR")
	_, err = apis.vpc.VpcUpdateApi.Do(r.ctx, r.credential, &ctvpc.VpcUpdateRequest{RegionId: region, ClientToken: token(), VpcId: env["vpc"], Name: "go-sdk-vpc2", Description: "renamed"})
	r.record("ctvpc", "VpcUpdateApi", apis.vpc.VpcUpdateApi.CtyunRequestBuilder, "", err, nil)
	listed, err := apis.vpc.VpcListApi.Do(r.ctx, r.credential, &ctvpc.VpcListRequest{RegionId: region, VpcIds: []string{env["vpc"]}, PageNumber: 1, PageSize: 10})
	r.record("ctvpc", "VpcListApi", apis.vpc.VpcListApi.CtyunRequestBuilder, "", err, nil)
	r.must(len(listed.Vpcs) == 1 && listed.Vpcs[0].Name == "go-sdk-vpc2", "listed by id")
	subnet, err := apis.vpc.SubnetCreateApi.Do(r.ctx, r.credential, &ctvpc.SubnetCreateRequest{RegionId: region, ClientToken: token(), Name: "go-sdk-subnet", VpcId: env["vpc"], Cidr: "10.30.1.0/24"})
	r.record("ctvpc", "SubnetCreateApi", apis.vpc.SubnetCreateApi.CtyunRequestBuilder, "", err, nil)
	env["subnet"] = subnet.SubnetId
	_, err = apis.vpc.SubnetQueryApi.Do(r.ctx, r.credential, &ctvpc.SubnetQueryRequest{RegionId: region, SubnetId: env["subnet"]})
	r.record("ctvpc", "SubnetQueryApi", apis.vpc.SubnetQueryApi.CtyunRequestBuilder, "", err, nil)
	_, err = apis.vpc.SubnetUpdateApi.Do(r.ctx, r.credential, &ctvpc.SubnetUpdateRequest{RegionId: region, SubnetId: env["subnet"], Name: "go-sdk-subnet2", DnsList: []string{"114.114.114.114"}})
	r.record("ctvpc", "SubnetUpdateApi", apis.vpc.SubnetUpdateApi.CtyunRequestBuilder, "", err, nil)
	subnets, err := apis.vpc.SubnetListApi.Do(r.ctx, r.credential, &ctvpc.SubnetListRequest{RegionId: region, VpcId: env["vpc"], PageNumber: 1, PageSize: 10})
	r.record("ctvpc", "SubnetListApi", apis.vpc.SubnetListApi.CtyunRequestBuilder, "", err, nil)
	r.must(len(subnets.Subnets) == 1 && subnets.Subnets[0].CreateAt != "", "subnet listed with createAt")
	_, err = apis.vpc.VpcDeleteApi.Do(r.ctx, r.credential, &ctvpc.VpcDeleteRequest{RegionId: region, ClientToken: token(), VpcId: env["vpc"]})
	r.record("ctvpc", "VpcDeleteApi", vpcDeleteRoute, "VPC with a subnet", err, r.unknownCodes("vpc-has-dependents"))

	group, err := apis.vpc.SecurityGroupCreateApi.Do(r.ctx, r.credential, &ctvpc.SecurityGroupCreateRequest{RegionId: region, VpcId: env["vpc"], Name: "go-sdk-sg", ClientToken: token()})
	r.record("ctvpc", "SecurityGroupCreateApi", apis.vpc.SecurityGroupCreateApi.CtyunRequestBuilder, "", err, nil)
	env["sg"] = group.SecurityGroupId
	_, err = apis.vpc.SecurityGroupModifyAttributionApi.Do(r.ctx, r.credential, &ctvpc.SecurityGroupModifyAttributionRequest{RegionId: region, ClientToken: token(), SecurityGroupId: env["sg"], Name: "go-sdk-sg2", Description: "web"})
	r.record("ctvpc", "SecurityGroupModifyAttributionApi", apis.vpc.SecurityGroupModifyAttributionApi.CtyunRequestBuilder, "", err, nil)
	ingress, err := apis.vpc.SecurityGroupRuleIngressCreateApi.Do(r.ctx, r.credential, &ctvpc.SecurityGroupRuleIngressCreateRequest{RegionId: region, SecurityGroupId: env["sg"], ClientToken: token(),
		SecurityGroupRules: []ctvpc.SecurityGroupRuleIngressCreateSecurityGroupRulesRequest{{Direction: "ingress", Action: "accept", Priority: 10, Protocol: "TCP", Ethertype: "IPv4", DestCidrIp: "0.0.0.0/0", Range: "22", Description: "ssh"}}})
	r.record("ctvpc", "SecurityGroupRuleIngressCreateApi", apis.vpc.SecurityGroupRuleIngressCreateApi.CtyunRequestBuilder, "", err, nil)
	egress, err := apis.vpc.SecurityGroupRuleEgressCreateApi.Do(r.ctx, r.credential, &ctvpc.SecurityGroupRuleEgressCreateRequest{RegionId: region, SecurityGroupId: env["sg"], ClientToken: token(),
		SecurityGroupRules: []ctvpc.SecurityGroupRuleEgressCreateSecurityGroupRulesRequest{{Direction: "egress", Action: "accept", Priority: 20, Protocol: "UDP", Ethertype: "IPv4", DestCidrIp: "10.0.0.0/8", Range: "53"}}})
	r.record("ctvpc", "SecurityGroupRuleEgressCreateApi", apis.vpc.SecurityGroupRuleEgressCreateApi.CtyunRequestBuilder, "", err, nil)
	rule, err := apis.vpc.SecurityGroupRuleDescribeApi.Do(r.ctx, r.credential, &ctvpc.SecurityGroupRuleDescribeRequest{RegionId: region, SecurityGroupId: env["sg"], SecurityGroupRuleId: ingress.SgRuleIds[0]})
	r.record("ctvpc", "SecurityGroupRuleDescribeApi", apis.vpc.SecurityGroupRuleDescribeApi.CtyunRequestBuilder, "", err, nil)
	r.must(rule.Range == "22", "rule range")
	_, err = apis.vpc.SecurityGroupRuleIngressModifyApi.Do(r.ctx, r.credential, &ctvpc.SecurityGroupRuleIngressModifyRequest{RegionId: region, SecurityGroupId: env["sg"], SecurityGroupRuleId: ingress.SgRuleIds[0], ClientToken: token(), Description: "ssh only"})
	r.record("ctvpc", "SecurityGroupRuleIngressModifyApi", apis.vpc.SecurityGroupRuleIngressModifyApi.CtyunRequestBuilder, "", err, nil)
	_, err = apis.vpc.SecurityGroupRuleEgressModifyApi.Do(r.ctx, r.credential, &ctvpc.SecurityGroupRuleEgressModifyRequest{RegionId: region, SecurityGroupId: env["sg"], SecurityGroupRuleId: egress.SgRuleIds[0], ClientToken: token(), Description: "dns"})
	r.record("ctvpc", "SecurityGroupRuleEgressModifyApi", apis.vpc.SecurityGroupRuleEgressModifyApi.CtyunRequestBuilder, "", err, nil)
	_, err = apis.vpc.SecurityGroupDescribeAttributeApi.Do(r.ctx, r.credential, &ctvpc.SecurityGroupDescribeAttributeRequest{RegionId: region, SecurityGroupId: env["sg"], Direction: "all"})
	r.record("ctvpc", "SecurityGroupDescribeAttributeApi", apis.vpc.SecurityGroupDescribeAttributeApi.CtyunRequestBuilder, "", err, nil)
	groups, err := apis.vpc.SecurityGroupQueryApi.Do(r.ctx, r.credential, &ctvpc.SecurityGroupQueryRequest{RegionId: region, VpcID: env["vpc"], PageNumber: 1, PageSize: 10})
	r.record("ctvpc", "SecurityGroupQueryApi", apis.vpc.SecurityGroupQueryApi.CtyunRequestBuilder, "", err, nil)
	r.must(len(groups.SecurityGroups) == 1, "one group in the VPC")
	_, err = apis.vpc.SecurityGroupRuleEgressRevokeApi.Do(r.ctx, r.credential, &ctvpc.SecurityGroupRuleEgressRevokeRequest{RegionId: region, SecurityGroupId: env["sg"], SecurityGroupRuleId: egress.SgRuleIds[0], ClientToken: token()})
	r.record("ctvpc", "SecurityGroupRuleEgressRevokeApi", apis.vpc.SecurityGroupRuleEgressRevokeApi.CtyunRequestBuilder, "", err, nil)
	_, err = apis.vpc.SecurityGroupRuleIngressRevokeApi.Do(r.ctx, r.credential, &ctvpc.SecurityGroupRuleIngressRevokeRequest{RegionId: region, SecurityGroupId: env["sg"], SecurityGroupRuleId: ingress.SgRuleIds[0], ClientToken: token()})
	r.record("ctvpc", "SecurityGroupRuleIngressRevokeApi", apis.vpc.SecurityGroupRuleIngressRevokeApi.CtyunRequestBuilder, "", err, nil)
	_, err = apis.vpc.SecurityGroupRuleDescribeApi.Do(r.ctx, r.credential, &ctvpc.SecurityGroupRuleDescribeRequest{RegionId: region, SecurityGroupId: env["sg"], SecurityGroupRuleId: ingress.SgRuleIds[0]})
	r.record("ctvpc", "SecurityGroupRuleDescribeApi", apis.vpc.SecurityGroupRuleDescribeApi.CtyunRequestBuilder, "revoked rule", err, []string{"Openapi.SecurityGroupRule.NotFound"})
}

// The ECS-hosted security-group operations (ctecs), on a second group of the same VPC. Their GETs
// dereference every optional pointer (AddParam(*req.X)), so each is set, "" or 0 meaning unset.
func ecsSecurityGroups(r *run, apis sdk, region string, env map[string]string) {
	created, err := apis.ecs.EcsVpcCreateSecurityGroupApi.Do(r.ctx, r.credential, &ctecs.EcsVpcCreateSecurityGroupRequest{ClientToken: s(token()), RegionID: s(region), VpcID: s(env["vpc"]), Name: s("go-sdk-ecs-sg"), Description: s("through ctecs")})
	r.record("ctecs", "EcsVpcCreateSecurityGroupApi", apis.ecs.EcsVpcCreateSecurityGroupApi.CtyunRequestBuilder, "", err, nil)
	group := created.SecurityGroupID
	ingress, err := apis.ecs.SecurityGroupRuleIngressCreateApi.Do(r.ctx, r.credential, &ctecs.SecurityGroupRuleIngressCreateRequest{RegionId: region, SecurityGroupId: group, ClientToken: token(),
		SecurityGroupRules: []ctecs.SecurityGroupRuleIngressCreateSecurityGroupRulesRequest{{Direction: "ingress", Action: "accept", Priority: 5, Protocol: "TCP", Ethertype: "IPv4", DestCidrIp: "0.0.0.0/0", Range: "443"}}})
	r.record("ctecs", "SecurityGroupRuleIngressCreateApi", apis.ecs.SecurityGroupRuleIngressCreateApi.CtyunRequestBuilder, "", err, nil)
	r.must(len(ingress.SgRuleIds) == 1, "one rule id")
	_, err = apis.ecs.SecurityGroupRuleEgressCreateApi.Do(r.ctx, r.credential, &ctecs.SecurityGroupRuleEgressCreateRequest{RegionId: region, SecurityGroupId: group, ClientToken: token(),
		SecurityGroupRules: []ctecs.SecurityGroupRuleEgressCreateSecurityGroupRulesRequest{{Direction: "egress", Action: "accept", Priority: 6, Protocol: "TCP", Ethertype: "IPv4", DestCidrIp: "0.0.0.0/0", Range: "80"}}})
	r.record("ctecs", "SecurityGroupRuleEgressCreateApi", apis.ecs.SecurityGroupRuleEgressCreateApi.CtyunRequestBuilder, "", err, nil)
	_, err = apis.ecs.EcsVpcCreateSecurityGroupEgressApi.Do(r.ctx, r.credential, &ctecs.EcsVpcCreateSecurityGroupEgressRequest{RegionID: s(region), SecurityGroupID: s(group), ClientToken: s(token()),
		SecurityGroupRules: []ctecs.EcsVpcCreateSecurityGroupEgressSecurityGroupRulesRequest{{Direction: s("egress"), Action: s("accept"), Priority: i(7), Protocol: s("UDP"), Ethertype: s("IPv4"), DestCidrIp: s("0.0.0.0/0"), Range: s("123")}}})
	r.record("ctecs", "EcsVpcCreateSecurityGroupEgressApi", apis.ecs.EcsVpcCreateSecurityGroupEgressApi.CtyunRequestBuilder, "", err, nil)
	attrs, err := apis.ecs.EcsVpcDescribeSecurityGroupAttributeApi.Do(r.ctx, r.credential, &ctecs.EcsVpcDescribeSecurityGroupAttributeRequest{RegionID: s(region), SecurityGroupID: s(group), ProjectID: s(""), Direction: s("all")})
	r.record("ctecs", "EcsVpcDescribeSecurityGroupAttributeApi", apis.ecs.EcsVpcDescribeSecurityGroupAttributeApi.CtyunRequestBuilder, "", err, nil)
	r.must(attrs.Id == group, "described group")
	listed, err := apis.ecs.EcsVpcQuerySecurityGroupsApi.Do(r.ctx, r.credential, &ctecs.EcsVpcQuerySecurityGroupsRequest{RegionID: s(region), VpcID: s(env["vpc"]), QueryContent: s(""), ProjectID: s(""), InstanceID: s(""), PageNumber: i(0), PageNo: i(1), PageSize: i(10)})
	r.record("ctecs", "EcsVpcQuerySecurityGroupsApi", apis.ecs.EcsVpcQuerySecurityGroupsApi.CtyunRequestBuilder, "", err, nil)
	// The SDK appends its converted rows to the decoded slice (ecs_vpc_query_security_groups.go), so
	// every group comes back twice: count distinct ids.
	distinct := map[string]bool{}
	for _, listedGroup := range *listed {
		distinct[listedGroup.Id] = true
	}
	r.must(len(distinct) == 2 && distinct[group], fmt.Sprintf("two groups in the VPC, listed %d", len(distinct)))
	_, err = apis.ecs.EcsVpcDeleteSecurityGroupApi.Do(r.ctx, r.credential, &ctecs.EcsVpcDeleteSecurityGroupRequest{ClientToken: s(token()), RegionID: s(region), SecurityGroupID: s(group)})
	r.record("ctecs", "EcsVpcDeleteSecurityGroupApi", apis.ecs.EcsVpcDeleteSecurityGroupApi.CtyunRequestBuilder, "", err, nil)
	_, err = apis.ecs.EcsVpcDescribeSecurityGroupAttributeApi.Do(r.ctx, r.credential, &ctecs.EcsVpcDescribeSecurityGroupAttributeRequest{RegionID: s(region), SecurityGroupID: s(group), ProjectID: s(""), Direction: s("")})
	r.record("ctecs", "EcsVpcDescribeSecurityGroupAttributeApi", apis.ecs.EcsVpcDescribeSecurityGroupAttributeApi.CtyunRequestBuilder, "deleted group", err, []string{"Openapi.SecurityGroup.NotFound"})
}

func keyPairs(r *run, apis sdk, region string, env map[string]string) {
	imported, err := apis.ecs.KeypairImportApi.Do(r.ctx, r.credential, &ctecs.KeypairImportRequest{RegionId: s(region), KeyPairName: s("go-sdk-imported"), PublicKey: s(rsaPublicKey)})
	r.record("ctecs", "KeypairImportApi", apis.ecs.KeypairImportApi.CtyunRequestBuilder, "", err, nil)
	r.must(imported.KeyPairId != "", "import answers keyPairID")
	env["keypair"] = imported.KeyPairId
	_, err = apis.ecs.KeypairImportApi.Do(r.ctx, r.credential, &ctecs.KeypairImportRequest{RegionId: s(region), KeyPairName: s("go-sdk-imported"), PublicKey: s(rsaPublicKey)})
	r.record("ctecs", "KeypairImportApi", apis.ecs.KeypairImportApi.CtyunRequestBuilder, "duplicate name", err, r.unknownCodes("keypair-name-taken"))
	created, err := apis.ecs.KeypairCreateApi.Do(r.ctx, r.credential, &ctecs.KeypairCreateRequest{RegionId: s(region), KeyPairName: s("go-sdk-created")})
	r.record("ctecs", "KeypairCreateApi", apis.ecs.KeypairCreateApi.CtyunRequestBuilder, "", err, nil)
	r.must(created.PrivateKey != "", "private key")
	details, err := apis.ecs.KeypairDetailApi.Do(r.ctx, r.credential, &ctecs.KeypairDetailRequest{RegionId: s(region), KeyPairName: s("go-sdk-imported"), PageNo: i(1), PageSize: i(10)})
	r.record("ctecs", "KeypairDetailApi", apis.ecs.KeypairDetailApi.CtyunRequestBuilder, "", err, nil)
	r.must(len(details.Results) == 1 && details.Results[0].KeyPairId == env["keypair"], "details by name")
	_, err = apis.ecs.KeypairDeleteApi.Do(r.ctx, r.credential, &ctecs.KeypairDeleteRequest{RegionId: s(region), KeyPairName: s("go-sdk-created")})
	r.record("ctecs", "KeypairDeleteApi", apis.ecs.KeypairDeleteApi.CtyunRequestBuilder, "", err, nil)
	_, err = apis.ecs.KeypairDeleteApi.Do(r.ctx, r.credential, &ctecs.KeypairDeleteRequest{RegionId: s(region), KeyPairName: s("go-sdk-created")})
	r.record("ctecs", "KeypairDeleteApi", apis.ecs.KeypairDeleteApi.CtyunRequestBuilder, "deleted key pair", err, r.unknownCodes("keypair-not-found"))
}

func details(r *run, apis sdk, region, instanceID, note string) *ctecs.EcsInstanceDetailsResponse {
	resp, err := apis.ecs.EcsInstanceDetailsApi.Do(r.ctx, r.credential, &ctecs.EcsInstanceDetailsRequest{RegionId: s(region), InstanceId: s(instanceID)})
	r.record("ctecs", "EcsInstanceDetailsApi", apis.ecs.EcsInstanceDetailsApi.CtyunRequestBuilder, note, err, nil)
	return resp
}

func waitStatus(r *run, apis sdk, region, instanceID, status string) {
	waitFor("instance "+status, func() bool { return details(r, apis, region, instanceID, "").InstanceStatus == status })
}

func instance(r *run, apis sdk, region string, env map[string]string) {
	created, err := apis.ecs.EcsCreateInstanceApi.Do(r.ctx, r.credential, &ctecs.EcsCreateInstanceRequest{
		ClientToken: s(token()), RegionId: s(region), AzName: s(env["az"]), InstanceName: s("go-sdk-vm"), DisplayName: s("go-sdk-vm"),
		FlavorId: s(env["flavor"]), ImageType: i(1), ImageId: s(env["image"]), BootDiskType: s("SATA"), BootDiskSize: i(40), VpcId: s(env["vpc"]),
		OnDemand: b(true), NetworkCardList: []ctecs.EcsCreateInstanceNetworkCardListRequest{{IsMaster: b(true), SubnetId: s(env["subnet"])}},
		ExtIp: s("0"), SecGroupList: &[]string{env["sg"]}, UserPassword: s(password)})
	r.record("ctecs", "EcsCreateInstanceApi", apis.ecs.EcsCreateInstanceApi.CtyunRequestBuilder, "", err, nil)
	instanceID := waitOrder(r, apis, created.MasterOrderId)[0]
	env["instance"] = instanceID
	waitStatus(r, apis, region, instanceID, "running")
	vm := details(r, apis, region, instanceID, "network cards")
	r.must(len(vm.NetworkCardList) == 1 && vm.NetworkCardList[0].NetworkCardId != "", "networkCardList[].networkCardID")
	listed, err := apis.ecs.EcsDescribeInstancesApi.Do(r.ctx, r.credential, &ctecs.EcsDescribeInstancesRequest{RegionId: s(region), InstanceIdList: s(instanceID), PageNo: i(1), PageSize: i(10)})
	r.record("ctecs", "EcsDescribeInstancesApi", apis.ecs.EcsDescribeInstancesApi.CtyunRequestBuilder, "", err, nil)
	r.must(len(listed.Results) == 1 && len(listed.Results[0].NetworkInfo) == 1, "describe-instances networkInfo[]")
	updated, err := apis.ecs.EcsBatchUpdateInstancesApi.Do(r.ctx, r.credential, &ctecs.EcsBatchUpdateInstancesRequest{RegionId: region, UpdateInfo: []ctecs.EcsBatchUpdateInstancesUpdateInfoRequest{{InstanceId: instanceID, DisplayName: "go-sdk-renamed"}}})
	r.record("ctecs", "EcsBatchUpdateInstancesApi", apis.ecs.EcsBatchUpdateInstancesApi.CtyunRequestBuilder, "", err, nil)
	r.must(len(updated.UpdateInfo) == 1 && updated.UpdateInfo[0].Id == instanceID, "updateInfo[].ID")
	_, err = apis.ecs.EcsVolumeListApi.Do(r.ctx, r.credential, &ctecs.EcsVolumeListRequest{RegionId: s(region), InstanceId: s(instanceID), PageNo: i(1), PageSize: i(10)})
	r.record("ctecs", "EcsVolumeListApi", apis.ecs.EcsVolumeListApi.CtyunRequestBuilder, "", err, nil)
	_, err = apis.ecs.EcsResetPasswordApi.Do(r.ctx, r.credential, &ctecs.EcsResetPasswordRequest{RegionId: s(region), InstanceId: s(instanceID), NewPassword: s("Other#Secret9q")})
	r.record("ctecs", "EcsResetPasswordApi", apis.ecs.EcsResetPasswordApi.CtyunRequestBuilder, "", err, nil)

	// A second group: join and leave.
	extra, err := apis.vpc.SecurityGroupCreateApi.Do(r.ctx, r.credential, &ctvpc.SecurityGroupCreateRequest{RegionId: region, VpcId: env["vpc"], Name: "go-sdk-extra", ClientToken: token()})
	r.record("ctvpc", "SecurityGroupCreateApi", apis.vpc.SecurityGroupCreateApi.CtyunRequestBuilder, "second group", err, nil)
	env["extra"] = extra.SecurityGroupId
	_, err = apis.ecs.EcsJoinSecurityGroupApi.Do(r.ctx, r.credential, &ctecs.EcsJoinSecurityGroupRequest{RegionId: s(region), SecurityGroupId: s(env["extra"]), InstanceId: s(instanceID)})
	r.record("ctecs", "EcsJoinSecurityGroupApi", apis.ecs.EcsJoinSecurityGroupApi.CtyunRequestBuilder, "", err, nil)
	_, err = apis.ecs.EcsLeaveSecurityGroupApi.Do(r.ctx, r.credential, &ctecs.EcsLeaveSecurityGroupRequest{RegionId: s(region), SecurityGroupId: s(env["extra"]), InstanceId: s(instanceID)})
	r.record("ctecs", "EcsLeaveSecurityGroupApi", apis.ecs.EcsLeaveSecurityGroupApi.CtyunRequestBuilder, "", err, nil)

	// Newer ctecs sends "force": null when Force is unset.
	stop, err := apis.ecs.EcsStopInstanceApi.Do(r.ctx, r.credential, &ctecs.EcsStopInstanceRequest{RegionId: s(region), InstanceId: s(instanceID)})
	r.record("ctecs", "EcsStopInstanceApi", apis.ecs.EcsStopInstanceApi.CtyunRequestBuilder, "force unset (null)", err, nil)
	waitFor("stop job", func() bool {
		job, err := apis.ecs.JobShowApi.Do(r.ctx, r.credential, &ctecs.JobShowRequest{RegionId: region, JobId: stop.JobId})
		r.record("ctecs", "JobShowApi", apis.ecs.JobShowApi.CtyunRequestBuilder, "", err, nil)
		return job.Status != 0
	})
	waitStatus(r, apis, region, instanceID, "stopped")
	_, err = apis.ecs.EcsStopInstanceApi.Do(r.ctx, r.credential, &ctecs.EcsStopInstanceRequest{RegionId: s(region), InstanceId: s(instanceID), Force: b(false)})
	r.record("ctecs", "EcsStopInstanceApi", apis.ecs.EcsStopInstanceApi.CtyunRequestBuilder, "already stopped", err, []string{"Ecs.Instance.StatusNotRunning"})
	change, err := apis.ecs.EcsUpdateFlavorSpecApi.Do(r.ctx, r.credential, &ctecs.EcsUpdateFlavorSpecRequest{RegionId: s(region), InstanceId: s(instanceID), FlavorId: s(env["bigger"]), ClientToken: s(token())})
	r.record("ctecs", "EcsUpdateFlavorSpecApi", apis.ecs.EcsUpdateFlavorSpecApi.CtyunRequestBuilder, "", err, nil)
	waitOrder(r, apis, change.MasterOrderId)
	_, err = apis.ecs.KeypairAttachApi.Do(r.ctx, r.credential, &ctecs.KeypairAttachRequest{RegionId: s(region), KeyPairName: s("go-sdk-imported"), InstanceId: s(instanceID)})
	r.record("ctecs", "KeypairAttachApi", apis.ecs.KeypairAttachApi.CtyunRequestBuilder, "", err, nil)
	_, err = apis.ecs.KeypairDetachApi.Do(r.ctx, r.credential, &ctecs.KeypairDetachRequest{RegionId: s(region), KeyPairName: s("go-sdk-imported"), InstanceId: s(instanceID)})
	r.record("ctecs", "KeypairDetachApi", apis.ecs.KeypairDetachApi.CtyunRequestBuilder, "", err, nil)
	_, err = apis.ecs.EcsStartInstanceApi.Do(r.ctx, r.credential, &ctecs.EcsStartInstanceRequest{RegionId: s(region), InstanceId: s(instanceID)})
	r.record("ctecs", "EcsStartInstanceApi", apis.ecs.EcsStartInstanceApi.CtyunRequestBuilder, "", err, nil)
	waitStatus(r, apis, region, instanceID, "running")
	_, err = apis.ecs.EcsInstanceDetailsApi.Do(r.ctx, r.credential, &ctecs.EcsInstanceDetailsRequest{RegionId: s(region), InstanceId: s("00000000-0000-4000-8000-000000000000")})
	r.record("ctecs", "EcsInstanceDetailsApi", apis.ecs.EcsInstanceDetailsApi.CtyunRequestBuilder, "unknown instance", err, []string{"Ecs.Instance.NotFound"})
}

func publicIP(r *run, apis sdk, region string, env map[string]string) {
	created, err := apis.vpc.EipCreateApi.Do(r.ctx, r.credential, &ctvpc.EipCreateRequest{ClientToken: token(), RegionId: region, CycleType: "on_demand", Name: "go-sdk-eip", Bandwidth: 5, DemandBillingType: "bandwidth"})
	r.record("ctvpc", "EipCreateApi", apis.vpc.EipCreateApi.CtyunRequestBuilder, "", err, nil)
	eipID := waitOrder(r, apis, created.MasterOrderId)[0]
	shown, err := apis.vpc.EipShowApi.Do(r.ctx, r.credential, &ctvpc.EipShowRequest{RegionId: region, EipId: eipID})
	r.record("ctvpc", "EipShowApi", apis.vpc.EipShowApi.CtyunRequestBuilder, "", err, nil)
	r.must(shown.Status == "DOWN" && shown.Bandwidth == 5, "new EIP")
	_, err = apis.vpc.EipChangeNameApi.Do(r.ctx, r.credential, &ctvpc.EipChangeNameRequest{ClientToken: token(), RegionId: region, EipId: eipID, Name: "go-sdk-eip2"})
	r.record("ctvpc", "EipChangeNameApi", apis.vpc.EipChangeNameApi.CtyunRequestBuilder, "", err, nil)
	modified, err := apis.vpc.EipModifySpecApi.Do(r.ctx, r.credential, &ctvpc.EipModifySpecRequest{ClientToken: token(), RegionId: region, EipId: eipID, Bandwidth: 10})
	r.record("ctvpc", "EipModifySpecApi", apis.vpc.EipModifySpecApi.CtyunRequestBuilder, "", err, nil)
	waitOrder(r, apis, modified.MasterOrderId)
	_, err = apis.vpc.EipAssociateApi.Do(r.ctx, r.credential, &ctvpc.EipAssociateRequest{RegionId: region, ClientToken: token(), EipId: eipID, AssociationId: env["instance"], AssociationType: 1})
	r.record("ctvpc", "EipAssociateApi", apis.vpc.EipAssociateApi.CtyunRequestBuilder, "", err, nil)
	_, err = apis.vpc.EipDeleteApi.Do(r.ctx, r.credential, &ctvpc.EipDeleteRequest{ClientToken: token(), RegionId: region, EipId: eipID})
	r.record("ctvpc", "EipDeleteApi", apis.vpc.EipDeleteApi.CtyunRequestBuilder, "bound EIP", err, r.unknownCodes("eip-bound"))
	_, err = apis.vpc.EipDisassociateApi.Do(r.ctx, r.credential, &ctvpc.EipDisassociateRequest{RegionId: region, ClientToken: token(), EipId: eipID})
	r.record("ctvpc", "EipDisassociateApi", apis.vpc.EipDisassociateApi.CtyunRequestBuilder, "", err, nil)
	deleted, err := apis.vpc.EipDeleteApi.Do(r.ctx, r.credential, &ctvpc.EipDeleteRequest{ClientToken: token(), RegionId: region, EipId: eipID})
	r.record("ctvpc", "EipDeleteApi", apis.vpc.EipDeleteApi.CtyunRequestBuilder, "", err, nil)
	waitOrder(r, apis, deleted.MasterOrderId)
	_, err = apis.vpc.EipShowApi.Do(r.ctx, r.credential, &ctvpc.EipShowRequest{RegionId: region, EipId: eipID})
	r.record("ctvpc", "EipShowApi", apis.vpc.EipShowApi.CtyunRequestBuilder, "released EIP", err, []string{"Openapi.Eip.NotFound"})
}

// orderInProgress reads the order id from a 900 ebs.order.inProgress answer, as CTyun's Terraform
// provider does (it re-reads the response body the SDK kept).
func orderInProgress(err error) string {
	requestError, ok := err.(ctyunsdk.CtyunRequestError)
	if !ok || requestError.CtyunResponse() == nil {
		return ""
	}
	body, _ := ioutil.ReadAll(requestError.CtyunResponse().Response.Body)
	var envelope struct {
		ReturnObj struct {
			MasterOrderID string `json:"masterOrderID"`
		} `json:"returnObj"`
	}
	_ = json.Unmarshal(body, &envelope)
	return envelope.ReturnObj.MasterOrderID
}

func disks(r *run, apis sdk, region string, env map[string]string) {
	_, err := apis.ebs.EbsCreateApi.Do(r.ctx, r.credential, &ctebs.EbsCreateRequest{ClientToken: token(), DiskName: "go-sdk-disk", DiskMode: "VBD", DiskType: "SATA", DiskSize: 20, RegionID: region, AzName: env["az"], OnDemand: true, CycleType: "on_demand"})
	r.record("ctebs", "EbsCreateApi", apis.ebs.EbsCreateApi.CtyunRequestBuilder, "order still provisioning", err, []string{"ebs.order.inProgress"})
	diskID := waitOrder(r, apis, orderInProgress(err))[0]
	job, err := apis.ebs.EbsAssociateApi.Do(r.ctx, r.credential, &ctebs.EbsAssociateRequest{RegionId: region, DiskId: diskID, InstanceID: env["instance"]})
	r.record("ctebs", "EbsAssociateApi", apis.ebs.EbsAssociateApi.CtyunRequestBuilder, "right after the order", err, nil)
	r.must(job.DiskJobId != "", "attach job")
	waitFor("attached", func() bool {
		disk, err := apis.ebs.EbsShowApi.Do(r.ctx, r.credential, &ctebs.EbsShowRequest{RegionId: region, DiskId: diskID})
		r.record("ctebs", "EbsShowApi", apis.ebs.EbsShowApi.CtyunRequestBuilder, "", err, nil)
		return disk.DiskStatus == "in-use"
	})
	// Go ctebs v1.0.4 sends list-ebs's parameters as a JSON body on the GET.
	listed, err := apis.ebs.EbsListApi.Do(r.ctx, r.credential, &ctebs.EbsListRequest{RegionID: region, PageNo: 1, PageSize: 10})
	r.record("ctebs", "EbsListApi", apis.ebs.EbsListApi.CtyunRequestBuilder, "parameters in a JSON body", err, nil)
	r.must(listed.TotalCount >= 1, "listed")
	_, err = apis.ebs.EbsChangeNameApi.Do(r.ctx, r.credential, &ctebs.EbsChangeNameRequest{RegionId: region, DiskId: diskID, DiskName: "go-sdk-disk2"})
	r.record("ctebs", "EbsChangeNameApi", apis.ebs.EbsChangeNameApi.CtyunRequestBuilder, "", err, nil)
	_, err = apis.ebs.EbsDeleteApi.Do(r.ctx, r.credential, &ctebs.EbsDeleteRequest{RegionID: region, DiskID: diskID, ClientToken: token()})
	r.record("ctebs", "EbsDeleteApi", apis.ebs.EbsDeleteApi.CtyunRequestBuilder, "attached disk", err, r.unknownCodes("disk-attached"))
	_, err = apis.ebs.EbsDisassociateApi.Do(r.ctx, r.credential, &ctebs.EbsDisassociateRequest{RegionId: region, DiskId: diskID})
	r.record("ctebs", "EbsDisassociateApi", apis.ebs.EbsDisassociateApi.CtyunRequestBuilder, "", err, nil)
	waitFor("detached", func() bool {
		disk, err := apis.ebs.EbsShowApi.Do(r.ctx, r.credential, &ctebs.EbsShowRequest{RegionId: region, DiskId: diskID})
		r.record("ctebs", "EbsShowApi", apis.ebs.EbsShowApi.CtyunRequestBuilder, "", err, nil)
		return disk.DiskStatus == "available"
	})
	r.control("PUT", "/_emulator/transitions/ebsOrder", map[string]string{"mode": "immediate"})
	_, err = apis.ebs.EbsChangeSizeApi.Do(r.ctx, r.credential, &ctebs.EbsChangeSizeRequest{RegionID: region, DiskID: diskID, DiskSize: 30, ClientToken: token()})
	r.record("ctebs", "EbsChangeSizeApi", apis.ebs.EbsChangeSizeApi.CtyunRequestBuilder, "order finished in the request", err, nil)
	second, err := apis.ebs.EbsCreateApi.Do(r.ctx, r.credential, &ctebs.EbsCreateRequest{ClientToken: token(), DiskName: "go-sdk-disk3", DiskMode: "VBD", DiskType: "SSD", DiskSize: 10, RegionID: region, AzName: env["az"], OnDemand: true, CycleType: "on_demand"})
	r.record("ctebs", "EbsCreateApi", apis.ebs.EbsCreateApi.CtyunRequestBuilder, "order finished in the request", err, nil)
	r.control("PUT", "/_emulator/transitions", map[string]string{"profile": "fast"})
	for _, disk := range []string{diskID, second.Resources[0].DiskId} {
		refund, err := apis.ebs.EbsDeleteApi.Do(r.ctx, r.credential, &ctebs.EbsDeleteRequest{RegionID: region, DiskID: disk, ClientToken: token()})
		r.record("ctebs", "EbsDeleteApi", apis.ebs.EbsDeleteApi.CtyunRequestBuilder, "", err, nil)
		waitOrder(r, apis, refund.MasterOrderId)
	}
	_, err = apis.ebs.EbsShowApi.Do(r.ctx, r.credential, &ctebs.EbsShowRequest{RegionId: region, DiskId: diskID})
	r.record("ctebs", "EbsShowApi", apis.ebs.EbsShowApi.CtyunRequestBuilder, "refunded disk", err, []string{"ebs.ebsInfo.dataDamaged"})
}

func teardown(r *run, apis sdk, region string, env map[string]string) {
	refund, err := apis.ecs.EcsUnsubscribeInstanceApi.Do(r.ctx, r.credential, &ctecs.EcsUnsubscribeInstanceRequest{ClientToken: s(token()), RegionId: s(region), InstanceId: s(env["instance"])})
	r.record("ctecs", "EcsUnsubscribeInstanceApi", apis.ecs.EcsUnsubscribeInstanceApi.CtyunRequestBuilder, "", err, nil)
	waitOrder(r, apis, refund.MasterOrderId)
	_, err = apis.ecs.KeypairDeleteApi.Do(r.ctx, r.credential, &ctecs.KeypairDeleteRequest{RegionId: s(region), KeyPairName: s("go-sdk-imported")})
	r.record("ctecs", "KeypairDeleteApi", apis.ecs.KeypairDeleteApi.CtyunRequestBuilder, "", err, nil)
	for _, group := range []string{env["sg"], env["extra"]} {
		_, err = apis.vpc.SecurityGroupDeleteApi.Do(r.ctx, r.credential, &ctvpc.SecurityGroupDeleteRequest{ClientToken: token(), RegionId: region, SecurityGroupId: group})
		r.record("ctvpc", "SecurityGroupDeleteApi", apis.vpc.SecurityGroupDeleteApi.CtyunRequestBuilder, "", err, nil)
	}
	_, err = apis.vpc.SubnetDeleteApi.Do(r.ctx, r.credential, &ctvpc.SubnetDeleteRequest{RegionId: region, SubnetId: env["subnet"], ClientToken: token()})
	r.record("ctvpc", "SubnetDeleteApi", subnetDeleteRoute, "", err, nil)
	_, err = apis.vpc.VpcDeleteApi.Do(r.ctx, r.credential, &ctvpc.VpcDeleteRequest{RegionId: region, ClientToken: token(), VpcId: env["vpc"]})
	r.record("ctvpc", "VpcDeleteApi", vpcDeleteRoute, "", err, nil)
	_, err = apis.vpc.VpcQueryApi.Do(r.ctx, r.credential, &ctvpc.VpcQueryRequest{RegionId: region, VpcId: env["vpc"]})
	r.record("ctvpc", "VpcQueryApi", apis.vpc.VpcQueryApi.CtyunRequestBuilder, "deleted VPC", err, []string{"Openapi.Vpc.NotFound"})
}
