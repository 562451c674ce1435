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
