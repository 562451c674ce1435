import type * as pulumi from "@pulumi/pulumi";
import { NodeCredentials } from "../cluster/enums";
import { GatewayType, PodNetworkingMode } from "../network/enums";

/**
 * The hub's outputs a site reads: the one definition of the hub→site contract. The Hub component
 * implements it, a site stack reads the hub stack's outputs by these names, and a Site takes them
 * as its `hub` argument (SiteHubArgs extends it). The two modes are plain values: they decide which
 * resources a site has.
 */
export interface HubSiteOutputs {
    /** EKS cluster name. */
    clusterName: pulumi.Input<string>;
    /** EKS cluster ARN (the activation tags instances with it). */
    clusterArn: pulumi.Input<string>;
    /** AWS region of the cluster. */
    region: pulumi.Input<string>;
    /** The hub's gateway type: `vgw` or `tgw`. */
    gatewayType: GatewayType;
    /** Id of the hub's virtual private gateway or transit gateway. */
    gatewayId: pulumi.Input<string>;
    /** Transit gateway route table for the sites' VPN attachments (required with tgw; empty with vgw). */
    transitGatewayRouteTableId?: pulumi.Input<string>;
    /** How the hub's hybrid nodes get credentials: `ssm` or `iam-ra`. */
    nodeCredentials: NodeCredentials;
    /** Name of the hybrid nodes role (SSM activations use it). */
    hybridNodeRoleName: pulumi.Input<string>;
    /** ARN of the hybrid nodes role (IAM Roles Anywhere uses it). */
    hybridNodeRoleArn: pulumi.Input<string>;
    /** IAM Roles Anywhere trust anchor ARN (required with iam-ra; empty with ssm). */
    trustAnchorArn?: pulumi.Input<string>;
    /** IAM Roles Anywhere profile ARN (required with iam-ra; empty with ssm). */
    profileArn?: pulumi.Input<string>;
    /** Whether EKS Pod Identity is on: a site's NodeConfigs then enable nodeadm's credentials file. */
    podIdentity?: pulumi.Input<boolean>;
    /** Kubeconfig of the cluster (secret): a site builds its Kubernetes provider from it. */
    kubeconfig: pulumi.Input<string>;
    /** Every CIDR of the VPC (primary, and the secondary of custom networking): what the VPN server routes through the tunnels. */
    vpcCidrs: pulumi.Input<string[]>;
    /** Remote node supernets: without the site's own node CIDR, the other sites' nodes, routed through the tunnels. */
    remoteNodeNetworks: pulumi.Input<string[]>;
    /** Remote pod supernets: without the site's own pod CIDR, the other sites' pods, routed through the tunnels. */
    remotePodNetworks: pulumi.Input<string[]>;
    /** The sites' LoadBalancer supernets: without the site's own, the other sites' Services, routed through the tunnels. */
    loadBalancerNetworks?: pulumi.Input<string[]>;
    /** SNS topic the sites' tunnel alarms notify, unless a site names its own. */
    alertTopicArn?: pulumi.Input<string>;
    /**
     * Whether the hub applied its Kubernetes objects (its `kubernetesObjects`; default true): a site
     * applies its Cilium objects only then, after the hub's CRDs. A plain value: it decides which
     * resources a site has.
     */
    kubernetesObjects?: boolean;
    /** The control plane's Kubernetes version: what a site's nodes upgrade to. */
    kubernetesVersion: pulumi.Input<string>;
    /**
     * How pods on hybrid nodes are reached (default routed, for a hub that predates it): with
     * gateway a site routes no pod CIDR. A plain value: it decides which resources a site has.
     */
    podNetworkingMode?: PodNetworkingMode;
}

/** Every key of an interface, listed once; the compiler refuses a list that misses or invents one. */
export type KeyList<T> = { [K in keyof Required<T>]: true };

/** The names of the hub outputs a site reads. */
export const HUB_SITE_OUTPUT_NAMES = Object.keys({
    clusterName: true,
    clusterArn: true,
    region: true,
    gatewayType: true,
    gatewayId: true,
    transitGatewayRouteTableId: true,
    nodeCredentials: true,
    hybridNodeRoleName: true,
    hybridNodeRoleArn: true,
    trustAnchorArn: true,
    profileArn: true,
    podIdentity: true,
    kubeconfig: true,
    vpcCidrs: true,
    remoteNodeNetworks: true,
    remotePodNetworks: true,
    loadBalancerNetworks: true,
    alertTopicArn: true,
    kubernetesObjects: true,
    kubernetesVersion: true,
    podNetworkingMode: true,
} satisfies KeyList<HubSiteOutputs>) as (keyof HubSiteOutputs)[];

/**
 * Outputs of the contract a deployed hub may not have yet (it predates them): a site reads them as
 * absent instead of failing, so `--sites` runs work before the hub's next `up`.
 */
export const HUB_OPTIONAL_SITE_OUTPUTS: readonly (keyof HubSiteOutputs)[] = [
    "alertTopicArn",
    "kubernetesObjects",
    "loadBalancerNetworks",
    "podNetworkingMode",
];

/** Hub outputs a site needs as plain values, with what they may be. */
export const HUB_PLAIN_OUTPUTS = { gatewayType: Object.values(GatewayType), nodeCredentials: Object.values(NodeCredentials) } as const;

/** Everything the hub stack exports: the site contract and what people and tools read. */
export interface HubStackOutputs extends HubSiteOutputs {
    /** Kubernetes API endpoint. */
    clusterEndpoint: pulumi.Input<string>;
    /** Base64 cluster CA. */
    clusterCertificateAuthority: pulumi.Input<string>;
    /** VPC id. */
    vpcId: pulumi.Input<string>;
    /** The VPC's primary CIDR. */
    vpcCidr: pulumi.Input<string>;
    /** Route 53 Resolver inbound addresses on-prem DNS forwards to (empty with a public endpoint). */
    resolverInboundIps: pulumi.Input<string[]>;
    /** Registry mirroring public.ecr.aws (empty with a public endpoint). */
    pullThroughRegistry: pulumi.Input<string>;
}

/** The names of everything the hub stack exports. */
export const HUB_STACK_OUTPUT_NAMES = Object.keys({
    ...Object.fromEntries(HUB_SITE_OUTPUT_NAMES.map((k) => [k, true])),
    clusterEndpoint: true,
    clusterCertificateAuthority: true,
    vpcId: true,
    vpcCidr: true,
    resolverInboundIps: true,
    pullThroughRegistry: true,
} satisfies Omit<KeyList<HubStackOutputs>, keyof HubSiteOutputs>) as (keyof HubStackOutputs)[];
