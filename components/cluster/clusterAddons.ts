import * as aws from "@pulumi/aws";
import * as eks from "@pulumi/eks";
import * as pulumi from "@pulumi/pulumi";
import { CloudNodeGroupArgs, cloudNodeGroupSizes, vpcCniConfiguration } from "./cloudNodeGroupArgs";
import { customNetworkingMaxPods, ENI_CONFIG_LABEL } from "./customNetworkingArgs";
import { parseArn } from "./clusterArn";
import { managedPolicyArn, serviceTrustPolicy } from "./iamPolicies";
import { corednsConfiguration, corednsInstalled } from "./corednsConfiguration";
import { cloudNodeUserData, SOURCE_DEST_CHECK_OFF } from "./nodeUserData";
import { registerSgRules } from "./securityGroupRuleResources";
import { planCloudNodeSgRules, planGatewaySgRules } from "./securityGroupRules";

/** eks-pod-identity-agent's configuration values that add its daemonset for hybrid nodes. */
export const POD_IDENTITY_AGENT_CONFIGURATION = { daemonsets: { hybrid: { create: true } } };

/** What cloud nodes hosting a forwarder of pod traffic (AWS's Hybrid Nodes gateway) carry. */
export interface GatewayNodesArgs {
    /** The node label (value "true") the forwarder's pods select. */
    label: string;
    /** The UDP port the remote nodes' VXLAN arrives on. */
    vxlanPort: number;
}

/** Arguments of {@link ClusterAddons}. */
export interface ClusterAddonsArgs {
    /** Cluster name. */
    clusterName: pulumi.Input<string>;
    /** Kubernetes version of the cluster: the vpc-cni add-on's version is the newest for it. */
    kubernetesVersion: pulumi.Input<string>;
    /** Cluster ARN (the partition for managed policy ARNs is read from it). */
    clusterArn: pulumi.Input<string>;
    /** Subnets of the cloud node group. */
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** A managed node group for cloud workloads (mixed mode); none when absent. */
    cloudNodeGroup?: CloudNodeGroupArgs;
    /**
     * Install the coredns add-on. Default: only with a cloud node group. EKS reports coredns
     * DEGRADED while no node can run it, and the create then fails; a hybrid-only cluster turns
     * it on once the first site's nodes have joined.
     */
    coredns?: boolean;
    /**
     * CoreDNS replicas, spread over zones (the cloud's and one per site) and apart per host
     * (default 2, the add-on's). Give every zone with nodes one, so DNS stays in the zone.
     */
    corednsReplicas?: number;
    /** The EKS cluster security group: cloud nodes and custom-networking pods carry it. */
    clusterSecurityGroupId: pulumi.Input<string>;
    /** Remote pod supernets: hybrid pods reach CoreDNS (and the named ports) on cloud nodes from there. */
    remotePodNetworks: string[];
    /** EKS Pod Identity: the eks-pod-identity-agent add-on with its daemonset for hybrid nodes. */
    podIdentity?: boolean;
    /**
     * The cloud nodes host AWS's Hybrid Nodes gateway (podNetworking.mode gateway): labelled for
     * its pods, their primary ENI's source/destination check off at boot, VXLAN from the remote
     * node networks allowed, and the Pod Identity agent installed for its IAM. None when absent.
     */
    gatewayNodes?: GatewayNodesArgs;
    /**
     * Install the Pod Identity agent for pods on cloud nodes (the Hybrid Nodes gateway's, the load
     * balancer controller's) even without `podIdentity`, which adds its daemonset for hybrid nodes.
     */
    cloudPodIdentity?: boolean;
    /** Remote node supernets: with gatewayNodes, where the VXLAN comes from. */
    remoteNodeNetworks?: string[];
    /** VPC CNI custom networking is on (CNI settings, and max pods on the cloud nodes). */
    customNetworking?: boolean;
    /** A permissions boundary (IAM policy ARN) every role of this component carries; none when absent. */
    permissionsBoundary?: pulumi.Input<string>;
    /** Tags for every taggable resource. */
    tags?: { [key: string]: string };
}

