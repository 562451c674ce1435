/** How the cloud side (cloud nodes, their pods) reaches the internet: AWS's public endpoints and registries. */
export enum EgressMode {
    /** No internet egress: a private cluster reaches AWS through its VPC endpoints. */
    None = "none",
    /** One NAT gateway (in the first zone) for the whole new VPC. */
    NatGateway = "nat-gateway",
    /** One NAT gateway per zone of the new VPC: a zone outage takes only that zone's egress. */
    NatGatewayPerZone = "nat-gateway-per-zone",
    /** The existing VPC's route tables already reach the internet (its own NAT or proxy). */
    Existing = "existing",
}

/** The AWS side of the VPN: where every site's Site-to-Site VPN terminates. */
export enum GatewayType {
    /** A virtual private gateway attached to the VPC (up to 10 VPN connections). */
    Vgw = "vgw",
    /** A transit gateway with a VPC attachment (for more than 10 sites). */
    Tgw = "tgw",
}

/** How pods on hybrid nodes are reached from the VPC. */
export enum PodNetworkingMode {
    /**
     * Each site's pod CIDR is routed: Cilium's multi-pool IPAM gives each site its own pool,
     * announced over BGP to the site router, and each site's VPN carries it as a static route.
     */
    Routed = "routed",
    /**
     * AWS's EKS Hybrid Nodes gateway: VXLAN between two gateway pods on cloud nodes and Cilium on
     * the hybrid nodes (cluster-pool IPAM over the hub's remote pod networks); the VPC's route
     * tables send the pod networks to the leading gateway's node, and no site routes a pod CIDR.
     */
    Gateway = "gateway",
}
