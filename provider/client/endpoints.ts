/**
 * Service hosts (spec B.1). Each product has its own `<product>-global.ctapi.ctyun.cn` host and the
 * region travels in the request, not the host. One override base URL replaces every host: that is
 * how a program targets the emulator, whose paths are distinct across services.
 */
export const SERVICES = ["ctecs", "ctvpc", "ebs", "ctimage", "zos", "ctelb", "scaling"] as const;
export type ServiceName = (typeof SERVICES)[number];

export function defaultEndpoint(service: ServiceName): string {
  return `https://${service}-global.ctapi.ctyun.cn`;
}

/** The base URL for a service: the override when set (trailing slashes dropped), else the cloud host. */
export function endpointFor(service: ServiceName, override?: string): string {
  if (override !== undefined && override !== "") return override.replace(/\/+$/, "");
  return defaultEndpoint(service);
}