/**
 * EKS add-ons (vpc-cni kept off hybrid nodes, kube-proxy, coredns) and the optional cloud node
 * group. vpc-cni comes through pulumi-eks's VpcCniAddon, which turns custom networking into the
 * CNI's settings and merges the hybrid anti-affinity into the add-on's configuration values.
 */
export class ClusterAddons extends pulumi.ComponentResource {
    /** Name of the cloud node group (empty when there is none). */
    public readonly cloudNodeGroupName: pulumi.Output<string>;
    /** The coredns add-on, when it is installed. */
    public readonly coredns?: aws.eks.Addon;
    /** The eks-pod-identity-agent add-on, when it is installed. */
    public readonly podIdentityAgent?: aws.eks.Addon;

    constructor(name: string, args: ClusterAddonsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("eks-hybrid-sites:index:ClusterAddons", name, {}, opts);
        const parent = { parent: this };
        const tags = { ...args.tags };
        const addon = (addonName: string, extra: Partial<aws.eks.AddonArgs> = {}, dependsOn: pulumi.Resource[] = []) =>
            new aws.eks.Addon(
                `${name}-${addonName}`,
                {
                    clusterName: args.clusterName,
                    addonName,
                    resolveConflictsOnCreate: "OVERWRITE",
                    resolveConflictsOnUpdate: "OVERWRITE",
                    tags,
                    ...extra,
                },
                { parent: this, dependsOn },
            );

        // The add-on's tags are left out: @pulumi/eks 4.x types them as a list of maps but hands
        // them to aws.eks.Addon, which takes one map (docs/design.md).
        const vpcCni = new eks.VpcCniAddon(
            `${name}-vpc-cni`,
            {
                clusterName: args.clusterName,
                clusterVersion: args.kubernetesVersion,
                resolveConflictsOnCreate: eks.ResolveConflictsOnCreate.Overwrite,
                resolveConflictsOnUpdate: eks.ResolveConflictsOnUpdate.Overwrite,
                ...(args.customNetworking ? { customNetworkConfig: true, eniConfigLabelDef: ENI_CONFIG_LABEL } : {}),
                configurationValues: vpcCniConfiguration(args.gatewayNodes ? args.remotePodNetworks : []),
                // @pulumi/eks's schema types tags as a list of maps (pulumi/pulumi-eks#1924); its provider
                // (nodejs/eks/addons/cni-addon.ts) hands them to aws.eks.Addon as they come, which takes one map.
                tags: tags as any,
            },
            parent,
        );
        addon("kube-proxy");
        // The agent's default daemonset reads IMDS, which hybrid nodes lack; the add-on's second
        // daemonset (from 1.3.3-eksbuild.1) reads the credentials file nodeadm writes instead.
        const agentConfiguration = { configurationValues: JSON.stringify(POD_IDENTITY_AGENT_CONFIGURATION) };
        if (args.podIdentity) this.podIdentityAgent = addon("eks-pod-identity-agent", agentConfiguration);
        // On cloud nodes the agent's default daemonset serves the controllers' pods.
        else if (args.cloudPodIdentity) this.podIdentityAgent = addon("eks-pod-identity-agent");

        let nodeGroupName = pulumi.output("");
        const corednsDependsOn: pulumi.Resource[] = [];
        if (args.cloudNodeGroup) {
            const sizes = cloudNodeGroupSizes(args.cloudNodeGroup);
            const partition = pulumi.output(args.clusterArn).apply((arn) => parseArn(arn).partition);
            const role = new aws.iam.Role(
                `${name}-cloud-nodes`,
                {
                    assumeRolePolicy: JSON.stringify(serviceTrustPolicy("ec2.amazonaws.com")),
                    permissionsBoundary: args.permissionsBoundary,
                    tags,
                },
                parent,
            );
            const attachments: pulumi.Resource[] = [
                "AmazonEKSWorkerNodePolicy",
                "AmazonEKS_CNI_Policy",
                "AmazonEC2ContainerRegistryPullOnly",
            ].map(
                (policy) =>
                    new aws.iam.RolePolicyAttachment(
                        `${name}-cloud-nodes-${policy}`,
                        { role: role.name, policyArn: partition.apply((p) => managedPolicyArn(p, policy)) },
                        parent,
                    ),
            );
            // With custom networking the primary ENI carries no pods: kubelet must know the lower limit.
            const maxPods = args.customNetworking ? (sizes.maxPods ?? customNetworkingMaxPods(sizes.instanceTypes)) : sizes.maxPods;
            const scripts = args.gatewayNodes ? [SOURCE_DEST_CHECK_OFF] : [];
            const template =
                maxPods === undefined && scripts.length === 0
                    ? undefined
                    : new aws.ec2.LaunchTemplate(`${name}-cloud-nodes`, { userData: cloudNodeUserData(maxPods, scripts), tags }, parent);
            if (args.gatewayNodes) {
                // What the boot script calls, on the instance's own ENI.
                attachments.push(
                    new aws.iam.RolePolicy(
                        `${name}-cloud-nodes-source-dest-check`,
                        {
                            role: role.name,
                            policy: partition.apply((p) =>
                                JSON.stringify({
                                    Version: "2012-10-17",
                                    Statement: [
                                        {
                                            Effect: "Allow",
                                            Action: "ec2:ModifyNetworkInterfaceAttribute",
                                            Resource: `arn:${p}:ec2:*:*:network-interface/*`,
                                        },
                                    ],
                                }),
                            ),
                        },
                        parent,
                    ),
                );
            }
            const group = new aws.eks.NodeGroup(
                `${name}-cloud-nodes`,
                {
                    clusterName: args.clusterName,
                    nodeRoleArn: role.arn,
                    subnetIds: args.subnetIds,
                    instanceTypes: sizes.instanceTypes,
                    scalingConfig: { desiredSize: sizes.desiredSize, minSize: sizes.minSize, maxSize: sizes.maxSize },
                    ...(args.gatewayNodes ? { labels: { [args.gatewayNodes.label]: "true" } } : {}),
                    ...(template ? { launchTemplate: { id: template.id, version: pulumi.interpolate`${template.latestVersion}` } } : {}),
                    tags,
                },
                // Nodes that join before the CNI knows about custom networking get addresses from the wrong
                // subnets, and without their zone's ENIConfig none: the node group also takes the
                // component's own dependsOn (the hub passes its ENIConfigs) as its own, so the
                // engine's state records the order too.
                {
                    parent: this,
                    dependsOn: pulumi.output(opts?.dependsOn ?? []).apply((after) => [...attachments, vpcCni, ...[after].flat()]),
                },
            );
            nodeGroupName = group.nodeGroupName;
            // Mixed mode: hybrid pods reach DNS and the named ports on the cloud side; the gateway gets its VXLAN.
            const rules = [
                ...planCloudNodeSgRules(args.remotePodNetworks, args.cloudNodeGroup.portsFromHybridPods ?? []),
                ...(args.gatewayNodes ? planGatewaySgRules(args.remoteNodeNetworks ?? [], args.gatewayNodes.vxlanPort) : []),
            ];
            registerSgRules(`${name}-cloud-nodes`, args.clusterSecurityGroupId, rules, tags, parent);
            corednsDependsOn.push(group);
        }
        if (corednsInstalled(args.coredns, args.cloudNodeGroup !== undefined))
            this.coredns = addon(
                "coredns",
                { configurationValues: JSON.stringify(corednsConfiguration(args.corednsReplicas)) },
                corednsDependsOn,
            );

        this.cloudNodeGroupName = nodeGroupName;
        this.registerOutputs({ cloudNodeGroupName: this.cloudNodeGroupName });
    }
}
