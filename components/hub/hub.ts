import * as pulumi from "@pulumi/pulumi";
import { CiliumRelease } from "../cilium/ciliumRelease";
import { ClusterAddons } from "../cluster/clusterAddons";
import { CustomNetworking } from "../cluster/customNetworking";
import { EndpointAccess } from "../cluster/enums";
import { HybridCluster } from "../cluster/hybridCluster";
import { HybridNodeIdentity } from "../cluster/hybridNodeIdentity";
import { Problems } from "../config/problems";
import { HubNetwork } from "../network/hubNetwork";
import { PrivateEndpoints, PULL_THROUGH_PREFIX } from "../network/privateEndpoints";
import { HubArgs } from "./hubArgs";
import { checkHub } from "./validateHub";

/**
 * The hub stack: the VPC and gateway to on-prem, the hybrid EKS cluster, the hybrid nodes'
 * identity, the add-ons and Cilium; with a private endpoint the VPC endpoints, resolver and image
 * cache; with custom networking the cloud pods' subnets and ENIConfigs. Its outputs are everything a site stack needs; adding a site never
 * changes it, because it only knows the remote supernets.
 */
export class Hub extends pulumi.ComponentResource {
    /** EKS cluster name. */
    public readonly clusterName: pulumi.Output<string>;
    /** EKS cluster ARN. */
    public readonly clusterArn: pulumi.Output<string>;
    /** Kubernetes API endpoint. */
    public readonly clusterEndpoint: pulumi.Output<string>;
    /** Base64 cluster CA. */
    public readonly clusterCertificateAuthority: pulumi.Output<string>;
    /** Kubernetes version. */
    public readonly kubernetesVersion: pulumi.Output<string>;
    /** AWS region of the cluster. */
    public readonly region: pulumi.Output<string>;
    /** Kubeconfig (secret). */
    public readonly kubeconfig: pulumi.Output<string>;
    /** `vgw` or `tgw`. */
    public readonly gatewayType: pulumi.Output<string>;
    /** Id of the virtual private gateway or transit gateway. */
    public readonly gatewayId: pulumi.Output<string>;
    /** Transit gateway route table for the sites' VPN attachments (empty with vgw). */
    public readonly transitGatewayRouteTableId: pulumi.Output<string>;
    /** Hybrid nodes role ARN. */
    public readonly hybridNodeRoleArn: pulumi.Output<string>;
    /** Hybrid nodes role name. */
    public readonly hybridNodeRoleName: pulumi.Output<string>;
    /** IAM Roles Anywhere trust anchor ARN (empty with ssm). */
    public readonly trustAnchorArn: pulumi.Output<string>;
    /** IAM Roles Anywhere profile ARN (empty with ssm). */
    public readonly profileArn: pulumi.Output<string>;
    /** How hybrid nodes get credentials: `ssm` or `iam-ra`. */
    public readonly nodeCredentials: pulumi.Output<string>;
    /** VPC id. */
    public readonly vpcId: pulumi.Output<string>;
    /** VPC CIDR. */
    public readonly vpcCidr: pulumi.Output<string>;
    /** Remote node supernets. */
    public readonly remoteNodeNetworks: pulumi.Output<string[]>;
    /** Remote pod supernets. */
    public readonly remotePodNetworks: pulumi.Output<string[]>;
    /** Route 53 Resolver inbound addresses on-prem DNS forwards to (empty with a public endpoint). */
    public readonly resolverInboundIps: pulumi.Output<string[]>;
    /** Registry mirroring public.ecr.aws (empty with a public endpoint). */
    public readonly pullThroughRegistry: pulumi.Output<string>;

