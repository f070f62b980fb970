/**
 * The documented demo credentials. 32 characters each, because CTyun tooling rejects keys of any
 * other length (spec A.10.6). They grant access to the local emulator only.
 */
export const DEMO_ACCESS_KEY = "emulatordemoaccesskey00000000001";
export const DEMO_SECRET_KEY = "emulatordemosecretkey00000000001";

export interface Credential {
  readonly accessKey: string;
  readonly secretKey: string;
}

export const DEMO_CREDENTIAL: Credential = { accessKey: DEMO_ACCESS_KEY, secretKey: DEMO_SECRET_KEY };

/** Parses `AK:SK` (the CLI and env format); the secret may itself contain `:`. */
export function parseCredential(text: string): Credential {
  const colon = text.indexOf(":");
  if (colon <= 0 || colon === text.length - 1) throw new Error(`credentials must be AK:SK, got "${text}"`);
  return { accessKey: text.slice(0, colon).trim(), secretKey: text.slice(colon + 1).trim() };
}
