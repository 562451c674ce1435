import { cidrSlug } from "../network/cidr";

/** One rule of the cluster's additional security group. */
export interface PlannedSgRule {
    /** Resource-name suffix, from direction, port and CIDR (never an index). */
    readonly key: string;
    readonly direction: "ingress" | "egress";
    readonly port: number;
    readonly cidr: string;
    readonly description: string;
}

/**
 * The control plane's traffic with the remote networks: nodes and pods reach the API on 443;
 * the API reaches kubelets on 10250 and webhooks in pods on the webhook ports.
 */
export function planClusterSgRules(
    nodeNetworks: readonly string[],
    podNetworks: readonly string[],
    webhookPorts: readonly number[],
): PlannedSgRule[] {
    const rule = (direction: PlannedSgRule["direction"], port: number, cidr: string, description: string): PlannedSgRule => ({
        key: `${direction}-tcp${port}-${cidrSlug(cidr)}`,
        direction,
        port,
        cidr,
        description,
    });
    return [
        ...nodeNetworks.map((c) => rule("ingress", 443, c, "Kubernetes API from hybrid nodes")),
        ...podNetworks.map((c) => rule("ingress", 443, c, "Kubernetes API from hybrid pods")),
        ...nodeNetworks.map((c) => rule("egress", 10250, c, "kubelet on hybrid nodes")),
        ...podNetworks.flatMap((c) => webhookPorts.map((p) => rule("egress", p, c, "webhooks in hybrid pods"))),
    ];
}
