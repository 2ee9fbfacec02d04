import { EisoError } from '../../errors.js';

/**
 * Counts failed logins per client address in a fixed window. Only failures
 * count, so an office whose staff share one address can still log in.
 */
export class FailureCounter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  assertAllowed(address: string): void {
    const window = this.windows.get(address);
    if (!window || window.resetAt <= Date.now() || window.count < this.limit) return;
    const seconds = Math.ceil((window.resetAt - Date.now()) / 1000);
    throw new EisoError(
      'EISO_ERR_RATE_LIMITED',
      `Too many failed logins from this address; wait ${seconds} seconds and try again.`,
    );
  }

  record(address: string): void {
    const now = Date.now();
    const window = this.windows.get(address);
    if (!window || window.resetAt <= now) {
      if (this.windows.size >= 10_000) this.windows.clear();
      this.windows.set(address, { count: 1, resetAt: now + this.windowMs });
      return;
    }
    window.count += 1;
  }
}
