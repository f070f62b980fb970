/**
 * The ECS service (ctecs host): VM instances, their power states, orders and security groups (spec
 * D.7). Backend `ecs`. VMs hold subnets (their interfaces' addresses), security groups and key pairs.
 */
import type { ServiceRegistrar } from "../types";
import { EcsBackend } from "./backend";
import { InstanceCreation } from "./create";
import { InstanceOrders } from "./orders";
import { ECS_ACTIONS, INSTANCE_KIND } from "./records";
import { ECS_ROUTES } from "./routes";

export function register(api: ServiceRegistrar): void {
  api.backend("ecs", (ctx) => new EcsBackend(ctx));
  api.holds("subnet", {
    kind: INSTANCE_KIND,
    phrase: { en: "the network interfaces of instances", zh: "云主机网卡" },
    holders: (ctx, regionId, subnetID) => ctx.backend("ecs").holdersOfSubnet(regionId, subnetID),
  });
  api.holds("securityGroup", {
    kind: INSTANCE_KIND,
    phrase: { en: "still used by instances", zh: "仍被云主机使用" },
    holders: (ctx, regionId, groupID) => ctx.backend("ecs").holdersOfSecurityGroup(regionId, groupID),
  });
  api.holds("keyPair", {
    kind: INSTANCE_KIND,
    phrase: { en: "bound to instances", zh: "已绑定云主机" },
    // VMs record the key pair's name (instance-details `keypairName`).
    holders: (ctx, regionId, keyPairID) => {
      const keyPair = ctx.backend("keypair").findById(regionId, keyPairID);
      return keyPair ? ctx.backend("ecs").holdersOfKeyPair(regionId, keyPair.keyPairName) : [];
    },
  });
  api.holds("affinityGroup", {
    kind: INSTANCE_KIND,
    phrase: { en: "instances", zh: "云主机" },
    holders: (ctx, regionId, groupID) => ctx.backend("ecs").membersOf(regionId, groupID).map((vm) => ({ id: vm.instanceID })),
  });
  // A VM being created from a private image holds it (VMs made from it do not: they keep their disks).
  api.holds("privateImage", {
    kind: INSTANCE_KIND,
    phrase: { en: "instances being created from it", zh: "正在创建的云主机" },
    holders: (ctx, regionId, imageID) =>
      ctx.orders.inProgress(regionId, (o) => o.action === ECS_ACTIONS.create && o.payload["imageID"] === imageID).map((o) => ({ id: o.resourceIds[0] ?? o.masterOrderID })),
  });
  api.orderAction(ECS_ACTIONS.create, (ctx, order) => new InstanceCreation(ctx).complete(order));
  api.orderAction(ECS_ACTIONS.updateFlavor, (ctx, order) => new InstanceOrders(ctx).completeFlavorChange(order));
  api.orderAction(ECS_ACTIONS.unsubscribe, (ctx, order) => new InstanceOrders(ctx).completeUnsubscribe(order));
  api.orderAction(ECS_ACTIONS.unsubscribeFailed, (ctx, order) => new InstanceOrders(ctx).failUnsubscribe(order));
  api.orderAction(ECS_ACTIONS.destroy, (ctx, order) => new InstanceOrders(ctx).completeDestroy(order));
  for (const route of ECS_ROUTES) api.route(route);
}
