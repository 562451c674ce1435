/** VPC CNI custom networking for the cloud nodes. */
export interface CustomNetworkingConfigArgs {
    /** Secondary VPC CIDR the cloud pods get their addresses from (100.64.0.0/10 or RFC 1918). */
    secondaryCidr: string;
}

/** The node label the VPC CNI picks an ENIConfig by: each ENIConfig is named after its zone. */
export const ENI_CONFIG_LABEL = "topology.kubernetes.io/zone";

// ENIs and IPv4 addresses per ENI of common instance types (EC2's published limits).
const ENI_LIMITS: Record<string, [number, number]> = {
    "t3.medium": [3, 6],
    "t3.large": [3, 12],
    "t3.xlarge": [4, 15],
    "m5.large": [3, 10],
    "m5.xlarge": [4, 15],
    "m5.2xlarge": [4, 15],
    "m6i.large": [3, 10],
    "m6i.xlarge": [4, 15],
    "m6i.2xlarge": [4, 15],
    "m7i.large": [3, 10],
    "m7i.xlarge": [4, 15],
    "m7i.2xlarge": [4, 15],
    "c6i.large": [3, 10],
    "c6i.xlarge": [4, 15],
    "r6i.large": [3, 10],
    "r6i.xlarge": [4, 15],
};

/**
 * Max pods per node with custom networking: the primary ENI carries no pods, so
 * (ENIs - 1) x (addresses per ENI - 1) + 2 (the host-network pods). Undefined for a type not in
 * the table; the smallest across the group's types otherwise.
 */
export function customNetworkingMaxPods(instanceTypes: readonly string[]): number | undefined {
    const limits = instanceTypes.map((t) => ENI_LIMITS[t]);
    if (limits.some((l) => l === undefined)) return undefined;
    return Math.min(...limits.map(([enis, ips]) => (enis - 1) * (ips - 1) + 2));
}
