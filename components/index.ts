// The component package: every class exported here is a Pulumi component usable from any
// language through PulumiPlugin.yaml (`pulumi package add`).
export { CiliumRelease, CiliumReleaseArgs } from "./cilium/ciliumRelease";
export { SiteCilium, SiteCiliumArgs } from "./cilium/siteCilium";
export { ClusterAddons, ClusterAddonsArgs } from "./cluster/clusterAddons";
export { CustomNetworking, CustomNetworkingArgs } from "./cluster/customNetworking";
export { AuthenticationMode, EndpointAccess, NodeCredentials } from "./cluster/enums";
export { HybridCluster, HybridClusterArgs } from "./cluster/hybridCluster";
export { HybridNodeIdentity, HybridNodeIdentityArgs } from "./cluster/hybridNodeIdentity";
export { ConfigError } from "./config/problems";
export { Hub } from "./hub/hub";
export * from "./hub/hubArgs";
export { parseHubConfig } from "./hub/validateHub";
export { GatewayType } from "./network/enums";
export { HubNetwork, HubNetworkArgs } from "./network/hubNetwork";
export { PrivateEndpoints, PrivateEndpointsArgs } from "./network/privateEndpoints";
export { CustomerGateway, CustomerGatewayArgs } from "./site/customerGateway";
export { Site, SiteArgs, SiteHubArgs } from "./site/site";
export * from "./site/siteArgs";
export { SiteVpn, SiteVpnArgs } from "./site/siteVpn";
export { parseSiteConfig } from "./site/validateSite";
