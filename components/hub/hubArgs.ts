import * as pulumi from "@pulumi/pulumi";
import { KnownValues } from "../config/knownValues";
import { LoadBalancerControllerArgs } from "../loadBalancing/loadBalancerControllerArgs";
import { PodNetworkingArgs } from "../gateway/podNetworkingArgs";
import { CiliumArgs } from "../cilium/ciliumValues";
import { CloudNodeGroupArgs } from "../cluster/cloudNodeGroupArgs";
import { CustomNetworkingConfigArgs } from "../cluster/customNetworkingArgs";
import { AuthenticationMode, EndpointAccess, NodeCredentials, SsmInstanceTier } from "../cluster/enums";
import { RaisedQuotasArgs } from "../network/quotas";
import { IamRolesAnywhereArgs } from "../cluster/iamRolesAnywhereArgs";
import { KubeconfigIdentityArgs } from "../cluster/kubeconfig";
import { OptionalEndpointsArgs } from "../endpoints/endpointServices";
import { GatewayArgs, VpcArgs } from "../network/networkArgs";

/** Everything the hub stack builds; the same shape as the `eks-hybrid:hub` stack config. */
export interface HubArgs {
    /** EKS cluster name. */
    clusterName: string;
    /**
     * Kubernetes minor version, e.g. `"1.33"`. Refused once EKS's extended support for it has ended
     * (or older than EKS's calendar); warned about in extended support, which costs more, and when
     * newer than the calendar recorded in components/cluster/supportCalendar.ts.
     */
    kubernetesVersion: string;
    /**
     * Protect the EKS cluster: Pulumi refuses to replace or delete it (default true). Set false and
     * `up` before a change that replaces it or before destroying the hub; the cluster is then tagged
     * `eks-hybrid:protect=false`, which the policy pack accepts as deliberate.
     */
    protect?: boolean;
    /** The VPC, new or existing. */
    vpc: VpcArgs;
    /** Kubernetes service CIDR: /12 to /24 inside RFC 1918. */
    serviceCidr: string;
    /** Supernets every site's node CIDR comes from. */
    remoteNodeNetworks: string[];
    /** Supernets every site's pod CIDR comes from. */
    remotePodNetworks: string[];
    /**
     * Supernets the sites' `loadBalancerCidr`s come from: routed from the VPC to the gateway like the
     * remote networks, and from each site to the others. Inside RFC 1918, apart from every other
     * range. Default: none (no site serves LoadBalancer Services).
     */
    loadBalancerNetworks?: string[];
    /** The gateway to on-prem. */
    gateway: GatewayArgs;
    /** Private or public API endpoint. */
    endpointAccess: EndpointAccess;
    /**
     * An existing SNS topic for the sites' tunnel alarms. Default: the hub creates one (encrypted
     * with a KMS key of its own that CloudWatch may use) and exports it as `alertTopicArn`. May be an Output.
     */
    alertTopicArn?: pulumi.Input<string>;
    /** CIDRs allowed to reach a public endpoint (required when `endpointAccess` is `public`). */
    publicAccessCidrs?: string[];
    /**
     * Let `publicAccessCidrs` or `temporaryPublicAccessCidrs` hold 0.0.0.0/0, the whole internet
     * (default false: refused).
     */
    allowApiFromAnywhere?: boolean;
    /**
     * With `endpointAccess: private`, the networks besides the hybrid nodes and pods that may reach
     * the Kubernetes API on 443: where `pulumi up` and kubectl run (a CI runner in the VPC, a network
     * connected over VPN or Direct Connect). Default: the VPC's CIDR. An empty list adds none.
     */
    apiAccessCidrs?: string[];
    /**
     * With `endpointAccess: private`, a bootstrap window: the endpoint is public as well, reachable
     * only from these CIDRs (the deployer's addresses), so the first `up` of the hub and the sites can
     * apply Cilium and the sites' objects before any VPN exists. Remove the key to close the window
     * (EKS changes endpoint access in place) once a network path exists; hybrid nodes join after that,
     * since with a public endpoint they resolve the API to its public addresses. Default: none.
     */
    temporaryPublicAccessCidrs?: string[];
    /**
     * Apply the Kubernetes objects: Cilium's CRDs and Helm release, the ENIConfigs, and every site's
     * Cilium objects (sites read it from the hub). False for a private cluster's first deployment
     * when no machine can reach its API yet and no public window is allowed: everything in AWS is
     * created, nothing through the Kubernetes API (with custom networking the cloud node group waits
     * too, for its ENIConfigs). Set it to true once a network path exists, from a machine on it.
     * Never set it back to false: that would remove Cilium. Default true.
     */
    kubernetesObjects?: boolean;
    /** Optional endpoints of a private cluster (the required ones are always there). */
    privateEndpoints?: OptionalEndpointsArgs;
    /** How hybrid nodes get AWS credentials. */
    nodeCredentials: NodeCredentials;
    /**
     * EKS Pod Identity for pods on hybrid nodes: the eks-pod-identity-agent add-on with its hybrid
     * daemonset, eks-auth:AssumeRoleForPodIdentity for the hybrid nodes' role, the credentials file
     * in every NodeConfig, and with a private endpoint the eks-auth endpoint (default false).
     */
    podIdentity?: boolean;
    /** Trust for IAM Roles Anywhere (required when `nodeCredentials` is `iam-ra`). */
    iamRolesAnywhere?: IamRolesAnywhereArgs;
    /** Cluster authentication mode (default `API`). */
    authenticationMode?: AuthenticationMode;
    /**
     * IAM roles or users that get Kubernetes cluster admin besides the identity that creates the
     * cluster (EKS gives that one alone admin, `bootstrapClusterCreatorAdminPermissions`): an access
     * entry each, with AmazonEKSClusterAdminPolicy on the whole cluster. List the roles the site
     * pipelines and people run as, not the creator while `clusterCreatorAdmin` is true (EKS made its
     * entry already and refuses a second). Default: none.
     */
    clusterAdmins?: string[];
    /**
     * Whether EKS makes the identity that creates the cluster its admin (the EKS API's
     * `bootstrapClusterCreatorAdminPermissions`). False leaves admin to the `clusterAdmins` access
     * entries alone: list the deployer's role there and sign the kubeconfig as it
     * (`kubeconfig.roleArn`). EKS takes it at creation only: changing it replaces the cluster,
     * which protection refuses. @default true
     */
    clusterCreatorAdmin?: boolean;
    /**
     * A permissions boundary (IAM policy ARN) every role the hub creates carries: the cluster's, the
     * hybrid nodes' and the cloud nodes'. With docs/iam/deployer-iam-policy-with-boundary.json the
     * deployer may create and change those roles only with it, so no role it makes can do more
     * than the boundary allows. Default: none (changing it later updates the roles in place).
     */
    iamPermissionsBoundary?: string;
    /** Whom the exported kubeconfig authenticates as (default: whatever credentials run it). */
    kubeconfig?: KubeconfigIdentityArgs;
    /** Control-plane log types (default api, audit, authenticator). */
    clusterLogTypes?: string[];
    /** Pod ports the control plane may call for webhooks (default 443, 8443, 9443, 10250). */
    webhookPorts?: number[];
    /** Optional managed node group for cloud workloads. */
    cloudNodeGroup?: CloudNodeGroupArgs;
    /** Install the coredns add-on (default: only with a cloud node group; see ClusterAddons). */
    coredns?: boolean;
    /**
     * CoreDNS replicas, spread over the zones (the cloud's and one per site) and apart per host;
     * with Kubernetes objects the kube-dns Service keeps queries in the zone
     * (`trafficDistribution: PreferClose`). Give every zone with nodes one (default 2).
     */
    corednsReplicas?: number;
    /** Cilium settings. */
    cilium?: CiliumArgs;
    /**
     * How pods on hybrid nodes are reached from the VPC (default routed: each site's pod CIDR over
     * its VPN and BGP). gateway runs AWS's EKS Hybrid Nodes gateway on the cloud node group:
     * cluster-pool IPAM over remotePodNetworks, VXLAN to the gateway, and no site routes a pod CIDR.
     */
    podNetworking?: PodNetworkingArgs;
    /**
     * The AWS Load Balancer Controller on the cloud node group, its IAM through EKS Pod Identity:
     * NLBs and ALBs with IP targets reach pods on hybrid nodes (in either pod networking mode; with
     * routed the pod CIDRs are routed from the VPC, with gateway the gateway carries them). Needs
     * cloudNodeGroup and, in a private cluster, privateEndpoints.cloudControllers (added). Default: none.
     */
    loadBalancerController?: LoadBalancerControllerArgs;
    /** VPC CNI custom networking. */
    customNetworking?: CustomNetworkingConfigArgs;
    /**
     * Quotas this account has raised above AWS's defaults (Service Quotas): validation refuses a
     * fleet past a default quota unless the raised value is stated here.
     */
    quotas?: RaisedQuotasArgs;
    /**
     * Systems Manager's instance tier for hybrid-activated nodes (with `ssm`): `advanced` is needed
     * past 1,000 nodes per account and Region, and costs per node hour. Default `standard`.
     */
    ssmInstanceTier?: SsmInstanceTier;
    /** Tags for every taggable resource. */
    tags?: { [key: string]: string };
}

/** The `eks-hybrid:hub` stack config: HubArgs with every value known (a stack file holds no Outputs). */
export type HubConfig = KnownValues<HubArgs>;

/**
 * The keys of HubArgs whose values the Hub only passes on, so they may be Outputs (an awsx VPC's,
 * another program's): ids and ARNs. Everything else the rules compute with before registering.
 */
export const HUB_OPAQUE_KEYS = [
    "args.vpc.id",
    "args.vpc.privateSubnetIds[]",
    "args.vpc.routeTableIds[]",
    "args.gateway.id",
    "args.alertTopicArn",
    "args.iamRolesAnywhere.caBundlePem",
    "args.iamRolesAnywhere.acmPcaArn",
] as const;
