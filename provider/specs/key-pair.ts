/**
 * KeyPair (spec D.11): an imported SSH RSA public key. Every input replaces it; names are unique
 * per region, so a replacement that keeps the name deletes the old key pair first.
 *
 * The import API has no clientToken. It is still safe to repeat: a second import of the same name
 * is refused (with whatever code), and a key pair with this name and byte-for-byte this public key
 * is the one this create (or its interrupted predecessor) imported, so create takes it over.
 */
import { z } from "zod";
import { isServiceError } from "../client/errors";
import { DeleteKeyPair, DescribeKeyPairs, ImportKeyPair, type KeyPairInfo } from "../client/operations/keypair";
import type { HandlerContext } from "../lifecycle/context";
import { projectId, regionId } from "../lifecycle/fields";
import { keyPairNameProblem, parseRsaPublicKey } from "./instance-rules";
import { mayBeOwnEarlierWork } from "../lifecycle/ownership";
import { defineResource } from "../lifecycle/spec";

export const keyPairName = z.string().superRefine((value, ctx) => {
  const problem = keyPairNameProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

const inputs = z.object({
  name: keyPairName,
  publicKey: z.string().superRefine((value, ctx) => {
    const parsed = parseRsaPublicKey(value);
    if (typeof parsed === "string") ctx.addIssue({ code: "custom", message: parsed });
  }),
  regionId,
  projectId: projectId.optional(),
});

type KeyPairInputs = z.output<typeof inputs>;

export interface KeyPairOutputs {
  keyPairId: string;
  /** MD5 fingerprint, colon-separated hex (as `ssh-keygen -l -E md5` prints it). */
  fingerPrint: string;
}

const project = (projectID: string | undefined) => (projectID ? { projectID } : {});

/** The key pair named `name` in the region, or undefined. */
export async function findKeyPair(ctx: HandlerContext, regionID: string, name: string, projectID?: string): Promise<KeyPairInfo | undefined> {
  const listed = await ctx.client.send(DescribeKeyPairs, { regionID, keyPairName: name, queryContent: "", pageNo: 1, pageSize: 1, ...project(projectID) });
  return listed.results.find((k) => k.keyPairName === name);
}

function outputsOf(keyPair: KeyPairInfo): KeyPairOutputs {
  return { keyPairId: keyPair.keyPairID, fingerPrint: keyPair.fingerPrint };
}

/** The key pair with this id (details matches `queryContent` against names and ids), or undefined. */
async function byId(ctx: HandlerContext, regionID: string, id: string): Promise<KeyPairInfo | undefined> {
  const listed = await ctx.client.send(DescribeKeyPairs, { regionID, queryContent: id, pageNo: 1, pageSize: 50 });
  return listed.results.find((k) => k.keyPairID === id);
}

export const keyPairSpec = defineResource({
  type: "KeyPair",
  inputs,
  outputs: { keyPairId: true, fingerPrint: true },
  createOnly: ["name", "publicKey", "regionId", "projectId"],
  settingDefaults: { regionId: "regionId", projectId: "projectId" },
  autoName: { property: "name", maxLength: 63, mustStartWithLetter: true, allowedCharacters: "0-9a-zA-Z-" },
  // Key pairs are found by listing (read, delete): no call depends on a not-found code, which
  // CTyun does not document for key pairs.
  notFoundCodes: [],
  timeouts: { create: 2 * 60_000, update: 2 * 60_000, delete: 2 * 60_000 },
  idOutput: "keyPairId",

  // The name is unique in the region: the new key pair can only be imported once the old one is gone.
  deleteBeforeReplace(olds, news: KeyPairInputs) {
    return olds["name"] === news.name && olds["regionId"] === news.regionId;
  },

  async create(ctx, args: KeyPairInputs) {
    try {
      await ctx.client.send(ImportKeyPair, { regionID: args.regionId, keyPairName: args.name, publicKey: args.publicKey, ...project(args.projectId) });
    } catch (error) {
      // Whatever the refusal's code: when an earlier attempt of this very create may have landed
      // (a retried request, a rerun after a crash), a key pair of this name holding this very key
      // is the one it imported. Otherwise the name belongs to someone else — another stack, say.
      if (!isServiceError(error)) throw error;
      const existing = await findKeyPair(ctx, args.regionId, args.name);
      if (!existing) throw error;
      if (existing.publicKey !== args.publicKey || !mayBeOwnEarlierWork(ctx, error)) {
        throw new Error(
          `a key pair named ${args.name} already exists in region ${args.regionId}${existing.publicKey === args.publicKey ? "" : " with a different public key"}: ` +
            "choose another name, or take the existing one under management with adoptId",
          { cause: error },
        );
      }
      ctx.progress(`key pair ${args.name} already holds this public key (an earlier attempt imported it); taking it over`);
    }
    const keyPair = await findKeyPair(ctx, args.regionId, args.name);
    if (!keyPair) throw new Error(`key pair ${args.name} was imported but details does not list it`);
    ctx.created(keyPair.keyPairID, outputsOf(keyPair));
    return { id: keyPair.keyPairID, outputs: outputsOf(keyPair) };
  },

  async read(ctx, id, state) {
    const keyPair = await byId(ctx, state["regionId"] as string, id);
    if (!keyPair) return undefined;
    return { inputs: { name: keyPair.keyPairName, publicKey: keyPair.publicKey }, outputs: outputsOf(keyPair) };
  },

  // Every input replaces: update only runs for adoption or a resumed create, and just reads.
  async update(ctx, id, _olds, news: KeyPairInputs) {
    const keyPair = await byId(ctx, news.regionId, id);
    if (!keyPair) throw new Error(`key pair ${news.name} (${id}) no longer exists in region ${news.regionId}`);
    return outputsOf(keyPair);
  },

  async delete(ctx, id, state) {
    // Deletion is by name: look the id up first, so a key pair that merely took our name survives.
    const regionID = state["regionId"] as string;
    const keyPair = await byId(ctx, regionID, id);
    if (!keyPair) return;
    try {
      await ctx.client.send(DeleteKeyPair, { regionID, keyPairName: keyPair.keyPairName });
    } catch (error) {
      // Refused, whatever the code: done if it went away meanwhile.
      if (isServiceError(error) && !(await byId(ctx, regionID, id))) return;
      throw error;
    }
  },
});
