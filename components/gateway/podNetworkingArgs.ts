import { PodNetworkingMode } from "../network/enums";

/** How pods on hybrid nodes are reached from the VPC: routed per site, or through AWS's gateway. */
export interface PodNetworkingArgs {
    /** routed (each site's pod CIDR routed over its VPN and BGP) or gateway (AWS's Hybrid Nodes gateway); default routed. */
    mode?: PodNetworkingMode;
    /** With gateway: the prefix length of each hybrid node's pod CIDR from the cluster pool (default 25). */
    podMaskSize?: number;
    /** With gateway: the gateway chart's version (default 1.0.0). */
    gatewayChartVersion?: string;
}

/** The mode when the hub does not say. */
export const DEFAULT_POD_NETWORKING_MODE = PodNetworkingMode.Routed;

/** The mode a hub's settings choose. */
export function podNetworkingModeOf(settings: PodNetworkingArgs | undefined): PodNetworkingMode {
    return settings?.mode ?? DEFAULT_POD_NETWORKING_MODE;
}
