/** How many minor versions hybrid nodes may trail the control plane (EKS follows upstream's skew policy). */
export const MAX_NODE_MINOR_SKEW = 3;

/** The minor of a `1.33` style version. */
export function minorOf(version: string): number {
    return Number(version.split(".")[1]);
}

/**
 * Why nodes of `nodeVersion` cannot run under a control plane of `clusterVersion`, or undefined:
 * nodes are never newer than the control plane and at most three minors older (the EKS user guide,
 * "Upgrade hybrid nodes"; upstream's version skew policy).
 */
export function nodeSkewProblem(nodeVersion: string, clusterVersion: string): string | undefined {
    const behind = minorOf(clusterVersion) - minorOf(nodeVersion);
    if (behind < 0) return `is newer than the control plane's ${clusterVersion}; nodes are never newer than the control plane`;
    if (behind > MAX_NODE_MINOR_SKEW)
        return (
            `is ${behind} minors older than the control plane's ${clusterVersion}; nodes may be at most ${MAX_NODE_MINOR_SKEW} ` +
            "minors older: upgrade this site's nodes (nodeadm upgrade, one minor at a time) before the control plane"
        );
    return undefined;
}

/** The minors nodes step through from `from` to `to` (`1.31`, `1.33` → `1.32`, `1.33`): one at a time. */
export function upgradeSteps(from: string, to: string): string[] {
    const [major] = to.split(".");
    const steps: string[] = [];
    for (let minor = minorOf(from) + 1; minor <= minorOf(to); minor++) steps.push(`${major}.${minor}`);
    return steps;
}
