/**
 * ZOS constants: the emulated account, the per-region activation record, error codes and enums.
 * Bucket records themselves are shared (services/shared/records.ts, kind `bucket`).
 */

/** Per-region activation of object storage: `GET /v4/oss/get-oss-service-status` reads it. */
export const ZOS_SERVICE_KIND = "zosService";

/** The documented states (spec C.3): only "true" lets buckets be created. */
export const SERVICE_STATES = ["true", "false", "processing", "frozen"] as const;
export type ServiceState = (typeof SERVICE_STATES)[number];

/**
 * One per region, id = regionID. Tests switch a region off with
 * `PATCH /_emulator/resources/zosService/<regionID>` `{"state": "false"}`.
 */
export interface ZosServiceRecord {
  regionID: string;
  state: ServiceState;
}

/** The one account the emulator serves (all access keys belong to it). */
export const ACCOUNT = {
  ID: "7b2d6c1e9f4a4e0b8c3d5a6f1e2b3c4d",
  displayName: "emulator-account",
} as const;

export const ACL_VALUES = ["private", "public-read", "public-read-write"] as const;
export type CannedAcl = (typeof ACL_VALUES)[number];
export const STORAGE_TYPES = ["STANDARD", "STANDARD_IA", "GLACIER"] as const;
export const AZ_POLICIES = ["single-az", "multi-az"] as const;
export const PERMISSIONS = ["FULL_CONTROL", "READ", "WRITE", "READ_ACP", "WRITE_ACP"] as const;

export const ALL_USERS_URI = "http://acs.amazonaws.com/groups/global/AllUsers";
export const AUTHENTICATED_USERS_URI = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
export const LOG_DELIVERY_URI = "http://acs.amazonaws.com/groups/s3/LogDelivery";
export const GROUP_URIS: readonly string[] = [ALL_USERS_URI, AUTHENTICATED_USERS_URI, LOG_DELIVERY_URI];

/** Tag limits (COVERAGE.md): 10 per bucket as the TF validator says; S3 key/value lengths. */
export const MAX_TAGS = 10;
export const MAX_TAG_KEY_LENGTH = 128;
export const MAX_TAG_VALUE_LENGTH = 256;
/** list-objects `maxKeys` default and ceiling; also the delete-objects batch limit and list-object-versions page. */
export const MAX_KEYS = 1000;

/** Error codes. `oss.resource.noSuchBucket` is real (TF `common.OpenapiOssNoSuchBucket`); the rest are invented (the bucket name and not-empty codes are drawn from unknown-codes.ts). */
export const ZOS_ERRORS = {
  noSuchBucket: "oss.resource.noSuchBucket",
  noSuchTagSet: "oss.resource.noSuchTagSet",
  accessDenied: "oss.resource.accessDenied",
  invalidBucketState: "oss.resource.invalidBucketState",
  invalidBucketName: "oss.parameter.invalidBucketName",
  serviceNotActivated: "oss.service.notActivated",
} as const;
