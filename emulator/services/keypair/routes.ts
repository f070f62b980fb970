/** Key pair operations (spec D.11, ctecs host): parse the request, call the backend, shape the answer. */
import { z } from "zod";
import { InvalidParameterError } from "../../errors";
import { paginate, readPaging } from "../shared/paging";
import { KIND, type InstanceRecord, type KeyPairRecord } from "../shared/records";
import type { OperationContext, RouteDefinition } from "../types";
import { readRequest } from "../ecs/routes";
import { attachKeyPair, createKeyPair, deleteKeyPair, detachKeyPair, findKeyPairs, importKeyPair } from "./backend";

const name = z.string();
const optionalText = z.string().optional();

/** What details lists (and import partly echoes); never a private key. */
function keyPairView(ctx: OperationContext, regionId: string, keyPair: KeyPairRecord): Record<string, unknown> {
  return {
    // Declared by py ctyunsdk_ecs20220909/models/v4_ecs_keypair_details.py.
    bindInstanceNum: ctx.store.collection<InstanceRecord>(KIND.instance).count(regionId, (vm) => vm.keypairName === keyPair.keyPairName),
    labelList: [],
    keyPairID: keyPair.keyPairID,
    keyPairName: keyPair.keyPairName,
    publicKey: keyPair.publicKey,
    fingerPrint: keyPair.fingerPrint,
    projectID: keyPair.projectID,
    keyPairDescription: keyPair.keyPairDescription,
  };
}

const importSchema = z.object({ keyPairName: name, publicKey: z.string(), projectID: optionalText, keyPairDescription: optionalText });

function importPair(ctx: OperationContext): unknown {
  const { regionId, body } = readRequest(ctx, importSchema);
  const keyPair = importKeyPair(ctx, regionId, body);
  // The import answer has no keyPairID (API doc); callers read it from details.
  // py v4_ecs_keypair_import_keypair declares no id; Go ctecs keypair_import.go reads keyPairID: answered.
  return { publicKey: keyPair.publicKey, keyPairName: keyPair.keyPairName, fingerPrint: keyPair.fingerPrint, keyPairDescription: keyPair.keyPairDescription, keyPairID: keyPair.keyPairID };
}

const createSchema = z.object({ keyPairName: optionalText, keypairName: optionalText, projectID: optionalText, keyPairDescription: optionalText });

/** Documented key `keyPairName`; the old hand-written SDK sends `keypairName` (spec D.11): both work. */
function createPair(ctx: OperationContext): unknown {
  const { regionId, body } = readRequest(ctx, createSchema);
  const keyPairName = body.keyPairName ?? body.keypairName;
  if (keyPairName === undefined) throw new InvalidParameterError("keyPairName is required");
  const { record, privateKey } = createKeyPair(ctx, regionId, { keyPairName, projectID: body.projectID, keyPairDescription: body.keyPairDescription });
  return { publicKey: record.publicKey, privateKey, keyPairName: record.keyPairName, fingerPrint: record.fingerPrint, keyPairID: record.keyPairID, keyPairDescription: record.keyPairDescription };
}

const detailsSchema = z.object({ keyPairName: optionalText, queryContent: optionalText, projectID: optionalText });

function details(ctx: OperationContext): unknown {
  const { regionId, input, body: query } = readRequest(ctx, detailsSchema);
  const page = paginate(findKeyPairs(ctx, regionId, query), readPaging(input));
  return { currentCount: page.currentCount, totalCount: page.totalCount, totalPage: page.totalPage, results: page.items.map((keyPair) => keyPairView(ctx, regionId, keyPair)) };
}

function remove(ctx: OperationContext): unknown {
  const { regionId, body: { keyPairName } } = readRequest(ctx, z.object({ keyPairName: name.min(1) }));
  deleteKeyPair(ctx, regionId, keyPairName);
  return { keyPairName };
}

const bindSchema = z.object({ keyPairName: name.min(1), instanceID: z.string().min(1) });

function binding(bind: boolean) {
  return (ctx: OperationContext): unknown => {
    const { regionId, body } = readRequest(ctx, bindSchema);
    (bind ? attachKeyPair : detachKeyPair)(ctx, regionId, body.keyPairName, body.instanceID);
    return { instanceID: body.instanceID };
  };
}

export const KEY_PAIR_ROUTES: readonly RouteDefinition[] = [
  { method: "POST", path: "/v4/ecs/keypair/import-keypair", operation: "ImportKeyPair", service: "ctecs", handler: importPair },
  { method: "POST", path: "/v4/ecs/keypair/create-keypair", operation: "CreateKeyPair", service: "ctecs", handler: createPair },
  { method: "POST", path: "/v4/ecs/keypair/details", operation: "DescribeKeyPairs", service: "ctecs", handler: details },
  { method: "POST", path: "/v4/ecs/keypair/delete", operation: "DeleteKeyPair", service: "ctecs", handler: remove },
  { method: "POST", path: "/v4/ecs/keypair/attach-instance", operation: "AttachKeyPair", service: "ctecs", handler: binding(true) },
  { method: "POST", path: "/v4/ecs/keypair/detach-instance", operation: "DetachKeyPair", service: "ctecs", handler: binding(false) },
];
