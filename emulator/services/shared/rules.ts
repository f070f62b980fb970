/**
 * Parameter rules several CTyun products share (spec D.1–D.5): resource names, descriptions,
 * IPv4 CIDR blocks, enterprise project ids. They throw `Openapi.Parameter.Invalid` with a message
 * naming the field and the rule, as the gateway does.
 */
import { InvalidParameterError } from "../../errors";
import { isNetworkAddress, parseCidr, type CidrBlock } from "./ip";

const CN = "\\u4e00-\\u9fa5";
const NAME = new RegExp(`^[a-zA-Z${CN}][0-9a-zA-Z_${CN}-]+$`);

/** VPC/subnet/security-group/EIP names: 2–max characters, letter or Chinese first, no http(s): prefix. */
export function checkName(field: string, value: string, max = 32): void {
  const length = [...value].length;
  if (length < 2 || length > max) throw new InvalidParameterError(`${field} must be 2-${max} characters long`);
  if (!NAME.test(value)) {
    throw new InvalidParameterError(`${field} must start with a letter or Chinese character and contain only letters, digits, Chinese characters, '_' and '-'`);
  }
  if (/^https?:/i.test(value)) throw new InvalidParameterError(`${field} must not start with http: or https:`);
}

export function checkDescription(field: string, value: string, max = 128): void {
  if ([...value].length > max) throw new InvalidParameterError(`${field} must be at most ${max} characters long`);
  if (/^https?:/i.test(value)) throw new InvalidParameterError(`${field} must not start with http: or https:`);
}

/** `""` and `"0"` mean the default project; otherwise 32 lower-case letters and digits. */
export function normalizeProjectId(value: string | undefined): string {
  if (value === undefined || value === "" || value === "0") return "0";
  if (!/^[a-z0-9]{32}$/.test(value)) throw new InvalidParameterError("projectID must be empty, 0 or 32 lower-case letters and digits");
  return value;
}

/** A CIDR in network form with a prefix between min and max, else `Openapi.Parameter.Invalid`. */
export function requireIpv4Block(field: string, text: string, minPrefix: number, maxPrefix: number): CidrBlock {
  const block = parseCidr(text, 4);
  if (!block) throw new InvalidParameterError(`${field} ${text} is not a valid IPv4 CIDR`);
  if (!isNetworkAddress(block)) throw new InvalidParameterError(`${field} ${text} is not a network address`);
  if (block.prefix < minPrefix || block.prefix > maxPrefix) {
    throw new InvalidParameterError(`${field} mask must be between ${minPrefix} and ${maxPrefix}`);
  }
  return block;
}
