import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { NodeCredentials, SsmInstanceTier } from "./enums";
import { IamRolesAnywhereArgs } from "./iamRolesAnywhereArgs";
import { managedPolicyArn, rolesAnywhereNodePolicy, rolesAnywhereTrustPolicy, ssmNodePolicy, ssmTrustPolicy } from "./iamPolicies";
import { parseArn } from "./clusterArn";

/** Arguments of {@link HybridNodeIdentity}. */
export interface HybridNodeIdentityArgs {
    /** Name of the cluster the nodes join. */
    clusterName: pulumi.Input<string>;
    /** ARN of that cluster (account, region and partition are read from it). */
    clusterArn: pulumi.Input<string>;
    /** `ssm` or `iam-ra`. */
    credentials: NodeCredentials;
    /** Trust for IAM Roles Anywhere (with `iam-ra`). */
    iamRolesAnywhere?: IamRolesAnywhereArgs;
    /** EKS Pod Identity is on: the role may call eks-auth:AssumeRoleForPodIdentity on this cluster. */
    podIdentity?: boolean;
    /** Repository prefix of the ECR pull-through cache the nodes pull from (private clusters). */
    pullThroughPrefix?: string;
    /**
     * Systems Manager's instance tier for the account and Region (with `ssm`): `advanced` sets the
     * service setting `/ssm/managed-instance/activation-tier`, needed past 1,000 hybrid nodes and
     * charged per node hour. Default `standard` (the setting is left alone).
     */
    ssmInstanceTier?: SsmInstanceTier;
    /** A permissions boundary (IAM policy ARN) every role of this component carries; none when absent. */
    permissionsBoundary?: pulumi.Input<string>;
    /** Tags for every taggable resource. */
    tags?: { [key: string]: string };
}

/**
 * The hybrid nodes' AWS identity: one IAM role (trusting SSM, or IAM Roles Anywhere through a
 * trust anchor and profile) and the EKS access entry of type HYBRID_LINUX that admits it.
 */
export class HybridNodeIdentity extends pulumi.ComponentResource {
    /** ARN of the hybrid nodes role. */
    public readonly roleArn: pulumi.Output<string>;
    /** Name of the hybrid nodes role. */
    public readonly roleName: pulumi.Output<string>;
    /** IAM Roles Anywhere trust anchor ARN (empty with ssm). */
    public readonly trustAnchorArn: pulumi.Output<string>;
    /** IAM Roles Anywhere profile ARN (empty with ssm). */
    public readonly profileArn: pulumi.Output<string>;

    constructor(name: string, args: HybridNodeIdentityArgs, opts?: pulumi.ComponentResourceOptions) {
        super("eks-hybrid-sites:index:HybridNodeIdentity", name, {}, opts);
        const parent = { parent: this };
        const tags = { ...args.tags };
        const clusterArn = pulumi.output(args.clusterArn);
        const partition = clusterArn.apply((arn) => parseArn(arn).partition);
        const attach = (role: aws.iam.Role, policy: string) =>
            new aws.iam.RolePolicyAttachment(
                `${name}-${policy}`,
                { role: role.name, policyArn: partition.apply((p) => managedPolicyArn(p, policy)) },
                parent,
            );

        const options = { pullThroughPrefix: args.pullThroughPrefix, podIdentity: args.podIdentity };
        let role: aws.iam.Role;
        let trustAnchorArn = pulumi.output("");
        let profileArn = pulumi.output("");
        if (args.credentials === NodeCredentials.Ssm) {
            role = new aws.iam.Role(
                `${name}-role`,
                {
                    assumeRolePolicy: clusterArn.apply((arn) => JSON.stringify(ssmTrustPolicy(parseArn(arn)))),
                    permissionsBoundary: args.permissionsBoundary,
                    tags,
                },
                parent,
            );
            new aws.iam.RolePolicy(
                `${name}-policy`,
                { role: role.name, policy: clusterArn.apply((arn) => JSON.stringify(ssmNodePolicy(arn, options))) },
                parent,
            );
            attach(role, "AmazonSSMManagedInstanceCore");
            if (args.ssmInstanceTier === SsmInstanceTier.Advanced) {
                new aws.ssm.ServiceSetting(
                    `${name}-activation-tier`,
                    {
                        settingId: clusterArn.apply((c) => {
                            const { partition, region, account } = parseArn(c);
                            return `arn:${partition}:ssm:${region}:${account}:servicesetting/ssm/managed-instance/activation-tier`;
                        }),
                        settingValue: SsmInstanceTier.Advanced,
                    },
                    parent,
                );
            }
        } else {
            const ira = args.iamRolesAnywhere ?? {};
            const anchor = new aws.rolesanywhere.TrustAnchor(
                `${name}-trust-anchor`,
                {
                    enabled: true,
                    source:
                        ira.acmPcaArn !== undefined
                            ? { sourceType: "AWS_ACM_PCA", sourceData: { acmPcaArn: ira.acmPcaArn } }
                            : { sourceType: "CERTIFICATE_BUNDLE", sourceData: { x509CertificateData: ira.caBundlePem } },
                    tags,
                },
                parent,
            );
            role = new aws.iam.Role(
                `${name}-role`,
                {
                    assumeRolePolicy: anchor.arn.apply((a) => JSON.stringify(rolesAnywhereTrustPolicy(a))),
                    permissionsBoundary: args.permissionsBoundary,
                    tags,
                },
                parent,
            );
            new aws.iam.RolePolicy(
                `${name}-policy`,
                {
                    role: role.name,
                    policy: clusterArn.apply((arn) => JSON.stringify(rolesAnywhereNodePolicy(arn, options))),
                },
                parent,
            );
            const profile = new aws.rolesanywhere.Profile(
                `${name}-profile`,
                { enabled: true, roleArns: [role.arn], acceptRoleSessionName: true, tags },
                parent,
            );
            trustAnchorArn = anchor.arn;
            profileArn = profile.arn;
        }
        attach(role, "AmazonEC2ContainerRegistryPullOnly");

        new aws.eks.AccessEntry(
            `${name}-access-entry`,
            { clusterName: args.clusterName, principalArn: role.arn, type: "HYBRID_LINUX", tags },
            parent,
        );

        this.roleArn = role.arn;
        this.roleName = role.name;
        this.trustAnchorArn = trustAnchorArn;
        this.profileArn = profileArn;
        this.registerOutputs({
            roleArn: this.roleArn,
            roleName: this.roleName,
            trustAnchorArn: this.trustAnchorArn,
            profileArn: this.profileArn,
        });
    }
}
