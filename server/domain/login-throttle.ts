/**
 * Slowing password guessing (issue #12): failed sign-ins are counted per
 * account and per network address over a sliding window; past the limit
 * the account (or the address) is locked for a while, even to the right
 * password, until the lock runs out or an administrator lifts it. Pure:
 * the caller passes the time.
 */
export interface ThrottleRules {
  /** Failures counted over this many ms. */
  windowMs: number;
  /** An account locks at this many failures within the window. */
  perAccount: number;
  /** An address locks at this many failures within the window (several accounts tried from one PC). */
  perAddress: number;
  /** How long a lock lasts. */
  lockMs: number;
}

export const DEFAULT_THROTTLE: ThrottleRules = {
  windowMs: 15 * 60_000,
  perAccount: 5,
  perAddress: 20,
  lockMs: 15 * 60_000,
};

interface Entry {
  failures: number[];
  lockedUntil: number | null;
}

export type ThrottleKey = { kind: 'account'; name: string } | { kind: 'address'; name: string };

export interface Lock {
  key: ThrottleKey;
  until: Date;
}

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();
  constructor(private readonly rules: ThrottleRules = DEFAULT_THROTTLE) {}

  private static id(key: ThrottleKey): string {
    return `${key.kind}:${key.kind === 'account' ? key.name.toLowerCase() : key.name}`;
  }

  /** The lock in force on any of `keys` at `now` (the one ending last), or null. */
  lockOn(keys: ThrottleKey[], now: Date): Lock | null {
    let found: Lock | null = null;
    for (const key of keys) {
      const e = this.entries.get(LoginThrottle.id(key));
      if (e?.lockedUntil && e.lockedUntil > now.getTime() && (!found || e.lockedUntil > found.until.getTime())) {
        found = { key, until: new Date(e.lockedUntil) };
      }
    }
    return found;
  }

  /** Counts one failed attempt; returns the locks this failure started (for the audit log). */
  fail(keys: ThrottleKey[], now: Date): Lock[] {
    const t = now.getTime();
    const started: Lock[] = [];
    for (const key of keys) {
      const id = LoginThrottle.id(key);
      const e = this.entries.get(id) ?? { failures: [], lockedUntil: null };
      e.failures = e.failures.filter((f) => t - f < this.rules.windowMs);
      e.failures.push(t);
      const limit = key.kind === 'account' ? this.rules.perAccount : this.rules.perAddress;
      if (e.failures.length >= limit && !(e.lockedUntil && e.lockedUntil > t)) {
        e.lockedUntil = t + this.rules.lockMs;
        e.failures = [];
        started.push({ key, until: new Date(e.lockedUntil) });
      }
      this.entries.set(id, e);
    }
    return started;
  }

  /** A successful sign-in clears the account's count (not the address's: one good account must not launder guesses). */
  succeed(account: string): void {
    this.entries.delete(LoginThrottle.id({ kind: 'account', name: account }));
  }

  /** An administrator lifts a lock (and forgets the failures). */
  unlock(key: ThrottleKey): boolean {
    return this.entries.delete(LoginThrottle.id(key));
  }

  /** The locks in force at `now`. */
  locks(now: Date): Lock[] {
    const out: Lock[] = [];
    for (const [id, e] of this.entries) {
      if (!e.lockedUntil || e.lockedUntil <= now.getTime()) continue;
      const sep = id.indexOf(':');
      const kind = id.slice(0, sep) as ThrottleKey['kind'];
      out.push({ key: { kind, name: id.slice(sep + 1) }, until: new Date(e.lockedUntil) });
    }
    return out;
  }
}
