import { cidrSlug } from "../network/cidr";

/** One rule of a security group. */
export interface PlannedSgRule {
    /** Resource-name suffix, from direction, protocol, port and CIDR (never an index). */
    readonly key: string;
    readonly direction: "ingress" | "egress";
    readonly protocol: "tcp" | "udp";
    readonly port: number;
    readonly cidr: string;
    readonly description: string;
}

function sgRule(
    direction: PlannedSgRule["direction"],
    protocol: PlannedSgRule["protocol"],
    port: number,
    cidr: string,
    description: string,
): PlannedSgRule {
    return { key: `${direction}-${protocol}${port}-${cidrSlug(cidr)}`, direction, protocol, port, cidr, description };
}

/**
 * What hybrid pods may reach on the cloud side of a mixed-mode cluster, on the EKS cluster
 * security group (the one cloud nodes and custom-networking pod ENIs carry, whose only default
 * inbound rule is "from itself"): DNS (TCP and UDP 53) for CoreDNS replicas on cloud nodes, and the
 * TCP ports the operator names for east-west traffic to cloud pods. The control plane reaches
 * webhooks on cloud pods through that group's own rule.
 */
export function planCloudNodeSgRules(podNetworks: readonly string[], portsFromHybridPods: readonly number[]): PlannedSgRule[] {
    return podNetworks.flatMap((c) => [
        sgRule("ingress", "udp", 53, c, "DNS from hybrid pods to CoreDNS on cloud nodes"),
        sgRule("ingress", "tcp", 53, c, "DNS from hybrid pods to CoreDNS on cloud nodes"),
        ...portsFromHybridPods.map((p) => sgRule("ingress", "tcp", p, c, "hybrid pods to cloud pods")),
    ]);
}

/**
 * AWS's Hybrid Nodes gateway on the cloud nodes (which carry the cluster security group): VXLAN
 * from the hybrid nodes. Outbound, the group allows everything already (EKS's default).
 */
export function planGatewaySgRules(nodeNetworks: readonly string[], vxlanPort: number): PlannedSgRule[] {
    return nodeNetworks.map((c) => sgRule("ingress", "udp", vxlanPort, c, "VXLAN from hybrid nodes to the Hybrid Nodes gateway"));
}

/**
 * The control plane's traffic with the remote networks: nodes and pods reach the API on 443;
 * the API reaches kubelets on 10250 and webhooks in pods on the webhook ports. Networks of
 * `apiAccess` (where Pulumi and kubectl run, for a private endpoint) reach the API on 443 too; one
 * already allowed as a node or pod network, or listed twice, gets no second rule (EC2 refuses a
 * duplicate rule).
 */
export function planClusterSgRules(
    nodeNetworks: readonly string[],
    podNetworks: readonly string[],
    webhookPorts: readonly number[],
    apiAccess: readonly string[] = [],
): PlannedSgRule[] {
    const rule = (direction: PlannedSgRule["direction"], port: number, cidr: string, description: string) =>
        sgRule(direction, "tcp", port, cidr, description);
    return [
        ...nodeNetworks.map((c) => rule("ingress", 443, c, "Kubernetes API from hybrid nodes")),
        ...podNetworks.map((c) => rule("ingress", 443, c, "Kubernetes API from hybrid pods")),
        ...[...new Set(apiAccess)]
            .filter((c) => !nodeNetworks.includes(c) && !podNetworks.includes(c))
            .map((c) => rule("ingress", 443, c, "Kubernetes API from where Pulumi and kubectl run")),
        ...nodeNetworks.map((c) => rule("egress", 10250, c, "kubelet on hybrid nodes")),
        ...podNetworks.flatMap((c) => webhookPorts.map((p) => rule("egress", p, c, "webhooks in hybrid pods"))),
    ];
}
