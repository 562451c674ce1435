import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { CiliumRelease } from "../cilium/ciliumRelease";
import { OWNER_TAG } from "../config/ownerTags";
import { apiAccessAdvice, whenApiReachable } from "../cluster/apiReachability";
import { ClusterAddons } from "../cluster/clusterAddons";
import { corednsInstalled, hasTrafficDistribution } from "../cluster/corednsConfiguration";
import { parseArn } from "../cluster/clusterArn";
import { CustomNetworking } from "../cluster/customNetworking";
import { EndpointAccess, NodeCredentials } from "../cluster/enums";
import { HybridCluster } from "../cluster/hybridCluster";
import { today, versionWarning } from "../cluster/supportCalendar";
import { HybridNodeIdentity } from "../cluster/hybridNodeIdentity";
import { underRealEngine } from "../config/engineHooks";
import { ArgumentsError } from "../config/argumentsError";
import { knownView } from "../config/knownValues";
import { Problems } from "../config/problems";
import { declareHub } from "./declaredHubs";
import { PULL_THROUGH_PREFIX } from "../endpoints/endpointServices";
import { PrivateEndpoints } from "../endpoints/privateEndpoints";
import { GatewayType, PodNetworkingMode } from "../network/enums";
import { GATEWAY_NODE_LABEL, VXLAN } from "../gateway/gatewayChart";
import { podNetworkingModeOf } from "../gateway/podNetworkingArgs";
import { HybridNodesGateway } from "../gateway/hybridNodesGateway";
import { LoadBalancerController } from "../loadBalancing/loadBalancerController";
import { HubNetwork } from "../network/hubNetwork";
import { zoneCount } from "../network/networkArgs";
import { alertTopic } from "./alertTopic";
import { HUB_OPAQUE_KEYS, HubArgs, HubConfig } from "./hubArgs";
import { DEFAULT_KUBERNETES_OBJECTS } from "./hubConfigSchema";
import { HUB_STACK_OUTPUT_NAMES, HubStackOutputs } from "./hubOutputs";
import { checkHub } from "./validateHub";

/**
 * The hub stack: the VPC and gateway to on-prem, the hybrid EKS cluster, the hybrid nodes'
 * identity, the add-ons and Cilium; with a private endpoint the VPC endpoints, resolver and image
 * cache; with custom networking the cloud pods' subnets and ENIConfigs. Its outputs are everything
 * a site stack needs; adding a site never changes it, because it only knows the remote supernets.
 */
export class Hub extends pulumi.ComponentResource implements HubStackOutputs {
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
    /** The Kubernetes provider of the cluster: the hub's own Kubernetes objects use it; pass it on to more. */
    public readonly kubernetesProvider: k8s.Provider;
    /** `vgw` or `tgw`. */
    public readonly gatewayType: GatewayType;
    /** How pods on hybrid nodes are reached: `routed` or `gateway`. */
    public readonly podNetworkingMode: PodNetworkingMode;
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
    public readonly nodeCredentials: NodeCredentials;
    /** Whether EKS Pod Identity is on (the sites' NodeConfigs then enable the credentials file). */
    public readonly podIdentity: boolean;
    /** VPC id. */
    public readonly vpcId: pulumi.Output<string>;
    /** The VPC's primary CIDR. */
    public readonly vpcCidr: pulumi.Output<string>;
    /** Every CIDR of the VPC: the primary, and the secondary of custom networking. */
    public readonly vpcCidrs: pulumi.Output<string[]>;
    /** Remote node supernets. */
    public readonly remoteNodeNetworks: pulumi.Output<string[]>;
    /** Remote pod supernets. */
    public readonly remotePodNetworks: pulumi.Output<string[]>;
    /** The sites' LoadBalancer supernets. */
    public readonly loadBalancerNetworks: pulumi.Output<string[]>;
    /** Route 53 Resolver inbound addresses on-prem DNS forwards to (empty with a public endpoint). */
    public readonly resolverInboundIps: pulumi.Output<string[]>;
    /** Registry mirroring public.ecr.aws (empty with a public endpoint). */
    public readonly pullThroughRegistry: pulumi.Output<string>;
    /** Whether the hub applied its Kubernetes objects; its sites apply theirs only then. */
    public readonly kubernetesObjects: boolean;
    /** SNS topic the sites' tunnel alarms notify. */
    public readonly alertTopicArn: pulumi.Output<string>;

