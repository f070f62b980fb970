/** In-memory log of API requests (not control-plane calls) for tests to assert on. */

export interface RequestLogEntry {
  readonly seq: number;
  readonly method: string;
  readonly path: string;
  /** Operation name of the matched route; null when no route matched. */
  readonly operation: string | null;
  /** HTTP status; 0 when the connection was dropped by a fault. */
  readonly status: number;
  readonly statusCode: number | null;
  readonly errorCode: string | null;
  readonly requestId: string;
  readonly fault: string | null;
  /** Emulator clock (epoch ms) when the request arrived. */
  readonly at: number;
  readonly ms: number;
  /** The client's `User-Agent` (clients may name themselves or their caller there). */
  readonly userAgent: string | null;
  /** It read asynchronous work (an order, a job, a status change) still in flight or just finished. */
  readonly poll: boolean;
}

/** Counts key for requests no route matched. */
export const UNMATCHED_OPERATION = "(unmatched)";

export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private seq = 0;

  constructor(private readonly limit: number) {}

  add(entry: Omit<RequestLogEntry, "seq">): void {
    this.seq += 1;
    this.entries.push({ seq: this.seq, ...entry });
    // Trim in batches: dropping one entry per request from the front of a long array costs O(n) each time.
    if (this.entries.length >= 2 * this.limit) this.entries = this.entries.slice(-this.limit);
  }

  /** The newest `limit` entries, oldest first. */
  list(): readonly RequestLogEntry[] {
    return this.entries.length > this.limit ? this.entries.slice(-this.limit) : this.entries;
  }

  /** Number of logged requests per operation name. */
  counts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const entry of this.list()) {
      const key = entry.operation ?? UNMATCHED_OPERATION;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  }

  clear(): void {
    this.entries = [];
    this.seq = 0;
  }
}
