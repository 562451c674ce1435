import { AuthenticationMode, EndpointAccess, NodeCredentials } from "../cluster/enums";
import { GatewayType } from "../network/enums";

/** The VPC: a new one (`cidr`, `availabilityZones`) or an existing one (`cidr`, `id`, subnet and route table ids). */
export interface HubVpcArgs {
    /** The VPC's CIDR, /16 to /24: of the new VPC, or the existing VPC's primary CIDR. */
    cidr: string;
    /** Number of availability zones for a new VPC's private subnets (2 to 6). */
    availabilityZones?: number;
    /** Id of an existing VPC. */
    id?: string;
    /** Private subnet ids of the existing VPC, in at least two availability zones. */
    privateSubnetIds?: string[];
    /** Route tables of the existing VPC that get routes to the remote networks. */
    routeTableIds?: string[];
}

/** The gateway from the VPC to on-prem. */
export interface HubGatewayArgs {
    /** `vgw` (virtual private gateway) or `tgw` (transit gateway). */
    type: GatewayType;
    /** Amazon-side ASN of a new virtual private gateway or transit gateway (default 64512). */
    amazonSideAsn?: number;
    /** Id of an existing transit gateway to attach to (type `tgw` only). */
    id?: string;
}

/** IAM Roles Anywhere trust: exactly one of a CA bundle or an ACM Private CA. */
export interface HubIamRolesAnywhereArgs {
    /** PEM of the CA that signs the hybrid nodes' certificates. */
    caBundlePem?: string;
    /** ARN of an ACM Private CA that signs the hybrid nodes' certificates. */
    acmPcaArn?: string;
}

/** A small managed node group for cloud workloads (mixed mode). */
export interface HubCloudNodeGroupArgs {
    /** EC2 instance types (default `["m6i.large"]`). */
    instanceTypes?: string[];
    /** Desired node count (default 2). */
    desiredSize?: number;
    /** Minimum node count (default 1). */
    minSize?: number;
    /** Maximum node count (default 3). */
    maxSize?: number;
    /** Max pods per node; with custom networking computed from the instance types when they are known. */
    maxPods?: number;
}

/** Cilium on the hybrid nodes (installed by the Cilium release component). */
export interface HubCiliumArgs {
    /** Chart version of AWS's Cilium 1.18 build (default 1.18.12-0). */
    chartVersion?: string;
    /** Whether sites peer with their routers over BGP (default true). */
    bgp?: boolean;
}

/** Which optional VPC endpoints a private cluster gets. */
export interface HubPrivateEndpointsArgs {
    /** eks-auth, for EKS Pod Identity. */
    podIdentity?: boolean;
    /** ec2, elasticloadbalancing, autoscaling and xray, for cloud-side controllers. */
    cloudControllers?: boolean;
}

/** VPC CNI custom networking for the cloud nodes. */
export interface HubCustomNetworkingArgs {
    /** Secondary VPC CIDR the cloud pods get their addresses from (100.64.0.0/10 or RFC 1918). */
    secondaryCidr: string;
}

/** Everything the hub stack builds; the same shape as the `eks-hybrid:hub` stack config. */
export interface HubArgs {
    /** EKS cluster name. */
    clusterName: string;
    /** Kubernetes minor version, e.g. `"1.33"`. */
    kubernetesVersion: string;
    /** The VPC, new or existing. */
    vpc: HubVpcArgs;
    /** Kubernetes service CIDR: /12 to /24 inside RFC 1918. */
    serviceCidr: string;
    /** Supernets every site's node CIDR comes from. */
    remoteNodeNetworks: string[];
    /** Supernets every site's pod CIDR comes from. */
    remotePodNetworks: string[];
    /** The gateway to on-prem. */
    gateway: HubGatewayArgs;
    /** Private or public API endpoint. */
    endpointAccess: EndpointAccess;
    /** CIDRs allowed to reach a public endpoint (required when `endpointAccess` is `public`). */
    publicAccessCidrs?: string[];
    /** Optional endpoints of a private cluster (the required ones are always there). */
    privateEndpoints?: HubPrivateEndpointsArgs;
    /** How hybrid nodes get AWS credentials. */
    nodeCredentials: NodeCredentials;
    /** Trust for IAM Roles Anywhere (required when `nodeCredentials` is `iam-ra`). */
    iamRolesAnywhere?: HubIamRolesAnywhereArgs;
    /** Cluster authentication mode (default `API`). */
    authenticationMode?: AuthenticationMode;
    /** Control-plane log types (default api, audit, authenticator). */
    clusterLogTypes?: string[];
    /** Pod ports the control plane may call for webhooks (default 443, 8443, 9443, 10250). */
    webhookPorts?: number[];
    /** Optional managed node group for cloud workloads. */
    cloudNodeGroup?: HubCloudNodeGroupArgs;
    /** Install the coredns add-on (default: only with a cloud node group; see ClusterAddons). */
    coredns?: boolean;
    /** Cilium settings. */
    cilium?: HubCiliumArgs;
    /** VPC CNI custom networking. */
    customNetworking?: HubCustomNetworkingArgs;
    /** Tags for every taggable resource. */
    tags?: { [key: string]: string };
}