    constructor(name: string, args: HubArgs, opts?: pulumi.ComponentResourceOptions) {
        // Validate before anything registers, the component included.
        const problems = new Problems();
        const { view, unknown } = knownView(args, "args", HUB_OPAQUE_KEYS, problems);
        checkHub(view, "args", problems, unknown);
        if (problems.all.length > 0) throw new ArgumentsError(`invalid arguments of Hub "${name}"`, problems.all);

        super("eks-hybrid-sites:index:Hub", name, {}, opts);
        declareHub(this, name, view as HubConfig);
        const versionNote = versionWarning(args.kubernetesVersion, today());
        // Under mocks `npm run validate` and the plan say it already.
        if (versionNote && underRealEngine()) void pulumi.log.warn(versionNote, this);
        const parent = { parent: this };
        const tags = { ...args.tags, [OWNER_TAG.hub]: args.clusterName };
        const podNetworkingMode = podNetworkingModeOf(args.podNetworking);
        const gatewayMode = podNetworkingMode === PodNetworkingMode.Gateway;
        const loadBalancerController = args.loadBalancerController?.enabled === true;

        const network = new HubNetwork(
            `${name}-network`,
            {
                vpc: args.vpc,
                gateway: args.gateway,
                remoteNodeNetworks: args.remoteNodeNetworks,
                remotePodNetworks: args.remotePodNetworks,
                loadBalancerNetworks: args.loadBalancerNetworks,
                routePodNetworks: !gatewayMode,
                tags,
            },
            parent,
        );
        const cluster = new HybridCluster(
            `${name}-eks`,
            {
                clusterName: args.clusterName,
                protect: args.protect,
                kubernetesVersion: args.kubernetesVersion,
                vpcId: network.vpcId,
                subnetIds: network.privateSubnetIds,
                serviceCidr: args.serviceCidr,
                remoteNodeNetworks: args.remoteNodeNetworks,
                remotePodNetworks: args.remotePodNetworks,
                endpointAccess: args.endpointAccess,
                publicAccessCidrs: args.publicAccessCidrs,
                temporaryPublicAccessCidrs: args.temporaryPublicAccessCidrs,
                apiAccessCidrs: args.apiAccessCidrs ?? [args.vpc.cidr],
                authenticationMode: args.authenticationMode,
                adminPrincipalArns: args.clusterAdmins,
                creatorAdmin: args.clusterCreatorAdmin,
                kubeconfigIdentity: args.kubeconfig,
                clusterLogTypes: args.clusterLogTypes,
                webhookPorts: args.webhookPorts,
                permissionsBoundary: args.iamPermissionsBoundary,
                tags,
            },
            parent,
        );
        // One Kubernetes provider for the cluster: every Kubernetes object of the hub goes through it.
        // While the hub applies none, nothing dials the API (no machine may reach it yet).
        const kubernetesObjects = args.kubernetesObjects ?? DEFAULT_KUBERNETES_OBJECTS;
        const kubernetesProvider = new k8s.Provider(
            `${name}-k8s`,
            {
                kubeconfig: kubernetesObjects
                    ? whenApiReachable(
                          cluster.kubeconfig,
                          apiAccessAdvice(args.endpointAccess, args.temporaryPublicAccessCidrs !== undefined),
                      )
                    : cluster.kubeconfig,
            },
            parent,
        );
        const withKubernetes = { parent: this, providers: { kubernetes: kubernetesProvider } };

        const vpcCidrs = [args.vpc.cidr, ...(args.customNetworking ? [args.customNetworking.secondaryCidr] : [])];
        const isPrivate = args.endpointAccess === EndpointAccess.Private;
        const endpoints = isPrivate
            ? new PrivateEndpoints(
                  `${name}-endpoints`,
                  {
                      vpcId: network.vpcId,
                      vpcCidrs,
                      privateSubnetIds: network.privateSubnetIds,
                      routeTableIds: network.routeTableIds,
                      remoteNodeNetworks: args.remoteNodeNetworks,
                      remotePodNetworks: args.remotePodNetworks,
                      nodeCredentials: args.nodeCredentials,
                      // The gateway's pods take their IAM through Pod Identity too.
                      podIdentity: args.podIdentity || gatewayMode || loadBalancerController,
                      cloudNodes: args.cloudNodeGroup !== undefined,
                      // The load balancer controller calls Elastic Load Balancing (and EC2).
                      cloudControllers: args.privateEndpoints?.cloudControllers || loadBalancerController,
                      existing: args.privateEndpoints?.existing,
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
                podIdentity: args.podIdentity,
                ssmInstanceTier: args.ssmInstanceTier,
                permissionsBoundary: args.iamPermissionsBoundary,
                tags,
            },
            parent,
        );
        // Custom networking's ENIConfigs come before any cloud node (AWS's custom networking guide):
        // a node that joins without its zone's ENIConfig gives its pods no address.
        const customNetworking = args.customNetworking
            ? new CustomNetworking(
                  `${name}-custom-networking`,
                  {
                      vpcId: network.vpcId,
                      secondaryCidr: args.customNetworking.secondaryCidr,
                      availabilityZones: network.availabilityZones,
                      routeTableIds: network.routeTableIds,
                      zoneCount: zoneCount(args.vpc),
                      clusterSecurityGroupId: cluster.clusterSecurityGroupId,
                      eniConfigs: kubernetesObjects,
                      tags,
                  },
                  withKubernetes,
              )
            : undefined;
        // With custom networking the cloud nodes wait for the ENIConfigs, and so for kubernetesObjects.
        const cloudNodeGroup = customNetworking !== undefined && !kubernetesObjects ? undefined : args.cloudNodeGroup;
        const addons = new ClusterAddons(
            `${name}-addons`,
            {
                clusterName: cluster.clusterName,
                kubernetesVersion: cluster.kubernetesVersion,
                clusterArn: cluster.clusterArn,
                subnetIds: network.privateSubnetIds,
                cloudNodeGroup,
                clusterSecurityGroupId: cluster.clusterSecurityGroupId,
                remotePodNetworks: args.remotePodNetworks,
                coredns: corednsInstalled(args.coredns, cloudNodeGroup !== undefined),
                corednsReplicas: args.corednsReplicas,
                podIdentity: args.podIdentity,
                gatewayNodes: gatewayMode ? { label: GATEWAY_NODE_LABEL, vxlanPort: VXLAN.port } : undefined,
                cloudPodIdentity: gatewayMode || loadBalancerController,
                remoteNodeNetworks: args.remoteNodeNetworks,
                customNetworking: args.customNetworking !== undefined,
                permissionsBoundary: args.iamPermissionsBoundary,
                tags,
            },
            { ...parent, dependsOn: customNetworking ? [customNetworking] : [] },
        );

        if (kubernetesObjects && addons.coredns && hasTrafficDistribution(args.kubernetesVersion)) {
            // The add-on's configuration has no Service settings: the Service is patched beside it
            // (server-side apply of this one field, which the add-on does not manage).
            new k8s.core.v1.ServicePatch(
                `${name}-kube-dns-traffic-distribution`,
                { metadata: { name: "kube-dns", namespace: "kube-system" }, spec: { trafficDistribution: "PreferClose" } },
                { parent: this, provider: kubernetesProvider, dependsOn: [addons.coredns] },
            );
        }
        if (kubernetesObjects) {
            new CiliumRelease(
                `${name}-cilium`,
                {
                    chartVersion: args.cilium?.chartVersion,
                    bgp: args.cilium?.bgp,
                    imageRegistry: endpoints?.pullThroughRegistry,
                    ...(gatewayMode
                        ? { clusterPoolCidrs: args.remotePodNetworks, clusterPoolMaskSize: args.podNetworking?.podMaskSize }
                        : {}),
                },
                withKubernetes,
            );
            if (loadBalancerController && cloudNodeGroup) {
                new LoadBalancerController(
                    `${name}-load-balancer-controller`,
                    {
                        clusterName: cluster.clusterName,
                        region: cluster.region,
                        vpcId: network.vpcId,
                        chartVersion: args.loadBalancerController?.chartVersion,
                        partition: pulumi.output(cluster.clusterArn).apply((arn) => parseArn(arn).partition),
                        podIdentityAgent: addons.podIdentityAgent,
                        imageRegistry: endpoints?.pullThroughRegistry,
                        permissionsBoundary: args.iamPermissionsBoundary,
                        tags,
                    },
                    withKubernetes,
                );
            }
            if (gatewayMode && cloudNodeGroup) {
                new HybridNodesGateway(
                    `${name}-gateway`,
                    {
                        clusterName: cluster.clusterName,
                        vpcCidr: network.vpcCidr,
                        podCidrs: args.remotePodNetworks,
                        routeTableIds: network.routeTableIds,
                        chartVersion: args.podNetworking?.gatewayChartVersion,
                        podIdentityAgent: addons.podIdentityAgent,
                        imageRegistry: endpoints?.pullThroughRegistry,
                        permissionsBoundary: args.iamPermissionsBoundary,
                        tags,
                    },
                    withKubernetes,
                );
            }
        }

        this.clusterName = cluster.clusterName;
        this.clusterArn = cluster.clusterArn;
        this.clusterEndpoint = cluster.endpoint;
        this.clusterCertificateAuthority = cluster.certificateAuthority;
        this.kubernetesVersion = cluster.kubernetesVersion;
        this.region = cluster.region;
        this.kubeconfig = cluster.kubeconfig;
        this.kubernetesProvider = kubernetesProvider;
        this.gatewayType = args.gateway.type;
        this.podNetworkingMode = podNetworkingMode;
        this.gatewayId = network.gatewayId;
        this.transitGatewayRouteTableId = network.transitGatewayRouteTableId;
        this.hybridNodeRoleArn = identity.roleArn;
        this.hybridNodeRoleName = identity.roleName;
        this.trustAnchorArn = identity.trustAnchorArn;
        this.profileArn = identity.profileArn;
        this.nodeCredentials = args.nodeCredentials;
        this.podIdentity = args.podIdentity ?? false;
        this.vpcId = network.vpcId;
        this.vpcCidr = network.vpcCidr;
        this.vpcCidrs = pulumi.output(vpcCidrs);
        this.remoteNodeNetworks = pulumi.output(args.remoteNodeNetworks);
        this.remotePodNetworks = pulumi.output(args.remotePodNetworks);
        this.loadBalancerNetworks = pulumi.output(args.loadBalancerNetworks ?? []);
        this.resolverInboundIps = endpoints?.resolverInboundIps ?? pulumi.output([]);
        this.pullThroughRegistry = endpoints?.pullThroughRegistry ?? pulumi.output("");
        this.kubernetesObjects = kubernetesObjects;
        this.alertTopicArn = args.alertTopicArn ? pulumi.output(args.alertTopicArn) : alertTopic(name, tags, this).arn;
        this.registerOutputs(hubOutputs(this));
    }
}

/** The hub's outputs by name: what the hub stack exports and site stacks read. */
export function hubOutputs(hub: HubStackOutputs): Record<string, unknown> {
    return Object.fromEntries(HUB_STACK_OUTPUT_NAMES.map((key) => [key, hub[key]]));
}
