/**
 * What the CLI tells a newcomer once it listens: where it is, the demo keys, the default region and
 * zone, and the `pulumi config set` lines that point a stack at it (printed on stderr: stdout's one
 * line, `listening on …`, is what scripts wait for).
 */
import { DEMO_ACCESS_KEY, DEMO_SECRET_KEY } from "./credentials";
import { REGIONS } from "./services/catalog/data";

export function banner(url: string, details: { readonly profile: string; readonly storage: string; readonly demoCredentials: boolean }): string {
  const region = REGIONS[0];
  const zone = region?.zones[0]?.name ?? "";
  const lines = [
    `CTyun OpenAPI emulator on ${url} (timing profile ${details.profile}, state ${details.storage})`,
    region ? `Default region ${region.regionName} ${region.regionID}, zone ${zone}; ${REGIONS.length} regions in all (GET ${url}/v4/region/list-regions, or ctyun.getRegions())` : "",
  ];
  if (details.demoCredentials) {
    lines.push(
      `Demo keys: access key ${DEMO_ACCESS_KEY}, secret key ${DEMO_SECRET_KEY}`,
      "Point a Pulumi stack at it:",
      `  pulumi config set ctyun:endpoint ${url}`,
      `  pulumi config set --secret ctyun:accessKey ${DEMO_ACCESS_KEY}`,
      `  pulumi config set --secret ctyun:secretKey ${DEMO_SECRET_KEY}`,
      ...(region ? [`  pulumi config set ctyun:regionId ${region.regionID}`, `  pulumi config set ctyun:azName ${zone}`] : []),
    );
  }
  lines.push(`Console: ${url}/_emulator/console   (state: ${url}/_emulator/state, requests: ${url}/_emulator/requests)`);
  return `${lines.filter((line) => line !== "").join("\n")}\n`;
}
