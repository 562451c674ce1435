import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { protection } from "../protection/protection";
import { AuthenticationMode, EndpointAccess } from "./enums";
import { parseArn } from "./clusterArn";
import { clusterTrustPolicy, managedPolicyArn } from "./iamPolicies";
import { KubeconfigIdentityArgs, renderKubeconfig } from "./kubeconfig";
import { DEFAULT_LOG_TYPES, DEFAULT_WEBHOOK_PORTS } from "./clusterDefaults";
import { registerSgRules } from "./securityGroupRuleResources";
import { planClusterSgRules } from "./securityGroupRules";

/** Arguments of {@link HybridCluster}. */
export interface HybridClusterArgs {
    /** EKS cluster name. */
    clusterName: string;
    /**
     * Create the cluster with Pulumi's `protect`, so the engine refuses to replace or delete it
     * (default true). False lifts it, for a deliberate replacement or removal, and tags the cluster
     * `eks-hybrid:protect=false`.
     */
    protect?: boolean;
    /** Kubernetes minor version, e.g. `"1.33"`. */
    kubernetesVersion: string;
    /** VPC of the cluster. */
    vpcId: pulumi.Input<string>;
    /** Private subnets for the control-plane ENIs (at least two AZs). */
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** Kubernetes service CIDR. */
    serviceCidr: string;
    /** Remote node supernets (remoteNetworkConfig and security group). */
    remoteNodeNetworks: string[];
    /** Remote pod supernets (remoteNetworkConfig and security group). */
    remotePodNetworks: string[];
    /** Private or public API endpoint, never both. */
    endpointAccess: EndpointAccess;
    /** CIDRs allowed to reach a public endpoint. */
    publicAccessCidrs?: string[];
    /**
     * With a private endpoint, a bootstrap window: the endpoint is public as well, for these CIDRs
     * only. Removing them closes it; EKS updates endpoint access in place (UpdateClusterConfig).
     */
    temporaryPublicAccessCidrs?: string[];
    /** With a private endpoint, further networks that may reach the API on 443 (where Pulumi and kubectl run). */
    apiAccessCidrs?: string[];
    /** Authentication mode (default API). */
    authenticationMode?: AuthenticationMode;
    /** IAM roles or users that get cluster admin besides the cluster's creator (an access entry each). */
    adminPrincipalArns?: string[];
    /** Whether EKS makes the cluster's creator admin (set at creation only). @default true */
    creatorAdmin?: boolean;
    /** Whom the kubeconfig authenticates as (a role to assume, an AWS CLI profile). */
    kubeconfigIdentity?: KubeconfigIdentityArgs;
    /** Control-plane log types (default api, audit, authenticator). */
    clusterLogTypes?: string[];
    /** Pod ports the control plane may call for webhooks (default 443, 8443, 9443, 10250). */
    webhookPorts?: number[];
    /** A permissions boundary (IAM policy ARN) every role of this component carries; none when absent. */
    permissionsBoundary?: pulumi.Input<string>;
    /** Tags for every taggable resource. */
    tags?: { [key: string]: string };
}

/**
 * An EKS cluster ready for hybrid nodes: its IAM role, remote node and pod networks, an
 * additional security group for the remote networks, secrets encryption with its own KMS key,
 * control-plane logs, and a kubeconfig (secret).
 */
export class HybridCluster extends pulumi.ComponentResource {
    /** Cluster name. */
    public readonly clusterName: pulumi.Output<string>;
    /** Cluster ARN. */
    public readonly clusterArn: pulumi.Output<string>;
    /** API endpoint. */
    public readonly endpoint: pulumi.Output<string>;
    /** Base64 cluster CA. */
    public readonly certificateAuthority: pulumi.Output<string>;
    /** Kubernetes version. */
    public readonly kubernetesVersion: pulumi.Output<string>;
    /** Region, from the cluster ARN. */
    public readonly region: pulumi.Output<string>;
    /** Security group EKS creates for the cluster. */
    public readonly clusterSecurityGroupId: pulumi.Output<string>;
    /** The additional security group for the remote networks. */
    public readonly remoteAccessSecurityGroupId: pulumi.Output<string>;
    /** Kubeconfig using `aws eks get-token` (secret). */
    public readonly kubeconfig: pulumi.Output<string>;

