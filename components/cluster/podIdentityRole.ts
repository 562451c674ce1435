import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { podIdentityTrustPolicy, PolicyDocument } from "./iamPolicies";

/** What a controller's pods get through EKS Pod Identity. */
export interface PodIdentityRoleArgs {
    clusterName: pulumi.Input<string>;
    /** The service account's namespace and name. */
    namespace: string;
    serviceAccount: string;
    /** The role's inline policy. */
    policy: pulumi.Input<PolicyDocument>;
    permissionsBoundary?: pulumi.Input<string>;
    tags: { [key: string]: string };
}

/**
 * A role trusted by EKS Pod Identity, its inline policy, and the association that hands it to one
 * service account (`${name}-role`, `${name}-policy`, `${name}-pod-identity`). The association
 * waits for the policy: a pod that starts with the role but not its rights fails its first calls.
 */
export function podIdentityRole(
    name: string,
    args: PodIdentityRoleArgs,
    parent: pulumi.Resource,
): { role: aws.iam.Role; association: aws.eks.PodIdentityAssociation } {
    const role = new aws.iam.Role(
        `${name}-role`,
        { assumeRolePolicy: JSON.stringify(podIdentityTrustPolicy()), permissionsBoundary: args.permissionsBoundary, tags: args.tags },
        { parent },
    );
    const policy = new aws.iam.RolePolicy(
        `${name}-policy`,
        { role: role.name, policy: pulumi.output(args.policy).apply((p) => JSON.stringify(p)) },
        { parent },
    );
    const association = new aws.eks.PodIdentityAssociation(
        `${name}-pod-identity`,
        {
            clusterName: args.clusterName,
            namespace: args.namespace,
            serviceAccount: args.serviceAccount,
            roleArn: role.arn,
            tags: args.tags,
        },
        { parent, dependsOn: [policy] },
    );
    return { role, association };
}
