// When a site's SSM activation expires, computed so that every activation, a replacement
// included, is born with at least `renewDays` left (less an hour) and less than `days` (AWS's
// limit: 30 days ahead).

const DAY_MS = 86_400_000;
/** Kept short of `days` ahead: a run at a window's first second, with a clock ahead of AWS's, would ask for more than 30 days. */
const MARGIN_MS = 3_600_000;

/** Days before its expiry that a site's activation is renewed when nothing says otherwise. */
export const DEFAULT_ACTIVATION_RENEW_DAYS = 7;

/** A site's stagger within the renewal window, in whole days: sites of a fleet renew on different days. */
function offsetDays(site: string, windowDays: number): number {
    let hash = 0;
    for (const c of site) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
    return hash % windowDays;
}

/**
 * The activation's expiry for a run at `now` (ms): time is cut into windows of `days - renewDays`
 * days (staggered per site), and every run in one window gets the same expiry, the window's start
 * plus `days`. So the date stays put from run to run (no replacement), any replacement in the
 * window (a new node count, hosts, tags, role) gets it too with more than `renewDays` left, and the
 * first run in the next window renews the activation. RFC 3339, whole seconds.
 */
export function activationExpiry(now: number, site: string, days: number, renewDays: number): string {
    if (!(renewDays >= 1 && renewDays < days)) throw new Error(`internal: renew ${renewDays} of ${days} days`);
    const windowMs = (days - renewDays) * DAY_MS;
    const offsetMs = offsetDays(site, days - renewDays) * DAY_MS;
    const start = Math.floor((now - offsetMs) / windowMs) * windowMs + offsetMs;
    return new Date(start + days * DAY_MS - MARGIN_MS).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Whole days from `now` (ms) to an RFC 3339 time, rounded down; negative once it has passed. */
export function daysLeft(expiry: string, now: number): number {
    return Math.floor((Date.parse(expiry) - now) / DAY_MS);
}

/** The time the components take as now: the clock, unless a test sets it. */
export const activationClock: { now?: () => number } = {};
