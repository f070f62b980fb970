/**
 * Provider settings: one resolution from the stack configuration the engine hands to `configure`
 * (secrets arrive decrypted) and the environment, read at call time. Nothing else reads `ctyun:*`
 * keys or `CTYUN_*` variables. Values here are never logged and never returned in outputs.
 */
import { CtyunConfigError } from "./client/errors";

/** Stack configuration keys, as the engine passes them to dynamic providers (namespaced). */
export const CONFIG_KEYS = {
  endpoint: "ctyun:endpoint",
  accessKey: "ctyun:accessKey",
  secretKey: "ctyun:secretKey",
  regionId: "ctyun:regionId",
  azName: "ctyun:azName",
  projectId: "ctyun:projectId",
} as const;

/** Environment variables (the Terraform provider's names for credentials and region). */
export const ENV_VARS = {
  endpoint: "CTYUN_ENDPOINT",
  accessKey: "CTYUN_AK",
  secretKey: "CTYUN_SK",
  regionId: "CTYUN_REGION_ID",
  azName: "CTYUN_AZ_NAME",
  projectId: "CTYUN_PROJECT_ID",
} as const;

export type SettingName = keyof typeof CONFIG_KEYS;

/** Plain string values of the `ctyun:*` stack configuration (what `configure` captured). */
export type StackConfig = Partial<Record<SettingName, string>>;

export interface Settings {
  readonly endpoint: string | undefined;
  readonly accessKey: string | undefined;
  readonly secretKey: string | undefined;
  readonly regionId: string | undefined;
  readonly azName: string | undefined;
  readonly projectId: string | undefined;
  /** Where `endpoint` came from, for messages: the stack config key, the variable, or the default hosts. */
  readonly endpointSource: string;
}

function pick(name: SettingName, stack: StackConfig, env: NodeJS.ProcessEnv): string | undefined {
  const fromStack = stack[name];
  if (fromStack !== undefined && fromStack !== "") return fromStack;
  const fromEnv = env[ENV_VARS[name]];
  return fromEnv !== undefined && fromEnv !== "" ? fromEnv : undefined;
}

/** Stack configuration wins over the environment (the Terraform provider's precedence). */
export function resolveSettings(stack: StackConfig = {}, env: NodeJS.ProcessEnv = process.env): Settings {
  return {
    endpoint: pick("endpoint", stack, env),
    accessKey: pick("accessKey", stack, env),
    secretKey: pick("secretKey", stack, env),
    regionId: pick("regionId", stack, env),
    azName: pick("azName", stack, env),
    projectId: pick("projectId", stack, env),
    endpointSource: stack.endpoint ? CONFIG_KEYS.endpoint : env[ENV_VARS.endpoint] ? ENV_VARS.endpoint : "the default CTyun hosts (ctyun:endpoint unset)",
  };
}

/** Reads the `ctyun:*` keys from the engine's configure request into a plain object. */
export function stackConfigFrom(get: (key: string) => string | undefined): StackConfig {
  const out: StackConfig = {};
  for (const [name, key] of Object.entries(CONFIG_KEYS) as Array<[SettingName, string]>) {
    const value = get(key);
    if (value !== undefined && value !== "") out[name] = value;
  }
  return out;
}

/** The credentials, or an error that names both ways to set them. Called when a request is made. */
export function requireCredentials(settings: Settings): { accessKey: string; secretKey: string } {
  const missing: string[] = [];
  if (!settings.accessKey) missing.push(`access key (stack config ${CONFIG_KEYS.accessKey} or env ${ENV_VARS.accessKey})`);
  if (!settings.secretKey) missing.push(`secret key (stack config ${CONFIG_KEYS.secretKey} --secret or env ${ENV_VARS.secretKey})`);
  if (missing.length > 0) throw new CtyunConfigError(`CTyun credentials are missing: set the ${missing.join(" and the ")}`);
  return { accessKey: settings.accessKey as string, secretKey: settings.secretKey as string };
}