    constructor(name: string, args: HubArgs, opts?: pulumi.ComponentResourceOptions) {
        // Validate before anything registers, the component included.
        const problems = new Problems();
        checkHub(args, "args", problems);
        problems.throwIfAny(`invalid arguments of Hub "${name}"`);

        super("eks-hybrid-sites:index:Hub", name, {}, opts);
        const parent = { parent: this };
        const tags = { ...args.tags, "eks-hybrid:cluster": args.clusterName };

        const network = new HubNetwork(
            `${name}-network`,
            {
                vpc: args.vpc,
                gateway: args.gateway,
                remoteNodeNetworks: args.remoteNodeNetworks,
                remotePodNetworks: args.remotePodNetworks,
                tags,
            },
            parent,
        );
        const cluster = new HybridCluster(
            `${name}-eks`,
            {
                clusterName: args.clusterName,
                kubernetesVersion: args.kubernetesVersion,
                vpcId: network.vpcId,
                subnetIds: network.privateSubnetIds,
                serviceCidr: args.serviceCidr,
                remoteNodeNetworks: args.remoteNodeNetworks,
                remotePodNetworks: args.remotePodNetworks,
                endpointAccess: args.endpointAccess,
                publicAccessCidrs: args.publicAccessCidrs,
                authenticationMode: args.authenticationMode,
                clusterLogTypes: args.clusterLogTypes,
                webhookPorts: args.webhookPorts,
                tags,
            },
            parent,
        );
        const isPrivate = args.endpointAccess === EndpointAccess.Private;
        const endpoints = isPrivate
            ? new PrivateEndpoints(
                  `${name}-endpoints`,
                  {
                      vpcId: network.vpcId,
                      vpcCidr: args.vpc.cidr,
                      privateSubnetIds: network.privateSubnetIds,
                      routeTableIds: network.routeTableIds,
                      remoteNodeNetworks: args.remoteNodeNetworks,
                      remotePodNetworks: args.remotePodNetworks,
                      nodeCredentials: args.nodeCredentials,
                      podIdentity: args.privateEndpoints?.podIdentity,
                      cloudControllers: args.privateEndpoints?.cloudControllers,
                      tags,
                  },
                  parent,
              )
            : undefined;
        const identity = new HybridNodeIdentity(
            `${name}-hybrid-nodes`,
            {
                clusterName: cluster.clusterName,
                clusterArn: cluster.clusterArn,
                credentials: args.nodeCredentials,
                iamRolesAnywhere: args.iamRolesAnywhere,
                pullThroughPrefix: isPrivate ? PULL_THROUGH_PREFIX : undefined,
                tags,
            },
            parent,
        );
        const addons = new ClusterAddons(
            `${name}-addons`,
            {
                clusterName: cluster.clusterName,
                clusterArn: cluster.clusterArn,
                subnetIds: network.privateSubnetIds,
                cloudNodeGroup: args.cloudNodeGroup,
                coredns: args.coredns,
                customNetworking: args.customNetworking !== undefined,
                tags,
            },
            parent,
        );
        if (args.customNetworking) {
            new CustomNetworking(
                `${name}-custom-networking`,
                {
                    vpcId: network.vpcId,
                    secondaryCidr: args.customNetworking.secondaryCidr,
                    availabilityZones: network.availabilityZones,
                    zoneCount: args.vpc.privateSubnetIds?.length ?? args.vpc.availabilityZones ?? 2,
                    clusterSecurityGroupId: cluster.clusterSecurityGroupId,
                    kubeconfig: cluster.kubeconfig,
                    tags,
                },
                // ENIConfig is the vpc-cni add-on's CRD.
                { parent: this, dependsOn: [addons] },
            );
        }

        new CiliumRelease(
            `${name}-cilium`,
            {
                kubeconfig: cluster.kubeconfig,
                chartVersion: args.cilium?.chartVersion,
                bgp: args.cilium?.bgp ?? true,
                imageRegistry: endpoints?.pullThroughRegistry,
            },
            parent,
        );

        this.clusterName = cluster.clusterName;
        this.clusterArn = cluster.clusterArn;
        this.clusterEndpoint = cluster.endpoint;
        this.clusterCertificateAuthority = cluster.certificateAuthority;
        this.kubernetesVersion = cluster.kubernetesVersion;
        this.region = cluster.region;
        this.kubeconfig = cluster.kubeconfig;
        this.gatewayType = network.gatewayType;
        this.gatewayId = network.gatewayId;
        this.transitGatewayRouteTableId = network.transitGatewayRouteTableId;
        this.hybridNodeRoleArn = identity.roleArn;
        this.hybridNodeRoleName = identity.roleName;
        this.trustAnchorArn = identity.trustAnchorArn;
        this.profileArn = identity.profileArn;
        this.nodeCredentials = pulumi.output<string>(args.nodeCredentials);
        this.vpcId = network.vpcId;
        this.vpcCidr = network.vpcCidr;
        this.remoteNodeNetworks = pulumi.output(args.remoteNodeNetworks);
        this.remotePodNetworks = pulumi.output(args.remotePodNetworks);
        this.resolverInboundIps = endpoints?.resolverInboundIps ?? pulumi.output([]);
        this.pullThroughRegistry = endpoints?.pullThroughRegistry ?? pulumi.output("");
        this.registerOutputs(hubOutputs(this));
    }
}

/** The hub's outputs by name: what the hub stack exports and site stacks read. */
export function hubOutputs(hub: Hub): Record<string, pulumi.Output<unknown>> {
    return {
        clusterName: hub.clusterName,
        clusterArn: hub.clusterArn,
        clusterEndpoint: hub.clusterEndpoint,
        clusterCertificateAuthority: hub.clusterCertificateAuthority,
        kubernetesVersion: hub.kubernetesVersion,
        region: hub.region,
        kubeconfig: hub.kubeconfig,
        gatewayType: hub.gatewayType,
        gatewayId: hub.gatewayId,
        transitGatewayRouteTableId: hub.transitGatewayRouteTableId,
        hybridNodeRoleArn: hub.hybridNodeRoleArn,
        hybridNodeRoleName: hub.hybridNodeRoleName,
        trustAnchorArn: hub.trustAnchorArn,
        profileArn: hub.profileArn,
        nodeCredentials: hub.nodeCredentials,
        vpcId: hub.vpcId,
        vpcCidr: hub.vpcCidr,
        remoteNodeNetworks: hub.remoteNodeNetworks,
        remotePodNetworks: hub.remotePodNetworks,
        resolverInboundIps: hub.resolverInboundIps,
        pullThroughRegistry: hub.pullThroughRegistry,
    };
}
