/**
 * Health check and certificate operations (api-notes/elb.md §6, §7; host ctelb). create-health-check
 * and create-certificate answer objects (`{ID}`), show-* objects; update/delete of certificates
 * `[{ID}]`. check-certificate / check-ca-cert take no regionID and answer `{isValid}`.
 */
import { z } from "zod";
import { defineRoute } from "../route";
import type { RouteDefinition } from "../types";
import { certificateProblem, Certificates, certificateView } from "./certificates";
import { HealthChecks, healthCheckView } from "./health-checks";
import { clientToken, deleteRoute, idArray, idsFilter, integer, objectId, optionalText, textFilter } from "./route-fields";
import { CERTIFICATE_TYPES, EXPECTED_CODES, HEALTH_CHECK_PROTOCOLS } from "./rules";

/** Go's `[]string` without omitempty sends null for TCP/UDP (dropped as absent). */
const expectedCodes = z.array(z.string({ error: `must be among ${EXPECTED_CODES.join(", ")}` }), { error: "must be an array" }).optional();

const createHealthCheck = defineRoute({
  method: "POST", path: "/v4/elb/create-health-check", operation: "CreateHealthCheck", service: "ctelb",
  input: z.object({
    clientToken,
    name: z.string({ error: "is required" }),
    description: optionalText,
    protocol: z.enum(HEALTH_CHECK_PROTOCOLS, { error: "must be TCP, UDP or HTTP" }),
    timeout: integer("2-60").optional(),
    interval: integer("1-20940").optional(),
    maxRetry: integer("1-10").optional(),
    httpMethod: optionalText,
    httpUrlPath: optionalText,
    httpExpectedCodes: expectedCodes,
    protocolPort: integer("1-65535").optional(),
  }),
  handle: (ctx, { input, region }) => ctx.idempotent(() => ({ ID: new HealthChecks(ctx).create(region.regionID, input).ID })),
});

const showHealthCheck = defineRoute({
  method: "GET", path: "/v4/elb/show-health-check", operation: "ShowHealthCheck", service: "ctelb",
  input: z.object({}),
  // The deprecated id parameter is lower-case `id` here.
  handle: (ctx, { region, params }) => healthCheckView(new HealthChecks(ctx).require(region.regionID, objectId(params, "healthCheckID", ["id", "ID"])), region.regionID),
});

const listHealthChecks = defineRoute({
  method: "GET", path: "/v4/elb/list-health-check", operation: "ListHealthCheck", service: "ctelb",
  input: z.object({}),
  handle: (ctx, { region, params }) =>
    new HealthChecks(ctx).list(region.regionID, { ids: idsFilter(params), name: textFilter(params, "name") }).map((c) => healthCheckView(c, region.regionID)),
});

const updateHealthCheck = defineRoute({
  method: "POST", path: "/v4/elb/update-health-check", operation: "UpdateHealthCheck", service: "ctelb",
  input: z.object({
    clientToken: clientToken.optional(),
    name: optionalText,
    description: optionalText,
    timeout: integer("2-60").optional(),
    maxRetry: integer("1-10").optional(),
    interval: integer("1-20940").optional(),
    httpMethod: optionalText,
    httpUrlPath: optionalText,
    httpExpectedCodes: expectedCodes,
  }),
  handle(ctx, { input, region, params }) {
    const healthCheckID = objectId(params, "healthCheckID");
    return ctx.idempotent(() => ({ ID: new HealthChecks(ctx).update(region.regionID, healthCheckID, input).ID }));
  },
});

const deleteHealthCheck = deleteRoute({
  path: "/v4/elb/delete-health-check", operation: "DeleteHealthCheck", idParam: "healthCheckID", answer: "object",
  remove: (ctx, regionID, id) => new HealthChecks(ctx).delete(regionID, id),
});

const checkCertificate = defineRoute({
  method: "POST", path: "/v4/elb/check-certificate", operation: "CheckCertificate", service: "ctelb", region: "none",
  input: z.object({ certificate: z.string({ error: "is required" }), privateKey: z.string({ error: "is required" }) }),
  handle: (_ctx, { input }) => ({ isValid: certificateProblem(input.certificate, input.privateKey) === undefined }),
});

const checkCaCertificate = defineRoute({
  method: "POST", path: "/v4/elb/check-ca-cert", operation: "CheckCaCert", service: "ctelb", region: "none",
  input: z.object({ certificate: z.string({ error: "is required" }) }),
  handle: (_ctx, { input }) => ({ isValid: certificateProblem(input.certificate, undefined) === undefined }),
});

const createCertificate = defineRoute({
  method: "POST", path: "/v4/elb/create-certificate", operation: "CreateCertificate", service: "ctelb",
  input: z.object({
    clientToken,
    projectID: optionalText,
    name: z.string({ error: "is required" }),
    description: optionalText,
    type: z.enum(CERTIFICATE_TYPES, { error: "must be Server or Ca" }),
    privateKey: optionalText,
    certificate: z.string({ error: "is required (PEM)" }).min(1, "is required (PEM)"),
  }),
  handle: (ctx, { input, region }) => ctx.idempotent(() => ({ ID: new Certificates(ctx).create(region.regionID, input).ID })),
});

const showCertificate = defineRoute({
  method: "GET", path: "/v4/elb/show-certificate", operation: "ShowCertificate", service: "ctelb",
  input: z.object({}),
  handle: (ctx, { region, params }) => certificateView(new Certificates(ctx).require(region.regionID, objectId(params, "certificateID")), region.regionID),
});

/** `name` and `type` are comma lists too ("必须与ID顺序严格对应"); each is a filter of its own here. */
const commaValues = (params: Record<string, unknown>, key: string) =>
  textFilter(params, key)
    ?.split(",")
    .map((v) => v.trim())
    .filter((v) => v !== "");

const listCertificates = defineRoute({
  method: "GET", path: "/v4/elb/list-certificate", operation: "ListCertificate", service: "ctelb",
  input: z.object({}),
  handle: (ctx, { region, params }) =>
    new Certificates(ctx)
      .list(region.regionID, { ids: idsFilter(params), names: commaValues(params, "name"), types: commaValues(params, "type") })
      .map((c) => certificateView(c, region.regionID)),
});

const updateCertificate = defineRoute({
  method: "POST", path: "/v4/elb/update-certificate", operation: "UpdateCertificate", service: "ctelb",
  input: z.object({ clientToken, projectID: optionalText, name: optionalText, description: optionalText }),
  handle(ctx, { input, region, params }) {
    const certificateID = objectId(params, "certificateID");
    return ctx.idempotent(() => idArray(new Certificates(ctx).update(region.regionID, certificateID, input).ID));
  },
});

const deleteCertificate = deleteRoute({
  path: "/v4/elb/delete-certificate", operation: "DeleteCertificate", idParam: "certificateID", answer: "array",
  remove: (ctx, regionID, id) => new Certificates(ctx).delete(regionID, id),
});

export const CHECK_ROUTES: readonly RouteDefinition[] = [
  createHealthCheck,
  showHealthCheck,
  listHealthChecks,
  updateHealthCheck,
  deleteHealthCheck,
  checkCertificate,
  checkCaCertificate,
  createCertificate,
  showCertificate,
  listCertificates,
  updateCertificate,
  deleteCertificate,
];
