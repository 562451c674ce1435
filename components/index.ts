// The component package: every class exported here is a Pulumi component usable from any
// language through PulumiPlugin.yaml (`pulumi package add`), with every enum and type its
// arguments use.
export { CiliumRelease, CiliumReleaseArgs } from "./cilium/ciliumRelease";
export { BgpPeeringArgs } from "./cilium/ciliumObjects";
export { CiliumArgs } from "./cilium/ciliumValues";
export { SiteCilium, SiteCiliumArgs } from "./cilium/siteCilium";
export { ClusterAddons, ClusterAddonsArgs, GatewayNodesArgs } from "./cluster/clusterAddons";
export { CloudNodeGroupArgs } from "./cluster/cloudNodeGroupSettings";
export { CustomNetworking, CustomNetworkingArgs } from "./cluster/customNetworking";
export { CustomNetworkingConfigArgs } from "./cluster/customNetworkingSettings";
export { AuthenticationMode, EndpointAccess, NodeCredentials, SsmInstanceTier } from "./cluster/enums";
export { HybridCluster, HybridClusterArgs } from "./cluster/hybridCluster";
export { HybridNodeIdentity, HybridNodeIdentityArgs } from "./cluster/hybridNodeIdentity";
export { IamRolesAnywhereArgs } from "./cluster/identitySettings";
export { ConfigError } from "./config/problems";
export { OptionalEndpointsArgs } from "./endpoints/endpointServices";
export { PrivateEndpoints, PrivateEndpointsArgs } from "./endpoints/privateEndpoints";
export { awsLookup, checkExistingInfrastructure, ExistingInfrastructureLookup, FoundEndpoint } from "./hub/existingInfrastructure";
export { Hub, hubOutputs } from "./hub/hub";
export { HubArgs } from "./hub/hubArgs";
export { HubSiteOutputs, HubStackOutputs } from "./hub/hubOutputs";
export { parseHubConfig } from "./hub/validateHub";
export { GatewayType, PodNetworkingMode } from "./network/enums";
export { HybridNodesGateway, HybridNodesGatewayArgs } from "./gateway/hybridNodesGateway";
export { PodNetworkingArgs } from "./gateway/gatewaySettings";
export { HubNetwork, HubNetworkArgs } from "./network/hubNetwork";
export { GatewayArgs, VpcArgs } from "./network/networkArgs";
export { RaisedQuotasArgs } from "./network/quotas";
export { IpsecMode } from "./onprem/enums";
export { Site, SiteArgs, SiteHubArgs } from "./site/site";
export { SiteHostArgs, SiteNodesArgs, SiteSettings, SiteStackConfig, VpnServerArgs } from "./site/siteArgs";
export { siteOutputs, SiteStackOutputs } from "./site/siteOutputs";
export { parseSiteConfig } from "./site/validateSite";
export { CustomerGateway, CustomerGatewayArgs } from "./vpn/customerGateway";
export { PresharedKeyStorage } from "./vpn/enums";
export { VpnMonitoringArgs } from "./vpn/monitoringSettings";
export { SiteVpn, SiteVpnArgs, SiteVpnMonitoringArgs } from "./vpn/siteVpn";
export { TunnelArgs, TunnelPhaseArgs } from "./vpn/tunnelOptions";