    constructor(name: string, args: HybridClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("eks-hybrid-sites:index:HybridCluster", name, {}, opts);
        const parent = { parent: this };
        const tags = { ...args.tags };
        const partition = aws.getPartitionOutput({}, parent).partition;

        const role = new aws.iam.Role(
            `${name}-cluster-role`,
            { assumeRolePolicy: JSON.stringify(clusterTrustPolicy()), permissionsBoundary: args.permissionsBoundary, tags },
            parent,
        );
        const rolePolicy = new aws.iam.RolePolicyAttachment(
            `${name}-cluster-policy`,
            { role: role.name, policyArn: partition.apply((p) => managedPolicyArn(p, "AmazonEKSClusterPolicy")) },
            parent,
        );

        const key = new aws.kms.Key(
            `${name}-secrets`,
            { description: `${args.clusterName}: EKS secrets encryption`, enableKeyRotation: true, tags },
            parent,
        );

        const sg = new aws.ec2.SecurityGroup(
            `${name}-remote-access`,
            {
                vpcId: args.vpcId,
                description: `${args.clusterName}: control plane <-> hybrid nodes and pods`,
                tags: { ...tags, Name: `${name}-remote-access` },
            },
            parent,
        );
        const rules = planClusterSgRules(
            args.remoteNodeNetworks,
            args.remotePodNetworks,
            args.webhookPorts ?? DEFAULT_WEBHOOK_PORTS,
            args.endpointAccess === EndpointAccess.Private ? (args.apiAccessCidrs ?? []) : [],
        );
        registerSgRules(name, sg.id, rules, tags, parent);

        const isPublic = args.endpointAccess === EndpointAccess.Public;
        const window = isPublic ? undefined : args.temporaryPublicAccessCidrs;
        const guard = protection(args.protect);
        const cluster = new aws.eks.Cluster(
            `${name}-cluster`,
            {
                name: args.clusterName,
                version: args.kubernetesVersion,
                roleArn: role.arn,
                vpcConfig: {
                    subnetIds: args.subnetIds,
                    securityGroupIds: [sg.id],
                    endpointPrivateAccess: !isPublic,
                    endpointPublicAccess: isPublic || window !== undefined,
                    publicAccessCidrs: isPublic ? args.publicAccessCidrs : window,
                },
                kubernetesNetworkConfig: { ipFamily: "ipv4", serviceIpv4Cidr: args.serviceCidr },
                remoteNetworkConfig: {
                    remoteNodeNetworks: { cidrs: args.remoteNodeNetworks },
                    remotePodNetworks: { cidrs: args.remotePodNetworks },
                },
                accessConfig: {
                    authenticationMode: args.authenticationMode ?? AuthenticationMode.Api,
                    bootstrapClusterCreatorAdminPermissions: args.creatorAdmin ?? true,
                },
                enabledClusterLogTypes: args.clusterLogTypes ?? DEFAULT_LOG_TYPES,
                encryptionConfig: { provider: { keyArn: key.arn }, resources: ["secrets"] },
                tags: { ...tags, ...guard.tags },
            },
            { parent: this, dependsOn: [rolePolicy], protect: guard.protect },
        );

        // Only the creator is admin by default: every other deployer needs its own access entry, in
        // place before anything uses the kubeconfig (it may sign its token as one of them).
        const admins: pulumi.Output<string>[] = [];
        for (const principalArn of args.adminPrincipalArns ?? []) {
            const key = `${name}-admin-${principalSlug(principalArn)}`;
            const entry = new aws.eks.AccessEntry(key, { clusterName: cluster.name, principalArn, type: "STANDARD", tags }, parent);
            const association = new aws.eks.AccessPolicyAssociation(
                key,
                {
                    clusterName: cluster.name,
                    principalArn: entry.principalArn,
                    policyArn: partition.apply((p) => `arn:${p}:eks::aws:cluster-access-policy/${CLUSTER_ADMIN_POLICY}`),
                    accessScope: { type: "cluster" },
                },
                parent,
            );
            admins.push(association.id);
        }

        this.clusterName = cluster.name;
        this.clusterArn = cluster.arn;
        this.endpoint = cluster.endpoint;
        this.certificateAuthority = cluster.certificateAuthority.data;
        this.kubernetesVersion = cluster.version;
        this.region = cluster.arn.apply((arn) => parseArn(arn).region);
        this.clusterSecurityGroupId = cluster.vpcConfig.clusterSecurityGroupId;
        this.remoteAccessSecurityGroupId = sg.id;
        this.kubeconfig = pulumi.secret(
            pulumi
                .all([cluster.name, cluster.endpoint, cluster.certificateAuthority.data, this.region, pulumi.all(admins)])
                .apply(([clusterName, endpoint, certificateAuthorityData, region]) =>
                    renderKubeconfig({ clusterName, endpoint, certificateAuthorityData, region, identity: args.kubeconfigIdentity }),
                ),
        );
        this.registerOutputs({
            clusterName: this.clusterName,
            clusterArn: this.clusterArn,
            endpoint: this.endpoint,
            certificateAuthority: this.certificateAuthority,
            kubernetesVersion: this.kubernetesVersion,
            region: this.region,
            clusterSecurityGroupId: this.clusterSecurityGroupId,
            remoteAccessSecurityGroupId: this.remoteAccessSecurityGroupId,
            kubeconfig: this.kubeconfig,
        });
    }
}

/** The EKS access policy of a cluster admin (EKS user guide, access policy permissions). */
export const CLUSTER_ADMIN_POLICY = "AmazonEKSClusterAdminPolicy";

/**
 * `arn:aws:iam::123456789012:role/ci/deployer` → `123456789012-role/ci/deployer`: a resource name by
 * content, the IAM path and name kept as they are so that no two principals share one.
 */
export function principalSlug(arn: string): string {
    const [, , , , account, resource] = arn.split(":");
    return `${account}-${resource}`;
}
