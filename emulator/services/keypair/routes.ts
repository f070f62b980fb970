/** Key pair operations (spec D.11, ctecs host): parse the request, call the backend, shape the answer. */
import { z } from "zod";
import { InvalidParameterError } from "../../errors";
import { paginate, readPaging } from "../shared/paging";
import { defineRoute } from "../route";
import { optionalText } from "../shared/fields";
import type { OperationContext, RouteDefinition } from "../types";
import { KeyPairBackend } from "./backend";
import type { KeyPairRecord } from "./records";

const name = z.string();

/** What details lists (and import partly echoes); never a private key. */
function keyPairView(ctx: OperationContext, regionId: string, keyPair: KeyPairRecord): Record<string, unknown> {
  return {
    // Declared by py ctyunsdk_ecs20220909/models/v4_ecs_keypair_details.py.
    bindInstanceNum: new KeyPairBackend(ctx).boundInstanceCount(regionId, keyPair),
    labelList: [],
    keyPairID: keyPair.keyPairID,
    keyPairName: keyPair.keyPairName,
    publicKey: keyPair.publicKey,
    fingerPrint: keyPair.fingerPrint,
    projectID: keyPair.projectID,
    keyPairDescription: keyPair.keyPairDescription,
  };
}

const importPair = defineRoute({
  method: "POST", path: "/v4/ecs/keypair/import-keypair", operation: "ImportKeyPair", service: "ctecs",
  input: z.object({ keyPairName: name, publicKey: z.string(), projectID: optionalText, keyPairDescription: optionalText }),
  handle(ctx, { input, region }) {
    const keyPair = new KeyPairBackend(ctx).import(region.regionID, input);
    // The import answer has no keyPairID (API doc); callers read it from details.
    // py v4_ecs_keypair_import_keypair declares no id; Go ctecs keypair_import.go reads keyPairID: answered.
    return { publicKey: keyPair.publicKey, keyPairName: keyPair.keyPairName, fingerPrint: keyPair.fingerPrint, keyPairDescription: keyPair.keyPairDescription, keyPairID: keyPair.keyPairID };
  },
});

/** Documented key `keyPairName`; the old hand-written SDK sends `keypairName` (spec D.11): both work. */
const createPair = defineRoute({
  method: "POST", path: "/v4/ecs/keypair/create-keypair", operation: "CreateKeyPair", service: "ctecs",
  input: z.object({ keyPairName: optionalText, keypairName: optionalText, projectID: optionalText, keyPairDescription: optionalText }),
  handle(ctx, { input, region }) {
    const keyPairName = input.keyPairName ?? input.keypairName;
    if (keyPairName === undefined) throw new InvalidParameterError("keyPairName is required");
    const { record, privateKey } = new KeyPairBackend(ctx).create(region.regionID, { keyPairName, projectID: input.projectID, keyPairDescription: input.keyPairDescription });
    return { publicKey: record.publicKey, privateKey, keyPairName: record.keyPairName, fingerPrint: record.fingerPrint, keyPairID: record.keyPairID, keyPairDescription: record.keyPairDescription };
  },
});

const details = defineRoute({
  method: "POST", path: "/v4/ecs/keypair/details", operation: "DescribeKeyPairs", service: "ctecs",
  input: z.object({ keyPairName: optionalText, queryContent: optionalText, projectID: optionalText }),
  handle(ctx, { input, region, params }) {
    const page = paginate(new KeyPairBackend(ctx).find(region.regionID, input), readPaging(params));
    return { currentCount: page.currentCount, totalCount: page.totalCount, totalPage: page.totalPage, results: page.items.map((keyPair) => keyPairView(ctx, region.regionID, keyPair)) };
  },
});

const remove = defineRoute({
  method: "POST", path: "/v4/ecs/keypair/delete", operation: "DeleteKeyPair", service: "ctecs",
  input: z.object({ keyPairName: name.min(1) }),
  handle(ctx, { input: { keyPairName }, region }) {
    new KeyPairBackend(ctx).delete(region.regionID, keyPairName);
    return { keyPairName };
  },
});

function binding(bind: boolean, path: string, operation: string): RouteDefinition {
  return defineRoute({
    method: "POST", path, operation, service: "ctecs",
    input: z.object({ keyPairName: name.min(1), instanceID: z.string().min(1) }),
    handle(ctx, { input, region }) {
      const keyPairs = new KeyPairBackend(ctx);
      if (bind) keyPairs.attach(region.regionID, input.keyPairName, input.instanceID);
      else keyPairs.detach(region.regionID, input.keyPairName, input.instanceID);
      return { instanceID: input.instanceID };
    },
  });
}

export const KEY_PAIR_ROUTES: readonly RouteDefinition[] = [
  importPair,
  createPair,
  details,
  remove,
  binding(true, "/v4/ecs/keypair/attach-instance", "AttachKeyPair"),
  binding(false, "/v4/ecs/keypair/detach-instance", "DetachKeyPair"),
];
