/** The AWS side of the VPN: where every site's Site-to-Site VPN terminates. */
export enum GatewayType {
    /** A virtual private gateway attached to the VPC (up to 10 VPN connections). */
    Vgw = "vgw",
    /** A transit gateway with a VPC attachment (for more than 10 sites). */
    Tgw = "tgw",
}
