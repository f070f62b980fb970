/**
 * Compatibility only: record types live with the service that owns them (`services/<name>/records.ts`).
 * This re-export keeps test/resources/disk-attachment.spec.ts (outside the emulator's side of the
 * project) compiling until its import moves to `services/ebs/records`; nothing in emulator/ uses it.
 */
export type { DiskRecord } from "../ebs/records";
