/**
 * Listener and listener-rule operations (ctelb host, emulator/api-notes/elb.md §3, §8). All
 * synchronous. show-listener answers an array of one, show-rule an object; the write answers are
 * `[{ID}]` except delete-rule (`{ID}`), so creates read the id from the first element.
 */
import { z } from "zod";
import { defineOperation } from "../operation";

export const LISTENER_PROTOCOLS = ["TCP", "UDP", "HTTP", "HTTPS"] as const;
export type ListenerProtocol = (typeof LISTENER_PROTOCOLS)[number];

/** A forward or redirect action as requests carry it. */
const actionInput = z.object({
  type: z.enum(["forward", "redirect"]),
  forwardConfig: z.object({ targetGroups: z.array(z.object({ targetGroupID: z.string(), weight: z.number().int().optional() })) }).optional(),
  redirectListenerID: z.string().optional(),
});
export type ActionInput = z.input<typeof actionInput>;

const actionRecord = z.looseObject({
  type: z.string(),
  forwardConfig: z.looseObject({ targetGroups: z.array(z.looseObject({ targetGroupID: z.string(), weight: z.number().nullish() })).nullish() }).nullish(),
  redirectListenerID: z.string().nullish(),
});
export type ActionRecord = z.output<typeof actionRecord>;

/** `[{ID}]`: the answer of creates, updates and deletes. */
const idList = z.array(z.looseObject({ ID: z.string() }));

export const CreateListener = defineOperation({
  name: "CreateListener",
  service: "ctelb",
  method: "POST",
  path: "/v4/elb/create-listener",
  input: z.object({
    clientToken: z.string().min(1).max(64).optional(),
    regionID: z.string(),
    loadBalancerID: z.string(),
    name: z.string(),
    description: z.string().optional(),
    protocol: z.enum(LISTENER_PROTOCOLS),
    protocolPort: z.number().int(),
    certificateID: z.string().optional(),
    caEnabled: z.boolean().optional(),
    clientCertificateID: z.string().optional(),
    defaultAction: actionInput,
    forwardedForEnabled: z.boolean().optional(),
  }),
  output: idList.min(1),
  idempotent: "clientToken",
});

export const listenerRecord = z.looseObject({
  ID: z.string(),
  name: z.string(),
  description: z.string().nullish(),
  loadBalancerID: z.string(),
  protocol: z.string(),
  protocolPort: z.number().int(),
  certificateID: z.string().nullish(),
  caEnabled: z.boolean().nullish(),
  clientCertificateID: z.string().nullish(),
  defaultAction: actionRecord.nullish(),
  forwardedForEnabled: z.boolean().nullish(),
  /** ACTIVE (started) / DOWN (stopped) */
  status: z.string().nullish(),
});
export type ListenerRecord = z.output<typeof listenerRecord>;

export const ShowListener = defineOperation({
  name: "ShowListener",
  service: "ctelb",
  method: "GET",
  path: "/v4/elb/show-listener",
  input: z.object({ regionID: z.string(), listenerID: z.string().min(1) }),
  output: z.array(listenerRecord),
  idempotent: true,
});

export const ListListeners = defineOperation({
  name: "ListListener",
  service: "ctelb",
  method: "GET",
  path: "/v4/elb/list-listener",
  input: z.object({ regionID: z.string(), loadBalancerID: z.string().optional(), name: z.string().optional() }),
  output: z.array(listenerRecord).nullish().transform((rows) => rows ?? []),
  idempotent: true,
});

export const UpdateListener = defineOperation({
  name: "UpdateListener",
  service: "ctelb",
  method: "POST",
  path: "/v4/elb/update-listener",
  input: z.object({
    clientToken: z.string().optional(),
    regionID: z.string(),
    listenerID: z.string().min(1),
    name: z.string().optional(),
    description: z.string().optional(),
    certificateID: z.string().optional(),
    caEnabled: z.boolean().optional(),
    clientCertificateID: z.string().optional(),
    defaultAction: actionInput.optional(),
    forwardedForEnabled: z.boolean().optional(),
  }),
  output: idList,
  idempotent: true,
});

const listenerRef = (name: string, path: string) =>
  defineOperation({
    name,
    service: "ctelb",
    method: "POST",
    path,
    input: z.object({ clientToken: z.string().min(1).max(64).optional(), regionID: z.string(), listenerID: z.string().min(1) }),
    output: idList,
    idempotent: "clientToken",
  });

export const DeleteListener = listenerRef("DeleteListener", "/v4/elb/delete-listener");
export const StartListener = listenerRef("StartListener", "/v4/elb/start-listener");
export const StopListener = listenerRef("StopListener", "/v4/elb/stop-listener");

const conditionInput = z.object({
  type: z.enum(["server_name", "url_path"]),
  serverNameConfig: z.object({ serverName: z.string() }).optional(),
  urlPathConfig: z.object({ urlPaths: z.string(), matchType: z.enum(["ABSOLUTE", "PREFIX", "REG"]) }).optional(),
});
export type ConditionInput = z.input<typeof conditionInput>;

export const CreateRule = defineOperation({
  name: "CreateRule",
  service: "ctelb",
  method: "POST",
  path: "/v4/elb/create-rule",
  input: z.object({
    clientToken: z.string().min(1).max(64).optional(),
    regionID: z.string(),
    listenerID: z.string(),
    description: z.string().optional(),
    conditions: z.array(conditionInput),
    action: actionInput,
  }),
  output: idList.min(1),
  idempotent: "clientToken",
});

export const ruleRecord = z.looseObject({
  ID: z.string(),
  loadBalancerID: z.string().nullish(),
  listenerID: z.string(),
  description: z.string().nullish(),
  conditions: z
    .array(
      z.looseObject({
        type: z.string(),
        serverNameConfig: z.looseObject({ serverName: z.string().nullish() }).nullish(),
        urlPathConfig: z.looseObject({ urlPaths: z.string().nullish(), matchType: z.string().nullish() }).nullish(),
      }),
    )
    .nullish(),
  action: actionRecord.nullish(),
});
export type RuleRecord = z.output<typeof ruleRecord>;

export const ShowRule = defineOperation({
  name: "ShowRule",
  service: "ctelb",
  method: "GET",
  path: "/v4/elb/show-rule",
  input: z.object({ regionID: z.string(), policyID: z.string().min(1) }),
  output: ruleRecord,
  idempotent: true,
});

export const ListRules = defineOperation({
  name: "ListRule",
  service: "ctelb",
  method: "GET",
  path: "/v4/elb/list-rule",
  input: z.object({ regionID: z.string(), loadBalancerID: z.string().optional() }),
  output: z.array(ruleRecord).nullish().transform((rows) => rows ?? []),
  idempotent: true,
});

export const UpdateRule = defineOperation({
  name: "UpdateRule",
  service: "ctelb",
  method: "POST",
  path: "/v4/elb/update-rule",
  input: z.object({
    clientToken: z.string().optional(),
    regionID: z.string(),
    policyID: z.string().min(1),
    description: z.string().optional(),
    conditions: z.array(conditionInput).optional(),
    action: actionInput.optional(),
  }),
  output: idList,
  idempotent: true,
});

export const DeleteRule = defineOperation({
  name: "DeleteRule",
  service: "ctelb",
  method: "POST",
  path: "/v4/elb/delete-rule",
  input: z.object({ clientToken: z.string().min(1).max(64).optional(), regionID: z.string(), policyID: z.string().min(1) }),
  output: z.unknown(),
  idempotent: "clientToken",
});
