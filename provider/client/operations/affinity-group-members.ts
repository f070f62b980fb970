/** The VMs of an affinity group (host `ctecs`, `POST /v4/ecs/affinity-group/list-instance`): instance rows, paged. */
import { z } from "zod";
import { defineOperation } from "../operation";

export const ListAffinityGroupInstances = defineOperation({
  name: "ListAffinityGroupInstances",
  service: "ctecs",
  method: "POST",
  path: "/v4/ecs/affinity-group/list-instance",
  input: z.object({ regionID: z.string(), affinityGroupID: z.string(), pageNo: z.number().int().optional(), pageSize: z.number().int().max(50).optional() }),
  output: z.looseObject({
    results: z.array(z.looseObject({ instanceID: z.string(), instanceStatus: z.string().nullish(), azName: z.string().nullish() })).nullish().transform((v) => v ?? []),
    totalCount: z.number().int().nullish(),
  }),
  idempotent: true,
});
