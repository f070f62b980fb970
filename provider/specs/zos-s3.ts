/**
 * ZOS's S3 data endpoint for a region, as CTyun's Terraform provider reaches it
 * (`business/zos_service.go`): get-endpoint's first internet endpoint, and the key pair get-keys
 * answers for the region or for `public`. Those keys are secrets: never in outputs or messages.
 */
import { ZosS3Client } from "../client/s3/client";
import { GetZosEndpoint, GetZosKeys } from "../client/operations/zos";
import type { HandlerContext } from "../lifecycle/context";

export async function zosS3(ctx: Pick<HandlerContext, "client" | "deps">, regionID: string): Promise<ZosS3Client> {
  const [endpoints, keys] = await Promise.all([ctx.client.send(GetZosEndpoint, { regionID }), ctx.client.send(GetZosKeys, { regionID })]);
  const endpoint = endpoints.internetEndpoint[0];
  if (!endpoint) throw new Error(`get-endpoint answered no internet endpoint for object storage in region ${regionID}`);
  const pair = keys.find((k) => k.regionID === regionID) ?? keys.find((k) => k.regionID === "public");
  if (!pair) throw new Error(`get-keys answered no object-storage key pair for region ${regionID} (nor a "public" one)`);
  return new ZosS3Client({ endpoint, credentials: { accessKey: pair.accessKey, secretKey: pair.secretKey }, now: () => ctx.deps.now() });
}
