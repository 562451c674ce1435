// IAM documents as plain data, so tests can assert them exactly. Baseline: the CloudFormation
// templates AWS publishes for hybrid nodes (ref/IAM.md), tightened where noted.
import { ArnParts, parseArn } from "./clusterArn";

/** An IAM policy document. */
export interface PolicyDocument {
    Version: "2012-10-17";
    Statement: PolicyStatement[];
}

/** One statement of an IAM policy document. */
export interface PolicyStatement {
    Sid?: string;
    Effect: "Allow" | "Deny";
    Principal?: { Service: string };
    Action: string | string[];
    Resource?: string | string[];
    Condition?: Record<string, Record<string, string>>;
}

const doc = (...statements: PolicyStatement[]): PolicyDocument => ({ Version: "2012-10-17", Statement: statements });

/** The ARN of an AWS managed policy in a partition. */
export function managedPolicyArn(partition: string, name: string): string {
    return `arn:${partition}:iam::aws:policy/${name}`;
}

/** Trust for a role that an AWS service assumes (EKS control plane, EC2 nodes). */
export function serviceTrustPolicy(service: string, actions: string[] = ["sts:AssumeRole"]): PolicyDocument {
    return doc({ Effect: "Allow", Principal: { Service: service }, Action: actions });
}

/** A role pods assume through EKS Pod Identity (its agent tags the session). */
export const podIdentityTrustPolicy = (): PolicyDocument =>
    serviceTrustPolicy("pods.eks.amazonaws.com", ["sts:AssumeRole", "sts:TagSession"]);

/** Actions allowed on any resource: for APIs such as the gateway's route calls that no source scopes further. */
export function allowActions(actions: readonly string[]): PolicyDocument {
    return doc({ Effect: "Allow", Action: [...actions], Resource: "*" });
}

/** The EKS cluster role: EKS tags its sessions, so it needs sts:TagSession too. */
export const clusterTrustPolicy = (): PolicyDocument => serviceTrustPolicy("eks.amazonaws.com", ["sts:AssumeRole", "sts:TagSession"]);

/** Hybrid nodes with SSM: only SSM of this account and region may assume the role. */
export function ssmTrustPolicy(arn: ArnParts): PolicyDocument {
    return doc({
        Effect: "Allow",
        Principal: { Service: "ssm.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: {
            StringEquals: { "aws:SourceAccount": arn.account },
            ArnEquals: { "aws:SourceArn": `arn:${arn.partition}:ssm:${arn.region}:${arn.account}:*` },
        },
    });
}

/** What a hybrid node needs from EKS: find the cluster and check its own access entry. */
function clusterReadStatement(clusterArn: string): PolicyStatement {
    // AWS's template allows eks:DescribeCluster on "*"; scoped here to this cluster.
    return {
        Sid: "EksClusterRead",
        Effect: "Allow",
        Action: ["eks:DescribeCluster", "eks:ListAccessEntries"],
        Resource: clusterArn,
    };
}

/**
 * Pulling through the ECR cache (private clusters): the first pull of an image creates its
 * repository under the cache's prefix and imports the image, both with the puller's rights.
 */
function pullThroughStatement(clusterArn: string, prefix: string): PolicyStatement {
    const arn = parseArn(clusterArn);
    return {
        Sid: "EcrPullThroughCache",
        Effect: "Allow",
        Action: ["ecr:CreateRepository", "ecr:BatchImportUpstreamImage"],
        Resource: `arn:${arn.partition}:ecr:${arn.region}:${arn.account}:repository/${prefix}/*`,
    };
}

/** What a hybrid node role may do beyond its credential mode. */
export interface NodePolicyOptions {
    /** Repository prefix of the ECR pull-through cache (private clusters). */
    pullThroughPrefix?: string;
    /** EKS Pod Identity is on. */
    podIdentity?: boolean;
}

/** The Pod Identity agent on a hybrid node gets pods' credentials with the node's role, for this cluster only. */
function podIdentityStatement(clusterArn: string): PolicyStatement {
    return { Sid: "EksPodIdentity", Effect: "Allow", Action: "eks-auth:AssumeRoleForPodIdentity", Resource: clusterArn };
}

/** The statements every hybrid node role gets for its options. */
function optionalStatements(clusterArn: string, o: NodePolicyOptions): PolicyStatement[] {
    return [
        ...(o.pullThroughPrefix ? [pullThroughStatement(clusterArn, o.pullThroughPrefix)] : []),
        ...(o.podIdentity ? [podIdentityStatement(clusterArn)] : []),
    ];
}

/** Inline policy of the SSM hybrid node role. */
export function ssmNodePolicy(clusterArn: string, options: NodePolicyOptions = {}): PolicyDocument {
    const arn = parseArn(clusterArn);
    return doc(
        clusterReadStatement(clusterArn),
        { Sid: "SsmDescribe", Effect: "Allow", Action: "ssm:DescribeInstanceInformation", Resource: "*" },
        {
            // A node may deregister managed instances only of this cluster (the activation tags them).
            Sid: "SsmDeregisterOwnCluster",
            Effect: "Allow",
            Action: "ssm:DeregisterManagedInstance",
            Resource: `arn:${arn.partition}:ssm:${arn.region}:${arn.account}:managed-instance/*`,
            Condition: { StringEquals: { "ssm:resourceTag/EKSClusterARN": clusterArn } },
        },
        ...optionalStatements(clusterArn, options),
    );
}

/** Hybrid nodes with IAM Roles Anywhere: sessions only through this trust anchor, named after the certificate CN. */
export function rolesAnywhereTrustPolicy(trustAnchorArn: string): PolicyDocument {
    return doc(
        {
            Effect: "Allow",
            Principal: { Service: "rolesanywhere.amazonaws.com" },
            Action: ["sts:TagSession", "sts:SetSourceIdentity"],
            Condition: { ArnEquals: { "aws:SourceArn": trustAnchorArn } },
        },
        {
            Effect: "Allow",
            Principal: { Service: "rolesanywhere.amazonaws.com" },
            Action: "sts:AssumeRole",
            Condition: {
                StringEquals: { "sts:RoleSessionName": "${aws:PrincipalTag/x509Subject/CN}" },
                ArnEquals: { "aws:SourceArn": trustAnchorArn },
            },
        },
    );
}

/** Inline policy of the IAM Roles Anywhere hybrid node role. */
export function rolesAnywhereNodePolicy(clusterArn: string, options: NodePolicyOptions = {}): PolicyDocument {
    return doc(clusterReadStatement(clusterArn), ...optionalStatements(clusterArn, options));
}
