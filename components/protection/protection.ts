/**
 * Resources whose replacement or deletion is an incident — the site's VPN connection (a new one has
 * new outside addresses: every on-prem device needs new settings) and the cluster (every node and
 * workload goes with it) — are created with Pulumi's `protect`, which makes the engine refuse to
 * delete or replace them. A config may lift it (`protect: false`) to replace or remove one on purpose;
 * the resource then carries {@link UNPROTECTED_TAG}, which is how the policy pack in `policy/` tells
 * a deliberate lift from a resource that was never protected.
 */
export const DEFAULT_PROTECT = true;

/** Tag on a protected-kind resource whose config lifted the protection (value `"false"`). */
export const UNPROTECTED_TAG = "eks-hybrid:protect";

/** The resource option and the extra tags of a resource of a protected kind. */
export function protection(protect: boolean | undefined): { protect: boolean; tags: { [key: string]: string } } {
    const on = protect ?? DEFAULT_PROTECT;
    return { protect: on, tags: on ? {} : { [UNPROTECTED_TAG]: "false" } };
}
